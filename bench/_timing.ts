/**
 * Timing helpers shared by the benchmark scripts. The house rule: a peer and Carnet are measured
 * in the same run, interleaved (peer, carnet, peer, carnet…), at least five runs each, and
 * reported as median and min with the ratio of the medians. Never a best-of: the least disturbed
 * run says what the machine can do on a good day, not what a user waits.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Runs per contender unless a script says otherwise (the rule's floor). */
export const RUNS = 5;

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Wall-clock milliseconds of `fn`, for contenders that do not measure themselves. */
export function timed(fn: () => Promise<unknown>): () => Promise<number> {
  return async () => (await time(fn)).ms;
}

// The bench runner starts scripts without --expose-gc; this is the documented way to get it.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * A full collection between runs, untimed: each run starts from a clean heap instead of paying
 * for the garbage the previous contender (often the other side) left behind.
 */
export function settle(): void {
  collect();
}

/**
 * Runs every contender once per round, in the order given, for `runs` rounds. Each contender
 * returns its own sample (milliseconds from `timed`, or anything it measured itself: a child's
 * wall clock, a byte count). Returns the samples per contender.
 *
 * `settle` (the default) collects garbage before each run: right for one-shot commands, which in
 * real life start in a fresh process. A long-running server is measured without it
 * (`settle: false`): the garbage its earlier requests left is part of what a request costs, and
 * a forced collection before each request makes the next one slower, not faster (measured: a
 * warm `card.get` on the 8,700-company demo goes from ≈10 ms to ≈60 ms).
 */
export async function interleave<K extends string>(
  runs: number,
  contenders: Record<K, () => Promise<number>>,
  options: { settle?: boolean } = {},
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      if (options.settle !== false) settle();
      samples[name].push(await contenders[name]());
    }
  }
  return samples;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summary(xs: readonly number[]): Summary {
  if (xs.length === 0) throw new Error('no samples');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/** Milliseconds as people read them: "12.3 ms", "840 ms", "3.41 s". */
export function ms(x: number): string {
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  return `${x.toFixed(x < 10 ? 1 : 0)} ms`;
}

/** Bytes as MB (10^6), for memory. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

/** "median 840 ms, min 802 ms". */
export function medianMin(xs: readonly number[], unit: (x: number) => string = ms): string {
  const s = summary(xs);
  return `median ${unit(s.median)}, min ${unit(s.min)}`;
}

/** Carnet's median over the peer's: below 1 Carnet is faster. */
export function ratio(carnet: readonly number[], peer: readonly number[]): number {
  return summary(carnet).median / summary(peer).median;
}

/** One line of a plain comparison: label, Carnet's median and min, and the ratio to its peer. */
export function row(label: string, carnet: readonly number[], peer?: readonly number[]): string {
  const s = summary(carnet);
  const vs = peer ? `   ×${ratio(carnet, peer).toFixed(2)} of peer` : '';
  return `${label.padEnd(56)} median ${ms(s.median).padStart(8)}  min ${ms(s.min).padStart(8)}  (n=${s.n})${vs}`;
}

/** A Markdown table: the header row, then rows of cells, padded so it reads in a terminal too. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
