/**
 * Date groups, computed by Carnet so that every host groups the same way: day, ISO week (Monday
 * first, the week belongs to the year of its Thursday), month, quarter, year, and month of year
 * (seasonality across years). Keys sort in time order as text (`2026-03`, `2026-Q1`, `2026-W09`);
 * labels are in the workbook's language.
 */

import { isoDate, partsFromSerial, serialFromParts } from '../dates.js';
import type { Lang } from '../schema/types.js';
import type { DateGrouping } from './types.js';

const MONTHS: Record<Lang, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ru: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
};

const QUARTER: Record<Lang, (q: number, y: number) => string> = {
  en: (q, y) => `Q${q} ${y}`,
  fr: (q, y) => `T${q} ${y}`,
  ru: (q, y) => `${q} кв. ${y}`,
};

const WEEK: Record<Lang, (w: number, y: number) => string> = {
  en: (w, y) => `Week ${w}, ${y}`,
  fr: (w, y) => `Semaine ${w}, ${y}`,
  ru: (w, y) => `${w}-я неделя ${y}`,
};

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 week of a day serial: its week-numbering year and week number. */
export function isoWeek(serial: number): { year: number; week: number } {
  const day = Math.floor(serial);
  // Serial 2 (1900-01-01) was a Monday; weekday 0 = Monday.
  const weekday = (((day - 2) % 7) + 7) % 7;
  const thursday = day - weekday + 3;
  const { year } = partsFromSerial(thursday);
  const jan4 = serialFromParts(year, 1, 4);
  const jan4Weekday = (((jan4 - 2) % 7) + 7) % 7;
  const week1Monday = jan4 - jan4Weekday;
  return { year, week: Math.floor((thursday - week1Monday) / 7) + 1 };
}

/** The group of a date (a serial) for a grouping: its sortable key and its label. */
export function periodOf(serial: number, by: DateGrouping, lang: Lang): { key: string; label: string } {
  const p = partsFromSerial(Math.floor(serial));
  switch (by) {
    case 'day': {
      const key = isoDate(serial);
      return { key, label: key };
    }
    case 'week': {
      const w = isoWeek(serial);
      return { key: `${w.year}-W${pad(w.week)}`, label: WEEK[lang](w.week, w.year) };
    }
    case 'month':
      return { key: `${p.year}-${pad(p.month)}`, label: `${MONTHS[lang][p.month - 1]} ${p.year}` };
    case 'quarter': {
      const q = Math.ceil(p.month / 3);
      return { key: `${p.year}-Q${q}`, label: QUARTER[lang](q, p.year) };
    }
    case 'year':
      return { key: String(p.year), label: String(p.year) };
    case 'monthOfYear':
      return { key: pad(p.month), label: MONTHS[lang][p.month - 1]! };
  }
}

/** The first day (serial) of the month `offset` months from the month of `serial`. */
export function monthStart(serial: number, offset = 0): number {
  const p = partsFromSerial(Math.floor(serial));
  const m = p.month - 1 + offset;
  const year = p.year + Math.floor(m / 12);
  return serialFromParts(year, (((m % 12) + 12) % 12) + 1, 1);
}
