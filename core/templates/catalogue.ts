/**
 * The tag catalogue of a directory: every tag a template author may write — the record's fields,
 * the fields of the records its references name, its lists and their fields, every record of the
 * other directories, the computed values — each with an example from a real record, so that the
 * author sees what the tag will print. This replaces the old "tick a field and the tag appears in
 * Word".
 */

import type { Crm } from '../records/crm.js';
import type { StoredRecord } from '../records/directory-table.js';
import { documentNumber, TemplateData } from './data.js';
import { formatEntry } from './formatters.js';
import type { DocumentLocale, Entry, Scope } from './types.js';

export interface CatalogueEntry {
  /** As the author writes it: `{City}`, `{Company.City}`, `{#Sales}…{/Sales}`, `{Product}` inside it. */
  tag: string;
  /** What it is: `City`, `Company › City`, `Sales (list)`, `Sales › Product`. */
  label: string;
  /** What it prints for the example record ('' when the record has no value). */
  example: string;
  /** The list a tag belongs inside (`Sales`), for tags that only work in a loop. */
  inside?: string;
}

export interface Catalogue {
  directory: string;
  /** The record the examples come from (its ID), if the directory has any. */
  example?: string;
  entries: CatalogueEntry[];
}

function text(entry: Entry | undefined, locale: DocumentLocale): string {
  if (!entry) return '';
  if (entry.kind === 'value') return formatEntry(entry, undefined, locale);
  if (entry.kind === 'record') return entry.display;
  return `${entry.items.length}`;
}

/** The fields (values and references as text) of a scope, as `prefix.Name` tags. */
function valueTags(schema: Scope, real: Scope | undefined, locale: DocumentLocale, prefix: string, labelPrefix: string, inside?: string): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  for (const name of schema.names()) {
    const e = schema.get(name)!;
    if (e.kind === 'list') continue;
    out.push({ tag: `{${prefix}${name}}`, label: `${labelPrefix}${e.label}`, example: text(real?.get(name), locale), ...(inside ? { inside } : {}) });
  }
  return out;
}

export async function tagCatalogue(crm: Crm, dirKey: string, locale: DocumentLocale, today: number, exampleId?: string): Promise<Catalogue> {
  const data = await TemplateData.load(crm, { today, number: documentNumber(today, 1) });
  const dir = crm.directory(dirKey);
  const table = data.table(dirKey);
  const rec: StoredRecord | undefined = exampleId ? (table.findById(exampleId) ?? table.findByDisplay(exampleId)[0]) : table.records[0];
  const schema = data.schemaRoot(dirKey);
  const real = rec ? data.root(dirKey, rec) : undefined;
  const entries: CatalogueEntry[] = valueTags(schema, real, locale, '', '');

  for (const name of schema.names()) {
    const e = schema.get(name)!;
    if (e.kind === 'record' && e.scope) {
      const r = real?.get(name);
      // The referenced record's own fields: its ID and the computed values are the root's business.
      entries.push(...valueTags(e.scope, r?.kind === 'record' ? r.scope : undefined, locale, `${name}.`, `${e.label} › `).filter((x) => !x.tag.endsWith('.ID}') && schemaFieldOnly(e.scope!, x.tag.slice(name.length + 1))));
    }
  }
  for (const name of schema.names()) {
    const e = schema.get(name)!;
    if (e.kind !== 'list') continue;
    const r = real?.get(name);
    const items = r?.kind === 'list' ? r.items : [];
    entries.push({ tag: `{#${name}}…{/${name}}`, label: `${e.label} (${items.length})`, example: '' });
    const item = e.items[0];
    if (item) entries.push(...valueTags(item, items[0], locale, '', `${e.label} › `, name).filter((x) => schemaFieldOnly(item, x.tag)));
  }
  return { directory: dir.key, ...(rec?.id ? { example: rec.id } : {}), entries };
}

/** Inside a loop only the list's own fields are listed (its computed names and lists are the root's). */
function schemaFieldOnly(scope: Scope, tag: string): boolean {
  const e = scope.get(tag.slice(1, -1));
  return e?.kind === 'value' ? !e.type.startsWith('computed') : e?.kind === 'record';
}
