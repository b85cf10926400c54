import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { serialFromParts } from '../../../core/dates.js';
import type { DemoRows } from '../../../core/demo/generate.js';
import { generateDemo } from '../../../core/demo/generate.js';
import { defaultCrmSchema } from '../../../core/schema/default-crm.js';
import { LANGS } from '../../../core/schema/types.js';
import type { DirectoryDef, FieldDef, Schema } from '../../../core/schema/types.js';
import type { Cell } from '../../../core/workbook.js';

const TODAY = serialFromParts(2026, 3, 15);
const fold = (v: Cell) => String(v).trim().toLowerCase();

function dir(schema: Schema, key: string): DirectoryDef {
  const d = schema.directories.find((x) => x.key === key);
  if (!d) throw new Error(`no directory ${key}`);
  return d;
}

/** Demo phones repeat (fiction ranges are small): parse each number once. */
const validPhones = new Set<string>();
function validPhone(v: Cell): boolean {
  if (typeof v !== 'string' || !/^\+[1-9]\d{6,14}$/.test(v)) return false;
  if (validPhones.has(v)) return true;
  const p = parsePhoneNumberFromString(v);
  const valid = p !== undefined && p.isPossible() && p.isValid() && p.number === v;
  if (valid) validPhones.add(v);
  return valid;
}

/** Stored values: what the record store would keep if the value were typed in. */
function typeProblem(f: FieldDef, v: Cell, schema: Schema): string | undefined {
  const digits = schema.currency === 'JPY' ? 0 : 2;
  switch (f.type) {
    case 'text':
    case 'longtext':
      return typeof v === 'string' && v.trim() === v && v !== '' ? undefined : 'not trimmed text';
    case 'integer':
      return Number.isInteger(v) ? undefined : 'not an integer';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : 'not a number';
    case 'money':
      return typeof v === 'number' && Math.abs(v * 10 ** digits - Math.round(v * 10 ** digits)) < 1e-6 ? undefined : 'not rounded money';
    case 'percent':
      return typeof v === 'number' && v >= 0 && v <= 1 ? undefined : 'not a fraction';
    case 'date':
      return Number.isInteger(v) ? undefined : 'not a whole-day serial';
    case 'datetime':
      return typeof v === 'number' && v > 0 ? undefined : 'not a serial';
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'not a boolean';
    case 'email':
    case 'user':
      return typeof v === 'string' && /^[a-z0-9.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v) ? undefined : 'not a lower-case email';
    case 'phone':
      return validPhone(v) ? undefined : 'not a valid E.164 phone';
    case 'url':
      return typeof v === 'string' && /^https:\/\/[a-z0-9.-]+$/.test(v) ? undefined : 'not a url';
    case 'choice':
      return f.choices?.includes(String(v)) ? undefined : 'not one of the choices';
    case 'reference':
      return typeof v === 'string' && v !== '' ? undefined : 'not a display value';
  }
}

/** Everything a demo must satisfy to be written through the record store without a refusal. */
function invariantProblems(schema: Schema, rows: DemoRows): string[] {
  const problems: string[] = [];
  const displays = new Map<string, Set<string>>();
  for (const d of schema.directories) {
    if (d.display !== 'id') displays.set(d.key, new Set((rows[d.key] ?? []).map((r) => fold(r[d.display]))));
  }
  for (const [key, list] of Object.entries(rows)) {
    const d = schema.directories.find((x) => x.key === key);
    if (!d) {
      problems.push(`unknown directory ${key}`);
      continue;
    }
    const fields = new Map(d.fields.map((f) => [f.key, f]));
    const seen = new Map<string, Set<string>>();
    list.forEach((r, i) => {
      const at = `${key}[${i}]`;
      for (const [k, v] of Object.entries(r)) {
        const f = fields.get(k);
        if (!f) {
          problems.push(`${at}: unknown field ${k}`);
          continue;
        }
        const bad = typeProblem(f, v, schema);
        if (bad) problems.push(`${at}.${k} = ${JSON.stringify(v)}: ${bad}`);
        if (f.type === 'reference' && !displays.get(f.ref ?? '')?.has(fold(v))) problems.push(`${at}.${k} = ${JSON.stringify(v)}: unresolved`);
        if (f.unique || d.display === f.key) {
          const set = seen.get(k) ?? new Set<string>();
          if (set.has(fold(v))) problems.push(`${at}.${k} = ${JSON.stringify(v)}: duplicate`);
          set.add(fold(v));
          seen.set(k, set);
        }
      }
      for (const f of d.fields) if (f.required && (r[f.key] === undefined || r[f.key] === null)) problems.push(`${at}: ${f.key} missing`);
    });
  }
  return problems;
}

const countBy = (list: Record<string, Cell>[], key: string) => {
  const m = new Map<string, number>();
  for (const r of list) m.set(String(r[key]), (m.get(String(r[key])) ?? 0) + 1);
  return m;
};

