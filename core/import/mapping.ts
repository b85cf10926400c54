/**
 * Which column of a file goes to which field: suggested from the mapping a previous import of a
 * file with the same headers saved (reused as it was), then from header names and synonyms in
 * en/fr/ru (the same recognition adoption uses), then from sample values (a column of phone-like
 * values is a phone). A given mapping is checked: a field mapped twice, or a name that is no field,
 * is refused naming the column, so a typo never drops a column silently.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { unguardCell } from '../export/csv-guard.js';
import { normalizeValue } from '../fields/normalize.js';
import { propose, type Column } from '../schema/adopt-columns.js';
import { simplify } from '../schema/header-synonyms.js';
import { fieldNamed, fold } from '../schema/lookup.js';
import type { DirectoryDef, FieldDef, Schema } from '../schema/types.js';
import { ID_HEADER, LANGS } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import type { ColumnMap, NameSplit, Suggestion } from './types.js';

/** The mappings saved by earlier imports, in `_carnet`, by the signature of a file's headers. */
export const SAVED_MAPPINGS = 'importMappings';

export type SavedMappings = Record<string, ColumnMap[]>;

/** The directory and the file's headers, folded: the same export twice has the same signature. */
export function headerSignature(dirKey: string, header: readonly string[]): string {
  return `${dirKey}|${header.map((h) => fold(h)).join('\u0001')}`;
}

/** A target a column can map to: a field of the directory, or `ref.field` of a referenced directory. */
export interface Target {
  key: string;
  field: FieldDef;
  /** The reference field through which a `ref.field` target is reached. */
  via?: FieldDef;
  label: string;
}

export function targetsOf(schema: Schema, dir: DirectoryDef): Target[] {
  const lang = schema.lang;
  const out: Target[] = dir.fields.map((f) => ({ key: f.key, field: f, label: f.labels[lang] }));
  for (const via of dir.fields) {
    if (via.type !== 'reference') continue;
    const target = schema.directories.find((d) => d.key === via.ref);
    if (!target) continue;
    for (const f of target.fields) {
      if (f.key === target.display) continue;
      out.push({ key: `${via.key}.${f.key}`, field: f, via, label: `${via.labels[lang]} › ${f.labels[lang]}` });
    }
  }
  return out;
}

/** A target's name in the language messages are said in (`label` is the workbook's): `Company › City`. */
export function targetName(t: { field: FieldDef; via?: FieldDef; label: string }): string {
  if (t.via) return `${named(t.via.labels)} › ${named(t.field.labels)}`;
  return t.field.labels ? named(t.field.labels) : t.label;
}

/** A target by key, label (in any language), or `Company.City` / `company.city`. */
export function findTarget(schema: Schema, dir: DirectoryDef, name: string): Target | undefined {
  const targets = targetsOf(schema, dir);
  const direct = fieldNamed(dir, name);
  if (direct) return targets.find((t) => t.key === direct.key);
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const via = fieldNamed(dir, name.slice(0, dot));
  if (!via || via.type !== 'reference') return undefined;
  const target = schema.directories.find((d) => d.key === via.ref);
  const f = target ? fieldNamed(target, name.slice(dot + 1)) : undefined;
  return f ? targets.find((t) => t.key === `${via.key}.${f.key}`) : undefined;
}

/** Types whose values tell whether a column holds them (a text column holds anything). */
const TYPED = new Set(['email', 'phone', 'url', 'date', 'datetime', 'integer', 'number', 'money', 'percent', 'boolean']);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+(]?[\d\s().\-–]{6,20}$/;
const URL_LIKE = /^(https?:\/\/|www\.)\S+$/i;

/** The share of a column's non-empty samples that look like `re`. */
function share(values: readonly Cell[], re: RegExp): number {
  const texts = values.filter((v) => v !== null && String(v).trim() !== '').map((v) => String(v).trim());
  if (texts.length === 0) return 0;
  return texts.filter((t) => re.test(t) && (re !== PHONE || (t.match(/\d/g)?.length ?? 0) >= 6)).length / texts.length;
}

/** Non-empty values of a column, up to `count`, as written in the file. */
export function columnSamples(rows: readonly Cell[][], column: number, count: number): Cell[] {
  const out: Cell[] = [];
  for (const r of rows) {
    const v = r[column];
    if (v === null || v === undefined || String(v).trim() === '') continue;
    out.push(v);
    if (out.length >= count) break;
  }
  return out;
}

