/**
 * A year of work with the demo companies: sales, notes, deals and tasks. Events (sales, notes,
 * deal creation) fall within the 365 days ending `today` and never before the company became a
 * client; plans (open deals' closing dates, task due dates) may lie ahead.
 */

import { QUANTITY_RANGE } from './products.js';
import { lineAmount, localPrice } from './money.js';
import type { DemoCompany, DemoContact, DemoContext, DemoProductRecord, Row } from './model.js';
import { row } from './model.js';
import { claimUnique, fill } from './text.js';

const YEAR = 365;
const MINUTES_PER_DAY = 1440;

/** First day a company's activity may fall on. */
function firstDay(ctx: DemoContext, company: DemoCompany): number {
  return Math.max(company.since, ctx.today - (YEAR - 1));
}

/** Rows carry their date while being generated, so each directory can be sorted before writing. */
function byDate(rows: Row[], key: string): Row[] {
  return rows.sort((a, b) => Number(a[key]) - Number(b[key]));
}

export function generateSales(ctx: DemoContext, companies: readonly DemoCompany[], products: readonly DemoProductRecord[]): Row[] {
  const { rng, vocab, today, team, currency } = ctx;
  const rows: Row[] = [];
  for (const company of companies) {
    const count = rng.int(8, 15);
    const from = firstDay(ctx, company);
    for (let i = 0; i < count; i++) {
      const product = rng.chance(0.8) ? rng.pick(company.usual) : rng.pick(products);
      const [low, high] = QUANTITY_RANGE[product.unit];
      const quantity = rng.int(low, high) * (company.wholesale ? 3 : 1);
      rows.push(
        row({
          date: rng.int(from, today),
          company: company.name,
          product: product.name,
          quantity,
          unit_price: product.price,
          discount: company.discountPercent ? company.discountPercent / 100 : undefined,
          amount: lineAmount(quantity, product.price, company.discountPercent, currency),
          owner: rng.chance(0.85) ? company.owner : rng.pick(team),
          comment: rng.chance(0.08) ? rng.pick(vocab.saleComments) : undefined,
        }),
      );
    }
  }
  // A sales sheet is a log: entered as they happen.
  return byDate(rows, 'date');
}

export function generateNotes(ctx: DemoContext, companies: readonly DemoCompany[]): Row[] {
  const { rng, vocab, today, team } = ctx;
  const rows: Row[] = [];
  for (const company of companies) {
    const count = rng.int(2, 6);
    const from = firstDay(ctx, company);
    for (let i = 0; i < count; i++) {
      // Office hours, on the five-minute mark, as people type times.
      const minutes = rng.int(9 * 12, 18 * 12 - 1) * 5;
      const contact: DemoContact | undefined = rng.chance(0.7) ? rng.pick(company.contacts) : undefined;
      const template = rng.pick(contact ? vocab.notes.withContact : vocab.notes.general);
      rows.push(
        row({
          date: rng.int(from, today) + minutes / MINUTES_PER_DAY,
          company: company.name,
          contact: contact?.name,
          author: rng.chance(0.8) ? company.owner : rng.pick(team),
          text: fill(template, { contact: contact?.spoken ?? '', product: vocab.quoteProduct(rng.pick(company.usual).name) }),
        }),
      );
    }
  }
  return byDate(rows, 'date');
}

export interface DemoDeal {
  name: string;
  company: DemoCompany;
  closed: boolean;
}

export interface DemoStage {
  name: string;
  closed: boolean;
}

/** How many deals sit at each stage, funnel order: many leads and won deals, few in negotiation. */
const STAGE_WEIGHTS = [20, 15, 15, 10, 25, 15];

export function generateDeals(
  ctx: DemoContext,
  companies: readonly DemoCompany[],
  stages: readonly DemoStage[],
): { deals: DemoDeal[]; rows: Row[] } {
  const { rng, vocab, today } = ctx;
  const taken = new Set<string>();
  const deals: DemoDeal[] = [];
  const rows: Row[] = [];
  if (stages.length === 0) return { deals, rows };
  const weightedStages = stages.map((stage, i) => [stage, STAGE_WEIGHTS[i] ?? 10] as const);
  for (const company of companies) {
    const count = rng.weighted([
      [0, 25],
      [1, 55],
      [2, 20],
    ] as const);
    const topics = rng.shuffle(vocab.dealTopics).slice(0, count);
    for (const topic of topics) {
      const stage = rng.weighted(weightedStages);
      const name = claimUnique(taken, [vocab.dealName(company.base, topic)]);
      const created = rng.int(firstDay(ctx, company), today);
      const expected = stage.closed ? Math.min(today, created + rng.int(7, 90)) : today + rng.int(7, 120);
      deals.push({ name, company, closed: stage.closed });
      rows.push(
        row({
          name,
          company: company.name,
          contact: rng.chance(0.8) ? rng.pick(company.contacts).name : undefined,
          stage: stage.name,
          amount: localPrice(rng.int(5, 250) * 100, ctx.currency),
          owner: company.owner,
          expected_close: expected,
          created,
        }),
      );
    }
  }
  return { deals, rows };
}

export function generateTasks(ctx: DemoContext, companies: readonly DemoCompany[], deals: readonly DemoDeal[]): Row[] {
  const { rng, vocab, today, team } = ctx;
  if (companies.length === 0) return [];
  const openDeals = new Map<DemoCompany, DemoDeal[]>();
  for (const deal of deals) {
    if (deal.closed) continue;
    const list = openDeals.get(deal.company) ?? [];
    list.push(deal);
    openDeals.set(deal.company, list);
  }
  const rows: Row[] = [];
  const count = Math.round(companies.length * 0.6);
  for (let i = 0; i < count; i++) {
    const company = rng.pick(companies);
    const contact = rng.chance(0.5) ? rng.pick(company.contacts) : undefined;
    const template = rng.pick(contact ? vocab.tasks.withContact : vocab.tasks.general);
    const candidates = openDeals.get(company);
    const due = today + rng.int(-60, 45);
    rows.push(
      row({
        title: fill(template, { contact: contact?.spoken ?? '', company: company.name }),
        due,
        assignee: rng.chance(0.8) ? company.owner : rng.pick(team),
        company: company.name,
        deal: candidates && rng.chance(0.6) ? rng.pick(candidates).name : undefined,
        // Overdue tasks are mostly done; a few future ones already are.
        done: due < today ? rng.chance(0.7) : rng.chance(0.1),
      }),
    );
  }
  return byDate(rows, 'due');
}
