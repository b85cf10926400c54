/**
 * Updating one record: validated like a create, written as runs of adjacent changed cells (never
 * touching the cells between them), then references cascaded if the display key changed.
 */

import type { WriteCell } from '../workbook.js';
import { cascadeRename, type CascadeReport } from './cascade.js';
import { requireColumns, type WriteOptions } from './create.js';
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
  options: WriteOptions = {},
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

    // Each run of adjacent changed columns is one write: cells between them (a user's own column,
    // maybe holding a formula) are never written back, not even with their own value.
    const formulas = options.formulas?.(table, rec.row, values) ?? {};
    const cells = new Map<number, WriteCell>();
    for (const f of changes.keys()) {
      const c = table.columns.get(f.key);
      if (c !== undefined) cells.set(c, formulas[f.key] ?? values[f.key] ?? null);
    }
    const order = [...cells.keys()].sort((x, y) => x - y);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1] === order[j]! + 1) j++;
      const run = order.slice(i, j + 1).map((c) => cells.get(c)!);
      await crm.wb.write(dir.sheet, rec.row, order[i]!, [run]);
      i = j + 1;
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
