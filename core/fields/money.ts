/**
 * Money: a number rounded half away from zero to the currency's minor unit, by decimal string
 * arithmetic (1.005 → 1.01, never 1.00 as binary floats would give). The amount may carry a symbol
 * or ISO code; one that cannot mean the field's currency is refused rather than converted.
 */

import type { Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { CURRENCY_SYMBOLS, ISO_CURRENCIES, currencyDigits } from './currency.js';
import { plainDecimal, roundDecimal } from './decimal.js';
import { parseDecimalText } from './parse-number.js';
import { say } from '../messages/say.js';
import { fail, noNegativeZero, ok, type Normalized } from './result.js';

const notAnAmount = (): Normalized => fail(say('not an amount'));

/** Splits "€ 12,50", "-$1,200", "12.50 USD", "(12.00)" into sign, currency codes and the number text. */
function splitAmount(text: string): { negative: boolean; currencies: (readonly string[])[]; number: string } | null {
  let s = text.trim().replace(/\u2212/g, '-');
  let negative = false;
  // Accounting exports write negative amounts in parentheses.
  const parens = /^\((.*)\)$/.exec(s);
  if (parens) {
    negative = true;
    s = parens[1].trim();
  }
  const currencies: (readonly string[])[] = [];
  const takeSign = () => {
    const m = /^([+-])\s*/.exec(s);
    if (!m) return true;
    if (negative && m[1] === '-') return false;
    negative = negative || m[1] === '-';
    s = s.slice(m[0].length);
    return true;
  };
  if (!takeSign()) return null;
  const prefix = currencyAt(s, 'start');
  if (prefix) {
    currencies.push(prefix.codes);
    s = s.slice(prefix.length).trimStart();
    if (!takeSign()) return null;
  }
  const suffix = currencyAt(s, 'end');
  if (suffix) {
    currencies.push(suffix.codes);
    s = s.slice(0, s.length - suffix.length).trimEnd();
  }
  if (/^[+-]/.test(s)) return null;
  return { negative, currencies, number: s };
}

function currencyAt(s: string, where: 'start' | 'end'): { codes: readonly string[]; length: number } | null {
  const lower = s.toLowerCase();
  for (const [symbol, codes] of CURRENCY_SYMBOLS) {
    const sym = symbol.toLowerCase();
    if (where === 'start' ? lower.startsWith(sym) : lower.endsWith(sym)) return { codes, length: symbol.length };
  }
  const code = where === 'start' ? /^([a-z]{3})(?![a-z])/i.exec(s) : /(?<![a-z])([a-z]{3})$/i.exec(s);
  if (code && ISO_CURRENCIES.has(code[1].toUpperCase())) return { codes: [code[1].toUpperCase()], length: 3 };
  return null;
}

export function normalizeMoney(raw: Cell, currency: string, lang: Lang): Normalized {
  const code = currency.trim().toUpperCase();
  const digits = currencyDigits(code);
  let decimal: string | null;
  if (typeof raw === 'number') {
    decimal = Number.isFinite(raw) ? plainDecimal(raw) : null;
  } else if (typeof raw === 'string') {
    const parts = splitAmount(raw);
    if (!parts) return notAnAmount();
    for (const codes of parts.currencies) {
      if (!codes.includes(code)) return fail(say('amount is in {other}, field is in {currency}', { other: codes[0]!, currency: code }));
    }
    const unsigned = parseDecimalText(parts.number, { lang, maxFractionDigits: digits });
    decimal = unsigned === null ? null : parts.negative && unsigned !== '0' ? `-${unsigned}` : unsigned;
  } else {
    decimal = null;
  }
  if (decimal === null) return notAnAmount();
  const value = Number(roundDecimal(decimal, digits));
  return Number.isFinite(value) ? ok(noNegativeZero(value)) : notAnAmount();
}

/** `1234.50`: fixed minor-unit digits, no symbol, no thousands separator (readable and re-readable). */
export function formatMoney(value: number, currency: string): string {
  return roundDecimal(plainDecimal(value), currencyDigits(currency));
}
