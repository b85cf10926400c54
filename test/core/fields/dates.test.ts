import { afterEach, describe, expect, it } from 'vitest';
import { serialFromParts } from '../../../core/dates.js';
import { normalizeValue } from '../../../core/fields/normalize.js';
import { EN, FR, RU, UK, field, type Ctx } from './helpers.js';

const date = field('date');
const datetime = field('datetime');
const MARCH_4 = serialFromParts(2026, 3, 4);
const at = (h: number, m: number, s = 0) => serialFromParts(2026, 3, 4, h, m, s);
const YMD: Ctx = { ...EN, dateOrder: 'ymd' };

describe('normalizeValue for a date field', () => {
  describe('stores an integer serial', () => {
    it.each([
      ['2026-03-04', UK],
      ['2026-3-4', UK],
      ['2026/03/04', EN],
      ['2026-03-04T14:05:00Z', UK],
      ['2026-03-04 14:05', UK],
      ['04/03/2026', UK],
      ['04.03.2026', FR],
      ['4-3-2026', RU],
      ['04/03/26', UK],
      ['03/04/2026', EN],
      ['3/4/26', EN],
      ['26/03/04', YMD],
      ['4 March 2026', EN],
      ['March 4, 2026', EN],
      ['Mar 4 2026', UK],
      ['4-Mar-26', EN],
      ['4th March 2026', UK],
      ['Wednesday, March 4, 2026', EN],
      ['2026 March 4', EN],
      ['4 mars 2026', FR],
      ['4 MARS 2026', FR],
      ['mer. 4 mars 2026', FR],
      ['4 марта 2026', RU],
      ['4 марта 2026 г.', RU],
      ['4 мар. 2026', RU],
      ['4 март 2026', RU],
    ] as const)('%s', (raw, ctx) => {
      expect(normalizeValue(date, raw, ctx)).toEqual({ ok: true, value: MARCH_4 });
    });

    it('reads the day first when a ymd workbook gets a year-last date', () => {
      expect(normalizeValue(date, '04/03/2026', YMD)).toEqual({ ok: true, value: MARCH_4 });
    });

    it('reads 1er as the first', () => {
      expect(normalizeValue(date, '1er mars 2026', FR)).toEqual({ ok: true, value: serialFromParts(2026, 3, 1) });
    });
  });

  it('takes two-digit years 00–69 as 2000s and 70–99 as 1900s', () => {
    expect(normalizeValue(date, '01/01/69', UK)).toEqual({ ok: true, value: serialFromParts(2069, 1, 1) });
    expect(normalizeValue(date, '01/01/70', UK)).toEqual({ ok: true, value: serialFromParts(1970, 1, 1) });
    expect(normalizeValue(date, '01/01/00', UK)).toEqual({ ok: true, value: serialFromParts(2000, 1, 1) });
  });

  it('accepts a serial number, keeping only the day of a date-time serial', () => {
    expect(normalizeValue(date, MARCH_4, EN)).toEqual({ ok: true, value: MARCH_4 });
    expect(normalizeValue(date, at(14, 5), EN)).toEqual({ ok: true, value: MARCH_4 });
    expect(normalizeValue(date, MARCH_4 - 1e-9, EN)).toEqual({ ok: true, value: MARCH_4 });
  });

  it('refuses serials outside 1..2958465', () => {
    for (const raw of [0, -5, 2958466, 1e12]) {
      expect(normalizeValue(date, raw, EN)).toEqual({ ok: false, reason: 'date out of range (years 1900 to 9999)' });
    }
    expect(normalizeValue(date, 2958465, EN)).toEqual({ ok: true, value: 2958465 });
    expect(normalizeValue(date, '1899-12-30', EN).ok).toBe(false);
  });

  it('refuses days that do not exist as "not a real date"', () => {
    for (const raw of ['2026-02-30', '2025-02-29', '31/04/2026', '2026-13-01', '00/01/2026', '30 février 2026']) {
      expect(normalizeValue(date, raw, FR)).toEqual({ ok: false, reason: 'not a real date' });
    }
    expect(normalizeValue(date, '2024-02-29', FR)).toEqual({ ok: true, value: serialFromParts(2024, 2, 29) });
    expect(normalizeValue(date, '13/25/2026', EN)).toEqual({ ok: false, reason: 'not a real date' });
  });

  describe('refuses what is not a date, with an example in the workbook order', () => {
    it.each(['tomorrow', '2026', '46085', '4 March', 'March 2026', '4 Foo 2026', '1/2/3/4', '2026-03-04 bla'])(
      '%s',
      (raw) => {
        expect(normalizeValue(date, raw, UK)).toEqual({
          ok: false,
          reason: 'not a date (expected e.g. 2026-03-04 or 04/03/2026)',
        });
      },
    );

    it('and shows the month first in a US workbook', () => {
      expect(normalizeValue(date, 'soon', EN)).toEqual({
        ok: false,
        reason: 'not a date (expected e.g. 2026-03-04 or 03/04/2026)',
      });
      expect(normalizeValue(date, true, YMD)).toEqual({
        ok: false,
        reason: 'not a date (expected e.g. 2026-03-04 or 2026/03/04)',
      });
    });
  });
});

