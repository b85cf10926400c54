/**
 * Finding directories and fields by what a person types: the key, or a label in any of
 * Carnet's languages, or the sheet name; case-insensitive, surrounding spaces ignored.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { LANGS, type DirectoryDef, type FieldDef, type Lang, type Schema } from './types.js';

/** Folds case and spaces so `  Tax ID ` finds `tax_id`'s label "Tax ID". */
/**
 * Names and keys as compared: trimmed, inner spaces collapsed, lower-cased. Folding is on every
 * hot path (indexes of 100,000 sales by company), and a sheet repeats the same few thousand
 * values, so results are remembered (up to a bound, then forgotten at once).
 */
export function fold(s: string): string {
  let f = FOLDED.get(s);
  if (f === undefined) {
    if (FOLDED.size >= 200_000) FOLDED.clear();
    f = s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
    FOLDED.set(s, f);
  }
  return f;
}

const FOLDED = new Map<string, string>();

function names(d: { key: string; labels: Record<Lang, string> }): string[] {
  return [d.key, ...LANGS.map((l) => d.labels[l])].map(fold);
}

export function directoryNamed(schema: Schema, name: string): DirectoryDef | undefined {
  const f = fold(name);
  return schema.directories.find((d) => names(d).includes(f) || fold(d.sheet) === f);
}

export function requireDirectory(schema: Schema, name: string): DirectoryDef {
  const found = directoryNamed(schema, name);
  if (!found) {
    const known = schema.directories.map((d) => named(d.labels)).join(', ');
    fail({ code: 'E_UNKNOWN_DIRECTORY', value: name, message: say('No directory named "{name}". Directories: {known}.', { name, known }) });
  }
  return found;
}

export function directoryByKey(schema: Schema, key: string): DirectoryDef {
  const found = schema.directories.find((d) => d.key === key);
  if (!found) fail({ code: 'E_UNKNOWN_DIRECTORY', value: key, message: say('No directory with key "{key}".', { key }) });
  return found;
}

export function fieldNamed(dir: DirectoryDef, name: string): FieldDef | undefined {
  const f = fold(name);
  return dir.fields.find((x) => names(x).includes(f));
}

export function requireField(schema: Schema, dir: DirectoryDef, name: string): FieldDef {
  const found = fieldNamed(dir, name);
  if (!found) {
    const known = dir.fields.map((x) => named(x.labels)).join(', ');
    fail({
      code: 'E_UNKNOWN_FIELD',
      directory: dir.key,
      value: name,
      message: say('{directory} has no field named "{name}". Fields: {known}.', { directory: named(dir.labels), name, known }),
    });
  }
  return found;
}
