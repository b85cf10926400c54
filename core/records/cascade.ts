/**
 * Renaming a record's display key rewrites every reference to it, so references by name never
 * dangle. One write per referencing field, of exactly the cells that change.
 */

import { fold } from '../schema/lookup.js';
import type { Crm } from './crm.js';
import { a1 } from '../workbook.js';
import { formulasAmong, guardedWrite } from './sheet-writes.js';

export interface CascadeReport {
  directory: string;
  field: string;
  count: number;
  /**
   * Cells that show the old name through a formula (a team's own): left as they are, since a
   * formula is never overwritten by a cascade; `check` reports them once the name is gone.
   */
  formulas?: string[];
}

export async function cascadeRename(crm: Crm, targetKey: string, from: string, to: string): Promise<CascadeReport[]> {
  const reports: CascadeReport[] = [];
  const old = fold(from);
  for (const dir of crm.schema.directories) {
    for (const f of dir.fields) {
      if (f.type !== 'reference' || f.ref !== targetKey) continue;
      let count = 0;
      let formulas: string[] = [];
      // Only the cells that name the old key are written (one port call, whatever their rows), each
      // expected to still hold it: a cell between them stays, and so does a formula among them.
      await guardedWrite(crm, dir.key, async (t) => {
        const c = t.columns.get(f.key);
        if (c === undefined) return { cells: [], expect: [] };
        const named = t.records.filter((r) => r.values[f.key] !== null && fold(String(r.values[f.key])) === old);
        const computed = await formulasAmong(crm, dir.sheet, named.map((r) => ({ row: r.row, column: c })));
        const hits = named.filter((r) => !computed.has(`${r.row}:${c}`));
        formulas = named.filter((r) => computed.has(`${r.row}:${c}`)).map((r) => a1(r.row, c));
        count = hits.length;
        return {
          cells: hits.map((r) => ({ row: r.row, column: c, value: to })),
          expect: hits.map((r) => ({ row: r.row, column: c, value: r.values[f.key] ?? null })),
        };
      });
      if (count || formulas.length) reports.push({ directory: dir.key, field: f.key, count, ...(formulas.length ? { formulas } : {}) });
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
