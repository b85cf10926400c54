/**
 * Core messages in the language the person reads (issue 13, §5): the workbook's (`schema.lang`), or
 * the one the host says the person reads (the sidebar's language, a CLI's `--lang`).
 *
 * Messages are written in English where they are made, gettext-style: `say(template, params)`.
 * The English template is the key of its translations (core/messages/fr, core/messages/ru), so a
 * message site reads as the sentence it produces and English costs no catalog in the task pane's
 * first load. A test (test/core/messages/catalog.test.ts) reads every `say('…')` in the sources and
 * fails on a template without both translations, a translation nothing says any more, or a
 * placeholder a translation drops.
 *
 * Only the text changes with the language: error codes and the structured data beside a message
 * (field, cell, value, problems) are the same in every language.
 *
 * A value is quoted in a message by a `{placeholder}`; a number is inserted as written (row
 * numbers, limits): `grouped(n)` formats one with the language's digit grouping where that reads
 * better. A reason a value was refused (core/fields/result.ts) is a predicate the English templates
 * join with "is" (`"{value}" is {reason}.`); its translations carry their own verb
 * ("n'est pas une adresse e-mail", "не является адресом электронной почты"), and the templates that
 * join them leave "is" out.
 */

import type { Lang, Labels } from '../schema/types.js';

export type Params = Record<string, string | number>;
/** A template in another language, or a function where a plural or an agreement needs one. */
export type Translation = string | ((params: Params) => string);
export type Catalog = Record<string, Translation>;

const catalogs: Partial<Record<Lang, Catalog>> = {};
let current: Lang = 'en';

/** Makes `lang`'s translations available (core/messages/load.ts brings them on demand). */
export function addCatalog(lang: Lang, catalog: Catalog): void {
  catalogs[lang] = { ...catalogs[lang], ...catalog };
}

/** The language messages are said in now. */
export function speakingNow(): Lang {
  return current;
}

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/**
 * A message in the current language: the English `template` with its `{placeholders}` filled, or
 * its translation. A template without a translation in that language says it in English rather than
 * nothing (the catalog test keeps that from shipping).
 */
export function say(template: string, params?: Params): string {
  if (current !== 'en') {
    const t = catalogs[current]?.[template];
    if (typeof t === 'function') return t(params ?? {});
    if (t !== undefined) return fill(t, params);
  }
  return fill(template, params);
}

/** A field's or directory's name in the language messages are said in. */
export function named(labels: Labels): string {
  return labels[current] || labels.en;
}

const LOCALES: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', ru: 'ru-RU' };

/** A count with the language's digit grouping: 32,767 · 32 767 · 32 767. */
export function grouped(n: number): string {
  return n.toLocaleString(LOCALES[current]);
}

/**
 * The plural form of `n` in the current language (Intl.PluralRules: one/few/many/other), for the
 * translations that are functions: ru "1 строка, 2 строки, 5 строк".
 */
export function pluralOf(n: number, lang: Lang = current): Intl.LDMLPluralRule {
  return new Intl.PluralRules(LOCALES[lang]).select(n);
}

let inFlight = 0;
let waiting: (() => void)[] = [];

/**
 * Runs `fn` with messages said in `lang`, or — `lang` absent — in the language already spoken (by
 * the command this one runs inside), else English until `fn` says which (`speak`: a command learns
 * the workbook's language once it has read the settings, and speaks it from then on).
 *
 * The language is the module's, not passed down: messages are made deep inside value checks that
 * know nothing of the command. Every host runs one command at a time (Apps Script one execution
 * per call, the task pane's queue, the local server's file queue, the CLI one command); so that
 * nothing else could mix two languages, a command asking for another language waits here until
 * those running have finished, and `speak` changes the language only for a command running alone.
 */
export async function speaking<T>(lang: Lang | undefined, fn: (speak: (lang: Lang) => void) => Promise<T>): Promise<T> {
  while (lang !== undefined && inFlight > 0 && current !== lang) await new Promise<void>((resolve) => waiting.push(resolve));
  if (inFlight === 0) current = lang ?? 'en';
  inFlight++;
  try {
    return await fn((later) => {
      if (inFlight === 1) current = later;
    });
  } finally {
    if (--inFlight === 0) {
      // Between commands messages are English again, whichever spoke last.
      current = 'en';
      const wake = waiting;
      waiting = [];
      for (const w of wake) w();
    }
  }
}
