/**
 * Shaping a pivot: the order of rows and columns (by label — dates in time order — or by value),
 * top N with an "Other" group, totals, values shown as a share of their row, column or the grand
 * total, and the final numbers (money back from its minor units). Groups merged into "Other"
 * merge their accumulators, so an average or a distinct count of "Other" is right, not a sum of
 * averages.
 */

import type { Lang } from '../schema/types.js';
import { finalValue, type Accumulated, type Accumulator, type GroupValue } from './engine.js';
import type { DataField, GroupField, GroupKey, PivotResult } from './types.js';

const OTHER: Record<Lang, string> = { en: 'Other', fr: 'Autres', ru: 'Прочие' };

/** A row (or column) of the result: its keys, and the tuples of the accumulation it stands for. */
interface Line {
  keys: GroupKey[];
  tuples: number[];
}

export interface Shaped {
  rowKeys: GroupKey[][];
  columnKeys: GroupKey[][];
  cells: (number | null)[][][];
  rowTotals?: (number | null)[][];
  columnTotals?: (number | null)[][];
  grandTotals?: (number | null)[];
}

export function shape(acc: Accumulated, rows: GroupField[], columns: GroupField[], data: DataField[], totals: { rows: boolean; columns: boolean }, lang: Lang): Shaped {
  const R = acc.rowTuples.length;
  const C = acc.columnTuples.length;
  const rowBase = R * C;
  const colBase = R * C + R;
  const grand = R * C + R + C;
  const first = acc.data[0];
  // Values that "sort by value" orders on: each tuple's total of the first data field.
  const rowWeight = (t: number) => (first ? (finalValue(first, rowBase + t) ?? 0) : 0);
  const colWeight = (t: number) => (first ? (finalValue(first, colBase + t) ?? 0) : 0);
  const rowLines = lines(acc.rowTuples, acc.rowValues, rows, rowWeight, lang);
  const colLines = lines(acc.columnTuples, acc.columnValues, columns, colWeight, lang);

  // A line stands for one tuple but for "Other": the common case reads its slot directly.
  const cellValue = (a: Accumulator, rl: Line, cl: Line) =>
    rl.tuples.length === 1 && cl.tuples.length === 1 ? finalValue(a, rl.tuples[0]! * C + cl.tuples[0]!) : merged(a, rl.tuples.flatMap((r) => cl.tuples.map((c) => r * C + c)));
  const rowTotal = (a: Accumulator, rl: Line) => (rl.tuples.length === 1 ? finalValue(a, rowBase + rl.tuples[0]!) : merged(a, rl.tuples.map((r) => rowBase + r)));
  const colTotal = (a: Accumulator, cl: Line) => (cl.tuples.length === 1 ? finalValue(a, colBase + cl.tuples[0]!) : merged(a, cl.tuples.map((c) => colBase + c)));
  const grandTotal = (a: Accumulator) => finalValue(a, grand);

  const cells = rowLines.map((rl) => colLines.map((cl) => acc.data.map((a) => cellValue(a, rl, cl))));
  const rowTotals = rowLines.map((rl) => acc.data.map((a) => rowTotal(a, rl)));
  const columnTotals = colLines.map((cl) => acc.data.map((a) => colTotal(a, cl)));
  const grandTotals = acc.data.map((a) => grandTotal(a));

  // Shares: each data field shown as a part of its row, its column, or everything.
  data.forEach((d, k) => {
    const show = d.show ?? 'value';
    if (show === 'value') return;
    const share = (v: number | null, of: number | null) => (v === null || of === null || of === 0 ? null : v / of);
    const g = grandTotals[k] ?? null;
    cells.forEach((line, r) =>
      line.forEach((values, c) => {
        const of = show === 'percentOfRow' ? rowTotals[r]![k]! : show === 'percentOfColumn' ? columnTotals[c]![k]! : g;
        values[k] = share(values[k]!, of);
      }),
    );
    rowTotals.forEach((t) => (t[k] = share(t[k]!, show === 'percentOfRow' ? t[k]! : g)));
    columnTotals.forEach((t) => (t[k] = share(t[k]!, show === 'percentOfColumn' ? t[k]! : g)));
    grandTotals[k] = share(g, g);
  });

  return {
    rowKeys: rowLines.map((l) => l.keys),
    columnKeys: colLines.map((l) => l.keys),
    cells,
    ...(totals.rows ? { rowTotals } : {}),
    ...(totals.columns ? { columnTotals } : {}),
    ...(totals.rows || totals.columns ? { grandTotals } : {}),
  };
}

