/**
 * What a formula refers to, as far as telling whether its cached result may be stale: cell and
 * range references (with or without a sheet, whole columns and rows), defined names, tables of
 * structured references, and functions whose references are computed (INDIRECT, OFFSET). Also
 * the translation of a shared formula to one of its cells (ECMA-376 Part 1 §18.3.1.40: relative
 * references move with the cell). Formulas are stored without their `=`.
 */

import type { CellRange } from '../../core/workbook.js';
import { columnIndex, letters } from './sheet/cell-ref.js';

export interface FormulaRef {
  /** Undefined for the formula's own sheet; lower-case otherwise. */
  sheet?: string;
  range: CellRange;
}

export interface FormulaDeps {
  refs: FormulaRef[];
  /** Defined names and table names used, lower-case. */
  names: string[];
  /** References computed at run time (INDIRECT, OFFSET), a structured reference without a table, or a 3-D or external reference. */
  dynamic: boolean;
}

const MAX_ROW = 1_048_575;
const MAX_COLUMN = 16_383;

/**
 * One token at a time: a string literal; an optional sheet prefix (quoted, plain, 3-D
 * `Jan:Dec!`, external `[1]Sheet!`) followed by a cell/range, a column range or a row range; an
 * error literal; a function name; a name (possibly a table with `[…]`); anything else.
 */
const TOKEN =
  /("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|\[[^\]]*\][^!'"\s(),]*|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)?)!)?(?:(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(!])|(\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})(?![\w(!\d])|(\$?\d+:\$?\d+)(?![\w(!]))|(#[A-Z0-9/]+[!?]?)|([A-Za-z_\\\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)(\s*\(|\[)?|(\[)|([\s\S])/gy;

const COMPUTED = new Set(['INDIRECT', 'OFFSET', '_XLFN.LET', 'LET']);

export function dependencies(formula: string): FormulaDeps {
  const refs: FormulaRef[] = [];
  const names: string[] = [];
  let dynamic = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(formula); m; m = TOKEN.exec(formula)) {
    if (m[1] !== undefined) continue;
    const cell = m[3];
    const cols = m[4];
    const rows = m[5];
    if (cell || cols || rows) {
      const prefix = m[2];
      let sheet: string | undefined;
      if (prefix) {
        const name = prefix.slice(0, -1);
        if (name.startsWith('[') || (!name.startsWith("'") && name.includes(':')) || (name.startsWith("'") && /^'[^']*(?:''[^']*)*:/.test(name) && !name.includes("''"))) {
          dynamic = true;
          continue;
        }
        sheet = unquote(name).toLowerCase();
      }
      const range = cell ? cellRange(cell) : cols ? columnRange(cols) : rowRange(rows!);
      refs.push({ ...(sheet !== undefined ? { sheet } : {}), range });
      continue;
    }
    if (m[6] !== undefined) continue;
    const word = m[7];
    if (word !== undefined) {
      const after = m[8];
      if (after && after.trim() === '(') {
        if (COMPUTED.has(word.toUpperCase())) dynamic = true;
        continue;
      }
      if (/^(TRUE|FALSE)$/i.test(word)) continue;
      names.push(word.toLowerCase());
      if (after === '[') skipBrackets(formula);
      continue;
    }
    if (m[9] !== undefined) {
      // `[@Amount]` inside a table: a structured reference to the formula's own table.
      dynamic = true;
      skipBrackets(formula, 1);
    }
  }
  return { refs, names, dynamic };
}

/** Moves TOKEN past a structured reference's brackets (nested one level, as `Table1[[#This Row],[Amount]]`). */
function skipBrackets(formula: string, depth = 1): void {
  let d = depth;
  let i = TOKEN.lastIndex;
  while (i < formula.length && d > 0) {
    const c = formula[i]!;
    if (c === "'") i++; // escape inside structured references
    else if (c === '[') d++;
    else if (c === ']') d--;
    i++;
  }
  TOKEN.lastIndex = i;
}

function unquote(name: string): string {
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function cellRange(text: string): CellRange {
  const [a, b = a] = text.replace(/\$/g, '').split(':') as [string, string?];
  const p = (s: string) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(s)!;
    return { row: Number(m[2]) - 1, column: columnIndex(m[1]!) };
  };
  const x = p(a);
  const y = p(b!);
  return { top: Math.min(x.row, y.row), bottom: Math.max(x.row, y.row), left: Math.min(x.column, y.column), right: Math.max(x.column, y.column) };
}

function columnRange(text: string): CellRange {
  const [a, b] = text.replace(/\$/g, '').split(':') as [string, string];
  const x = columnIndex(a);
  const y = columnIndex(b);
  return { top: 0, bottom: MAX_ROW, left: Math.min(x, y), right: Math.max(x, y) };
}

function rowRange(text: string): CellRange {
  const [a, b] = text.replace(/\$/g, '').split(':').map(Number) as [number, number];
  return { top: Math.min(a, b) - 1, bottom: Math.max(a, b) - 1, left: 0, right: MAX_COLUMN };
}

/**
 * A shared formula's text for a cell `dRow` rows and `dColumn` columns from the group's first
 * cell: relative parts of references move, absolute (`$`) parts stay (§18.3.1.40).
 */
export function translate(formula: string, dRow: number, dColumn: number): string {
  if (dRow === 0 && dColumn === 0) return formula;
  TOKEN.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = TOKEN.exec(formula); m; m = TOKEN.exec(formula)) {
    const text = m[3] ?? m[4] ?? m[5];
    if (text === undefined) {
      if (m[8] === '[' || m[9] !== undefined) skipBrackets(formula);
      continue;
    }
    const start = m.index + (m[2]?.length ?? 0);
    const moved = text
      .split(':')
      .map((part) => movePart(part, dRow, dColumn))
      .join(':');
    out += formula.slice(last, start) + moved;
    last = start + text.length;
  }
  return out + formula.slice(last);
}

function movePart(part: string, dRow: number, dColumn: number): string {
  const m = /^(\$?)([A-Za-z]{0,3})(\$?)(\d*)$/.exec(part);
  if (!m) return part;
  let col = m[2]!;
  let row = m[4]!;
  if (col && !m[1]) col = letters(Math.max(0, columnIndex(col) + dColumn));
  if (row && !m[3]) row = String(Math.max(1, Number(row) + dRow));
  return `${m[1]}${col}${m[3]}${row}`;
}
