/**
 * Reading one column of a file into stored values: the field type's normalisation (the same as a
 * form's), with the file's own date order, the import's country for phones, Carnet's CSV guard
 * taken off, and results remembered per distinct text — real exports repeat their values (a city,
 * a phone per company, a date per day), and parsing a phone is the costliest step of an import.
 */

import { unguardCell } from '../export/csv-guard.js';
import { normalizeValue, type NormalizeContext, type Normalized } from '../fields/normalize.js';
import { say } from '../messages/say.js';
import type { FieldDef, Schema } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import type { DateOrder } from './types.js';

const NUMERIC_DATE = /^\s*(\d{1,4})[./\-](\d{1,2})[./\-](\d{1,4})(?:$|[\sT,])/;

export interface DateEvidence {
  order: DateOrder;
  ambiguous: boolean;
  note: string;
}

/**
 * The order a file writes its numeric dates in, from its values: a first part over 12 is a day
 * (31.01.2025), a second part over 12 is a day written after the month (01/31/2025), four digits
 * first is ISO. When no value tells, the workbook's order is used and the column says so.
 */
export function detectDateOrder(values: Iterable<Cell>, fallback: Schema['dateOrder']): DateEvidence | undefined {
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  let numeric = 0;
  let firstDmy = '';
  let firstMdy = '';
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const m = NUMERIC_DATE.exec(v);
    if (!m) continue;
    numeric++;
    if (m[1]!.length === 4) {
      ymd++;
      continue;
    }
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) {
      dmy++;
      firstDmy ||= v.trim();
    } else if (b > 12 && a <= 12) {
      mdy++;
      firstMdy ||= v.trim();
    }
  }
  if (numeric === 0) return undefined;
  if (dmy > 0 && mdy > 0) {
    const order: DateOrder = dmy >= mdy ? 'dmy' : 'mdy';
    return { order, ambiguous: true, note: say('both orders appear: "{dmy}" is day first, "{mdy}" month first; read as {order} (the other rows are rejected)', { dmy: firstDmy, mdy: firstMdy, order: orderName(order) }) };
  }
  if (dmy > 0) return { order: 'dmy', ambiguous: false, note: say('day first ("{example}")', { example: firstDmy }) };
  if (mdy > 0) return { order: 'mdy', ambiguous: false, note: say('month first ("{example}")', { example: firstMdy }) };
  if (ymd === numeric) return { order: 'ymd', ambiguous: false, note: say('year first (ISO)') };
  const order = fallback === 'ymd' ? 'dmy' : fallback;
  return { order, ambiguous: true, note: say("no day above 12, so the order cannot be told from the file; read as {order}, the workbook's order", { order: orderName(order) }) };
}

const orderName = (order: DateOrder): string => (order === 'dmy' ? say('day first') : say('month first'));

export type Reader = (raw: Cell) => Normalized;

/** A cached normaliser for one column. `guarded`: text from a CSV, where Carnet's own guard is removed. */
export function columnReader(field: FieldDef, context: NormalizeContext, guarded: boolean): Reader {
  // Remembered only where values repeat and reading them costs: names, emails and notes are
  // mostly distinct, and a cache of them costs more than it saves (measured by bench/import.ts).
  const cache = REPEATING.has(field.type) ? new Map<string, Normalized>() : undefined;
  return (raw) => {
    if (typeof raw !== 'string') return normalizeValue(field, raw, context);
    const hit = cache?.get(raw);
    if (hit) return hit;
    const result = normalizeValue(field, guarded ? unguardCell(raw) : raw, context);
    // Bounded: a column of 100,000 distinct values would otherwise keep them all twice.
    if (cache && cache.size < 50_000) cache.set(raw, result);
    return result;
  };
}

const REPEATING = new Set(['phone', 'date', 'datetime', 'number', 'integer', 'money', 'percent', 'boolean', 'choice']);
