/**
 * English amounts in words, in the American form cheques and contracts use: no "and" inside the
 * number ("one hundred twenty-three"), so that "and" only ever joins the cents. The minor unit is
 * written in digits ("… dollars and 50 cents"), as on cheques: the words guard the amount that
 * matters, and the cents read at a glance.
 */

import type { Amount } from './words.js';

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = [
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
] as const;

type Forms = readonly [one: string, other: string];

const CURRENCIES: Record<string, { major: Forms; minor: Forms }> = {
  USD: { major: ['dollar', 'dollars'], minor: ['cent', 'cents'] },
  EUR: { major: ['euro', 'euros'], minor: ['cent', 'cents'] },
  GBP: { major: ['pound', 'pounds'], minor: ['penny', 'pence'] },
  RUB: { major: ['ruble', 'rubles'], minor: ['kopeck', 'kopecks'] },
};

const form = (n: number, forms: Forms) => (n === 1 ? forms[0] : forms[1]);

function belowThousand(n: number): string {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds) words.push(`${ONES[hundreds]} hundred`);
  if (rest >= 20) words.push(TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${ONES[rest % 10]}` : ''));
  else if (rest) words.push(ONES[rest]);
  return words.join(' ');
}

/** 0 … 999,999,999,999 → "zero", "two billion", "one thousand two hundred thirty-four". */
export function englishInteger(n: number): string {
  if (n === 0) return ONES[0];
  const words: string[] = [];
  let rest = n;
  for (const [size, name] of SCALES) {
    const count = Math.floor(rest / size);
    if (count) words.push(`${belowThousand(count)} ${name}`);
    rest %= size;
  }
  if (rest) words.push(belowThousand(rest));
  return words.join(' ');
}

export function englishAmount(amount: Amount): string {
  const number = englishInteger(amount.whole);
  const names = amount.currency ? CURRENCIES[amount.currency] : undefined;
  if (names) {
    const major = `${number} ${form(amount.whole, names.major)}`;
    if (!amount.ratio) return major;
    const minor = Number(amount.fraction);
    return `${major} and ${minor} ${form(minor, names.minor)}`;
  }
  const written = amount.ratio ? `${number} and ${amount.ratio}` : number;
  return amount.currency ? `${written} ${amount.currency}` : written;
}
