/**
 * Stale results. A formula cell in an .xlsx file carries its last result, and LibreOffice shows
 * that result as it is, without recalculating (its default for .xlsx files; `fullCalcOnLoad` is
 * not read). So once Carnet has changed cells, every formula that depends on them, directly or
 * through other formulas, loses its cached result: LibreOffice then computes it on open, as it
 * does for any formula without one, and Excel recalculates everything (`fullCalcOnLoad`).
 *
 * "Depends" is judged from the references in the formula text: cells and ranges (same sheet or
 * named), whole columns and rows, defined names and tables (by the ranges they name). Formulas
 * whose references are computed at run time (INDIRECT, OFFSET) count as depending on everything.
 * Carnet's own formulas written in this save keep the result core computed for them.
 */

import type { CellRange } from '../../core/workbook.js';
import type { Book } from './book.js';
import { dependencies, translate, type FormulaDeps } from './formula-refs.js';
import { intersects, parseRange } from './sheet/cell-ref.js';
import type { DecodedCell } from './sheet/cell-xml.js';
import { dropCachedValues } from './sheet/row-edits.js';
import type { SheetPart } from './sheet/sheet-part.js';
import { mentionsSheet } from './mentions.js';
import { tablesOf } from './tables.js';

/** A cell formula's text in a worksheet part (shared formulas' dependents have none, their group's first cell has it). */
const CELL_FORMULA = /<(?:[\w.-]+:)?f(?:\s[^>]*)?>([^<]*)</g;

/** What recalc keeps per book across saves (a server's book lives for many commands). */
const caches = new WeakMap<Book, { texts: Map<string, { source: string; formulas: string[] }>; deps: Map<string, FormulaDeps> }>();

interface FormulaCell {
  sheet: string;
  row: number;
  cell: DecodedCell;
  deps: FormulaDeps;
}

