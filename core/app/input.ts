/**
 * Input validation at the command boundary: small composable checks that either return the
 * typed value or throw E_BAD_INPUT naming the path of the bad part (`values.email`).
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { Cell } from '../workbook.js';

export type Check<T> = (value: unknown, path: string) => T;

/** `expected` is what the value should have been, said in the current language ("a whole number"). */
function bad(path: string, expected: string, value: unknown): never {
  const at = path || 'input';
  fail({
    code: 'E_BAD_INPUT',
    field: path,
    value,
    message: value === undefined ? say('{path}: expected {expected}, got nothing.', { path: at, expected }) : say('{path}: expected {expected}, got {value}.', { path: at, expected, value: JSON.stringify(value) }),
  });
}

/** A key the command does not take (`known`: the ones it does). */
function unknownOption(path: string, known: string[], value: unknown): never {
  if (value === undefined) bad(path, known.length ? say('no such option (known: {known})', { known: known.join(', ') }) : say('no such option (known: none)'), value);
  fail({
    code: 'E_BAD_INPUT',
    field: path,
    value,
    message: known.length
      ? say('{path}: expected no such option (known: {known}), got {value}.', { path: path || 'input', known: known.join(', '), value: JSON.stringify(value) })
      : say('{path}: expected no such option (known: none), got {value}.', { path: path || 'input', value: JSON.stringify(value) }),
  });
}

export const str: Check<string> = (v, p) => (typeof v === 'string' && v.trim() !== '' ? v : bad(p, say('a non-empty string'), v));

export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : bad(p, say('true or false'), v));

export const int: Check<number> = (v, p) => (typeof v === 'number' && Number.isInteger(v) ? v : bad(p, say('a whole number'), v));

export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (v, p) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : bad(p, say('one of {values}', { values: values.join(', ') }), v));
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (v, p) => (v === undefined || v === null ? undefined : check(v, p));
}

export const cell: Check<Cell> = (v, p) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? (v as Cell)
    : bad(p, say('a text, number, boolean or null'), v);

export function array<T>(item: Check<T>): Check<T[]> {
  return (v, p) => (Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : bad(p, say('a list'), v));
}

/** An object of free keys (field names → values). */
export function dict<T>(item: Check<T>): Check<Record<string, T>> {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(p, say('an object'), v);
    const out: Record<string, T> = {};
    // defineProperty: a key "__proto__" (JSON.parse makes it an own key) stays a key, never the prototype.
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      Object.defineProperty(out, k, { value: item(x, p ? `${p}.${k}` : k), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
}

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** An object with known keys; unknown keys are refused so a typo never passes silently. */
export function object<S extends Shape>(shape: S): Check<Out<S>> {
  return (v, p) => {
    if (v === undefined || v === null) v = {};
    if (typeof v !== 'object' || Array.isArray(v)) bad(p, say('an object'), v);
    const src = v as Record<string, unknown>;
    for (const k of Object.keys(src)) {
      // Own keys only: `"constructor" in shape` is true for every object.
      if (!Object.prototype.hasOwnProperty.call(shape, k)) unknownOption(p ? `${p}.${k}` : k, Object.keys(shape), src[k]);
    }
    const out: Record<string, unknown> = {};
    for (const [k, check] of Object.entries(shape)) {
      const x = check(src[k], p ? `${p}.${k}` : k);
      if (x !== undefined) out[k] = x;
    }
    return out as Out<S>;
  };
}

/** Deeper than any command's input (an import's rows are 3 levels); checked iteratively, so no stack overflows. */
export const MAX_INPUT_DEPTH = 64;

/** E_BAD_INPUT when a parsed input nests deeper than MAX_INPUT_DEPTH, before any recursive check sees it. */
export function checkDepth(value: unknown): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_INPUT_DEPTH) tooDeep();
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (typeof x === 'object' && x !== null) stack.push([x, depth + 1]);
  }
}

export function tooDeep(): never {
  fail({ code: 'E_BAD_INPUT', message: say("The input nests deeper than {max} levels: Carnet's commands take flat objects and lists.", { max: MAX_INPUT_DEPTH }) });
}
