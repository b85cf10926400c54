/**
 * The names of the values Carnet computes for a document, in each language a template is written
 * in: `{Today}`, `{Number}` (the document's number), `{Total}`. data.ts offers them beside a
 * record's fields; builtins.ts writes them into the templates Carnet makes; the catalogue lists them.
 */

import type { Lang } from '../schema/types.js';

export type ComputedValue = 'today' | 'number' | 'total';

export const COMPUTED_NAMES: Record<ComputedValue, Record<Lang, string>> = {
  today: { en: 'Today', fr: "Aujourd'hui", ru: 'Сегодня' },
  number: { en: 'Number', fr: 'Numéro', ru: 'Номер' },
  total: { en: 'Total', fr: 'Total', ru: 'Итого' },
};
