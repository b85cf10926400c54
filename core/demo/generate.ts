/**
 * `carnet demo`: a believable small-business CRM to try Carnet on, in the workbook's language.
 * Rows hold stored values (references as display values, dates as serials, percents as
 * fractions) and no ID column: the record store allocates ids when it writes them.
 */

import { defaultSeedRows } from '../schema/default-crm.js';
import type { Schema } from '../schema/types.js';
import { generateDeals, generateNotes, generateSales, generateTasks } from './activity.js';
import type { DemoStage } from './activity.js';
import { generateCompanies } from './companies.js';
import { localPrice } from './money.js';
import type { DemoContext, DemoProductRecord, Row } from './model.js';
import { row } from './model.js';
import { PRODUCTS } from './products.js';
import { createRandom } from './random.js';
import { mailbox } from './text.js';
import { vocabularyFor } from './vocabulary.js';

export interface GenerateDemoOptions {
  /** How many companies; the rest scales with it. Default 50. */
  companies?: number;
  /** Same seed, same workbook. Default 1. */
  seed?: number;
  /** Serial of the day the demo is made: a year of history ends on it. */
  today: number;
}

/** Rows per directory key, each keyed by field key; fields left empty are absent. */
export type DemoRows = Record<string, Row[]>;

export function generateDemo(schema: Schema, options: GenerateDemoOptions): DemoRows {
  const vocab = vocabularyFor(schema.lang);
  const unitField = schema.directories.find((d) => d.key === 'products')?.fields.find((f) => f.key === 'unit');
  const ctx: DemoContext = {
    rng: createRandom(options.seed ?? 1),
    vocab,
    lang: schema.lang,
    currency: schema.currency,
    today: Math.floor(options.today),
    team: vocab.team.map(([first, last]) => `${mailbox(first, last)}@example.com`),
    units: unitField?.choices,
  };
  const count = Math.max(0, Math.floor(options.companies ?? 50));

  const products: DemoProductRecord[] = PRODUCTS.map((p) => ({
    name: p.names[ctx.lang],
    price: localPrice(p.price, ctx.currency),
    unit: p.unit,
  }));
  const productRows = PRODUCTS.map((p, i) =>
    row({
      code: p.code,
      name: products[i].name,
      unit_price: products[i].price,
      unit: ctx.units?.[p.unit],
      category: p.category[ctx.lang],
      active: true,
    }),
  );
  const stageRows = defaultSeedRows(ctx.lang).stages;
  const stages: DemoStage[] = stageRows.map((s) => ({ name: String(s.name), closed: s.closed === true }));

  const { companies, companyRows, contactRows } = generateCompanies(ctx, count, products);
  const deals = generateDeals(ctx, companies, stages);
  const names = (values: readonly string[]): Row[] => values.map((name) => ({ name }));

  return fitToSchema(schema, {
    companies: companyRows,
    contacts: contactRows,
    sales: generateSales(ctx, companies, products),
    notes: generateNotes(ctx, companies),
    deals: deals.rows,
    tasks: generateTasks(ctx, companies, deals.deals),
    products: productRows,
    stages: stageRows,
    // Lookups list the whole vocabulary, not only the values used: a dropdown with a few
    // unused entries is what a real CRM looks like.
    cities: vocab.cities.map((c) => ({ name: c.name, country: c.country })),
    industries: names(vocab.industries),
    segments: names([vocab.segments.vip, vocab.segments.regular, vocab.segments.wholesale]),
    income_sources: names(vocab.incomeSources),
    positions: names(vocab.positions),
  });
}

function keep(r: Row, keys: ReadonlySet<string>): Row {
  const kept: Row = {};
  for (const key in r) if (keys.has(key)) kept[key] = r[key];
  return kept;
}

/**
 * Keeps what the schema can hold, in its directory order: a schema an admin already trimmed or
 * extended still gets a demo, without cells for fields it does not have.
 */
function fitToSchema(schema: Schema, rows: DemoRows): DemoRows {
  const out: DemoRows = {};
  for (const directory of schema.directories) {
    const generated = rows[directory.key];
    if (!generated) continue;
    const keys = new Set(directory.fields.map((f) => f.key));
    out[directory.key] = generated.map((r) => {
      for (const key in r) if (!keys.has(key)) return keep(r, keys);
      return r;
    });
  }
  return out;
}
