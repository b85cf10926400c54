/**
 * Carnet's native pivot table on a sheet it owns, as an Excel PivotTable (ExcelApi 1.8,
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-pivottables):
 * `worksheet.pivotTables.add(name, sourceRange, destinationCell)`, then each field's hierarchy —
 * the source column named by its header cell, `pivot.hierarchies.getItem(header)` — added to
 * `rowHierarchies`, `columnHierarchies` or `dataHierarchies`, a value given its aggregation
 * (`summarizeBy`, Excel.AggregationFunction: `Count` is COUNTA) and then its name.
 *
 * Office.js cannot group dates, so this host is `plain`: core hands it period columns it wrote
 * itself (core/pivot/native.ts), and a field with `by`, or a distinct count (Excel.AggregationFunction
 * has none), is a programming error, refused with an Error before anything changes.
 *
 * Which PivotTables are Carnet's: those on the target sheet whose name starts with "Carnet " (core
 * names them so; a name without it gets it). A PivotTable named otherwise — a team's — stays.
 * PivotTable names are unique in the workbook (`workbook.pivotTables.getItem(name)`): when another
 * sheet already holds one of that name, Carnet's is numbered ("Carnet Sales (2)") rather than
 * refused.
 *
 * What Excel asks of the names, refused with an Error after the first sync (nothing changed): a
 * field's header must be non-blank and no other header of the source may read the same (Excel
 * would number the second one, so the lookup by header would find the wrong column). A value's
 * name may not be that of a source column — Excel refuses it ("PivotTable field name already
 * exists" in its UI) — nor that of another value: a trailing space makes it distinct, as people do
 * in Excel.
 *
 * Syncs: 2, whatever the number of rows — the source's header row and the names of the
 * PivotTables on the sheet and in the workbook are loaded; then Carnet's old PivotTables are
 * deleted and the new one built. Through `mutate`: on a protected sheet, the batch runs again
 * with the unprotect in its first sync, then the protect (one sync more).
 */

import { a1, type CellRange, type NativePivotSpec } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { MAX_COLUMNS, MAX_ROWS } from './excel-api.js';

/** The start of the name of every PivotTable Carnet places (NativePivotSpec.name). */
export const CARNET_PIVOT_PREFIX = 'Carnet ';

/** The name a PivotTable is given: Carnet's prefix first, so that a later call finds it. */
export function carnetPivotName(name: string): string {
  return name.startsWith(CARNET_PIVOT_PREFIX) ? name : `${CARNET_PIVOT_PREFIX}${name}`;
}

type Agg = NativePivotSpec['values'][number]['agg'];

/** Carnet's aggregations as Excel.AggregationFunction; Excel has no distinct count. */
const SUMMARIES: Partial<Record<Agg, string>> = { sum: 'Sum', count: 'Count', average: 'Average', min: 'Min', max: 'Max' };

export async function placePivotTable(x: ExcelAccess, spec: NativePivotSpec): Promise<void> {
  checkExcelPivot(spec);
  const source = await x.need(spec.source.sheet);
  const target = await x.need(spec.target.sheet);
  const r = spec.source.range;
  const width = r.right - r.left + 1;
  await x.mutate(target, async (ctx, ws) => {
    const data = ctx.workbook.worksheets.getItem(source);
    const header = data.getRangeByIndexes(r.top, r.left, 1, width).load('values');
    const here = ws.pivotTables.load('items/name');
    const all = ctx.workbook.pivotTables.load('items/name');
    await ctx.sync();
    const headers = (header.values[0] ?? []).map((v) => (v === null || v === undefined ? '' : String(v)));
    const hierarchy = hierarchyNames(spec, headers);
    const ours = here.items.filter((p) => p.name.startsWith(CARNET_PIVOT_PREFIX));
    for (const p of ours) p.delete();
    const gone = new Set(ours.map((p) => p.name.toLowerCase()));
    const taken = new Set(all.items.map((p) => p.name.toLowerCase()).filter((n) => !gone.has(n)));
    const pivot = ws.pivotTables.add(
      freeName(carnetPivotName(spec.name), taken),
      data.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, width),
      ws.getRangeByIndexes(spec.target.row, spec.target.column, 1, 1),
    );
    for (const f of spec.rows) pivot.rowHierarchies.add(pivot.hierarchies.getItem(hierarchy(f.column)));
    for (const f of spec.columns) pivot.columnHierarchies.add(pivot.hierarchies.getItem(hierarchy(f.column)));
    const names = valueNames(spec.values.map((v) => v.label), headers);
    spec.values.forEach((v, i) => {
      const value = pivot.dataHierarchies.add(pivot.hierarchies.getItem(hierarchy(v.column)));
      // The aggregation first: Excel renames a value still called "Sum of …" when it changes.
      value.summarizeBy = SUMMARIES[v.agg]!;
      value.name = names[i]!;
    });
    await ctx.sync();
  });
}

