/**
 * The shape of the schema and counters as `_carnet` stores them (issue 13, §4): valid JSON of the
 * wrong shape — edited by hand, or half-restored — is refused on read with E_CORRUPT naming the
 * key (`schema.directories[2].fields[0].type`), instead of failing later as an internal error.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { FIELD_TYPES, LANGS } from './types.js';

function corrupt(key: string, what: string): never {
  fail({
    code: 'E_CORRUPT',
    sheet: '_carnet',
    field: key,
    message: say('Carnet\'s settings sheet "_carnet" is damaged: {key} {what}. Restore it from the backup or version history.', { key, what }),
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, key: string): void {
  if (typeof v !== 'string') corrupt(key, say('is not a text'));
}

function labels(v: unknown, key: string): void {
  if (!isObject(v)) corrupt(key, say('is not a set of labels'));
  for (const l of LANGS) text(v[l], `${key}.${l}`);
}

function list(v: unknown, key: string): unknown[] {
  if (!Array.isArray(v)) corrupt(key, say('is not a list'));
  return v;
}

export function checkStoredSchema(schema: unknown): void {
  if (!isObject(schema)) corrupt('schema', say('is not an object'));
  const dirs = list(schema.directories, 'schema.directories');
  dirs.forEach((d, i) => {
    const at = `schema.directories[${i}]`;
    if (!isObject(d)) corrupt(at, say('is not a directory'));
    for (const k of ['key', 'sheet', 'idPrefix', 'display'] as const) text(d[k], `${at}.${k}`);
    labels(d.labels, `${at}.labels`);
    list(d.fields, `${at}.fields`).forEach((f, j) => {
      const fat = `${at}.fields[${j}]`;
      if (!isObject(f)) corrupt(fat, say('is not a field'));
      text(f.key, `${fat}.key`);
      if (!(FIELD_TYPES as readonly unknown[]).includes(f.type)) corrupt(`${fat}.type`, say('is not a field type'));
      labels(f.labels, `${fat}.labels`);
      if (f.choices !== undefined) list(f.choices, `${fat}.choices`).forEach((c, k) => text(c, `${fat}.choices[${k}]`));
      if (f.ref !== undefined) text(f.ref, `${fat}.ref`);
    });
  });
  for (const k of ['lang', 'country', 'currency'] as const) if (schema[k] !== undefined) text(schema[k], `schema.${k}`);
}

export function checkStoredCounters(counters: unknown): void {
  if (counters === undefined) return;
  if (!isObject(counters)) corrupt('counters', say('is not an object'));
  for (const [k, v] of Object.entries(counters)) if (typeof v !== 'number' || !Number.isFinite(v)) corrupt(`counters.${k}`, say('is not a number'));
}
