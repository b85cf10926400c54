/**
 * The in-memory host: the reference implementation of the port, used by core tests and as the
 * base the xlsx adapter loads into. It counts calls so tests can prove round trips stay constant.
 *
 * Formulas (`Formula`, written only by core) are stored as given: the value is what reads return,
 * the text is kept for tests (`formulaAt`). Like everything else here, nothing is evaluated: a
 * formula is never recalculated, and deleting rows moves it with its row without rewriting its A1
 * references (`capabilities.formulas` is `stored`).
 */

import { TransactionQueue } from './transaction-queue.js';
import {
  checkBlocks,
  checkFormulas,
  conflictError,
  isFormula,
  movedCells,
  type Capabilities,
  type Cell,
  type CellBlock,
  type CellRange,
  type ChartSpec,
  type NativePivotSpec,
  type ExpectedCell,
  type SheetFormat,
  type Grid,
  type ProtectionPlan,
  type ProtectionState,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteCell,
  type WriteGrid,
} from './workbook.js';

export interface MemorySheet {
  name: string;
  visibility: Visibility;
  /** Sparse rows are padded on read. A formula cell holds its value here. */
  cells: Cell[][];
  /** Formula text (with its `=`) by position, beside `cells`; sparse, undefined where there is none. */
  formulas: (string | undefined)[][];
  layout?: SheetLayout;
  /** Merged ranges, as a person makes them (tests set them; the port only reads them). */
  merges?: CellRange[];
  /** What formatSheet(), charts() and pivotTable() were last given (reports' sheets). */
  format?: SheetFormat;
  charts?: ChartSpec[];
  pivots?: NativePivotSpec[];
  /**
   * What a person gave a cell besides its value (a number format, a note), by position: tests set
   * them to prove Carnet's writes keep them, as every spreadsheet keeps a cell's format and note
   * when its value is written.
   */
  touches?: ({ numberFormat?: string; note?: string } | undefined)[][];
}

export class MemoryWorkbook implements Workbook {
  readonly capabilities: Capabilities = {
    veryHidden: true,
    rangeValidation: true,
    perUserProtection: false,
    deferredWrites: false,
    formulas: 'stored',
    merges: true,
    // Records what it is given, as a host that groups dates itself would take it.
    pivotTables: 'grouping',
  };
  readonly sheetList: MemorySheet[] = [];
  protection: ProtectionPlan | undefined;
  /** Port calls by method name: tests assert these do not grow with rows. */
  readonly calls: Record<string, number> = {};
  private readonly transactions = new TransactionQueue();
  /**
   * Called before each write reaches a sheet (write, writeBlocks, append, deleteRows): tests put a
   * colleague here, who sorts or inserts rows between Carnet's read and its write.
   */
  beforeWrite: ((sheet: MemorySheet) => void) | undefined;

  constructor(private readonly who: UserInfo = { id: 'local', name: 'Local user' }) {}

