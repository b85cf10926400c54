/**
 * Document templates' vocabulary. A template is a .docx with tags (`{Name}`, `{Company.City}`,
 * `{#Sales}…{/Sales}`, `{^Email}…{/Email}`, `{Date|long}`); the data it is filled from is a tree of
 * scopes built from one record (data.ts): its fields, the records its references name, the lists
 * of records that refer to it, and a few computed values. Tags are resolved by Carnet's own closed
 * parser (tag-parse.ts): names and formatters, nothing else — no expression is ever evaluated.
 */

import type { FieldType, Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';

/** What a name in a tag can stand for. */
export type Entry =
  /** A field's stored value, formatted for the document by its type (formatters.ts). */
  | { kind: 'value'; value: Cell; type: FieldType | 'computed-text' | 'computed-money' | 'computed-date' | 'computed-number'; currency?: string; label: string }
  /**
   * A referenced record (`Company` in `{Company.City}`): a scope of its own; absent when the
   * reference is empty. `{Company}` alone shows `display`, the text the reference cell holds.
   */
  | { kind: 'record'; scope: Scope | undefined; label: string; display: string }
  /** Records that refer to this one (`Sales` in `{#Sales}…{/Sales}`): a loop. */
  | { kind: 'list'; items: Scope[]; label: string };

/** One record's names: every field by key and by label in every language, case and spaces ignored. */
export interface Scope {
  /** The entry a tag's name segment means, or undefined when this scope has no such name. */
  get(name: string): Entry | undefined;
  /** The names a template author would write, in the workbook's language first (catalogue, did-you-mean). */
  names(): string[];
}

/** A tag as Carnet's closed parser reads it. */
export interface ParsedTag {
  /** `Company.City` → ['Company', 'City']. */
  path: string[];
  /** `{Date|long}` → 'long'; one of FORMATTERS. */
  formatter?: Formatter;
}

/** The closed set of formatters a tag may name after `|`. */
export const FORMATTERS = ['long', 'short', 'words', 'number', 'upper', 'lower', 'year', 'month'] as const;
export type Formatter = (typeof FORMATTERS)[number];

/** How values are written in a document: the workbook's language, currency and country. */
export interface DocumentLocale {
  lang: Lang;
  currency: string;
  country: string;
}

/** Where a tag is in a template, as a person finds it in Word. */
export interface TagPlace {
  /** 'paragraph' N (1-based, body order) or 'table cell' (table N, row R, column C). */
  where: string;
  /** The text of the paragraph or cell around the tag, trimmed to about 60 characters. */
  around: string;
}

/** A problem in a template, pointing at the tag. */
export interface TemplateProblem {
  /** `{Ctiy}` as written. */
  tag: string;
  place: TagPlace;
  /** Plain words: `unknown field "Ctiy" — did you mean {City}?`. */
  message: string;
  kind: 'unknown-name' | 'unclosed-loop' | 'unopened-loop' | 'not-a-list' | 'bad-formatter' | 'syntax' | 'missing-value';
}

/** A template as stored in the workbook. */
export interface TemplateInfo {
  name: string;
  /** Directory key the template fills from. */
  directory: string;
  /** `Invoice {Number} {Name}.docx`. */
  fileName: string;
  /** Bytes of the .docx. */
  size: number;
  uploaded: number;
  by: string;
  /** A built-in Carnet made (invoice, price list, contract). */
  builtin?: boolean;
}
