/**
 * Edits typed by hand into a directory's sheet, as audit entries (issue 12). Carnet's own writes
 * log themselves (recorder.ts); what a person types straight into the sheet reaches the log only
 * where the host tells Carnet of it: Google's installable onEdit trigger, which an admin turns on
 * (gas-addon/audit-trigger.ts). This file turns one such edit into entries — command `(by hand)`,
 * one per changed cell of a Carnet column — and flags each one the person's rights do not allow,
 * so that the log shows it; it cannot undo it (the edit is already in the sheet).
 *
 * What the host knows of an edit is little: the edited rectangle, the rows as they are now, and —
 * for a single cell only — the value before (Google's `e.oldValue`, "Only available if the edited
 * range is a single cell", https://developers.google.com/apps-script/guides/triggers/events#edit).
 * A paste over many cells therefore logs every cell with its old value unknown.
 */

import { accountOf, decide, directoryRights, roleOf, type AccessModel } from '../access/model.js';
import { ownerField } from '../access/owner.js';
import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { DirectoryTable, empty } from '../records/directory-table.js';
import { fold } from '../schema/lookup.js';
import type { Meta } from '../schema/storage.js';
import { ID_HEADER, type DirectoryDef } from '../schema/types.js';
import type { Cell, UserInfo } from '../workbook.js';
import { auditText, type AuditEntry } from './log.js';

/** The Command column of an edit made by hand. */
export const HAND_EDIT_COMMAND = '(by hand)';
/** The Old value column where the host did not say what the cell held (a multi-cell edit). */
export const UNKNOWN_OLD = '(not known)';
/** The Record column of an edit to a directory's header row. */
export const HEADER_RECORD = '(header)';

/** One edit as the host saw it. */
export interface HandEdit {
  /** Date-time serial in the workbook's clock. */
  when: number;
  /** The editing person's id (email) as the host gave it; '' when it did not say. */
  user: string;
  /** The edited sheet's name. */
  sheet: string;
  /** The edited rectangle, 1-based like Apps Script's Range (row 1 is the header). */
  range: { row: number; column: number; rows: number; columns: number };
  /**
   * Single-cell edits only (Google gives neither for a range): the value before, undefined when the
   * cell was empty; and the value typed, undefined when the cell was cleared. Both undefined on a
   * single cell: a paste, whose old value is not known.
   */
  oldValue?: Cell;
  value?: Cell;
  /** The sheet's header row as it is now, from column A. */
  header: Cell[];
  /** The edited rows as they are now, whole from column A: `rows[i]` is sheet row `range.row + i`. */
  rows: Cell[][];
}

/**
 * Who created a record, from the audit log (a record's owner when its owner field is empty, as
 * core/access/owner.ts reads it); null when the log does not know. Asked only when needed.
 */
export type CreatorOf = (directory: string, record: string) => string | null;

/** A `CreatorOf` over entries already read: the first entry naming the record is its creation. */
export function creatorsFrom(log: readonly AuditEntry[]): CreatorOf {
  let first: Map<string, string> | undefined;
  return (directory, record) => {
    if (!first) {
      first = new Map();
      for (const e of log) {
        const k = `${e.directory}\u0000${fold(e.record)}`;
        if (!first.has(k)) first.set(k, e.who);
      }
    }
    return first.get(`${directory}\u0000${fold(record)}`) || null;
  };
}

const same = (a: string, b: string) => fold(a) === fold(b);

/** The directory whose sheet this is, if any. */
export function directoryOfSheet(meta: Meta, sheet: string): DirectoryDef | undefined {
  return meta.schema.directories.find((d) => same(d.sheet, sheet));
}

/**
 * The entries of one hand edit: none outside a directory's sheet; else one per edited cell of the
 * ID column or a field's column (a team's own columns are theirs), each with a flag when `model`
 * (the rights; undefined while they are off) does not let the person make it, or when the cell is
 * Carnet's to write (IDs, a sale's amount, headers).
 */
