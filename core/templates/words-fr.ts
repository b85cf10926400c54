/**
 * French amounts in words, in the traditional spelling contracts and banks still use (hyphens only
 * below a hundred: "deux cent trente-quatre", not the 1990 "deux-cent-trente-quatre"):
 * - "et" in 21, 31 … 61 and 71 ("vingt et un", "soixante et onze"), never in 81 or 91;
 * - "quatre-vingts" and "deux cents" take their s only at the end of the number or before
 *   million/milliard (nouns), not before another number word or "mille": "quatre-vingt-un",
 *   "deux cent un", "deux cent mille", "deux cents millions";
 * - "mille" never varies and takes no "un"; "million" and "milliard" are nouns: "deux millions",
 *   and "de" before the currency when nothing follows them ("un million d'euros");
 * - "un" agrees with a feminine currency ("vingt et une livres sterling");
 * - the singular below two ("zéro euro", "un euro"), as the Académie has it.
 * The minor unit is written in words ("… euros et cinquante centimes"), as French cheques and
 * contracts do.
 */

import type { Amount } from './words.js';

const UNITS = [
  'zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix',
  'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize',
];
const TENS = ['', 'dix', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

type Forms = readonly [one: string, other: string];

const CURRENCIES: Record<string, { major: Forms; feminine?: boolean; minor: Forms }> = {
  EUR: { major: ['euro', 'euros'], minor: ['centime', 'centimes'] },
  USD: { major: ['dollar', 'dollars'], minor: ['cent', 'cents'] },
  GBP: { major: ['livre sterling', 'livres sterling'], feminine: true, minor: ['penny', 'pence'] },
  RUB: { major: ['rouble', 'roubles'], minor: ['kopeck', 'kopecks'] },
};

const form = (n: number, forms: Forms) => (n < 2 ? forms[0] : forms[1]);

function belowHundred(n: number): string {
  if (n <= 16) return UNITS[n];
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  if (n < 70) {
    const tens = TENS[Math.floor(n / 10)];
    const unit = n % 10;
    return unit === 0 ? tens : unit === 1 ? `${tens} et un` : `${tens}-${UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${belowHundred(n - 60)}`;
  return n === 80 ? 'quatre-vingts' : `quatre-vingt-${belowHundred(n - 80)}`;
}

/** `final`: nothing but a noun follows (the end, million, milliard), so "cents" and "quatre-vingts" keep their s. */
function belowThousand(n: number, final: boolean): string {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('cent');
  else if (hundreds) words.push(`${UNITS[hundreds]} ${rest === 0 && final ? 'cents' : 'cent'}`);
  if (rest === 80 && !final) words.push('quatre-vingt');
  else if (rest) words.push(belowHundred(rest));
  return words.join(' ');
}

/** 0 … 999,999,999,999 → "zéro", "deux milliards", "mille deux cent trente-quatre"; `feminine` gives "une". */
export function frenchInteger(n: number, feminine = false): string {
  if (n === 0) return UNITS[0];
  const words: string[] = [];
  const milliards = Math.floor(n / 1e9);
  const millions = Math.floor(n / 1e6) % 1000;
  const thousands = Math.floor(n / 1e3) % 1000;
  const rest = n % 1000;
  if (milliards) words.push(`${belowThousand(milliards, true)} ${milliards > 1 ? 'milliards' : 'milliard'}`);
  if (millions) words.push(`${belowThousand(millions, true)} ${millions > 1 ? 'millions' : 'million'}`);
  if (thousands) words.push(thousands === 1 ? 'mille' : `${belowThousand(thousands, false)} mille`);
  if (rest) words.push(belowThousand(rest, true));
  const text = words.join(' ');
  // Only the last word agrees: "vingt et un mille livres", but "mille vingt et une livres".
  return feminine ? text.replace(/(^| |-)un$/, '$1une') : text;
}

export function frenchAmount(amount: Amount): string {
  const names = amount.currency ? CURRENCIES[amount.currency] : undefined;
  const number = frenchInteger(amount.whole, names?.feminine);
  if (names) {
    const noun = form(amount.whole, names.major);
    const roundMillions = amount.whole >= 1e6 && amount.whole % 1e6 === 0;
    const of = roundMillions ? (/^[aeiouy]/.test(noun) ? " d'" : ' de ') : ' ';
    const major = `${number}${of}${noun}`;
    if (!amount.ratio) return major;
    const minor = Number(amount.fraction);
    return `${major} et ${frenchInteger(minor)} ${form(minor, names.minor)}`;
  }
  const written = amount.ratio ? `${number} et ${amount.ratio}` : number;
  return amount.currency ? `${written} ${amount.currency}` : written;
}
