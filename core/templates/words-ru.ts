/**
 * Russian amounts in words, in the form of "сумма прописью" on invoices and acts: the whole part in
 * words and the kopecks always in two digits, "одна тысяча двести тридцать четыре рубля 50 копеек",
 * "… 00 копеек" included, as accounting software prints it. "Одна тысяча" keeps its "одна", as
 * there, so the first word cannot be altered by hand.
 *
 * Numbers agree in gender with what they count (тысяча is feminine: одна тысяча, две тысячи), and
 * nouns take one of three forms by the last two digits: 1, 21, 101 рубль; 2–4, 22–24 рубля;
 * 0, 5–20, 25–30, 111–114 рублей.
 */

import type { Amount } from './words.js';

const UNITS = [
  'ноль', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять', 'десять',
  'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать',
  'восемнадцать', 'девятнадцать',
];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

/** A noun after a number: 1 рубль, 2 рубля, 5 рублей. */
export type RussianForms = readonly [one: string, few: string, many: string];

const SCALES: readonly (readonly [size: number, forms: RussianForms, feminine: boolean])[] = [
  [1e9, ['миллиард', 'миллиарда', 'миллиардов'], false],
  [1e6, ['миллион', 'миллиона', 'миллионов'], false],
  [1e3, ['тысяча', 'тысячи', 'тысяч'], true],
];

/** All four are masculine (евро too, and it never changes), so only тысяча makes a number feminine. */
const CURRENCIES: Record<string, { major: RussianForms; minor: RussianForms }> = {
  RUB: { major: ['рубль', 'рубля', 'рублей'], minor: ['копейка', 'копейки', 'копеек'] },
  EUR: { major: ['евро', 'евро', 'евро'], minor: ['цент', 'цента', 'центов'] },
  USD: { major: ['доллар', 'доллара', 'долларов'], minor: ['цент', 'цента', 'центов'] },
  // "Фунт" alone is also the unit of weight: contracts name the currency in full.
  GBP: { major: ['фунт стерлингов', 'фунта стерлингов', 'фунтов стерлингов'], minor: ['пенс', 'пенса', 'пенсов'] },
};

export function russianForm(n: number, forms: RussianForms): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

function belowThousand(n: number, feminine: boolean): string {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  let rest = n % 100;
  if (hundreds) words.push(HUNDREDS[hundreds]);
  if (rest >= 20) {
    words.push(TENS[Math.floor(rest / 10)]);
    rest %= 10;
  }
  if (rest) words.push(feminine && rest === 1 ? 'одна' : feminine && rest === 2 ? 'две' : UNITS[rest]);
  return words.join(' ');
}

/** 0 … 999,999,999,999 → "ноль", "два миллиарда", "одна тысяча двести тридцать четыре" (masculine unless `feminine`). */
export function russianInteger(n: number, feminine = false): string {
  if (n === 0) return UNITS[0];
  const words: string[] = [];
  let rest = n;
  for (const [size, forms, scaleFeminine] of SCALES) {
    const count = Math.floor(rest / size);
    if (count) words.push(`${belowThousand(count, scaleFeminine)} ${russianForm(count, forms)}`);
    rest %= size;
  }
  if (rest) words.push(belowThousand(rest, feminine));
  return words.join(' ');
}

export function russianAmount(amount: Amount): string {
  const number = russianInteger(amount.whole);
  const names = amount.currency ? CURRENCIES[amount.currency] : undefined;
  if (names) {
    const major = `${number} ${russianForm(amount.whole, names.major)}`;
    if (!amount.fraction) return major;
    return `${major} ${amount.fraction} ${russianForm(Number(amount.fraction), names.minor)}`;
  }
  const written = amount.ratio ? `${number} и ${amount.ratio}` : number;
  return amount.currency ? `${written} ${amount.currency}` : written;
}
