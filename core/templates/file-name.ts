/**
 * A filled document's file name from its template's pattern (`Invoice {Number} {Name}.docx`): the
 * same names as in the document, resolved the same way, then made safe for every file system
 * (no `/ \ : * ? " < > |`, no control characters, at most 150 characters, `.docx` at the end).
 */

import { formatEntry } from './formatters.js';
import { parseTag } from './tag-parse.js';
import type { DocumentLocale, Entry, Scope } from './types.js';

function resolveText(tag: string, root: Scope, locale: DocumentLocale): string {
  const parsed = parseTag(tag);
  if ('error' in parsed) return '';
  let scope: Scope | undefined = root;
  for (let i = 0; i < parsed.path.length; i++) {
    const e: Entry | undefined = scope?.get(parsed.path[i]!);
    if (!e) return '';
    const last = i === parsed.path.length - 1;
    if (e.kind === 'value') return last ? formatEntry(e, parsed.formatter, locale) : '';
    if (e.kind === 'list') return '';
    if (last) return e.display;
    scope = e.scope;
  }
  return '';
}

export function fileNameFor(pattern: string, root: Scope, locale: DocumentLocale): string {
  const filled = pattern.replace(/\{([^{}]*)\}/g, (_, tag: string) => resolveText(tag, root, locale));
  let name = filled
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // No trailing dots or spaces (Windows drops them; "& Co." would become "& Co..docx").
  name = name.replace(/\.docx$/i, '').trim().slice(0, 145).replace(/[.\s]+$/, '');
  return `${name || 'document'}.docx`;
}
