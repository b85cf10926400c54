/**
 * The pivot engine: one pass over the rows as the sheet returns them. Each row is read once (rows
 * are scattered in memory: a second pass over them costs as much as the first). Its group fields
 * are dictionary-encoded (encoder.ts), the codes combined into one number, and that number finds
 * the row's slot — the (row group, column group) cell — through a flat table; the data values are
 * accumulated into the slot's entries of flat typed arrays. Nothing is allocated per row, and the
 * rows are never copied. Money is summed as scaled integers (cents), exactly: a column of 0.10
 * sums to 0.30.
 *
 * The engine knows no host: it takes a grid and the columns to read (paths.ts), and gives
 * accumulators that shape.ts orders, cuts (top N), totals and finalises.
 */

import { currencyDigits } from '../fields/currency.js';
import type { Cell } from '../workbook.js';
import { a1 } from '../workbook.js';
import type { Lang } from '../schema/types.js';
import { DAY_SPAN, Encoder, type GroupValue } from './encoder.js';
import type { ResolvedPath } from './paths.js';
import type { Aggregation, DateGrouping } from './types.js';

export type { GroupValue } from './encoder.js';

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
  /** Row and column tuples (one code per field). */
  rowTuples: number[][];
  columnTuples: number[][];
  /** One per data field. Index layout: cells [r × C + c], then R row totals, C column totals, 1 grand. */
  data: Accumulator[];
  records: number;
  skipped: { sheet: string; cell: string; value: Cell }[];
  skippedCount: number;
}

const SKIPPED_KEPT = 20;
/** Combined keys looked up in a flat table up to this many (4 M entries, 16 MB); beyond, a map. */
const DENSE_KEYS = 1 << 22;

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

/**
 * Slots: one per combination of group codes met, in first-seen order, each with its codes and
 * its accumulators (growable flat arrays). A combination's key is its codes in mixed radix over
 * each field's capacity (a power of two, doubled when a field meets more values, which re-keys
 * the few slots there are).
 */
class Slots {
  count = 0;
  private capacity = 1024;
  codes: Int32Array;
  hits: Float64Array;
  sum: Float64Array[];
  n: Float64Array[];
  min: Float64Array[];
  max: Float64Array[];
  distinct: (Map<number, Set<number>> | undefined)[];
  /** Per field: capacity (power of two) and the multiplier of its code in the key. */
  readonly caps: number[];
  readonly mult: number[];
  /** Key → slot: a flat table while the keys are few, else a map (then `dense` is empty). */
  dense: Int32Array = new Int32Array(0);
  private sparse: Map<number, number> | undefined;
  /** Bumped whenever the arrays above are replaced: the pass then re-reads its local copies. */
  version = 0;

  constructor(
    private readonly fields: number,
    private readonly aggs: Aggregation[],
  ) {
    this.codes = new Int32Array(this.capacity * Math.max(1, fields));
    this.hits = new Float64Array(this.capacity);
    const arrays = (need: (a: Aggregation) => boolean, fill = 0) => aggs.map((a) => (need(a) ? new Float64Array(this.capacity).fill(fill) : new Float64Array(0)));
    this.sum = arrays((a) => a === 'sum' || a === 'average');
    this.n = arrays((a) => a !== 'count' && a !== 'countDistinct');
    this.min = arrays((a) => a === 'min', Infinity);
    this.max = arrays((a) => a === 'max', -Infinity);
    this.distinct = aggs.map((a) => (a === 'countDistinct' ? new Map<number, Set<number>>() : undefined));
    this.caps = new Array<number>(fields).fill(8);
    this.mult = new Array<number>(fields).fill(1);
    this.rekey();
  }

  /** Room for a code: false when the field's capacity had to grow (keys then change). */
  fits(field: number, code: number): boolean {
    if (code < this.caps[field]!) return true;
    while (this.caps[field]! <= code) this.caps[field]! *= 2;
    this.rekey();
    return false;
  }

  /** The slot of a key, made (with these codes) when new. The pass looks `dense` up itself first. */
  slot(key: number, codes: Int32Array): number {
    let s = this.sparse ? (this.sparse.get(key) ?? -1) : this.dense[key]!;
    if (s >= 0) return s;
    s = this.count++;
    if (s >= this.capacity) this.grow();
    this.codes.set(codes.subarray(0, this.fields), s * this.fields);
    if (this.sparse) this.sparse.set(key, s);
    else this.dense[key] = s;
    return s;
  }

  private rekey(): void {
    let m = 1;
    for (let f = this.fields - 1; f >= 0; f--) {
      this.mult[f] = m;
      m *= this.caps[f]!;
    }
    this.dense = m <= DENSE_KEYS ? new Int32Array(m).fill(-1) : new Int32Array(0);
    this.sparse = m <= DENSE_KEYS ? undefined : new Map();
    this.version++;
    for (let s = 0; s < this.count; s++) {
      let key = 0;
      for (let f = 0; f < this.fields; f++) key += this.codes[s * this.fields + f]! * this.mult[f]!;
      if (this.sparse) this.sparse.set(key, s);
      else this.dense[key] = s;
    }
  }

