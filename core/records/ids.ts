/**
 * Record ids: `CO-000042`. Allocated inside a transaction from a counter kept in `_carnet`,
 * never below the highest id already in the sheet, so ids are never reused — not after a
 * delete, not when someone typed ids by hand.
 */

import type { DirectoryDef } from '../schema/types.js';
import type { Crm } from './crm.js';
import type { DirectoryTable } from './directory-table.js';

export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}

export function idNumber(prefix: string, id: string): number | undefined {
  let re = PATTERNS.get(prefix);
  if (!re) PATTERNS.set(prefix, (re = new RegExp(`^${prefix.replace(/[^A-Za-z0-9]/g, '')}-(\\d+)$`, 'i')));
  const m = re.exec(id.trim());
  return m ? Number(m[1]) : undefined;
}

/** One pattern per prefix: allocating an id scans every id of the sheet. */
const PATTERNS = new Map<string, RegExp>();

/** Hands out `count` new ids and advances the counter (saved with the meta by the caller). */
export function allocateIds(crm: Crm, dir: DirectoryDef, table: DirectoryTable, count: number): string[] {
  let top = crm.meta.counters[dir.key] ?? 0;
  for (const r of table.records) {
    const n = idNumber(dir.idPrefix, r.id);
    if (n !== undefined && n > top) top = n;
  }
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push(formatId(dir.idPrefix, top + i));
  crm.meta.counters[dir.key] = top + count;
  return ids;
}
