/**
 * What a parsed tag names, against the stack of scopes docxtemplater is in: the record being
 * filled at the bottom, one scope per enclosing `{#Sales}` / `{#Company}` above it. The first name
 * is looked up from the innermost scope outwards (inside `{#Sales}`, `{Product}` is the sale's and
 * `{Company.City}` still reaches the root's company); later names go through `record` entries.
 * Pure: no docxtemplater here (engine.ts adapts it), so a check and a fill resolve alike.
 */

import { say } from '../messages/say.js';
import { closest } from './did-you-mean.js';
import { formatterApplies, formatterAppliesTo } from './formatters.js';
import type { Entry, Formatter, ParsedTag, Scope, TemplateProblem } from './types.js';

/** Root first, innermost last: docxtemplater's `context.scopeList` order. */
export type Stack = readonly Scope[];

/**
 * A scope whose names are not known: a check enters a list that has no item to read names from,
 * or a reference with no record behind it. Names under it are taken on trust rather than refused.
 */
export const UNKNOWN_SCOPE: Scope = { get: () => undefined, names: () => [] };

export type Resolution =
  | { kind: 'entry'; entry: Entry }
  /** The path runs through an empty reference (`{Company.City}` when the sale names no company). */
  | { kind: 'empty'; through: string }
  /** The path may name something under a scope whose names are unknown: not checked. */
  | { kind: 'unchecked' }
  | { kind: 'problem'; problem: Pick<TemplateProblem, 'kind' | 'message'> };

/** How a tag uses what it names: printed (`{City}`), or a section (`{#Sales}`, `{^Email}`). */
export interface TagUse {
  /** '' for a printed value, '#' or '^' for a section. */
  prefix: '' | '#' | '^';
  /** The section repeats a table row: the form for a list's lines, so a non-list there is a mistake. */
  repeatsRow?: boolean;
}

export function resolvePath(tag: ParsedTag, stack: Stack, use: TagUse): Resolution {
  const [first, ...rest] = tag.path as [string, ...string[]];
  let entry: Entry | undefined;
  let unknownScopeSeen = false;
  for (let i = stack.length - 1; i >= 0 && !entry; i--) {
    if (stack[i] === UNKNOWN_SCOPE) unknownScopeSeen = true;
    else entry = stack[i]!.get(first);
  }
  if (!entry) return unknownScopeSeen ? { kind: 'unchecked' } : problem('unknown-name', unknownFirstName(tag, stack, use));
  for (let i = 0; i < rest.length; i++) {
    const reached = tag.path.slice(0, i + 1).join('.');
    if (entry.kind === 'list') return problem('syntax', isAList(reached));
    if (entry.kind === 'value') return problem('unknown-name', say('"{name}" is a field, not a reference: nothing can follow it after "."', { name: reached }));
    if (entry.scope === undefined) return { kind: 'empty', through: reached };
    if (entry.scope === UNKNOWN_SCOPE) return { kind: 'unchecked' };
    const next = entry.scope.get(rest[i]!);
    if (!next) {
      const near = closest(rest[i]!, entry.scope.names());
      const field = rest[i]!;
      return problem(
        'unknown-name',
        near
          ? say('"{name}" has no field "{field}" — did you mean {suggestion}?', { name: reached, field, suggestion: written(use, { ...tag, path: [...tag.path.slice(0, i + 1), near] }) })
          : say('"{name}" has no field "{field}"', { name: reached, field }),
      );
    }
    entry = next;
  }
  const misuse = misused(entry, tag, use, stack);
  return misuse ? { kind: 'problem', problem: misuse } : { kind: 'entry', entry };
}

