/**
 * What a spreadsheet program shows after deleting rows of a sheet, computed on an inventory:
 * cells, row properties, merges, conditional formats, validations, links, notes, tables,
 * autofilters, pivot locations and drawing anchors of that sheet move up; formulas anywhere that
 * refer to the sheet (cells, rules, validations, defined names, charts, sparklines, pivot sources)
 * follow, a reference to a deleted row becoming #REF! and a range shrinking
 * (core/formula-references.ts `moveRows`, the rule Carnet's own hosts use).
 *
 * Left as they are, as Excel and LibreOffice leave them: hyperlink locations (text, not formulas),
 * page breaks, sheet views (selection, top-left cell). A drawing anchored inside deleted rows moves
 * to the first row after them; see moveAnchor for objects spanning them. A note's box moves with
 * its cell, as LibreOffice draws it.
 */

import { moveRows, unquoteSheet } from '../../core/formula-references.js';
import { cellRef, parseCell } from './xlsx-inventory-refs.js';
import type { ConditionalFormat, DataValidation, DrawingObject, Inventory, SheetInventory } from './xlsx-inventory-types.js';

type RowMap = (row: number) => number | undefined;

export function afterRowDeletion(inv: Inventory, sheet: string, rows1Based: number[]): Inventory {
  const out = structuredClone(inv);
  const deleted = [...new Set(rows1Based)].sort((a, b) => a - b);
  const map: RowMap = (row) => (deleted.includes(row) ? undefined : row - deleted.filter((d) => d < row).length);
  const target = out.sheets.find((s) => s.name === sheet);
  if (!target) throw new Error(`no sheet ${sheet} in the inventory`);
  const move = (formula: string, onSheet: boolean) => moveWholeRows(moveRows(formula, sheet, onSheet, map), sheet, onSheet, map);

  moveSheetContents(target, map);
  for (const s of out.sheets) {
    const onSheet = s === target;
    for (const cell of Object.values(s.cells)) if (cell.formula !== undefined) cell.formula = move(cell.formula, onSheet);
    for (const cf of s.conditionalFormats) for (const r of cf.rules) r.formulas = r.formulas.map((f) => move(f, onSheet));
    for (const v of s.dataValidations) {
      if (v.formula1 !== undefined) v.formula1 = move(v.formula1, onSheet);
      if (v.formula2 !== undefined) v.formula2 = move(v.formula2, onSheet);
    }
    for (const g of s.sparklineGroups) for (const line of g.sparklines) line.formula = move(line.formula, onSheet);
    for (const d of s.drawings) if (d.chart !== undefined) d.chart = moveChartFormulas(d.chart, (f) => move(f, false));
    for (const p of s.pivotTables) {
      const source = p.cache.source;
      if (source.sheet !== undefined && source.ref !== undefined && source.sheet.toLowerCase() === sheet.toLowerCase()) {
        source.ref = moveRange(source.ref, map) ?? '#REF!';
      }
    }
  }
  for (const [key, name] of Object.entries(out.workbook.definedNames)) {
    const bang = key.lastIndexOf('!');
    const scope = bang < 0 ? undefined : key.slice(0, bang);
    name.formula = move(name.formula, scope !== undefined && scope.toLowerCase() === sheet.toLowerCase());
  }
  return out;
}

function moveSheetContents(s: SheetInventory, map: RowMap): void {
  s.cells = rekey(s.cells, (ref) => moveCell(ref, map));
  for (const cell of Object.values(s.cells)) {
    if (cell.array !== undefined && !cell.array.startsWith('dataTable')) cell.array = moveRange(cell.array, map) ?? '#REF!';
  }
  s.rows = rekey(s.rows, (row) => {
    const r = map(Number(row));
    return r === undefined ? undefined : String(r);
  });
  s.merges = s.merges.map((m) => moveRange(m, map)).filter((m): m is string => m !== undefined && m.includes(':'));
  s.conditionalFormats = s.conditionalFormats.filter((cf): cf is ConditionalFormat => moveSqrefOf(cf, map));
  s.dataValidations = s.dataValidations.filter((v): v is DataValidation => moveSqrefOf(v, map));
  s.hyperlinks = rekey(s.hyperlinks, (ref) => moveRange(ref, map));
  const notes: SheetInventory['comments'] = {};
  for (const [ref, note] of Object.entries(s.comments)) {
    const moved = moveCell(ref, map);
    if (moved === undefined) continue;
    notes[moved] = note;
    // A note's box keeps its place beside its cell: it moves by as many rows as the cell did.
    const delta = parseCell(moved).row - parseCell(ref).row;
    const a = note.shape?.anchor;
    if (a && a.length === 8 && delta !== 0) {
      a[2] = Math.max(0, a[2]! + delta);
      a[6] = Math.max(0, a[6]! + delta);
    }
  }
  s.comments = notes;
  if (s.autoFilter) s.autoFilter.ref = moveRange(s.autoFilter.ref, map) ?? '#REF!';
  for (const t of s.tables) {
    t.ref = moveRange(t.ref, map) ?? '#REF!';
    if (t.autoFilter !== undefined) t.autoFilter = moveRange(t.autoFilter, map) ?? '#REF!';
  }
  for (const p of s.pivotTables) p.location = moveRange(p.location, map) ?? '#REF!';
  for (const d of s.drawings) moveAnchor(d, map);
  for (const g of s.sparklineGroups) {
    g.sparklines = g.sparklines.flatMap((line) => {
      const sqref = moveSqref(line.sqref, map);
      return sqref === undefined ? [] : [{ ...line, sqref }];
    });
  }
  s.sparklineGroups = s.sparklineGroups.filter((g) => g.sparklines.length > 0);
}

