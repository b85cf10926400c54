/**
 * A delimited text's dialect: which character separates its fields and which one quotes them,
 * read from its first records (a sample, so that a 100 MB file costs what its first 64 KiB do).
 * A Russian or French Excel writes `;` (the comma is their decimal separator), others `,`; text
 * pasted from a spreadsheet, a web page or Word is tab-separated; some exports use `|`.
 */

import Papa from 'papaparse';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { ParseOptions } from './source-types.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export const QUOTES = ['"', "'"] as const;

/** When two delimiters split the sample equally well: a tab is never typed by accident, `;` is Excel's in much of Europe. */
const PREFERENCE = ['\t', ';', ',', '|'];
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 50;
/**
 * The delimiter handed to the parser for a one-column table: NUL, which text that passed the
 * binary check does not hold, so no row is split while quotes and line ends are still read.
 */
export const NO_DELIMITER = '\u0000';

export interface Dialect {
  /** undefined: one column, no delimiter found (or needed). */
  delimiter: string | undefined;
  quote: string;
  detected: { delimiter: boolean; quote: boolean };
}

export const delimiterName = (d: string): string => ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' })[d] ?? `"${d}"`;

/** The options checked: a delimiter is one character other than a quote or a line end; the quote is `"` or `'`. */
export function checkParseOptions(options: ParseOptions): void {
  const { delimiter, quote } = options;
  if (quote !== undefined && !(QUOTES as readonly string[]).includes(quote)) {
    fail({ code: 'E_BAD_INPUT', field: 'quote', value: quote, message: say('The quote character must be " or \', not {quote}.', { quote: JSON.stringify(quote) }) });
  }
  if (delimiter !== undefined && (delimiter.length !== 1 || /[\r\n"']/.test(delimiter))) {
    fail({ code: 'E_BAD_INPUT', field: 'delimiter', value: delimiter, message: say('The delimiter must be one character other than a quote or a line end ({delimiters}…), not {delimiter}.', { delimiters: DELIMITERS.map(delimiterName).join(', '), delimiter: JSON.stringify(delimiter) }) });
  }
}

/**
 * The dialect of `text`, each part given or detected. The quote is `'` only when the sample
 * quotes fields with `'` and never with `"`. The delimiter is the one that splits the sample's
 * records most consistently (the same number of fields, more than one); a delimiter must split
 * at least two records (the only one of a one-record text). When none does, the table has one
 * column, which is accepted when its first row names one column (holds none of `,` `;` tab `|`):
 * a list of company names under "Company". A first row that holds one, with rows below that
 * do not, is refused: that is a table whose delimiter went missing, not a list.
 */
export function detectDialect(text: string, options: ParseOptions, what: string): Dialect {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const whole = sample.length === text.length;
  const quote = options.quote ?? detectQuote(sample);
  const detected = { delimiter: options.delimiter === undefined, quote: options.quote === undefined };
  if (options.delimiter !== undefined) return { delimiter: options.delimiter, quote, detected };
  let best: { delimiter: string; consistency: number; fields: number } | undefined;
  const inFirstRow: string[] = [];
  for (const d of PREFERENCE) {
    const counts = fieldCounts(sample, d, quote, whole);
    if ((counts[0] ?? 0) > 1) inFirstRow.push(d);
    const split = counts.filter((c) => c > 1);
    if (counts.length === 0 || split.length < Math.min(2, counts.length)) continue;
    const fields = mode(split);
    const consistency = counts.filter((c) => c === fields).length / counts.length;
    if (!best || consistency > best.consistency || (consistency === best.consistency && fields > best.fields)) best = { delimiter: d, consistency, fields };
  }
  if (best) return { delimiter: best.delimiter, quote, detected };
  if (inFirstRow.length > 0) {
    // A quote opened and never closed swallows every row after the first into one field: say so.
    const quoted = Papa.parse<string[]>(sample, { delimiter: inFirstRow[0], quoteChar: quote, preview: SAMPLE_RECORDS });
    const problem = quoted.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
    if (problem) refuseQuotes(problem, what, quote);
    fail({
      code: 'E_SOURCE',
      row: 1 + blankLinesAtStart(sample),
      message: say('{what}: no delimiter splits its rows into columns (tried {delimiters}); its first row holds a {delimiter} but the rows below do not. Choose the delimiter, or check that the file is a table.', { what, delimiters: DELIMITERS.map(delimiterName).join(', '), delimiter: delimiterName(inFirstRow[0]!) }),
    });
  }
  return { delimiter: undefined, quote, detected };
}

/** `'` when fields are quoted with it and none with `"` (a quote counts where a field starts and ends). */
function detectQuote(sample: string): string {
  const quoted = (q: string) => {
    const re = new RegExp(`(?:^|[,;\\t|])${q}(?:[^${q}]|${q}${q})*${q}(?=[,;\\t|\\r\\n]|$)`, 'gm');
    return re.test(sample);
  };
  return quoted("'") && !quoted('"') ? "'" : '"';
}

/**
 * The number of fields of each of the first records, read the way the parser reads them: a
 * quote opens a field only at its start, and inside it a doubled quote is a quote. Blank lines
 * are not records here. The last record counts only when the sample is the whole text (else it
 * may be cut).
 */
function fieldCounts(sample: string, delimiter: string, quote: string, whole: boolean): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let atStart = true;
  let blank = true;
  for (let i = 0; i < sample.length && counts.length < SAMPLE_RECORDS; i++) {
    const c = sample[i];
    if (inQuotes) {
      if (c === quote) {
        if (sample[i + 1] === quote) i++;
        else inQuotes = false;
      }
    } else if (c === quote && atStart) {
      inQuotes = true;
      atStart = false;
      blank = false;
    } else if (c === delimiter) {
      fields++;
      atStart = true;
      blank = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && sample[i + 1] === '\n') i++;
      if (!blank) counts.push(fields);
      fields = 1;
      atStart = true;
      blank = true;
    } else {
      atStart = false;
      if (c !== ' ') blank = false;
    }
  }
  if (whole && !blank && counts.length < SAMPLE_RECORDS) counts.push(fields);
  return counts;
}

