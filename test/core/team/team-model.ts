/**
 * The model behind team-cells.property.test.ts: what a workbook's visible sheets hold, cell by
 * cell, and what one command may change in them, computed from the command and the sheets as
 * they were (never by asking core). A spreadsheet's own rules are modelled here too: deleting a
 * row moves the rows below up, with their formulas, formats and notes, and (where the host owns
 * its formulas) rewrites the formulas' references.
 */

import { deletion, moveRows } from '../../../core/formula-references.js';
import { a1, type Capabilities, type Cell } from '../../../core/workbook.js';

/** One cell as people see it: its value, and what `cellAt` tells besides. */
export interface CellState {
  value: Cell;
  formula?: string;
  numberFormat?: string;
  note?: string;
}

export interface SheetState {
  name: string;
  /** The sheet's used range as `read` gives it (for "the next empty row / column"). */
  usedRows: number;
  usedColumns: number;
  /** A fixed rectangle from A1, larger than the used range: a write past the data shows up too. */
  cells: CellState[][];
}

/** The visible sheets, by name. */
export type Book = Map<string, SheetState>;

/** Case and spaces folded, as people (and references) compare names. */
export function fold(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function blank(v: Cell | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function cloneBook(book: Book): Book {
  const out: Book = new Map();
  for (const [name, s] of book) out.set(name, { ...s, cells: s.cells.map((row) => row.map((c) => ({ ...c }))) });
  return out;
}

// -------------------------------------------------------------------------------------------
// The directories as the model knows them (never read from Carnet's schema)

export interface FieldModel {
  key: string;
  label: string;
  type: 'text' | 'reference' | 'email' | 'phone' | 'percent' | 'date' | 'user' | 'money' | 'integer' | 'boolean';
  required?: boolean;
  /** A literal default, or 'today' / '@me'. */
  default?: Cell;
  ref?: string;
  unique?: boolean;
  column: number;
}

export interface DirModel {
  key: string;
  sheet: string;
  prefix: string;
  /** The display field's key, or 'id'. */
  display: string;
  idColumn: number;
  fields: FieldModel[];
  /** The highest id number handed out so far (Carnet's counter). */
  counter: number;
}

export interface RecordModel {
  row: number;
  id: string;
  values: Record<string, Cell>;
  /** Fields whose cell holds a formula (a team's), by key. */
  formulas: Set<string>;
}

export function field(dir: DirModel, key: string): FieldModel {
  const f = dir.fields.find((x) => x.key === key);
  if (!f) throw new Error(`model: no field ${key} in ${dir.key}`);
  return f;
}

/** A row is a record when its ID cell or one of its directory's cells holds something. */
export function recordsOf(book: Book, dir: DirModel): RecordModel[] {
  const sheet = book.get(dir.sheet);
  if (!sheet) throw new Error(`model: no sheet ${dir.sheet}`);
  const out: RecordModel[] = [];
  for (let r = 1; r < sheet.cells.length; r++) {
    const row = sheet.cells[r]!;
    const cols = [dir.idColumn, ...dir.fields.map((f) => f.column)];
    if (cols.every((c) => blank(row[c]?.value))) continue;
    const values: Record<string, Cell> = {};
    const formulas = new Set<string>();
    for (const f of dir.fields) {
      values[f.key] = row[f.column]?.value ?? null;
      if (row[f.column]?.formula !== undefined) formulas.add(f.key);
    }
    const id = row[dir.idColumn]?.value;
    out.push({ row: r, id: blank(id) ? '' : String(id).trim(), values, formulas });
  }
  return out;
}

export function displayOf(dir: DirModel, rec: RecordModel): string {
  const v = dir.display === 'id' ? rec.id : rec.values[dir.display];
  return blank(v) ? '' : String(v);
}

/** The row a new record takes: right below the last row holding anything, whoever's column it is. */
export function nextFreeRow(book: Book, sheet: string): number {
  const s = book.get(sheet)!;
  let last = 0;
  for (let r = 1; r < s.usedRows; r++) if (s.cells[r]!.some((c) => !blank(c.value))) last = r;
  return last + 1;
}

export function idNumber(prefix: string, id: string): number | undefined {
  const m = new RegExp(`^${prefix}-(\\d+)$`, 'i').exec(id.trim());
  return m ? Number(m[1]) : undefined;
}

/** The next id: past the counter and past every id already in the sheet. */
export function nextId(book: Book, dir: DirModel): { id: string; n: number } {
  let top = dir.counter;
  for (const r of recordsOf(book, dir)) top = Math.max(top, idNumber(dir.prefix, r.id) ?? 0);
  const n = top + 1;
  return { id: `${dir.prefix}-${String(n).padStart(6, '0')}`, n };
}

// -------------------------------------------------------------------------------------------
// Expectations

/**
 * The sheets as they should be after one command, built from the sheets before it: only the
 * cells the command means change. `write` marks a cell as Carnet's (its value, and no formula);
 * `deleteRow` moves rows as a spreadsheet does; `columnFormat` is Carnet's layout on its own
 * column (shown only by hosts whose `cellAt` reports layout formats).
 */
export class Expected {
  readonly book: Book;
  /** Cells Carnet writes: sheet → "row:column". */
  readonly written = new Map<string, Set<string>>();
  /** Rows at the bottom of a region whose content came from below it (unknown to the model). */
  readonly unknownRows = new Map<string, Set<number>>();

  constructor(
    before: Book,
    private readonly formulas: Capabilities['formulas'],
    private readonly layoutShows: boolean,
  ) {
    this.book = cloneBook(before);
  }

  private sheet(name: string): SheetState {
    const s = this.book.get(name);
    if (!s) throw new Error(`model: no sheet ${name}`);
    return s;
  }

  write(sheet: string, row: number, column: number, value: Cell): void {
    const s = this.sheet(sheet);
    const cell = s.cells[row]?.[column];
    if (!cell) throw new Error(`model: ${sheet}!${a1(row, column)} is outside the compared region; make the region larger`);
    cell.value = value;
    delete cell.formula;
    (this.written.get(sheet) ?? this.written.set(sheet, new Set()).get(sheet)!).add(`${row}:${column}`);
  }

  isWritten(sheet: string, row: number, column: number): boolean {
    return this.written.get(sheet)?.has(`${row}:${column}`) ?? false;
  }

  /** Carnet's number format on a column's data rows (the layout it applies to its own columns). */
  columnFormat(sheet: string, column: number, format: string | undefined): void {
    if (!this.layoutShows || format === undefined) return;
    const s = this.sheet(sheet);
    for (let r = 1; r < s.cells.length; r++) {
      const c = s.cells[r]![column]!;
      if (format === 'General') delete c.numberFormat;
      else c.numberFormat = format;
    }
  }

  /**
   * A whole row deleted: the rows below move up with everything they hold. Where the host owns
   * its formulas, references to rows of this sheet follow (in every sheet); in the in-memory host
   * a formula's text stays as written.
   */
  deleteRow(sheet: string, row: number): void {
    const s = this.sheet(sheet);
    const width = s.cells[0]!.length;
    s.cells.splice(row, 1);
    s.cells.push(Array.from({ length: width }, () => ({ value: null })));
    (this.unknownRows.get(sheet) ?? this.unknownRows.set(sheet, new Set()).get(sheet)!).add(s.cells.length - 1);
    s.usedRows = Math.max(1, s.usedRows - 1);
    if (this.formulas === 'stored') return;
    const map = deletion(row + 1, 1);
    for (const other of this.book.values()) {
      for (const line of other.cells) {
        for (const c of line) if (c.formula !== undefined) c.formula = moveRows(c.formula, sheet, other === s, map);
      }
    }
  }
}

export interface Difference {
  cell: string;
  what: 'value' | 'formula' | 'numberFormat' | 'note' | 'sheet';
  expected: unknown;
  actual: unknown;
}

const format = (f: string | undefined) => (f === undefined || f === 'General' ? undefined : f);

function sameValue(a: Cell | undefined, b: Cell | undefined): boolean {
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  return a === b;
}

/**
 * Every cell of every sheet, expected against actual. A formula's value is compared only where
 * the host keeps what was written (`stored`): a live host calculates it, the file drops stale
 * results. A cell Carnet wrote may take the text format when it received text: that is how the
 * Office host keeps text literal, and the cell is Carnet's.
 */
export function differences(expected: Expected, actual: Book, formulas: Capabilities['formulas']): Difference[] {
  const out: Difference[] = [];
  const names = new Set([...expected.book.keys(), ...actual.keys()]);
  for (const name of names) {
    const e = expected.book.get(name);
    const a = actual.get(name);
    if (!e || !a) {
      out.push({ cell: name, what: 'sheet', expected: e ? 'present' : 'absent', actual: a ? 'present' : 'absent' });
      continue;
    }
    const unknown = expected.unknownRows.get(name);
    for (let r = 0; r < Math.max(e.cells.length, a.cells.length); r++) {
      if (unknown?.has(r)) continue;
      for (let c = 0; c < Math.max(e.cells[0]!.length, a.cells[0]!.length); c++) {
        const x = e.cells[r]?.[c] ?? { value: null };
        const y = a.cells[r]?.[c] ?? { value: null };
        const cell = `${name}!${a1(r, c)}`;
        if (!(x.formula !== undefined && formulas !== 'stored') && !sameValue(x.value, y.value)) out.push({ cell, what: 'value', expected: x.value, actual: y.value });
        if (x.formula !== y.formula) out.push({ cell, what: 'formula', expected: x.formula, actual: y.formula });
        const textWritten = expected.isWritten(name, r, c) && typeof x.value === 'string' && x.value !== '';
        if (format(x.numberFormat) !== format(y.numberFormat) && !(textWritten && y.numberFormat === '@')) {
          out.push({ cell, what: 'numberFormat', expected: x.numberFormat, actual: y.numberFormat });
        }
        if (x.note !== y.note) out.push({ cell, what: 'note', expected: x.note, actual: y.note });
      }
    }
  }
  return out;
}
