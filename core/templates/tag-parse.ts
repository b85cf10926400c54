/**
 * Carnet's closed tag grammar: what may stand between `{` and `}` in a template. A tag is a path
 * of names separated by `.`, with an optional `|formatter` from FORMATTERS; nothing else. No
 * operator, call, quote or literal has a meaning, so a template can name data and never run code
 * (the angular-expressions parser docxtemplater suggests has had remote code execution CVEs).
 *
 * The section prefixes `#`, `^` and `/` never reach this grammar: docxtemplater's loop module
 * strips them and hands the parser `Sales` for `{#Sales}` ("For loop tags, if the tag is
 * {#condition}, the passed string is only condition", https://docxtemplater.com/docs/configuration).
 */

import { FORMATTERS, type Formatter, type ParsedTag } from './types.js';
import { closest } from './did-you-mean.js';
import { say } from '../messages/say.js';

/** Why a tag is refused: its form ('syntax') or its `|formatter` ('bad-formatter'). */
export interface TagError {
  error: string;
  kind: 'syntax' | 'bad-formatter';
}

/**
 * One name: letters and digits of any script (with their combining marks: accents written as two
 * code points), spaces, `_`, `-` and apostrophes (`{Company's City}`, `{Дата договора}`).
 */
const NAME = /^[\p{L}\p{M}\p{N}_' -]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** A name that means something to JavaScript objects: refused, whatever a Scope does with names. */
const RESERVED = new Set(['constructor', '__proto__', 'prototype', 'this']);

/** The tag's text as Word and LibreOffice type it, with their typographic substitutions undone. */
export function normalizeTagText(text: string): string {
  return text
    .replace(/[\u00A0\u2007\u202F\u2000-\u200A\u3000]/g, ' ') // non-breaking and typographic spaces
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '') // zero-width characters an editor leaves behind
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'") // smart apostrophes
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"') // smart double quotes (refused below)
    .normalize('NFC');
}

export function parseTag(text: string): ParsedTag | TagError {
  const normalized = normalizeTagText(text).trim();
  const bar = normalized.split('|');
  if (bar.length > 2) return syntax(say('only one |formatter may follow the name'));
  const [pathText, formatterText] = bar as [string, string | undefined];
  const path = pathText.split('.').map((segment) => segment.trim().replace(/\s+/g, ' '));
  for (const segment of path) {
    const refused = refusal(segment);
    if (refused) return syntax(refused);
  }
  if (formatterText === undefined) return { path };
  const notALetter = [...formatterText.trim()].find((c) => !/\p{L}/u.test(c));
  if (notALetter) return syntax(say('{character} cannot be part of a formatter (a formatter is one word, such as |long)', { character: quoteChar(notALetter) }));
  const formatter = formatterText.trim().toLowerCase();
  if (isFormatter(formatter)) return { path, formatter };
  return badFormatter(formatterText.trim());
}

export function isTagError(parsed: ParsedTag | TagError): parsed is TagError {
  return 'error' in parsed;
}

/** Why one path segment is not a name, or undefined when it is one. */
function refusal(segment: string): string | undefined {
  if (segment === '') return say('a name is missing (an empty tag, or two dots in a row)');
  if (RESERVED.has(segment) || /^__.*__$/.test(segment)) return say('"{name}" is reserved', { name: segment });
  if (!NAME.test(segment)) {
    const bad = [...segment].find((c) => !NAME.test(c))!;
    return say('{character} cannot be part of a name', { character: quoteChar(bad) });
  }
  if (!HAS_LETTER_OR_DIGIT.test(segment)) return say('"{name}" has no letter or digit', { name: segment });
  return undefined;
}

function quoteChar(c: string): string {
  return c === '"' ? "'\"'" : `"${c}"`;
}

function isFormatter(name: string): name is Formatter {
  return (FORMATTERS as readonly string[]).includes(name);
}

function syntax(why: string): TagError {
  return { kind: 'syntax', error: say('not a field name: {why}', { why }) };
}

function badFormatter(name: string): TagError {
  const near = closest(name, FORMATTERS);
  const formatters = FORMATTERS.join(', ');
  const error = near
    ? say('unknown formatter "{name}" — did you mean {suggestion}? (formatters: {formatters})', { name, suggestion: `|${near}`, formatters })
    : say('unknown formatter "{name}" (formatters: {formatters})', { name, formatters });
  return { kind: 'bad-formatter', error };
}
