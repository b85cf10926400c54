/**
 * Dictionary encoding of a group field: each distinct value → a small integer, once. Text groups
 * as spreadsheets group it (case and stray spaces aside; the first spelling names the group);
 * dates go to their period (month, quarter…) through a per-day table, so a million sales over
 * three years compute a period about a thousand times.
 */

import type { Cell } from '../workbook.js';
import { fold } from '../schema/lookup.js';
import type { Lang } from '../schema/types.js';
import { YES_NO } from './labels.js';
import { periodOf } from './periods.js';
import type { DateGrouping } from './types.js';

/** One distinct group value: its key (ISO for dates), its label, and whether it is the blank group. */
export interface GroupValue {
  key: string | number | boolean | null;
  label: string;
  blank?: true;
}

export const BLANK_LABEL: Record<Lang, string> = { en: '(blank)', fr: '(vide)', ru: '(пусто)' };

/** Days a date field's lookup table covers directly (40 years); others go through a map. */
export const DAY_SPAN = 14_610;

/** Dictionary encoding of one group field: a value → its code, once per distinct value. */
export class Encoder {
  readonly values: GroupValue[] = [];
  /** Raw cell → code, for text and numbers (and, through references, the starting value). */
  readonly byRaw = new Map<Cell, number>();
  private readonly byKey = new Map<string | number | boolean, number>();
  /** Dates: a day's code by (day − base), -1 until seen; days outside go through `farDays`. */
  dayBase = -1;
  readonly days: Int32Array;
  private readonly farDays = new Map<number, number>();
  private blankCode = -1;

  constructor(
    private readonly lang: Lang,
    private readonly by: DateGrouping | undefined,
  ) {
    this.days = new Int32Array(by ? DAY_SPAN : 0).fill(-1);
  }

  /** The code of a value; -1 when a date field holds something that is not a date. */
  code(raw: Cell): number {
    if (raw === null || raw === '') return this.blank();
    if (this.by) return typeof raw === 'number' ? this.day(Math.floor(raw)) : -1;
    const known = this.byRaw.get(raw);
    if (known !== undefined) return known;
    let code: number;
    if (typeof raw === 'string') {
      if (raw.trim() === '') return this.blank();
      // Grouped as spreadsheets group text: case and stray spaces aside; the first spelling names it.
      code = this.intern(fold(raw), raw.trim(), raw.trim());
    } else if (typeof raw === 'boolean') {
      code = this.intern(raw, YES_NO[this.lang][raw ? 0 : 1], raw);
    } else {
      code = this.intern(raw, String(raw), raw);
    }
    this.byRaw.set(raw, code);
    return code;
  }

  /** A day's period code, through the table (first day seen sets the window: ±20 years). */
  day(day: number): number {
    if (this.dayBase < 0) this.dayBase = day - (DAY_SPAN >> 1);
    const i = day - this.dayBase;
    if (i >= 0 && i < DAY_SPAN) {
      const c = this.days[i]!;
      if (c >= 0) return c;
      return (this.days[i] = this.period(day));
    }
    let c = this.farDays.get(day);
    if (c === undefined) this.farDays.set(day, (c = this.period(day)));
    return c;
  }

  private period(day: number): number {
    const p = periodOf(day, this.by!, this.lang);
    return this.intern(p.key, p.label, p.key);
  }

  private intern(key: string | number | boolean, label: string, shown: string | number | boolean): number {
    let code = this.byKey.get(key);
    if (code === undefined) {
      code = this.values.length;
      this.values.push({ key: shown, label });
      this.byKey.set(key, code);
    }
    return code;
  }

  blank(): number {
    if (this.blankCode < 0) {
      this.blankCode = this.values.length;
      this.values.push({ key: null, label: BLANK_LABEL[this.lang], blank: true });
    }
    return this.blankCode;
  }
}
