/**
 * The Excel host of the port, over Office.js (`Excel.run`), for Excel desktop and Excel on the web.
 *
 * Every port method is one `Excel.run` batch with a constant number of `context.sync()` calls,
 * whatever the number of rows: commands are queued, then synced once per step, each `Excel.run`
 * waiting while a person edits a cell (`delayForCellEdit`, access.ts). The only growth is chunking
 * past Excel's limits on one request: Excel on the web's 5 MB payload, and 5,000,000 cells per
 * read on every platform (see payload.ts).
 *
 * This class is the facade; each concept lives in its own file, as free functions over one
 * `ExcelAccess` (access.ts: batches, sheet names, protected sheets):
 * - sheets.ts: listing, creating, showing, renaming sheets.
 * - reading.ts: the used range from A1 (in slices past 5 MB or 5,000,000 cells).
 * - writing.ts: rectangles, appends, blocks (Text format before text, formulas through
 *   `range.formulas`, read-back and repair), row deletion.
 * - guard.ts: the `expect` check before a write by position (one sync of its own).
 * - merges.ts: merged ranges (ExcelApi 1.13, declared in `capabilities.merges`).
 * - formula-cells.ts: which cells hold a formula (`range.formulas`, one sync).
 * - layout.ts, protection.ts.
 * - report.ts: a report's sheet emptied and formatted, and its charts (`worksheet.charts`).
 * - pivot-table.ts: a native PivotTable on a report's sheet (`worksheet.pivotTables`).
 *
 * Decisions (README "Excel add-in" and docs/excel.md say the same for people):
 * - Dates are serial numbers in Excel too: they cross unchanged (the contract suite proves it).
 * - Sheets are looked up case-insensitively from a cache of names refreshed on a miss or when
 *   Excel says `ItemNotFound` (a sheet renamed by hand), so a hit costs no extra sync.
 * - Protection: worksheet protection, with an optional password (ExcelApi 1.7). Excel cannot
 *   protect per person (`perUserProtection: false`). Carnet's writes to a protected sheet
 *   unprotect it inside the same batch and protect it again with its own options (access.ts
 *   `mutate`); one protected with a password Carnet was not given is refused.
 * - Transactions: Excel has no document lock. Outermost transactions are serialised in this task
 *   pane and nested ones join; what another person does meanwhile is caught, for writes by
 *   position, by the `expect` guard (E_CONFLICT, nothing written).
 * - The user: Excel gives an add-in no email; who acts is injected (`options.user`): the task pane
 *   gives identity.ts's answer — Office SSO, the profile picked, or the name typed.
 */

import { TransactionQueue } from '../core/transaction-queue.js';
import type {
  Capabilities,
  CellBlock,
  CellRange,
  ChartSpec,
  ExpectedCell,
  Grid,
  NativePivotSpec,
  ProtectionPlan,
  ProtectionState,
  SheetFormat,
  SheetInfo,
  SheetLayout,
  UserInfo,
  Visibility,
  Workbook,
  WriteGrid,
} from '../core/workbook.js';
import { ExcelAccess, type OfficeFeatures } from './access.js';
import type { RunBatch } from './excel-api.js';
import { formulaCells } from './formula-cells.js';
import { applyLayout } from './layout.js';
import { mergedRanges } from './merges.js';
import { PAYLOAD_BUDGET } from './payload.js';
import { placePivotTable } from './pivot-table.js';
import { protect, protections } from './protection.js';
import { readSheet } from './reading.js';
import { clearReport, formatReport, placeCharts } from './report.js';
import { ensureSheet, listSheets, renameSheet } from './sheets.js';
import { appendRows, deleteRows, writeBlocks, writeRectangle } from './writing.js';

export type { OfficeFeatures } from './access.js';
export { charactersFromPoints, LISTS_SHEET, pointsFromCharacters, quoteSheet } from './layout.js';
export { EDITORS_RANGE } from './protection.js';

