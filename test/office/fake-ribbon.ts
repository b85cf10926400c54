/**
 * Excel's ribbon over an add-in's manifest, for the buttons' tests: what a click on one of the
 * add-in's buttons does to its task pane, by the manifest reference's and the shared runtime
 * articles' words.
 *
 * - A `ShowTaskpane` action opens the pane its `TaskpaneId` names, on the action's
 *   `SourceLocation`; "when users choose commands that share the same TaskpaneId, the pane
 *   container will remain open but the contents of the pane will be replaced with the
 *   corresponding Action SourceLocation" (https://learn.microsoft.com/javascript/api/manifest/action#taskpaneid).
 * - An `ExecuteFunction` action runs a function of the function file, registered with
 *   `Office.actions.associate` (here: `functions`). It never opens the pane by itself. The function
 *   may call `Office.addin.showAsTaskpane()`, which needs a shared runtime — a `<Runtimes>` element
 *   whose `Runtime` is the pane's page, and the SharedRuntime 1.1 requirement
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime) —
 *   and which "as of February 23rd, 2026 … no longer applies to add-ins published in the Microsoft
 *   Marketplace. Calls to showAsTaskpane are ignored and won't open the task pane"
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in). What it does in a
 *   runtime that is not shared is not documented: the fake refuses it.
 *
 * Not modelled: the pane's own page (a test reads the URL it was given), closing it by hand other
 * than `closePane`, more than the desktop form factor's ribbon.
 */

import { childrenNamed, descendants, parseXml, type XmlElement } from '../../office-addin/xml.js';

/** Where the add-in came from: Microsoft Marketplace (AppSource), an admin's central deployment, or sideloading. */
export type Distribution = 'marketplace' | 'central' | 'sideloaded';

export interface FakePane {
  /** The page the pane shows now. */
  url: string;
  /** Pages loaded into it so far: the first, then each one that replaced it. */
  loads: string[];
  visible: boolean;
}

/** The event a function command gets (Office.AddinCommands.Event): the button stays busy until `completed`. */
export interface FakeCommandEvent {
  completed(): void;
}

interface Button {
  id: string;
  action: XmlElement;
}

export class FakeRibbon {
  /** Task panes by TaskpaneId (an action without one has a pane of its own, keyed by its control id). */
  readonly panes = new Map<string, FakePane>();
  /** Function commands registered by the function file, by FunctionName. */
  readonly functions = new Map<string, (event: FakeCommandEvent) => unknown>();
  /** Function commands whose event was not completed (the button would stay busy). */
  readonly busy: string[] = [];
  private readonly root: XmlElement;
  private readonly urls = new Map<string, string>();

  constructor(
    manifest: string,
    readonly distribution: Distribution,
  ) {
    this.root = parseXml(manifest);
    for (const el of descendants(this.root)) if (el.name === 'bt:Url' && el.attributes.id) this.urls.set(el.attributes.id, el.attributes.DefaultValue ?? '');
  }

  /** The ribbon's buttons, by control id, in the manifest's order. */
  buttons(): string[] {
    return this.controls().map((b) => b.id);
  }

  /** The only pane open, or undefined; fails when several are (the tests expect one). */
  get pane(): FakePane | undefined {
    const open = [...this.panes.values()].filter((p) => p.visible);
    if (open.length > 1) throw new Error(`${open.length} task panes are open`);
    return open[0];
  }

  /** The person closes the task pane (its ×). */
  closePane(): void {
    for (const p of this.panes.values()) p.visible = false;
  }

  async click(id: string): Promise<void> {
    const button = this.controls().find((b) => b.id === id);
    if (!button) throw new Error(`No ribbon button ${id}`);
    const type = button.action.attributes['xsi:type'];
    if (type === 'ShowTaskpane') {
      const paneId = childrenNamed(button.action, 'TaskpaneId')[0]?.text || id;
      this.show(paneId, this.resolve(childrenNamed(button.action, 'SourceLocation')[0]));
      return;
    }
    if (type === 'ExecuteFunction') {
      const name = childrenNamed(button.action, 'FunctionName')[0]?.text ?? '';
      const fn = this.functions.get(name);
      // No function of that name was associated: nothing happens, the button looks dead.
      if (!fn) return;
      let completed = false;
      await fn({ completed: () => void (completed = true) });
      if (!completed) this.busy.push(name);
      return;
    }
    throw new Error(`Unknown action type ${type}`);
  }

  /** `Office.addin` as the function file's runtime sees it. */
  readonly addin = {
    showAsTaskpane: async (): Promise<void> => {
      const shared = this.sharedRuntime();
      if (!shared) throw new Error('Office.addin.showAsTaskpane needs a shared runtime, which this manifest does not declare');
      // Ignored for Marketplace add-ins since 23 February 2026: resolves, and nothing opens.
      if (this.distribution === 'marketplace') return;
      this.show(shared.paneId, shared.url);
    },
  };

  private show(paneId: string, url: string): void {
    const pane = this.panes.get(paneId);
    if (!pane) {
      this.panes.set(paneId, { url, loads: [url], visible: true });
      return;
    }
    pane.visible = true;
    if (pane.url !== url) {
      pane.url = url;
      pane.loads.push(url);
    }
  }

  /** The pane a shared runtime keeps, when the manifest declares one as the article says. */
  private sharedRuntime(): { paneId: string; url: string } | undefined {
    const runtime = descendants(this.root).find((e) => e.name === 'Runtime');
    const requirements = childrenNamed(this.root, 'Requirements')[0];
    const declared = requirements && descendants(requirements).some((e) => e.name === 'Set' && e.attributes.Name === 'SharedRuntime');
    if (!runtime || !declared) return undefined;
    // "The shared runtime won't load if the resid uses different values in the manifest."
    const button = this.controls().find(
      (b) => b.action.attributes['xsi:type'] === 'ShowTaskpane' && childrenNamed(b.action, 'SourceLocation')[0]?.attributes.resid === runtime.attributes.resid,
    );
    if (!button) return undefined;
    return { paneId: childrenNamed(button.action, 'TaskpaneId')[0]?.text || button.id, url: this.resolve(childrenNamed(button.action, 'SourceLocation')[0]) };
  }

  private resolve(location: XmlElement | undefined): string {
    const url = location ? this.urls.get(location.attributes.resid ?? '') : undefined;
    if (url === undefined) throw new Error(`SourceLocation resid "${location?.attributes.resid}" is not a <bt:Url>`);
    return url;
  }

  private controls(): Button[] {
    const out: Button[] = [];
    for (const el of descendants(this.root)) {
      if (el.name !== 'Control' || el.attributes['xsi:type'] !== 'Button') continue;
      const action = childrenNamed(el, 'Action')[0];
      if (action && el.attributes.id) out.push({ id: el.attributes.id, action });
    }
    return out;
  }
}
