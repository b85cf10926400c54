/**
 * Percentages are stored as fractions (15% → 0.15), as spreadsheets store them under a % format.
 *
 * The ambiguity of "0.15" is settled by where the value comes from, never by its size:
 * - a number (a spreadsheet cell, a JSON number) is already a fraction: 0.15 stays 0.15;
 * - text is read in percentage points, with or without the sign: "15", "15%", "15 %" are 0.15,
 *   and "0.5" is half a percent (0.005).
 * A size rule (≤ 1 means fraction) would make "1" and "0.5" mean different things in two columns
 * a person fills the same way; this rule is one sentence and round-trips with formatValue ("15%").
 * An importer that sees a text column of raw fractions should convert the column as a whole.
 */

import type { Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { plainDecimal, shiftDecimal } from './decimal.js';
import { parseDecimalText } from './parse-number.js';
import { say } from '../messages/say.js';
import { fail, noNegativeZero, ok, type Normalized } from './result.js';

const notAPercentage = (): Normalized => fail(say('not a percentage'));

export function normalizePercent(raw: Cell, lang: Lang): Normalized {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(noNegativeZero(raw)) : notAPercentage();
  if (typeof raw !== 'string') return notAPercentage();
  const points = parseDecimalText(raw.trim().replace(/\s*%$/, ''), { lang });
  if (points === null) return notAPercentage();
  const value = Number(shiftDecimal(points, -2));
  return Number.isFinite(value) ? ok(noNegativeZero(value)) : notAPercentage();
}

/** `15%`, `12.5%`: exact (decimal shift, no ×100 float noise), so it reads back to the same fraction. */
export function formatPercent(value: number): string {
  return `${shiftDecimal(plainDecimal(value), 2)}%`;
}
