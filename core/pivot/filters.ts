/**
 * Report filters, compiled once into a test of a sheet row: equals, in a list, between, empty /
 * not empty, and relative date ranges evaluated at build time on the workbook's clock (`now`, a
 * serial in the workbook's time zone). Values are read by the field's type, so "2026-03-04",
 * "04/03/2026" and a serial filter the same dates, and "lyon" finds "Lyon".
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { normalizeValue } from '../fields/normalize.js';
import { fold } from '../schema/lookup.js';
import type { Schema } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { isoWeek, monthStart } from './periods.js';
import type { ResolvedPath } from './paths.js';
import type { Filter, RelativeRange } from './types.js';
import { serialFromParts, partsFromSerial } from '../dates.js';

export type RowTest = (row: number) => boolean;

const DATE_TYPES = new Set(['date', 'datetime']);

/** [from, to) in serials for a relative range at `now`. */
export function relativeBounds(range: RelativeRange, now: number, n = 1): [number, number] {
  const today = Math.floor(now);
  const { year, month } = partsFromSerial(today);
  switch (range) {
    case 'today':
      return [today, today + 1];
    case 'thisWeek': {
      const weekday = (((today - 2) % 7) + 7) % 7;
      return [today - weekday, today - weekday + 7];
    }
    case 'thisMonth':
      return [monthStart(today), monthStart(today, 1)];
    case 'lastMonth':
      return [monthStart(today, -1), monthStart(today)];
    case 'thisQuarter': {
      const first = monthStart(today, -((month - 1) % 3));
      return [first, monthStart(first, 3)];
    }
    case 'lastQuarter': {
      const first = monthStart(today, -((month - 1) % 3) - 3);
      return [first, monthStart(first, 3)];
    }
    case 'thisYear':
      return [serialFromParts(year, 1, 1), serialFromParts(year + 1, 1, 1)];
    case 'lastYear':
      return [serialFromParts(year - 1, 1, 1), serialFromParts(year, 1, 1)];
    case 'yearToDate':
      return [serialFromParts(year, 1, 1), today + 1];
    case 'lastDays':
      // The last n days, today included.
      return [today - n + 1, today + 1];
    case 'lastMonths':
      // This month and the n − 1 before it.
      return [monthStart(today, -(n - 1)), monthStart(today, 1)];
  }
}


/** A filter value in the field's stored form, or the refusal naming the field and the value. */
function stored(schema: Schema, p: ResolvedPath, value: Cell, directory: string): Cell {
  if (value === null || value === '') return null;
  if (p.field.key === 'id' || p.type === 'reference') return typeof value === 'string' ? fold(value) : value;
  const n = normalizeValue(p.field, value, schema);
  if (!n.ok) fail({ code: 'E_BAD_INPUT', directory, field: p.field.key, value, message: say('Filter on {field}: {value} is {reason}.', { field: p.spoken, value: JSON.stringify(value), reason: n.reason }) });
  return n.value;
}

/** What a cell compares as: folded text, the day of a date, the number or boolean itself. */
function comparable(p: ResolvedPath, v: Cell): Cell {
  if (v === null || v === '') return null;
  if (typeof v === 'string') return fold(v);
  if (typeof v === 'number' && p.type === 'date') return Math.floor(v);
  return v;
}

export function compileFilters(schema: Schema, directory: string, filters: { filter: Filter; path: ResolvedPath; read: (row: number) => Cell }[], now: number): RowTest | undefined {
  if (filters.length === 0) return undefined;
  const tests: RowTest[] = filters.map(({ filter: f, path: p, read }) => {
    const value = (row: number) => comparable(p, read(row));
    switch (f.op) {
      case 'empty':
        return (row) => value(row) === null;
      case 'notEmpty':
        return (row) => value(row) !== null;
      case 'equals': {
        const want = comparable(p, stored(schema, p, f.value, directory));
        return (row) => value(row) === want;
      }
      case 'in': {
        const set = new Set(f.values.map((v) => comparable(p, stored(schema, p, v, directory))));
        return (row) => set.has(value(row));
      }
      case 'between': {
        const from = comparable(p, stored(schema, p, f.from, directory));
        const to = comparable(p, stored(schema, p, f.to, directory));
        return (row) => {
          const v = value(row);
          if (v === null) return false;
          if (from !== null && v < from) return false;
          if (to !== null && v > to) return false;
          return true;
        };
      }
      case 'relative': {
        if (!DATE_TYPES.has(p.type)) {
          fail({ code: 'E_BAD_INPUT', directory, field: p.field.key, message: say('Filter on {field}: a relative date range needs a date field, and {field} is {type}.', { field: p.spoken, type: p.type }) });
        }
        if ((f.range === 'lastDays' || f.range === 'lastMonths') && !(Number.isInteger(f.n) && f.n! > 0)) {
          const params = { field: p.spoken, range: f.range };
          const message = f.range === 'lastDays' ? say('Filter on {field}: {range} needs a whole number of days (n).', params) : say('Filter on {field}: {range} needs a whole number of months (n).', params);
          fail({ code: 'E_BAD_INPUT', directory, field: p.field.key, value: f.n ?? null, message });
        }
        const [from, to] = relativeBounds(f.range, now, f.n);
        return (row) => {
          const v = read(row);
          return typeof v === 'number' && v >= from && v < to;
        };
      }
    }
  });
  return tests.length === 1 ? tests[0] : (row) => tests.every((t) => t(row));
}
