/**
 * The spreadsheet's locale in the fake (File → Settings → Locale), for what the adapter depends on:
 * the syntax in which `setValues` and `setValue` parse a formula, and the number formats Sheets takes.
 *
 * Written from public material, independently of the adapter's gas-addon/formula-locale.ts:
 * - Locales that write decimals with a comma separate a formula's arguments with `;`, the others
 *   with `,` (https://www.benlcollins.com/spreadsheets/sheets-location/; Sheets' 72 locales and
 *   their separators: https://stackoverflow.com/questions/73767719). A formula is parsed in that
 *   syntax when typed, and so when a script writes it with `setValues`, which reads a value as a
 *   person's typing (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues;
 *   a `,` formula in a Turkish spreadsheet fails the same way through the Sheets API:
 *   https://github.com/googleapis/google-api-nodejs-client/issues/1994).
 * - A comma locale takes `;` too, turned into `,`; a semicolon locale never reads `,` as a separator
 *   (same answer; https://github.com/mricon/ingress-fieldplan/issues/5). There `,` is the decimal
 *   mark, and the fake reads anything else — `ROUND(x,2)`, a decimal point — as a parse error:
 *   the cell shows `#ERROR!`, as Sheets' "Formula parse error" does.
 * - The formula is kept as typed (what `getFormulas` gives back) and calculated in English syntax.
 */

/** Locales the fake knows, after the list above; any other is refused, so that a test says which. */
const SEPARATORS: Record<string, ',' | ';'> = {
  en_US: ',',
  en_GB: ',',
  en_AU: ',',
  en_CA: ',',
  en_IE: ',',
  en_IN: ',',
  de_CH: ',',
  ja_JP: ',',
  ko_KR: ',',
  zh_CN: ',',
  zh_TW: ',',
  es_MX: ',',
  th_TH: ',',
  fr_FR: ';',
  fr_CA: ';',
  de_DE: ';',
  de_AT: ';',
  ru_RU: ';',
  uk_UA: ';',
  es_ES: ';',
  it_IT: ';',
  pt_BR: ';',
  pt_PT: ';',
  nl_NL: ';',
  pl_PL: ';',
  tr_TR: ';',
  sv_SE: ';',
  da_DK: ';',
  fi_FI: ';',
  cs_CZ: ';',
};

export function checkLocale(locale: string): void {
  if (!(locale in SEPARATORS)) throw new Error(`fake: locale ${locale} is not modelled (test/gas/fake-locale.ts)`);
}

/**
 * The formula as the fake's calculator reads it (English syntax), or undefined when the locale's
 * parser refuses it. Quoted text ("…") and quoted sheet names ('…') are taken as they are.
 */
export function formulaInEnglish(formula: string, locale: string): string | undefined {
  const semicolons = SEPARATORS[locale] === ';';
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i]!;
    if (quote !== undefined) {
      out += ch;
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
      continue;
    }
    if (ch === ';') {
      out += ',';
      continue;
    }
    if (semicolons && (ch === ',' || ch === '.')) {
      const betweenDigits = /\d/.test(formula[i - 1] ?? '') && /\d/.test(formula[i + 1] ?? '');
      // `1,5` is a number there, `1.5` is not; a `.` elsewhere (`NORM.DIST`) is part of a name.
      if (ch === ',' ? !betweenDigits : betweenDigits) return undefined;
      out += '.';
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * Number formats the fake takes: the patterns of the Sheets API guide that `setNumberFormat`
 * points to (https://developers.google.com/sheets/api/guides/formats). Excel's `General` is not one
 * ("undocumented": https://github.com/vlucas/sheetquery/issues/20), nor is an empty string. Sheets
 * may well take them; the fake refuses them so that Carnet never relies on either.
 */
export function checkNumberFormat(numberFormat: string): void {
  if (numberFormat.trim() === '' || /^\s*general\s*$/i.test(numberFormat)) {
    throw new Error(`fake: ${JSON.stringify(numberFormat)} is not a number format the reference documents (https://developers.google.com/sheets/api/guides/formats)`);
  }
}

/** What `getNumberFormats` reports for a cell never formatted (https://github.com/brucemcpherson/gas-fakes/issues/27). */
export const UNFORMATTED = '0.###############';