  private grow(): void {
    const size = this.capacity * 2;
    const widen = (a: Float64Array, fill = 0) => {
      if (a.length === 0) return a;
      const b = new Float64Array(size).fill(fill);
      b.set(a);
      return b;
    };
    const codes = new Int32Array(size * Math.max(1, this.fields));
    codes.set(this.codes);
    this.codes = codes;
    this.hits = widen(this.hits);
    this.sum = this.sum.map((a) => widen(a));
    this.n = this.n.map((a) => widen(a));
    this.min = this.min.map((a) => widen(a, Infinity));
    this.max = this.max.map((a) => widen(a, -Infinity));
    this.capacity = size;
    this.version++;
  }
}

export function accumulate(input: EngineInput): Accumulated {
  const { grid, rows, columns, data, lang } = input;
  const height = grid.length;
  const groups = [...rows, ...columns];
  const G = groups.length;
  const D = data.length;
  const encoders = groups.map((g) => new Encoder(lang, g.by));
  const skipped: { sheet: string; cell: string; value: Cell }[] = [];
  let skippedCount = 0;
  const skip = (row: number, column: number, value: Cell) => {
    skippedCount++;
    if (skipped.length < SKIPPED_KEPT) skipped.push({ sheet: input.sheet, cell: a1(row, column), value });
  };

  const scales = data.map((d) => (d.currency ? 10 ** currencyDigits(d.currency) : 1));
  const distinctEncoders = data.map((d) => (d.agg === 'countDistinct' ? new Encoder(lang, undefined) : undefined));
  /** How each group field is read: 0 a cell through its map, 1 a date through the day table, 2 through references, 3 no column. */
  const groupKind = groups.map((g) => (g.path.column < 0 ? 3 : g.path.hops.length > 0 ? 2 : g.by ? 1 : 0));
  const groupColumn = groups.map((g) => g.path.column);
  // Through references: the starting cell (a company's name) → the final code, once per name.
  const hopCodes = groups.map(() => new Map<Cell, number>());
  /** How each data field is read: 0 counted, 1 a number cell, 2 through references, 3 distinct values, 4 no column. */
  const dataKind = data.map((d) => (d.agg === 'count' ? 0 : d.path.column < 0 ? 4 : d.agg === 'countDistinct' ? 3 : d.path.hops.length > 0 ? 2 : 1));
  const dataColumn = data.map((d) => d.path.column);
  /** What a number adds to: 0 the sum (sum, average), 1 the minimum, 2 the maximum. */
  const aggKind = data.map((d) => (d.agg === 'min' ? 1 : d.agg === 'max' ? 2 : 0));
  const slots = new Slots(G, data.map((d) => d.agg));
  const caps = slots.caps;
  // Local copies of the slots' arrays, re-read when the slots replace them (growth, re-keying).
  let { version, dense, hits } = slots;
  let sums = slots.sum;
  let ns = slots.n;
  let mins = slots.min;
  let maxs = slots.max;
  // Records per slot are kept only for a Count: a slot exists once a record falls in it.
  const counting = data.some((d) => d.agg === 'count');
  const codes = new Int32Array(Math.max(1, G));
  const id = input.idColumn;
  const test = input.test;
  let records = 0;

  rowLoop: for (let r = 1; r < height; r++) {
    const row = grid[r]!;
    const idValue = id >= 0 ? row[id] : null;
    if (!(typeof idValue === 'string' && idValue !== '') && !input.isRecord(r)) continue;
    if (test && !test(r)) continue;
    let key = 0;
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
      codes[g] = code;
      if (code >= caps[g]! && !slots.fits(g, code)) {
        // The field's capacity grew: the key so far is recomputed with the new multipliers.
        dense = slots.dense;
        version = slots.version;
        key = 0;
        for (let h = 0; h < g; h++) key += codes[h]! * slots.mult[h]!;
      }
      key += code * slots.mult[g]!;
    }
    // The flat table, looked up here (a method call per row costs); a miss makes the slot.
    let s = key < dense.length ? dense[key]! : -1;
    if (s < 0) {
      s = slots.slot(key, codes);
      if (slots.version !== version) ({ version, dense, hits, sum: sums, n: ns, min: mins, max: maxs } = slots);
    }
    if (counting) hits[s]! += 1;
    records++;
    for (let d = 0; d < D; d++) {
      const kind = dataKind[d]!;
      if (kind === 0 || kind === 4) continue;
      const raw = kind === 2 ? data[d]!.read(r) : row[dataColumn[d]!];
      if (kind === 3) {
        if (raw === null || raw === undefined || raw === '') continue;
        const map = slots.distinct[d]!;
        let set = map.get(s);
        if (!set) map.set(s, (set = new Set()));
        set.add(distinctEncoders[d]!.code(raw));
        continue;
      }
      if (typeof raw !== 'number') {
        // Text in a number column is never counted as 0: reported with its cell, left out.
        if (raw !== null && raw !== undefined && raw !== '') skip(r, dataColumn[d]!, raw);
        continue;
      }
      const scale = scales[d]!;
      const x = scale === 1 ? raw : Math.round(raw * scale);
      ns[d]![s]! += 1;
      const agg = aggKind[d];
      if (agg === 0) sums[d]![s]! += x;
      else if (agg === 1) {
        if (x < mins[d]![s]!) mins[d]![s] = x;
      } else if (x > maxs[d]![s]!) maxs[d]![s] = x;
    }
  }
  return finish(slots, rows.length, columns.length, encoders, data, scales, { records, skipped, skippedCount });
}

