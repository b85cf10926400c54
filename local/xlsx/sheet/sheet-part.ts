/**
 * One worksheet part, patched in place. The part is kept as the text it was read as, with an index
 * of its rows; rows Carnet writes are re-made (the cells it writes re-encoded, the row's other
 * cells kept byte for byte) and held beside the text until the save, which splices them in. Every
 * other byte of the part — the team's rows, formulas, styles, and every element around
 * `<sheetData>` — is written back as it was read.
 */

import { isFormula, type Cell, type CellRange, type WriteCell } from '../../../core/workbook.js';
import { findElement } from '../xml/tags.js';
import { letters } from './cell-ref.js';
import { columnOfRef, decodeCell, encodeCell, type CellContext, type DecodedCell } from './cell-xml.js';
import { placeElement, topLevel } from './elements.js';
import { endOfTag, indexRows, joinRow, rowStyle, splitRow, type RowSlot } from './rows.js';
import { columnStyle, parseCols } from './cols.js';

/** What decoding the part gives: values by row and column (sparse), and the formula cells. */
export interface Decoded {
  values: Cell[][];
  /** Formula cells by row (0-based), only rows that have some. */
  formulas: Map<number, DecodedCell[]>;
}

export class SheetPart {
  readonly prefix: string;
  /** The part's text before `<sheetData>`'s content, and after it. */
  private head: string;
  private tail: string;
  /** The rows' text as read, and where each row lies in it. */
  private body: string;
  private slots: RowSlot[];
  /** Rows rewritten or added since the part was read (1-based number → row XML, '' when removed). */
  private readonly edits = new Map<number, string>();
  private editOrder: number[] | undefined;
  private decoded: Decoded | undefined;
  private size: { rows: number; columns: number } | undefined;
  /** True when the part must be written at the next save. */
  changed = false;
  /**
   * Where cells were written since the last save, for the recalculation of formulas that depend
   * on them: per row the span of columns written, consecutive rows of one span merged, so that
   * appending 100,000 rows is one range.
   */
  readonly touched: CellRange[] = [];
  /** Cells written with Carnet's own formulas since the last save (row × 16,384 + column): their results are core's. */
  readonly ownFormulas = new Set<number>();

  constructor(xml: string) {
    const root = findElement(xml, 'worksheet');
    if (!root) throw new Error('not a worksheet part');
    this.prefix = root.qname.includes(':') ? root.qname.slice(0, root.qname.indexOf(':') + 1) : '';
    const data = findElement(xml, 'sheetData', root.openEnd);
    if (!data) {
      // A worksheet must have sheetData (§18.3.1.99), but be lenient: add an empty one at its place.
      const withData = placeElement(xml, { from: root.openEnd, until: root.closeStart }, 'sheetData', `<${this.prefix}sheetData></${this.prefix}sheetData>`);
      const d = findElement(withData, 'sheetData', root.openEnd)!;
      this.head = withData.slice(0, d.openEnd);
      this.body = '';
      this.tail = withData.slice(d.closeStart);
    } else if (data.selfClosing) {
      this.head = `${xml.slice(0, data.start)}<${data.qname}>`;
      this.body = '';
      this.tail = `</${data.qname}>${xml.slice(data.end)}`;
    } else {
      this.head = xml.slice(0, data.openEnd);
      this.body = xml.slice(data.openEnd, data.closeStart);
      this.tail = xml.slice(data.closeStart);
    }
    this.slots = indexRows(this.body, this.prefix, 0, this.body.length);
  }

  // ---------------------------------------------------------------------------------------------
  // Rows

  /** The current XML of row `r` (1-based), undefined when there is no such row element. */
  rowXml(r: number): string | undefined {
    const e = this.edits.get(r);
    if (e !== undefined) return e === '' ? undefined : e;
    const slot = this.slotOf(r);
    return slot ? this.body.slice(slot.start, slot.end) : undefined;
  }

