/**
 * Whose a record is (issue 12): its owner / manager field — the `owner` field, else the
 * directory's first field of type user (a note's author, a task's assignee) — or, when that is
 * empty or the directory has none, its creator as the audit log remembers them.
 */

import { AUDIT_SHEET, decodeAudit, recordMatches } from '../audit/log.js';
import type { Crm } from '../records/crm.js';
import { empty } from '../records/directory-table.js';
import type { DirectoryDef, FieldDef } from '../schema/types.js';

export function ownerField(dir: DirectoryDef): FieldDef | undefined {
  return dir.fields.find((f) => f.key === 'owner' && f.type === 'user') ?? dir.fields.find((f) => f.type === 'user');
}

/**
 * The owner's id as the sheet holds it; null when nobody is known (a record typed by hand before
 * the log, with no owner); undefined when no record answers to `ref` (the command then says so).
 */
export async function ownerOf(crm: Crm, dir: DirectoryDef, ref: string): Promise<{ owner: string | null; record: string } | undefined> {
  const table = await crm.table(dir.key);
  const byId = table.findById(ref);
  const found = byId ? [byId] : table.findByDisplay(ref);
  if (found.length !== 1) return undefined;
  const rec = found[0]!;
  const name = rec.id || table.displayOf(rec) || ref;
  const field = ownerField(dir);
  const value = field ? rec.values[field.key] : null;
  if (field && !empty(value)) return { owner: String(value).trim(), record: name };
  if (!rec.id) return { owner: null, record: name };
  const log = decodeAudit(await crm.wb.read(AUDIT_SHEET));
  const first = log.find((e) => e.directory === dir.key && recordMatches(e.record, rec.id));
  return { owner: first ? first.who : null, record: name };
}
