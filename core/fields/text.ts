/**
 * Text-like fields. Strings are kept as typed (trimmed), including a leading = + - @: the port
 * writes strings as literal text in every host, so stripping or escaping here would only corrupt
 * values such as "-15% off" or "@handle".
 */

import type { Cell } from '../workbook.js';
import { say } from '../messages/say.js';
import { plainDecimal } from './decimal.js';
import { fail, ok, type Normalized } from './result.js';

/** A number or boolean in a text column (a postcode a spreadsheet read as 75001) becomes its text. */
export function cellText(raw: Exclude<Cell, null>): string {
  if (typeof raw === 'number') return Number.isFinite(raw) ? plainDecimal(raw) : String(raw);
  return String(raw);
}

/**
 * Control characters a person never means to store (ESC starts the terminal escape sequences that
 * recolour or rewrite what `carnet list` prints; NUL, BEL, C1 codes): refused in one-line text.
 * Tab and line breaks are text a paste brings; a longtext field keeps anything (the CLI escapes it).
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function normalizeText(raw: Exclude<Cell, null>): Normalized {
  const text = cellText(raw).trim();
  const bad = CONTROL.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fail(say('not text: it holds the control character U+{code} (character {position})', { code, position: bad.index + 1 }));
  }
  return ok(text);
}

/** Inner line breaks are kept; Windows and old Mac breaks become `\n`, what spreadsheet cells use. */
export function normalizeLongText(raw: Exclude<Cell, null>): Normalized {
  return ok(cellText(raw).replace(/\r\n?/g, '\n').trim());
}

/** An email-like user id is lower-cased, as emails are; other ids (a profile name) keep their case. */
export function normalizeUser(raw: Exclude<Cell, null>): Normalized {
  const s = cellText(raw).trim();
  return ok(s.includes('@') ? s.toLowerCase() : s);
}

export function normalizeChoice(raw: Exclude<Cell, null>, choices: readonly string[] | undefined): Normalized {
  const list = choices ?? [];
  const key = (s: string) => s.trim().normalize('NFC').toLowerCase();
  const wanted = key(cellText(raw));
  const hit = list.find((c) => key(c) === wanted);
  if (hit !== undefined) return ok(hit);
  return fail(list.length ? say('not one of: {choices}', { choices: list.join(', ') }) : say('no choices are defined for this field'));
}
