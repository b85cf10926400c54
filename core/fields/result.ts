import { grouped, say } from '../messages/say.js';
import type { Cell } from '../workbook.js';

/**
 * A value ready to store, or a short plain-language reason, in the language spoken (say): a
 * predicate that English joins with "is" ("not an email address"); French and Russian carry their
 * own verb ("n'est pas une adresse e-mail"), see core/messages/say.ts.
 */
export type Normalized = { ok: true; value: Cell } | { ok: false; reason: string };

export const ok = (value: Cell): Normalized => ({ ok: true, value });
export const fail = (reason: string): Normalized => ({ ok: false, reason });

/** Empty string, whitespace only and null all mean "no value", whatever the field type. */
export function isBlank(raw: Cell): raw is null | string {
  return raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** -0 prints as "0" but is not Object.is-equal to 0; stored numbers never carry the sign of zero. */
export const noNegativeZero = (n: number): number => (n === 0 ? 0 : n);

/**
 * The most characters Carnet stores in a cell: Excel's limit (32,767), which the .xlsx file shares
 * (Google Sheets allows 50,000). One limit for every host, so a workbook can move between them —
 * a Google spreadsheet downloaded as .xlsx, a local file opened in Excel — without a cell cut.
 */
export const MAX_CELL_TEXT = 32_767;

/** A value as a message quotes it: a long text cut, so a refusal of a 40,000-character note stays readable. */
export function shown(raw: Cell): string {
  const s = String(raw);
  return s.length > 80 ? say('{start}… ({count} characters)', { start: s.slice(0, 60), count: grouped(s.length) }) : s;
}

/**
 * A value as the data beside a message holds it (`value`): cut as `shown` cuts it, in the same
 * words in every language, since only messages change with the language.
 */
export function clipped(raw: Cell): string {
  const s = String(raw);
  return s.length > 80 ? `${s.slice(0, 60)}… (${s.length.toLocaleString('en')} characters)` : s;
}