/** Drops the cached results that Carnet's writes since the last save may have made stale. */
export function dropStaleResults(book: Book): void {
  const changed = new Map<string, CellRange[]>();
  const written = new Map<string, Set<number>>();
  for (const entry of book.worksheets()) {
    const loaded = book.loadedParts().find(([path]) => path === entry.path.toLowerCase());
    if (!loaded) continue;
    const part = loaded[1];
    const list: CellRange[] = [...part.touched];
    if (list.length || part.staleSeeds.size) {
      changed.set(entry.name.toLowerCase(), list);
      written.set(entry.name.toLowerCase(), part.ownFormulas);
    }
  }
  if (changed.size === 0 && book.staleNames.size === 0) return;
  // Excel recalculates everything on open when asked: whatever this analysis might miss (a
  // reference through an external link, a function it does not know) is right there at least.
  book.workbook.setFullCalcOnLoad();

  // Names and tables, by the ranges they cover.
  const named = new Map<string, { sheet: string; range: CellRange }[]>();
  const sheetNames = book.workbook.sheets().map((s) => s.name);
  for (const n of book.workbook.definedNames()) {
    const deps = dependencies(n.text);
    const home = n.localSheetId !== undefined ? sheetNames[n.localSheetId]?.toLowerCase() : undefined;
    const targets = deps.refs.filter((r) => r.sheet !== undefined || home).map((r) => ({ sheet: r.sheet ?? home!, range: r.range }));
    const key = n.name.toLowerCase();
    named.set(key, [...(named.get(key) ?? []), ...targets]);
  }
  for (const entry of book.worksheets()) {
    for (const t of tablesOf(book.pkg, entry.path)) {
      const range = parseRange(t.ref);
      if (range) named.set(t.name.toLowerCase(), [...(named.get(t.name.toLowerCase()) ?? []), { sheet: entry.name.toLowerCase(), range }]);
    }
  }

  // Formula cells, sheet by sheet: a sheet not changed is read only when its text could refer to
  // a changed one (its name, a name or table over it, or a computed reference), so that adding a
  // company does not parse 100,000 sales.
  const formulas = new Map<string, FormulaCell[]>();
  const cache = caches.get(book) ?? caches.set(book, { texts: new Map(), deps: new Map() }).get(book)!;
  const depsOf = (text: string): FormulaDeps => {
    let d = cache.deps.get(text);
    if (!d) {
      if (cache.deps.size > 500_000) cache.deps.clear();
      cache.deps.set(text, (d = dependencies(text)));
    }
    return d;
  };
  const load = (entry: (typeof sheets)[number]): FormulaCell[] => {
    const key = entry.name.toLowerCase();
    const known = formulas.get(key);
    if (known) return known;
    const list: FormulaCell[] = [];
    formulas.set(key, list);
    const part = book.part(entry);
    const { formulas: byRow } = part.decode(book.context);
    const masters = new Map<string, { row: number; cell: DecodedCell }>();
    for (const [row, cells] of byRow) for (const c of cells) if (c.shared?.ref !== undefined && c.formula !== undefined) masters.set(c.shared.si, { row, cell: c });
    for (const [row, cells] of byRow) {
      for (const c of cells) {
        let text = c.formula;
        if (text === undefined && c.shared) {
          const m = masters.get(c.shared.si);
          if (m) text = translate(m.cell.formula!, row - m.row, c.column - m.cell.column);
        }
        if (text !== undefined) list.push({ sheet: key, row, cell: c, deps: depsOf(text) });
      }
    }
    return list;
  };
  const sheets = book.worksheets();
  /**
   * The texts of a sheet's cell formulas, lower-cased, from its XML as read (no decoding); kept
   * across saves while the part's text is the same, so a long session does not rescan it.
   */
  const textsOf = (entry: (typeof sheets)[number]): string[] => {
    const source = book.pkg.text(entry.path);
    const known = cache.texts.get(entry.path);
    if (known && known.source === source) return known.formulas;
    const list: string[] = [];
    if (/<(?:[\w.-]+:)?f[\s>/]/.test(source)) for (const m of source.matchAll(CELL_FORMULA)) if (m[1]) list.push(m[1].toLowerCase());
    cache.texts.set(entry.path, { source, formulas: list });
    return list;
  };
  const hasFormulas = (entry: (typeof sheets)[number]) => {
    const part = book.loadedParts().find(([path]) => path === entry.path.toLowerCase())?.[1];
    // A part Carnet changed holds what was read plus Carnet's writes; its decoded formulas say it.
    if (part?.changed) return part.decode(book.context).formulas.size > 0;
    return textsOf(entry).length > 0;
  };
  /** Whether one of the sheet's formulas could read a changed sheet: names it, a name or table over it, or computes references. */
  const couldRefer = (entry: (typeof sheets)[number]) =>
    textsOf(entry).some((f) => {
      if (f.includes('indirect(') || f.includes('offset(')) return true;
      for (const s of changed.keys()) if (mentionsSheet(f, s)) return true;
      for (const [n, targets] of named) if ((targets.some((t) => changed.has(t.sheet)) || book.staleNames.has(n)) && f.includes(n)) return true;
      return false;
    });

  const seeds = new Map<string, Set<number>>();
  for (const entry of sheets) {
    const loaded = book.loadedParts().find(([path]) => path === entry.path.toLowerCase());
    if (loaded && loaded[1].staleSeeds.size) seeds.set(entry.name.toLowerCase(), loaded[1].staleSeeds);
  }
  const hits = (sheet: string, range: CellRange) => (changed.get(sheet) ?? []).some((c) => intersects(c, range));
  const stale = new Set<FormulaCell>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const entry of sheets) {
      const key = entry.name.toLowerCase();
      if (!hasFormulas(entry) || (!changed.has(key) && !seeds.has(key) && !couldRefer(entry))) continue;
      for (const f of load(entry)) {
        if (stale.has(f)) continue;
        const key = f.row * 16_384 + f.cell.column;
        if (written.get(f.sheet)?.has(key)) continue;
        const depends =
          seeds.get(f.sheet)?.has(key) ||
          f.deps.names.some((n) => book.staleNames.has(n)) ||
          f.deps.dynamic ||
          f.deps.refs.some((r) => hits(r.sheet ?? f.sheet, r.range)) ||
          f.deps.names.some((n) => (named.get(n) ?? []).some((t) => hits(t.sheet, t.range)));
        if (!depends) continue;
        stale.add(f);
        progress = true;
        const area = f.cell.arrayRef ? parseRange(f.cell.arrayRef) : undefined;
        const list = changed.get(f.sheet) ?? [];
        list.push(area ?? { top: f.row, bottom: f.row, left: f.cell.column, right: f.cell.column });
        changed.set(f.sheet, list);
      }
    }
  }
  if (stale.size === 0) return;

  const bySheet = new Map<string, { row: number; column: number; area?: CellRange }[]>();
  for (const f of stale) {
    const list = bySheet.get(f.sheet) ?? [];
    list.push({ row: f.row, column: f.cell.column, ...(f.cell.arrayRef ? { area: parseRange(f.cell.arrayRef)! } : {}) });
    bySheet.set(f.sheet, list);
  }
  for (const entry of book.worksheets()) {
    const list = bySheet.get(entry.name.toLowerCase());
    if (list) dropResults(book.part(entry), list, book);
  }
}

/** Removes `<v>` (and the value type) from these cells, and from the result cells of array formulas. */
function dropResults(part: SheetPart, cells: { row: number; column: number; area?: CellRange }[], book: Book): void {
  const targets: { row: number; column: number }[] = [];
  for (const c of cells) {
    if (!c.area) {
      targets.push(c);
      continue;
    }
    for (let r = c.area.top; r <= c.area.bottom; r++) for (let k = c.area.left; k <= c.area.right; k++) targets.push({ row: r, column: k });
  }
  dropCachedValues(part, targets, book.context);
}
