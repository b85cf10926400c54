/**
 * Updating one record: validated like a create, written as the changed cells only (never touching
 * the cells between them), on the record's row even if a colleague moved it, then references
 * cascaded if the display key changed.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { DirectoryDef } from '../schema/types.js';
import { cascadeRename, type CascadeReport } from './cascade.js';
import { requireColumns, type WriteOptions } from './create.js';
import type { Crm } from './crm.js';
import { findRecord } from './find.js';
import { throwProblems } from './problems.js';
import { recordJson, type RecordJson } from './record-json.js';
import { guardedWrite, identity, refuseMerged, relocate, type CellWrite } from './sheet-writes.js';
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

    // Only the changed fields' cells are written: cells between them (a user's own column, maybe
    // holding a formula) are never written back, not even with their own value. The row is the
    // record's as read; if a colleague moved it meanwhile, it is found again by its ID.
    const label = (c: number) => [...table.columns].find(([, col]) => col === c)?.[0] ?? '';
    await guardedWrite(crm, dirKey, (t, merges) => {
      const here = relocate(t, rec);
      if (!here) {
        fail({
          code: 'E_CONFLICT',
          directory: dir.key,
          value: idOrKey,
          message: say('{directory}: "{value}" is no longer in sheet "{sheet}" (someone deleted or changed it meanwhile); nothing was written.', {
            directory: named(dir.labels),
            value: idOrKey,
            sheet: dir.sheet,
          }),
        });
      }
      const formulas = options.formulas?.(t, here.row, values) ?? {};
      const cells: CellWrite[] = [];
      for (const f of changes.keys()) {
        const c = t.columns.get(f.key);
        if (c !== undefined) cells.push({ row: here.row, column: c, value: formulas[f.key] ?? values[f.key] ?? null });
      }
      refuseMerged(dir.sheet, merges, cells, (c) => fieldName(dir, label(c.column)));
      return { cells, expect: identity(t, here) };
    });
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

function fieldName(dir: DirectoryDef, key: string): string {
  const f = dir.fields.find((x) => x.key === key);
  return f ? named(f.labels) : key;
}
