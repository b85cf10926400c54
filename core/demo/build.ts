/**
 * `carnet demo`: the default CRM filled with a realistic year of activity, inserted directory by
 * directory so that every reference resolves (lookups before companies, companies before sales).
 */

import { createRecords, type WriteOptions } from '../records/create.js';
import { Crm } from '../records/crm.js';
import type { Defaults } from '../records/validate.js';
import { defaultCrmSchema } from '../schema/default-crm.js';
import { applyLayouts, setupCrm } from '../schema/setup.js';
import type { Lang, Schema } from '../schema/types.js';
import type { Workbook } from '../workbook.js';
import { amountFormulas } from '../sales/amount-formula.js';
import { saleFields, salesCurrency } from '../sales/fields.js';
import { generateDemo } from './generate.js';

export interface DemoOptions {
  lang: Lang;
  companies?: number;
  seed?: number;
}

export interface DemoSummary {
  records: Record<string, number>;
}

/** Directories in an order where each one's references point to directories already filled. */
export function dependencyOrder(schema: Schema): string[] {
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (key: string) => {
    if (out.includes(key) || visiting.has(key)) return;
    visiting.add(key);
    const dir = schema.directories.find((d) => d.key === key)!;
    for (const f of dir.fields) if (f.type === 'reference' && f.ref && f.ref !== key) visit(f.ref);
    out.push(key);
  };
  for (const d of schema.directories) visit(d.key);
  return out;
}

export async function buildDemo(wb: Workbook, options: DemoOptions, defaults: Defaults): Promise<DemoSummary> {
  return wb.transaction(async () => {
    const schema = defaultCrmSchema(options.lang);
    await setupCrm(wb, schema, {}, defaults);
    const crm = await Crm.open(wb);
    const rows = generateDemo(crm.schema, { companies: options.companies ?? 50, seed: options.seed ?? 1, today: defaults.today });
    const records: Record<string, number> = {};
    for (const key of dependencyOrder(crm.schema)) {
      const list = rows[key] ?? [];
      // Demo sales get the same amount formula as sales recorded from the card.
      const options: WriteOptions = key === 'sales' ? { formulas: amountFormulas(saleFields(crm.schema), salesCurrency(crm.schema)) } : {};
      if (list.length) await createRecords(crm, key, list, defaults, options);
      records[key] = list.length;
    }
    await applyLayouts(crm);
    return { records };
  });
}
