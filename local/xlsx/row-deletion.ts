/**
 * Deleting rows of a worksheet as Excel and LibreOffice do: the rows below move up, and
 * everything in the workbook that names rows of that sheet follows them — formulas on every sheet,
 * merged cells, conditional formats, validations, hyperlinks, the autofilter, page breaks, notes,
 * drawings' anchors, tables, charts' series, pivot caches' sources and defined names (print areas
 * and titles among them). What cannot be moved right refuses the deletion before anything changes.
 */

import { CarnetError } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import { moveRows } from '../../core/formula-references.js';
import type { Book } from './book.js';
import { dependencies } from './formula-refs.js';
import { mentionsSheet } from './mentions.js';
import { expandShared } from './shared-formulas.js';
import { parseRange } from './sheet/cell-ref.js';
import { columnOfRef } from './sheet/cell-xml.js';
import type { SheetPart } from './sheet/sheet-part.js';
import { rowDeletion, shiftRange, shiftRef, type RowDeletion } from './shift/ranges.js';
import { cannotShift, shiftSheetParts, shiftWorkbookParts } from './shift/related-parts.js';
import { shiftElements } from './shift/sheet-tail.js';
import { tablesOf } from './tables.js';
import type { SheetEntry } from './workbook-part.js';
import { escapeXml, unescapeXml } from './xml/text.js';

/** Deletes the rows (0-based) of a worksheet; E_FILE, with nothing changed, when that cannot be done right. */
export function deleteSheetRows(book: Book, entry: SheetEntry, rows0: number[]): void {
  const d = rowDeletion(rows0.map((r) => r + 1));
  if (d.deleted.length === 0) return;
  const first = d.deleted[0]!;
  const problems = cannotShift(book.pkg, entry.path, first);
  for (const t of tablesOf(book.pkg, entry.path)) {
    const range = parseRange(t.ref);
    if (range && d.gone.has(range.top + 1)) problems.push(say('the header row of table "{table}"', { table: t.name }));
  }
  if (problems.length) {
    const p = { rows: d.deleted.join(', '), sheet: entry.name, problems: problems.join(` ${say('and')} `) };
    throw new CarnetError({
      code: 'E_FILE',
      sheet: entry.name,
      message:
        d.deleted.length > 1
          ? say('Carnet cannot delete rows {rows} of "{sheet}": the sheet has {problems}, which Carnet cannot move with the rows. Nothing was changed; delete the row in Excel or LibreOffice instead.', p)
          : say('Carnet cannot delete row {rows} of "{sheet}": the sheet has {problems}, which Carnet cannot move with the rows. Nothing was changed; delete the row in Excel or LibreOffice instead.', p),
    });
  }
  const name = entry.name;
  const part = book.part(entry);
  const onHome = (text: string) => moveRows(text, name, true, d.map);
  const elsewhere = (text: string) => moveRows(text, name, false, d.map);

  expandShared(part);
  const rows: [number, string][] = [];
  const seeds: number[] = [];
  for (const [r, xml] of part.rows()) {
    if (d.gone.has(r)) continue;
    const target = d.map(r)!;
    let x = target === r ? xml : renumber(xml, target);
    x = rewriteFormulas(x, onHome, d, true, (column, old) => {
      if (readsDeleted(old, name, true, d)) seeds.push((target - 1) * 16_384 + column);
    });
    rows.push([target, x]);
  }
  part.replaceRows(rows);
  moveMarks(part, d);
  for (const s of seeds) part.staleSeeds.add(s);
  part.setHead(part.headXml.replace(/(<(?:[\w.-]+:)?dimension\b[^>]*\sref\s*=\s*")([^"]+)(")/, (m, a: string, ref: string, b: string) => {
    const moved = shiftRef(ref, d);
    return moved === undefined ? m : `${a}${moved}${b}`;
  }));
  part.setTail(shiftElements(part.tailXml, d, onHome, true));

  for (const other of book.worksheets()) {
    if (other.path === entry.path) continue;
    if (!mentionsSheet(book.pkg.text(other.path), name) && !book.part(other).changed) continue;
    const p = book.part(other);
    expandShared(p, (f) => f.toLowerCase().includes(name.toLowerCase()));
    const found: number[] = [];
    p.mapRows((r, xml) =>
      rewriteFormulas(xml, elsewhere, d, false, (column, old) => {
        if (readsDeleted(old, name, false, d)) found.push((r - 1) * 16_384 + column);
      }),
    );
    for (const s of found) p.staleSeeds.add(s);
    p.setTail(shiftElements(p.tailXml, d, elsewhere, false));
  }
  for (const n of book.workbook.definedNames()) if (readsDeleted(n.text, name, false, d)) book.staleNames.add(n.name.toLowerCase());
  book.workbook.mapDefinedNames((text) => elsewhere(text));
  shiftSheetParts(book.pkg, entry.path, d);
  shiftWorkbookParts(book.pkg, name, d);
}

