/**
 * Recording hand edits in the audit log, Google's way (issue 12): an installable onEdit trigger
 * that an admin turns on (Extensions → Carnet → Record hand edits), whose function `carnetOnEdit`
 * turns each edit of a directory's sheet into audit entries (core/audit/hand-edit.ts decides
 * which, and flags what the person's rights do not allow) and appends them to the Audit sheet.
 *
 * What the reference says, and what follows from it:
 * - "Installable triggers always run under the account of the person who created them"
 *   (https://developers.google.com/apps-script/guides/triggers/installable#restrictions): the
 *   trigger reads `_carnet` and appends to Audit with the admin's rights, whoever edits, and every
 *   edit counts against the admin's trigger runtime quota.
 * - The event's `user` is "the active user, if available (depending on a complex set of security
 *   restrictions)" (https://developers.google.com/apps-script/guides/triggers/events#edit): it may
 *   be blank (a colleague outside the admin's Workspace domain, a gmail.com account), and the entry
 *   then says nobody and is flagged. Session.getEffectiveUser() is the trigger's creator, never the
 *   editor, so it is no stand-in.
 * - "Each add-on can only have one trigger of each type, per user, per document", and "A given
 *   account can't see triggers installed from a second account"
 *   (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions): the
 *   admin who turned recording on is named in `_carnet` (HAND_EDITS_KEY), so a second admin adds
 *   no second trigger, and a trigger whose owner is not named there records nothing.
 * - "Script executions and API requests do not cause triggers to run": Carnet's own writes, which
 *   log themselves, never reach this handler.
 * - The trigger calls need the `script.scriptapp` scope; it is declared in appsscript.json and asked
 *   for with `ScriptApp.requireScopes` when an admin turns recording on or off, and only then (as
 *   drive.ts does for Save to Drive). The handler itself needs no scope the sidebar has not.
 * - Add-on triggers send no error emails: the handler never throws (main.ts catches and logs).
 * - One edit trigger per admin does both jobs: recording hand edits here, and keeping typed rows
 *   tidy (tidy-trigger.ts), each switched on and off on its own in `_carnet`. Turning one off
 *   removes the admin's trigger only when the other is not theirs to run.
 */

import { readAccess } from '../core/access/store.js';
import {
  creatorsFrom,
  directoryOfSheet,
  HAND_EDITS_KEY,
  handEditEntries,
  handEditsSetting,
  requireHandEditsAdmin,
  type CreatorOf,
  type HandEdit,
  type HandEditsSetting,
} from '../core/audit/hand-edit.js';
import { appendAudit, AUDIT_SHEET, decodeAudit } from '../core/audit/log.js';
import { AuditRecorder } from '../core/audit/recorder.js';
import { fail, toErrorData } from '../core/errors.js';
import { loadMessages } from '../core/messages/load.js';
import { say, speaking } from '../core/messages/say.js';
import { MetaStore, META_SHEET, type Meta } from '../core/schema/storage.js';
import { tidyTypedSetting } from '../core/tidy/typed-rows.js';
import type { Lang } from '../core/schema/types.js';
import type { Cell, UserInfo } from '../core/workbook.js';
import type { AppsScriptServices, EditEventApi, ScriptAppApi, SheetValue, SpreadsheetApi, TriggerApi, UserApi } from './apps-script-api.js';
import { OpenSpreadsheet } from './open-spreadsheet.js';
import { AppsScriptWorkbook } from './sheets-workbook.js';

export const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';
/** The global function the trigger calls (main.ts GLOBALS). */
export const EDIT_HANDLER = 'carnetOnEdit';

/** What turning recording on or off answers, for the menu's dialog and the sidebar. */
export interface HandEditsOutcome {
  /** Whether hand edits are recorded now. */
  recording: boolean;
  /** The admin whose trigger records them; null when none does. */
  by: string | null;
  /** Whether this call changed anything (a trigger made or removed, `_carnet` saved). */
  changed: boolean;
  message: string;
}

