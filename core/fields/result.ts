import type { Cell } from '../workbook.js';

/** A value ready to store, or a short plain-language reason (English; tests assert it verbatim). */
export type Normalized = { ok: true; value: Cell } | { ok: false; reason: string };

export const ok = (value: Cell): Normalized => ({ ok: true, value });
export const fail = (reason: string): Normalized => ({ ok: false, reason });

/** Empty string, whitespace only and null all mean "no value", whatever the field type. */
export function isBlank(raw: Cell): raw is null | string {
  return raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** -0 prints as "0" but is not Object.is-equal to 0; stored numbers never carry the sign of zero. */
export const noNegativeZero = (n: number): number => (n === 0 ? 0 : n);
