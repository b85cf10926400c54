/**
 * Renaming a sheet as a spreadsheet does: every reference to it follows — formulas on every sheet
 * (and in conditional formats and validations), defined names, charts' series, pivot caches'
 * sources, hyperlinks to its cells, Carnet's own list keys — and the document properties' list of
 * sheet names.
 */

import { renameSheetIn } from '../../core/formula-references.js';
import type { Book } from './book.js';
import type { SheetPart } from './sheet/sheet-part.js';
import { mentionsSheet } from './mentions.js';
import { LISTS_SHEET } from './validations.js';
import type { SheetEntry } from './workbook-part.js';
import { escapeAttribute, escapeXml, unescapeXml } from './xml/text.js';

export function renameSheet(book: Book, entry: SheetEntry, to: string): void {
  const from = entry.name;
  const fn = (text: string) => renameSheetIn(text, from, to);
  for (const other of book.worksheets()) {
    const part = book.part(other);
    if (mentionsSheet(book.pkg.text(other.path), from) || part.changed) {
      mapRowFormulas(part, fn);
      part.setHead(mapElementFormulas(part.headXml, fn));
      part.setTail(mapElementFormulas(part.tailXml, fn).replace(/(<(?:[\w.-]+:)?hyperlink\b[^>]*\slocation\s*=\s*")([^"]*)(")/g, (_m, a: string, loc: string, b: string) => `${a}${escapeAttribute(fn(unescapeXml(loc)))}${b}`));
    }
  }
  book.workbook.renameSheet(entry.index, to);
  book.workbook.mapDefinedNames(fn);
  for (const path of book.pkg.paths()) {
    if (/^xl\/charts\/chart[^/]*\.xml$/i.test(path)) {
      const xml = book.pkg.text(path);
      if (!mentionsSheet(xml, from)) continue;
      const out = mapElementFormulas(xml, fn);
      if (out !== xml) book.pkg.write(path, out);
    } else if (/^xl\/pivotCache\/pivotCacheDefinition[^/]*\.xml$/i.test(path)) {
      const xml = book.pkg.text(path);
      const out = xml.replace(/(<(?:[\w.-]+:)?worksheetSource\b[^>]*\ssheet\s*=\s*")([^"]*)(")/g, (m, a: string, name: string, b: string) =>
        unescapeXml(name).toLowerCase() === from.toLowerCase() ? `${a}${escapeAttribute(to)}${b}` : m,
      );
      if (out !== xml) book.pkg.write(path, out);
    }
  }
  renameInAppProperties(book, from, to);
  const lists = book.find(LISTS_SHEET);
  if (lists) {
    const header = book.grid(lists)[0] ?? [];
    const cells: { row: number; column: number; value: string }[] = [];
    header.forEach((v, c) => {
      if (typeof v !== 'string') return;
      const i = v.lastIndexOf('!');
      if (i > 0 && v.slice(0, i).toLowerCase() === from.toLowerCase()) cells.push({ row: 0, column: c, value: `${to}${v.slice(i)}` });
    });
    if (cells.length) book.part(lists).write(cells, book.context, LISTS_SHEET);
  }
}

/** Every cell formula of a part through `fn`. */
export function mapRowFormulas(part: SheetPart, fn: (text: string) => string): void {
  part.mapRows((_r, xml) => (/<(?:[\w.-]+:)?f[\s>]/.test(xml) ? mapElementFormulas(xml, fn, ['f']) : xml));
}

/** Formulas held as element text (`<f>`, `<formula>`, `<formula1>`, `<formula2>`, `<xm:f>`, `<c:f>`) through `fn`. */
export function mapElementFormulas(xml: string, fn: (text: string) => string, names = ['f', 'formula', 'formula1', 'formula2']): string {
  const re = new RegExp(`(<((?:[\\w.-]+:)?)(${names.join('|')})(\\s[^>]*)?>)([^<]*)(</\\2\\3>)`, 'g');
  return xml.replace(re, (m, open: string, _p, _n, _a, text: string, close: string) => {
    const after = fn(unescapeXml(text));
    return after === unescapeXml(text) ? m : `${open}${escapeXml(after)}${close}`;
  });
}

/** docProps/app.xml lists the sheets' names (TitlesOfParts): keep it true. */
function renameInAppProperties(book: Book, from: string, to: string): void {
  const path = 'docProps/app.xml';
  if (!book.pkg.has(path)) return;
  const xml = book.pkg.text(path);
  const out = xml.replace(/(<(?:[\w.-]+:)?TitlesOfParts>[\s\S]*?<\/(?:[\w.-]+:)?TitlesOfParts>)/, (block: string) =>
    block.replace(/(<((?:[\w.-]+:)?)lpstr>)([^<]*)(<\/\2lpstr>)/g, (m, a: string, _p, name: string, b: string) => (unescapeXml(name) === from ? `${a}${escapeXml(to)}${b}` : m)),
  );
  if (out !== xml) book.pkg.write(path, out);
}
