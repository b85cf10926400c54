/**
 * What the demo generator knows about each record while it builds rows: more than the row holds
 * (a company's city, its usual products, when it became a client), so later directories can stay
 * consistent with earlier ones.
 */

import type { Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import type { UnitIndex } from './products.js';
import type { Random } from './random.js';
import type { DemoCity, Vocabulary } from './vocabulary.js';

export type Row = Record<string, Cell>;

export interface DemoContext {
  rng: Random;
  vocab: Vocabulary;
  lang: Lang;
  currency: string;
  /** Whole-day serial; every event happens on or before it, plans may lie after it. */
  today: number;
  /** User ids (emails) of the sales team. */
  team: readonly string[];
  /** Values of the products' `unit` choice field, in the workbook's language, if it has one. */
  units: readonly string[] | undefined;
}

export interface DemoProductRecord {
  name: string;
  price: number;
  unit: UnitIndex;
}

export interface DemoContact {
  /** Display value, possibly disambiguated: `Anna Petrova (Acme)`. */
  name: string;
  /** How colleagues write the person in free text: `Anna Petrova`. */
  spoken: string;
}

export interface DemoCompany {
  name: string;
  /** The name without its legal form: what people say, and what deal names are built from. */
  base: string;
  domain: string;
  city: DemoCity;
  owner: string;
  /** Whole percent (0 when none), kept whole so sale amounts are computed exactly. */
  discountPercent: number;
  wholesale: boolean;
  /** Serial of the day it became a client: none of its activity is older. */
  since: number;
  contacts: DemoContact[];
  /** Most of its orders are for these. */
  usual: DemoProductRecord[];
}

/** A row without the empty cells: absent keys are written as blanks. */
export function row(values: Record<string, Cell | undefined>): Row {
  const out: Row = {};
  for (const key in values) {
    const value = values[key];
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  }
  return out;
}

/** `+33 1 99 00 XX XX` → `+33199004217`: `X` any digit, `N` 2–9 (no local number starts with 0 or 1). */
export function phoneFromPattern(rng: Random, pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === 'X') out += String(rng.int(0, 9));
    else if (ch === 'N') out += String(rng.int(2, 9));
    else if (ch !== ' ') out += ch;
  }
  return out;
}
