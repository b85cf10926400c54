/**
 * The pivot engine: one pass over the rows as the sheet returns them, every group field
 * dictionary-encoded (a value → a small integer, once per distinct value; dates → their period
 * through a per-day cache), every data value into a flat typed array; then accumulation into flat
 * arrays indexed by (row group, column group). Nothing is allocated per row in the pass. Money is
 * summed as scaled integers (cents), exactly: a column of 0.10 sums to 0.30.
 *
 * The engine knows no host: it takes a grid and the columns to read (paths.ts), and gives
 * accumulators that shape.ts orders, cuts (top N), totals and finalises.
 */

import { a1 } from '../workbook.js';
import type { Cell } from '../workbook.js';
import { currencyDigits } from '../fields/currency.js';
import { fold } from '../schema/lookup.js';
import type { Lang } from '../schema/types.js';
import type { ResolvedPath } from './paths.js';
import { YES_NO } from './labels.js';
import { periodOf } from './periods.js';
import type { Aggregation, DateGrouping } from './types.js';

/** A group field as the engine reads it. */
export interface GroupInput {
  path: ResolvedPath;
  read: (row: number) => Cell;
  /** Set for date fields. */
  by?: DateGrouping;
}

export interface DataInput {
  path: ResolvedPath;
  read: (row: number) => Cell;
  agg: Aggregation;
  /** Money fields: the currency whose minor unit values are scaled to. */
  currency?: string;
}

/** One distinct group value: its key (ISO for dates), its label, and whether it is the blank group. */
export interface GroupValue {
  key: string | number | boolean | null;
  label: string;
  blank?: true;
}

/** Per data field, accumulators for each (row tuple, column tuple) cell, each row, column, and overall. */
export interface Accumulator {
  agg: Aggregation;
  /** Scale of money values (100 for cents); 1 otherwise. */
  scale: number;
  sum: Float64Array;
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** countDistinct: the distinct value codes per cell index (cells, then rows, then columns, then the grand total). */
  distinct?: Map<number, Set<number>>;
}

export interface Accumulated {
  /** Distinct values of each row field and column field, by code. */
  rowValues: GroupValue[][];
  columnValues: GroupValue[][];
  /** Row and column tuples (one code per field), in first-seen order. */
  rowTuples: number[][];
  columnTuples: number[][];
  /** One per data field. Index layout: cells [r × C + c], then R row totals, C column totals, 1 grand. */
  data: Accumulator[];
  records: number;
  skipped: { sheet: string; cell: string; value: Cell }[];
  skippedCount: number;
}

const BLANK_LABEL: Record<Lang, string> = { en: '(blank)', fr: '(vide)', ru: '(пусто)' };
const SKIPPED_KEPT = 20;

/** Days a date field's lookup table covers directly (40 years); others go through a map. */
const DAY_SPAN = 14_610;

