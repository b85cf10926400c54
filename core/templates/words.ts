/**
 * Amounts in words, as contracts and invoices write them next to the digits ("amount in words",
 * "somme en toutes lettres", "сумма прописью"), for `{Amount|words}`. This file splits a number
 * into sign, whole units and fraction (exact decimal strings, so 1234.5 never becomes 1234.4999…);
 * each language writes the words in its own file (words-en.ts, words-fr.ts, words-ru.ts).
 *
 * Choices shared by the three languages:
 * - money is rounded to its currency's minor unit (half away from zero, as fields/money.ts stores it);
 * - RUB, EUR, USD and GBP are named in every language, with their plural forms; any other currency
 *   is the number in words followed by its ISO code ("… and 50/100 CHF");
 * - a plain number (no currency) writes its whole part in words and a fraction as digits over its
 *   power of ten ("… and 5/10"): exact, never rounded, and read the same in every language, where
 *   "point five" / "virgule cinq" / "целых пять десятых" would need three grammars for no gain;
 * - the words are lower-case: a tag sits inside a sentence ("soit mille euros"), and an author who
 *   wants "Одна тысяча…" at the start of a line writes the sentence around it.
 */

import { currencyDigits } from '../fields/currency.js';
import { plainDecimal, roundDecimal } from '../fields/decimal.js';
import type { Lang } from '../schema/types.js';
import { englishAmount } from './words-en.js';
import { frenchAmount } from './words-fr.js';
import { russianAmount } from './words-ru.js';

/** The largest whole part written in words: 999 billion; trillions are not on invoices. */
export const WORDS_LIMIT = 999_999_999_999;

/** An unsigned amount as a language's words module receives it. */
export interface Amount {
  /** Whole units, 0 … WORDS_LIMIT. */
  whole: number;
  /** Digits after the decimal point: the minor unit exactly for money ('50', '05', '00'), as stored for a plain number ('5', ''). */
  fraction: string;
  /** `fraction` over its power of ten ('50/100', '5/10'); '' when the fraction is nothing ('', '00'). */
  ratio: string;
  /** ISO 4217 code, upper-case; absent for a plain number. */
  currency?: string;
}

const LANGUAGES: Record<Lang, { minus: string; amount: (amount: Amount) => string }> = {
  en: { minus: 'minus', amount: englishAmount },
  fr: { minus: 'moins', amount: frenchAmount },
  ru: { minus: 'минус', amount: russianAmount },
};

/**
 * `1234.5, 'en', 'USD'` → "one thousand two hundred thirty-four dollars and 50 cents".
 * Throws a RangeError for a value that is not finite or whose whole part exceeds WORDS_LIMIT.
 */
export function amountInWords(value: number, lang: Lang, currency?: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be written in words`);
  const code = currency?.trim().toUpperCase() || undefined;
  const decimal = code ? roundDecimal(plainDecimal(value), currencyDigits(code)) : plainDecimal(value);
  const negative = decimal.startsWith('-');
  const [int, fraction = ''] = decimal.replace(/^-/, '').split('.');
  const whole = Number(int);
  if (whole > WORDS_LIMIT) throw new RangeError(`${value} is too large to write in words (the limit is ${WORDS_LIMIT})`);
  const language = LANGUAGES[lang] ?? LANGUAGES.en;
  const ratio = /[1-9]/.test(fraction) ? `${fraction}/1${'0'.repeat(fraction.length)}` : '';
  const words = language.amount({ whole, fraction, ratio, currency: code });
  return negative ? `${language.minus} ${words}` : words;
}
