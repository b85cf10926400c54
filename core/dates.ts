/**
 * Dates cross the port as spreadsheet serial numbers: days since 1899-12-30, the fraction being
 * the time of day. Serials are time-zone free: a day is the same number in every host.
 */

const MS_PER_DAY = 86_400_000;
/** 1899-12-30T00:00:00Z in ms since the Unix epoch. */
const EPOCH_MS = Date.UTC(1899, 11, 30);

/** Serial from calendar parts (month 1–12), computed in UTC so that TZ never shifts the day. */
export function serialFromParts(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): number {
  const ms = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  return (ms - EPOCH_MS) / MS_PER_DAY;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function partsFromSerial(serial: number): DateParts {
  // Round to the second: serials carry float noise (0.5/86400 ≈ 5.8e-6).
  const ms = Math.round((serial * MS_PER_DAY + EPOCH_MS) / 1000) * 1000;
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hours: d.getUTCHours(),
    minutes: d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-27` */
export function isoDate(serial: number): string {
  const p = partsFromSerial(serial);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2026-11-27T14:05:00` (no zone: a serial is wall-clock time of the workbook). */
export function isoDateTime(serial: number): string {
  const p = partsFromSerial(serial);
  return `${isoDate(serial)}T${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}`;
}

/**
 * Serial of a JS Date *read as UTC wall clock* (how ExcelJS encodes cell dates).
 */
export function serialFromUtcDate(date: Date): number {
  return (date.getTime() - EPOCH_MS) / MS_PER_DAY;
}

export function utcDateFromSerial(serial: number): Date {
  return new Date(Math.round(serial * MS_PER_DAY + EPOCH_MS));
}

/** Today's serial (whole day) for a wall-clock Date in a host's local zone. */
export function serialFromLocalDate(date: Date): number {
  return serialFromParts(date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds());
}
