/**
 * A field's stored value as a document writes it, by the field's type and the workbook's language,
 * currency and country: "$1,234.50", "1 234,50 €", "4 марта 2026 г.", "+33 6 12 34 56 78".
 * A tag may name one formatter of the closed set (types.ts FORMATTERS): `{Date|long}`,
 * `{Amount|words}`; one that does not apply to the field's type is ignored here, and reported by
 * the checker through formatterApplies / formatterAppliesTo.
 *
 * Numbers and dates are written by Carnet's own rules rather than Intl, so that a document is the
 * same byte for byte in every host: Apps Script, Office's browsers and Node ship different ICU
 * builds and CLDR versions (French grouping changed from U+00A0 to U+202F in CLDR 34; a small-icu
 * Node knows English only), and a document filled in the sidebar must match the one the CLI made.
 * The spaces are those of CLDR today (48): French groups digits with a narrow no-break space
 * (U+202F), Russian with a no-break space (U+00A0); both put a no-break space (U+00A0) before "%"
 * and before a currency, so that "%" or "€" never starts a line.
 */

import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/min';
import { partsFromSerial } from '../dates.js';
import { currencyDigits } from '../fields/currency.js';
import { plainDecimal, roundDecimal, shiftDecimal } from '../fields/decimal.js';
import { cellText } from '../fields/text.js';
import { say } from '../messages/say.js';
import { LANGS, type Lang } from '../schema/types.js';
import type { DocumentLocale, Entry, Formatter } from './types.js';
import { amountInWords } from './words.js';

type ValueEntry = Extract<Entry, { kind: 'value' }>;
/** The types a value entry may have: a field's type or a computed value's. */
export type ValueType = ValueEntry['type'];

const NBSP = '\u00A0';
const NNBSP = '\u202F';

const DATES: readonly ValueType[] = ['date', 'datetime', 'computed-date'];
const NUMBERS: readonly ValueType[] = ['integer', 'number', 'money', 'computed-number', 'computed-money'];
const TEXTS: readonly ValueType[] = ['text', 'longtext', 'email', 'url', 'choice', 'reference', 'user', 'boolean', 'computed-text'];

const APPLIES: Record<Formatter, { types: readonly ValueType[]; to: 'dates' | 'numbers' | 'text' }> = {
  long: { types: DATES, to: 'dates' },
  short: { types: DATES, to: 'dates' },
  year: { types: DATES, to: 'dates' },
  month: { types: DATES, to: 'dates' },
  words: { types: NUMBERS, to: 'numbers' },
  number: { types: NUMBERS, to: 'numbers' },
  upper: { types: TEXTS, to: 'text' },
  lower: { types: TEXTS, to: 'text' },
};

/** Whether `{X|formatter}` means something for a value of this type (`|words` on a date does not). */
export function formatterApplies(type: ValueType, formatter: Formatter): boolean {
  return APPLIES[formatter].types.includes(type);
}

/** What a formatter applies to, in plain words for the checker: `|words applies to numbers and money`. */
export function formatterAppliesTo(formatter: Formatter): string {
  const to = APPLIES[formatter].to;
  return to === 'dates' ? say('dates') : to === 'numbers' ? say('numbers and money') : say('text');
}

const SEPARATORS: Record<Lang, { group: string; decimal: string; percent: string }> = {
  en: { group: ',', decimal: '.', percent: '' },
  fr: { group: NNBSP, decimal: ',', percent: NBSP },
  ru: { group: NBSP, decimal: ',', percent: NBSP },
};

/**
 * Symbols a reader of the language takes for one currency only; any other currency is written
 * with its ISO code. French "$" alone is the Canadian dollar, hence CLDR's "$US".
 */
const SYMBOLS: Record<Lang, Readonly<Record<string, string>>> = {
  en: { USD: '$', EUR: '€', GBP: '£', JPY: '¥' },
  fr: { EUR: '€', GBP: '£', USD: '$US' },
  ru: { RUB: '₽', EUR: '€', USD: '$', GBP: '£' },
};

const YES_NO: Record<Lang, readonly [yes: string, no: string]> = {
  en: ['Yes', 'No'],
  fr: ['Oui', 'Non'],
  ru: ['Да', 'Нет'],
};

const EXTENSION: Record<Lang, string> = { en: 'ext.', fr: 'poste', ru: 'доб.' };

const MONTHS: Record<Lang, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ru: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
};
/** "4 марта": a day of the month takes the genitive. */
const RU_MONTHS_OF = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** Where English writes the month first (03/04/2026 is March 4): the US and its territories, and a few neighbours. */
const MONTH_FIRST = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'PH', 'FM', 'MH', 'PW']);

/** `1234.5` (canonical decimal) → "1,234.5" / "1 234,5": digits kept as they are, none invented. */
function groupDecimal(decimal: string, lang: Lang): string {
  const { group, decimal: mark } = SEPARATORS[lang];
  const [int, fraction] = decimal.replace(/^-/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, group);
  return `${decimal.startsWith('-') ? '-' : ''}${grouped}${fraction === undefined ? '' : mark + fraction}`;
}

function moneyText(value: number, code: string, lang: Lang): string {
  const decimal = roundDecimal(plainDecimal(value), currencyDigits(code));
  const sign = decimal.startsWith('-') ? '-' : '';
  const amount = groupDecimal(decimal.replace(/^-/, ''), lang);
  const symbol = SYMBOLS[lang][code];
  if (lang === 'en' && symbol) return `${sign}${symbol}${amount}`;
  return `${sign}${amount}${NBSP}${symbol ?? code}`;
}