export interface OfficeWorkbookOptions {
  /** `Excel.run` in the task pane; the fake's run in tests. */
  run: RunBatch;
  /** Who is acting (Excel gives add-ins no email): identity.ts in the task pane; may refuse with E_LOGIN. */
  user?: () => UserInfo | Promise<UserInfo>;
  /** Detected with requirements.ts; each one missing means the loss it states. */
  features?: Partial<OfficeFeatures>;
  /** Worksheet protection password (ExcelApi 1.7). None by default: see README. */
  password?: string;
  /** Password of the editors' allow-edit range, where allowEditRanges is supported. */
  editorsPassword?: string;
  /** Bytes per sync before a write is chunked; 4 MB under Excel on the web's 5 MB limit. */
  payloadBudget?: number;
}

/** Who acts, in a workbook without rights, before a name is typed in the task pane. */
export const ANONYMOUS: UserInfo = { id: 'excel-user', name: 'Excel user' };

export class OfficeWorkbook implements Workbook {
  readonly capabilities: Capabilities;
  private readonly x: ExcelAccess;
  private readonly transactions = new TransactionQueue();

  constructor(private readonly options: OfficeWorkbookOptions) {
    const features: OfficeFeatures = { notes: false, allowEditRanges: false, merges: false, ...options.features };
    this.x = new ExcelAccess({
      run: options.run,
      features,
      budget: options.payloadBudget ?? PAYLOAD_BUDGET,
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.editorsPassword !== undefined ? { editorsPassword: options.editorsPassword } : {}),
    });
    this.capabilities = {
      veryHidden: true,
      rangeValidation: true,
      // Excel protects a whole sheet for everybody; it has no per-person editors.
      perUserProtection: false,
      // Every sync is a change in the open workbook, saved by Excel (AutoSave) — nothing to roll back.
      deferredWrites: false,
      // Excel recalculates at once and rewrites references when rows are deleted.
      formulas: 'live',
      // Range.getMergedAreasOrNullObject is ExcelApi 1.13; the add-in requires only 1.8.
      merges: features.merges,
      // PivotTables (ExcelApi 1.8), but Office.js cannot group dates: core gives period columns.
      pivotTables: 'plain',
    };
  }

  sheets(): Promise<SheetInfo[]> {
    return listSheets(this.x);
  }

  ensureSheet(name: string, options: { visibility?: Visibility; index?: number } = {}): Promise<boolean> {
    return ensureSheet(this.x, name, options);
  }

  renameSheet(from: string, to: string): Promise<void> {
    return renameSheet(this.x, from, to);
  }

  read(sheet: string): Promise<Grid> {
    return readSheet(this.x, sheet);
  }

  merges(sheet: string): Promise<CellRange[]> {
    return mergedRanges(this.x, sheet);
  }

  formulaCells(sheet: string, range: CellRange): Promise<{ row: number; column: number }[]> {
    return formulaCells(this.x, sheet, range);
  }

  write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    return writeRectangle(this.x, sheet, row, column, grid);
  }

  writeBlocks(sheet: string, blocks: CellBlock[], expect: ExpectedCell[] = []): Promise<void> {
    return writeBlocks(this.x, sheet, blocks, expect);
  }

  append(sheet: string, rows: WriteGrid): Promise<void> {
    return appendRows(this.x, sheet, rows);
  }

  deleteRows(sheet: string, rows: number[], expect: ExpectedCell[] = []): Promise<void> {
    return deleteRows(this.x, sheet, rows, expect);
  }

  layout(sheet: string, layout: SheetLayout): Promise<void> {
    return applyLayout(this.x, sheet, layout);
  }

  clearSheet(sheet: string): Promise<void> {
    return clearReport(this.x, sheet);
  }

  formatSheet(sheet: string, format: SheetFormat): Promise<void> {
    return formatReport(this.x, sheet, format);
  }

  charts(sheet: string, charts: ChartSpec[]): Promise<void> {
    return placeCharts(this.x, sheet, charts);
  }

  pivotTable(spec: NativePivotSpec): Promise<void> {
    return placePivotTable(this.x, spec);
  }

  protect(plan: ProtectionPlan): Promise<void> {
    return protect(this.x, plan);
  }

  protections(sheets: string[]): Promise<ProtectionState[]> {
    return protections(this.x, sheets);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    // The task pane runs one command at a time (bridge.ts), so a transaction open on this instance
    // belongs to the running command: a nested call joins it.
    return this.transactions.run(fn);
  }

  async user(): Promise<UserInfo> {
    const chosen = await this.options.user?.();
    return chosen && chosen.id ? chosen : ANONYMOUS;
  }
}
