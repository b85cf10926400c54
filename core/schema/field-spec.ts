/**
 * What an admin gives to create a field or a directory, checked and turned into definitions.
 * Labels may come in one language: the others default to it until someone translates them.
 */

import { fail } from '../errors.js';
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

export function labelsFrom(schema: Schema, given: string | Partial<Labels>, what: string): Labels {
  const partial: Partial<Labels> = typeof given === 'string' ? { [schema.lang]: given } : given;
  const first = partial[schema.lang] ?? LANGS.map((l) => partial[l]).find((x) => x && x.trim());
  if (!first || !first.trim()) fail({ code: 'E_SCHEMA', message: `${what} needs a label.` });
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
    fail({ code: 'E_SCHEMA', value: type, message: `Unknown field type "${String(type)}". Types: ${FIELD_TYPES.join(', ')}.` });
  }
  return type as FieldType;
}

/** Builds a field for `dir` (whose other fields are already known), refusing clashes. */
export function fieldFromSpec(schema: Schema, dir: Pick<DirectoryDef, 'key' | 'fields'>, spec: FieldSpec): FieldDef {
  const type = checkType(spec.type);
  const labels = labelsFrom(schema, spec.label, 'A field');
  const taken = new Set(dir.fields.map((f) => f.key));
  const key = spec.key ?? keyFrom(labels.en, taken, 'field');
  if (!/^[a-z][a-z0-9_]*$/.test(key)) {
    fail({ code: 'E_SCHEMA', value: key, message: `Field key "${key}" must be lower-case letters, digits and _, starting with a letter.` });
  }
  if (taken.has(key) || key === 'id') fail({ code: 'E_SCHEMA', value: key, message: `Field key "${key}" is already used.` });
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
    if (choices.length === 0) fail({ code: 'E_SCHEMA', field: f.key, message: `Choice field "${f.labels[schema.lang]}" needs a list of choices.` });
    const seen = new Set<string>();
    for (const c of choices) {
      if (seen.has(fold(c))) fail({ code: 'E_SCHEMA', field: f.key, value: c, message: `Choice "${c}" is listed twice.` });
      seen.add(fold(c));
    }
    f.choices = choices;
  }
  if (f.type === 'reference') {
    const target = spec.ref ? directoryNamed(schema, spec.ref) : undefined;
    if (!target) {
      fail({ code: 'E_SCHEMA', field: f.key, value: spec.ref ?? null, message: `Reference field "${f.labels[schema.lang]}" needs an existing directory to refer to (got "${spec.ref ?? ''}").` });
    }
    f.ref = target.key;
  }
  if (f.type === 'money') {
    const code = (spec.currency ?? schema.currency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) fail({ code: 'E_SCHEMA', field: f.key, value: spec.currency ?? null, message: `Currency "${spec.currency}" is not an ISO 4217 code like EUR.` });
    if (code !== schema.currency) f.currency = code;
  }
}

/** Field labels become sheet headers: two fields with one label would bind to the same column. */
export function checkLabelsFree(schema: Schema, dir: Pick<DirectoryDef, 'fields'>, labels: Labels, except: string | undefined): void {
  const wanted = new Set(LANGS.map((l) => fold(labels[l])));
  if (wanted.has(fold(ID_HEADER))) fail({ code: 'E_SCHEMA', value: ID_HEADER, message: `"${ID_HEADER}" is reserved for the record id column.` });
  for (const other of dir.fields) {
    if (other.key === except) continue;
    for (const n of [other.key, ...LANGS.map((l) => other.labels[l])]) {
      if (wanted.has(fold(n))) {
        fail({
          code: 'E_SCHEMA',
          field: other.key,
          value: n,
          message: `The label "${n}" is already used by field "${other.labels[schema.lang]}".`,
        });
      }
    }
  }
}