describe('normalizeValue for a datetime field', () => {
  describe('stores a serial with the time as fraction', () => {
    it.each([
      ['2026-03-04T14:05', at(14, 5)],
      ['2026-03-04t14:05:00.123Z', at(14, 5)],
      ['2026-03-04T14:05:00+03:00', at(14, 5)],
      ['2026-03-04 14:05:30', at(14, 5, 30)],
      ['04/03/2026 14:05', at(14, 5)],
      ['4 March 2026, 2:05 pm', at(14, 5)],
      ['March 4, 2026 12:30 AM', at(0, 30)],
      ['4 mars 2026 à 14h05', at(14, 5)],
      ['4 марта 2026 г. 14:05', at(14, 5)],
      ['4 марта 2026 в 9:00', at(9, 0)],
    ] as const)('%s', (raw, value) => {
      const ctx = raw.includes('mars') ? FR : raw.includes('марта') ? RU : UK;
      expect(normalizeValue(datetime, raw, ctx)).toEqual({ ok: true, value });
    });
  });

  it('gives midnight for a date alone', () => {
    expect(normalizeValue(datetime, '2026-03-04', UK)).toEqual({ ok: true, value: MARCH_4 });
  });

  it('accepts a serial, snapped to the whole second', () => {
    expect(normalizeValue(datetime, at(14, 5), UK)).toEqual({ ok: true, value: at(14, 5) });
    expect(normalizeValue(datetime, at(14, 5) + 1e-9, UK)).toEqual({ ok: true, value: at(14, 5) });
  });

  it('refuses impossible times as "not a real time"', () => {
    for (const raw of ['2026-03-04 24:00', '2026-03-04 14:60', '2026-03-04 13:00 pm', '2026-03-04 14:05:61']) {
      expect(normalizeValue(datetime, raw, UK)).toEqual({ ok: false, reason: 'not a real time' });
    }
  });

  it('refuses what is not a date and time', () => {
    for (const raw of ['14:05', 'now', false]) {
      expect(normalizeValue(datetime, raw, UK)).toEqual({
        ok: false,
        reason: 'not a date and time (expected e.g. 2026-03-04 14:05)',
      });
    }
    expect(normalizeValue(datetime, '2026-02-30 10:00', UK)).toEqual({ ok: false, reason: 'not a real date' });
  });
});

describe('dates do not depend on the machine time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  const inputs: [typeof date, string | number][] = [
    [date, '2026-03-04'],
    [date, '04/03/2026'],
    [date, '4 марта 2026'],
    [date, '2026-03-29'], // Europe's DST switch
    [date, '2026-03-08'], // the US DST switch
    [datetime, '2026-03-29 02:30'], // a wall-clock time that does not exist in Paris
    [datetime, '2026-11-01 01:30'], // one that exists twice in New York
    [datetime, '1970-01-01 00:00'],
    [date, 46085.75],
  ];
  const serials = () => inputs.map(([f, raw]) => normalizeValue(f, raw, UK));

  it('gives the same serials under UTC, Kiritimati (UTC+14), Honolulu, Paris and New York', () => {
    process.env.TZ = 'UTC';
    const reference = serials();
    expect(reference.every((r) => r.ok)).toBe(true);
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Honolulu', 'Europe/Paris', 'America/New_York']) {
      process.env.TZ = tz;
      // Proves the zone really changed for this process, or the test would prove nothing.
      expect(new Date(Date.UTC(2026, 0, 1)).getHours()).toBe(
        { 'Pacific/Kiritimati': 14, 'Pacific/Honolulu': 14, 'Europe/Paris': 1, 'America/New_York': 19 }[tz],
      );
      expect(serials()).toEqual(reference);
    }
  });
});
