/**
 * What the Google host knows of the open spreadsheet during one server call: its sheets met so
 * far (by name, whatever the case), their sizes, the data range a `read` fetched, its time zone and locale.
 *
 * An adapter lives for one call (a few seconds, under the document lock when it writes), so a
 * sheet found once is not looked up again and its size changes only through this adapter. The one
 * exception is a colleague working in the browser meanwhile (no lock stops them): a size can then
 * be stale. Growing a sheet survives that (it inserts rows past what it believes is the end); the
 * guard of writes by position re-reads the size when a range it asks for is refused.
 */

import { CarnetError } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import type { Cell, CellRange } from '../core/workbook.js';
import type { AppsScriptServices, RangeApi, SheetApi, SheetValue, SpreadsheetApi } from './apps-script-api.js';
import { argumentSeparator, type ArgumentSeparator } from './formula-locale.js';
import { ZoneClock } from './zone.js';

/** Spare rows and columns added whenever a sheet must grow (an empty new sheet has 1,000 rows). */
const GROW_ROWS = 1000;
const GROW_COLUMNS = 10;

export interface SheetSize {
  rows: number;
  columns: number;
}

export class OpenSpreadsheet {
  private spreadsheet: SpreadsheetApi | undefined;
  private zone: ZoneClock | undefined;
  private separator: ArgumentSeparator | undefined;
  /** Sheets met during this call, by lower-case name. */
  private readonly known = new Map<string, SheetApi>();
  /** Their names for messages, as listed or as asked for (reading a name is a call). */
  private readonly names = new Map<SheetApi, string>();
  /** True once every sheet's name was read: a name not in `known` then does not exist. */
  private listed = false;
  private readonly sizes = new Map<SheetApi, SheetSize>();
  /** The data range of the last `read` of a sheet, until this adapter changes the sheet. */
  private readonly dataRanges = new Map<SheetApi, RangeApi>();

  constructor(private readonly services: AppsScriptServices) {}

  /** The open spreadsheet: one call per adapter (one adapter per server call). */
  get book(): SpreadsheetApi {
    return (this.spreadsheet ??= this.services.SpreadsheetApp.getActiveSpreadsheet());
  }

  /** The spreadsheet's time zone, read once. */
  get clock(): ZoneClock {
    return (this.zone ??= new ZoneClock(this.book.getSpreadsheetTimeZone(), this.services.Utilities));
  }

  /** How formulas separate arguments in this spreadsheet's locale, read once, when a formula is written. */
  get formulaSeparator(): ArgumentSeparator {
    return (this.separator ??= argumentSeparator(this.book.getSpreadsheetLocale()));
  }

  /**
   * A sheet by name, whatever its case: from this call's registry, else `getSheetByName` (1 call),
   * else, once per call, every tab's name (Sheets may match names exactly or not: either works).
   */
  find(name: string): SheetApi | undefined {
    const key = name.toLowerCase();
    const met = this.known.get(key);
    if (met || this.listed) return met;
    const exact = this.book.getSheetByName(name);
    if (exact) {
      this.remember(name, exact);
      return exact;
    }
    this.listSheets();
    return this.known.get(key);
  }

  need(name: string): SheetApi {
    const s = this.find(name);
    if (!s) throw new CarnetError({ code: 'E_NOT_FOUND', sheet: name, message: say('No sheet named "{name}".', { name }) });
    return s;
  }

  /** Every sheet in tab order with its name (1 + 1 per sheet calls); refreshes the registry. */
  listSheets(): [string, SheetApi][] {
    const list = this.book.getSheets().map((s): [string, SheetApi] => [s.getName(), s]);
    // Keep the objects already met: sizes and data ranges are keyed by them.
    const previous = new Map(this.known);
    this.known.clear();
    for (const [name, s] of list) this.remember(name, previous.get(name.toLowerCase()) ?? s);
    this.listed = true;
    return list.map(([name]) => [name, this.known.get(name.toLowerCase())!]);
  }

