/**
 * Reading an import's source as a table: delimited text (a CSV, TSV or TXT file's decoded
 * content, or text pasted from a spreadsheet, a web page or Word) or the rows of a sheet. The
 * dialect and the header are detected on a sample (each can be forced), the text is parsed by
 * papaparse in one pass, and what cannot be a table is refused with one E_SOURCE error that says
 * what is wrong and where, before anything is planned: binary or wrongly decoded text, nothing
 * to read, a delimiter that went missing, rows wider than the header, an unclosed quote, a source
 * past the size limits. Row numbers are the file's record numbers (the header is row 1), as a
 * spreadsheet opening the file shows them.
 */

import Papa from 'papaparse';
import { fail } from '../errors.js';
import { grouped, say } from '../messages/say.js';
import { checkParseOptions, delimiterName, detectDialect, NO_DELIMITER, refuseQuotes } from './dialect.js';
import { MAX_SOURCE_CHARS, MAX_SOURCE_ROWS, type ImportSource, type ParseOptions, type RowsSource, type SourceTable, type TextSource } from './source-types.js';
import { shapeTable, usedLength } from './table-shape.js';
import { refuseNonText } from './text-checks.js';

/** How many rows a "too wide" message lists. */
const LISTED_ROWS = 10;

const count = (n: number) => grouped(n);

export function readSource(source: ImportSource, options: ParseOptions = {}): SourceTable {
  return source.kind === 'text' ? readText(source, options) : readRows(source, options);
}

function readText(source: TextSource, options: ParseOptions): SourceTable {
  const what = source.name ?? say('The pasted text');
  checkParseOptions(options);
  if (source.text.length > MAX_SOURCE_CHARS) {
    fail({ code: 'E_SOURCE', message: say('{what} holds {count} characters; an import reads at most {most} (100 MB). Split it into smaller files.', { what, count: count(source.text.length), most: count(MAX_SOURCE_CHARS) }) });
  }
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  if (text.length === 0) fail({ code: 'E_SOURCE', message: say('{what} is empty: there is nothing to import.', { what }) });
  if (!/\S/.test(text)) fail({ code: 'E_SOURCE', message: say('{what} holds only blank lines: there is nothing to import.', { what }) });
  refuseNonText(text, what, source.encoding);
  const dialect = detectDialect(text, options, what);
  const delimiter = dialect.delimiter ?? NO_DELIMITER;
  // No skipEmptyLines: a blank line is a row a spreadsheet shows too, so it stays, as a row of
  // empty cells, and the rows after it keep their numbers. Blank rows at the end (a trailing
  // line break, a pasted selection's last line) are dropped by shapeTable.
  // preview: one row past the limit is enough to refuse, without parsing the rest.
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: dialect.quote, preview: MAX_SOURCE_ROWS + 2 });
  const problem = parsed.errors[0];
  if (problem) refuseQuotes(problem, what, dialect.quote);
  const records = parsed.data;
  refuseWideRows(records, what, dialect.delimiter);
  const shaped = shapeTable(records, options.header, '');
  if (!shaped) return fail({ code: 'E_SOURCE', message: say('{what} holds only blank lines: there is nothing to import.', { what }) });
  refuseTooManyRows(shaped.rows.length, what);
  return {
    ...shaped,
    ...(dialect.delimiter !== undefined ? { delimiter: dialect.delimiter } : {}),
    quote: dialect.quote,
    detected: { delimiter: dialect.detected.delimiter, quote: dialect.detected.quote, header: options.header === undefined },
  };
}

function readRows(source: RowsSource, options: ParseOptions): SourceTable {
  const what = source.sheet ? (source.name ? say('Sheet "{sheet}" of {file}', { sheet: source.sheet, file: source.name }) : say('Sheet "{sheet}"', { sheet: source.sheet })) : (source.name ?? say('The sheet'));
  const shaped = shapeTable(source.rows, options.header, null);
  if (!shaped) return fail({ code: 'E_SOURCE', ...(source.sheet ? { sheet: source.sheet } : {}), message: say('{what} is empty: there is nothing to import.', { what }) });
  refuseTooManyRows(shaped.rows.length, what);
  return { ...shaped, detected: { header: options.header === undefined } };
}

function refuseTooManyRows(rows: number, what: string): void {
  if (rows > MAX_SOURCE_ROWS) {
    fail({ code: 'E_SOURCE', message: say('{what} holds more than {most} rows, the most an import reads. Split it into smaller files.', { what, most: count(MAX_SOURCE_ROWS) }) });
  }
}

/**
 * A row with more fields than the first row has values past the header's columns: a value
 * holding the delimiter without quotes, most often. Rows with fewer fields are padded instead:
 * spreadsheets drop a row's trailing empty cells when they save it, and so do people typing a
 * CSV. Trailing empty fields do not count (an export's `a;b;c;` is three values).
 */
function refuseWideRows(records: string[][], what: string, delimiter: string | undefined): void {
  let head = 0;
  while (head < records.length && usedLength(records[head]!) === 0) head++;
  if (head >= records.length) return;
  const width = records[head]!.length;
  const wide: { row: number; fields: number }[] = [];
  let total = 0;
  for (let r = head + 1; r < records.length; r++) {
    const row = records[r]!;
    if (row.length <= width) continue;
    const used = usedLength(row);
    if (used <= width) continue;
    total++;
    if (wide.length < LISTED_ROWS) wide.push({ row: r + 1, fields: used });
  }
  if (total === 0) return;
  const listed = wide.map((w) => say('{row} ({count} fields)', { row: w.row, count: w.fields })).join(', ');
  const rows = total > wide.length ? say('{rows} and {count} more', { rows: listed, count: count(total - wide.length) }) : listed;
  const hint = delimiter !== undefined ? say("a value that holds a {delimiter} needs quotes, or the file's delimiter is not a {delimiter}", { delimiter: delimiterName(delimiter) }) : say('choose the delimiter');
  const params = { what, rows, width, hint };
  fail({
    code: 'E_SOURCE',
    row: wide[0]!.row,
    message:
      total === 1
        ? say('{what}: row {rows} has more fields than the first row, which has {width}: {hint}.', params)
        : say('{what}: rows {rows} have more fields than the first row, which has {width}: {hint}.', params),
  });
}
