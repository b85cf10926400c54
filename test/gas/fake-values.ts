/**
 * What `setValues` stores in the fake (as a person typing it would), and dates between the
 * spreadsheet's serials and Apps Script's `Date`s in its time zone.
 */

import type { FakeCell } from './fake-sheet.js';

export const MS_PER_DAY = 86_400_000;
export const EPOCH_MS = Date.UTC(1899, 11, 30);
const MAX_CELL_CHARS = 50_000;

const ERROR_LITERAL = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!)$/i;
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** What parsing a typed value depends on: the spreadsheet's time zone, and words its locale reads as booleans. */
export interface TypingContext {
  timeZone: string;
  /** Beyond TRUE and FALSE, upper case (FakeOptions.booleanWords). */
  booleanWords: ReadonlyMap<string, boolean>;
}

export function storeValue(cell: FakeCell, v: unknown, typing: TypingContext): void {
  const timeZone = typing.timeZone;
  delete cell.formula;
  if (v === null || v === undefined || v === '') {
    cell.value = '';
    return;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Exception: Invalid value ${v}`);
    cell.value = v;
    return;
  }
  if (typeof v === 'boolean') {
    cell.value = v;
    return;
  }
  if (v instanceof Date) {
    cell.value = (wallClockMs(v.getTime(), timeZone) - EPOCH_MS) / MS_PER_DAY;
    if (!isDateFormat(cell.format)) cell.format = 'yyyy-mm-dd hh:mm:ss';
    return;
  }
  if (typeof v !== 'string') throw new Error(`fake setValues: unsupported value ${String(v)}`);
  if (v.length > MAX_CELL_CHARS) throw new Error(`Exception: Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  if (cell.format === '@') {
    cell.value = v; // plain text: stored as typed, a leading apostrophe included
    return;
  }
  Object.assign(cell, userEntered(v, cell.format, typing.booleanWords));
}

/** How Sheets reads a string typed into a cell that is not plain text (the subset that matters here). */
function userEntered(text: string, format: string | undefined, booleanWords: ReadonlyMap<string, boolean>): Pick<FakeCell, 'value' | 'formula' | 'format'> {
  const keep = format === undefined ? {} : { format };
  if (text.startsWith("'")) return { ...keep, value: text.slice(1) };
  if (text.startsWith('=')) return { ...keep, value: '', formula: text };
  if (/^[+-]/.test(text)) return NUMBER.test(text) ? { ...keep, value: Number(text) } : { ...keep, value: '', formula: `=${text}` };
  if (ERROR_LITERAL.test(text)) return { ...keep, value: text.toUpperCase() };
  if (NUMBER.test(text)) return { ...keep, value: Number(text) };
  const percent = /^\s*(\d+\.?\d*)\s*%\s*$/.exec(text);
  if (percent) return { format: format ?? '0.00%', value: Number(percent[1]) / 100 };
  if (/^(true|false)$/i.test(text.trim())) return { ...keep, value: text.trim().toLowerCase() === 'true' };
  const word = booleanWords.get(text.trim().toUpperCase());
  if (word !== undefined) return { ...keep, value: word };
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (date) return { format: isDateFormat(format) ? format : 'yyyy-mm-dd', value: (Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!) - EPOCH_MS) / MS_PER_DAY };
  return { ...keep, value: text };
}

export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === '@') return false;
  return /[ymdhs]/i.test(format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*]/g, ''));
}

// -------------------------------------------------------------------------------------------------
// Time zones, computed from the zone's UTC offset (independently of the adapter's wall-clock code)

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in ms, from Intl's "GMT+05:53:28" form. */
function offsetMs(instant: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) offsetFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(name);
  if (!m) throw new Error(`fake: cannot read offset ${name}`);
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * ((+m[2]! * 60 + +m[3]!) * 60 + +(m[4] ?? 0)) * 1000;
}

export function wallClockMs(instant: number, timeZone: string): number {
  return instant + offsetMs(instant, timeZone);
}

/** The instant showing `wall` in the zone; inside a DST gap, shifted forward (lenient calendar). */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const wallMs = Math.round(wall);
  const o1 = offsetMs(wallMs, timeZone);
  const t1 = wallMs - o1;
  if (wallClockMs(t1, timeZone) === wallMs) return t1;
  const o2 = offsetMs(t1, timeZone);
  const t2 = wallMs - o2;
  if (wallClockMs(t2, timeZone) === wallMs) return t2;
  // No instant shows this wall clock: read it with the offset before the gap (the smaller one).
  return wallMs - Math.min(o1, o2);
}
