/**
 * sheetData, cols and shared strings: each cell's value as stored (strings resolved through the
 * shared string table), its formula (shared formulas expanded to the text each cell has), its
 * resolved style; each row's and column's properties.
 */

import { cellRef, columnLetters, parseCell, translateFormula } from './xlsx-inventory-refs.js';
import type { Styles } from './xlsx-inventory-styles.js';
import type { CellInventory, ColumnProperties, ResolvedStyle, RowProperties } from './xlsx-inventory-types.js';
import { attr, attributeMap, canonical, child, children, textOf, type XmlElement } from './xlsx-inventory-xml.js';

export interface SharedString {
  text: string;
  rich?: string;
}

/** An `si` or an inline `is`: its plain text (phonetic runs left out) and, if formatted, its runs. */
export function stringItem(si: XmlElement): SharedString {
  const runs = children(si, 'r');
  const text = children(si, 't').map(textOf).join('') + runs.map((r) => textOf(child(r, 't'))).join('');
  const formatted = runs.length > 0 || children(si, 'rPh').length > 0;
  return formatted ? { text, rich: canonical(si) } : { text };
}

export function sharedStrings(sst: XmlElement | undefined): SharedString[] {
  return children(sst, 'si').map(stringItem);
}

const ROW_KNOWN = new Set(['r', 'spans', 'ht', 'customHeight', 'hidden', 'outlineLevel', 'collapsed', 'thickTop', 'thickBot', 's', 'customFormat']);
const COL_KNOWN = new Set(['min', 'max', 'width', 'customWidth', 'hidden', 'outlineLevel', 'collapsed', 'bestFit', 'style']);
const CELL_KNOWN = new Set(['r', 's', 't']);
const FORMULA_KNOWN = new Set(['t', 'ref', 'si']);

const isTrue = (v: string | undefined) => v === '1' || v === 'true';
const same = (a: ResolvedStyle, b: ResolvedStyle) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Attributes other than the known ones, with false and zero values dropped (they are the defaults). */
function otherAttributes(e: XmlElement, known: Set<string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributeMap(e))) if (!known.has(k) && v !== '0') out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface ColumnStyles {
  runs: Record<string, ColumnProperties>;
  /** The style of column n (1-based) when it has one. */
  styleOf: (col: number) => ResolvedStyle | undefined;
}

export function columns(cols: XmlElement[], styles: Styles): ColumnStyles {
  const byColumn = new Map<number, ColumnProperties>();
  for (const col of cols.flatMap((c) => children(c, 'col'))) {
    const p: ColumnProperties = {};
    const width = attr(col, 'width');
    if (width !== undefined) p.width = Number(width);
    if (isTrue(attr(col, 'customWidth'))) p.customWidth = true;
    if (isTrue(attr(col, 'hidden'))) p.hidden = true;
    const level = Number(attr(col, 'outlineLevel') ?? 0);
    if (level > 0) p.outlineLevel = level;
    if (isTrue(attr(col, 'collapsed'))) p.collapsed = true;
    if (isTrue(attr(col, 'bestFit'))) p.bestFit = true;
    const s = attr(col, 'style');
    if (s !== undefined && !same(styles.resolve(Number(s)), styles.defaultStyle)) p.style = styles.resolve(Number(s));
    const other = otherAttributes(col, COL_KNOWN);
    if (other) p.attributes = other;
    const min = Number(attr(col, 'min'));
    const max = Math.min(Number(attr(col, 'max')), 16384);
    for (let n = min; n <= max; n++) byColumn.set(n, p);
  }
  const runs: Record<string, ColumnProperties> = {};
  const sorted = [...byColumn.keys()].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i]!;
    const props = byColumn.get(start)!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1 && JSON.stringify(byColumn.get(end + 1)) === JSON.stringify(props)) {
      end++;
      i++;
    }
    i++;
    if (Object.keys(props).length === 0) continue;
    runs[start === end ? columnLetters(start) : `${columnLetters(start)}:${columnLetters(end)}`] = props;
  }
  return { runs, styleOf: (n) => byColumn.get(n)?.style };
}

export interface SheetCells {
  cells: Record<string, CellInventory>;
  rows: Record<string, RowProperties>;
}