export const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The outcome as `carnet()` gives it: JSON, never a throw. */
export async function asJson<T>(fn: () => Promise<T>): Promise<string> {
  // No command runs these: their answers speak the workbook's language once `asAdmin` has read it.
  return speaking(undefined, async (speak) => {
    speakWorkbook = speak;
    try {
      return JSON.stringify({ ok: true, result: await fn() });
    } catch (e) {
      return JSON.stringify({ ok: false, error: toErrorData(e) });
    } finally {
      speakWorkbook = undefined;
    }
  });
}

/** Set by `asJson` while its answer is being made: switches it to the workbook's language. */
let speakWorkbook: ((lang: Lang) => void) | undefined;

function scriptApp(services: AppsScriptServices): ScriptAppApi {
  if (!services.ScriptApp) fail({ code: 'E_INTERNAL', message: say('Apps Script triggers are not available to Carnet here.') });
  return services.ScriptApp;
}

/** This user's triggers calling the handler in this spreadsheet (another person's are never listed). */
export function myEditTriggers(app: ScriptAppApi, book: SpreadsheetApi): TriggerApi[] {
  return app.getUserTriggers(book).filter((t) => t.getHandlerFunction() === EDIT_HANDLER);
}

/**
 * Checks the actor is an admin before anything is asked of them, then asks for the trigger scope
 * (which may end this execution with Google's consent prompt: nothing has changed yet), then runs
 * `change` under the document lock over `_carnet` read again, its changes logged as a command's.
 */
export interface AdminChange {
  wb: AppsScriptWorkbook;
  app: ScriptAppApi;
  actor: UserInfo;
  meta: Meta;
  setting: HandEditsSetting | undefined;
  save: () => Promise<void>;
}

export async function asAdmin<T>(
  services: AppsScriptServices,
  command: string,
  change: (ctx: AdminChange) => Promise<T>,
  requireAdmin: typeof requireHandEditsAdmin = requireHandEditsAdmin,
): Promise<T> {
  const app = scriptApp(services);
  const wb = new AppsScriptWorkbook(services);
  const actor = await wb.user();
  const first = await new MetaStore(wb).require();
  if (speakWorkbook) {
    await loadMessages(first.schema.lang);
    speakWorkbook(first.schema.lang);
  }
  requireAdmin(readAccess(first), actor);
  app.requireScopes(app.AuthMode.FULL, [SCRIPTAPP_SCOPE]);
  return wb.transaction(async () => {
    const recorder = new AuditRecorder(wb, actor, command, () => wb.now());
    const store = new MetaStore(recorder);
    const meta = await store.require();
    recorder.begin(meta);
    requireAdmin(readAccess(meta), actor);
    const save = async () => {
      await store.save(meta);
      await recorder.flush();
    };
    return change({ wb, app, actor, meta, setting: handEditsSetting(meta), save });
  });
}

/**
 * Turns the recording of hand edits on: one edit trigger of the admin's for this spreadsheet,
 * made once (running it again changes nothing), and the admin named in `_carnet`. When another
 * admin already records them, nothing is added. JSON out, never a throw.
 */
export function installAuditTrigger(services: AppsScriptServices): Promise<string> {
  return asJson(() =>
    asAdmin(services, 'installAuditTrigger', async ({ wb, app, actor, meta, setting, save }) => {
      if (setting && !same(setting.by, actor.id)) {
        return { recording: true, by: setting.by, changed: false, message: say('Carnet already records hand edits: {by} turned it on.', { by: setting.by }) };
      }
      const book = services.SpreadsheetApp.getActiveSpreadsheet();
      const made = myEditTriggers(app, book).length === 0;
      if (made) app.newTrigger(EDIT_HANDLER).forSpreadsheet(book).onEdit().create();
      if (!setting) {
        const named: HandEditsSetting = { by: actor.id, since: wb.now() };
        meta.extra[HAND_EDITS_KEY] = named;
        await save();
      }
      const changed = made || !setting;
      return {
        recording: true,
        by: actor.id,
        changed,
        message: changed
          ? say(
              "Carnet now records every edit typed into a directory's sheet in the Audit log, as “(by hand)”, and flags those the person's rights do not allow. It runs under your account: each edit counts against your Apps Script trigger time.",
            )
          : say('Carnet already records hand edits (you turned it on).'),
      };
    }),
  );
}

/**
 * Turns it off: the admin's own trigger removed, and nobody named in `_carnet` any more, so another
 * admin's trigger (which Google lets nobody else remove) records nothing either. JSON out.
 */
