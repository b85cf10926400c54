/**
 * The Excel host of the port, over Office.js (`Excel.run`), for Excel desktop and Excel on the web.
 *
 * Every port method is one `Excel.run` batch with a constant number of `context.sync()` calls,
 * whatever the number of rows: commands are queued, then synced once per step. The only growth is
 * chunking past Excel on the web's 5 MB payload limit (see payload.ts).
 *
 * Decisions (README "Excel add-in" says the same for people):
 * - Literal text. Excel parses `range.values` like typed input: `=1+1` becomes a formula, `0042` a
 *   number, `2026-11-27` a date, `TRUE` a boolean. Every string cell is therefore given the text
 *   number format `@` in the same batch, before its value: a Text cell keeps what is typed as is.
 *   The written rectangle is loaded back in that same sync and compared; a cell Excel still changed
 *   (a case the evidence did not settle, e.g. a leading apostrophe) is rewritten once with an
 *   apostrophe prefix, or a number that Excel kept as text gets back the General format; if it still
 *   differs the write fails loudly (E_INTERNAL) rather than leave a formula or a changed value.
 * - Formulas: a `Formula` (core's own, never input) is written through `range.formulas`, which
 *   takes constants and formulas in one assignment, so a rectangle holding one still costs one
 *   sync; string cells keep their Text format there too. Its read-back is Excel's calculated value,
 *   which is not compared; only a formula Excel kept as text (a cell formatted as Text by hand)
 *   is repaired, like a number, by giving the cell the General format again.
 * - Dates are serial numbers in Excel too: they cross unchanged (the contract suite proves it).
 * - Sheets are looked up case-insensitively from a cache of names refreshed on a miss or when
 *   Excel says `ItemNotFound` (a sheet renamed by hand), so a hit costs no extra sync.
 * - Protection: worksheet protection, with an optional password (ExcelApi 1.7). Excel cannot
 *   protect per person (`perUserProtection: false`). Carnet's own writes to a sheet it protected
 *   unprotect and re-protect it inside the same batch.
 * - Transactions: Excel has no document lock. Outermost transactions are serialised in this task
 *   pane and nested ones join; two people writing at the same moment from two computers are not
 *   serialised (`check` reports a duplicate ID should it happen).
 * - The user: Excel gives an add-in no email; the profile chosen in the task pane is injected.
 */

import { TransactionQueue } from '../core/transaction-queue.js';
import { CarnetError } from '../core/errors.js';
import {
  a1,
  checkFormulas,
  columnLetter,
  isFormula,
  type Capabilities,
  type Cell,
  type ColumnValidation,
  type Grid,
  type ProtectionPlan,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteCell,
  type WriteGrid,
} from '../core/workbook.js';
import { errorCode, type RunBatch, type XlContext, type XlRange, type XlWorksheet } from './excel-api.js';
import { cellBytes, PAYLOAD_BUDGET, PAYLOAD_ERRORS, segments } from './payload.js';

/**
 * Very hidden sheet holding dropdown lists too long (255 characters) or too awkward (commas,
 * quotes) for an inline list. Same name and key format (`<sheet>!<column letter>` in row 1) as the
 * xlsx host, so a workbook moved between hosts keeps one such sheet.
 */
export const LISTS_SHEET = '_carnet_lists';

const INLINE_LIST_MAX = 255;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** From this many cells, recalculation is suspended until the write's sync. */
const BIG_WRITE_CELLS = 1_000;
/** Title of the allow-edit range given to editors (ExcelApiOnline 1.1). */
export const EDITORS_RANGE = 'Carnet editors';

