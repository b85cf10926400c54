/**
 * Renaming a record's display key rewrites every reference to it, so references by name never
 * dangle. One write per referencing field, spanning only the rows that change.
 */

import { fold } from '../schema/lookup.js';
import type { Cell } from '../workbook.js';
import type { Crm } from './crm.js';

export interface CascadeReport {
  directory: string;
  field: string;
  count: number;
}

export async function cascadeRename(crm: Crm, targetKey: string, from: string, to: string): Promise<CascadeReport[]> {
  const reports: CascadeReport[] = [];
  const old = fold(from);
  for (const dir of crm.schema.directories) {
    for (const f of dir.fields) {
      if (f.type !== 'reference' || f.ref !== targetKey) continue;
      const table = await crm.table(dir.key);
      const c = table.columns.get(f.key);
      if (c === undefined) continue;
      const rows = table.records.filter((r) => r.values[f.key] !== null && fold(String(r.values[f.key])) === old).map((r) => r.row);
      if (rows.length === 0) continue;
      const first = Math.min(...rows);
      const last = Math.max(...rows);
      const changed = new Set(rows);
      const column: Cell[][] = [];
      for (let r = first; r <= last; r++) column.push([changed.has(r) ? to : (table.grid[r]?.[c] ?? null)]);
      await crm.wb.write(dir.sheet, first, c, column);
      crm.forget(dir.key);
      reports.push({ directory: dir.key, field: f.key, count: rows.length });
    }
  }
  return reports;
}

/** Every cell that references a record, for refusing to delete it. */
export async function referencesTo(crm: Crm, targetKey: string, display: string): Promise<{ directory: string; field: string; id: string; row: number }[]> {
  const out: { directory: string; field: string; id: string; row: number }[] = [];
  const k = fold(display);
  if (k === '') return out;
  for (const dir of crm.schema.directories) {
    for (const f of dir.fields) {
      if (f.type !== 'reference' || f.ref !== targetKey) continue;
      const table = await crm.table(dir.key);
      for (const r of table.records) {
        if (r.values[f.key] !== null && r.values[f.key] !== undefined && fold(String(r.values[f.key])) === k) {
          out.push({ directory: dir.key, field: f.key, id: r.id, row: r.row + 1 });
        }
      }
    }
  }
  return out;
}