export function removeAuditTrigger(services: AppsScriptServices): Promise<string> {
  return asJson(() =>
    asAdmin(services, 'removeAuditTrigger', async ({ app, actor, meta, setting, save }) => {
      // The same trigger keeps typed rows tidy: it stays while that is this admin's to do.
      const tidying = tidyTypedSetting(meta);
      const mine = tidying && same(tidying.by, actor.id) ? [] : myEditTriggers(app, services.SpreadsheetApp.getActiveSpreadsheet());
      for (const t of mine) app.deleteTrigger(t);
      if (setting) {
        delete meta.extra[HAND_EDITS_KEY];
        await save();
      }
      const theirs = setting && !same(setting.by, actor.id);
      return {
        recording: false,
        by: null,
        changed: mine.length > 0 || !!setting,
        message: !(mine.length > 0 || setting)
          ? say('Carnet was not recording hand edits.')
          : theirs
            ? say("Carnet no longer records hand edits. {by}'s trigger stays installed but records nothing; only {by} can remove it (Extensions → Carnet → Stop recording hand edits).", { by: setting.by })
            : say('Carnet no longer records hand edits.'),
      };
    }),
  );
}

/** The event's user as an email: a User object (the reference), a string (older runtimes), or nothing. */
function emailOf(user: UserApi | string | undefined): string {
  if (typeof user === 'string') return user;
  if (user && typeof user.getEmail === 'function') return user.getEmail() ?? '';
  return '';
}

/** Carnet's own sheets, known by name before anything is read: their edits are never a record's. */
export function isCarnets(sheet: string): boolean {
  return sheet.toLowerCase().startsWith(META_SHEET) || same(sheet, AUDIT_SHEET);
}

/**
 * The trigger's work for one edit: nothing outside a directory's sheet (one `_carnet` read to know,
 * none for Carnet's own sheets), nothing when the trigger's owner is not the admin `_carnet` names;
 * else the header and the edited rows read (2 `getValues`), the entries made, and appended to
 * Audit in one call under the document lock. The log is read only when a record's owner must come
 * from it. Resolves to the number of entries appended.
 */
export async function handleEdit(services: AppsScriptServices, e: EditEventApi): Promise<number> {
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (isCarnets(name)) return 0;
  const wb = new AppsScriptWorkbook(services);
  const meta = await new MetaStore(wb).load();
  if (!meta || !directoryOfSheet(meta, name)) return 0;
  const setting = handEditsSetting(meta);
  if (!setting || !same(setting.by, services.Session.getEffectiveUser().getEmail() ?? '')) return 0;

  const box = { row: range.getRow(), column: range.getColumn(), rows: range.getNumRows(), columns: range.getNumColumns() };
  const width = Math.max(sheet.getLastColumn(), box.column + box.columns - 1);
  const open = new OpenSpreadsheet(services);
  const cells = (values: SheetValue[][]): Cell[][] => values.map((row) => row.map((v) => open.toCell(v)));
  const edit: HandEdit = {
    when: wb.now(),
    user: emailOf(e.user),
    sheet: name,
    range: box,
    header: cells(sheet.getRange(1, 1, 1, width).getValues())[0] ?? [],
    rows: cells(sheet.getRange(box.row, 1, box.rows, width).getValues()),
    ...(e.oldValue !== undefined ? { oldValue: open.toCell(e.oldValue) } : {}),
    ...(e.value !== undefined ? { value: open.toCell(e.value) } : {}),
  };
  let creators: CreatorOf | undefined;
  const creatorOf: CreatorOf = (directory, record) => {
    if (!creators) {
      const log = open.find(AUDIT_SHEET);
      creators = creatorsFrom(log ? decodeAudit(cells(log.getDataRange().getValues())) : []);
    }
    return creators(directory, record);
  };
  // No command runs a trigger: the flags it logs are said in the workbook's language.
  await loadMessages(meta.schema.lang);
  const entries = await speaking(meta.schema.lang, async () => handEditEntries(meta, readAccess(meta), edit, creatorOf));
  if (entries.length === 0) return 0;
  await wb.transaction(() => appendAudit(wb, entries));
  return entries.length;
}