describe('generateDemo', () => {
  describe.each(LANGS)('in %s', (lang) => {
    const schema = defaultCrmSchema(lang);
    const demo = generateDemo(schema, { today: TODAY, seed: 7 });

    it('fills every directory of the default CRM', () => {
      expect(Object.keys(demo)).toEqual(schema.directories.map((d) => d.key));
      expect(demo.companies).toHaveLength(50);
      expect(demo.products).toHaveLength(20);
      expect(demo.tasks).toHaveLength(30);
      expect(demo.stages).toHaveLength(6);
      expect(demo.contacts.length).toBeGreaterThanOrEqual(50);
      expect(demo.contacts.length).toBeLessThanOrEqual(150);
      expect(demo.deals.length).toBeGreaterThanOrEqual(30);
      expect(demo.deals.length).toBeLessThanOrEqual(70);
    });

    it('holds only stored values of known fields, every reference resolving and every key unique', () => {
      expect(invariantProblems(schema, demo)).toEqual([]);
      for (const list of Object.values(demo)) for (const r of list) expect(r).not.toHaveProperty('ID');
    });

    it('is the same for the same seed, and differs for another', () => {
      expect(generateDemo(schema, { today: TODAY, seed: 7 })).toEqual(demo);
      expect(generateDemo(schema, { today: TODAY, seed: 8 }).companies).not.toEqual(demo.companies);
    });

    it('computes each sale as quantity × unit price less the company discount, to the cent', () => {
      const discounts = new Map(demo.companies.map((c) => [c.name, Number(c.discount ?? 0)]));
      for (const s of demo.sales) {
        const expected = Number(s.quantity) * Number(s.unit_price) * (1 - Number(s.discount ?? 0));
        expect(Math.abs(Number(s.amount) - expected)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Number(s.discount ?? 0)).toBe(discounts.get(String(s.company)));
      }
      const discounted = demo.companies.filter((c) => c.discount !== undefined);
      expect(discounted.length).toBeGreaterThan(0);
      expect(discounted.length).toBeLessThanOrEqual(15);
      for (const c of discounted) expect(Number(c.discount)).toBeGreaterThanOrEqual(0.05);
      for (const c of discounted) expect(Number(c.discount)).toBeLessThanOrEqual(0.15);
    });

    it('sells at catalogue prices', () => {
      const prices = new Map(demo.products.map((p) => [p.name, p.unit_price]));
      for (const s of demo.sales) expect(s.unit_price).toBe(prices.get(String(s.product)));
    });

    it('dates every event within the year ending today, never before the company became a client', () => {
      const from = TODAY - 364;
      const created = new Map(demo.companies.map((c) => [c.name, Number(c.created)]));
      for (const [key, field] of [
        ['sales', 'date'],
        ['notes', 'date'],
        ['deals', 'created'],
      ] as const) {
        for (const r of demo[key]) {
          const day = Math.floor(Number(r[field]));
          expect(day, `${key}.${field}`).toBeGreaterThanOrEqual(from);
          expect(day, `${key}.${field}`).toBeLessThanOrEqual(TODAY);
          expect(day, `${key}.${field}`).toBeGreaterThanOrEqual(created.get(String(r.company)) ?? Infinity);
        }
      }
      for (const c of demo.companies) expect(Number(c.created)).toBeLessThanOrEqual(TODAY);
      for (const d of demo.deals) expect(Number(d.expected_close)).toBeGreaterThanOrEqual(Number(d.created));
    });

    it('keeps sales and notes in chronological order, notes in office hours', () => {
      const sorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);
      expect(sorted(demo.sales.map((s) => Number(s.date)))).toBe(true);
      expect(sorted(demo.notes.map((n) => Number(n.date)))).toBe(true);
      for (const n of demo.notes) {
        const hour = (Number(n.date) % 1) * 24;
        expect(hour).toBeGreaterThanOrEqual(9 - 1e-9);
        expect(hour).toBeLessThan(18);
      }
    });

    it('gives each company 8–15 sales and 2–6 notes', () => {
      const sales = countBy(demo.sales, 'company');
      const notes = countBy(demo.notes, 'company');
      for (const c of demo.companies) {
        expect(sales.get(String(c.name))).toBeGreaterThanOrEqual(8);
        expect(sales.get(String(c.name))).toBeLessThanOrEqual(15);
        expect(notes.get(String(c.name))).toBeGreaterThanOrEqual(2);
        expect(notes.get(String(c.name))).toBeLessThanOrEqual(6);
      }
      const contacts = countBy(demo.contacts, 'company');
      for (const c of demo.companies) expect(contacts.get(String(c.name))).toBeGreaterThanOrEqual(1);
    });

    it('spreads deals across the funnel and has tasks both done and open', () => {
      expect(new Set(demo.deals.map((d) => d.stage)).size).toBeGreaterThanOrEqual(4);
      expect(demo.tasks.some((t) => t.done === true)).toBe(true);
      expect(demo.tasks.some((t) => t.done === false)).toBe(true);
    });

    it('links a task only to an open deal of the same company', () => {
      const deals = new Map(demo.deals.map((d) => [d.name, d]));
      const closed = new Set(demo.stages.filter((s) => s.closed === true).map((s) => s.name));
      for (const t of demo.tasks.filter((x) => x.deal !== undefined)) {
        const deal = deals.get(String(t.deal));
        expect(deal?.company).toBe(t.company);
        expect(closed.has(String(deal?.stage))).toBe(false);
      }
    });
  });

  it('is checked by a checker that does catch broken demos', () => {
    const schema = defaultCrmSchema('en');
    const demo = generateDemo(schema, { today: TODAY, companies: 3 });
    const shouted = String(demo.contacts[0].name).toUpperCase();
    const n = demo.contacts.length;
    const broken: DemoRows = {
      ...demo,
      sales: [{ ...demo.sales[0], company: 'Nobody Inc.' }],
      contacts: [...demo.contacts, { ...demo.contacts[0], name: shouted, phone: '+1 415 555 0100' }],
      products: [...demo.products, { code: 'X', name: 'Y', unit_price: 1.234, extra: 'z' }],
      notes: [{ ...demo.notes[0], text: null }],
    };
    expect(invariantProblems(schema, broken)).toEqual([
      `contacts[${n}].name = "${shouted}": duplicate`,
      `contacts[${n}].phone = "+1 415 555 0100": not a valid E.164 phone`,
      'sales[0].company = "Nobody Inc.": unresolved',
      'notes[0].text = null: not trimmed text',
      'notes[0]: text missing',
      'products[20].unit_price = 1.234: not rounded money',
      'products[20]: unknown field extra',
    ]);
  });

  it('writes in the language of the schema', () => {
    expect(generateDemo(defaultCrmSchema('ru'), { today: TODAY }).companies[0].name).toMatch(/^(ООО|АО) «.+»$/);
    expect(generateDemo(defaultCrmSchema('fr'), { today: TODAY }).cities.map((c) => c.name)).toContain('Lyon');
    expect(generateDemo(defaultCrmSchema('en'), { today: TODAY }).stages[0]).toEqual({ name: 'Lead', probability: 0.1, closed: false });
  });

  it('gives companies registration numbers with correct check digits', () => {
    const luhn = (n: string) =>
      [...n].reverse().reduce((sum, ch, i) => {
        const d = Number(ch) * (i % 2 ? 2 : 1);
        return sum + (d > 9 ? d - 9 : d);
      }, 0) % 10 === 0;
    const inn = (n: string) => {
      const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
      return (w.reduce((sum, x, i) => sum + x * Number(n[i]), 0) % 11) % 10 === Number(n[9]);
    };
    const ids = (lang: 'en' | 'fr' | 'ru') =>
      generateDemo(defaultCrmSchema(lang), { today: TODAY, companies: 200 }).companies.flatMap((c) => (c.tax_id ? [String(c.tax_id)] : []));
    for (const id of ids('en')) expect(id).toMatch(/^\d{2}-\d{7}$/);
    for (const id of ids('fr')) expect(id, id).toSatisfy((x: string) => /^\d{14}$/.test(x) && luhn(x));
    for (const id of ids('ru')) expect(id, id).toSatisfy((x: string) => /^\d{10}$/.test(x) && x.slice(0, 2) !== '00' && inn(x));
  });

  it('prices some products at 12.50 in dollars or euros, and in whole yen for JPY', () => {
    expect(generateDemo(defaultCrmSchema('en'), { today: TODAY }).products.filter((p) => p.unit_price === 12.5).length).toBeGreaterThan(1);
    const schema = defaultCrmSchema('en', { currency: 'JPY' });
    const demo = generateDemo(schema, { today: TODAY, companies: 20 });
    expect(invariantProblems(schema, demo)).toEqual([]);
    for (const s of demo.sales) expect(Number.isInteger(s.amount)).toBe(true);
  });

  it('scales to 10,000 companies with unique names', () => {
    const schema = defaultCrmSchema('en');
    const demo = generateDemo(schema, { today: TODAY, companies: 10_000, seed: 3 });
    expect(demo.companies).toHaveLength(10_000);
    expect(new Set(demo.companies.map((c) => fold(c.name))).size).toBe(10_000);
    expect(invariantProblems(schema, demo)).toEqual([]);
  });

  it('fits a schema an admin has changed: no cells for removed fields or directories', () => {
    const schema = defaultCrmSchema('fr');
    schema.directories = schema.directories.filter((d) => d.key !== 'tasks');
    const companies = dir(schema, 'companies');
    companies.fields = companies.fields.filter((f) => f.key !== 'tax_id');
    const demo = generateDemo(schema, { today: TODAY, companies: 10 });
    expect(demo).not.toHaveProperty('tasks');
    for (const c of demo.companies) expect(c).not.toHaveProperty('tax_id');
    expect(invariantProblems(schema, demo)).toEqual([]);
  });

  it('makes an empty CRM with its lookups when asked for no companies', () => {
    const schema = defaultCrmSchema('en');
    const demo = generateDemo(schema, { today: TODAY, companies: 0 });
    expect(demo.companies).toEqual([]);
    expect(demo.tasks).toEqual([]);
    expect(demo.products).toHaveLength(20);
    expect(invariantProblems(schema, demo)).toEqual([]);
  });
});
