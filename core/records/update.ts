/**
 * Updating one record: validated like a create, written as one row span (user columns in the
 * span are written back unchanged), then references cascaded if the display key changed.
 */

import type { Cell } from '../workbook.js';
import { cascadeRename, type CascadeReport } from './cascade.js';
import { requireColumns } from './create.js';
import type { Crm } from './crm.js';
import { findRecord } from './find.js';
import { throwProblems } from './problems.js';
import { recordJson, type RecordJson } from './record-json.js';
import { prepareRecord, resolveInput, type Defaults, type RecordInput } from './validate.js';

export async function updateRecord(
  crm: Crm,
  dirKey: string,
  idOrKey: string,
  input: RecordInput,
  defaults: Defaults,
): Promise<{ record: RecordJson; cascaded: CascadeReport[] }> {
  return crm.wb.transaction(async () => {
    crm.forget(dirKey);
    const dir = crm.directory(dirKey);
    const table = await crm.table(dirKey);
    const rec = findRecord(crm, table, idOrKey);
    const changes = resolveInput(crm.schema, dir, input);
    const { values, problems } = await prepareRecord(crm, dir, table, changes, { existing: rec, defaults });
    throwProblems(problems);
    requireColumns(crm, table, values);

    const columns = [...changes.keys()].map((f) => table.columns.get(f.key)).filter((c): c is number => c !== undefined);
    if (columns.length > 0) {
      const from = Math.min(...columns);
      const to = Math.max(...columns);
      const current = table.grid[rec.row] ?? [];
      const span: Cell[] = [];
      for (let c = from; c <= to; c++) span.push(current[c] ?? null);
      for (const f of changes.keys()) {
        const c = table.columns.get(f.key);
        if (c !== undefined) span[c - from] = values[f.key] ?? null;
      }
      await crm.wb.write(dir.sheet, rec.row, from, [span]);
    }
    crm.forget(dirKey);

    let cascaded: CascadeReport[] = [];
    if (dir.display !== 'id') {
      const before = rec.values[dir.display];
      const after = values[dir.display];
      if (before !== null && before !== undefined && after !== null && String(before) !== String(after)) {
        cascaded = await cascadeRename(crm, dir.key, String(before), String(after));
      }
    }
    return { record: recordJson(dir, { ...rec, values }), cascaded };
  });
}