/** Dictionary encoding of one group field: a value → its code, once per distinct value. */
class Encoder {
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

export interface EngineInput {
  sheet: string;
  grid: Cell[][];
  /** The ID column (-1 when none): a row with an ID is a record without looking further. */
  idColumn: number;
  /** Rows of the grid that are records (sheet rows, 0-based; the header is 0). */
  isRecord: (row: number) => boolean;
  test?: (row: number) => boolean;
  rows: GroupInput[];
  columns: GroupInput[];
  data: DataInput[];
  lang: Lang;
}

export function accumulate(input: EngineInput): Accumulated {
  const { grid, rows, columns, data, lang } = input;
  const height = grid.length;
  const groups = [...rows, ...columns];
  const encoders = groups.map((g) => new Encoder(lang, g.by));
  const skipped: { sheet: string; cell: string; value: Cell }[] = [];
  let skippedCount = 0;
  const skip = (row: number, column: number, value: Cell) => {
    skippedCount++;
    if (skipped.length < SKIPPED_KEPT) skipped.push({ sheet: input.sheet, cell: a1(row, column), value });
  };

  // The pass: each row read once (rows are scattered in memory: a second pass costs as much as
  // the first), its group codes and data values written to flat arrays; no object per row.
  const G = groups.length;
  const D = data.length;
  const codes = groups.map(() => new Int32Array(Math.max(0, height - 1)));
  const scales = data.map((d) => (d.currency ? 10 ** currencyDigits(d.currency) : 1));
  const distinctEncoders = data.map((d) => (d.agg === 'countDistinct' ? new Encoder(lang, undefined) : undefined));
  const values = data.map((d) => new Float64Array(d.agg === 'count' ? 0 : Math.max(0, height - 1)));
  /** How each group field is read: 0 a cell through its map, 1 a date through the day table, 2 through references, 3 no column. */
  const groupKind = groups.map((g) => (g.path.column < 0 ? 3 : g.path.hops.length > 0 ? 2 : g.by ? 1 : 0));
  const groupColumn = groups.map((g) => g.path.column);
  // Through references: the starting cell (a company's name) → the final code, once per name.
  const hopCodes = groups.map(() => new Map<Cell, number>());
  /** How each data field is read: 0 counted, 1 a number cell, 2 through references, 3 distinct values, 4 no column. */
  const dataKind = data.map((d) => (d.agg === 'count' ? 0 : d.path.column < 0 ? 4 : d.agg === 'countDistinct' ? 3 : d.path.hops.length > 0 ? 2 : 1));
  const dataColumn = data.map((d) => d.path.column);
  const id = input.idColumn;
  const test = input.test;
  let n = 0;
  rowLoop: for (let r = 1; r < height; r++) {
    const row = grid[r]!;
    const idValue = id >= 0 ? row[id] : null;
    if (!(typeof idValue === 'string' && idValue !== '') && !input.isRecord(r)) continue;
    if (test && !test(r)) continue;
    for (let g = 0; g < G; g++) {
      const e = encoders[g]!;
      let code: number;
      switch (groupKind[g]) {
        case 0: {
          const raw = row[groupColumn[g]!] ?? null;
          const known = e.byRaw.get(raw);
          code = known !== undefined ? known : e.code(raw);
          break;
        }
        case 1: {
          const raw = row[groupColumn[g]!];
          if (typeof raw === 'number') {
            const k = Math.floor(raw) - e.dayBase;
            code = e.dayBase >= 0 && k >= 0 && k < DAY_SPAN && e.days[k]! >= 0 ? e.days[k]! : e.day(Math.floor(raw));
          } else code = e.code(raw ?? null);
          break;
        }
        case 2: {
          const raw = row[groupColumn[g]!] ?? null;
          const memo = hopCodes[g]!;
          const known = memo.get(raw);
          if (known !== undefined) code = known;
          else memo.set(raw, (code = e.code(groups[g]!.read(r))));
          break;
        }
        default:
          code = e.blank();
      }
      if (code < 0) {
        // A date field holding text: the row is left out and reported.
        skip(r, groupColumn[g]!, groupKind[g] === 2 ? groups[g]!.read(r) : (row[groupColumn[g]!] ?? null));
        continue rowLoop;
      }
      codes[g]![n] = code;
    }
    for (let d = 0; d < D; d++) {
      const kind = dataKind[d]!;
      if (kind === 0) continue;
      if (kind === 4) {
        values[d]![n] = data[d]!.agg === 'countDistinct' ? -1 : NaN;
        continue;
      }
      const raw = kind === 2 ? data[d]!.read(r) : row[dataColumn[d]!];
      if (kind === 3) {
        values[d]![n] = raw === null || raw === undefined || raw === '' ? -1 : distinctEncoders[d]!.code(raw);
      } else if (typeof raw === 'number') {
        const scale = scales[d]!;
        values[d]![n] = scale === 1 ? raw : Math.round(raw * scale);
      } else {
        // Text in a number column is never counted as 0: reported with its cell, left out.
        values[d]![n] = NaN;
        if (raw !== null && raw !== undefined && raw !== '') skip(r, dataColumn[d]!, raw);
      }
    }
    n++;
  }

  // Tuples of codes: one field's tuple is its code; several are numbered in first-seen order.
  const tuples = (from: number, count: number) => {
    if (count === 0) return { list: n > 0 ? [[]] : [], index: new Int32Array(n) };
    if (count === 1) {
      // A value seen only on rows dropped later (a date field holding text) has no tuple.
      const codeOf = codes[from]!;
      const seen = new Uint8Array(encoders[from]!.values.length);
      for (let i = 0; i < n; i++) seen[codeOf[i]!] = 1;
      if (!seen.includes(0)) return { list: encoders[from]!.values.map((_, code) => [code]), index: codeOf };
      const remap = new Int32Array(seen.length).fill(-1);
      const list: number[][] = [];
      seen.forEach((s, code) => {
        if (s) (remap[code] = list.length), list.push([code]);
      });
      return { list, index: codeOf.map((c) => remap[c]!) };
    }
    const radix = encoders.slice(from, from + count).map((e) => Math.max(1, e.values.length));
    const space = radix.reduce((a, b) => a * b, 1);
    const list: number[][] = [];
    const index = new Int32Array(n);
    // Few combinations (the usual case) are looked up in a flat table, many in a map.
    const dense = space <= 1 << 22 ? new Int32Array(space).fill(-1) : undefined;
    const seen = dense ? undefined : new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let key = 0;
      for (let g = 0; g < count; g++) key = key * radix[g]! + codes[from + g]![i]!;
      let t = dense ? dense[key]! : (seen!.get(key) ?? -1);
      if (t < 0) {
        t = list.length;
        if (dense) dense[key] = t;
        else seen!.set(key, t);
        const tuple: number[] = [];
        for (let g = 0; g < count; g++) tuple.push(codes[from + g]![i]!);
        list.push(tuple);
      }
      index[i] = t;
    }
    return { list, index };
  };
  const rowT = tuples(0, rows.length);
  const colT = tuples(rows.length, columns.length);
  const R = rowT.list.length;
  const C = colT.list.length;
  const size = R * C + R + C + 1;
  const rowBase = R * C;
  const colBase = R * C + R;
  const grand = R * C + R + C;

