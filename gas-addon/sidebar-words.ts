/**
 * The sidebar's French and Russian words, served from Code.js (`google.script.run.carnetWords`):
 * Sidebar.html carries only English (its budget is 250 KB), and the sidebar asks for its
 * language's words once, at start-up, with its first calls (`Bridge.words`, ui/i18n.ts).
 *
 * Its screens loaded on demand are `carnetScreen(name)` (sidebar-screens.ts), re-exported here.
 *
 * The build (build.ts) bundles this file into Code.js beside main.ts and adds a top-level function
 * per name in SIDEBAR_GLOBALS, as it does for main.ts's GLOBALS.
 */

import type { Outcome } from '../ui/bridge.js';
import { say } from '../core/messages/say.js';
import { WORDS as FR } from '../ui/i18n-fr.js';
import { WORDS as RU } from '../ui/i18n-ru.js';

// The screens Sidebar.html leaves out are served the same way (sidebar-screens.ts).
export { carnetScreen } from './sidebar-screens.js';

export const SIDEBAR_GLOBALS = ['carnetWords', 'carnetScreen'] as const;

const WORDS: Record<string, Record<string, string>> = { fr: FR, ru: RU };

/** A language's words as the outcome JSON every server function answers; English is the page's own. */
export function carnetWords(lang: string): string {
  const words = Object.hasOwn(WORDS, lang) ? WORDS[lang] : undefined;
  const outcome: Outcome = words
    ? { ok: true, result: words }
    : { ok: false, error: { code: 'E_BAD_INPUT', field: 'lang', value: lang, message: say('No words for the language "{lang}" here (French and Russian are; English is the page\'s own).', { lang }) } };
  return JSON.stringify(outcome);
}
