/**
 * Carnet's own formulas in the syntax of the spreadsheet's locale, and how to tell that Sheets did
 * not take one.
 *
 * Core writes a formula as `=ROUND(B7*C7*(1-D7),2)`: English function names, `,` between arguments,
 * `.` in numbers. Sheets parses what a script writes the way it parses what a person types, in the
 * syntax of the spreadsheet's locale (`Spreadsheet.getSpreadsheetLocale()`):
 * - `Range.setValues`: a value that "begins with `=`" is "interpreted as a formula"
 *   (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues), as the
 *   Sheets API's USER_ENTERED, "parsed as if the user typed them into the UI"
 *   (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption).
 * - `setFormula`, `setFormulas` and `setFormulaR1C1` promise nothing more: their reference says only
 *   that the formula "must be in A1 notation" (or R1C1), nothing of locales or separators
 *   (https://developers.google.com/apps-script/reference/spreadsheet/range#setformulaformula). So
 *   no documented call takes the English syntax in every locale: Carnet keeps its one `setValues`
 *   and writes the formula in the locale's syntax.
 * - Locales that write decimals with a comma (France, Germany, Russia…) separate arguments with `;`,
 *   the others with `,` (https://www.benlcollins.com/spreadsheets/sheets-location/; the list of
 *   Sheets' 72 locales and their separators: https://stackoverflow.com/questions/73767719). Sheets
 *   also takes `;` in a comma locale, turning it into `,`, while a `,` is never read as `;` in a
 *   semicolon locale (same answer; https://github.com/mricon/ingress-fieldplan/issues/5: "Google now
 *   accepts semicolons in all locales"), which is why `;` is the choice for a locale Carnet cannot
 *   place. A formula written with `,` into a `;` locale fails with "Formula parse error"
 *   (https://github.com/googleapis/google-api-nodejs-client/issues/1994, the same for the Sheets API).
 *
 * Whatever the guess, the adapter reads the cell back in the same batch (cell-writing.ts): a formula
 * that shows `#ERROR!` (parse error) or `#NAME?` (a function the locale does not know), or that came
 * back as its own text (a plain-text cell keeps it as text), is replaced by the value core computed.
 */

/** What separates a function's arguments in a formula typed into a spreadsheet of this locale. */
export type ArgumentSeparator = ',' | ';';

/**
 * `,` where the locale writes decimals with a point, `;` where it writes them otherwise (a comma, an
 * Arabic decimal mark) and where the runtime's `Intl` does not know the locale.
 */
export function argumentSeparator(locale: string): ArgumentSeparator {
  try {
    const parts = new Intl.NumberFormat(locale.replace(/_/g, '-')).formatToParts(1.5);
    return parts.find((p) => p.type === 'decimal')?.value === '.' ? ',' : ';';
  } catch {
    return ';';
  }
}

/**
 * Core's formula in the locale's syntax. For `;`: every `,` outside quotes becomes `;` and a `.`
 * between two digits becomes `,`; string literals ("…") and quoted sheet names ('…') are kept as
 * they are. Array literals (`{1,2}`, whose separators differ again) are not translated: core's
 * templates have none, and one would be caught by the read-back.
 */
export function localFormula(formula: string, separator: ArgumentSeparator): string {
  if (separator === ',') return formula;
  let out = '';
  for (let i = 0; i < formula.length; ) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      const end = closingQuote(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (ch === ',') out += ';';
    else if (ch === '.' && isDigit(formula[i - 1]) && isDigit(formula[i + 1])) out += ',';
    else out += ch;
    i++;
  }
  return out;
}

/**
 * True when the cell does not hold a working formula after `sent` was written: Sheets' parse error
 * (`#ERROR!`), an unknown function (`#NAME?`), or the text itself (a plain-text cell keeps it).
 * Other errors (`#VALUE!`, `#DIV/0!`, `#REF!`) are the formula at work on the row's cells: it stays.
 */
export function formulaNotTaken(got: unknown, sent: string): boolean {
  return got === '#ERROR!' || got === '#NAME?' || got === sent;
}

/** The index just past the quote closing the one at `start` (a doubled quote is a quote). */
function closingQuote(text: string, start: number): number {
  const q = text[start]!;
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === q) {
      if (text[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