/** A name that exists but cannot be used the way the tag uses it. */
function misused(entry: Entry, tag: ParsedTag, use: TagUse, stack: Stack): Pick<TemplateProblem, 'kind' | 'message'> | undefined {
  const name = tag.path.join('.');
  if (use.prefix !== '') {
    if (tag.formatter) return { kind: 'syntax', message: say('a |formatter has no effect on a section: write {tag}', { tag: written(use, { path: tag.path }) }) };
    if (use.repeatsRow && entry.kind !== 'list') {
      const lists = listsOf(stack)
        .map((l) => `{#${l}}`)
        .join(', ');
      const record = entry.kind === 'record';
      const message = lists
        ? record
          ? say('"{name}" is one record, not a list, so this table row cannot repeat — lists here: {lists}', { name, lists })
          : say('"{name}" is a field, not a list, so this table row cannot repeat — lists here: {lists}', { name, lists })
        : record
          ? say('"{name}" is one record, not a list, so this table row cannot repeat', { name })
          : say('"{name}" is a field, not a list, so this table row cannot repeat', { name });
      return { kind: 'not-a-list', message };
    }
    return undefined;
  }
  if (entry.kind === 'list') return { kind: 'syntax', message: isAList(name) };
  // `{Company}` alone prints the reference's text, as its cell shows it.
  const type = entry.kind === 'record' ? 'reference' : entry.type;
  if (tag.formatter && !formatterApplies(type, tag.formatter)) {
    return { kind: 'bad-formatter', message: say('{formatter} does not apply to "{name}": it applies to {types}', { formatter: `|${tag.formatter}`, name, types: formatterAppliesTo(tag.formatter) }) };
  }
  return undefined;
}

function unknownFirstName(tag: ParsedTag, stack: Stack, use: TagUse): string {
  const [first] = tag.path as [string];
  const field = use.prefix === '';
  const near = closest(first, namesOf(stack));
  if (near) {
    const suggestion = written(use, { ...tag, path: [near, ...tag.path.slice(1)] });
    return field ? say('unknown field "{name}" — did you mean {suggestion}?', { name: first, suggestion }) : say('unknown name "{name}" — did you mean {suggestion}?', { name: first, suggestion });
  }
  const list = listHolding(first, stack);
  if (list) {
    const params = { name: first, list, opening: `{#${list}}`, closing: `{/${list}}` };
    return field
      ? say('unknown field "{name}" here: it is a field of each of {list}, so write it between {opening} and {closing}', params)
      : say('unknown name "{name}" here: it is a field of each of {list}, so write it between {opening} and {closing}', params);
  }
  return field ? say('unknown field "{name}"', { name: first }) : say('unknown name "{name}"', { name: first });
}

/** The names a template author could have meant, innermost scope first, each once. */
function namesOf(stack: Stack): string[] {
  const seen = new Set<string>();
  for (let i = stack.length - 1; i >= 0; i--) for (const name of stack[i]!.names()) seen.add(name);
  return [...seen];
}

function isAList(name: string): string {
  return say('"{name}" is a list: repeat it with {section} and name its fields inside', { name, section: `{#${name}}…{/${name}}` });
}

/** The lists in reach, innermost scope first: a scope's names that are lists. */
function listsOf(stack: Stack): string[] {
  return namesOf(stack).filter((name) => lookUp(name, stack)?.kind === 'list');
}

function lookUp(name: string, stack: Stack): Entry | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const entry = stack[i]!.get(name);
    if (entry) return entry;
  }
  return undefined;
}

/** The list in reach whose items have the name: `{Product}` written outside `{#Sales}`. */
function listHolding(name: string, stack: Stack): string | undefined {
  return listsOf(stack).find((list) => {
    const entry = lookUp(list, stack);
    return entry?.kind === 'list' && entry.items[0]?.get(name) !== undefined;
  });
}

/** How a suggested tag is written: in the form the author used. */
export function written(use: TagUse, tag: { path: string[]; formatter?: Formatter }): string {
  return `{${use.prefix}${tag.path.join('.')}${tag.formatter ? `|${tag.formatter}` : ''}}`;
}

/** Whether a section over a value shows: booleans by value, numbers when not 0, text when not blank. */
export function isTruthy(entry: Extract<Entry, { kind: 'value' }>): boolean {
  const v = entry.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return v !== null && v.trim() !== '';
}

/** Whether a value prints as nothing: an empty cell (false and 0 are values). */
export function isEmptyValue(entry: Extract<Entry, { kind: 'value' }>): boolean {
  return entry.value === null || (typeof entry.value === 'string' && entry.value.trim() === '');
}

function problem(kind: TemplateProblem['kind'], message: string): Resolution {
  return { kind: 'problem', problem: { kind, message } };
}
