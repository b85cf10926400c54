/**
 * Finding a company while the manager is still typing: by any part of its name, a phone number in
 * any format, an email, or one of its contacts' names; tolerant of typos and of accents left out.
 *
 * Pure and host-free: the UI runs it on every keystroke over the index `card.index` returned once
 * (ARCHITECTURE: no round trip per keystroke, which would cost 0.3–1.5 s in Google Sheets).
 * Prepare the index once with `prepareSearch`, then call `searchCompanies` per keystroke; on
 * 10,000 companies a keystroke costs around 10 ms (`npx tsx bench/card.ts` measures it).
 *
 * Ranking, best first: the name starts with the query; a word of the name starts with it; the name
 * contains it; a contact, email or phone matches; the city matches; then typo-tolerant matches
 * (fewer typos first). Every word of the query must match something ("acme anna": the company Acme
 * whose contact is Anna).
 */

import type { CompanyIndexRow } from './index-rows.js';

export type MatchKind = 'name' | 'contact' | 'email' | 'phone' | 'city';

export interface SearchHit {
  row: CompanyIndexRow;
  score: number;
  /** When the best reason is not the name: which contact, email or phone matched, for the UI to show. */
  via?: { kind: Exclude<MatchKind, 'name'>; text: string };
}

interface Field {
  kind: MatchKind;
  /** As shown (for `via`). */
  text: string;
  /** Folded, words separated by one space. */
  folded: string;
  /** Folded text without separators, for substrings across words ("blueharbor"). */
  compact: string;
  /** Its words, split on first need: only the typo pass needs them. */
  words?: string[];
}

interface Entry {
  row: CompanyIndexRow;
  fields: Field[];
  /** Digits of every phone number. */
  phones: { text: string; digits: string }[];
}

export interface SearchIndex {
  readonly entries: readonly Entry[];
}

/** How much a match in each kind of field counts; the name matters most. */
const WEIGHT: Record<MatchKind, number> = { name: 3, contact: 2, email: 2, phone: 2, city: 1 };

/**
 * Lower case, accents removed (é → e, ё → е, ß → ss), punctuation as spaces: what a person types
 * in a hurry matches what was written with care.
 */
export function foldForSearch(text: string): string {
  // Fast path: plain ASCII (most names and every email) skips Unicode normalisation.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function field(kind: MatchKind, text: string): Field {
  const folded = foldForSearch(text);
  return { kind, text, folded, compact: folded.includes(' ') ? folded.replace(/ /g, '') : folded };
}

function entry(row: CompanyIndexRow): Entry {
  const fields: Field[] = [field('name', row.name)];
  for (const c of row.contacts) fields.push(field('contact', c));
  for (const e of row.emails) fields.push(field('email', e));
  if (row.city) fields.push(field('city', row.city));
  return { row, fields, phones: row.phones.map((p) => ({ text: p, digits: p.replace(/\D/g, '') })) };
}

/** Folds every name once, so that each keystroke only compares. */
export function prepareSearch(rows: readonly CompanyIndexRow[]): SearchIndex {
  return { entries: rows.map(entry) };
}

/**
 * The index with one company's row replaced (same id) or added: what the sidebar does after a
 * write, instead of preparing 10,000 rows again.
 */
export function updateSearch(index: SearchIndex, row: CompanyIndexRow): SearchIndex {
  const at = index.entries.findIndex((e) => e.row.id === row.id);
  const entries = index.entries.slice();
  if (at < 0) entries.push(entry(row));
  else entries[at] = entry(row);
  return { entries };
}

/** Typos allowed in a word of the query: none in short words, where one typo makes another word. */
function allowedTypos(token: string): number {
  return token.length >= 7 ? 2 : token.length >= 4 ? 1 : 0;
}

/**
 * One word of the query, with its typo distance to each distinct word of the index remembered for
 * this keystroke: "llc", cities and first names repeat across thousands of companies.
 */
class Token {
  readonly typos: number;
  /** " word": a match at the start of a later word of a field. */
  readonly spaced: string;
  private readonly distances = new Map<string, number>();

  constructor(readonly text: string) {
    this.typos = allowedTypos(text);
    this.spaced = ` ${text}`;
  }

  typosTo(word: string): number {
    let d = this.distances.get(word);
    if (d === undefined) {
      d = word.length < this.text.length - this.typos ? this.typos + 1 : prefixDistance(this.text, word, this.typos);
      this.distances.set(word, d);
    }
    return d;
  }
}

/** Score of one query word against one field; 0 when it does not match. */
function exactScore(token: Token, f: Field): number {
  if (f.compact.startsWith(token.text)) return 10;
  if (f.folded.includes(token.spaced)) return 8;
  // One or two letters inside a word match far too much to be useful.
  if (token.text.length >= 3 && f.compact.includes(token.text)) return 5;
  return 0;
}