/** From slots to the layout shape.ts reads: row tuples × column tuples, then the totals. */
function finish(
  slots: Slots,
  rowFields: number,
  columnFields: number,
  encoders: Encoder[],
  data: DataInput[],
  scales: number[],
  counts: Pick<Accumulated, 'records' | 'skipped' | 'skippedCount'>,
): Accumulated {
  const G = rowFields + columnFields;
  // Each slot's row tuple and column tuple, numbered by a numeric key of their codes (no string per slot).
  const tupleIndex = (from: number, count: number) => {
    const list: number[][] = [];
    const byKey = new Map<number, number>();
    const of = new Int32Array(slots.count);
    const radix = encoders.slice(from, from + count).map((e) => Math.max(1, e.values.length));
    for (let s = 0; s < slots.count; s++) {
      let key = 0;
      for (let f = 0; f < count; f++) key = key * radix[f]! + slots.codes[s * G + from + f]!;
      let t = byKey.get(key);
      if (t === undefined) {
        t = list.length;
        byKey.set(key, t);
        list.push(Array.from(slots.codes.subarray(s * G + from, s * G + from + count)));
      }
      of[s] = t;
    }
    return { list, of };
  };
  const rowT = tupleIndex(0, rowFields);
  const colT = tupleIndex(rowFields, columnFields);
  const R = rowT.list.length;
  const C = colT.list.length;
  const size = R * C + R + C + 1;
  const rowBase = R * C;
  const colBase = R * C + R;
  const grand = R * C + R + C;
  const accumulators = data.map((d, k): Accumulator => {
    const a: Accumulator = {
      agg: d.agg,
      scale: scales[k]!,
      sum: new Float64Array(size),
      count: new Float64Array(size),
      min: new Float64Array(size).fill(Infinity),
      max: new Float64Array(size).fill(-Infinity),
    };
    const distinct = slots.distinct[k];
    if (distinct) {
      // Distinct values do not add up: each total is the union of its cells' sets.
      const sets = new Map<number, Set<number>>();
      const into = (slot: number, values: Set<number>) => {
        let set = sets.get(slot);
        if (!set) sets.set(slot, (set = new Set()));
        for (const v of values) set.add(v);
      };
      for (const [s, values] of distinct) {
        const rt = rowT.of[s]!;
        const ct = colT.of[s]!;
        for (const slot of [rt * C + ct, rowBase + rt, colBase + ct, grand]) into(slot, values);
      }
      a.distinct = sets;
      return a;
    }
    for (let s = 0; s < slots.count; s++) {
      const cell = rowT.of[s]! * C + colT.of[s]!;
      a.count[cell] = d.agg === 'count' ? slots.hits[s]! : slots.n[k]![s]!;
      if (d.agg === 'sum' || d.agg === 'average') a.sum[cell] = slots.sum[k]![s]!;
      if (d.agg === 'min') a.min[cell] = slots.min[k]![s]!;
      if (d.agg === 'max') a.max[cell] = slots.max[k]![s]!;
    }
    // Row, column and grand totals from the cells: exact for counts and for money in minor units.
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const cell = r * C + c;
        if (a.count[cell] === 0) continue;
        for (const t of [rowBase + r, colBase + c, grand]) {
          a.sum[t]! += a.sum[cell]!;
          a.count[t]! += a.count[cell]!;
          if (a.min[cell]! < a.min[t]!) a.min[t] = a.min[cell]!;
          if (a.max[cell]! > a.max[t]!) a.max[t] = a.max[cell]!;
        }
      }
    }
    return a;
  });
  return {
    rowValues: encoders.slice(0, rowFields).map((e) => e.values),
    columnValues: encoders.slice(rowFields).map((e) => e.values),
    rowTuples: rowT.list,
    columnTuples: colT.list,
    data: accumulators,
    ...counts,
  };
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
