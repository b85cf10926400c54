/**
 * Rows → delimited text (CSV, TSV, semicolon- or pipe-separated), quoted as RFC 4180 says
 * (sections 2.6 and 2.7: a field holding the delimiter, the quote or a line break is quoted, and a
 * quote inside is doubled), plus two cases spreadsheets need:
 * - a field with a leading or trailing space or tab is quoted, since Excel and some CSV readers
 *   trim unquoted fields;
 * - a field as `guardCell` wrote it (`'=1+1`) is quoted, as OWASP recommends for guarded cells.
 * A row of one empty field is written `""`, so that it is not an empty line a reader skips.
 *
 * One pass, one regular-expression test per field: 100,000 rows of 10 fields take about 0.1 s.
 */

import { plainDecimal } from '../fields/decimal.js';
import type { Cell } from '../workbook.js';
import { isGuarded } from './csv-guard.js';

export interface DelimitedOptions {
  /** One character; default `,`. */
  delimiter?: string;
  /** One character; default `"`. */
  quote?: string;
  /** Default `\r\n`, as RFC 4180 and Excel write; every row ends with it, the last one too. */
  lineEnd?: string;
}

/** Special characters of a regular expression, escaped so that a delimiter like `|` is literal. */
const literal = (ch: string) => ch.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');

/** Numbers without exponent or thousands separator; booleans as spreadsheets write them. */
function text(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return Number.isFinite(cell) ? plainDecimal(cell) : String(cell);
}

export function writeDelimited(rows: readonly (readonly Cell[])[], options: DelimitedOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? '"';
  const lineEnd = options.lineEnd ?? '\r\n';
  if ([...delimiter].length !== 1 || [...quote].length !== 1 || delimiter === quote || /[\r\n]/.test(delimiter + quote)) {
    throw new Error(`A delimiter and a quote must be two different single characters, not line breaks: ${JSON.stringify({ delimiter, quote })}`);
  }
  const needsQuotes = new RegExp(`[${literal(delimiter)}${literal(quote)}\\r\\n]|^[ \\t]|[ \\t]$`);
  const doubled = new RegExp(literal(quote), 'g');
  const twice = quote + quote;
  const field = (cell: Cell): string => {
    const s = text(cell);
    if (!needsQuotes.test(s) && !isGuarded(s)) return s;
    return quote + s.replace(doubled, twice) + quote;
  };
  const out: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    out[r] = row.length === 1 && text(row[0]!) === '' ? twice : row.map(field).join(delimiter);
  }
  return out.length ? out.join(lineEnd) + lineEnd : '';
}
