/**
 * Dates between Apps Script and the port.
 *
 * A Google Sheet stores a date as a zone-free serial (days since 1899-12-30), shown as is. Apps
 * Script's `getValues` hands such a cell over as a JS `Date`: the instant at which the spreadsheet's
 * time zone (File → Settings, `getSpreadsheetTimeZone()`) shows that wall clock. Reading the wall
 * clock back in the same zone gives the serial again, whatever zone the script or the server runs in.
 *
 * Why `Intl` and not `Utilities.formatDate`: both give the wall clock in a named zone, but
 * `Utilities` is an Apps Script service call, and a 10,000-row sheet with two date columns would
 * make 20,000 of them. `Intl.DateTimeFormat` with `timeZone` runs inside V8 (Apps Script's V8
 * runtime ships it), so the cost is CPU only. `Utilities` stays as a fallback for a runtime whose
 * `Intl` cannot do the zone; it is then one call per distinct date, and documented as such.
 */

import { serialFromParts } from '../core/dates.js';
import type { UtilitiesApi } from './apps-script-api.js';

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat | undefined;
  /** Dates in a column repeat (one per day at most): convert each instant once. */
  private readonly cache = new Map<number, number>();

  constructor(
    readonly timeZone: string,
    private readonly utilities?: Pick<UtilitiesApi, 'formatDate'>,
  ) {
    this.format = intlFormat(timeZone);
    if (!this.format && !utilities) {
      throw new Error(`This runtime cannot convert dates in time zone "${timeZone}" (no Intl time zones, no Utilities).`);
    }
  }

  /** True when dates convert without any Apps Script call. */
  get inProcess(): boolean {
    return this.format !== undefined;
  }

  /** The serial of the wall clock `date` shows in this zone (milliseconds kept). */
  serialOf(date: Date): number {
    const t = date.getTime();
    const known = this.cache.get(t);
    if (known !== undefined) return known;
    // Zone offsets are whole seconds, so the milliseconds of the wall clock are those of the instant.
    const ms = ((t % 1000) + 1000) % 1000;
    const p = this.format ? partsFromIntl(this.format, date) : partsFromUtilities(this.utilities!, date, this.timeZone);
    const serial = serialFromParts(p.year, p.month, p.day, p.hour, p.minute, p.second) + ms / 86_400_000;
    this.cache.set(t, serial);
    return serial;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function intlFormat(timeZone: string): Intl.DateTimeFormat | undefined {
  if (typeof Intl !== 'object' || typeof Intl.DateTimeFormat !== 'function') return undefined;
  try {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12:false: some ICU versions print midnight as "24" with the latter.
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    return typeof f.formatToParts === 'function' ? f : undefined;
  } catch {
    return undefined; // RangeError: unknown time zone in this runtime
  }
}

function partsFromIntl(format: Intl.DateTimeFormat, date: Date): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of format.formatToParts(date)) {
    switch (part.type) {
      case 'era':
        bc = /^B/i.test(part.value);
        break;
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        out[part.type] = Number(part.value);
        break;
    }
  }
  // Proleptic Gregorian with a year 0, as Date.UTC counts: 1 BC is year 0.
  if (bc) out.year = 1 - out.year;
  return out;
}

function partsFromUtilities(utilities: Pick<UtilitiesApi, 'formatDate'>, date: Date, timeZone: string): WallClock {
  const s = utilities.formatDate(date, timeZone, 'yyyy-MM-dd HH:mm:ss');
  const m = /^(-?\d+)-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(s);
  if (!m) throw new Error(`Unexpected date from Utilities.formatDate: ${s}`);
  return { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
}