type DateForm = Extract<Formatter, 'short' | 'long' | 'year' | 'month'>;

const isDateForm = (formatter: Formatter | undefined): formatter is DateForm =>
  formatter === 'short' || formatter === 'long' || formatter === 'year' || formatter === 'month';

function dateText(serial: number, form: DateForm, locale: DocumentLocale, lang: Lang): string {
  const { year, month, day } = partsFromSerial(serial);
  if (Number.isNaN(year)) return cellText(serial);
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  const monthFirst = lang === 'en' && MONTH_FIRST.has(locale.country.trim().toUpperCase());
  switch (form) {
    case 'year':
      return String(year);
    case 'month':
      return `${MONTHS[lang][month - 1]} ${year}`;
    case 'short':
      if (lang === 'ru') return `${dd}.${mm}.${year}`;
      return monthFirst ? `${mm}/${dd}/${year}` : `${dd}/${mm}/${year}`;
    case 'long':
      // The no-break space keeps "г." (год) on the line of its year, as Russian typesetting does.
      if (lang === 'ru') return `${day} ${RU_MONTHS_OF[month - 1]} ${year}${NBSP}г.`;
      // French writes the first of the month as an ordinal: "1er mars 2026".
      if (lang === 'fr') return `${day === 1 ? '1er' : day} ${MONTHS.fr[month - 1]} ${year}`;
      return monthFirst ? `${MONTHS.en[month - 1]} ${day}, ${year}` : `${day} ${MONTHS.en[month - 1]} ${year}`;
  }
}

function timeText(serial: number): string {
  const { hours, minutes } = partsFromSerial(serial);
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function phoneText(stored: string, locale: DocumentLocale, lang: Lang): string {
  let phone: PhoneNumber | undefined;
  try {
    phone = parsePhoneNumberFromString(stored);
  } catch {
    phone = undefined;
  }
  if (!phone) return stored;
  // A number of the workbook's own country is written as its people dial it: "06 12 34 56 78".
  const style = phone.country === locale.country.trim().toUpperCase() ? 'NATIONAL' : 'INTERNATIONAL';
  return phone.format(style, { formatExtension: (number, ext) => `${number} ${EXTENSION[lang]} ${ext}` });
}

/**
 * In words, or in digits when the amount is too large for words (beyond 999 billion): a document
 * is still produced, and the digits are right.
 */
function wordsOr(value: number, lang: Lang, currency: string | undefined, digits: () => string): string {
  try {
    return amountInWords(value, lang, currency);
  } catch (error) {
    if (error instanceof RangeError) return digits();
    throw error;
  }
}

function defaultText(entry: ValueEntry, formatter: Formatter | undefined, locale: DocumentLocale, lang: Lang): string {
  const { value } = entry;
  if (value === null) return '';
  // A cell that does not hold its field's kind of value (text typed over a date) is shown as it is.
  const number = typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  switch (entry.type) {
    case 'money':
    case 'computed-money': {
      if (number === undefined) break;
      const code = (entry.currency ?? locale.currency).trim().toUpperCase();
      const money = () => moneyText(number, code, lang);
      if (formatter === 'words') return wordsOr(number, lang, code, money);
      if (formatter === 'number') return groupDecimal(roundDecimal(plainDecimal(number), currencyDigits(code)), lang);
      return money();
    }
    case 'integer':
    case 'number':
    case 'computed-number': {
      if (number === undefined) break;
      const digits = () => groupDecimal(plainDecimal(number), lang);
      return formatter === 'words' ? wordsOr(number, lang, undefined, digits) : digits();
    }
    case 'percent':
      if (number === undefined) break;
      return `${groupDecimal(shiftDecimal(plainDecimal(number), 2), lang)}${SEPARATORS[lang].percent}%`;
    case 'date':
    case 'computed-date':
      if (number === undefined) break;
      return dateText(number, isDateForm(formatter) ? formatter : 'short', locale, lang);
    case 'datetime':
      if (number === undefined) break;
      // With a formatter, the date alone: a contract is "signed on 4 March 2026", not at 14:05.
      if (isDateForm(formatter)) return dateText(number, formatter, locale, lang);
      return `${dateText(number, 'short', locale, lang)} ${timeText(number)}`;
    case 'boolean':
      if (typeof value === 'boolean') return YES_NO[lang][value ? 0 : 1];
      break;
    case 'phone':
      if (typeof value === 'string') return phoneText(value, locale, lang);
      break;
    default:
      break;
  }
  return cellText(value);
}

/**
 * The text a tag writes for a value: by type and locale, changed by the tag's formatter when the
 * formatter applies to the type (otherwise as if there were none). Empty values write ''.
 */
export function formatEntry(entry: ValueEntry, formatter: Formatter | undefined, locale: DocumentLocale): string {
  if (entry.value === null || entry.value === '') return '';
  const lang: Lang = LANGS.includes(locale.lang) ? locale.lang : 'en';
  const applied = formatter && formatterApplies(entry.type, formatter) ? formatter : undefined;
  const text = defaultText(entry, applied, locale, lang);
  if (applied === 'upper') return text.toUpperCase();
  if (applied === 'lower') return text.toLowerCase();
  return text;
}
