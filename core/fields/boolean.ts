/**
 * Yes/no values in the three languages Carnet speaks, plus what spreadsheets and forms produce:
 * TRUE/FALSE (also as localised Excel writes them in CSV: VRAI/FAUX, ИСТИНА/ЛОЖЬ), 1/0, and a
 * tick or an x for "checked". Anything else is refused rather than guessed as false.
 */

import type { Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { say } from '../messages/say.js';
import { fail, ok, type Normalized } from './result.js';

const notYesNo = (): Normalized => fail(say('not yes or no'));

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'oui', 'o', 'vrai', 'да', 'д', 'истина', 'x', '✓', '✔', '☑']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'non', 'faux', 'нет', 'н', 'ложь']);

export function normalizeBoolean(raw: Cell): Normalized {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 1 || raw === 0) return ok(raw === 1);
  if (typeof raw !== 'string') return notYesNo();
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return notYesNo();
}

const WORDS: Record<Lang, [yes: string, no: string]> = {
  en: ['yes', 'no'],
  fr: ['oui', 'non'],
  ru: ['да', 'нет'],
};

export function formatBoolean(value: boolean, lang: Lang): string {
  const [yes, no] = WORDS[lang] ?? WORDS.en;
  return value ? yes : no;
}
