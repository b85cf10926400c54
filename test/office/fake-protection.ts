/**
 * Worksheet protection in the fake Excel (fake-excel.ts holds the Office.js proxies; the rules are
 * here), as the Office.js reference describes it:
 *
 * - `WorksheetProtection` (ExcelApi 1.2, the password 1.7;
 *   https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection): `protect(options,
 *   password)` "Protects a worksheet. Fails if the worksheet has already been protected" (no code
 *   is documented: InvalidOperation here); `unprotect(password)` "Unprotects a worksheet", nothing
 *   on an unprotected sheet. What a wrong or missing password raises is not documented: the fake
 *   answers InvalidArgument, what Graph's unprotect answers
 *   (https://github.com/microsoftgraph/microsoft-graph-docs/issues/10151); builds have been seen
 *   answering AccessDenied (https://github.com/OfficeDev/office-js/issues/6784) and ExcelScript's
 *   `pauseProtection` documents BadPassword, so the adapter takes all three alike (access.ts).
 *   `protected` "Specifies if the worksheet is protected"; `options` "Specifies the protection
 *   options for the worksheet": the fake answers the options given to `protect()` (`{}` when none
 *   were, or when the sheet is not protected: what Excel answers then is not documented).
 * - `Range.format.protection.locked` (FormatProtection, ExcelApi 1.2;
 *   https://learn.microsoft.com/javascript/api/excel/excel.formatprotection): "Specifies if Excel
 *   locks the cells in the object". Every cell starts locked, and an unlocked one "can be modified
 *   when the sheet is protected" (https://learn.microsoft.com/office/vba/api/excel.range.locked).
 *   So a change to a locked cell of a protected sheet is refused (AccessDenied), formats too unless
 *   the options allow formatting cells; a change to unlocked cells goes through. The lock itself
 *   cannot be changed on a protected sheet (refused whatever the options; not documented).
 * - `AllowEditRangeCollection` and `AllowEditRange` (ExcelApiOnline 1.1;
 *   https://learn.microsoft.com/javascript/api/excel/excel.alloweditrangecollection,
 *   https://learn.microsoft.com/javascript/api/excel/excel.alloweditrange): `add(title,
 *   rangeAddress, options)`, `getItemOrNullObject(title)`, `delete()`. "Worksheet protection must be
 *   disabled or paused for this method to work properly. If worksheet protection is enabled and not
 *   paused, then this method throws an AccessDenied error" (add and delete). A title already taken,
 *   or empty: InvalidArgument (what the `title` setter documents). A range without a password lets
 *   anybody edit its cells on the protected sheet; one with a password only once paused for the
 *   session (`pauseProtection`, not modelled: Carnet never pauses). On an Excel without
 *   ExcelApiOnline 1.1 (`FakeExcelOptions.allowEditRanges: false`) a sync that uses them fails
 *   with ApiNotFound, as an older Excel answers an API it does not know.
 *
 * Every protect, unprotect, add and delete that reaches "Excel" is recorded in
 * `FakeExcel.protectionCalls`, refused or not: the tests' proof that a plan already in place is
 * not unprotected and protected again.
 *
 * FakeExcelError comes from fake-excel.ts, which imports this file: it is used inside functions
 * only, never while the modules load, so the cycle is harmless.
 */

import type { XlProtectionOptions } from '../../office-addin/excel-api.js';
import { FakeExcelError, type FakeExcel, type FakeSheet, type Rect } from './fake-excel.js';

/** A sheet's protection as the fake keeps it (`FakeSheet.protection`); undefined: not protected. */
export interface SheetProtectionState {
  password?: string;
  options?: XlProtectionOptions;
}

/** An allow-edit range as the fake keeps it (`FakeSheet.allowEditRanges`, by title). */
export interface AllowEditRangeState {
  /** As given to `add`: `A:XFD`, `B2:C9`. */
  address: string;
  password?: string;
}

/** One call that reached Excel, in order; `refused` is the code Excel answered when it failed. */
export type ProtectionCall = { sheet: string; refused?: string } & (
  | { call: 'protect'; options?: XlProtectionOptions; password?: string }
  | { call: 'unprotect'; password?: string }
  | { call: 'allowEditRanges.add'; title: string; address: string; password?: string }
  | { call: 'allowEditRange.delete'; title: string }
);

type Recorder = Pick<FakeExcel, 'protectionCalls' | 'options'>;

/** Runs `act`, recording the call, and its refusal if it throws. */
function recorded(excel: Recorder, call: ProtectionCall, act: () => void): void {
  excel.protectionCalls.push(call);
  try {
    act();
  } catch (e) {
    if (e instanceof FakeExcelError) call.refused = e.code;
    throw e;
  }
}

export function protectSheet(excel: Recorder, sheet: FakeSheet, options: XlProtectionOptions | undefined, password: string | undefined): void {
  const copy = options && { ...options };
  recorded(excel, { sheet: sheet.name, call: 'protect', ...(copy ? { options: copy } : {}), ...(password !== undefined ? { password } : {}) }, () => {
    if (sheet.protection) throw new FakeExcelError('InvalidOperation', 'The worksheet is already protected.');
    sheet.protection = { password, options: copy };
  });
}

export function unprotectSheet(excel: Recorder, sheet: FakeSheet, password: string | undefined): void {
  recorded(excel, { sheet: sheet.name, call: 'unprotect', ...(password !== undefined ? { password } : {}) }, () => {
    if (!sheet.protection) return;
    if (sheet.protection.password !== undefined && sheet.protection.password !== password) {
      throw new FakeExcelError('InvalidArgument', 'The password is incorrect.');
    }
    sheet.protection = undefined;
  });
}

