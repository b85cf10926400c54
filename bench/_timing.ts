/** Wall-clock timing helpers shared by the benchmark scripts. */

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Best of n runs: the least disturbed by whatever else the machine is doing. */
export async function best(n: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, (await time(fn)).ms);
  return min;
}

export function row(label: string, ms: number, peer?: number): string {
  const ratio = peer ? `  ×${(ms / peer).toFixed(2)} of peer` : '';
  return `${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms${ratio}`;
}