function rekey<T>(record: Record<string, T>, key: (k: string) => string | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) {
    const moved = key(k);
    if (moved !== undefined) out[moved] = v;
  }
  return out;
}

function moveCell(ref: string, map: RowMap): string | undefined {
  const { col, row } = parseCell(ref);
  const r = map(row);
  return r === undefined ? undefined : cellRef(col, r);
}

/** `A2:C9` with rows 4–5 deleted → `A2:C7`; all rows deleted → undefined. Whole columns stay. */
export function moveRange(ref: string, map: RowMap): string | undefined {
  const moved = moveRows(ref, '', true, map);
  if (moved === '#REF!') return undefined;
  return moveWholeRows(moved, '', true, map).replace(/^([A-Z]+\d+):\1$/, '$1');
}

function moveSqref(sqref: string, map: RowMap): string | undefined {
  const parts = sqref.split(' ').map((r) => moveRange(r, map)).filter((r): r is string => r !== undefined && r !== '#REF!');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function moveSqrefOf(item: { sqref: string }, map: RowMap): boolean {
  const sqref = moveSqref(item.sqref, map);
  if (sqref === undefined) return false;
  item.sqref = sqref;
  return true;
}

/** A 0-based anchor row and its offset: a row deleted under the anchor moves it to the next row kept. */
function moveAnchorRow(row0: number, offset: number, map: RowMap): [number, number] {
  const r = map(row0 + 1);
  if (r !== undefined) return [r - 1, offset];
  let next = row0 + 1;
  while (map(next) === undefined) next++;
  return [map(next)! - 1, 0];
}

/**
 * An object anchored to move and size with its cells has each end moved; one that only moves
 * with its cells (editAs oneCell or absolute) keeps its size, so its end stays as many rows below
 * its start as before (exact when the rows it covers have equal heights).
 */
function moveAnchor(d: DrawingObject, map: RowMap): void {
  const { from, to } = d;
  const span = from && to ? to.row - from.row : 0;
  if (from) [from.row, from.rowOff] = moveAnchorRow(from.row, from.rowOff, map);
  if (!to) return;
  if (from && (d.attributes.editAs === 'oneCell' || d.attributes.editAs === 'absolute')) to.row = from.row + span;
  else [to.row, to.rowOff] = moveAnchorRow(to.row, to.rowOff, map);
}

/** Whole-row references (`$1:$1`, `Clients!3:5`), which moveRows leaves alone, moved the same way. */
const WHOLE_ROWS = /("(?:[^"]|"")*")|(?<![\w.$!:\]])((?:'(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!)?(\$?)(\d+):(\$?)(\d+)(?![\w(!:])/g;

function moveWholeRows(formula: string, sheet: string, onSheet: boolean, map: RowMap): string {
  return formula.replace(WHOLE_ROWS, (match, literal: string | undefined, prefix: string | undefined, a$: string, a: string, b$: string, b: string) => {
    if (literal !== undefined) return match;
    const named = prefix === undefined ? undefined : unquoteSheet(prefix.slice(0, -1)).toLowerCase();
    if (named === undefined ? !onSheet : named !== sheet.toLowerCase()) return match;
    let lo = Math.min(Number(a), Number(b));
    let hi = Math.max(Number(a), Number(b));
    while (lo <= hi && map(lo) === undefined) lo++;
    while (hi >= lo && map(hi) === undefined) hi--;
    if (lo > hi) return '#REF!';
    return `${prefix ?? ''}${a$}${map(lo)}:${b$}${map(hi)}`;
  });
}

/** Chart series formulas (`<c:f>`), and the labels ranges of c15, moved; their caches stay. */
function moveChartFormulas(chart: string, move: (f: string) => string): string {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return chart.replace(/<(c|c15):f>(.*?)<\/\1:f>/g, (_m, p: string, f: string) => `<${p}:f>${escape(move(unescape(f)))}</${p}:f>`);
}