export function handEditEntries(meta: Meta, model: AccessModel | undefined, edit: HandEdit, creatorOf: CreatorOf = () => null): AuditEntry[] {
  const dir = directoryOfSheet(meta, edit.sheet);
  if (!dir) return [];
  const table = new DirectoryTable(dir, [edit.header]);
  const keyAt = new Map<number, string>();
  for (const [key, c] of table.columns) keyAt.set(c, key);
  if (table.idColumn >= 0) keyAt.set(table.idColumn, ID_HEADER);
  const single = edit.range.rows === 1 && edit.range.columns === 1;
  const label = named(dir.labels);
  const entry = (record: string, field: string, old: string, now: string, flag: string | undefined): AuditEntry => ({
    when: edit.when,
    who: edit.user,
    command: HAND_EDIT_COMMAND,
    directory: dir.key,
    record,
    field,
    old,
    new: now,
    ...(flag ? { flag } : {}),
  });

  const out: AuditEntry[] = [];
  for (let i = 0; i < edit.range.rows; i++) {
    const sheetRow = edit.range.row + i;
    const row = edit.rows[i] ?? [];
    const cells: { column: number; key: string; old: string; now: string }[] = [];
    for (let j = 0; j < edit.range.columns; j++) {
      const column = edit.range.column - 1 + j;
      const now = auditText(row[column] ?? null);
      const old = single ? oldOfSingle(edit) : UNKNOWN_OLD;
      // A header renamed by hand unbinds its column: the label before tells which field it was.
      const key = keyAt.get(column) ?? (sheetRow === 1 && single ? headerKey(dir, old) : undefined);
      if (key === undefined || old === now) continue;
      cells.push({ column, key, old, now });
    }
    if (cells.length === 0) continue;
    if (sheetRow === 1) {
      for (const c of cells) out.push(entry(HEADER_RECORD, c.key, c.old, c.now, say("not allowed: headers are Carnet's (rename a field through Carnet)")));
      continue;
    }
    const id = recordId(table, row, cells, sheetRow);
    const rights = model ? rightsFlag(model, edit.user, dir, label, table, row, cells, id, creatorOf) : undefined;
    for (const c of cells) {
      const own = c.key === ID_HEADER ? say("not allowed: IDs are Carnet's") : dir.key === 'sales' && c.key === 'amount' ? say("not allowed: a sale's amount is Carnet's formula") : undefined;
      out.push(entry(id.record, c.key, c.old, c.now, [own, rights].filter(Boolean).join('; ') || undefined));
    }
  }
  return out;
}

/** What a single cell held before, from Google's e.oldValue and e.value (see HandEdit). */
function oldOfSingle(edit: HandEdit): string {
  if (edit.oldValue !== undefined) return auditText(edit.oldValue);
  return edit.value !== undefined ? '' : UNKNOWN_OLD;
}

function headerKey(dir: DirectoryDef, label: string): string | undefined {
  if (label === UNKNOWN_OLD || label === '') return undefined;
  if (same(label, ID_HEADER)) return ID_HEADER;
  return new DirectoryTable(dir, [[label]]).columns.keys().next().value;
}

/**
 * The record a row is: its ID (the one before, when the edit retyped it), else its display value,
 * else `row N`; and whether it is new (no ID yet: typed in by hand).
 */
function recordId(table: DirectoryTable, row: Cell[], cells: { key: string; old: string }[], sheetRow: number): { record: string; isNew: boolean } {
  const retyped = cells.find((c) => c.key === ID_HEADER && c.old !== UNKNOWN_OLD && c.old !== '');
  const id = retyped ? retyped.old : table.idColumn >= 0 ? auditText(row[table.idColumn] ?? null).trim() : '';
  if (id) return { record: id, isNew: false };
  const display = table.displayColumn();
  const shown = display >= 0 ? auditText(row[display] ?? null).trim() : '';
  return { record: shown || `row ${sheetRow}`, isNew: table.idColumn >= 0 };
}

/**
 * Why the person's rights do not allow this row's edit, or undefined when they do — the same
 * decisions as core/access/enforce.ts: an account, then "own" to edit (or "add" for a row typed in
 * new), then "full" for a record someone else owns (its owner field, else its creator; the owner
 * before the edit when the edit changed it, unknown when a paste did).
 */
