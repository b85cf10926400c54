/**
 * A1 references inside formulas, rewritten the way spreadsheets do when rows move or a sheet is
 * renamed. Hosts that don't do it themselves (the .xlsx file) and the test fakes of hosts that do
 * (Sheets, Excel) share this one implementation.
 */

/** A string literal, or an A1 reference (cell or range) with an optional sheet, not a function name. */
const REFERENCE =
  /("(?:[^"]|"")*")|(?<![\w.$!\]])('(?:[^']|'')+'!|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![\w(!])/g;

/** A string literal, or a sheet prefix (`Sales!`, `'My sheet'!`). */
const SHEET_PREFIX = /("(?:[^"]|"")*")|(?<![\w.\]])('(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/g;

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function unquoteSheet(name: string): string {
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/**
 * A formula after rows of `sheet` moved: `map` gives a 1-based row's new number, or undefined when
 * the row was deleted. Following spreadsheet rules: a reference to a deleted row becomes #REF!, a
 * range shrinks (and is #REF! when all of it is gone); `$` does not protect against this, as in
 * Excel. Unqualified references change only when the formula is on that sheet; string literals
 * are left alone.
 */
export function moveRows(formula: string, sheet: string, onSheet: boolean, map: (row: number) => number | undefined): string {
  const target = sheet.toLowerCase();
  return formula.replace(REFERENCE, (match, literal: string | undefined, prefix: string | undefined, c1$: string, c1: string, r1$: string, r1: string, c2$?: string, c2?: string, r2$?: string, r2?: string) => {
    if (literal !== undefined) return match;
    const named = prefix === undefined ? undefined : unquoteSheet(prefix.slice(0, -1)).toLowerCase();
    if (named === undefined ? !onSheet : named !== target) return match;
    const p = prefix ?? '';
    if (r2 === undefined) {
      const row = map(Number(r1));
      return row === undefined ? '#REF!' : `${p}${c1$}${c1}${r1$}${row}`;
    }
    let lo = Math.min(Number(r1), Number(r2));
    let hi = Math.max(Number(r1), Number(r2));
    while (lo <= hi && map(lo) === undefined) lo++;
    while (hi >= lo && map(hi) === undefined) hi--;
    if (lo > hi) return '#REF!';
    return `${p}${c1$}${c1}${r1$}${map(lo)}:${c2$}${c2}${r2$}${map(hi)}`;
  });
}

/** `count` rows deleted from 1-based row `first`. */
export function deletion(first: number, count: number): (row: number) => number | undefined {
  return (row) => (row < first ? row : row < first + count ? undefined : row - count);
}

/** `count` rows inserted after 1-based row `after`. */
export function insertion(after: number, count: number): (row: number) => number {
  return (row) => (row <= after ? row : row + count);
}

/** A formula with every `from!` sheet prefix (quoted or not, any case) turned into `'to'!`; string literals kept. */
export function renameSheetIn(formula: string, from: string, to: string): string {
  const lower = from.toLowerCase();
  return formula.replace(SHEET_PREFIX, (match, literal: string | undefined, name: string | undefined) => {
    if (literal !== undefined || name === undefined) return match;
    return unquoteSheet(name).toLowerCase() === lower ? `${quoteSheet(to)}!` : match;
  });
}
