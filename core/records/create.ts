/**
 * Creating records: validate everything first, then one write of the new rows' own cells and one
 * meta write, inside a transaction, whatever the number of records.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { Cell, Formula } from '../workbook.js';
import type { Crm } from './crm.js';
import type { DirectoryTable, StoredRecord } from './directory-table.js';
import { allocateIds } from './ids.js';
import { guardedWrite, type CellWrite } from './sheet-writes.js';
import { throwProblems } from './problems.js';
import { recordJson, type RecordJson } from './record-json.js';
import { BatchKeys, prepareRecord, resolveInput, type Defaults, type RecordInput } from './validate.js';

/** Refuses to write a value into a field whose column is not in the sheet. */
export function requireColumns(crm: Crm, table: DirectoryTable, values: Record<string, Cell>): void {
  const dir = table.dir;
  if (table.idColumn < 0) {
    fail({
      code: 'E_SCHEMA',
      directory: dir.key,
      sheet: dir.sheet,
      message: say('Sheet "{sheet}" has no ID column header; run `carnet check` to see what changed.', { sheet: dir.sheet }),
    });
  }
  for (const f of table.missing) {
    const v = values[f.key];
    if (v !== null && v !== undefined && v !== '') {
      fail({
        code: 'E_SCHEMA',
        directory: dir.key,
        field: f.key,
        sheet: dir.sheet,
        message: say('Sheet "{sheet}" has no column "{field}" (renamed or deleted by hand?); run `carnet check`.', { sheet: dir.sheet, field: named(f.labels) }),
      });
    }
  }
}

/**
 * Computed columns: Carnet's own formulas for a record's row (a sale's amount), by field key.
 * Each formula carries the value core computed, which is also what the record's JSON reports.
 */
export type FormulaHook = (table: DirectoryTable, row: number, values: Record<string, Cell>) => Record<string, Formula>;

export interface WriteOptions {
  formulas?: FormulaHook;
}

/**
 * The cells of a new record's row: its ID and the fields that have a value (Carnet's formulas
 * included). Nothing else of the row is written: the team's columns, and Carnet's empty ones
 * (which may hold a team's formula showing ""), keep what they hold.
 */
export function cellsFor(table: DirectoryTable, row: number, id: string, values: Record<string, Cell>, formulas: Record<string, Formula> = {}): CellWrite[] {
  const out: CellWrite[] = [{ row, column: table.idColumn, value: id }];
  for (const [key, c] of table.columns) {
    const v = formulas[key] ?? values[key] ?? null;
    if (v !== null && !(typeof v === 'string' && v === '')) out.push({ row, column: c, value: v });
  }
  return out;
}

export async function createRecords(
  crm: Crm,
  dirKey: string,
  inputs: RecordInput[],
  defaults: Defaults,
  options: WriteOptions = {},
): Promise<RecordJson[]> {
  return crm.wb.transaction(async () => {
    crm.forget(dirKey);
    const dir = crm.directory(dirKey);
    const table = await crm.table(dirKey);
    const prepared: Record<string, Cell>[] = [];
    const batch = new BatchKeys();
    const problems = [];
    const planned = inputs.length > 1 ? table.freeRows(inputs.length, await crm.merges(dirKey)) : [];
    for (let i = 0; i < inputs.length; i++) {
      const changes = resolveInput(crm.schema, dir, inputs[i]!);
      const place = inputs.length > 1 ? { row: planned[i]! + 1 } : {};
      const r = await prepareRecord(crm, dir, table, changes, { batch, defaults, place });
      problems.push(...r.problems);
      prepared.push(r.values);
    }
    throwProblems(problems);
    for (const values of prepared) requireColumns(crm, table, values);
    const ids = allocateIds(crm, dir, table, prepared.length);
    let rows: number[] = [];
    // The rows are free when read; if a colleague typed into them meanwhile the host says so and
    // the rows are chosen again below what is there now.
    await guardedWrite(crm, dirKey, (t, merges) => {
      rows = t.freeRows(prepared.length, merges);
      const cells = prepared.flatMap((v, i) => cellsFor(t, rows[i]!, ids[i]!, v, options.formulas?.(t, rows[i]!, v)));
      return { cells, expect: cells.map((c) => ({ row: c.row, column: c.column, value: null })) };
    });
    await crm.saveMeta();
    crm.forget(dirKey);
    return prepared.map((values, i): RecordJson => {
      const rec: StoredRecord = { id: ids[i]!, row: rows[i]!, values };
      return recordJson(dir, rec);
    });
  });
}
