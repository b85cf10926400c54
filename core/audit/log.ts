/**
 * The audit log (issue 12): Carnet's own `Audit` sheet, one row per changed field of a record,
 * appended in the same transaction as the change and in one host call (`flushAudit`).
 *
 * A row says when (a date-time serial in the workbook's clock), who (the acting user's id), which
 * command, directory (key), record (its ID, or its display key while it has none), field (key;
 * `(created)` / `(deleted)` mark a whole record where a row per field would say nothing more),
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

export function filterAudit(entries: readonly AuditEntry[], f: AuditFilter): AuditEntry[] {
  return entries.filter(
    (e) =>
      (f.record === undefined || same(e.record, f.record)) &&
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
