/**
 * Edits of existing rows that are not value writes: a cell's style (layout), the styles of a
 * column's cells (number formats), and dropping formulas' cached results (recalc). Each rewrites
 * only the rows it changes, and in them only the cells concerned.
 */

import { letters } from './cell-ref.js';
import type { CellContext } from './cell-xml.js';
import { joinRow, splitRow } from './rows.js';
import type { SheetPart } from './sheet-part.js';

const STYLE = /\ss\s*=\s*["'](\d+)["']/;

/** A cell's start tag with style `style` (none for 0). */
function withStyle(tag: string, style: number): string {
  return STYLE.test(tag) ? tag.replace(STYLE, style ? ` s="${style}"` : '') : tag.replace(/^(<[\w.:-]+)/, `$1 s="${style}"`);
}

/** Gives one cell a style, creating an empty styled cell when there is none. */
export function setCellStyle(part: SheetPart, row: number, column: number, style: number, ctx: CellContext): void {
  const r = row + 1;
  const split = splitRow(part.rowXml(r) ?? `<${part.prefix}row r="${r}"/>`, part.prefix);
  const c = split.cells.find((x) => x.column === column);
  if (c) c.xml = withStyle(c.tag, style) + c.xml.slice(c.tag.length);
  else split.cells.push({ column, xml: `<${part.prefix}c r="${letters(column)}${r}" s="${style}"/>`, tag: '', body: '' });
  part.replaceRow(r, joinRow(split, part.prefix), ctx);
}

/**
 * Gives existing cells of a column (rows `fromRow`.., 0-based) another style by a mapping of
 * styles; rows whose cells keep their style are not rewritten.
 */
export function restyleColumn(part: SheetPart, column: number, fromRow: number, restyle: (style: number) => number, ctx: CellContext): void {
  const changes: [number, string][] = [];
  for (const [r, xml] of part.rows()) {
    if (r - 1 < fromRow) continue;
    const split = splitRow(xml, part.prefix);
    const c = split.cells.find((x) => x.column === column);
    if (!c) continue;
    const style = Number(STYLE.exec(c.tag)?.[1] ?? 0);
    const next = restyle(style);
    if (next === style) continue;
    c.xml = withStyle(c.tag, next) + c.xml.slice(c.tag.length);
    changes.push([r, joinRow(split, part.prefix)]);
  }
  for (const [r, xml] of changes) part.replaceRow(r, xml, ctx);
}

/**
 * Removes the cached results of these formula cells (recalc.ts), leaving formula and style: a
 * program opening the file computes them afresh.
 */
export function dropCachedValues(part: SheetPart, cells: { row: number; column: number }[], ctx: CellContext): void {
  const byRow = new Map<number, Set<number>>();
  for (const c of cells) (byRow.get(c.row) ?? byRow.set(c.row, new Set()).get(c.row)!).add(c.column);
  for (const [row, columns] of byRow) {
    const xml = part.rowXml(row + 1);
    if (!xml) continue;
    const split = splitRow(xml, part.prefix);
    let changed = false;
    for (const c of split.cells) {
      if (!columns.has(c.column) || c.body === '') continue;
      const body = c.body.replace(/<((?:[\w.-]+:)?)v(?:\s[^>]*)?(?:\/>|>[^<]*<\/\1v>)/, '');
      if (body === c.body) continue;
      c.xml = `${c.tag.replace(/\st\s*=\s*["'][^"']*["']/, '')}${body}</${part.prefix}c>`;
      changed = true;
    }
    if (changed) part.replaceRow(row + 1, joinRow(split, part.prefix), ctx);
  }
}
