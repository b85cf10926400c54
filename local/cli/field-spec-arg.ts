/**
 * Fields on the command line: `Label:type[(option)][:flag,flag]`, for example
 * `Title:text:required,unique`, `Author:reference(Authors)`, `Format:choice(Hardback|Paperback)`,
 * `Price:money(EUR):required`.
 */

import { fail } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import type { FieldSpec } from '../../core/schema/field-spec.js';
import { FIELD_TYPES, type FieldType } from '../../core/schema/types.js';

const FLAGS = ['required', 'unique', 'hidden'] as const;

export function parseFieldArg(arg: string): FieldSpec {
  const usage = say('Field "{arg}" should read Label:type[(option)][:required,unique,hidden], e.g. "Author:reference(Authors):required".', { arg });
  const m = /^([^:]+):([a-z]+)(?:\(([^)]*)\))?(?::([a-z,\s]*))?$/i.exec(arg.trim());
  if (!m) fail({ code: 'E_BAD_INPUT', value: arg, message: usage });
  const [, label, rawType, option, flags] = m;
  const type = rawType!.toLowerCase();
  if (!(FIELD_TYPES as readonly string[]).includes(type)) {
    fail({ code: 'E_BAD_INPUT', value: arg, message: say('Field "{arg}": unknown type "{type}". Types: {types}.', { arg, type: rawType!, types: FIELD_TYPES.join(', ') }) });
  }
  const spec: FieldSpec = { label: label!.trim(), type: type as FieldType };
  Object.assign(spec, typeOption(spec.type, option));
  for (const flag of (flags ?? '').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)) {
    if (!(FLAGS as readonly string[]).includes(flag)) fail({ code: 'E_BAD_INPUT', value: arg, message: say('Field "{arg}": unknown flag "{flag}" (flags: {flags}).', { arg, flag, flags: FLAGS.join(', ') }) });
    spec[flag as (typeof FLAGS)[number]] = true;
  }
  return spec;
}

/** `choice(A|B)`, `reference(Companies)`, `money(EUR)`: the part in brackets, per type. */
export function typeOption(type: FieldType, option: string | undefined): Partial<FieldSpec> {
  if (option === undefined) return {};
  if (type === 'choice') return { choices: option.split('|').map((c) => c.trim()) };
  if (type === 'reference') return { ref: option.trim() };
  if (type === 'money') return { currency: option.trim() };
  return {};
}

export function parseTypeArg(arg: string): { type: FieldType } & Partial<FieldSpec> {
  const m = /^([a-z]+)(?:\(([^)]*)\))?$/i.exec(arg.trim());
  const type = m?.[1]?.toLowerCase();
  if (!m || !type || !(FIELD_TYPES as readonly string[]).includes(type)) {
    fail({ code: 'E_BAD_INPUT', value: arg, message: say('"{arg}" is not a field type. Types: {types}; options in brackets, e.g. choice(A|B).', { arg, types: FIELD_TYPES.join(', ') }) });
  }
  return { type: type as FieldType, ...typeOption(type as FieldType, m[2]) };
}

/** `--set field=value`: the first `=` splits; the value is kept as typed (the core parses it). */
export function parseAssignments(list: string[] | undefined, option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i === 0) {
      // The first "=" ends the field's name, so a label starting with "=" cannot be given: its key can (`carnet schema`).
      fail({ code: 'E_BAD_INPUT', value: item, message: say('{option} "{item}" starts with "=": name the field by its key (listed by `carnet schema FILE`), as in {option} key=value. A value may start with "=": {option} notes==total is the text "=total".', { option, item }) });
    }
    if (i < 0) fail({ code: 'E_BAD_INPUT', value: item, message: say('{option} "{item}" should read field=value.', { option, item }) });
    out[item.slice(0, i).trim()] = item.slice(i + 1);
  }
  return out;
}
