/**
 * Formulas for the fake Google Sheets and the fake Excel: the little a spreadsheet does with one
 * that Carnet relies on, written independently of the adapters (which never evaluate anything).
 *
 * - `evaluate`: numbers, strings, booleans, A1 references and ranges (optionally `Sheet!` or
 *   `'My sheet'!`), `+ - * / ^ &`, comparisons (`= <> < > <= >=`), parentheses, and the functions
 *   ROUND, SUM, MIN, MAX, N, IF, LEN (a team's `=IF(B2="","",LEN(B2))` column). An
 *   empty cell counts as 0, text in arithmetic is #VALUE!, an unknown function #NAME?, a reference
 *   to a missing sheet #REF!; what does not parse gives `parseError` (each host has its own).
 * - `moveRows`: the rewrite every spreadsheet makes when rows are inserted or deleted — references
 *   follow their row, a reference to a deleted row becomes #REF!, a range shrinks or grows.
 * - `renameSheetIn`: references naming a renamed sheet follow it.
 *
 * Enough for the formulas Carnet writes (`=ROUND(B7*C7*(1-D7),2)`) and for tests to see a wrong
 * reference as a wrong value; nothing like a full engine.
 */

export type Scalar = string | number | boolean;

/** Raised inside evaluation; its code (`#VALUE!`…) is the cell's value. */
class CellError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Reads a cell: `sheet` is undefined for the formula's own sheet; `undefined` result = no such sheet. */
export type Lookup = (sheet: string | undefined, row: number, column: number) => Scalar | undefined;

type Value = Scalar | { range: Scalar[] };