export function sheetCells(sheetData: XmlElement | undefined, strings: SharedString[], styles: Styles, cols: ColumnStyles): SheetCells {
  const cells: Record<string, CellInventory> = {};
  const rows: Record<string, RowProperties> = {};
  /** Shared formula masters by `si`: their text and where they stand. */
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  let rowNumber = 0;
  for (const row of children(sheetData, 'row')) {
    rowNumber = attr(row, 'r') !== undefined ? Number(attr(row, 'r')) : rowNumber + 1;
    const props: RowProperties = {};
    const ht = attr(row, 'ht');
    if (ht !== undefined) props.height = Number(ht);
    if (isTrue(attr(row, 'customHeight'))) props.customHeight = true;
    if (isTrue(attr(row, 'hidden'))) props.hidden = true;
    const level = Number(attr(row, 'outlineLevel') ?? 0);
    if (level > 0) props.outlineLevel = level;
    if (isTrue(attr(row, 'collapsed'))) props.collapsed = true;
    if (isTrue(attr(row, 'thickTop'))) props.thickTop = true;
    if (isTrue(attr(row, 'thickBot'))) props.thickBot = true;
    const rowStyle = isTrue(attr(row, 'customFormat')) ? styles.resolve(Number(attr(row, 's') ?? 0)) : undefined;
    if (rowStyle) props.style = rowStyle;
    const other = otherAttributes(row, ROW_KNOWN);
    if (other) props.attributes = other;
    if (Object.keys(props).length > 0) rows[String(rowNumber)] = props;

    let colNumber = 0;
    for (const c of children(row, 'c')) {
      const r = attr(c, 'r');
      colNumber = r !== undefined ? parseCell(r).col : colNumber + 1;
      const ref = cellRef(colNumber, rowNumber);
      const s = attr(c, 's');
      const cell: CellInventory = { style: styles.resolve(s === undefined ? 0 : Number(s)) };
      readValue(c, strings, cell);
      const f = child(c, 'f');
      if (f) readFormula(f, rowNumber, colNumber, masters, cell);
      const attributes = { ...otherAttributes(c, CELL_KNOWN), ...(f ? otherAttributes(f, FORMULA_KNOWN) : {}) };
      if (Object.keys(attributes).length > 0) cell.attributes = attributes;
      // A cell with nothing in it and the look it would have anyway is no cell at all: writers
      // differ in whether they spell such cells out.
      const inherited = rowStyle ?? cols.styleOf(colNumber) ?? styles.defaultStyle;
      if (Object.keys(cell).length === 1 && same(cell.style, inherited)) continue;
      cells[ref] = cell;
    }
  }
  return { cells, rows };
}

function readValue(c: XmlElement, strings: SharedString[], cell: CellInventory): void {
  const t = attr(c, 't') ?? 'n';
  const v = child(c, 'v');
  if (t === 'inlineStr') {
    const is = child(c, 'is');
    if (is) Object.assign(cell, toValue(stringItem(is)));
    return;
  }
  const text = textOf(v);
  if (!v || (text === '' && t !== 's' && t !== 'str')) return;
  if (t === 's') {
    const item = strings[Number(text)];
    Object.assign(cell, item ? toValue(item) : { error: `missing shared string ${text}` });
  } else if (t === 'str') cell.value = text;
  else if (t === 'b') cell.value = text === '1' || text === 'true';
  else if (t === 'e') cell.error = text;
  else if (t === 'd') cell.value = text;
  else cell.value = Number(text);
}

function toValue(item: SharedString): Partial<CellInventory> {
  return item.rich === undefined ? { value: item.text } : { value: item.text, rich: item.rich };
}

function readFormula(
  f: XmlElement,
  row: number,
  col: number,
  masters: Map<string, { formula: string; row: number; col: number }>,
  cell: CellInventory,
): void {
  const kind = attr(f, 't') ?? 'normal';
  const text = textOf(f);
  if (kind === 'shared') {
    const si = attr(f, 'si') ?? '';
    if (text !== '' || !masters.has(si)) {
      masters.set(si, { formula: text, row, col });
      cell.formula = `=${text}`;
    } else {
      const master = masters.get(si)!;
      cell.formula = `=${translateFormula(master.formula, row - master.row, col - master.col)}`;
    }
  } else if (kind === 'array') {
    cell.formula = `=${text}`;
    cell.array = attr(f, 'ref') ?? cellRef(col, row);
  } else if (kind === 'dataTable') {
    cell.array = `dataTable ${attr(f, 'ref') ?? ''}`;
    if (text !== '') cell.formula = `=${text}`;
  } else {
    cell.formula = `=${text}`;
  }
}
