/** Sheets: finding them by name, checking new names, visibility and tab order. */

import ExcelJS from 'exceljs';
import { CarnetError } from '../../core/errors.js';
import type { Visibility } from '../../core/workbook.js';
import { fail } from './errors.js';

export const VISIBILITY_TO_STATE: Record<Visibility, ExcelJS.WorksheetState> = {
  visible: 'visible',
  hidden: 'hidden',
  very: 'veryHidden',
};

export function findSheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const lower = name.toLowerCase();
  return book.worksheets.find((ws) => ws.name.toLowerCase() === lower);
}

export function needSheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = findSheet(book, name);
  if (!ws) throw new CarnetError({ code: 'E_NOT_FOUND', message: `No sheet named "${name}"`, sheet: name });
  return ws;
}

export function visibilityOf(ws: ExcelJS.Worksheet): Visibility {
  return ws.state === 'veryHidden' ? 'very' : ws.state === 'hidden' ? 'hidden' : 'visible';
}

export function checkSheetName(name: string): void {
  // ExcelJS would silently truncate a long name; a sheet Carnet cannot find again is worse.
  let why: string | undefined;
  if (name.trim() === '') why = 'it is empty';
  else if (name.length > 31) why = 'it is longer than 31 characters';
  else if (/[*?:/\\[\]]/.test(name)) why = 'it contains one of * ? : / \\ [ ]';
  else if (/^'|'$/.test(name)) why = 'it starts or ends with an apostrophe';
  else if (name.toLowerCase() === 'history') why = '"History" is reserved by Excel';
  if (why) fail(`"${name}" cannot be a sheet name: ${why}`, 'E_BAD_INPUT');
}

/** Puts `ws` at tab position `index` (0-based, clamped to the tabs there are). */
export function moveSheet(book: ExcelJS.Workbook, ws: ExcelJS.Worksheet, index: number): void {
  const order = book.worksheets.filter((s) => s !== ws);
  order.splice(Math.max(0, Math.min(index, order.length)), 0, ws);
  // Tab order is ExcelJS's `orderNo`, present at run time but missing from its typings.
  order.forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i + 1));
}

/** Excel refuses to open a workbook whose active tab is hidden. */
export function keepActiveTabVisible(book: ExcelJS.Workbook): void {
  const sheets = book.worksheets;
  const firstVisible = sheets.findIndex((s) => s.state === 'visible' || s.state === undefined);
  if (firstVisible < 0) return;
  const views = book.views?.length ? book.views : [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  for (const view of views) {
    const active = sheets[view.activeTab ?? 0];
    if (!active || active.state !== 'visible') view.activeTab = firstVisible;
    if ((view.firstSheet ?? 0) > firstVisible) view.firstSheet = firstVisible;
  }
  book.views = views;
  // A hidden sheet still marked as selected makes Excel open with grouped, half-visible tabs.
  for (const s of sheets) {
    // `views` is null on sheets loaded from files without <sheetViews>, whatever the typings say.
    const view = s.views?.[0] as { tabSelected?: boolean } | undefined;
    if (view && s.state !== 'visible') view.tabSelected = false;
  }
}
