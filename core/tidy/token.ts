/**
 * The fingerprint of a tidy plan: what `tidy.apply` compares to refuse when the sheets no longer
 * give the plan the person confirmed. It covers which cells change, what they hold, and the
 * stored form a value is rewritten to; not the ID numbers (a colleague adding a record through
 * Carnet meanwhile only moves them on) nor the date a `today`/`now` default gives (the clock
 * moves between plan and apply). Not a secret: a hash that tells plans apart.
 */

import type { TidyChange } from './types.js';

export function planToken(sheets: { sheet: string; changes: TidyChange[] }[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  for (const s of sheets) {
    for (const c of s.changes) add(`${s.sheet}!${c.cell}\u0000${c.kind}\u0000${JSON.stringify(c.from)}\u0000${c.kind === 'normalize' ? JSON.stringify(c.to) : ''}\u0001`);
  }
  // cyrb53's finalisation: 53 bits, so the token is one exact JavaScript number written in hex.
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `tidy-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')}`;
}
