/**
 * A workbook that takes a command's writes without passing them on (issue 13, §1: "a dry-run
 * preview of what will be written comes before each change"). Reads come from the host once per
 * sheet and then from this copy, so a command that reads what it just wrote sees it, as it would
 * for real; nothing reaches the host. Wrapped in an AuditRecorder, it gives the entries the change
 * would log — one per changed field — which is the preview the UI shows before Apply.
 */

import { fold } from '../schema/lookup.js';
import {
  isFormula,
  type Capabilities,
  type Cell,
  type CellBlock,
  type CellRange,
  type ChartSpec,
  type Grid,
  type NativePivotSpec,
  type ProtectionPlan,
  type ProtectionState,
  type SheetFormat,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteCell,
  type WriteGrid,
} from '../workbook.js';

const plain = (v: WriteCell): Cell => (isFormula(v) ? v.value : v);

export class DryRunWorkbook implements Workbook {
  readonly capabilities: Capabilities;
  private readonly copies = new Map<string, { name: string; rows: Cell[][]; visibility: Visibility; fresh: boolean }>();
  /** Sheets the command would create, and sheets whose layout, formats, charts or protection it would set. */
  readonly created: string[] = [];
  readonly touched = new Set<string>();

  constructor(private readonly inner: Workbook) {
    this.capabilities = inner.capabilities;
  }

  private async copy(sheet: string) {
    const k = fold(sheet);
    let c = this.copies.get(k);
    if (!c) {
      const rows = (await this.inner.read(sheet)).map((r) => [...r]);
      c = { name: sheet, rows, visibility: 'visible', fresh: false };
      this.copies.set(k, c);
    }
    return c;
  }

  private put(rows: Cell[][], at: number, column: number, grid: WriteGrid): void {
    grid.forEach((cells, i) => {
      const row = (rows[at + i] ??= []);
      cells.forEach((v, j) => (row[column + j] = plain(v)));
    });
  }

  async sheets(): Promise<SheetInfo[]> {
    const real = await this.inner.sheets();
    const extra = [...this.copies.values()].filter((c) => c.fresh).map((c) => ({ name: c.name, visibility: c.visibility, rows: c.rows.length, columns: Math.max(0, ...c.rows.map((r) => r.length)) }));
    return [...real, ...extra];
  }

  async read(sheet: string): Promise<Grid> {
    const c = await this.copy(sheet);
    const width = Math.max(0, ...c.rows.map((r) => r.length));
    return c.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  }

  async write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    this.put((await this.copy(sheet)).rows, row, column, grid);
  }

  async writeBlocks(sheet: string, blocks: CellBlock[]): Promise<void> {
    const c = await this.copy(sheet);
    for (const b of blocks) this.put(c.rows, b.row, b.column, b.cells);
  }

  async append(sheet: string, rows: WriteGrid): Promise<void> {
    const c = await this.copy(sheet);
    this.put(c.rows, c.rows.length, 0, rows);
  }

  async deleteRows(sheet: string, rows: number[]): Promise<void> {
    const c = await this.copy(sheet);
    const gone = new Set(rows);
    c.rows = c.rows.filter((_, i) => !gone.has(i));
  }

  async merges(sheet: string): Promise<CellRange[]> {
    return this.copies.get(fold(sheet))?.fresh ? [] : this.inner.merges(sheet);
  }

  async formulaCells(sheet: string, range: CellRange): Promise<{ row: number; column: number }[]> {
    return this.copies.get(fold(sheet))?.fresh ? [] : this.inner.formulaCells(sheet, range);
  }

  async ensureSheet(name: string, options?: { visibility?: Visibility; index?: number }): Promise<boolean> {
    if (this.copies.has(fold(name))) return false;
    if ((await this.inner.sheets()).some((s) => fold(s.name) === fold(name))) return false;
    this.copies.set(fold(name), { name, rows: [], visibility: options?.visibility ?? 'visible', fresh: true });
    this.created.push(name);
    return true;
  }

  async renameSheet(from: string, to: string): Promise<void> {
    const c = await this.copy(from);
    this.copies.delete(fold(from));
    this.copies.set(fold(to), { ...c, name: to });
    this.touched.add(to);
  }

  async clearSheet(sheet: string): Promise<void> {
    (await this.copy(sheet)).rows = [];
    this.touched.add(sheet);
  }

  async formatSheet(sheet: string, _format: SheetFormat): Promise<void> {
    this.touched.add(sheet);
  }

  async charts(sheet: string, _charts: ChartSpec[]): Promise<void> {
    this.touched.add(sheet);
  }

  async pivotTable(spec: NativePivotSpec): Promise<void> {
    this.touched.add(spec.target.sheet);
  }

  async layout(sheet: string, _layout: SheetLayout): Promise<void> {
    this.touched.add(sheet);
  }

  async protect(plan: ProtectionPlan): Promise<void> {
    for (const p of plan.sheets) this.touched.add(p.name);
  }

  protections(sheets: string[]): Promise<ProtectionState[]> {
    return this.inner.protections(sheets);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  user(): Promise<UserInfo> {
    return this.inner.user();
  }
}
