/**
 * The merged ranges of a sheet, for core to steer around (a merge shows only its top-left cell:
 * "The value of a merged range is specified in the cell of the range's upper-left corner",
 * https://learn.microsoft.com/office/vba/api/excel.range.merge).
 *
 * Office.js reports them through `Range.getMergedAreasOrNullObject()` (ExcelApi 1.13,
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)),
 * which lists only the areas whose top-left cell lies in the range it is called on (office-js#3611,
 * "by design"). So it is called on the whole sheet, in the sync that loads the used range, and
 * the areas are kept when they hold a cell of the used range from A1 (the port's grid). One sync.
 *
 * The areas are decoded from `RangeAreas.address` ("Sheet1!A1:B4, Sheet1!D1:D4",
 * https://learn.microsoft.com/javascript/api/excel/excel.rangeareas#excel-excel-rangeareas-address-member),
 * a scalar that loads in the same sync whether or not the object is null; if the address does not
 * decode into `areaCount` rectangles, the areas are loaded one by one in a second sync.
 *
 * The same reference says the method fails past 512 areas, with no documented error code: then
 * the used rows are asked in halves, each half again if it still fails (more syncs, only there).
 */

import type { CellRange } from '../core/workbook.js';
import type { ExcelAccess } from './access.js';
import { errorCode, MAX_COLUMNS, MAX_ROWS, type XlContext, type XlRange, type XlRangeAreas, type XlWorksheet } from './excel-api.js';

export async function mergedRanges(x: ExcelAccess, sheet: string): Promise<CellRange[]> {
  // Before ExcelApi 1.13 the host cannot tell (capabilities.merges is false then).
  if (!x.features.merges) return [];
  return x.onSheet(
    sheet,
    async (ctx, ws) => {
      let used = usedRange(ws);
      const all = areasIn(ws, 0, MAX_ROWS);
      let found: CellRange[];
      try {
        await ctx.sync();
        found = await decode(ctx, all);
      } catch (e) {
        if (!tooMany(e)) throw e;
        // Nothing of the failed sync was loaded, the used range included: ask for it again.
        used = usedRange(ws);
        await ctx.sync();
        found = used.isNullObject ? [] : await inHalves(ctx, ws, 0, used.rowIndex + used.rowCount - 1, e);
      }
      if (used.isNullObject) return [];
      const bottom = used.rowIndex + used.rowCount - 1;
      const right = used.columnIndex + used.columnCount - 1;
      return found.filter((m) => m.top <= bottom && m.left <= right).sort((a, b) => a.top - b.top || a.left - b.left);
    },
    () => [],
  );
}

function usedRange(ws: XlWorksheet): XlRange {
  return ws.getUsedRangeOrNullObject(true).load('rowIndex,rowCount,columnIndex,columnCount');
}

/**
 * Whether a failed sync may be the 512-area limit, whose code is not documented: not a sheet
 * gone (onSheet looks again), not an API this Excel lacks, not a protection or payload refusal.
 */
function tooMany(e: unknown): boolean {
  return !['ItemNotFound', 'ApiNotFound', 'AccessDenied', 'RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded'].includes(errorCode(e) ?? '');
}

function areasIn(ws: XlWorksheet, top: number, rows: number): XlRangeAreas {
  return ws.getRangeByIndexes(top, 0, rows, MAX_COLUMNS).getMergedAreasOrNullObject().load('address,areaCount');
}

/** The areas whose top-left cell is in rows top…bottom, one sync per half that Excel accepts. */
async function inHalves(ctx: XlContext, ws: XlWorksheet, top: number, bottom: number, first: unknown): Promise<CellRange[]> {
  if (top === bottom) throw first;
  const middle = Math.floor((top + bottom) / 2);
  const out: CellRange[] = [];
  for (const [from, to] of [
    [top, middle],
    [middle + 1, bottom],
  ] as const) {
    const areas = areasIn(ws, from, to - from + 1);
    try {
      await ctx.sync();
    } catch (e) {
      if (!tooMany(e)) throw e;
      out.push(...(await inHalves(ctx, ws, from, to, first)));
      continue;
    }
    out.push(...(await decode(ctx, areas)));
  }
  return out;
}

async function decode(ctx: XlContext, areas: XlRangeAreas): Promise<CellRange[]> {
  if (areas.isNullObject) return [];
  const parsed = parseAreasAddress(areas.address);
  if (parsed && parsed.length === areas.areaCount) return parsed;
  const items = areas.areas.load('items/rowIndex,items/columnIndex,items/rowCount,items/columnCount');
  await ctx.sync();
  return items.items.map(rangeOf);
}

function rangeOf(r: XlRange): CellRange {
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

/**
 * `Sheet1!A1:B4, 'Bob''s, sheet'!D1:D4` as 0-based ranges; also `2:3` (whole rows) and `C:D`
 * (whole columns), as Excel writes the address of an area spanning the sheet. Undefined when a
 * part is none of these.
 */
export function parseAreasAddress(address: string): CellRange[] | undefined {
  const out: CellRange[] = [];
  for (const part of splitOutsideQuotes(address)) {
    const ref = part.trim().replace(/^(?:'(?:[^']|'')*'|[^'!]*)!/, '').replace(/\$/g, '');
    const cells = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/i.exec(ref);
    const rows = /^(\d+):(\d+)$/.exec(ref);
    const columns = /^([A-Z]{1,3}):([A-Z]{1,3})$/i.exec(ref);
    if (cells) {
      const [left, top] = [letters(cells[1]!), Number(cells[2]) - 1];
      out.push({ top, left, bottom: cells[4] ? Number(cells[4]) - 1 : top, right: cells[3] ? letters(cells[3]) : left });
    } else if (rows) out.push({ top: Number(rows[1]) - 1, left: 0, bottom: Number(rows[2]) - 1, right: MAX_COLUMNS - 1 });
    else if (columns) out.push({ top: 0, left: letters(columns[1]!), bottom: MAX_ROWS - 1, right: letters(columns[2]!) });
    else return undefined;
  }
  return out;
}

/** Commas inside a quoted sheet name (`'Sales, 2026'!A1:B2`) do not separate areas. */
function splitOutsideQuotes(s: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "'") quoted = !quoted; // '' inside a quoted name toggles twice: still quoted
    else if (s[i] === ',' && !quoted) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.filter((p) => p.trim() !== '');
}

function letters(col: string): number {
  let n = 0;
  for (const ch of col.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