function blankLinesAtStart(text: string): number {
  const lead = /^(?:[ ]*(?:\r\n|\n|\r))*/.exec(text)![0];
  return lead.match(/\r\n|\n|\r/g)?.length ?? 0;
}

/** The most frequent value; the larger one among equally frequent. */
function mode(values: number[]): number {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  let best = values[0]!;
  for (const [v, n] of tally) if (n > tally.get(best)! || (n === tally.get(best)! && v > best)) best = v;
  return best;
}

/**
 * papaparse reports a quote that opens a field and is never closed (MissingQuotes, at the record
 * where it opens: the rest of the file went into that one field) and text after a closing quote
 * (InvalidQuotes). Either leaves the table wrong from that row on, so either refuses it.
 */
export function refuseQuotes(problem: Papa.ParseError, what: string, quote: string): never {
  const row = (problem.row ?? 0) + 1;
  const q = quote === '"' ? '"' : "'";
  if (problem.code === 'MissingQuotes') {
    fail({ code: 'E_SOURCE', row, message: say('{what}, row {row}: a quote ({quote}) opens a field and is never closed, so the rest of the file would be one cell. Close the quote, or double it ({doubled}) where it is part of the text.', { what, row, quote: q, doubled: q + q }) });
  }
  if (problem.code === 'InvalidQuotes') {
    fail({ code: 'E_SOURCE', row, message: say('{what}, row {row}: text follows the closing quote ({quote}) of a field. A quote inside a quoted field is written twice ({doubled}).', { what, row, quote: q, doubled: q + q }) });
  }
  return fail({ code: 'E_SOURCE', row, message: say('{what}, row {row}: {problem}.', { what, row, problem: problem.message }) });
}