/** `name`, or the first of `name (2)`, `name (3)`… that no PivotTable of the workbook has. */
function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`.toLowerCase())) return `${name} (${n})`;
}

/** The hierarchy of each column the spec uses: its header, which must be present and not repeated. */
function hierarchyNames(spec: NativePivotSpec, headers: readonly string[]): (column: number) => string {
  const used = new Set([...spec.rows, ...spec.columns, ...spec.values].map((f) => f.column));
  for (const c of used) {
    const text = headers[c] ?? '';
    const where = `${spec.source.sheet}!${a1(spec.source.range.top, spec.source.range.left + c)}`;
    if (text.trim() === '') throw new Error(`Excel names a PivotTable's fields by their header, and ${where} is blank.`);
    const same = headers.findIndex((h, i) => i !== c && h.trim().toLowerCase() === text.trim().toLowerCase());
    if (same >= 0) throw new Error(`Excel names a PivotTable's fields by their header, and ${where} reads "${text}" like another header of the source.`);
  }
  return (column) => headers[column]!;
}

/** Each value's name, made distinct from the source's headers and from the values before it. */
function valueNames(labels: readonly string[], headers: readonly string[]): string[] {
  const taken = new Set(headers.map((h) => h.toLowerCase()));
  return labels.map((label) => {
    let name = label;
    while (taken.has(name.toLowerCase())) name += ' ';
    taken.add(name.toLowerCase());
    return name;
  });
}

/** What Excel cannot be given, refused before the first sync. */
export function checkExcelPivot(spec: NativePivotSpec): void {
  const bad = (why: string): never => {
    throw new Error(`Not a PivotTable Excel can place (${why}): ${JSON.stringify(spec).slice(0, 200)}`);
  };
  const index = (n: number, limit: number) => Number.isInteger(n) && n >= 0 && n < limit;
  const r: CellRange = spec.source.range;
  if (!spec.name.trim()) bad('no name');
  if (!index(r.top, MAX_ROWS) || !index(r.bottom, MAX_ROWS) || !index(r.left, MAX_COLUMNS) || !index(r.right, MAX_COLUMNS) || r.top > r.bottom || r.left > r.right) {
    bad('the source range must have 0-based corners inside the sheet');
  }
  if (!index(spec.target.row, MAX_ROWS) || !index(spec.target.column, MAX_COLUMNS)) bad('the target must be a 0-based cell inside the sheet');
  const width = r.right - r.left + 1;
  const fields = [...spec.rows, ...spec.columns];
  for (const c of [...fields.map((f) => f.column), ...spec.values.map((v) => v.column)]) {
    if (!index(c, width)) bad(`column ${c} is not in the source range, ${width} columns wide`);
  }
  for (const f of fields) {
    if (f.by !== undefined) bad(`Office.js cannot group dates ("by": "${f.by}"): give Excel a column of periods instead`);
  }
  for (const v of spec.values) {
    if (v.agg === 'countDistinct') bad('Excel PivotTables have no distinct count');
    if (!Object.prototype.hasOwnProperty.call(SUMMARIES, v.agg)) bad(`Excel has no aggregation "${String(v.agg)}"`);
  }
  const grouped = fields.map((f) => f.column);
  const twice = grouped.find((c, i) => grouped.indexOf(c) !== i);
  // "If the hierarchy is present elsewhere on the row, column, or filter axis, it will be removed from that location."
  if (twice !== undefined) bad(`column ${twice} is grouped twice: Excel keeps a field on one axis only`);
}
