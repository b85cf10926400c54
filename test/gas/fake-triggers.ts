/**
 * Installable triggers of the fake (test/gas/fake-spreadsheet-app.ts), as the Apps Script reference
 * describes them: `ScriptApp.newTrigger(fn).forSpreadsheet(ss).onEdit().create()`,
 * `getUserTriggers(ss)`, `getProjectTriggers()`, `deleteTrigger(t)`
 * (https://developers.google.com/apps-script/reference/script/script-app), and a person's edit that
 * fires the edit triggers with the event object of
 * https://developers.google.com/apps-script/guides/triggers/events#edit.
 *
 * Modelled:
 * - A trigger is its creator's: "Installable triggers always run under the account of the person
 *   who created them", and "A given account can't see triggers installed from a second account"
 *   (https://developers.google.com/apps-script/guides/triggers/installable#restrictions).
 *   `getUserTriggers(ss)` lists the effective user's triggers in that spreadsheet,
 *   `getProjectTriggers()` the effective user's in every document; nobody else's.
 * - Every trigger method needs the `script.scriptapp` scope granted, and throws without it (the
 *   wording is the fake's, after Apps Script's "You do not have permission to call …").
 * - "Each add-on can only have one trigger of each type, per user, per document"
 *   (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions): a second
 *   edit trigger of one user in one spreadsheet throws (what Google does then is not documented);
 *   and "Triggers 20 / user / script" (https://developers.google.com/apps-script/guides/services/quotas):
 *   a 21st throws.
 * - `edit()` plays a person typing or pasting: their values are stored as `setValues` stores them
 *   (a protection that refuses them refuses the edit, and nothing fires), then every edit trigger
 *   on the spreadsheet runs, each as its owner. "Script executions and API requests do not cause
 *   triggers to run": Carnet's own writes fire nothing. The event has `authMode` FULL, `range`,
 *   `source`, `triggerUid`, `user` (the editor, or a blank email where Google withholds it: the
 *   test says which) and, for a single cell only, `oldValue` (undefined when the cell was empty)
 *   and `value` (undefined when it was cleared: the fake's reading).
 * - While a trigger runs, Session's effective user is its owner ("If the script is running under an
 *   installable trigger, this returns the account of the user who created the trigger",
 *   https://developers.google.com/apps-script/reference/base/session#geteffectiveuser); so is the
 *   fake's active user, which is whom the fake's protections check: the script writes with its
 *   owner's rights.
 * Not modelled: other event types, time-driven triggers, `getTriggerSourceId`, disabled or
 * uninstalled add-ons, trigger runtime quotas.
 */

import type {
  EditEventApi,
  SpreadsheetApi,
  SpreadsheetTriggerBuilderApi,
  TriggerApi,
  TriggerBuilderApi,
} from '../../gas-addon/apps-script-api.js';
import type { CallLog } from './fake-calls.js';
import { FakeUser } from './fake-services.js';
import type { FakeAppsScript, FakeSpreadsheet } from './fake-spreadsheet-app.js';

export const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';

/** The real enum is numeric in the typings and a string at run time; only identity matters here. */
export const EVENT_TYPE = {
  ON_EDIT: 'ON_EDIT' as unknown as GoogleAppsScript.Script.EventType,
  ON_CHANGE: 'ON_CHANGE' as unknown as GoogleAppsScript.Script.EventType,
};

const TRIGGERS_PER_USER = 20;

export class FakeTrigger implements TriggerApi {
  constructor(
    readonly id: string,
    readonly owner: string,
    readonly handler: string,
    readonly type: GoogleAppsScript.Script.EventType,
    readonly source: FakeSpreadsheet,
    private readonly log: CallLog,
  ) {}
  getHandlerFunction(): string {
    this.log.count('Trigger.getHandlerFunction');
    return this.handler;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    this.log.count('Trigger.getEventType');
    return this.type;
  }
  getUniqueId(): string {
    this.log.count('Trigger.getUniqueId');
    return this.id;
  }
}

/** What a test's edit is: the cells a person types or pastes, as whom, and whether Google names them. */
export interface PersonEdit {
  sheet: string;
  /** 1-based, as Apps Script's ranges. */
  row: number;
  column: number;
  values: (string | number | boolean)[][];
  editor: string;
  /** False: the event's user has a blank email ("if available"). Default true. */
  named?: boolean;
}

/** A trigger's function, as the script's globals would hold it. */
export type Handlers = Record<string, (e: EditEventApi) => unknown>;

export class FakeTriggers {
  /** Every trigger, whoever owns it (tests may look; scripts see only their own). */
  readonly all: FakeTrigger[] = [];
  private next = 1;

  constructor(private readonly fake: FakeAppsScript) {}

  private get log(): CallLog {
    return this.fake.calls;
  }

  private me(): string {
    return this.fake.effectiveUser.toLowerCase();
  }

