/**
 * Sheets of the Office adapter: listing them with their used size, creating one (case-insensitive
 * lookup, a co-author's sheet of the same name joined), visibility, and renaming one (the lists
 * sheet's keys follow it).
 */

import { CarnetError } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import type { SheetInfo, Visibility } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { errorCode } from './excel-api.js';
import { listHeader, LISTS_SHEET, parseListKey } from './layout.js';

const TO_EXCEL: Record<Visibility, string> = { visible: 'Visible', hidden: 'Hidden', very: 'VeryHidden' };

function fromExcel(visibility: string): Visibility {
  if (visibility === 'VeryHidden') return 'very';
  if (visibility === 'Hidden') return 'hidden';
  return 'visible';
}

export async function listSheets(x: ExcelAccess): Promise<SheetInfo[]> {
  return x.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets.load('items/name,items/visibility');
    await ctx.sync();
    const used = sheets.items.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'));
    await ctx.sync();
    x.known = new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws.name]));
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

export async function ensureSheet(x: ExcelAccess, name: string, options: { visibility?: Visibility; index?: number }): Promise<boolean> {
  // With the names already known, a miss goes straight to `add`: Excel's ItemAlreadyExists (a
  // co-author created it meanwhile) sends it back here, saving a sync per new sheet otherwise.
  const exact = x.known ? x.known.get(name.toLowerCase()) : await x.exact(name);
  if (exact !== undefined) {
    await show(x, exact, options.visibility);
    return false;
  }
  checkSheetName(name);
  const count = x.known?.size ?? 0;
  try {
    await x.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add(name);
      if (options.visibility && options.visibility !== 'visible') ws.visibility = TO_EXCEL[options.visibility];
      if (options.index !== undefined) ws.position = Math.max(0, Math.min(options.index, count));
      await ctx.sync();
    });
  } catch (e) {
    if (errorCode(e) !== 'ItemAlreadyExists') throw e;
    x.known = undefined;
    await show(x, await x.need(name), options.visibility);
    return false;
  }
  x.known?.set(name.toLowerCase(), name);
  return true;
}

async function show(x: ExcelAccess, exact: string, visibility: Visibility | undefined): Promise<void> {
  if (!visibility) return;
  await x.onSheet(exact, async (ctx, ws) => {
    ws.visibility = TO_EXCEL[visibility];
    await ctx.sync();
  });
}

export async function renameSheet(x: ExcelAccess, from: string, to: string): Promise<void> {
  const exact = await x.need(from);
  if (exact === to) return;
  checkSheetName(to);
  const clash = x.known?.get(to.toLowerCase());
  if (clash !== undefined && clash.toLowerCase() !== exact.toLowerCase()) {
    throw new CarnetError({ code: 'E_BAD_INPUT', sheet: to, message: say('A sheet named "{name}" already exists', { name: clash }) });
  }
  const lists = x.known?.get(LISTS_SHEET);
  await x.onSheet(exact, async (ctx, ws) => {
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
  x.known?.delete(exact.toLowerCase());
  x.known?.set(to.toLowerCase(), to);
}

/** Excel's rules for a sheet name, checked here so that the message is Carnet's, not a code. */
function checkSheetName(name: string): void {
  if (name.trim() === '' || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history') {
    throw new CarnetError({
      code: 'E_BAD_INPUT',
      sheet: name,
      message: say('"{name}" cannot be an Excel sheet name: at most 31 characters, none of \\ / ? * [ ] :, not starting or ending with an apostrophe, not "History"', { name }),
    });
  }
}
