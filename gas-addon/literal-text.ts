/**
 * Writing text so that Google Sheets keeps it as text.
 *
 * `Range.setValues` reads a string the way Sheets reads what a person types ("user entered"):
 * `=…` becomes a formula, `+33 6 12…` a formula error, `0042` the number 42, `2026-11-27` a date,
 * `TRUE` a boolean, `#N/A` an error. A leading apostrophe stops that: Sheets stores the rest as text
 * and shows no apostrophe (the Sheets API documents that a typed `'123` is the string "123").
 *
 * Plain-text cells (number format `@`, which Carnet gives every text-like column) are not parsed at
 * all: "plain text" makes Sheets keep a value as typed (widely reported, e.g.
 * https://github.com/vlucas/sheetquery/issues/20: `@` "sets cell format to string and thus putting
 * string values unchanged"; https://github.com/getodk/collect/issues/3703: "The apostrophe is not
 * needed if we send data to a sheet [where] Plain Text is used"). What an apostrophe does there is
 * documented nowhere (the fake keeps it as a character), so the prefix is added only where the cell
 * is not plain text. That is why writes read the target cells' number formats first (cell-writing.ts).
 *
 * The rule below prefixes more than strictly needed (any digit, leading/trailing space): what
 * Sheets parses depends on the spreadsheet's locale, and a needless apostrophe costs nothing. Text
 * it lets through bare into a cell that is not plain text is the one case no documentation settles
 * (a boolean word of a locale it does not list, say): cell-writing.ts reads such cells back in the
 * same batch and writes what Sheets changed again behind an apostrophe.
 *
 * Every `string` cell goes through here. The only values that do not are core's own `Formula`s,
 * a distinct type that cell-writing.ts sends as formula text.
 */

import { CarnetError } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import type { Cell } from '../core/workbook.js';

/** Sheets' number format for plain text. */
export const PLAIN_TEXT = '@';

/** Boolean words of the locales Carnet speaks and their neighbours (Sheets parses them in that locale). */
const BOOLEAN_WORDS = /^(true|false|vrai|faux|истина|ложь|wahr|falsch|verdadero|falso|vero|waar|onwaar)$/i;

/** True when Sheets could read the string as something other than the same text. */
export function needsQuotePrefix(text: string): boolean {
  return (
    // formula, sign, mention/smart chip, error literal, the quote itself, control characters
    /^[=+\-@#'\t\r\n]/.test(text) ||
    // numbers, dates, times, percentages, currencies, phone numbers: all contain a digit
    /\d/.test(text) ||
    /^\s|\s$/.test(text) ||
    BOOLEAN_WORDS.test(text.trim())
  );
}

/** The value to hand `setValues` for a port cell going into a plain-text cell (`plainText`) or another. */
export function toSheetValue(value: Cell, plainText: boolean, where: () => string): string | number | boolean {
  if (value === null || value === '') return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CarnetError({ code: 'E_INVALID_VALUE', value: String(value), cell: where(), message: say('A spreadsheet cannot hold {value} ({cell}).', { value, cell: where() }) });
    }
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (plainText) return value;
  return needsQuotePrefix(value) ? `'${value}` : value;
}
