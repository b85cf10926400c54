/**
 * Brings a language's message catalog on demand: French and Russian are a chunk each in the Excel
 * task pane (its first load has a budget, scripts/budgets.ts); Apps Script's bundle inlines them.
 * The registry (core/app/registry.ts) awaits it before a command said in that language.
 */

import type { Lang } from '../schema/types.js';
import { addCatalog } from './say.js';

const loaded = new Set<Lang>(['en']);
const loading: Partial<Record<Lang, Promise<void>>> = {};

export function loadMessages(lang: Lang): Promise<void> {
  if (loaded.has(lang)) return Promise.resolve();
  loading[lang] ??= (lang === 'fr' ? import('./fr/index.js').then((m) => m.FR) : import('./ru/index.js').then((m) => m.RU)).then(
    (catalog) => {
      addCatalog(lang, catalog);
      loaded.add(lang);
    },
    (e: unknown) => {
      // A chunk that failed to arrive (offline) is fetched again by the next command.
      delete loading[lang];
      throw e;
    },
  );
  return loading[lang];
}
