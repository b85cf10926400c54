/**
 * Typed or imported date text → calendar parts, without `new Date(string)` (whose reading depends on
 * the engine and on the machine's time zone). Accepted shapes:
 * - ISO `2026-03-04`, `2026/03/04`, optionally followed by a time (`T14:05`, ` 14:05:30`, `Z`/offset);
 * - numeric `04/03/2026`, `04.03.2026`, `4-3-26` read in the workbook's date order
 *   (a schema whose order is `ymd` reads `04/03/2026`, where the year is obviously last, day first);
 * - month words in English, French, Russian: `4 March 2026`, `March 4, 2026`, `4 mars 2026`,
 *   `4 марта 2026 г.`, `4-Mar-26`, `Wednesday, March 4, 2026`.
 * Two-digit years are 2000–2069 for 00–69 and 1970–1999 for 70–99.
 *
 * A time zone or offset after the time is ignored: a serial is the workbook's wall-clock time and
 * core does not know the workbook's zone, so "14:05Z" is kept as 14:05 as written.
 */

import type { Schema } from '../schema/types.js';
import { isWeekday, monthFromWord } from './month-names.js';

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  hasTime: boolean;
}

/** The text has a date's shape but names no real day or time (2026-02-30, 25:00). */
export type Unreal = 'not-real-date' | 'not-real-time';

const TIME =
  /^(.*?)(?:\s*,\s*|\s+|t|\s+[àa]\s+|\s+в\s+)(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseDateTimeText(text: string, order: Schema['dateOrder']): DateTimeParts | Unreal | null {
  const s = text.normalize('NFC').trim().toLowerCase().replace(/[\u00A0\u202F\s]+/g, ' ');
  let datePart = s;
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  let hasTime = false;
  const t = TIME.exec(s);
  if (t && t[1] !== '') {
    datePart = t[1];
    hasTime = true;
    hours = Number(t[2]);
    minutes = Number(t[3]);
    seconds = t[4] === undefined ? 0 : Number(t[4]);
    const meridiem = t[5]?.replace(/\./g, '');
    if (meridiem) {
      if (hours < 1 || hours > 12) return 'not-real-time';
      hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
    }
    if (hours > 23 || minutes > 59 || seconds > 59) return 'not-real-time';
  }
  const date = parseDatePart(datePart, order);
  if (date === null || typeof date === 'string') return date;
  return { ...date, hours, minutes, seconds, hasTime };
}

type Ymd = { year: number; month: number; day: number };

function parseDatePart(text: string, order: Schema['dateOrder']): Ymd | Unreal | null {
  const s = text.replace(/(?<=\d)\s*г\.?$/, '').trim();

  const iso = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (iso) return real(Number(iso[1]), Number(iso[3]), Number(iso[4]));

  const numeric = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s);
  if (numeric) {
    const [a, b, c] = [Number(numeric[1]), Number(numeric[3]), numeric[4]];
    if (order === 'mdy') return real(year(c), a, b);
    if (order === 'ymd' && c.length === 2) return real(year(numeric[1].padStart(2, '0')), b, Number(c));
    return real(year(c), b, a);
  }

  return parseWordDate(s);
}

function parseWordDate(s: string): Ymd | Unreal | null {
  let tokens = s.replace(/,/g, ' ').split(/[\s/-]+/).filter((w) => w !== '');
  if (tokens.length === 4 && isWeekday(tokens[0])) tokens = tokens.slice(1);
  if (tokens.length !== 3) return null;
  const monthAt = tokens.findIndex((w) => monthFromWord(w) !== undefined && !/^\d/.test(w));
  if (monthAt < 0) return null;
  const month = monthFromWord(tokens[monthAt]) as number;
  // "4th" and "1er" are still the 4th and the 1st.
  const numbers = tokens
    .filter((_, i) => i !== monthAt)
    .map((w) => /^(\d{1,4})(?:st|nd|rd|th|er|e|ème|eme)?\.?$/.exec(w)?.[1]);
  if (numbers.some((n) => n === undefined)) return null;
  const [first, second] = numbers as string[];
  // The four-digit number is the year wherever it stands; otherwise the year comes last.
  let dayText: string;
  let yearText: string;
  if (first.length === 4 && second.length <= 2) [yearText, dayText] = [first, second];
  else if (second.length === 4 || second.length === 2) [dayText, yearText] = [first, second];
  else return null;
  if (dayText.length > 2) return null;
  return real(year(yearText), month, Number(dayText));
}

function year(text: string): number {
  if (text.length !== 2) return Number(text);
  const yy = Number(text);
  return yy <= 69 ? 2000 + yy : 1900 + yy;
}

function real(y: number, month: number, day: number): Ymd | Unreal {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(y, month)) return 'not-real-date';
  return { year: y, month, day };
}

function daysInMonth(y: number, month: number): number {
  if (month === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