  const accumulators: Accumulator[] = data.map((d, k) => {
    const a: Accumulator = {
      agg: d.agg,
      scale: scales[k]!,
      sum: new Float64Array(size),
      count: new Float64Array(size),
      min: new Float64Array(size).fill(Infinity),
      max: new Float64Array(size).fill(-Infinity),
      ...(d.agg === 'countDistinct' ? { distinct: new Map<number, Set<number>>() } : {}),
    };
    const v = values[k]!;
    const { sum, count, min, max, distinct } = a;
    const ri = rowT.index;
    const ci = colT.index;
    // One loop per aggregation, touching only what it needs; totals come from the cells after.
    if (d.agg === 'count') {
      for (let i = 0; i < n; i++) count[ri[i]! * C + ci[i]!]! += 1;
    } else if (distinct) {
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if (x < 0) continue;
        const rt = ri[i]!;
        const ct = ci[i]!;
        addDistinct(distinct, rt * C + ct, x);
        addDistinct(distinct, rowBase + rt, x);
        addDistinct(distinct, colBase + ct, x);
        addDistinct(distinct, grand, x);
      }
    } else if (d.agg === 'sum' || d.agg === 'average') {
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if (x !== x) continue; // NaN: empty, or text left out
        const s = ri[i]! * C + ci[i]!;
        sum[s]! += x;
        count[s]! += 1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const x = v[i]!;
        if (x !== x) continue;
        const s = ri[i]! * C + ci[i]!;
        count[s]! += 1;
        if (x < min[s]!) min[s] = x;
        if (x > max[s]!) max[s] = x;
      }
    }
    if (!distinct) {
      // Row, column and grand totals from the cells: exact for counts and for money in minor units.
      for (let r = 0; r < R; r++) {
        for (let c = 0; c < C; c++) {
          const s = r * C + c;
          if (count[s] === 0) continue;
          for (const t of [rowBase + r, colBase + c, grand]) {
            sum[t]! += sum[s]!;
            count[t]! += count[s]!;
            if (min[s]! < min[t]!) min[t] = min[s]!;
            if (max[s]! > max[t]!) max[t] = max[s]!;
          }
        }
      }
    }
    return a;
  });

  return {
    rowValues: encoders.slice(0, rows.length).map((e) => e.values),
    columnValues: encoders.slice(rows.length).map((e) => e.values),
    rowTuples: rowT.list,
    columnTuples: colT.list,
    data: accumulators,
    records: n,
    skipped,
    skippedCount,
  };
}

function addDistinct(distinct: Map<number, Set<number>>, slot: number, code: number): void {
  let set = distinct.get(slot);
  if (!set) distinct.set(slot, (set = new Set()));
  set.add(code);
}

/** The value an accumulator slot stands for (money back from its scale); null where nothing fell. */
export function finalValue(a: Accumulator, slot: number): number | null {
  switch (a.agg) {
    case 'count':
      return a.count[slot]! > 0 ? a.count[slot]! : null;
    case 'countDistinct': {
      const size = a.distinct?.get(slot)?.size ?? 0;
      return size > 0 ? size : null;
    }
    case 'sum':
      return a.count[slot]! > 0 ? a.sum[slot]! / a.scale : null;
    case 'average':
      return a.count[slot]! > 0 ? a.sum[slot]! / a.count[slot]! / a.scale : null;
    case 'min':
      return a.count[slot]! > 0 ? a.min[slot]! / a.scale : null;
    case 'max':
      return a.count[slot]! > 0 ? a.max[slot]! / a.scale : null;
  }
}