const TOKEN =
  /\s*(?:("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(])|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(TRUE|FALSE)(?![\w(])|([A-Za-z_][\w.]*)\s*\(|([-+*/^&(),:<>=]))/y;

interface Token {
  kind: 'string' | 'ref' | 'number' | 'bool' | 'func' | 'op';
  text: string;
  sheet?: string;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < src.length) {
    if (/^\s*$/.test(src.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(src);
    if (!m) throw new SyntaxError(`cannot read ${src.slice(at)}`);
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'string', text: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[3] !== undefined) out.push({ kind: 'ref', text: m[3].replace(/\$/g, '').toUpperCase(), ...(m[2] ? { sheet: unquote(m[2].slice(0, -1)) } : {}) });
    else if (m[4] !== undefined) out.push({ kind: 'number', text: m[4] });
    else if (m[5] !== undefined) out.push({ kind: 'bool', text: m[5] });
    else if (m[6] !== undefined) out.push({ kind: 'func', text: m[6].toUpperCase() });
    else out.push({ kind: 'op', text: m[7]! });
  }
  return out;
}

function unquote(name: string): string {
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function cellOf(a1: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

function toNumber(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  if (v.startsWith('#')) throw new CellError(v);
  const n = Number(v);
  if (v.trim() === '' || Number.isNaN(n)) throw new CellError('#VALUE!');
  return n;
}

function scalar(v: Value): Scalar {
  if (typeof v === 'object') {
    if (v.range.length !== 1) throw new CellError('#VALUE!');
    return v.range[0]!;
  }
  return v;
}

/** Half away from zero, on the decimal text (as spreadsheets round 2.675 to 2.68). */
function round(x: number, digits: number): number {
  const d = Math.trunc(digits);
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  // Shifting the decimal point in the text avoids 2.675 * 100 = 267.49999…; tiny or huge
  // numbers (already in exponent form) are shifted arithmetically.
  const r = /e/i.test(String(abs)) ? Math.round(abs * 10 ** d) / 10 ** d : Number(`${Math.round(Number(`${abs}e${d}`))}e${-d}`);
  return sign * r === 0 ? 0 : sign * r;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly lookup: Lookup,
  ) {}

  parse(): Scalar {
    const v = this.comparison();
    if (this.i < this.tokens.length) throw new SyntaxError(`unexpected ${this.tokens[this.i]!.text}`);
    return scalar(v);
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.peek(text)) throw new SyntaxError(`expected ${text}`);
    this.i++;
  }

  /** Lowest precedence, as in every spreadsheet: `A1&"x"="ax"` compares the joined text. */
  private comparison(): Value {
    let left = this.concat();
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || t.kind !== 'op' || !['=', '<', '>'].includes(t.text)) return left;
      this.i++;
      let op = t.text;
      const next = this.tokens[this.i];
      if (next?.kind === 'op' && ((op === '<' && (next.text === '>' || next.text === '=')) || (op === '>' && next.text === '='))) {
        op += next.text;
        this.i++;
      }
      const a = scalar(left);
      const b = scalar(this.concat());
      const cmp = compare(a, b);
      left = op === '=' ? cmp === 0 : op === '<>' ? cmp !== 0 : op === '<' ? cmp < 0 : op === '>' ? cmp > 0 : op === '<=' ? cmp <= 0 : cmp >= 0;
    }
  }

  private concat(): Value {
    let left = this.additive();
    while (this.peek('&')) {
      this.i++;
      const right = this.additive();
      const text = (v: Value) => {
        const s = scalar(v);
        if (typeof s === 'string' && s.startsWith('#')) throw new CellError(s);
        return typeof s === 'boolean' ? (s ? 'TRUE' : 'FALSE') : String(s);
      };
      left = text(left) + text(right);
    }
    return left;
  }

  private additive(): Value {
    let left = this.term();
    while (this.peek('+') || this.peek('-')) {
      const op = this.tokens[this.i++]!.text;
      const right = this.term();
      const a = toNumber(scalar(left));
      const b = toNumber(scalar(right));
      left = op === '+' ? a + b : a - b;
    }
    return left;
  }

  private term(): Value {
    let left = this.unary();
    while (this.peek('*') || this.peek('/')) {
      const op = this.tokens[this.i++]!.text;
      const right = this.unary();
      const a = toNumber(scalar(left));
      const b = toNumber(scalar(right));
      if (op === '/' && b === 0) throw new CellError('#DIV/0!');
      left = op === '*' ? a * b : a / b;
    }
    return left;
  }

  private unary(): Value {
    if (this.peek('-')) {
      this.i++;
      return -toNumber(scalar(this.unary()));
    }
    if (this.peek('+')) {
      this.i++;
      return this.unary();
    }
    return this.power();
  }

  private power(): Value {
    const base = this.primary();
    if (!this.peek('^')) return base;
    this.i++;
    return toNumber(scalar(base)) ** toNumber(scalar(this.unary()));
  }

  private primary(): Value {
    const t = this.tokens[this.i++];
    if (!t) throw new SyntaxError('unexpected end');
    switch (t.kind) {
      case 'number':
        return Number(t.text);
      case 'string':
        return t.text;
      case 'bool':
        return t.text === 'TRUE';
      case 'ref':
        return this.reference(t);
      case 'func':
        return this.call(t.text);
      case 'op':
        if (t.text === '(') {
          const v = this.comparison();
          this.expect(')');
          return v;
        }
    }
    throw new SyntaxError(`unexpected ${t.text}`);
  }

  private reference(t: Token): Value {
    const [from, to = from] = t.text.split(':') as [string, string?];
    const a = cellOf(from);
    const b = cellOf(to);
    const out: Scalar[] = [];
    for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
      for (let c = Math.min(a.column, b.column); c <= Math.max(a.column, b.column); c++) {
        const v = this.lookup(t.sheet, r, c);
        if (v === undefined) throw new CellError('#REF!');
        out.push(v);
      }
    }
    return from === to ? out[0]! : { range: out };
  }

  private call(name: string): Value {
    const args: Value[] = [];
    if (!this.peek(')')) {
      args.push(this.comparison());
      while (this.peek(',')) {
        this.i++;
        args.push(this.comparison());
      }
    }
    this.expect(')');
    const numbers = () => args.flatMap((a) => (typeof a === 'object' ? a.range.filter((v) => typeof v === 'number') : [toNumber(a)])) as number[];
    switch (name) {
      case 'ROUND':
        if (args.length !== 2) throw new CellError('#N/A');
        return round(toNumber(scalar(args[0]!)), toNumber(scalar(args[1]!)));
      case 'SUM':
        return numbers().reduce((s, n) => s + n, 0);
      case 'MIN':
        return numbers().length ? Math.min(...numbers()) : 0;
      case 'MAX':
        return numbers().length ? Math.max(...numbers()) : 0;
      case 'IF': {
        if (args.length < 2 || args.length > 3) throw new CellError('#N/A');
        const test = scalar(args[0]!);
        const truthy = typeof test === 'boolean' ? test : toNumber(test) !== 0;
        return truthy ? args[1]! : (args[2] ?? false);
      }
      case 'LEN': {
        const v = scalar(args[0] ?? '');
        if (typeof v === 'string' && v.startsWith('#')) throw new CellError(v);
        return (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v)).length;
      }
      case 'N': {
        const v = scalar(args[0] ?? 0);
        return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : 0;
      }
      default:
        throw new CellError('#NAME?');
    }
  }
}

/** Spreadsheet ordering: numbers before text before booleans; text ignoring case. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  // An empty cell equals both 0 and "" (Excel and Sheets agree).
  if (a === '' && typeof b === 'number') a = 0;
  if (b === '' && typeof a === 'number') b = 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') return a.toLowerCase().localeCompare(String(b).toLowerCase());
  return Number(a) - Number(b);
}

/**
 * The value of `formula` (with its `=`), reading cells through `lookup`. A formula that does not
 * parse is worth `parseError`; a formula made only of a reference to an empty cell is 0, while
 * one that gives the text "" (`=IF(B2="","",…)`) is an empty-looking cell.
 */
export function evaluate(formula: string, lookup: Lookup, parseError: string): Scalar {
  let tokens: Token[];
  try {
    tokens = tokenize(formula.replace(/^=/, ''));
  } catch {
    return parseError;
  }
  try {
    const v = new Parser(tokens, lookup).parse();
    if (typeof v === 'number' && !Number.isFinite(v)) return '#NUM!';
    const onlyReference = tokens.length === 1 && tokens[0]!.kind === 'ref';
    return v === '' && onlyReference ? 0 : v;
  } catch (e) {
    if (e instanceof CellError) return e.code;
    return parseError;
  }
}

// Row moves and sheet renames rewrite references exactly as the .xlsx host does: one implementation.
export { deletion, insertion, moveRows, renameSheetIn } from '../../core/formula-references.js';
