/**
 * What a demo CRM is made of in one language: places, people, company names, and the phrases a
 * sales team writes. One file per language under `vocabulary/`; this file is the shape.
 */

import type { Lang } from '../schema/types.js';
import type { Random } from './random.js';
import { en } from './vocabulary/en.js';
import { fr } from './vocabulary/fr.js';
import { ru } from './vocabulary/ru.js';

/** A word that may imply the company's industry (index into `industries`). */
export interface Word {
  text: string;
  industry?: number;
}

export interface DemoCity {
  name: string;
  country: string;
  /**
   * Phone number patterns, E.164 with spaces for reading: `X` is any digit, `N` is 2–9.
   * Drawn from ranges reserved for fiction where the country has them (US 555-01xx, UK Ofcom
   * drama numbers, ARCEP's fiction numbers), so the demo never lists a real person's line.
   */
  phones: readonly string[];
  /** Empty: the country has no valid fictional mobile range, contacts there get none. */
  mobiles: readonly string[];
}

export interface Vocabulary {
  cities: readonly DemoCity[];
  people: {
    male: readonly string[];
    female: readonly string[];
    last: readonly string[];
    /** Russian surnames agree with gender (Петров → Петрова); identity elsewhere. */
    feminine: (last: string) => string;
  };
  /** The sales team: owners, note authors and task assignees. */
  team: ReadonlyArray<readonly [first: string, last: string]>;
  company: {
    /** Company names are head + separator + tail (`Summit` `Bakery`, `Строй` `торг`). */
    heads: readonly Word[];
    tails: readonly Word[];
    separator: string;
    /** Names that do not follow the head + tail pattern, used as they are. */
    phrases: readonly Word[];
    legalForms: ReadonlyArray<readonly [string, number]>;
    /** Adds the legal form where the country writes it: `ООО «Стройторг»`, `Summit Bakery LLC`. */
    fullName: (base: string, legalForm: string) => string;
    /** Local parts of a company's general address (`info`, `contact`). */
    mailboxes: readonly string[];
    address: (rng: Random) => string;
    taxId: (rng: Random) => string;
    remarks: readonly string[];
  };
  industries: readonly string[];
  segments: { vip: string; regular: string; wholesale: string };
  incomeSources: readonly string[];
  positions: readonly string[];
  contactRemarks: readonly string[];
  /** `{contact}` is a contact's full name, `{product}` a product name, `{company}` a company's name. */
  notes: { withContact: readonly string[]; general: readonly string[] };
  saleComments: readonly string[];
  dealTopics: readonly string[];
  tasks: { withContact: readonly string[]; general: readonly string[] };
  /** Template of a deal's name from the company's name and a topic. */
  dealName: (company: string, topic: string) => string;
  /** How a product name is quoted inside a sentence. */
  quoteProduct: (name: string) => string;
}

const VOCABULARIES: Record<Lang, Vocabulary> = { en, fr, ru };

export function vocabularyFor(lang: Lang): Vocabulary {
  return VOCABULARIES[lang];
}