function rightsFlag(
  model: AccessModel,
  user: string,
  dir: DirectoryDef,
  label: string,
  table: DirectoryTable,
  row: Cell[],
  cells: { key: string; old: string }[],
  id: { record: string; isNew: boolean },
  creatorOf: CreatorOf,
): string | undefined {
  if (!user.trim()) return say('no account: Google did not say who made this edit');
  const account = accountOf(model, user);
  if (!account) return say('no account: {id} has none in this workbook', { id: user });
  if (!account.active) return say("no account: {id}'s account is deactivated", { id: account.id });
  const role = roleOf(model, account);
  if (!role) return say('no role: {id}\'s role "{role}" does not exist', { id: account.id, role: account.role });
  const { level } = directoryRights(role, dir.key);
  const has = { role: role.name, level };
  if (id.isNew) {
    return decide(model, user, { kind: 'directory', directory: dir.key, action: 'create' }).allowed ? undefined : say('not allowed: adding records to {directory} needs add ({role} has {level})', { directory: label, ...has });
  }
  if (!decide(model, user, { kind: 'directory', directory: dir.key, action: 'edit', owner: user }).allowed) return say('not allowed: editing {directory} needs own ({role} has {level})', { directory: label, ...has });
  if (level === 'full') return undefined;
  const owner = ownerBefore(dir, table, row, cells, id.record, creatorOf);
  const mine = owner !== null && (same(owner, account.id) || same(owner, account.name));
  return mine ? undefined : say("not allowed: editing another's record needs full ({role} has {level})", has);
}

function ownerBefore(dir: DirectoryDef, table: DirectoryTable, row: Cell[], cells: { key: string; old: string }[], record: string, creatorOf: CreatorOf): string | null {
  const field = ownerField(dir);
  if (field) {
    const edited = cells.find((c) => c.key === field.key);
    if (edited?.old === UNKNOWN_OLD) return null;
    const column = table.columns.get(field.key);
    const value = edited ? edited.old : column === undefined ? '' : auditText(row[column] ?? null);
    if (!empty(value)) return value.trim();
  }
  return creatorOf(dir.key, record);
}

// -------------------------------------------------------------------------------------------------
// Turning the recording of hand edits on and off

/**
 * The `_carnet` entry saying who turned the recording of hand edits on, and when. Google gives
 * each person their own triggers, which nobody else can see, so this entry is what stops a second
 * admin from adding a second trigger (every edit would be logged twice); a trigger that finds
 * someone else named here, or nobody, records nothing.
 */
export const HAND_EDITS_KEY = 'handEdits';

export interface HandEditsSetting {
  /** The admin whose trigger records hand edits. */
  by: string;
  /** Date-time serial. */
  since: number;
}

export function handEditsSetting(meta: Meta): HandEditsSetting | undefined {
  const x = meta.extra[HAND_EDITS_KEY] as HandEditsSetting | undefined;
  return x && typeof x === 'object' && typeof x.by === 'string' && x.by.trim() ? x : undefined;
}

/**
 * Refuses (E_FORBIDDEN) anyone but an admin (the right "manageUsers") turning the recording of hand
 * edits on or off; rights must be set up, since flagging edits needs them.
 */
export function requireHandEditsAdmin(model: AccessModel | undefined, actor: UserInfo): void {
  if (!actor.id.trim()) {
    fail({
      code: 'E_FORBIDDEN',
      right: 'account',
      message: say('Carnet cannot tell who you are (the spreadsheet gave no email address or login), so it cannot check your rights. Sign in to your account, or ask an admin.'),
    });
  }
  if (!model) {
    fail({ code: 'E_FORBIDDEN', right: 'manageUsers', message: say('Rights are not set up in this workbook yet: add a user first (Settings → Users & rights), then turn on the recording of hand edits.') });
  }
  const decision = decide(model, actor.id, { kind: 'right', right: 'manageUsers' });
  if (!decision.allowed) {
    fail({ code: 'E_FORBIDDEN', right: 'manageUsers', value: actor.id, message: say('{id} may not turn the recording of hand edits on or off: that needs {missing}, which admins have.', { id: actor.id, missing: decision.missing }) });
  }
}
