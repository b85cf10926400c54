/**
 * Keeping typed rows tidy as they are typed, Google's way (issue 13 §2): when an admin turns it on
 * (Extensions → Carnet → Keep typed rows tidy), each edit of a directory's sheet runs tidy over the
 * edited rows only (core/tidy, `rows`): a row typed without an ID gets one and its defaults, values
 * are rewritten in stored form (phones, emails, dates, money), nothing else is changed. A cell tidy
 * cannot fix (a bad email) gets a note saying why, and loses it once it is valid.
 *
 * It rides on the audit's installable onEdit trigger (audit-trigger.ts, whose reference notes apply
 * here too): "Each add-on can only have one trigger of each type, per user, per document"
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions), so one
 * trigger per admin calls `carnetOnEdit`, which does what `_carnet` has switched on for it — here,
 * when `_carnet` names this trigger's owner under TIDY_TYPED_KEY (core/tidy/typed-rows.ts).
 *
 * Decisions, and why:
 * - Notes: only Carnet's own, each starting with NOTE_MARKER. A note without it is a person's and
 *   is never written over nor removed, even on a cell with a problem. A note is added on a problem
 *   cell of the edited range (what the person just typed: a row's other empty required cells are
 *   not nagged about while it is being typed), kept up to date on any cell of the edited rows that
 *   has one already, and removed from any such cell whose problem is gone. Each note is its own
 *   `setNote`, on that cell only: a block `setNotes` would write over people's notes too.
 * - Tidy's writes are Carnet's, logged in Audit as `tidy.apply` by the trigger's owner (the
 *   admin who turned this on; Google does not reliably name the editor, see audit-trigger.ts).
 *   Being Carnet's (a script's), they fire no trigger again.
 * - Cost, per edit event (https://developers.google.com/apps-script/guides/services/quotas): one
 *   run of the handler; under the document lock (one `tryLock`); `_carnet` and the sheet list read,
 *   the edited sheet read once (its ID column is needed to give an ID past every ID; the payload
 *   grows with the sheet, the number of calls does not), any sheet check needs for a reference,
 *   one write of the edited rows' changed cells and one of `_carnet` when IDs were given, one
 *   append to Audit, one `getNotes` of the edited rows and one `setNote` per note that changes
 *   there. The count does not grow with the sheet; every run counts against the admin's daily
 *   "Triggers total runtime" quota (90 min/day for consumer accounts, 6 h for Workspace, at the
 *   time of writing) and must end within the 30 s a trigger run may take.
 * - A failure (a colleague's edit racing the write: E_CONFLICT; the lock busy: E_LOCKED) leaves the
 *   rows as typed; the next edit of the row tidies it, or `tidy.apply` from the sidebar.
 */

import { directoryOfSheet } from '../core/audit/hand-edit.js';
import { AuditRecorder } from '../core/audit/recorder.js';
import { MetaStore } from '../core/schema/storage.js';
import { loadMessages } from '../core/messages/load.js';
import { say, speaking } from '../core/messages/say.js';
import { applyTidy } from '../core/tidy/apply.js';
import { requireTidyTypedAdmin, TIDY_TYPED_KEY, tidyTypedSetting, type TidyTypedSetting } from '../core/tidy/typed-rows.js';
import type { AppsScriptServices, EditEventApi } from './apps-script-api.js';
import { asAdmin, asJson, EDIT_HANDLER, isCarnets, myEditTriggers, same } from './audit-trigger.js';
import { AppsScriptWorkbook } from './sheets-workbook.js';

/** How every note Carnet writes begins: what tells Carnet's notes from a person's. */
export const NOTE_MARKER = 'Carnet: ';

/** What turning it on or off answers, for the menu's dialog and the sidebar. */
export interface TidyTypedOutcome {
  /** Whether typed rows are kept tidy now. */
  tidying: boolean;
  /** The admin whose trigger does it; null when none does. */
  by: string | null;
  /** Whether this call changed anything (a trigger made or removed, `_carnet` saved). */
  changed: boolean;
  message: string;
}

/**
 * Turns it on: the admin's edit trigger made unless they have one already (the audit's), and the
 * admin named in `_carnet`. When another admin already does it, nothing is added. JSON out.
 */
export function installTidyTrigger(services: AppsScriptServices): Promise<string> {
  return asJson(() =>
    asAdmin<TidyTypedOutcome>(
      services,
      'installTidyTrigger',
      async ({ wb, app, actor, meta, save }) => {
        const setting = tidyTypedSetting(meta);
        if (setting && !same(setting.by, actor.id)) {
          return { tidying: true, by: setting.by, changed: false, message: say('Carnet already keeps typed rows tidy: {by} turned it on.', { by: setting.by }) };
        }
        const book = services.SpreadsheetApp.getActiveSpreadsheet();
        const made = myEditTriggers(app, book).length === 0;
        if (made) app.newTrigger(EDIT_HANDLER).forSpreadsheet(book).onEdit().create();
        if (!setting) {
          const named: TidyTypedSetting = { by: actor.id, since: wb.now() };
          meta.extra[TIDY_TYPED_KEY] = named;
          await save();
        }
        const changed = made || !setting;
        return {
          tidying: true,
          by: actor.id,
          changed,
          message: changed
            ? say(
                "Carnet now tidies each row typed into a directory's sheet as it is typed: an ID, values in stored form, defaults; a cell it cannot fix gets a note starting “{marker}”. It runs under your account: each edit counts against your Apps Script trigger time.",
                { marker: NOTE_MARKER.trim() },
              )
            : say('Carnet already keeps typed rows tidy (you turned it on).'),
        };
      },
      requireTidyTypedAdmin,
    ),
  );
}

