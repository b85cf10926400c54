/**
 * "Did you mean {City}?": the known name nearest to a mistyped one, compared as template authors
 * mean names (case and spaces ignored), by Damerau-Levenshtein distance (a swap of two neighbours,
 * `Ctiy` for `City`, is one edit).
 */

import { fold } from '../schema/lookup.js';

/** The candidate nearest to `typed`, or undefined when none is close enough to be a typo. */
export function closest(typed: string, candidates: Iterable<string>): string | undefined {
  const t = compared(typed);
  // Short names tolerate one edit, longer ones a third of their length: "Nom" for "Non" is a typo, "Date" for "Rate" too.
  const limit = Math.max(1, Math.floor(t.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = distance(t, compared(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function compared(name: string): string {
  return fold(name).replace(/ /g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[y.length]!;
}
