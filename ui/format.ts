/**
 * Values as the sidebar shows them (money with its currency, dates in the reader's language) and
 * as form inputs hold them. What a form sends back is text the core normalises like anything typed
 * in the sheet, so the UI never decides whether a value is valid.
 */

import { formatPercent } from '../core/fields/percent.js';
import type { FieldDef } from '../core/schema/types.js';
import { localeOf } from './i18n.js';
import type { Lang } from '../core/schema/types.js';

export type JsonValue = string | number | boolean | null;
/** What a form input holds: text, or a checkbox's state. */
export type InputValue = string | boolean;

export function money(value: number | null | undefined, currency: string, lang: Lang): string {
  if (value === null || value === undefined) return '';
  try {
    return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency }).format(value);
  } catch {
    // An unknown currency code in a hand-edited schema: show the number with the code.
    return `${value} ${currency}`;
  }
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatPercent(value);
}

/** `2026-11-27` or `2026-11-27T14:30:00` → the reader's way of writing a day. */
export function day(iso: JsonValue, lang: Lang): string {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso === null ? '' : String(iso);
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

export function dayTime(iso: JsonValue, lang: Lang): string {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return day(iso, lang);
  const time = iso.slice(11, 16);
  return time === '00:00' ? day(iso, lang) : `${day(iso, lang)} ${time}`;
}

/** A stored value (as commands return it) shown in a list, by the field's type. */
export function display(f: FieldDef, v: JsonValue, lang: Lang, currency: string): string {
  if (v === null) return '';
  switch (f.type) {
    case 'money':
      return typeof v === 'number' ? money(v, f.currency ?? currency, lang) : String(v);
    case 'percent':
      return typeof v === 'number' ? percent(v) : String(v);
    case 'date':
      return day(v, lang);
    case 'datetime':
      return dayTime(v, lang);
    case 'boolean':
      return v === true ? '✓' : v === false ? '—' : String(v);
    default:
      return String(v);
  }
}

/** A stored value as its form input holds it. */
export function toInput(f: FieldDef, v: JsonValue | undefined): InputValue {
  if (f.type === 'boolean') return v === true;
  if (v === null || v === undefined) return '';
  if (f.type === 'percent' && typeof v === 'number') return formatPercent(v);
  // datetime-local takes minutes; seconds would show as a distracting extra field.
  if (f.type === 'datetime' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return v.slice(0, 16);
  return String(v);
}

/** The value a new record's form starts with. */
export function initialInput(f: FieldDef): InputValue {
  if (f.type === 'boolean') return f.default === true;
  return '';
}

/** "1 sale" or "3 sales": the one form when the language says so (French: 0 and 1; Russian avoids it). */
export function plural(lang: Lang, count: number, one: string, other: string): string {
  return new Intl.PluralRules(localeOf(lang)).select(count) === 'one' && count <= 1 ? one : other;
}
