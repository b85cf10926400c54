/**
 * Adoption's ids (core/schema/adopt.ts): Carnet's handle on each record. The team's own ID column
 * is kept, whatever its ids look like (refused only where two rows share one); rows without an ID —
 * or a sheet without an ID column — get the directory's next ids, written only with `addIds`.
 */

import type { ErrorData } from '../errors.js';
import { say } from '../messages/say.js';
import type { Crm } from '../records/crm.js';
import type { DirectoryTable, StoredRecord } from '../records/directory-table.js';
import { formatId } from '../records/ids.js';
import { a1, columnLetter, type Cell } from '../workbook.js';
import { cellsList, firstFreeId, repeats } from './adopt-columns.js';
import type { AdoptChange, AdoptFlag, AdoptInput } from './adopt-types.js';
import { ID_HEADER, type DirectoryDef } from './types.js';

export interface IdsToPlan {
  crm: Crm;
  dir: DirectoryDef;
  /** The team's sheet read as the directory's. */
  table: DirectoryTable;
  /** The team's own ID column, if it has one. */
  ownId: { column: number } | undefined;
  /** Where the ids are, or will be. */
  idColumn: number;
  input: AdoptInput;
  sheet: string;
  put(column: number, row: number, value: Cell): void;
  /** Appended to: refusals (those a needed confirmation states are also in `unconfirmed`), what each flag writes, the changes applying makes. */
  blockers: ErrorData[];
  unconfirmed: Set<ErrorData>;
  wouldWrite: Map<AdoptFlag, string>;
  cellChanges: AdoptChange[];
}

export function planIds(x: IdsToPlan): { missingIds: StoredRecord[]; counter: number | undefined } {
  const { crm, dir, table, ownId, idColumn, input, sheet, put, blockers, unconfirmed, wouldWrite, cellChanges } = x;
  const records = table.records;
  const missingIds = records.filter((r) => r.id === '');
  let counter: number | undefined;
  if (ownId) {
    const dupIds = repeats(table, records, 'id', ownId.column, (at, v, first) => say('{cell}: ID {id} is also on row {row}.', { cell: at, id: String(v), row: first.row + 1 }));
    if (dupIds.length) {
      blockers.push({
        code: 'E_UNIQUE',
        directory: dir.key,
        field: 'id',
        sheet,
        message:
          dupIds.length > 1
            ? say('{count} IDs in column {column} repeat an earlier row ({cells}); make them distinct first.', { count: dupIds.length, column: columnLetter(ownId.column), cells: cellsList(dupIds) })
            : say('1 ID in column {column} repeats an earlier row ({cells}); make them distinct first.', { column: columnLetter(ownId.column), cells: cellsList(dupIds) }),
        problems: dupIds,
      });
    }
  }
  if (!ownId || missingIds.length) {
    const start = firstFreeId(crm, dir, table);
    const ids = missingIds.map((_, i) => formatId(dir.idPrefix, start + i));
    const range = ids.length > 1 ? `${ids[0]}…${ids[ids.length - 1]}` : (ids[0] ?? '');
    const lastRow = missingIds.length ? missingIds[missingIds.length - 1]!.row : 0;
    const what = ownId
      ? ids.length === 1
        ? say('fill the 1 empty ID cell of column {column} with {range}', { column: columnLetter(idColumn), range })
        : say('fill the {count} empty ID cells of column {column} with {range}', { count: ids.length, column: columnLetter(idColumn), range })
      : ids.length
        ? say('add the header "{id}" in {cell} and ids {range} in {cells}', { id: ID_HEADER, cell: a1(0, idColumn), range, cells: `${a1(missingIds[0]!.row, idColumn)}:${a1(lastRow, idColumn)}` })
        : say('add the header "{id}" in {cell}', { id: ID_HEADER, cell: a1(0, idColumn) });
    wouldWrite.set('addIds', `${what[0]!.toUpperCase()}${what.slice(1)}.`);
    if (!input.addIds) {
      const b: ErrorData = {
        code: 'E_SCHEMA',
        directory: dir.key,
        field: 'id',
        sheet,
        message: say('{problem}; Carnet needs one per record to find, update and link it. Confirm with addIds (--add-ids on the command line) to {action}.', {
          problem: !ownId
            ? say('Sheet "{sheet}" has no ID column', { sheet })
            : ids.length > 1
              ? say('{count} records of sheet "{sheet}" have no ID', { count: ids.length, sheet })
              : say('1 record of sheet "{sheet}" has no ID', { sheet }),
          action: what,
        }),
      };
      blockers.push(b);
      unconfirmed.add(b);
    } else {
      if (!ownId) put(idColumn, 0, ID_HEADER);
      missingIds.forEach((r, i) => put(idColumn, r.row, ids[i]!));
      if (ids.length) counter = start + ids.length - 1;
      cellChanges.unshift({
        kind: 'ids',
        range: ownId ? columnLetter(idColumn) : ids.length ? `${a1(0, idColumn)}:${a1(lastRow, idColumn)}` : a1(0, idColumn),
        count: ids.length,
        message: wouldWrite.get('addIds')!,
      });
    }
  }

  return { missingIds, counter };
}