/** A row's number and its cells' references, for its new place. */
function renumber(xml: string, target: number): string {
  return xml
    .replace(/^(<(?:[\w.-]+:)?row\b[^>]*?\sr\s*=\s*["'])\d+(["'])/, `$1${target}$2`)
    .replace(/(<(?:[\w.-]+:)?c\b[^>]*?\sr\s*=\s*["'])(\$?[A-Za-z]+)\$?\d+(["'])/g, `$1$2${target}$3`);
}

/**
 * Every formula of a row rewritten by `fn` (array formulas' ranges too, on the home sheet);
 * `seen` hears of each formula's cell column and old text.
 */
function rewriteFormulas(xml: string, fn: (text: string) => string, d: RowDeletion, home: boolean, seen: (column: number, old: string) => void): string {
  if (!/<(?:[\w.-]+:)?f[\s>]/.test(xml)) return xml;
  // Cells with content only (`<c …/>` holds no formula): a self-closing tag must not swallow the next cell.
  return xml.replace(/(<((?:[\w.-]+:)?)c\b(?:[^>]*[^>/])?>)([\s\S]*?)(<\/\2c>)/g, (whole, open: string, prefix: string, body: string, close: string) => {
    const ref = /\sr\s*=\s*["']([^"']+)["']/.exec(open)?.[1];
    const column = ref ? columnOfRef(ref) : -1;
    const out = body.replace(new RegExp(`(<${prefix.replace('.', '\\.')}f\\b)([^>]*?)(>)([^<]*)(</${prefix.replace('.', '\\.')}f>)`), (_m, a: string, attrs: string, gt: string, text: string, end: string) => {
      const old = unescapeXml(text);
      seen(column, old);
      let at = attrs;
      if (home) {
        at = attrs.replace(/(\sref\s*=\s*["'])([^"']+)(["'])/, (m, x: string, r: string, y: string) => {
          const moved = shiftRef(r, d);
          return moved === undefined ? m : `${x}${moved}${y}`;
        });
      }
      return `${a}${at}${gt}${escapeXml(fn(old))}${end}`;
    });
    return out === body ? whole : `${open}${out}${close}`;
  });
}

/**
 * True when a formula's result may change because rows of `sheet` were deleted: one of its ranges
 * on that sheet held a deleted row (a total that shrinks, a reference that becomes #REF!), or it
 * reads row positions or computed references.
 */
function readsDeleted(formula: string, sheet: string, home: boolean, d: RowDeletion): boolean {
  if (/\b(ROW|ROWS|INDIRECT|OFFSET)\s*\(/i.test(formula)) return true;
  const deps = dependencies(formula);
  if (deps.dynamic) return true;
  const lower = sheet.toLowerCase();
  return deps.refs.some((r) => {
    const on = r.sheet === undefined ? home : r.sheet === lower;
    if (!on) return false;
    for (const g of d.deleted) if (g - 1 >= r.range.top && g - 1 <= r.range.bottom) return true;
    return false;
  });
}

/** Cells written earlier in this save cycle move with their rows too. */
function moveMarks(part: SheetPart, d: RowDeletion): void {
  const moved = part.touched.map((t) => shiftRange(t, d)).filter((t) => t !== undefined);
  part.touched.length = 0;
  part.touched.push(...moved);
  const own = [...part.ownFormulas];
  part.ownFormulas.clear();
  for (const key of own) {
    const row = Math.floor(key / 16_384);
    const target = d.map(row + 1);
    if (target !== undefined) part.ownFormulas.add((target - 1) * 16_384 + (key % 16_384));
  }
}
