/**
 * Reading numbers as people and files write them: "1 234,56", "1,234.56", "1.234.567", "+5",
 * "1e3", with ordinary, non-breaking or thin spaces and apostrophes as thousands separators.
 *
 * Which of comma and dot is the decimal separator:
 * - both present: the last one is decimal, the other groups thousands ("1.234,56", "1,234.56");
 * - dots only: one dot is decimal (the machine convention, in every language); several group thousands;
 * - commas only: several group thousands; a single comma is decimal, except when exactly three digits
 *   follow it and either the workbook speaks English or the field keeps fewer than three decimals
 *   (integers, money in cents): "1,234" is 1234 there, since nobody writes 1.234 euros or a
 *   "whole number" 1,234 meaning 1.234. A comma that cannot group thousands ("1234,567") is decimal.
 * Thousands groups are checked (1–3 digits, then exactly 3), so "12,34,5" or "12 34" are refused
 * rather than guessed.
 */

import type { Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { decimalFromParts, plainDecimal, shiftDecimal } from './decimal.js';
import { say } from '../messages/say.js';
import { fail, noNegativeZero, ok, type Normalized } from './result.js';

const notANumber = (): Normalized => fail(say('not a number'));
const notWhole = (): Normalized => fail(say('not a whole number'));
const tooLarge = (): Normalized => fail(say('number too large'));

export interface NumberReading {
  lang: Lang;
  /** Fraction digits the field keeps (integer 0, money its minor unit); unbounded when absent. */
  maxFractionDigits?: number;
}

/** Space-like characters people and spreadsheets put between thousands. */
const SPACES = /[\u00A0\u2007\u2009\u200A\u202F\s]+/g;

/** Text → canonical decimal string (see decimal.ts), or null when it is not a plain number. */
export function parseDecimalText(text: string, reading: NumberReading): string | null {
  let s = text.trim().replace(SPACES, ' ').replace(/[’‘]/g, "'").replace(/\u2212/g, '-');
  let negative = false;
  const sign = /^([+-]) ?/.exec(s);
  if (sign) {
    negative = sign[1] === '-';
    s = s.slice(sign[0].length);
  }

  const exp = /^(\d+(?:\.\d*)?|\.\d+)e([+-]?\d{1,3})$/i.exec(s);
  if (exp) {
    const [int, frac = ''] = exp[1].split('.');
    return shiftDecimal(decimalFromParts(negative, int, frac), Number(exp[2]));
  }

  if (!/^[\d.,' ]+$/.test(s) || !/\d/.test(s)) return null;

  const dots = count(s, '.');
  const commas = count(s, ',');
  let decimalMark: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    decimalMark = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    if (count(s, decimalMark) > 1) return null;
  } else if (dots === 1) {
    decimalMark = '.';
  } else if (commas === 1) {
    const after = s.slice(s.indexOf(',') + 1);
    const groupsThousands =
      /^\d{3}$/.test(after) && (reading.lang === 'en' || (reading.maxFractionDigits ?? Infinity) < 3);
    decimalMark = groupsThousands && intDigits(s) !== null ? null : ',';
  }

  let intText = s;
  let fracText = '';
  if (decimalMark) {
    const at = s.indexOf(decimalMark);
    intText = s.slice(0, at);
    fracText = s.slice(at + 1);
    if (!/^\d+$/.test(fracText)) return null;
  }
  const int = intText === '' && decimalMark ? '' : intDigits(intText);
  if (int === null) return null;
  return decimalFromParts(negative, int, fracText);
}

/** Digits of an integer part whose thousands may be grouped by space, apostrophe, comma or dot. */
function intDigits(text: string): string | null {
  const groups = text.split(/[ ',.]/);
  if (!groups.every((g) => /^\d+$/.test(g))) return null;
  if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
  return groups.join('');
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/** A cell or typed text as a canonical decimal string, or null. Booleans are not numbers. */
export function readDecimal(raw: Cell, reading: NumberReading): string | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? plainDecimal(raw) : null;
  if (typeof raw === 'string') return parseDecimalText(raw, reading);
  return null;
}

export function normalizeNumber(raw: Cell, reading: NumberReading): Normalized {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(noNegativeZero(raw)) : notANumber();
  const decimal = readDecimal(raw, reading);
  if (decimal === null) return notANumber();
  const n = Number(decimal);
  return Number.isFinite(n) ? ok(noNegativeZero(n)) : tooLarge();
}

export function normalizeInteger(raw: Cell, reading: Pick<NumberReading, 'lang'>): Normalized {
  const decimal = readDecimal(raw, { ...reading, maxFractionDigits: 0 });
  if (decimal === null) return notANumber();
  if (decimal.includes('.')) return notWhole();
  const n = Number(decimal);
  // Past 2^53 the stored number would no longer be the one that was typed.
  return Number.isSafeInteger(n) ? ok(noNegativeZero(n)) : tooLarge();
}