  /** Records a sheet under its name as Sheets spells it (after a lookup, an insert or a rename). */
  remember(name: string, s: SheetApi): void {
    this.known.set(name.toLowerCase(), s);
    this.names.set(s, name);
  }

  forget(name: string): void {
    this.known.delete(name.toLowerCase());
  }

  /** The sheet's name for messages, without a call. */
  nameOf(s: SheetApi): string {
    return this.names.get(s)!;
  }

  /** How many sheets are known: every one of them once `find` has missed. */
  get count(): number {
    return this.known.size;
  }

  size(s: SheetApi): SheetSize {
    let size = this.sizes.get(s);
    if (!size) this.sizes.set(s, (size = { rows: s.getMaxRows(), columns: s.getMaxColumns() }));
    return size;
  }

  /**
   * A new sheet has 1,000 rows and 26 columns; ranges past them do not exist until inserted. A
   * sheet that must grow gets room for the next appends too, so growing costs one call per
   * thousand new rows, not one per command.
   */
  ensureSize(s: SheetApi, rows: number, columns: number): void {
    const size = this.size(s);
    if (rows > size.rows) {
      const more = rows - size.rows + GROW_ROWS;
      s.insertRowsAfter(size.rows, more);
      size.rows += more;
      this.changed(s);
    }
    if (columns > size.columns) {
      const more = columns - size.columns + GROW_COLUMNS;
      s.insertColumnsAfter(size.columns, more);
      size.columns += more;
      this.changed(s);
    }
  }

  /** `getDataRange()`, kept for `merges()` right after (1 call). */
  readDataRange(s: SheetApi): RangeApi {
    const range = s.getDataRange();
    this.dataRanges.set(s, range);
    return range;
  }

  /** The data range of the last `read`, when this adapter has not changed the sheet since; else 1 call. */
  dataRange(s: SheetApi): RangeApi {
    return this.dataRanges.get(s) ?? this.readDataRange(s);
  }

  /** Every write, insert or deletion calls this: the sheet's data range may have grown or moved. */
  changed(s: SheetApi): void {
    this.dataRanges.delete(s);
  }

  /**
   * One read of a 0-based rectangle clipped to the sheet (2 calls: `getRange`, then `read` on it),
   * [] when none of it lies on the sheet; row 0 of the result is `box.top`, column 0 `box.left`.
   * The sheet's size costs 2 calls the first time. If Sheets refuses the range, the sheet shrank
   * under a colleague's hands since its size was read: read the size again (2 calls) and clip to it.
   */
  readClipped<T>(s: SheetApi, box: CellRange, read: (range: RangeApi) => T[][]): T[][] {
    const attempt = (size: SheetSize): T[][] => {
      const bottom = Math.min(box.bottom, size.rows - 1);
      const right = Math.min(box.right, size.columns - 1);
      if (bottom < box.top || right < box.left) return [];
      return read(s.getRange(box.top + 1, box.left + 1, bottom - box.top + 1, right - box.left + 1));
    };
    try {
      return attempt(this.size(s));
    } catch {
      this.sizes.delete(s);
      return attempt(this.size(s));
    }
  }

  /** The values of a 0-based rectangle as port cells (`readClipped`): a cell past the sheet's end reads as undefined. */
  valuesIn(s: SheetApi, box: CellRange): (row: number, column: number) => Cell | undefined {
    const values: SheetValue[][] = this.readClipped(s, box, (range) => range.getValues());
    return (row, column) => {
      const v = values[row - box.top]?.[column - box.left];
      return v === undefined ? undefined : this.toCell(v);
    };
  }

  /** A value as `getValues` gives it, as a port cell: '' is empty, a `Date` its serial in the spreadsheet's zone. */
  toCell(v: SheetValue): Cell {
    if (v === '' || v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    // `instanceof Date` fails across realms (the vm smoke test); the tag does not.
    if (Object.prototype.toString.call(v) === '[object Date]') return this.clock.serialOf(v);
    return String(v);
  }
}