/** ExcelApiOnline 1.1 or ApiNotFound. */
export function needAllowEditRanges(excel: Recorder): void {
  if (!excel.options.allowEditRanges) {
    throw new FakeExcelError('ApiNotFound', 'The API you are trying to use could not be found. It may be available in a newer version of Excel.');
  }
}

export function addAllowEditRange(excel: Recorder, sheet: FakeSheet, title: string, address: string, password: string | undefined): void {
  needAllowEditRanges(excel);
  recorded(excel, { sheet: sheet.name, call: 'allowEditRanges.add', title, address, ...(password !== undefined ? { password } : {}) }, () => {
    if (sheet.protection) throw new FakeExcelError('AccessDenied', 'Unprotect the sheet before adding an allow-edit range.');
    if (title === '' || [...sheet.allowEditRanges.keys()].some((t) => t.toLowerCase() === title.toLowerCase())) {
      throw new FakeExcelError('InvalidArgument', `An allow-edit range needs a title of its own ("${title}").`);
    }
    rectOfRange(sheet, address); // an address Excel cannot read is refused
    sheet.allowEditRanges.set(title, { address, ...(password !== undefined ? { password } : {}) });
  });
}

export function deleteAllowEditRange(excel: Recorder, sheet: FakeSheet, title: string): void {
  needAllowEditRanges(excel);
  recorded(excel, { sheet: sheet.name, call: 'allowEditRange.delete', title }, () => {
    if (sheet.protection) throw new FakeExcelError('AccessDenied', 'Unprotect the sheet before deleting an allow-edit range.');
    if (!sheet.allowEditRanges.delete(title)) throw new FakeExcelError('ItemNotFound', `No allow-edit range "${title}".`);
  });
}

/** The allow-edit range titled so (case-insensitive, as Excel's item keys are), if any. */
export function allowEditRangeOf(excel: Recorder, sheet: FakeSheet, title: string): (AllowEditRangeState & { title: string }) | undefined {
  needAllowEditRanges(excel);
  for (const [t, range] of sheet.allowEditRanges) if (t.toLowerCase() === title.toLowerCase()) return { title: t, ...range };
  return undefined;
}

/**
 * Throws AccessDenied when a change of `what` to the cells of `rect` is refused: the sheet is
 * protected and one of the cells is locked (a cell never touched is locked), unless the options
 * allow formatting cells and `what` is a format, or the cell is in an allow-edit range without a
 * password.
 */
export function refuseLockedEdit(rect: Rect, what: 'values' | 'format'): void {
  const { sheet } = rect;
  if (!sheet.protection) return;
  if (what === 'format' && sheet.protection.options?.allowFormatCells) return;
  const open = [...sheet.allowEditRanges.values()].filter((r) => r.password === undefined).map((r) => rectOfRange(sheet, r.address));
  const within = (row: number, rows: number, column: number, columns: number) =>
    open.some((o) => row >= o.row && row + rows <= o.row + o.rows && column >= o.column && column + columns <= o.column + o.columns);
  if (within(rect.row, rect.rows, rect.column, rect.columns)) return;
  const refused = () => new FakeExcelError('AccessDenied', 'The cell or chart you are trying to change is on a protected sheet.');
  // Cells one by one where rows exist (the first locked one ends it, so a whole row stays cheap)…
  const stored = Math.min(rect.row + rect.rows, sheet.rows.length);
  for (let r = rect.row; r < stored; r++) {
    for (let c = rect.column; c < rect.column + rect.columns; c++) {
      if (sheet.cell(r, c)?.locked !== false && !within(r, 1, c, 1)) throw refused();
    }
  }
  // …and past them no cell exists, so every one is locked: editable only inside an open range.
  const below = Math.max(rect.row, stored);
  if (below < rect.row + rect.rows && !within(below, rect.row + rect.rows - below, rect.column, rect.columns)) throw refused();
}

/** `range.format.protection.locked = locked`: refused on a protected sheet, whatever its options. */
export function setLocked(rect: Rect, locked: boolean): void {
  if (rect.sheet.protection) throw new FakeExcelError('AccessDenied', 'Cells cannot be locked or unlocked on a protected sheet.');
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    for (let c = rect.column; c < rect.column + rect.columns; c++) rect.sheet.touch(r, c).locked = locked ? undefined : false;
  }
}

/** `A1:B4`, `C3`, `A:XFD` (whole columns) or `2:3` (whole rows), as an allow-edit range's address. */
function rectOfRange(sheet: FakeSheet, address: string): Rect {
  const bare = address.replace(/^.*!/, '').replace(/\$/g, '').toUpperCase();
  const columns = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(bare);
  if (columns) {
    const from = columnIndex(columns[1]!);
    return { sheet, row: 0, column: from, rows: 1_048_576, columns: columnIndex(columns[2]!) - from + 1 };
  }
  const rows = /^(\d+):(\d+)$/.exec(bare);
  if (rows) return { sheet, row: +rows[1]! - 1, column: 0, rows: +rows[2]! - +rows[1]! + 1, columns: 16_384 };
  const cells = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(bare);
  if (!cells) throw new FakeExcelError('InvalidArgument', `Not a range address: "${address}".`);
  const [, c1, r1, c2 = c1, r2 = r1] = cells as unknown as [string, string, string, string?, string?];
  const column = columnIndex(c1);
  return { sheet, row: +r1 - 1, column, rows: +r2! - +r1 + 1, columns: columnIndex(c2!) - column + 1 };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
