/**
 * What the sidebar's forms offer in their dropdowns, fetched once with the search index: the
 * values of every lookup directory a card form references (cities, products, stages…), and the
 * products' list prices so the sale form can show the price before the sale is recorded.
 *
 * Directories that belong to a company (contacts, deals, …) are left out: their choices are the
 * company's own records, which the card already holds. Companies are the search index itself.
 */

import { normalizeBoolean } from '../fields/boolean.js';
import type { Crm } from '../records/crm.js';
import type { DirectoryDef } from '../schema/types.js';
import { companyLink } from './index-rows.js';

/** The directories the card shows and edits. */
export const CARD_DIRECTORIES = ['companies', 'contacts', 'notes', 'sales', 'deals', 'tasks'] as const;

export interface FormOptions {
  /** Directory key → display values, in sheet order. */
  options: Record<string, string[]>;
  /** Product display name → list unit price. */
  prices: Record<string, number>;
}

function lookupDirectories(crm: Crm): DirectoryDef[] {
  const keys = new Set<string>();
  for (const key of CARD_DIRECTORIES) {
    const dir = crm.schema.directories.find((d) => d.key === key);
    for (const f of dir?.fields ?? []) if (f.type === 'reference' && f.ref) keys.add(f.ref);
  }
  return crm.schema.directories.filter((d) => keys.has(d.key) && d.key !== 'companies' && !companyLink(d));
}

export async function formOptions(crm: Crm, visible: (key: string) => boolean = () => true): Promise<FormOptions> {
  const options: Record<string, string[]> = {};
  const prices: Record<string, number> = {};
  for (const dir of lookupDirectories(crm)) {
    if (!visible(dir.key)) continue;
    const table = await crm.table(dir.key);
    const values: string[] = [];
    for (const rec of table.records) {
      const name = table.displayOf(rec).trim();
      if (name === '') continue;
      // A product taken off sale stays valid on old sales but is no longer offered for new ones.
      const active = rec.values.active;
      if (dir.key === 'products' && active !== null && active !== undefined) {
        const b = normalizeBoolean(active);
        if (b.ok && b.value === false) continue;
      }
      values.push(name);
      const price = rec.values.unit_price;
      if (dir.key === 'products' && typeof price === 'number' && Number.isFinite(price)) prices[name] = price;
    }
    options[dir.key] = values;
  }
  return { options, prices };
}