/** In the typo pass, a word that matches exactly still counts (3), a typo less (2, then 1). */
function fuzzyScore(token: Token, f: Field): number {
  if (exactScore(token, f) > 0) return 3;
  const k = token.typos;
  if (k === 0) return 0;
  f.words ??= f.folded === '' ? [] : f.folded.split(' ');
  let best = k + 1;
  for (const w of f.words) {
    best = Math.min(best, token.typosTo(w));
    if (best === 1) break;
  }
  return best <= k ? 3 - best : 0;
}

// Reused between calls: the distance runs once per distinct word per keystroke, and allocating
// three rows each time would cost more than the arithmetic.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Edit distance between `token` and the closest prefix of `word` (Damerau: a swap of two neighbours
 * is one typo), giving up once it exceeds `max`. A prefix, because the manager is still typing.
 */
export function prefixDistance(token: string, word: string, max: number): number {
  const m = token.length;
  const n = Math.min(word.length, m + max);
  if (n + 1 > rowA.length) {
    rowA = new Int32Array(2 * (n + 1));
    rowB = new Int32Array(2 * (n + 1));
    rowC = new Int32Array(2 * (n + 1));
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const t = token.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const w = word.charCodeAt(j - 1);
      let d = prev[j - 1]! + (t === w ? 0 : 1);
      if (prev[j]! + 1 < d) d = prev[j]! + 1;
      if (cur[j - 1]! + 1 < d) d = cur[j - 1]! + 1;
      if (i > 1 && j > 1 && t === word.charCodeAt(j - 2) && token.charCodeAt(i - 2) === w && prev2[j - 2]! + 1 < d) d = prev2[j - 2]! + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  let best = max + 1;
  for (let j = Math.max(0, m - max); j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

/**
 * Digits typed as a phone number: matched anywhere in the stored international number, also
 * without a national trunk prefix (`06 12…` finds +33 6 12…, `8 989…` finds +7 989…).
 */
function phoneVariants(digits: string): string[] {
  const out = [digits];
  if (digits.startsWith('0') && digits.length > 1) out.push(digits.replace(/^0+/, ''));
  if (digits.startsWith('8') && digits.length >= 7) out.push(digits.slice(1));
  return out;
}

function looksLikePhone(query: string): string | undefined {
  if (!/^[\d\s()+.\-/]+$/.test(query)) return undefined;
  const digits = query.replace(/\D/g, '');
  return digits.length >= 3 ? digits : undefined;
}

interface Scored {
  score: number;
  via?: SearchHit['via'];
}

function scoreEntry(e: Entry, tokens: Token[], phoneDigits: string | undefined, fuzzy: boolean): Scored | undefined {
  if (phoneDigits) {
    const variants = phoneVariants(phoneDigits);
    for (const p of e.phones) {
      if (variants.some((v) => p.digits.includes(v))) {
        return { score: 10 * WEIGHT.phone + (p.digits.endsWith(phoneDigits) ? 1 : 0), via: { kind: 'phone', text: p.text } };
      }
    }
    // Digits can also be part of a name ("3M", "Studio 54"): fall through to the words.
  }
  let total = 0;
  let via: SearchHit['via'];
  let viaScore = 0;
  for (const token of tokens) {
    let best = 0;
    let bestField: Field | undefined;
    for (const f of e.fields) {
      const s = (fuzzy ? fuzzyScore(token, f) : exactScore(token, f)) * WEIGHT[f.kind];
      if (s > best) {
        best = s;
        bestField = f;
      }
    }
    if (best === 0) return undefined;
    total += best;
    if (bestField && bestField.kind !== 'name' && best > viaScore && !e.fields.some((f) => f.kind === 'name' && exactScore(token, f) > 0)) {
      viaScore = best;
      via = { kind: bestField.kind as Exclude<MatchKind, 'name'>, text: bestField.text };
    }
  }
  return { score: total, via };
}

/**
 * Companies matching `query`, best first, at most `limit`. Typo-tolerant matches are only looked
 * for when exact ones do not fill the list: they rank below every exact match anyway.
 */
export function searchCompanies(index: SearchIndex, query: string, limit = 20): SearchHit[] {
  const folded = foldForSearch(query);
  const phoneDigits = looksLikePhone(query.trim());
  if (folded === '' && !phoneDigits) return [];
  const tokens = folded === '' ? [] : folded.split(' ').map((t) => new Token(t));
  const hits: SearchHit[] = [];
  const matched = new Set<Entry>();
  // Typo-tolerant scores are at most 2 per word against 8–10 for an exact prefix: a separate pass
  // keeps every typo match below every exact match, whatever the weights.
  for (const fuzzy of [false, true]) {
    if (fuzzy && hits.length >= limit) break;
    const offset = fuzzy ? 0 : 1000;
    for (const e of index.entries) {
      if (matched.has(e)) continue;
      const s = scoreEntry(e, tokens, fuzzy ? undefined : phoneDigits, fuzzy);
      if (!s) continue;
      matched.add(e);
      hits.push({ row: e.row, score: offset + s.score, ...(s.via ? { via: s.via } : {}) });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.row.name.length - b.row.name.length || (a.row.name < b.row.name ? -1 : a.row.name > b.row.name ? 1 : 0));
  return hits.slice(0, limit);
}