const PATRONYMIC = /(вич|вна|ична|инична|оглы|кызы)$/i;
const LAST_FIRST_HEADERS = ['фио', 'фамилия имя отчество', 'фамилия имя', 'nom prenom', 'last first', 'last name first name', 'surname name'];

/** "Иванова Анна Сергеевна" and a header "ФИО" read last name first; "Anna Petrova" first name first. */
export function guessSplit(header: string, samples: readonly Cell[]): NameSplit {
  if (LAST_FIRST_HEADERS.includes(simplify(header))) return 'last-first';
  const words = samples.map((s) => String(s).trim().split(/\s+/));
  const patronymics = words.filter((w) => w.length === 3 && PATRONYMIC.test(w[2]!)).length;
  return patronymics > 0 && patronymics * 2 >= words.length ? 'last-first' : 'first-last';
}

/** First and last name from a full name in the given order; a middle name or patronymic is left out. */
export function splitName(full: string, order: NameSplit): { first: string | null; last: string | null } {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { first: null, last: null };
  if (words.length === 1) return order === 'last-first' ? { first: null, last: words[0]! } : { first: words[0]!, last: null };
  if (order === 'last-first') return { last: words[0]!, first: words[1]! };
  return { first: words[0]!, last: words.slice(1).join(' ') };
}

export interface Suggested {
  mapping: ColumnMap[];
  from: Suggestion[];
}

/**
 * The mapping for a file: the saved one for these headers when there is one (every column, as it
 * was left), otherwise headers first (names and synonyms, then "Company City"-style headers for a
 * referenced record's fields, then partial matches), then sample values for the columns left.
 */
export function suggestMapping(schema: Schema, dir: DirectoryDef, header: readonly string[], rows: readonly Cell[][], saved: SavedMappings | undefined, guarded = false): Suggested {
  // Values as the import will read them: a CSV's guard (`'+33…`, Carnet's own export) taken off.
  const clean = (v: Cell): Cell => (guarded && typeof v === 'string' ? unguardCell(v) : v);
  const signature = headerSignature(dir.key, header);
  const reuse = saved?.[signature];
  if (reuse && reuse.length === header.length && reuse.every((m) => m.field === null || m.field === 'id' || findTarget(schema, dir, m.field))) {
    return { mapping: reuse.map((m) => ({ ...m })), from: reuse.map((m) => (m.field === null ? 'none' : 'saved')) };
  }
  const columns: Column[] = header.map((h, column) => ({ column, header: h }));
  const taken = { fields: new Set<string>(), columns: new Set<number>() };
  const chosen = new Map<number, { key: string; from: Suggestion }>();
  const take = (column: number, key: string, from: Suggestion) => {
    chosen.set(column, { key, from });
    taken.fields.add(key);
    taken.columns.add(column);
  };
  // The ID column of a Carnet export: its IDs are kept on re-import.
  const idColumn = columns.find((c) => fold(c.header) === fold(ID_HEADER));
  if (idColumn) take(idColumn.column, 'id', 'header');
  // A header that names a typed field but whose values are not of that type ("E-mail 1 - Label"
  // holding "* Home" beside "E-mail 1 - Value") is not that field's column: its values decide.
  const fits = (key: string, column: number): boolean => {
    const f = dir.fields.find((x) => x.key === key);
    if (!f || !TYPED.has(f.type)) return true;
    const samples = columnSamples(rows, column, 20).map(clean);
    if (samples.length === 0) return true;
    // Phones and dates are judged loosely: the import's country and the file's date order are not known yet.
    const reads = (v: Cell): boolean =>
      f.type === 'phone'
        ? typeof v === 'number' || (PHONE.test(String(v).trim()) && (String(v).match(/\d/g)?.length ?? 0) >= 6)
        : f.type === 'date' || f.type === 'datetime'
          ? (['dmy', 'mdy', 'ymd'] as const).some((dateOrder) => normalizeValue(f, v, { ...schema, dateOrder }).ok)
          : normalizeValue(f, v, schema).ok;
    const good = samples.filter(reads).length;
    return good * 2 >= samples.length;
  };
  for (const [key, m] of propose(dir, columns, true, taken)) if (fits(key, m.column)) take(m.column, key, 'header');

  // "Company City", "Société Ville": a field of the record a reference names.
  const targets = targetsOf(schema, dir).filter((t) => t.via);
  for (const c of columns) {
    if (taken.columns.has(c.column)) continue;
    const h = simplify(c.header);
    const hit = targets.find(
      (t) => !taken.fields.has(t.key) && LANGS.some((l) => simplify(`${t.via!.labels[l]} ${t.field.labels[l]}`) === h || simplify(`${t.via!.key} ${t.field.key}`.replace(/_/g, ' ')) === h),
    );
    if (hit) take(c.column, hit.key, 'header');
  }
  const partial = new Set<string>();
  for (const [key, m] of propose(dir, columns, false, taken)) {
    if (!fits(key, m.column)) continue;
    take(m.column, key, 'header');
    partial.add(key);
  }
  // A name guessed from a header merely holding the word ("Middle Name", "Nickname") beside first and
  // last name columns is not the full name: the full name is then made of first and last name.
  if (partial.has(dir.display) && (taken.fields.has('first_name') || taken.fields.has('last_name'))) {
    for (const [column, c] of chosen) {
      if (c.key !== dir.display) continue;
      chosen.delete(column);
      taken.columns.delete(column);
    }
    taken.fields.delete(dir.display);
  }

  // Sample values, for columns whose header said nothing: emails, phones, web addresses.
  for (const c of columns) {
    if ([...chosen.keys()].includes(c.column)) continue;
    const samples = columnSamples(rows, c.column, 50).map(clean);
    if (samples.length === 0) continue;
    const kind = share(samples, EMAIL) >= 0.8 ? 'email' : share(samples, URL_LIKE) >= 0.8 ? 'url' : share(samples, PHONE) >= 0.8 ? 'phone' : undefined;
    const f = kind && dir.fields.find((x) => x.type === kind && !taken.fields.has(x.key));
    if (f) take(c.column, f.key, 'samples');
  }

  const mapping: ColumnMap[] = header.map((h, column) => {
    const c = chosen.get(column);
    if (!c) return { column, field: null };
    const m: ColumnMap = { column, field: c.key };
    // A full name with no first/last name columns beside it: split it, in the order its values show.
    if (dir.key === 'contacts' && c.key === 'name' && !taken.fields.has('first_name') && !taken.fields.has('last_name')) {
      m.split = guessSplit(h, columnSamples(rows, column, 20));
    }
    return m;
  });
  return { mapping, from: mapping.map((m) => (m.field === null ? 'none' : chosen.get(m.column)!.from)) };
}

