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
  checkFormulas,
  isFormula,
  type Capabilities,
  type Cell,
  type Grid,
  type ProtectionPlan,
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
}

export class MemoryWorkbook implements Workbook {
  readonly capabilities: Capabilities = {
    veryHidden: true,
    rangeValidation: true,
    perUserProtection: false,
    deferredWrites: false,
    formulas: 'stored',
  };
  readonly sheetList: MemorySheet[] = [];
  protection: ProtectionPlan | undefined;
  /** Port calls by method name: tests assert these do not grow with rows. */
  readonly calls: Record<string, number> = {};
  private readonly transactions = new TransactionQueue();

  constructor(private readonly who: UserInfo = { id: 'local', name: 'Local user' }) {}

  private count(method: string): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
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
    for (let r = 0; r < grid.length; r++) {
      const src = grid[r]!;
      for (let c = 0; c < src.length; c++) put(s, row + r, column + c, src[c]);
    }
  }

  async append(name: string, rows: WriteGrid): Promise<void> {
    this.count('append');
    const s = this.need(name);
    checkFormulas(rows);
    const start = usedSize(s.cells).rows;
    rows.forEach((src, i) => {
      s.cells[start + i] = [];
      s.formulas[start + i] = [];
      src.forEach((v, c) => put(s, start + i, c, v));
    });
  }

  /** Formulas move with their rows; their text is not rewritten (see the class comment). */
  async deleteRows(name: string, rows: number[]): Promise<void> {
    this.count('deleteRows');
    const s = this.need(name);
    const doomed = new Set(rows);
    const kept: Cell[][] = [];
    const keptFormulas: (string | undefined)[][] = [];
    for (let r = 0; r < s.cells.length; r++) {
      if (doomed.has(r)) continue;
      kept.push(s.cells[r] ?? []);
      keptFormulas.push(s.formulas[r] ?? []);
    }
    s.cells.length = 0;
    s.cells.push(...kept);
    s.formulas.length = 0;
    s.formulas.push(...keptFormulas);
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

  async layout(name: string, layout: SheetLayout): Promise<void> {
    this.count('layout');
    this.need(name).layout = layout;
  }

  async protect(plan: ProtectionPlan): Promise<void> {
    this.count('protect');
    this.protection = plan;
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