  private count(method: string): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
  }

  /** An independent copy: sheets, protections, the same user (tests start many cases from one seed). */
  clone(): MemoryWorkbook {
    const copy = new MemoryWorkbook(this.who);
    for (const s of this.sheetList) copy.sheetList.push(structuredClone(s));
    copy.protection = this.protection && structuredClone(this.protection);
    return copy;
  }

  totalCalls(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  resetCalls(): void {
    for (const k of Object.keys(this.calls)) delete this.calls[k];
  }

  sheet(name: string): MemorySheet | undefined {
    const lower = name.toLowerCase();
    return this.sheetList.find((s) => s.name.toLowerCase() === lower);
  }

  private need(name: string): MemorySheet {
    const s = this.sheet(name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  }

  async sheets(): Promise<SheetInfo[]> {
    this.count('sheets');
    return this.sheetList.map((s) => {
      const { rows, columns } = usedSize(s.cells);
      return { name: s.name, visibility: s.visibility, rows, columns };
    });
  }

  async read(name: string): Promise<Grid> {
    this.count('read');
    const s = this.sheet(name);
    if (!s) return [];
    const { rows, columns } = usedSize(s.cells);
    const out: Grid = [];
    for (let r = 0; r < rows; r++) {
      const src = s.cells[r] ?? [];
      const row: Cell[] = new Array(columns);
      for (let c = 0; c < columns; c++) row[c] = src[c] ?? null;
      out.push(row);
    }
    return out;
  }

  async write(name: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    this.count('write');
    const s = this.need(name);
    checkFormulas(grid);
    this.beforeWrite?.(s);
    for (let r = 0; r < grid.length; r++) {
      const src = grid[r]!;
      for (let c = 0; c < src.length; c++) put(s, row + r, column + c, src[c]);
    }
  }

  async writeBlocks(name: string, blocks: CellBlock[], expect: ExpectedCell[] = []): Promise<void> {
    this.count('writeBlocks');
    const s = this.need(name);
    checkBlocks(blocks);
    this.beforeWrite?.(s);
    this.verify(s, expect);
    for (const b of blocks) {
      b.cells.forEach((src, r) => src.forEach((v, c) => put(s, b.row + r, b.column + c, v)));
    }
  }

  async formulaCells(name: string, range: CellRange): Promise<{ row: number; column: number }[]> {
    this.count('formulaCells');
    const s = this.sheet(name);
    const out: { row: number; column: number }[] = [];
    if (!s) return out;
    for (let r = range.top; r <= Math.min(range.bottom, s.formulas.length - 1); r++) {
      const line = s.formulas[r];
      if (!line) continue;
      for (let c = range.left; c <= Math.min(range.right, line.length - 1); c++) if (line[c] !== undefined) out.push({ row: r, column: c });
    }
    return out;
  }

  async merges(name: string): Promise<CellRange[]> {
    this.count('merges');
    return (this.sheet(name)?.merges ?? []).map((m) => ({ ...m }));
  }

  /** E_CONFLICT, before anything is written, when an expected cell no longer holds its value. */
  private verify(s: MemorySheet, expect: readonly ExpectedCell[]): void {
    const moved = movedCells(expect, (r, c) => s.cells[r]?.[c] ?? null);
    if (moved.length) throw conflictError(s.name, moved[0]!);
  }

  async append(name: string, rows: WriteGrid): Promise<void> {
    this.count('append');
    const s = this.need(name);
    checkFormulas(rows);
    this.beforeWrite?.(s);
    const start = usedSize(s.cells).rows;
    rows.forEach((src, i) => {
      s.cells[start + i] = [];
      s.formulas[start + i] = [];
      src.forEach((v, c) => put(s, start + i, c, v));
    });
  }

  /** Formulas move with their rows; their text is not rewritten (see the class comment). */
  async deleteRows(name: string, rows: number[], expect: ExpectedCell[] = []): Promise<void> {
    this.count('deleteRows');
    const s = this.need(name);
    this.beforeWrite?.(s);
    this.verify(s, expect);
    const doomed = new Set(rows);
    const keep = <T>(list: T[]): T[] => {
      const kept: T[] = [];
      for (let r = 0; r < list.length; r++) if (!doomed.has(r)) kept.push(list[r]!);
      return kept;
    };
    const height = Math.max(s.cells.length, s.formulas.length, s.touches?.length ?? 0);
    const pad = <T>(list: T[], empty: () => T): T[] => Array.from({ length: height }, (_, r) => list[r] ?? empty());
    s.cells = keep(pad(s.cells, () => []));
    s.formulas = keep(pad(s.formulas, () => []));
    if (s.touches) s.touches = keep(pad(s.touches, () => []));
    if (s.merges) s.merges = shiftMerges(s.merges, doomed);
  }

  /** A person's touch on a cell (tests only): a number format or a note, kept by every write. */
  touch(sheet: string, row: number, column: number, what: { numberFormat?: string; note?: string }): void {
    const s = this.need(sheet);
    const touches = (s.touches ??= []);
    const line = (touches[row] ??= []);
    line[column] = { ...(line[column] ?? {}), ...what };
  }

  /** What `touch` left on a cell (tests only). */
  touchAt(sheet: string, row: number, column: number): { numberFormat?: string; note?: string } | undefined {
    return this.sheet(sheet)?.touches?.[row]?.[column];
  }

  /** The formula text stored at a cell (0-based), or undefined: for tests, not part of the port. */
  formulaAt(sheet: string, row: number, column: number): string | undefined {
    return this.sheet(sheet)?.formulas[row]?.[column];
  }

  async ensureSheet(name: string, options: { visibility?: Visibility; index?: number } = {}): Promise<boolean> {
    this.count('ensureSheet');
    const existing = this.sheet(name);
    if (existing) {
      if (options.visibility) existing.visibility = options.visibility;
      return false;
    }
    const created: MemorySheet = { name, visibility: options.visibility ?? 'visible', cells: [], formulas: [] };
    if (options.index !== undefined) this.sheetList.splice(options.index, 0, created);
    else this.sheetList.push(created);
    return true;
  }

  async renameSheet(from: string, to: string): Promise<void> {
    this.count('renameSheet');
    const renamed = this.need(from);
    const old = renamed.name.toLowerCase();
    renamed.name = to;
    // Every spreadsheet rewrites references to a renamed sheet, so dropdowns reading it follow it.
    for (const s of this.sheetList) {
      if (!s.layout) continue;
      s.layout = {
        ...s.layout,
        columns: s.layout.columns.map((c) =>
          c.validation?.kind === 'range' && c.validation.sheet.toLowerCase() === old
            ? { ...c, validation: { ...c.validation, sheet: to } }
            : c,
        ),
      };
    }
  }

  async clearSheet(name: string): Promise<void> {
    this.count('clearSheet');
    const s = this.need(name);
    s.cells = [];
    s.formulas = [];
    delete s.touches;
    delete s.merges;
    delete s.layout;
    delete s.format;
    delete s.charts;
    delete s.pivots;
  }

  async formatSheet(name: string, format: SheetFormat): Promise<void> {
    this.count('formatSheet');
    this.need(name).format = format;
  }

  async charts(name: string, charts: ChartSpec[]): Promise<void> {
    this.count('charts');
    this.need(name).charts = charts.map((c) => ({ ...c }));
  }

  async pivotTable(spec: NativePivotSpec): Promise<void> {
    this.count('pivotTable');
    this.need(spec.source.sheet);
    this.need(spec.target.sheet).pivots = [spec];
  }

  async layout(name: string, layout: SheetLayout): Promise<void> {
    this.count('layout');
    this.need(name).layout = layout;
  }

  /** Keeps the plan's entry per sheet (tests read `protectionOf`); other sheets keep theirs. */
  async protect(plan: ProtectionPlan): Promise<void> {
    this.count('protect');
    for (const p of plan.sheets) this.need(p.name);
    const bySheet = new Map((this.protection?.sheets ?? []).map((p) => [p.name.toLowerCase(), p]));
    for (const p of plan.sheets) bySheet.set(p.name.toLowerCase(), { ...p, editors: [...p.editors], ...(p.warnColumns ? { warnColumns: p.warnColumns.map((c) => ({ ...c })) } : {}) });
    this.protection = { sheets: [...bySheet.values()] };
  }

  async protections(sheets: string[]): Promise<ProtectionState[]> {
    this.count('protections');
    const out: ProtectionState[] = [];
    for (const name of sheets) {
      const sheet = this.sheet(name);
      if (!sheet) continue;
      const p = this.protection?.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
      out.push({
        name: sheet.name,
        locked: !!p?.locked,
        editors: p?.locked ? [...p.editors] : [],
        warnColumns: p?.locked ? (p.warnColumns ?? []).map((c) => c.column) : [],
      });
    }
    return out;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.transactions.run(fn);
  }

  async user(): Promise<UserInfo> {
    this.count('user');
    return this.who;
  }
}

/** Empty strings are stored as empty cells, as every spreadsheet does. */
function normalizeCell(v: Cell | undefined): Cell {
  if (v === undefined || v === '') return null;
  return v;
}

/** One cell: a formula keeps its text beside its value; anything else clears the text there. */
function put(s: MemorySheet, row: number, column: number, v: WriteCell | undefined): void {
  const formulas = (s.formulas[row] ??= []);
  (s.cells[row] ??= [])[column] = isFormula(v) ? normalizeCell(v.value) : normalizeCell(v);
  formulas[column] = isFormula(v) ? v.formula : undefined;
}

function usedSize(cells: Cell[][]): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== null && row[c] !== undefined) {
        rows = r + 1;
        if (c + 1 > columns) columns = c + 1;
        break;
      }
    }
  }
  return { rows, columns };
}

/** Merges after deleting rows, as a spreadsheet moves them: up with their rows, shrunk by the rows they lose. */
function shiftMerges(merges: CellRange[], doomed: Set<number>): CellRange[] {
  const gone = [...doomed].sort((a, b) => a - b);
  const before = (row: number) => gone.filter((d) => d < row).length;
  const out: CellRange[] = [];
  for (const m of merges) {
    let top = m.top;
    let bottom = m.bottom;
    while (top <= bottom && doomed.has(top)) top++;
    while (bottom >= top && doomed.has(bottom)) bottom--;
    if (top > bottom) continue;
    const lost = gone.filter((d) => d > top && d < bottom).length;
    const shifted = { top: top - before(top), left: m.left, bottom: top - before(top) + (bottom - top) - lost, right: m.right };
    if (shifted.bottom > shifted.top || shifted.right > shifted.left) out.push(shifted);
  }
  return out;
}