/** The value of several accumulator slots merged (a group of "Other", or one slot). */
function merged(a: Accumulator, slots: number[]): number | null {
  if (slots.length === 1) return finalValue(a, slots[0]!);
  if (a.agg === 'countDistinct') {
    const all = new Set<number>();
    for (const s of slots) for (const v of a.distinct?.get(s) ?? []) all.add(v);
    return all.size || null;
  }
  let sum = 0;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const s of slots) {
    sum += a.sum[s]!;
    count += a.count[s]!;
    if (a.min[s]! < min) min = a.min[s]!;
    if (a.max[s]! > max) max = a.max[s]!;
  }
  if (count === 0) return null;
  switch (a.agg) {
    case 'count':
      return count;
    case 'sum':
      return sum / a.scale;
    case 'average':
      return sum / count / a.scale;
    case 'min':
      return min / a.scale;
    default:
      return max / a.scale;
  }
}

function keyOf(v: GroupValue): GroupKey {
  return { key: v.key, label: v.label, ...(v.blank ? { blank: true as const } : {}) };
}

/**
 * One collator per language: `localeCompare` with options builds one per call, which sorting the
 * 8,700 companies of a report made cost half a second.
 */
const COLLATORS = new Map<Lang, Intl.Collator>();
export function collator(lang: Lang): Intl.Collator {
  let c = COLLATORS.get(lang);
  if (!c) COLLATORS.set(lang, (c = new Intl.Collator(lang, { numeric: true })));
  return c;
}

/** Labels in order: numbers by value, text by the language's collation, the blank group last. */
function compareValues(a: GroupValue, b: GroupValue, lang: Lang): number {
  if (a.blank || b.blank) return a.blank && b.blank ? 0 : a.blank ? 1 : -1;
  if (typeof a.key === 'number' && typeof b.key === 'number') return a.key - b.key;
  if (typeof a.key === 'boolean' && typeof b.key === 'boolean') return Number(a.key) - Number(b.key);
  return collator(lang).compare(String(a.key), String(b.key));
}

/** The result's lines (rows or columns) from the tuples: ordered level by level, top N at the first level. */
function lines(tuples: number[][], values: GroupValue[][], fields: GroupField[], weight: (t: number) => number, lang: Lang): Line[] {
  if (fields.length === 0) return tuples.length ? [{ keys: [], tuples: [0] }] : [];
  // Weight of each group at each level: the sum of its tuples' weights.
  const levelWeight = fields.map((_, level) => {
    const m = new Map<string, number>();
    tuples.forEach((t, i) => {
      const k = t.slice(0, level + 1).join(',');
      m.set(k, (m.get(k) ?? 0) + weight(i));
    });
    return m;
  });
  const order = tuples.map((_, i) => i);
  order.sort((x, y) => {
    for (let level = 0; level < fields.length; level++) {
      const f = fields[level]!;
      const a = tuples[x]![level]!;
      const b = tuples[y]![level]!;
      if (a === b) continue;
      const va = values[level]![a]!;
      const vb = values[level]![b]!;
      let c: number;
      if (f.sort === 'value') {
        c = levelWeight[level]!.get(tuples[x]!.slice(0, level + 1).join(','))! - levelWeight[level]!.get(tuples[y]!.slice(0, level + 1).join(','))!;
        if (c === 0) c = compareValues(va, vb, lang);
      } else c = compareValues(va, vb, lang);
      if (va.blank || vb.blank) return compareValues(va, vb, lang);
      return f.order === 'desc' ? -c : c;
    }
    return 0;
  });
  const top = fields[0]!.top;
  const out: Line[] = [];
  const seenFirst: number[] = [];
  let other: Line | undefined;
  for (const i of order) {
    const t = tuples[i]!;
    if (top !== undefined && top > 0) {
      if (!seenFirst.includes(t[0]!)) seenFirst.push(t[0]!);
      if (seenFirst.indexOf(t[0]!) >= top) {
        other ??= { keys: fields.map((_, level) => (level === 0 ? { key: null, label: OTHER[lang], other: true } : { key: null, label: '' })), tuples: [] };
        other.tuples.push(i);
        continue;
      }
    }
    out.push({ keys: t.map((code, level) => keyOf(values[level]![code]!)), tuples: [i] });
  }
  if (other) out.push(other);
  return out;
}