  private slotOf(r: number): RowSlot | undefined {
    const s = this.slots;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = s[mid]!.r;
      if (v === r) return s[mid];
      if (v < r) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Every row in order, as (number, XML): the rows as read merged with the rows rewritten. */
  *rows(): Generator<[number, string]> {
    const order = (this.editOrder ??= [...this.edits.keys()].sort((a, b) => a - b));
    let i = 0;
    for (const slot of this.slots) {
      while (i < order.length && order[i]! < slot.r) {
        const x = this.edits.get(order[i]!)!;
        if (x !== '') yield [order[i]!, x];
        i++;
      }
      if (i < order.length && order[i] === slot.r) {
        const x = this.edits.get(slot.r)!;
        if (x !== '') yield [slot.r, x];
        i++;
        continue;
      }
      yield [slot.r, this.body.slice(slot.start, slot.end)];
    }
    for (; i < order.length; i++) {
      const x = this.edits.get(order[i]!)!;
      if (x !== '') yield [order[i]!, x];
    }
  }

  private setRow(r: number, xml: string): void {
    if (!this.edits.has(r)) this.editOrder = undefined;
    this.edits.set(r, xml);
    this.changed = true;
    this.version++;
  }

  /** Counts changes to the rows, so that what is built from them (book.ts's grids) knows when to rebuild. */
  version = 0;

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Values and formulas of every cell, decoded once and kept up to date by writes. */
  decode(ctx: CellContext): Decoded {
    if (this.decoded) return this.decoded;
    const values: Cell[][] = [];
    const formulas = new Map<number, DecodedCell[]>();
    for (const [r, xml] of this.rows()) this.decodeRow(r - 1, xml, ctx, values, formulas);
    this.decoded = { values, formulas };
    this.size = undefined;
    return this.decoded;
  }

  private decodeRow(row: number, xml: string | undefined, ctx: CellContext, values: Cell[][], formulas: Map<number, DecodedCell[]>): void {
    formulas.delete(row);
    if (xml === undefined) {
      delete values[row];
      return;
    }
    const split = splitRow(xml, this.prefix);
    let line: Cell[] | undefined;
    let f: DecodedCell[] | undefined;
    for (const c of split.cells) {
      const d = decodeCell(c.tag, c.body, c.column, ctx);
      if (d.value !== null) (line ??= [])[d.column] = d.value;
      if (d.formula !== undefined || d.shared || d.arrayRef) (f ??= []).push(d);
    }
    if (line) values[row] = line;
    else delete values[row];
    if (f) formulas.set(row, f);
  }

  /** The number (1-based) of the last row element, 0 for none: rows past it do not exist. */
  lastRowNumber(): number {
    let last = this.slots.length ? this.slots[this.slots.length - 1]!.r : 0;
    for (const [r, x] of this.edits) if (x !== '' && r > last) last = r;
    return last;
  }

  /** Rows and columns of the used range (cells holding a value), from A1. */
  usedSize(ctx: CellContext): { rows: number; columns: number } {
    if (this.size) return this.size;
    const { values } = this.decode(ctx);
    let rows = 0;
    let columns = 0;
    values.forEach((line, r) => {
      if (!line) return;
      for (let c = line.length - 1; c >= 0; c--) {
        if (line[c] !== null && line[c] !== undefined) {
          rows = r + 1;
          if (c + 1 > columns) columns = c + 1;
          break;
        }
      }
    });
    this.size = { rows, columns };
    return this.size;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes cells (0-based), each keeping its style (a new cell takes its row's or its column's,
   * as a spreadsheet gives it). Cells of a row not listed are kept as they are, XML and all.
   */
  write(cells: { row: number; column: number; value: WriteCell }[], ctx: CellContext, sheetName: string): void {
    const byRow = new Map<number, { column: number; value: WriteCell }[]>();
    for (const c of cells) {
      const list = byRow.get(c.row);
      if (list) list.push(c);
      else byRow.set(c.row, [c]);
    }
    const cols = parseCols(this.head);
    for (const [row, list] of byRow) {
      const r = row + 1;
      const existing = this.rowXml(r);
      const split = splitRow(existing ?? `<${this.prefix}row r="${r}"/>`, this.prefix);
      const rs = rowStyle(split.tag);
      let left = Infinity;
      let right = -1;
      for (const { column, value } of list) {
        const at = split.cells.findIndex((c) => c.column === column);
        const old = at >= 0 ? split.cells[at]! : undefined;
        const style = old ? Number(/\ss\s*=\s*["'](\d+)["']/.exec(old.tag)?.[1] ?? 0) : (rs ?? columnStyle(cols, column) ?? 0);
        const ref = `${letters(column)}${r}`;
        const xml = encodeCell(ref, style, value, ctx, this.prefix, () => ({ sheet: sheetName, cell: ref }));
        if (xml === undefined) {
          if (at >= 0) split.cells.splice(at, 1);
        } else if (old) {
          split.cells[at] = { column, xml, tag: '', body: '' };
        } else {
          split.cells.push({ column, xml, tag: '', body: '' });
        }
        const key = row * 16_384 + column;
        if (isFormula(value)) this.ownFormulas.add(key);
        else this.ownFormulas.delete(key);
        if (column < left) left = column;
        if (column > right) right = column;
      }
      this.touch(row, left, right);
      const joined = joinRow(split, this.prefix);
      this.setRow(r, joined);
      if (this.decoded) this.decodeRow(row, joined, ctx, this.decoded.values, this.decoded.formulas);
    }
    this.size = undefined;
  }

  private touch(row: number, left: number, right: number): void {
    const last = this.touched[this.touched.length - 1];
    if (last && last.left === left && last.right === right && last.bottom === row - 1) last.bottom = row;
    else this.touched.push({ top: row, bottom: row, left, right });
  }

  /** The style index of a cell (0 when it has none); for layout and tests. */
  styleAt(row: number, column: number): number {
    const xml = this.rowXml(row + 1);
    if (!xml) return columnStyle(parseCols(this.head), column) ?? 0;
    const split = splitRow(xml, this.prefix);
    const c = split.cells.find((x) => x.column === column);
    if (c) return Number(/\ss\s*=\s*["'](\d+)["']/.exec(c.tag)?.[1] ?? 0);
    return rowStyle(split.tag) ?? columnStyle(parseCols(this.head), column) ?? 0;
  }

  /** Replaces a row's XML (1-based `r`), keeping decoded values up to date: for row-level edits (row-edits.ts). */
  replaceRow(r: number, xml: string, ctx: CellContext): void {
    this.setRow(r, xml);
    if (this.decoded) this.decodeRow(r - 1, xml, ctx, this.decoded.values, this.decoded.formulas);
    this.size = undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Around the rows

  /** The part's text before the rows (sheetPr, dimension, sheetViews, sheetFormatPr, cols). */
  get headXml(): string {
    return this.head;
  }

  /** The part's text after the rows (mergeCells, conditional formats, validations, drawings…). */
  get tailXml(): string {
    return this.tail;
  }

  setHead(xml: string): void {
    if (xml === this.head) return;
    this.head = xml;
    this.changed = true;
  }

  setTail(xml: string): void {
    if (xml === this.tail) return;
    this.tail = xml;
    this.changed = true;
  }

  /** Replaces (or inserts, or with '' removes) a top-level element before or after the rows. */
  placeElement(local: string, element: string): void {
    if (WORKSHEET_HEAD.includes(local)) {
      const span = this.headSpan();
      this.setHead(placeElement(this.head, span, local, element));
    } else {
      this.setTail(placeElement(this.tail, this.tailSpan(), local, element));
    }
  }

  /** Where the root's children before `<sheetData>` lie in the head. */
  private headSpan(): { from: number; until: number } {
    const rootStart = this.head.search(/<(?:[\w.-]+:)?worksheet[\s>]/);
    const from = endOfTag(this.head, rootStart + 1);
    const until = this.head.lastIndexOf(`<${this.prefix}sheetData`);
    return { from, until };
  }

  /** Where the root's children after `</sheetData>` lie in the tail. */
  private tailSpan(): { from: number; until: number } {
    return { from: this.tail.indexOf('>') + 1, until: this.tail.lastIndexOf('</') };
  }

  /** A top-level element of the tail (after the rows) as XML, or undefined. */
  tailElement(local: string): string | undefined {
    const { from, until } = this.tailSpan();
    const found = topLevel(this.tail, from, until).find((e) => e.local === local);
    return found ? this.tail.slice(found.start, found.end) : undefined;
  }

  /** A top-level element of the head (before the rows) as XML, or undefined. */
  headElement(local: string): string | undefined {
    const { from, until } = this.headSpan();
    const found = topLevel(this.head, from, until).find((e) => e.local === local);
    return found ? this.head.slice(found.start, found.end) : undefined;
  }

  /** Merged ranges, from `<mergeCells>`. */
  merges(): CellRange[] {
    const block = this.tailElement('mergeCells');
    if (!block) return [];
    const out: CellRange[] = [];
    for (const m of block.matchAll(/<(?:[\w.-]+:)?mergeCell\s[^>]*ref\s*=\s*["']([^"']+)["']/g)) {
      const r = parseRef(m[1]!);
      if (r) out.push(r);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Saving

  /**
   * `<dimension>` covers the cells written: some readers (openpyxl in read-only mode, pandas through
   * it) take it as the used range and would not see rows appended past it.
   */
  private growDimension(): void {
    if (this.touched.length === 0) return;
    const m = /(<(?:[\w.-]+:)?dimension\b[^>]*\sref\s*=\s*")([^"]+)(")/.exec(this.head);
    if (!m) return;
    const [a, b = a] = m[2]!.split(':') as [string, string?];
    const cellOf = (ref: string) => /^\$?([A-Za-z]+)\$?(\d+)$/.exec(ref);
    const x = cellOf(a);
    const y = cellOf(b!);
    if (!x || !y) return;
    let bottom = Number(y[2]) - 1;
    let right = columnOfRef(y[1]!);
    for (const t of this.touched) {
      if (t.bottom > bottom) bottom = t.bottom;
      if (t.right > right) right = t.right;
    }
    const ref = `${x[1]}${x[2]}:${letters(right)}${bottom + 1}`;
    if (ref !== m[2]) this.head = this.head.replace(m[0], `${m[1]}${ref}${m[3]}`);
  }

  /** The part's text: head, rows (as read, or rewritten), tail. */
  serialize(): string {
    this.growDimension();
    if (this.edits.size === 0) return this.head + this.body + this.tail;
    const pieces: string[] = [this.head];
    const order = (this.editOrder ??= [...this.edits.keys()].sort((a, b) => a - b));
    let i = 0;
    let from = 0;
    for (const slot of this.slots) {
      if (i < order.length && order[i]! <= slot.r) {
        // Copy the untouched rows before this one as one slice.
        pieces.push(this.body.slice(from, slot.start));
        while (i < order.length && order[i]! < slot.r) pieces.push(this.edits.get(order[i++]!)!);
        if (i < order.length && order[i] === slot.r) {
          pieces.push(this.edits.get(order[i++]!)!);
          from = slot.end;
        } else {
          from = slot.start;
        }
      }
    }
    pieces.push(this.body.slice(from));
    while (i < order.length) pieces.push(this.edits.get(order[i++]!)!);
    pieces.push(this.tail);
    return pieces.join('');
  }

  /**
   * After a save: the text written becomes the text read, when rewritten rows have piled up, so
   * that a long session (the server) does not merge thousands of edits at every save.
   */
  rebase(force = false): void {
    this.touched.length = 0;
    this.ownFormulas.clear();
    this.staleSeeds.clear();
    this.changed = false;
    if (!force && this.edits.size < 2000) return;
    const xml = this.serialize();
    const dataEnd = xml.length - this.tail.length;
    this.body = xml.slice(this.head.length, dataEnd);
    this.slots = indexRows(this.body, this.prefix, 0, this.body.length);
    this.edits.clear();
    this.editOrder = undefined;
  }

  /** Replaces every row at once (row deletion renumbers them); decoded values are dropped. */
  replaceRows(rows: [number, string][]): void {
    this.body = rows.map(([, x]) => x).join('');
    this.slots = indexRows(this.body, this.prefix, 0, this.body.length);
    this.edits.clear();
    this.editOrder = undefined;
    this.decoded = undefined;
    this.size = undefined;
    this.changed = true;
    this.version++;
  }

  /**
   * Formula cells (row × 16,384 + column) whose results a row deletion made stale: their ranges
   * lost rows, or they read row positions. recalc.ts starts from them.
   */
  readonly staleSeeds = new Set<number>();

  /** Rewrites rows: `fn` returns a row's new XML, or the same string to leave it. */
  mapRows(fn: (r: number, xml: string) => string): void {
    const changes: [number, string][] = [];
    for (const [r, xml] of this.rows()) {
      const next = fn(r, xml);
      if (next !== xml) changes.push([r, next]);
    }
    for (const [r, xml] of changes) this.setRow(r, xml);
    if (changes.length) this.forgetDecoded();
  }

  /** Forgets decoded values (after changes made to the rows' text from outside). */
  forgetDecoded(): void {
    this.decoded = undefined;
    this.size = undefined;
    this.version++;
  }
}

const WORKSHEET_HEAD = ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols'];

function parseRef(ref: string): CellRange | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const col = (s: string) => {
    let n = 0;
    for (const ch of s.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  };
  const top = Number(m[2]) - 1;
  const left = col(m[1]!);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? col(m[3]) : left;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

