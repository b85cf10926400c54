/**
 * Core's number formats (Excel's syntax, core/fields/number-format.ts) as Sheets takes them.
 *
 * `Range.setNumberFormat` takes the patterns "described in the Sheets API documentation"
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setnumberformatnumberformat):
 * tokens such as `0`, `#`, `.`, `,`, `%`, `@`, `yyyy`, `mm` (https://developers.google.com/sheets/api/guides/formats).
 * Every format core uses is such a pattern but one: Excel's `General`, which names no pattern.
 * Sheets' "Automatic" is not documented as any pattern either: the Sheets API describes it as no
 * format at all ("The number format is not specified and is based on the contents of the cell. Do
 * not explicitly use this.", NumberFormatType NUMBER_FORMAT_TYPE_UNSPECIFIED,
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#numberformattype),
 * which Apps Script has no call to set; `setNumberFormat('General')` works in scripts people share,
 * but "it is undocumented" (https://github.com/vlucas/sheetquery/issues/20).
 *
 * So `General` is written as no format: a cell never formatted is automatic already (a report's
 * sheet, emptied by `Sheet.clear()`, is too). A cell that must stop being plain text (`@`) — one
 * where Carnet writes its formula (a formula typed into plain text stays text), or one a former
 * layout left plain text when a text field became a number — gets `0.###############` instead:
 * documented tokens only, and the very string `Range.getNumberFormat()` reports for a cell never
 * formatted (https://github.com/brucemcpherson/gas-fakes/issues/27). How Sheets draws a whole
 * number under it (with a trailing decimal point or not) could not be checked without Google.
 */

/** Whether core's format means "no particular format" (Excel's `General`). */
export function isAutomatic(numberFormat: string): boolean {
  return /^\s*general\s*$/i.test(numberFormat);
}

/** What a plain-text cell that core wants automatic is given instead: documented tokens only. */
export const NUMBER_AS_AUTOMATIC = '0.###############';
