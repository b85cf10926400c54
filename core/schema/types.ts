/**
 * The schema: which directories a workbook holds and the typed fields of each.
 * Stored as versioned JSON in the very hidden `_carnet` sheet (see storage.ts).
 */

import type { Cell } from '../workbook.js';

export const LANGS = ['en', 'fr', 'ru'] as const;
export type Lang = (typeof LANGS)[number];

/** A name in every language Carnet speaks. */
export type Labels = Record<Lang, string>;

export const FIELD_TYPES = [
  'text',
  'longtext',
  'integer',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'email',
  'phone',
  'url',
  'choice',
  'reference',
  'user',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldDef {
  /** Stable identifier (`tax_id`); never shown in the sheet. */
  key: string;
  type: FieldType;
  labels: Labels;
  required?: boolean;
  /** Unique within the directory, case-insensitive. The display field is always unique. */
  unique?: boolean;
  /** Stored value used when a new record leaves the field empty. */
  default?: Cell;
  /** Hidden fields keep their column and data; forms and lists leave them out. */
  hidden?: boolean;
  help?: Partial<Labels>;
  /** money: ISO 4217 code; defaults to the schema's currency. */
  currency?: string;
  /** choice: the allowed values, as written in the cells (the workbook's language). */
  choices?: string[];
  /** reference: the key of the referenced directory. */
  ref?: string;
}

export interface DirectoryDef {
  key: string;
  labels: Labels;
  /** Sheet that holds the directory (the label in the workbook's language when created). */
  sheet: string;
  /** `CO` gives ids `CO-000042`. */
  idPrefix: string;
  /**
   * The field whose value stands for the record in references and dropdowns; unique.
   * `'id'` means the record's ID (sales, notes, tasks have no natural unique name).
   */
  display: string;
  fields: FieldDef[];
  /** Records have a meaningful order (funnel stages): kept as sheet order. */
  ordered?: boolean;
}

export interface Schema {
  version: 1;
  /** The workbook's language: sheet names, headers and choice values were written in it. */
  lang: Lang;
  /** Default country for phone numbers without an international prefix (ISO 3166 alpha-2). */
  country: string;
  /** Default currency for money fields (ISO 4217). */
  currency: string;
  /** Date order for typed dates like 03/04/2026: day-first (`dmy`) or month-first (`mdy`). */
  dateOrder: 'dmy' | 'mdy' | 'ymd';
  directories: DirectoryDef[];
}

/** Header of the id column in every directory sheet. */
export const ID_HEADER = 'ID';