/** Turns it off: nobody named any more; the admin's trigger removed unless it still records hand edits. JSON out. */
export function removeTidyTrigger(services: AppsScriptServices): Promise<string> {
  return asJson(() =>
    asAdmin<TidyTypedOutcome>(
      services,
      'removeTidyTrigger',
      async ({ app, actor, meta, setting: recording, save }) => {
        const setting = tidyTypedSetting(meta);
        const mine = recording && same(recording.by, actor.id) ? [] : myEditTriggers(app, services.SpreadsheetApp.getActiveSpreadsheet());
        for (const t of mine) app.deleteTrigger(t);
        if (setting) {
          delete meta.extra[TIDY_TYPED_KEY];
          await save();
        }
        const theirs = setting && !same(setting.by, actor.id);
        return {
          tidying: false,
          by: null,
          changed: mine.length > 0 || !!setting,
          message: !setting
            ? say('Carnet was not keeping typed rows tidy.')
            : theirs
              ? say("Carnet no longer keeps typed rows tidy. {by}'s trigger stays installed but tidies nothing; only {by} can remove it (Extensions → Carnet → Stop keeping typed rows tidy).", { by: setting.by })
              : say('Carnet no longer keeps typed rows tidy.'),
        };
      },
      requireTidyTypedAdmin,
    ),
  );
}

/**
 * The trigger's tidy for one edit: nothing outside a directory's sheet (none of Carnet's own is
 * even read), nothing unless `_carnet` names this trigger's owner; else, under the document lock,
 * the edited rows tidied and their notes set. Resolves to the number of cells written.
 */
export async function tidyEditedRows(services: AppsScriptServices, e: EditEventApi): Promise<number> {
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (isCarnets(name)) return 0;
  const wb = new AppsScriptWorkbook(services);
  const meta = await new MetaStore(wb).load();
  if (!meta || !directoryOfSheet(meta, name)) return 0;
  const owner = services.Session.getEffectiveUser().getEmail() ?? '';
  const setting = tidyTypedSetting(meta);
  if (!setting || !same(setting.by, owner)) return 0;
  // The header row is Carnet's: never tidied.
  const from = Math.max(2, range.getRow());
  const to = range.getRow() + range.getNumRows() - 1;
  if (to < from) return 0;
  const edited = { first: range.getColumn(), last: range.getColumn() + range.getNumColumns() - 1 };

  // No command runs a trigger: its notes are said in the workbook's language (their marker stays
  // NOTE_MARKER, in every language, since it is how Carnet knows its own notes).
  const lang = meta.schema.lang;
  await loadMessages(lang);
  return speaking(lang, () => wb.transaction(async () => {
    const actor = { id: owner, name: owner.split('@')[0] ?? owner };
    const recorder = new AuditRecorder(wb, actor, 'tidy.apply', () => wb.now());
    recorder.begin(meta);
    const now = wb.now();
    const result = await applyTidy(recorder, { rows: { sheet: name, from, to } }, { now, today: Math.floor(now), user: owner });
    await recorder.flush();

    // Problems by cell, 1-based, in the edited rows.
    const problems = new Map<string, string[]>();
    for (const p of result.problems) {
      const at = p.cell === undefined ? undefined : cellOf(p.cell);
      if (!at) continue;
      const k = `${at.row}:${at.column}`;
      problems.set(k, [...(problems.get(k) ?? []), p.message]);
    }
    const width = Math.max(sheet.getLastColumn(), edited.last);
    const notes = sheet.getRange(from, 1, to - from + 1, width).getNotes();
    notes.forEach((row, i) =>
      row.forEach((note, j) => {
        const [r, c] = [from + i, j + 1];
        const ours = note.startsWith(NOTE_MARKER);
        if (note !== '' && !ours) return; // a person's note: never touched
        const why = problems.get(`${r}:${c}`);
        const wanted = why ? `${NOTE_MARKER}${why.join('\n')}` : '';
        if (wanted === note) return;
        if (why && !ours && (c < edited.first || c > edited.last)) return;
        sheet.getRange(r, c, 1, 1).setNote(wanted === '' ? null : wanted);
      }),
    );
    return result.written;
  }));
}

/** `C12` → row 12, column 3. */
function cellOf(a1: string): { row: number; column: number } | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) return undefined;
  const column = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), column };
}
