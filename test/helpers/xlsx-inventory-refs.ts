/**
 * A1 references as the inventory needs them: cell and range addresses, and the translation of a
 * shared formula from its master cell to each cell that shares it (relative references move by
 * the offset, `$` ones stay — the rule Excel applies when it expands `<f t="shared">`).
 */

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface CellAddress {
  col: number;
  row: number;
}

export function parseCell(ref: string): CellAddress {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  return { col: columnNumber(m[1]!), row: Number(m[2]) };
}

export function cellRef(col: number, row: number): string {
  return `${columnLetters(col)}${row}`;
}

export interface RangeAddress {
  from: CellAddress;
  to: CellAddress;
}

/** `B2:D5` or `B2` (whole rows and columns are not ranges of cells here). */
export function parseRange(ref: string): RangeAddress {
  const [a, b] = ref.split(':');
  const from = parseCell(a!);
  const to = b === undefined ? from : parseCell(b);
  return {
    from: { col: Math.min(from.col, to.col), row: Math.min(from.row, to.row) },
    to: { col: Math.max(from.col, to.col), row: Math.max(from.row, to.row) },
  };
}

export function rangeRef(range: RangeAddress): string {
  const a = cellRef(range.from.col, range.from.row);
  const b = cellRef(range.to.col, range.to.row);
  return a === b ? a : `${a}:${b}`;
}

/** Every cell of `A1:B3` or of a single `A1`. */
export function cellsOf(ref: string): string[] {
  const { from, to } = parseRange(ref);
  const out: string[] = [];
  for (let row = from.row; row <= to.row; row++) for (let col = from.col; col <= to.col; col++) out.push(cellRef(col, row));
  return out;
}

/** A space-separated list of ranges, in one order whatever the writer's. */
export function normalizeSqref(sqref: string): string {
  return sqref.split(/\s+/).filter(Boolean).sort(compareRefs).join(' ');
}

/** Row-major order of cell references, for lists that should read top to bottom. */
export function compareRefs(a: string, b: string): number {
  const pa = /^\$?([A-Za-z]+)\$?(\d+)/.exec(a);
  const pb = /^\$?([A-Za-z]+)\$?(\d+)/.exec(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  return Number(pa[2]) - Number(pb[2]) || columnNumber(pa[1]!) - columnNumber(pb[1]!) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * A string literal, a bracketed part (structured references, external workbook indexes), or a
 * reference with its optional sheet: a cell or cell range, whole columns (`A:C`), whole rows (`2:5`).
 */
const TOKEN =
  /("(?:[^"]|"")*")|(\[(?:[^[\]]|\[[^[\]]*\])*\])|(?<![\w.$\]])((?:'(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!)?(?:(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})|(\$?)(\d+):(\$?)(\d+))(?![\w(![])/g;

/** A shared formula as it reads in a cell `dRow` rows and `dCol` columns from its master. */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  const col = (abs: string, letters: string) => {
    if (abs) return `$${letters}`;
    const n = columnNumber(letters) + dCol;
    return n < 1 ? undefined : columnLetters(n);
  };
  const row = (abs: string, digits: string) => {
    if (abs) return `$${digits}`;
    const n = Number(digits) + dRow;
    return n < 1 ? undefined : String(n);
  };
  return formula.replace(TOKEN, (match, literal?: string, bracket?: string, prefix?: string, ...g: (string | undefined)[]) => {
    if (literal !== undefined || bracket !== undefined) return match;
    const p = prefix ?? '';
    const [c1$, c1, r1$, r1, c2$, c2, r2$, r2, wc1$, wc1, wc2$, wc2, wr1$, wr1, wr2$, wr2] = g as string[];
    let parts: (string | undefined)[];
    if (c1 !== undefined) {
      parts = [col(c1$!, c1), row(r1$!, r1!)];
      if (c2 !== undefined) parts.push(':', col(c2$!, c2), row(r2$!, r2!));
    } else if (wc1 !== undefined) {
      parts = [col(wc1$!, wc1), ':', col(wc2$!, wc2!)];
    } else {
      parts = [row(wr1$!, wr1!), ':', row(wr2$!, wr2!)];
    }
    return parts.some((x) => x === undefined) ? '#REF!' : p + parts.join('');
  });
}