  requireScope(method: string): void {
    if (!this.fake.consent.granted.has(SCRIPTAPP_SCOPE)) {
      throw new Error(`Exception: You do not have permission to call ScriptApp.${method}. Required permissions: ${SCRIPTAPP_SCOPE}`);
    }
  }

  newTrigger(functionName: string): TriggerBuilderApi {
    this.log.count('ScriptApp.newTrigger');
    this.requireScope('newTrigger');
    return {
      forSpreadsheet: (sheet: SpreadsheetApi): SpreadsheetTriggerBuilderApi => {
        this.log.count('TriggerBuilder.forSpreadsheet');
        if (sheet !== this.fake.spreadsheet) throw new Error('Exception: fake TriggerBuilder.forSpreadsheet: only the open spreadsheet is modelled.');
        let type: GoogleAppsScript.Script.EventType | undefined;
        const builder: SpreadsheetTriggerBuilderApi = {
          onEdit: () => {
            this.log.count('SpreadsheetTriggerBuilder.onEdit');
            type = EVENT_TYPE.ON_EDIT;
            return builder;
          },
          create: () => {
            this.log.count('SpreadsheetTriggerBuilder.create');
            if (type === undefined) throw new Error('Exception: fake SpreadsheetTriggerBuilder.create: no event type was chosen.');
            return this.create(functionName, type);
          },
        };
        return builder;
      },
    };
  }

  private create(handler: string, type: GoogleAppsScript.Script.EventType): FakeTrigger {
    const mine = this.all.filter((t) => t.owner.toLowerCase() === this.me());
    if (mine.some((t) => t.type === type && t.source === this.fake.spreadsheet)) {
      throw new Error('Exception: fake: an add-on can only have one trigger of each type, per user, per document (the editor add-on guide; Google’s wording is not known here).');
    }
    if (mine.length >= TRIGGERS_PER_USER) throw new Error('Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    const t = new FakeTrigger(`fake-trigger-${this.next++}`, this.fake.effectiveUser, handler, type, this.fake.spreadsheet, this.log);
    this.all.push(t);
    return t;
  }

  getUserTriggers(spreadsheet: SpreadsheetApi): FakeTrigger[] {
    this.log.count('ScriptApp.getUserTriggers');
    this.requireScope('getUserTriggers');
    return this.all.filter((t) => t.owner.toLowerCase() === this.me() && t.source === spreadsheet);
  }

  getProjectTriggers(): FakeTrigger[] {
    this.log.count('ScriptApp.getProjectTriggers');
    this.requireScope('getProjectTriggers');
    return this.all.filter((t) => t.owner.toLowerCase() === this.me());
  }

  deleteTrigger(trigger: TriggerApi): void {
    this.log.count('ScriptApp.deleteTrigger');
    this.requireScope('deleteTrigger');
    const i = this.all.findIndex((t) => t === trigger && t.owner.toLowerCase() === this.me());
    if (i < 0) throw new Error('Exception: fake ScriptApp.deleteTrigger: no such trigger of this user.');
    this.all.splice(i, 1);
  }

  /**
   * A person's edit: stored as they type it, then each edit trigger of the spreadsheet run as its
   * owner with the event; resolves when every handler has. Returns how many triggers ran.
   */
  async edit(edit: PersonEdit, handlers: Handlers): Promise<number> {
    const fake = this.fake;
    const sheet = fake.spreadsheet.sheet(edit.sheet);
    const rows = edit.values.length;
    const columns = edit.values[0]?.length ?? 0;
    const single = rows === 1 && columns === 1;
    const saved = { active: fake.activeUser, effective: fake.effectiveUser };
    const oldValue = single ? sheet.getRange(edit.row, edit.column, 1, 1).getValues()[0]![0] : undefined;
    fake.activeUser = fake.effectiveUser = edit.editor;
    try {
      sheet.getRange(edit.row, edit.column, rows, columns).setValues(edit.values);
    } finally {
      fake.activeUser = saved.active;
      fake.effectiveUser = saved.effective;
    }
    const range = sheet.getRange(edit.row, edit.column, rows, columns);
    let ran = 0;
    for (const t of this.all.filter((x) => x.type === EVENT_TYPE.ON_EDIT && x.source === fake.spreadsheet)) {
      const handler = handlers[t.handler];
      if (!handler) throw new Error(`fake: the trigger's function ${t.handler} is not among the script's globals.`);
      const e: EditEventApi & { authMode: unknown; source: FakeSpreadsheet } = {
        authMode: 'FULL',
        range,
        source: fake.spreadsheet,
        triggerUid: t.id,
        user: new FakeUser(edit.named === false ? '' : edit.editor, this.log),
        ...(single && oldValue !== '' ? { oldValue } : {}),
        ...(single && edit.values[0]![0] !== '' ? { value: edit.values[0]![0] } : {}),
      };
      fake.activeUser = fake.effectiveUser = t.owner;
      try {
        await handler(e);
        ran++;
      } finally {
        fake.activeUser = saved.active;
        fake.effectiveUser = saved.effective;
      }
    }
    return ran;
  }
}
