/**
 * Layout of a sheet in one batch (two syncs at most: what it depends on, then everything): frozen
 * header, bold header, number formats, widths, header notes, dropdowns. Lists too long or too
 * awkward for an inline list live in the very hidden lists sheet, one column per key.
 */

import { a1, columnLetter, type ColumnValidation, type SheetLayout } from '../core/workbook.js';
import { say } from '../core/messages/say.js';
import type { ExcelAccess } from './access.js';
import { MAX_COLUMNS, MAX_ROWS, type XlRange, type XlWorksheet } from './excel-api.js';

/**
 * Very hidden sheet holding dropdown lists too long (255 characters) or too awkward (commas,
 * quotes) for an inline list. Same name and key format (`<sheet>!<column letter>` in row 1) as the
 * xlsx host, so a workbook moved between hosts keeps one such sheet.
 */
export const LISTS_SHEET = '_carnet_lists';

const INLINE_LIST_MAX = 255;

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

export async function applyLayout(x: ExcelAccess, sheet: string, layout: SheetLayout): Promise<void> {
  const exact = await x.need(sheet);
  const sources = new Map<string, string | undefined>();
  for (const col of layout.columns) {
    const v = col.validation;
    if (v?.kind === 'range' && !sources.has(v.sheet)) sources.set(v.sheet, await x.exact(v.sheet));
  }
  const plans = layout.columns.map((col) => ({ col, inline: col.validation ? inlineList(col.validation) : undefined }));
  const needsLists = plans.some((p) => p.col.validation?.kind === 'list' && p.inline === undefined && layout.dataRows > 0);
  // A missing lists sheet is looked for again only when a long list needs it.
  const lists = needsLists ? await x.exact(LISTS_SHEET) : x.known?.get(LISTS_SHEET);
  const noted = x.features.notes ? layout.columns.filter((c) => c.note !== undefined) : [];

  await x.mutate(exact, async (ctx, ws) => {
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
            x.known?.set(LISTS_SHEET, LISTS_SHEET);
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
      data.errorAlert = { showAlert: true, style: 'Warning', title: 'Carnet', message: say('This value is not in the list.') };
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

/** The used part of the lists sheet's key row, loaded with its values. */
export function listHeader(lists: XlWorksheet): XlRange {
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

export function parseListKey(v: string): { sheet: string; letter: string } | undefined {
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
