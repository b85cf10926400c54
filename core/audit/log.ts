/**
 * The audit log (issue 12): Carnet's own `Audit` sheet, one row per changed field of a record,
 * appended in the same transaction as the change and in one host call (`flushAudit`).
 *
 * A row says when (a date-time serial in the workbook's clock), who (the acting user's id), which
 * command, directory (key), record (its ID, or its display key while it has none), field (key;
 * `(created)` / `(deleted)` mark the records an import batch created or its undo deleted: one entry
 * per run of consecutive IDs, `CT-000001…CT-046513`, since the batch log keeps every value —
 * a row per field of 100,000 imported contacts would be a million rows, a tenth of a Google
 * spreadsheet's cells),
 * the old and new values as text, the import batch where there is one, and a flag for edits made by
 * hand that the person's rights do not allow (Google's installable onEdit trigger).
 */

import { isoDateTime, serialFromParts } from '../dates.js';
import type { Cell, Grid, Workbook } from '../workbook.js';

export const AUDIT_SHEET = 'Audit';

export const AUDIT_COLUMNS = ['When', 'Who', 'Command', 'Directory', 'Record', 'Field', 'Old value', 'New value', 'Batch', 'Flag'] as const;

export interface AuditEntry {
  /** Date-time serial (days since 1899-12-30, fraction for the time), in the workbook's clock. */
  when: number;
  who: string;
  command: string;
  directory: string;
  record: string;
  field: string;
  old: string;
  new: string;
  batch?: string;
  flag?: string;
}

/** A value as the log keeps it: text (an audit cell is never a formula: written as literal text). */
export function auditText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return String(v);
}

export function entryRow(e: AuditEntry): Cell[] {
  // Text, not a serial: readable in every host without a number format, and it sorts.
  return [isoDateTime(e.when).replace('T', ' '), e.who, e.command, e.directory, e.record, e.field, e.old, e.new, e.batch ?? '', e.flag ?? ''];
}

/** Rows of the sheet back to entries; the header row and blank rows are left out. */
export function decodeAudit(grid: Grid): AuditEntry[] {
  const out: AuditEntry[] = [];
  const header = (grid[0] ?? []).map((c) => String(c ?? '').trim());
  const at = (name: (typeof AUDIT_COLUMNS)[number]) => {
    const i = header.indexOf(name);
    return i >= 0 ? i : AUDIT_COLUMNS.indexOf(name);
  };
  const cols = AUDIT_COLUMNS.map((c) => at(c));
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r]!;
    if (row.every((c) => c === null || c === '')) continue;
    const text = (i: number) => auditText(row[cols[i]!] ?? null);
    const when = row[cols[0]!];
    const entry: AuditEntry = {
      when: typeof when === 'number' ? when : serialOfText(auditText(when ?? null)),
      who: text(1),
      command: text(2),
      directory: text(3),
      record: text(4),
      field: text(5),
      old: text(6),
      new: text(7),
    };
    if (text(8)) entry.batch = text(8);
    if (text(9)) entry.flag = text(9);
    out.push(entry);
  }
  return out;
}

/**
 * Appends entries to the log: one `append` (the header is written once, when the sheet is made).
 * Called inside the command's transaction, so the log and the change are saved together.
 */
export async function appendAudit(wb: Workbook, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const created = await wb.ensureSheet(AUDIT_SHEET, { visibility: 'hidden' });
  const rows = entries.map(entryRow);
  if (created) {
    await wb.write(AUDIT_SHEET, 0, 0, [[...AUDIT_COLUMNS], ...rows]);
    await wb.layout(AUDIT_SHEET, { frozenRows: 1, boldHeader: true, dataRows: 0, columns: [{ column: 0, width: 20 }, { column: 1, width: 24 }] });
    return;
  }
  await wb.append(AUDIT_SHEET, rows);
}

export interface AuditFilter {
  record?: string;
  user?: string;
  directory?: string;
  /** Serial: entries at or after it. */
  since?: number;
  until?: number;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Between the first and last ID of a run of records an import created or its undo deleted. */
export const RUN_MARK = '…';

/**
 * Whether an entry's record names `id`: the same ID or display key, or a run `CT-000001…CT-046513`
 * (one entry for the records an import batch created in a row) that holds it.
 */
export function recordMatches(entryRecord: string, id: string): boolean {
  if (same(entryRecord, id)) return true;
  const at = entryRecord.indexOf(RUN_MARK);
  if (at < 0) return false;
  const parse = (s: string) => /^(.*?)(\d+)$/.exec(s.trim());
  const [a, b, x] = [parse(entryRecord.slice(0, at)), parse(entryRecord.slice(at + RUN_MARK.length)), parse(id)];
  if (!a || !b || !x || !same(a[1]!, x[1]!) || !same(b[1]!, x[1]!)) return false;
  const n = Number(x[2]);
  return n >= Number(a[2]) && n <= Number(b[2]);
}

/** `[CT-000001, CT-000002, CT-000003, CT-000007]` → `CT-000001…CT-000003`, `CT-000007`: runs of consecutive numbers. */
export function idRuns(ids: readonly string[]): { record: string; count: number }[] {
  const parsed = ids.map((id) => {
    const m = /^(.*?)(\d+)$/.exec(id);
    return m ? { id, prefix: m[1]!, n: Number(m[2]), width: m[2]!.length } : { id, prefix: id, n: NaN, width: 0 };
  });
  const out: { record: string; count: number }[] = [];
  let start = 0;
  for (let i = 1; i <= parsed.length; i++) {
    const prev = parsed[i - 1]!;
    const cur = parsed[i];
    if (cur && cur.prefix === prev.prefix && cur.width === prev.width && cur.n === prev.n + 1) continue;
    const first = parsed[start]!;
    out.push({ record: i - 1 === start ? first.id : `${first.id}${RUN_MARK}${prev.id}`, count: i - start });
    start = i;
  }
  return out;
}

export function filterAudit(entries: readonly AuditEntry[], f: AuditFilter): AuditEntry[] {
  return entries.filter(
    (e) =>
      (f.record === undefined || recordMatches(e.record, f.record)) &&
      (f.user === undefined || same(e.who, f.user)) &&
      (f.directory === undefined || same(e.directory, f.directory)) &&
      (f.since === undefined || e.when >= f.since) &&
      (f.until === undefined || e.when < f.until),
  );
}

/** `2026-12-01 14:05:09` (or a date alone) back to a serial; 0 when it is not one. */
export function serialOfText(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text.trim());
  if (!m) return 0;
  return serialFromParts(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}
