/**
 * Tidy in the task pane (issue 13 §2): when the pane opens, on request, and for rows edited while
 * it is open, Carnet plans a tidy of the rows typed by hand and, when there is something to tidy,
 * says so in one line above the sidebar with a "Tidy up" button. Loaded after the sidebar
 * (taskpane.ts imports it on demand): it is not part of the pane's first load.
 *
 * Decisions, and why:
 * - Only for a person with the right configure (the `me` command; rights off gives every right):
 *   tidy rewrites everyone's rows, and the commands refuse anyone else. Nobody signed in yet (E_LOGIN)
 *   is no one: the check runs again when the identity changes.
 * - Nothing is written without the person's click. The button applies the plan the line counted
 *   (`tidy.apply` with its token): if the sheets changed meanwhile, core refuses (E_CONFLICT), the
 *   pane says so and shows the new count.
 * - Edits while the pane is open (ExcelApi 1.7 `Worksheet.onChanged`, on the directories' sheets):
 *   planned again 2 s after the last one, never applied. A co-author's edits (`source` "Remote")
 *   count too: their rows are typed by hand as well, and a colleague's tidy must take the line away.
 * - Carnet's own writes are not edits to plan again for: where Excel says who made a change
 *   (ExcelApi 1.14 `triggerSource` "ThisLocalAddin") that decides; on an older Excel, a local change
 *   heard while a command runs, or within `settle` ms of the last one (events arrive after the write
 *   they report), is taken as Carnet's. A person's edit in that window waits for their next one.
 */

import { plural } from '../core/schema/adopt-columns.js';
import type { TidyPlan, TidyResult } from '../core/tidy/types.js';
import type { RunBatch, XlWorksheetChangedEventArgs } from './excel-api.js';
import type { InProcessBridge } from './bridge.js';

/** Registers `changed` on the onChanged event of each sheet named. */
export type WatchSheets = (sheets: string[], changed: (args: XlWorksheetChangedEventArgs) => void) => Promise<void>;

/** The line above the sidebar; `undefined` takes it away. */
export interface TidyLine {
  /** "3 rows typed by hand can be tidied". */
  text: string;
  /** The plan's own message: which directories, how many cells, what is left for a person. */
  detail: string;
  /** What the "Tidy up" button does. */
  apply(): Promise<void>;
}

export interface TidyNoticeOptions {
  bridge: Pick<InProcessBridge, 'call' | 'quietFor'>;
  /** Shows the line, or takes it away. */
  show(line: TidyLine | undefined): void;
  /** Tells the person what a tidy did, or why it did not. */
  report(message: string): void;
  /** Where the host offers change events (ExcelApi 1.7); absent: open and on request only. */
  watch?: WatchSheets;
  /** Milliseconds after the last edit before planning again; 2,000 by default. */
  after?: number;
  /** Milliseconds after a command in which a local change is taken as Carnet's own; 1,000 by default. */
  settle?: number;
}

/** Rows with a change, all directories together: "rows typed by hand" in the person's words. */
export function rowsToTidy(plan: TidyPlan): number {
  return plan.directories.reduce((n, d) => n + new Set(d.changes.map((c) => c.row)).size, 0);
}

export class TidyNotice {
  private readonly watched = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The latest check: a later one supersedes what an earlier one would show. */
  private generation = 0;

  constructor(private readonly options: TidyNoticeOptions) {}

  /** Plans a tidy and shows the line when there is something to tidy (on open, on request, after edits). */
  async check(): Promise<void> {
    const generation = ++this.generation;
    const { bridge } = this.options;
    let plan: TidyPlan | undefined;
    try {
      const me = await bridge.call<{ rights: string[] }>('me');
      if (me.rights.includes('configure')) plan = await bridge.call<TidyPlan>('tidy.plan');
    } catch {
      // Nobody signed in yet, or no CRM in this workbook: nothing to offer, no error to show.
      plan = undefined;
    }
    if (generation !== this.generation) return;
    if (plan) await this.watchSheets(plan.directories.map((d) => d.sheet));
    this.options.show(plan && plan.changes > 0 ? this.line(plan) : undefined);
  }

  /** An onChanged event: plans again `after` ms after the last edit, unless Carnet made it. */
  changed(args: XlWorksheetChangedEventArgs): void {
    if (this.ownChange(args)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, this.options.after ?? 2_000);
  }

  /** Stops planning for edits (the handlers stay registered until the pane closes). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
  }

  private ownChange(args: XlWorksheetChangedEventArgs): boolean {
    if (args.triggerSource !== undefined) return args.triggerSource === 'ThisLocalAddin';
    return args.source === 'Local' && this.options.bridge.quietFor() < (this.options.settle ?? 1_000);
  }

  private line(plan: TidyPlan): TidyLine {
    return {
      text: `${plural(rowsToTidy(plan), 'row')} typed by hand can be tidied`,
      detail: plan.message,
      apply: () => this.apply(plan.token),
    };
  }

  private async apply(token: string): Promise<void> {
    try {
      const result = await this.options.bridge.call<TidyResult>('tidy.apply', { confirmed: token });
      this.options.report(result.message);
    } catch (e) {
      this.options.report((e as Error).message);
    }
    // Tidied: the line goes. Refused (the sheets changed): the new count shows.
    await this.check();
  }

  private async watchSheets(sheets: string[]): Promise<void> {
    const watch = this.options.watch;
    const fresh = sheets.filter((s) => !this.watched.has(s));
    if (!watch || fresh.length === 0) return;
    for (const s of fresh) this.watched.add(s);
    try {
      await watch(fresh, (args) => this.changed(args));
    } catch {
      // A sheet renamed since the plan: it is watched again under its new name at the next check.
      for (const s of fresh) this.watched.delete(s);
    }
  }
}

/** `Worksheet.onChanged` on the sheets named, in one batch. */
export function watchWithExcel(run: RunBatch): WatchSheets {
  return (sheets, changed) =>
    run({ delayForCellEdit: true }, async (context) => {
      for (const name of sheets) {
        context.workbook.worksheets.getItem(name).onChanged.add(async (args) => changed(args));
      }
      await context.sync();
    });
}

/** The task pane's tidy line, after `bar`; checked now, and whenever the identity changes. */
export function startTidyNotice(options: {
  bar: HTMLElement;
  bridge: Pick<InProcessBridge, 'call' | 'quietFor'>;
  onIdentityChange(listener: () => void): void;
  report(message: string): void;
  run?: RunBatch;
}): TidyNotice {
  const line = document.createElement('p');
  line.className = 'carnet carnet-tidy';
  line.setAttribute('role', 'status');
  line.hidden = true;
  options.bar.after(line);
  const notice = new TidyNotice({
    bridge: options.bridge,
    report: options.report,
    ...(options.run ? { watch: watchWithExcel(options.run) } : {}),
    show: (shown) => {
      line.replaceChildren();
      line.hidden = !shown;
      if (!shown) return;
      line.title = shown.detail;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Tidy up';
      button.onclick = () => {
        button.disabled = true;
        void shown.apply().finally(() => (button.disabled = false));
      };
      line.append(`${shown.text} — `, button);
    },
  });
  options.onIdentityChange(() => void notice.check());
  void notice.check();
  return notice;
}