/** A given mapping, checked and with field names resolved to keys. */
export function checkMapping(schema: Schema, dir: DirectoryDef, header: readonly string[], given: readonly ColumnMap[]): ColumnMap[] {
  const out: ColumnMap[] = header.map((_, column) => ({ column, field: null }));
  const by = new Map<string, number>();
  given.forEach((m, i) => {
    const where = `mapping[${i}]`;
    if (!Number.isInteger(m.column) || m.column < 0 || m.column >= header.length) {
      fail({ code: 'E_BAD_INPUT', field: `${where}.column`, value: m.column, message: say('{where}: the file has no column {column} (it has {count}).', { where, column: m.column + 1, count: header.length }) });
    }
    if (m.field === null || m.field === '') {
      out[m.column] = { column: m.column, field: null };
      return;
    }
    const t = fold(m.field) === 'id' ? { key: 'id', label: ID_HEADER, field: { type: 'text' } as FieldDef } : findTarget(schema, dir, m.field);
    if (!t) {
      const known = targetsOf(schema, dir).filter((x) => !x.via).map(targetName).join(', ');
      fail({ code: 'E_UNKNOWN_FIELD', field: `${where}.field`, value: m.field, directory: dir.key, message: say('Column "{column}": {directory} has no field "{name}" (fields: {fields}).', { column: header[m.column]!, directory: named(dir.labels), name: m.field, fields: known }) });
    }
    const twice = by.get(t.key);
    if (twice !== undefined && twice !== m.column) {
      fail({ code: 'E_BAD_INPUT', field: `${where}.field`, value: m.field, message: say('Columns "{first}" and "{second}" both map to {field}; map one of them to another field or ignore it.', { first: header[twice]!, second: header[m.column]!, field: targetName(t) }) });
    }
    by.set(t.key, m.column);
    if (m.split && t.key !== dir.display && t.field.type !== 'text') {
      fail({ code: 'E_BAD_INPUT', field: `${where}.split`, value: m.split, message: say('Column "{column}": only a full-name column can be split into first and last name.', { column: header[m.column]! }) });
    }
    out[m.column] = { column: m.column, field: t.key, ...(m.split ? { split: m.split } : {}), ...(m.dateOrder ? { dateOrder: m.dateOrder } : {}) };
  });
  return out;
}
