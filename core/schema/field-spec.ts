/**
 * What an admin gives to create a field or a directory, checked and turned into definitions.
 * Labels may come in one language: the others default to it until someone translates them.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { Cell } from '../workbook.js';
import { directoryNamed, fold } from './lookup.js';
import { FIELD_TYPES, ID_HEADER, LANGS, type DirectoryDef, type FieldDef, type FieldType, type Labels, type Schema } from './types.js';

export interface FieldSpec {
  key?: string;
  label: string | Partial<Labels>;
  type: FieldType;
  required?: boolean;
  unique?: boolean;
  default?: Cell;
  hidden?: boolean;
  help?: string | Partial<Labels>;
  currency?: string;
  choices?: string[];
  /** reference: the referenced directory, by key or label. */
  ref?: string;
}

export function labelsFrom(schema: Schema, given: string | Partial<Labels>, what: 'directory' | 'field'): Labels {
  const partial: Partial<Labels> = typeof given === 'string' ? { [schema.lang]: given } : given;
  const first = partial[schema.lang] ?? LANGS.map((l) => partial[l]).find((x) => x && x.trim());
  if (!first || !first.trim()) fail({ code: 'E_SCHEMA', message: what === 'directory' ? say('A directory needs a label.') : say('A field needs a label.') });
  const out = {} as Labels;
  for (const l of LANGS) out[l] = (partial[l] ?? first).trim().replace(/\s+/g, ' ');
  return out;
}

/** `Date of birth` → `date_of_birth`; non-Latin labels fall back to `field_N`. */
export function keyFrom(label: string, taken: Set<string>, fallback: string): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || fallback;
  let key = /^[a-z]/.test(base) ? base : `${fallback}_${base}`;
  for (let i = 2; taken.has(key); i++) key = `${base}_${i}`;
  return key;
}

export function checkType(type: unknown): FieldType {
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
    fail({ code: 'E_SCHEMA', value: type, message: say('Unknown field type "{type}". Types: {types}.', { type: String(type), types: FIELD_TYPES.join(', ') }) });
  }
  return type as FieldType;
}

/** Builds a field for `dir` (whose other fields are already known), refusing clashes. */
export function fieldFromSpec(schema: Schema, dir: Pick<DirectoryDef, 'key' | 'fields'>, spec: FieldSpec): FieldDef {
  const type = checkType(spec.type);
  const labels = labelsFrom(schema, spec.label, 'field');
  const taken = new Set(dir.fields.map((f) => f.key));
  const key = spec.key ?? keyFrom(labels.en, taken, 'field');
  if (!/^[a-z][a-z0-9_]*$/.test(key)) {
    fail({ code: 'E_SCHEMA', value: key, message: say('Field key "{key}" must be lower-case letters, digits and _, starting with a letter.', { key }) });
  }
  if (taken.has(key) || key === 'id') fail({ code: 'E_SCHEMA', value: key, message: say('Field key "{key}" is already used.', { key }) });
  checkLabelsFree(schema, dir, labels, undefined);
  const f: FieldDef = { key, type, labels };
  if (spec.required) f.required = true;
  if (spec.unique) f.unique = true;
  if (spec.hidden) f.hidden = true;
  if (spec.default !== undefined && spec.default !== null) f.default = spec.default;
  if (spec.help) f.help = typeof spec.help === 'string' ? { [schema.lang]: spec.help } : spec.help;
  applyTypeOptions(schema, f, spec);
  return f;
}

/** Type-specific options: choices, the referenced directory, the currency. */
export function applyTypeOptions(schema: Schema, f: FieldDef, spec: Pick<FieldSpec, 'choices' | 'ref' | 'currency'>): void {
  delete f.choices;
  delete f.ref;
  delete f.currency;
  if (f.type === 'choice') {
    const choices = (spec.choices ?? []).map((c) => c.trim()).filter((c) => c !== '');
    if (choices.length === 0) fail({ code: 'E_SCHEMA', field: f.key, message: say('Choice field "{field}" needs a list of choices.', { field: named(f.labels) }) });
    const seen = new Set<string>();
    for (const c of choices) {
      if (seen.has(fold(c))) fail({ code: 'E_SCHEMA', field: f.key, value: c, message: say('Choice "{choice}" is listed twice.', { choice: c }) });
      seen.add(fold(c));
    }
    f.choices = choices;
  }
  if (f.type === 'reference') {
    const target = spec.ref ? directoryNamed(schema, spec.ref) : undefined;
    if (!target) {
      fail({ code: 'E_SCHEMA', field: f.key, value: spec.ref ?? null, message: say('Reference field "{field}" needs an existing directory to refer to (got "{ref}").', { field: named(f.labels), ref: spec.ref ?? '' }) });
    }
    f.ref = target.key;
  }
  if (f.type === 'money') {
    const code = (spec.currency ?? schema.currency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) fail({ code: 'E_SCHEMA', field: f.key, value: spec.currency ?? null, message: say('Currency "{currency}" is not an ISO 4217 code like EUR.', { currency: String(spec.currency) }) });
    if (code !== schema.currency) f.currency = code;
  }
}

/** Field labels become sheet headers: two fields with one label would bind to the same column. */
export function checkLabelsFree(schema: Schema, dir: Pick<DirectoryDef, 'fields'>, labels: Labels, except: string | undefined): void {
  const wanted = new Set(LANGS.map((l) => fold(labels[l])));
  if (wanted.has(fold(ID_HEADER))) fail({ code: 'E_SCHEMA', value: ID_HEADER, message: say('"{id}" is reserved for the record id column.', { id: ID_HEADER }) });
  for (const other of dir.fields) {
    if (other.key === except) continue;
    for (const n of [other.key, ...LANGS.map((l) => other.labels[l])]) {
      if (wanted.has(fold(n))) {
        fail({
          code: 'E_SCHEMA',
          field: other.key,
          value: n,
          message: say('The label "{label}" is already used by field "{field}".', { label: n, field: named(other.labels) }),
        });
      }
    }
  }
}
