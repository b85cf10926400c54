/**
 * How a directory's sheet looks: frozen bold header, number formats per field type, dropdowns
 * for choices and references (reading the referenced sheet's key column, so a new company shows
 * up in every dropdown at once), widths and help notes. Applied in one port call per sheet.
 */

import { numberFormatFor } from '../fields/normalize.js';
import type { DirectoryTable } from '../records/directory-table.js';
import type { ColumnLayout, SheetLayout } from '../workbook.js';
import type { FieldDef, Schema } from './types.js';

/** Dropdowns and formats reach this far below the data, so rows typed by hand get them too. */
const HEADROOM = 2000;

const WIDTH: Partial<Record<FieldDef['type'], number>> = {
  longtext: 40,
  email: 28,
  url: 28,
  phone: 18,
  date: 12,
  datetime: 17,
  boolean: 8,
  percent: 9,
  integer: 10,
  number: 12,
  money: 13,
};

export function sheetLayout(
  schema: Schema,
  table: DirectoryTable,
  /** Each referenced directory's table, for the dropdown's source column. */
  referenced: (dirKey: string) => DirectoryTable | undefined,
  /** Only these fields' columns (`id`: the ID column); all of them when undefined. */
  only?: Set<string>,
): SheetLayout {
  const columns: ColumnLayout[] = [];
  if (table.idColumn >= 0 && (!only || only.has('id'))) columns.push({ column: table.idColumn, numberFormat: '@', width: 11 });
  for (const f of table.dir.fields) {
    const c = table.columns.get(f.key);
    if (c === undefined || (only && !only.has(f.key))) continue;
    const col: ColumnLayout = { column: c, width: WIDTH[f.type] ?? (f.key === table.dir.display ? 28 : 18) };
    const fmt = numberFormatFor(f, schema);
    if (fmt) col.numberFormat = fmt;
    if (f.type === 'choice' && f.choices?.length) col.validation = { kind: 'list', values: f.choices };
    if (f.type === 'boolean') col.validation = { kind: 'list', values: [true, false].map((b) => booleanWord(schema, b)) };
    if (f.type === 'reference' && f.ref) {
      const target = referenced(f.ref);
      const source = target?.displayColumn() ?? -1;
      if (target && source >= 0) col.validation = { kind: 'range', sheet: target.dir.sheet, column: source };
    }
    const help = f.help?.[schema.lang];
    if (help) col.note = help;
    columns.push(col);
  }
  return { frozenRows: 1, boldHeader: true, columns, dataRows: Math.max(table.records.length, table.grid.length) + HEADROOM };
}

/**
 * Booleans are stored as real TRUE/FALSE cells; the dropdown offers the same so a hand-picked
 * value stays a boolean in every host.
 */
function booleanWord(_schema: Schema, b: boolean): string {
  return b ? 'TRUE' : 'FALSE';
}
