/**
 * How core writes a directory's cells: exactly the cells it means (never a cell between them, so a
 * team's formula, format or note beside Carnet's columns stays), in a constant number of port
 * calls, never inside merged cells, and onto the record it means even when a colleague sorted,
 * inserted or deleted rows since Carnet read the sheet.
 */

import { CarnetError, fail } from '../errors.js';
import { say } from '../messages/say.js';
import { a1, boundingRange, type Cell, type CellBlock, type CellRange, type ExpectedCell, type WriteCell } from '../workbook.js';
import type { Crm } from './crm.js';
import type { DirectoryTable, StoredRecord } from './directory-table.js';

export interface CellWrite {
  row: number;
  column: number;
  value: WriteCell;
}

/** What one attempt writes, and the cells it relies on (checked by the host before writing). */
export interface WritePlan {
  cells: CellWrite[];
  expect: ExpectedCell[];
}

/**
 * Rectangles covering exactly these cells: each row's runs of adjacent columns, stacked over
 * consecutive rows that have the same runs. A batch of new records with one user column between
 * Carnet's is two blocks, whatever the number of records.
 */
export function blocksOf(cells: readonly CellWrite[]): CellBlock[] {
  const byRow = new Map<number, CellWrite[]>();
  for (const c of cells) (byRow.get(c.row) ?? byRow.set(c.row, []).get(c.row)!).push(c);
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const blocks: CellBlock[] = [];
  let open = new Map<string, CellBlock>();
  let previous = -2;
  for (const row of rows) {
    const line = byRow.get(row)!.sort((a, b) => a.column - b.column);
    const next = new Map<string, CellBlock>();
    for (let i = 0; i < line.length; ) {
      let j = i;
      while (j + 1 < line.length && line[j + 1]!.column === line[j]!.column + 1) j++;
      const run = line.slice(i, j + 1);
      const key = `${run[0]!.column}:${run.length}`;
      const above = row === previous + 1 ? open.get(key) : undefined;
      if (above) {
        above.cells.push(run.map((c) => c.value));
        next.set(key, above);
      } else {
        const block: CellBlock = { row, column: run[0]!.column, cells: [run.map((c) => c.value)] };
        blocks.push(block);
        next.set(key, block);
      }
      i = j + 1;
    }
    open = next;
    previous = row;
  }
  return blocks;
}

/** The merge hiding a cell: it covers the cell and does not start there. */
export function hidingMerge(merges: readonly CellRange[], row: number, column: number): CellRange | undefined {
  return merges.find((m) => row >= m.top && row <= m.bottom && column >= m.left && column <= m.right && (row !== m.top || column !== m.left));
}

export function rangeA1(m: CellRange): string {
  return m.top === m.bottom && m.left === m.right ? a1(m.top, m.left) : `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;
}

/** E_MERGED when a cell of the plan would be hidden inside merged cells (only a merge's first cell shows). */
export function refuseMerged(sheet: string, merges: readonly CellRange[], cells: readonly CellWrite[], what: (c: CellWrite) => string): void {
  for (const c of cells) {
    const m = hidingMerge(merges, c.row, c.column);
    if (!m) continue;
    fail({
      code: 'E_MERGED',
      sheet,
      cell: a1(c.row, c.column),
      row: c.row + 1,
      message: say('{sheet}!{cell} ({field}) is inside the merged cells {range}, where the spreadsheet would hide it. Unmerge {range} first; nothing was written.', {
        sheet,
        cell: a1(c.row, c.column),
        field: what(c),
        range: rangeA1(m),
      }),
    });
  }
}

/** True when a row of the sheet is touched by a merge (such a row is never free for a new record). */
export function mergedRow(merges: readonly CellRange[], row: number): boolean {
  return merges.some((m) => row >= m.top && row <= m.bottom);
}

/** The cells that say which record a row holds: its ID, or (no ID yet) every Carnet cell as read. */
export function identity(table: DirectoryTable, rec: StoredRecord): ExpectedCell[] {
  if (rec.id !== '' && table.idColumn >= 0) return [{ row: rec.row, column: table.idColumn, value: rec.id }];
  const out: ExpectedCell[] = [];
  if (table.idColumn >= 0) out.push({ row: rec.row, column: table.idColumn, value: null });
  for (const c of table.columns.values()) out.push({ row: rec.row, column: c, value: (table.grid[rec.row]?.[c] ?? null) as Cell });
  return out;
}

/** The same record in a sheet read again: by its ID, or by all it holds when it has none. */
export function relocate(table: DirectoryTable, rec: StoredRecord): StoredRecord | undefined {
  if (rec.id !== '') return table.findById(rec.id);
  return table.records.find((r) => r.id === '' && Object.entries(rec.values).every(([k, v]) => sameValue(r.values[k] ?? null, v)));
}

function sameValue(a: Cell, b: Cell): boolean {
  return (a === null || a === '' ? null : a) === (b === null || b === '' ? null : b);
}

/**
 * Writes what `plan` computes from the directory's table, guarded by its expected cells. When the
 * host says a colleague moved rows (E_CONFLICT), the sheet is read again and planned again, once:
 * the cells then land on the records they were meant for. A second conflict is passed on.
 */
export async function guardedWrite(crm: Crm, dirKey: string, plan: (table: DirectoryTable, merges: CellRange[]) => WritePlan | Promise<WritePlan>): Promise<void> {
  const dir = crm.directory(dirKey);
  for (let attempt = 0; ; attempt++) {
    const p = await plan(await crm.table(dirKey), await crm.merges(dirKey));
    if (p.cells.length === 0) return;
    try {
      await crm.wb.writeBlocks(dir.sheet, blocksOf(p.cells), p.expect);
      crm.forget(dirKey);
      return;
    } catch (error) {
      crm.forget(dirKey);
      crm.forgetMerges(dirKey);
      if (attempt > 0 || !(error instanceof CarnetError) || error.data.code !== 'E_CONFLICT') throw error;
    }
  }
}

/**
 * Which of these cells hold a formula (a team's, or Carnet's own), asked in one port call over the
 * rectangle around them: a value a person did not name is never written over one.
 */
export async function formulasAmong(crm: Crm, sheet: string, cells: readonly { row: number; column: number }[]): Promise<Set<string>> {
  if (cells.length === 0) return new Set();
  const found = await crm.wb.formulaCells(sheet, boundingRange(cells)!);
  return new Set(found.map((c) => `${c.row}:${c.column}`));
}