/** Locked sheets still let people filter, sort and resize; they cannot edit. */
const PROTECTION = { allowAutoFilter: true, allowSort: true, allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' };

/** Optional Office.js features, detected at run time (requirements.ts). */
export interface OfficeFeatures {
  /** ExcelApi 1.18: header notes. Without it a layout's notes are not written. */
  notes: boolean;
  /** ExcelApiOnline 1.1: an allow-edit range for editors on locked sheets. */
  allowEditRanges: boolean;
}

export interface OfficeWorkbookOptions {
  /** `Excel.run` in the task pane; the fake's run in tests. */
  run: RunBatch;
  /** Who is acting: the profile chosen in the task pane (Excel gives add-ins no email). */
  user?: () => UserInfo | Promise<UserInfo>;
  features?: Partial<OfficeFeatures>;
  /** Worksheet protection password (ExcelApi 1.7). None by default: see README. */
  password?: string;
  /** Password of the editors' allow-edit range, where allowEditRanges is supported. */
  editorsPassword?: string;
  /** Bytes per sync before a write is chunked; 4 MB under Excel on the web's 5 MB limit. */
  payloadBudget?: number;
}

/** Who acts before a profile is chosen in the task pane. */
export const ANONYMOUS: UserInfo = { id: 'excel-user', name: 'Excel user' };

const TO_EXCEL: Record<Visibility, string> = { visible: 'Visible', hidden: 'Hidden', very: 'VeryHidden' };

function fromExcel(visibility: string): Visibility {
  if (visibility === 'VeryHidden') return 'very';
  if (visibility === 'Hidden') return 'hidden';
  return 'visible';
}

/**
 * Column widths cross the port in characters; Excel's API speaks points. Excel's character is the
 * default font's digit width (7 px for Calibri 11) plus 5 px of padding, at 0.75 pt per pixel.
 */
export function pointsFromCharacters(characters: number): number {
  return (Math.round(characters * 7) + 5) * 0.75;
}

export function charactersFromPoints(points: number): number {
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}

/** `'Bob''s Companies'`: a sheet name as a formula reference. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** What a write sends for one cell: `undefined` (past a short row) leaves the cell as it is. */
function toExcelValue(v: WriteCell | undefined): unknown {
  if (v === undefined) return null;
  if (v === null || v === '') return '';
  if (isFormula(v)) return v.formula;
  return v;
}

/** Excel keeps 15 significant digits at most: compare numbers at that precision. */
function sameNumber(a: number, b: number): boolean {
  return a === b || Number(a.toPrecision(15)) === Number(b.toPrecision(15));
}

function sameCell(sent: unknown, got: unknown): boolean {
  if (typeof sent === 'number' && typeof got === 'number') return sameNumber(sent, got);
  return sent === got;
}

interface Mismatch {
  row: number;
  column: number;
  sent: WriteCell;
  got: unknown;
}

export class OfficeWorkbook implements Workbook {
  readonly capabilities: Capabilities = {
    veryHidden: true,
    rangeValidation: true,
    // Excel protects a whole sheet for everybody; it has no per-person editors.
    perUserProtection: false,
    // Every sync is a change in the open workbook, saved by Excel (AutoSave) — nothing to roll back.
    deferredWrites: false,
    // Excel recalculates at once and rewrites references when rows are deleted.
    formulas: 'live',
  };

  private readonly run: RunBatch;
  private readonly features: OfficeFeatures;
  private readonly budget: number;
  /** Sheet names by lower-case name; undefined until first needed, and after Excel disagreed. */
  private known: Map<string, string> | undefined;
  private readonly transactions = new TransactionQueue();

  constructor(private readonly options: OfficeWorkbookOptions) {
    this.run = options.run;
    this.features = { notes: false, allowEditRanges: false, ...options.features };
    this.budget = options.payloadBudget ?? PAYLOAD_BUDGET;
  }

  // ---------------------------------------------------------------------------------------------
  // Sheets

  async sheets(): Promise<SheetInfo[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name,items/visibility');
      await ctx.sync();
      const used = sheets.items.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'));
      await ctx.sync();
      this.known = new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws.name]));
      return sheets.items.map((ws, i) => {
        const u = used[i]!;
        return {
          name: ws.name,
          visibility: fromExcel(ws.visibility),
          rows: u.isNullObject ? 0 : u.rowIndex + u.rowCount,
          columns: u.isNullObject ? 0 : u.columnIndex + u.columnCount,
        };
      });
    });
  }

  async ensureSheet(name: string, options: { visibility?: Visibility; index?: number } = {}): Promise<boolean> {
    // With the names already known, a miss goes straight to `add`: Excel's ItemAlreadyExists (a
    // co-author created it meanwhile) sends it back here, saving a sync per new sheet otherwise.
    const exact = this.known ? this.known.get(name.toLowerCase()) : await this.exact(name);
    if (exact !== undefined) {
      await this.show(exact, options.visibility);
      return false;
    }
    checkSheetName(name);
    const count = this.known?.size ?? 0;
    try {
      await this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.add(name);
        if (options.visibility && options.visibility !== 'visible') ws.visibility = TO_EXCEL[options.visibility];
        if (options.index !== undefined) ws.position = Math.max(0, Math.min(options.index, count));
        await ctx.sync();
      });
    } catch (e) {
      if (errorCode(e) !== 'ItemAlreadyExists') throw e;
      this.known = undefined;
      await this.show(await this.need(name), options.visibility);
      return false;
    }
    this.known?.set(name.toLowerCase(), name);
    return true;
  }

  private async show(exact: string, visibility: Visibility | undefined): Promise<void> {
    if (!visibility) return;
    await this.onSheet(exact, async (ctx, ws) => {
      ws.visibility = TO_EXCEL[visibility];
      await ctx.sync();
    });
  }

  async renameSheet(from: string, to: string): Promise<void> {
    const exact = await this.need(from);
    if (exact === to) return;
    checkSheetName(to);
    const clash = this.known?.get(to.toLowerCase());
    if (clash !== undefined && clash.toLowerCase() !== exact.toLowerCase()) {
      throw new CarnetError({ code: 'E_BAD_INPUT', sheet: to, message: `A sheet named "${clash}" already exists` });
    }
    const lists = this.known?.get(LISTS_SHEET);
    await this.onSheet(exact, async (ctx, ws) => {
      ws.name = to;
      // Excel rewrites formulas (dropdown sources included) that name the sheet; the keys of the
      // lists sheet are plain text, so Carnet follows the rename there itself.
      const header = lists ? listHeader(ctx.workbook.worksheets.getItem(lists)) : undefined;
      await ctx.sync();
      if (header && !header.isNullObject) {
        const renamed = (header.values[0] ?? []).map((v) => {
          const key = typeof v === 'string' ? parseListKey(v) : undefined;
          return key && key.sheet.toLowerCase() === exact.toLowerCase() ? `${to}!${key.letter}` : null;
        });
        if (renamed.some((v) => v !== null)) {
          const target = ctx.workbook.worksheets.getItem(lists!).getRangeByIndexes(0, header.columnIndex, 1, renamed.length);
          target.numberFormat = [renamed.map((v) => (v === null ? null : '@'))];
          target.values = [renamed];
          await ctx.sync();
        }
      }
    });
    this.known?.delete(exact.toLowerCase());
    this.known?.set(to.toLowerCase(), to);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  async read(sheet: string): Promise<Grid> {
    try {
      return await this.onSheet(
        sheet,
        async (ctx, ws) => {
          const used = ws.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex');
          await ctx.sync();
          return used.isNullObject ? [] : fromA1(used.values, used.rowIndex, used.columnIndex);
        },
        () => [],
      );
    } catch (e) {
      // Excel on the web answers at most 5 MB: read a big sheet in slices instead.
      if (PAYLOAD_ERRORS.has(errorCode(e) ?? '')) return this.readInSlices(sheet);
      throw e;
    }
  }

  private async readInSlices(sheet: string): Promise<Grid> {
    return this.onSheet(
      sheet,
      async (ctx, ws) => {
        const used = ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount');
        await ctx.sync();
        if (used.isNullObject) return [];
        const grid: Grid = [];
        for (let r = 0; r < used.rowIndex; r++) grid.push(new Array<Cell>(used.columnIndex + used.columnCount).fill(null));
        // A guess at 64 bytes per cell, halved whenever Excel still finds a slice too big.
        let rows = Math.max(1, Math.floor(this.budget / 64 / used.columnCount));
        for (let done = 0; done < used.rowCount; ) {
          const n = Math.min(rows, used.rowCount - done);
          const slice = ws.getRangeByIndexes(used.rowIndex + done, used.columnIndex, n, used.columnCount).load('values');
          try {
            await ctx.sync();
          } catch (e) {
            if (PAYLOAD_ERRORS.has(errorCode(e) ?? '') && n > 1) {
              rows = Math.max(1, Math.floor(n / 2));
              continue;
            }
            throw e;
          }
          grid.push(...fromA1(slice.values, 0, used.columnIndex));
          done += n;
        }
        return grid;
      },
      () => [],
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  async write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    checkIndex(row, 'row');
    checkIndex(column, 'column');
    checkFormulas(grid);
    const exact = await this.need(sheet);
    if (grid.length === 0 || widthOf(grid) === 0) return;
    await this.mutate(exact, (ctx, ws) => this.writeGrid(ctx, ws, exact, row, column, grid));
  }

  async append(sheet: string, rows: WriteGrid): Promise<void> {
    checkFormulas(rows);
    const exact = await this.need(sheet);
    if (rows.length === 0 || widthOf(rows) === 0) return;
    await this.mutate(exact, async (ctx, ws) => {
      // "After the last used row" needs Excel's answer before the write can be placed.
      const used = ws.getUsedRangeOrNullObject(true).load('rowIndex,rowCount');
      await ctx.sync();
      await this.writeGrid(ctx, ws, exact, used.isNullObject ? 0 : used.rowIndex + used.rowCount, 0, rows);
    });
  }

  async deleteRows(sheet: string, rows: number[]): Promise<void> {
    const doomed = [...new Set(rows)].filter((r) => Number.isInteger(r) && r >= 0 && r < MAX_ROWS).sort((a, b) => b - a);
    if (doomed.length === 0) return;
    const exact = await this.need(sheet);
    // Runs of adjacent rows, bottom first, so that each deletion leaves the indexes above it valid.
    const runs: { start: number; count: number }[] = [];
    for (const r of doomed) {
      const last = runs[runs.length - 1];
      if (last && last.start === r + 1) {
        last.start = r;
        last.count++;
      } else runs.push({ start: r, count: 1 });
    }
    await this.mutate(exact, async (ctx, ws) => {
      // ~100 bytes per queued deletion: thousands of scattered rows still fit one sync each slice.
      const perSync = Math.max(1, Math.floor(this.budget / 100));
      for (let i = 0; i < runs.length; i += perSync) {
        for (const run of runs.slice(i, i + perSync)) ws.getRangeByIndexes(run.start, 0, run.count, 1).getEntireRow().delete('Up');
        await ctx.sync();
      }
    });
  }

  /**
   * The one place cells are written: values (formulas when the segment holds one) plus a text
   * format for every string cell, loaded back and compared in the same sync; one repair sync only
   * for cells Excel changed anyway.
   */
  private async writeGrid(ctx: XlContext, ws: XlWorksheet, sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    const width = widthOf(grid);
    const height = grid.length;
    if (row + height > MAX_ROWS || column + width > MAX_COLUMNS) {
      throw new CarnetError({ code: 'E_BAD_INPUT', sheet, cell: a1(row, column), message: `${height}×${width} cells at ${a1(row, column)} do not fit in an Excel sheet` });
    }
    for (let r = 0; r < height; r++) {
      const src = grid[r]!;
      for (let c = 0; c < src.length; c++) {
        const v = src[c];
        if (typeof v === 'number' && !Number.isFinite(v)) {
          const cell = a1(row + r, column + c);
          throw new CarnetError({ code: 'E_INVALID_VALUE', sheet, cell, value: String(v), message: `A spreadsheet cannot hold ${v} (${sheet}!${cell})` });
        }
      }
    }
    const rowBytes = (r: number, from: number, to: number) => {
      let bytes = 0;
      const src = grid[r]!;
      // Each cell costs its value and its number format ("@" or null).
      for (let c = from; c < to; c++) bytes += cellBytes(toExcelValue(src[c])) + 5;
      return bytes;
    };
    for (const seg of segments(height, width, rowBytes, this.budget)) {
      const values: unknown[][] = [];
      const formats: unknown[][] = [];
      const sent: (WriteCell | undefined)[][] = [];
      let texts = 0;
      let formulas = 0;
      for (let r = 0; r < seg.rows; r++) {
        const src = grid[seg.row + r]!;
        const vRow: unknown[] = new Array(seg.columns);
        const fRow: unknown[] = new Array(seg.columns);
        for (let c = 0; c < seg.columns; c++) {
          const v = src[seg.column + c];
          vRow[c] = toExcelValue(v);
          const text = typeof v === 'string' && v !== '';
          fRow[c] = text ? '@' : null;
          if (text) texts++;
          if (isFormula(v)) formulas++;
        }
        values.push(vRow);
        formats.push(fRow);
        sent.push(src.slice(seg.column, seg.column + seg.columns));
      }
      const top = row + seg.row;
      const left = column + seg.column;
      const range = ws.getRangeByIndexes(top, left, seg.rows, seg.columns);
      if (seg.rows * seg.columns >= BIG_WRITE_CELLS) ctx.workbook.application.suspendApiCalculationUntilNextSync();
      // The format first: Excel parses a value with the format the cell has when it arrives.
      if (texts > 0) range.numberFormat = formats;
      // `formulas` takes constants (parsed exactly as `values` parses them) and formulas alike.
      if (formulas > 0) range.formulas = values;
      else range.values = values;
      range.load('values');
      await ctx.sync();
      const mismatches = compare(sent, values, range.values, top, left);
      if (mismatches.length > 0) await this.repair(ctx, ws, sheet, mismatches);
    }
  }

  /** Rewrites the cells Excel did not keep as written; fails if any still differs. */
  private async repair(ctx: XlContext, ws: XlWorksheet, sheet: string, cells: Mismatch[]): Promise<void> {
    const ranges = cells.map((m) => {
      const range = ws.getRangeByIndexes(m.row, m.column, 1, 1);
      if (isFormula(m.sent)) {
        // A Text cell keeps a formula as its text: the cell needs a number format again.
        range.numberFormat = [['General']];
        range.formulas = [[m.sent.formula]];
      } else if (typeof m.sent === 'string') {
        // The one escape every Excel honours for typed text: a leading apostrophe (not stored).
        range.numberFormat = [['General']];
        range.values = [[`'${m.sent}`]];
      } else {
        // A number sent into a Text cell is kept as text: the cell needs a number format again.
        range.numberFormat = [['General']];
        range.values = [[m.sent]];
      }
      return range.load('values');
    });
    await ctx.sync();
    const still = cells.filter((m, i) => !kept(m.sent, ranges[i]!.values[0]?.[0]));
    if (still.length > 0) {
      const first = still[0]!;
      const cell = a1(first.row, first.column);
      const sent = isFormula(first.sent) ? `the formula ${first.sent.formula}` : JSON.stringify(first.sent);
      throw new CarnetError({
        code: 'E_INTERNAL',
        sheet,
        cell,
        value: isFormula(first.sent) ? first.sent.formula : first.sent,
        message: `Excel did not keep ${still.length} cell(s) as written: ${sheet}!${cell} holds ${JSON.stringify(first.got)} instead of ${sent}`,
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Layout

  async layout(sheet: string, layout: SheetLayout): Promise<void> {
    const exact = await this.need(sheet);
    const sources = new Map<string, string | undefined>();
    for (const col of layout.columns) {
      const v = col.validation;
      if (v?.kind === 'range' && !sources.has(v.sheet)) sources.set(v.sheet, await this.exact(v.sheet));
    }
    const plans = layout.columns.map((col) => ({ col, inline: col.validation ? inlineList(col.validation) : undefined }));
    const needsLists = plans.some((p) => p.col.validation?.kind === 'list' && p.inline === undefined && layout.dataRows > 0);
    // A missing lists sheet is looked for again only when a long list needs it.
    const lists = needsLists ? await this.exact(LISTS_SHEET) : this.known?.get(LISTS_SHEET);
    const noted = this.features.notes ? layout.columns.filter((c) => c.note !== undefined) : [];

    await this.mutate(exact, async (ctx, ws) => {
      // Step 1: what the layout depends on — the source sheets' sizes, the lists sheet's keys,
      // the notes already there.
      const sourceRows = new Map<string, XlRange>();
      for (const name of new Set(sources.values())) {
        if (name) sourceRows.set(name, ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true).load('rowIndex,rowCount'));
      }
      const header = lists ? listHeader(ctx.workbook.worksheets.getItem(lists)) : undefined;
      const notes = noted.map((c) => ws.notes.getItemOrNullObject(a1(0, c.column)).load('content'));
      if (sourceRows.size > 0 || header || notes.length > 0) await ctx.sync();

      // Step 2: apply everything in one batch.
      ws.freezePanes.unfreeze();
      if (layout.frozenRows > 0) ws.freezePanes.freezeRows(layout.frozenRows);
      const keys = new ListKeys(header);
      let listsSheet: XlWorksheet | undefined = lists ? ctx.workbook.worksheets.getItem(lists) : undefined;
      for (const { col, inline } of plans) {
        const c = col.column;
        const head = ws.getRangeByIndexes(0, c, 1, 1);
        head.format.font.bold = layout.boldHeader;
        if (col.width !== undefined) head.format.columnWidth = pointsFromCharacters(col.width);
        if (col.numberFormat !== undefined && layout.dataRows > 0) {
          // A 1×1 array applies to every cell of the range (Office.js), whatever its height.
          ws.getRangeByIndexes(1, c, layout.dataRows, 1).numberFormat = [[col.numberFormat]];
        }
        const v = col.validation;
        if (v === undefined) continue;
        // Replace, never add: drop every rule under the header of this column first.
        ws.getRangeByIndexes(1, c, MAX_ROWS - 1, 1).dataValidation.clear();
        const key = `${exact}!${columnLetter(c)}`;
        let source: string | undefined;
        let readsLists = false;
        if (v.kind === 'range') {
          const src = sources.get(v.sheet);
          if (src) {
            const used = sourceRows.get(src)!;
            const last = Math.max(layout.dataRows + 1, used.isNullObject ? 0 : used.rowIndex + used.rowCount, 2);
            const l = columnLetter(v.column);
            source = `=${quoteSheet(src)}!$${l}$2:$${l}$${last}`;
          }
        } else if (v.kind === 'list' && v.values.length > 0) {
          source = inline;
          if (source === undefined && layout.dataRows > 0) {
            if (!listsSheet) {
              listsSheet = ctx.workbook.worksheets.add(LISTS_SHEET);
              listsSheet.visibility = 'VeryHidden';
              this.known?.set(LISTS_SHEET, LISTS_SHEET);
            }
            const at = keys.claim(key);
            const l = columnLetter(at);
            listsSheet.getRangeByIndexes(0, at, MAX_ROWS, 1).clear('Contents');
            const cells = listsSheet.getRangeByIndexes(0, at, v.values.length + 1, 1);
            cells.numberFormat = [['@']];
            cells.values = [[key], ...v.values.map((x) => [x])];
            source = `=${quoteSheet(LISTS_SHEET)}!$${l}$2:$${l}$${v.values.length + 1}`;
            readsLists = true;
          }
        }
        if (!readsLists) {
          // This column no longer reads the lists sheet: free its column there.
          const freed = keys.release(key);
          if (freed !== undefined && listsSheet) listsSheet.getRangeByIndexes(0, freed, MAX_ROWS, 1).clear('Contents');
        }
        if (source === undefined || layout.dataRows < 1) continue;
        const data = ws.getRangeByIndexes(1, c, layout.dataRows, 1).dataValidation;
        data.rule = { list: { inCellDropDown: true, source } };
        // A warning rather than a refusal: Carnet checks values itself, and a person pasting a new
        // value should be told, not blocked.
        data.errorAlert = { showAlert: true, style: 'Warning', title: 'Carnet', message: 'This value is not in the list.' };
        data.ignoreBlanks = true;
      }
      noted.forEach((col, i) => {
        const existing = notes[i]!;
        if (existing.isNullObject) ws.notes.add(a1(0, col.column), col.note!);
        else existing.content = col.note!;
      });
      await ctx.sync();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Protection

  async protect(plan: ProtectionPlan): Promise<void> {
    const targets: { exact: string; locked: boolean; editors: string[] }[] = [];
    for (const p of plan.sheets) targets.push({ exact: await this.need(p.name), locked: p.locked, editors: p.editors });
    if (targets.length === 0) return;
    const { password, editorsPassword } = this.options;
    const editorsRange = this.features.allowEditRanges && editorsPassword !== undefined;
    try {
      await this.run(async (ctx) => {
        const sheets = targets.map((t) => ctx.workbook.worksheets.getItem(t.exact));
        const state = sheets.map((ws) => ws.protection.load('protected'));
        const ranges = editorsRange ? sheets.map((ws) => ws.protection.allowEditRanges.getItemOrNullObject(EDITORS_RANGE).load('title')) : [];
        await ctx.sync();
        targets.forEach((t, i) => {
          const ws = sheets[i]!;
          // protect() fails on a protected sheet: unprotect first, so the options are current.
          if (state[i]!.protected) ws.protection.unprotect(password);
          if (editorsRange) {
            const old = ranges[i]!;
            if (!old.isNullObject) old.delete();
            // Excel cannot name editors: the closest it offers is a range they unlock with a password.
            if (t.locked && t.editors.length > 0) ws.protection.allowEditRanges.add(EDITORS_RANGE, 'A:XFD', { password: editorsPassword });
          }
          if (t.locked) ws.protection.protect(PROTECTION, password);
        });
        await ctx.sync();
      });
    } catch (e) {
      throw protectionError(e, targets.map((t) => t.exact).join(', '));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Transactions and the user

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    // The task pane runs one command at a time (bridge.ts), so a transaction open on this instance
    // belongs to the running command: a nested call joins it.
    return this.transactions.run(fn);
  }

  async user(): Promise<UserInfo> {
    const chosen = await this.options.user?.();
    return chosen && chosen.id ? chosen : ANONYMOUS;
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private async refresh(): Promise<Map<string, string>> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      this.known = new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws.name]));
      return this.known;
    });
  }

  /** The sheet's name as Excel spells it; Excel is asked again when the cache does not know it. */
  private async exact(name: string): Promise<string | undefined> {
    const hit = this.known?.get(name.toLowerCase());
    if (hit !== undefined) return hit;
    return (await this.refresh()).get(name.toLowerCase());
  }

  private async need(name: string): Promise<string> {
    const exact = await this.exact(name);
    if (exact === undefined) throw new CarnetError({ code: 'E_NOT_FOUND', sheet: name, message: `No sheet named "${name}"` });
    return exact;
  }

  /**
   * Runs a batch on one sheet. When Excel no longer knows the name (renamed or deleted by hand
   * since the cache was filled), the names are read again and the batch retried once.
   */
  private async onSheet<T>(name: string, batch: (ctx: XlContext, ws: XlWorksheet) => Promise<T>, missing?: () => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const exact = await this.exact(name);
      if (exact === undefined) {
        if (missing) return missing();
        throw new CarnetError({ code: 'E_NOT_FOUND', sheet: name, message: `No sheet named "${name}"` });
      }
      try {
        return await this.run((ctx) => batch(ctx, ctx.workbook.worksheets.getItem(exact)));
      } catch (e) {
        if (errorCode(e) === 'ItemNotFound' && attempt === 0) {
          this.known = undefined;
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * A batch that changes a sheet. If Excel refuses because the sheet is protected (by Carnet's
   * plan), the batch runs once more between unprotect and protect with the configured password.
   */
  private async mutate<T>(name: string, batch: (ctx: XlContext, ws: XlWorksheet) => Promise<T>): Promise<T> {
    try {
      return await this.onSheet(name, batch);
    } catch (e) {
      if (errorCode(e) !== 'AccessDenied') throw e;
      const password = this.options.password;
      try {
        return await this.onSheet(name, async (ctx, ws) => {
          // Queued first and last: the sheet is open only for Carnet's own batch.
          ws.protection.unprotect(password);
          const result = await batch(ctx, ws);
          ws.protection.protect(PROTECTION, password);
          await ctx.sync();
          return result;
        });
      } catch (again) {
        throw protectionError(again, name);
      }
    }
  }
}

function protectionError(e: unknown, sheets: string): unknown {
  const code = errorCode(e);
  if (code === 'AccessDenied' || code === 'InvalidArgument' || code === 'BadPassword' || code === 'InvalidOperation') {
    return new CarnetError({
      code: 'E_FORBIDDEN',
      sheet: sheets,
      message: `Excel refused to change the protection of ${sheets}: it is protected with a password Carnet was not given. Unprotect it (Review › Unprotect Sheet) and try again.`,
    });
  }
  return e;
}

/** The used part of the lists sheet's key row, loaded with its values. */
function listHeader(lists: XlWorksheet): XlRange {
  return lists.getRangeByIndexes(0, 0, 1, MAX_COLUMNS).getUsedRangeOrNullObject(true).load('values,columnIndex');
}

/** Columns of the lists sheet by key, from its header row as loaded. */
class ListKeys {
  private readonly byColumn: (string | null)[] = [];

  constructor(header: XlRange | undefined) {
    if (header && !header.isNullObject) {
      (header.values[0] ?? []).forEach((v, i) => {
        this.byColumn[header.columnIndex + i] = typeof v === 'string' && v !== '' ? v : null;
      });
    }
  }

  private find(key: string): number {
    const k = key.toLowerCase();
    return this.byColumn.findIndex((v) => typeof v === 'string' && v.toLowerCase() === k);
  }

  /** The column already holding this key, else the first free one. */
  claim(key: string): number {
    let at = this.find(key);
    if (at < 0) {
      at = 0;
      while (typeof this.byColumn[at] === 'string') at++;
    }
    this.byColumn[at] = key;
    return at;
  }

  /** Frees the key's column; returns it, or undefined when the key had none. */
  release(key: string): number | undefined {
    const at = this.find(key);
    if (at < 0) return undefined;
    this.byColumn[at] = null;
    return at;
  }
}

function parseListKey(v: string): { sheet: string; letter: string } | undefined {
  const m = /^(.*)!([A-Z]{1,3})$/.exec(v);
  return m ? { sheet: m[1]!, letter: m[2]! } : undefined;
}

/**
 * A list Excel can hold inline: at most 255 characters, no comma or quote inside a value (Excel
 * has no escape for them), no empty value, nothing a formula could start with.
 */
function inlineList(v: ColumnValidation): string | undefined {
  if (v.kind !== 'list' || v.values.length === 0) return undefined;
  const joined = v.values.join(',');
  const ok = joined.length <= INLINE_LIST_MAX && v.values.every((x) => x !== '' && !/[,"]/.test(x) && !/^[=+\-@]/.test(x) && x.trim() === x);
  return ok ? joined : undefined;
}

function widthOf(grid: WriteGrid): number {
  let width = 0;
  for (const row of grid) if (row.length > width) width = row.length;
  return width;
}

function checkIndex(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new CarnetError({ code: 'E_BAD_INPUT', value: n, message: `Invalid ${what} index ${n}` });
}

/** Excel's rules for a sheet name, checked here so that the message is Carnet's, not a code. */
function checkSheetName(name: string): void {
  if (name.trim() === '' || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history') {
    throw new CarnetError({
      code: 'E_BAD_INPUT',
      sheet: name,
      message: `"${name}" cannot be an Excel sheet name: at most 31 characters, none of \\ / ? * [ ] :, not starting or ending with an apostrophe, not "History"`,
    });
  }
}

/** Excel's values (from the used range's corner) as the port's grid from A1. */
function fromA1(values: unknown[][], rowIndex: number, columnIndex: number): Grid {
  const width = columnIndex + (values[0]?.length ?? 0);
  const out: Grid = [];
  for (let r = 0; r < rowIndex; r++) out.push(new Array<Cell>(width).fill(null));
  for (const src of values) {
    const row: Cell[] = new Array<Cell>(width).fill(null);
    for (let c = 0; c < src.length; c++) {
      const v = src[c];
      row[columnIndex + c] = v === '' || v === null || v === undefined ? null : (v as Cell);
    }
    out.push(row);
  }
  return out;
}

/**
 * Whether Excel kept a cell as written. A formula's value is Excel's to calculate, so it is not
 * compared with core's; the formula only counts as lost when the cell shows its text instead.
 */
function kept(sent: WriteCell | undefined, got: unknown): boolean {
  if (isFormula(sent)) return got !== sent.formula;
  return sameCell(toExcelValue(sent), got);
}

/** `sent`: the segment's cells as given; `values`: what was sent for them (null = left unchanged). */
function compare(sent: (WriteCell | undefined)[][], values: unknown[][], got: unknown[][], top: number, left: number): Mismatch[] {
  const out: Mismatch[] = [];
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r]!.length; c++) {
      if (values[r]![c] === null) continue; // left unchanged on purpose
      const s = sent[r]![c];
      const g = got[r]?.[c];
      if (!kept(s, g)) out.push({ row: top + r, column: left + c, sent: s ?? null, got: g });
    }
  }
  return out;
}
