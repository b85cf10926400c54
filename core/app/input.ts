/**
 * Input validation at the command boundary: small composable checks that either return the
 * typed value or throw E_BAD_INPUT naming the path of the bad part (`values.email`).
 */

import { fail } from '../errors.js';
import type { Cell } from '../workbook.js';

export type Check<T> = (value: unknown, path: string) => T;

function bad(path: string, expected: string, value: unknown): never {
  fail({
    code: 'E_BAD_INPUT',
    field: path,
    value,
    message: `${path || 'input'}: expected ${expected}, got ${value === undefined ? 'nothing' : JSON.stringify(value)}.`,
  });
}

export const str: Check<string> = (v, p) => (typeof v === 'string' && v.trim() !== '' ? v : bad(p, 'a non-empty string', v));

export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : bad(p, 'true or false', v));

export const int: Check<number> = (v, p) => (typeof v === 'number' && Number.isInteger(v) ? v : bad(p, 'a whole number', v));

export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (v, p) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : bad(p, `one of ${values.join(', ')}`, v));
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (v, p) => (v === undefined || v === null ? undefined : check(v, p));
}

export const cell: Check<Cell> = (v, p) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? (v as Cell)
    : bad(p, 'a text, number, boolean or null', v);

export function array<T>(item: Check<T>): Check<T[]> {
  return (v, p) => (Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : bad(p, 'a list', v));
}

/** An object of free keys (field names → values). */
export function dict<T>(item: Check<T>): Check<Record<string, T>> {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(p, 'an object', v);
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
    if (typeof v !== 'object' || Array.isArray(v)) bad(p, 'an object', v);
    const src = v as Record<string, unknown>;
    for (const k of Object.keys(src)) {
      // Own keys only: `"constructor" in shape` is true for every object.
      if (!Object.prototype.hasOwnProperty.call(shape, k)) bad(p ? `${p}.${k}` : k, `no such option (known: ${Object.keys(shape).join(', ') || 'none'})`, src[k]);
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
  fail({ code: 'E_BAD_INPUT', message: `The input nests deeper than ${MAX_INPUT_DEPTH} levels: Carnet's commands take flat objects and lists.` });
}
