/**
 * Dates and date-times stored as spreadsheet serials (days since 1899-12-30; the fraction is the
 * time of day). Everything goes through calendar parts and UTC arithmetic in core/dates.ts, so the
 * machine's time zone never shifts a day.
 */

import { isoDate, partsFromSerial, serialFromParts } from '../dates.js';
import type { Schema } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { say } from '../messages/say.js';
import { parseDateTimeText } from './parse-date.js';
import { fail, ok, type Normalized } from './result.js';

/** 1899-12-31 … 9999-12-31, the range spreadsheets accept. */
export const MIN_SERIAL = 1;
export const MAX_SERIAL = 2958465;
const SECONDS_PER_DAY = 86_400;

const notRealDate = (): Normalized => fail(say('not a real date'));
const notRealTime = (): Normalized => fail(say('not a real time'));
const outOfRange = (): Normalized => fail(say('date out of range (years 1900 to 9999)'));

/** The example follows the workbook's order, so that it shows how to write 4 March 2026 there. */
export function notADate(order: Schema['dateOrder']): string {
  const example = order === 'mdy' ? '03/04/2026' : order === 'ymd' ? '2026/03/04' : '04/03/2026';
  return say('not a date (expected e.g. 2026-03-04 or {example})', { example });
}
const notADateTime = (): Normalized => fail(say('not a date and time (expected e.g. 2026-03-04 14:05)'));

/** Serials carry float noise; snapping to the whole second makes normalising idempotent. */
const toSecond = (serial: number): number => Math.round(serial * SECONDS_PER_DAY) / SECONDS_PER_DAY;

const inRange = (serial: number): boolean => serial >= MIN_SERIAL && serial < MAX_SERIAL + 1;

/**
 * A number is taken as a serial. A date field keeps only its day (as it does for a typed
 * "2026-03-04 14:05"), so a date-time cell pasted in a date column loses its time, not its day.
 */
export function normalizeDate(raw: Cell, order: Schema['dateOrder']): Normalized {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail(notADate(order));
    const day = Math.floor(toSecond(raw));
    return inRange(day) ? ok(day) : outOfRange();
  }
  if (typeof raw !== 'string') return fail(notADate(order));
  const parts = parseDateTimeText(raw, order);
  if (parts === null) return fail(notADate(order));
  if (parts === 'not-real-date') return notRealDate();
  if (parts === 'not-real-time') return notRealTime();
  const serial = serialFromParts(parts.year, parts.month, parts.day);
  return inRange(serial) ? ok(serial) : outOfRange();
}

/** A date without a time is midnight. */
export function normalizeDateTime(raw: Cell, order: Schema['dateOrder']): Normalized {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return notADateTime();
    const serial = toSecond(raw);
    return inRange(serial) ? ok(serial) : outOfRange();
  }
  if (typeof raw !== 'string') return notADateTime();
  const parts = parseDateTimeText(raw, order);
  if (parts === null) return notADateTime();
  if (parts === 'not-real-date') return notRealDate();
  if (parts === 'not-real-time') return notRealTime();
  const serial = serialFromParts(parts.year, parts.month, parts.day, parts.hours, parts.minutes, parts.seconds);
  return inRange(serial) ? ok(serial) : outOfRange();
}

export function formatDate(serial: number): string {
  return isoDate(serial);
}

/** `2026-03-04 14:05`; seconds only when there are some, so nothing is lost on the way back. */
export function formatDateTime(serial: number): string {
  const p = partsFromSerial(serial);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDate(serial)} ${pad(p.hours)}:${pad(p.minutes)}${p.seconds ? `:${pad(p.seconds)}` : ''}`;
}
