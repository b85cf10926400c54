/**
 * ABC analysis of customers: customers ranked by revenue, A for the first 80 % of it, B for the
 * next 15 %, C for the rest (thresholds editable). A customer's class follows the revenue share of
 * the customers ranked before it, so the biggest customer is always A, even when it alone makes
 * 95 %. Customers whose net revenue is zero or negative (returns) are C. On request the class is
 * written back to a field of the customers' directory, to be used as a segment.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { currencyDigits } from '../fields/currency.js';
import type { Crm } from '../records/crm.js';
import { guardedWrite, identity, type CellWrite } from '../records/sheet-writes.js';
import { fold, requireField } from '../schema/lookup.js';
import type { DirectoryDef, FieldDef, Lang } from '../schema/types.js';
import { buildPivot, checkThresholds, objectOf, type BuildOptions } from './build.js';
import { parsePath } from './paths.js';
import { collator } from './shape.js';
import type { AbcCustomer, PivotDefinition, PivotResult } from './types.js';

const CLASSES = ['A', 'B', 'C'] as const;

const WORDS: Record<Lang, { cls: string; customers: string; shareCustomers: string; shareRevenue: string }> = {
  en: { cls: 'Class', customers: 'Customers', shareCustomers: '% of customers', shareRevenue: '% of revenue' },
  fr: { cls: 'Classe', customers: 'Clients', shareCustomers: '% des clients', shareRevenue: '% du CA' },
  ru: { cls: 'Класс', customers: 'Клиентов', shareCustomers: '% клиентов', shareRevenue: '% выручки' },
};

export async function buildAbc(crm: Crm, def: PivotDefinition, options: BuildOptions): Promise<PivotResult> {
  const { a, b } = checkThresholds(def);
  const dir = objectOf(crm, def);
  if (!def.rows?.[0] || !def.data?.[0]) {
    fail({ code: 'E_BAD_INPUT', directory: dir.key, field: 'rows', message: say('An ABC analysis needs the customer as its row field and the revenue as its data field.') });
  }
  const ranked = await buildPivot(crm, { ...def, rows: [{ field: def.rows[0].field }], columns: [], data: [def.data[0]], abc: undefined, totals: { rows: false, columns: true } }, options);
  const lang = crm.schema.lang;
  const w = WORDS[lang];
  const lines = ranked.rowKeys
    .map((keys, i) => ({ key: keys[0]!, revenue: ranked.cells[i]![0]![0] ?? 0 }))
    .filter((l) => !l.key.blank)
    .sort((x, y) => y.revenue - x.revenue || collator(lang).compare(x.key.label, y.key.label));
  const total = lines.reduce((s, l) => s + Math.max(0, l.revenue), 0);
  let before = 0;
  const customers: AbcCustomer[] = lines.map((l) => {
    const share = total > 0 ? Math.max(0, l.revenue) / total : 0;
    const cls = l.revenue <= 0 ? 'C' : before < a - 1e-12 ? 'A' : before < a + b - 1e-12 ? 'B' : 'C';
    before += share;
    return { key: l.key.key, label: l.key.label, revenue: l.revenue, share, cumulative: before, class: cls };
  });
  const revenueField = ranked.dataFields[0]!;
  const n = customers.length;
  const net = lines.reduce((s, l) => s + l.revenue, 0);
  const cells = CLASSES.map((c) => {
    const mine = customers.filter((x) => x.class === c);
    const revenue = round(mine.reduce((s, x) => s + x.revenue, 0), revenueField.currency);
    return [[mine.length, n ? mine.length / n : null, revenue, net ? revenue / net : null]];
  });
  const totals = [n, n ? 1 : null, round(net, revenueField.currency), net ? 1 : null];
  return {
    ...ranked,
    rowKeys: CLASSES.map((c) => [{ key: c, label: c }]),
    columnKeys: [[]],
    rowFields: [w.cls],
    columnFields: [],
    dataFields: [
      { label: w.customers, agg: 'count', show: 'value', numberFormat: '#,##0' },
      { label: w.shareCustomers, agg: 'count', show: 'percentOfTotal', numberFormat: '0.0%' },
      revenueField,
      { label: w.shareRevenue, agg: revenueField.agg, show: 'percentOfTotal', numberFormat: '0.0%' },
    ],
    cells,
    columnTotals: [totals],
    grandTotals: totals,
    rowTotals: undefined,
    chart: def.chart === 'none' ? 'none' : 'bar',
    abc: { customer: ranked.rowFields[0]!, a, b, customers },
  };
}

/** Sums of money in floating point are re-rounded to the currency's minor unit. */
function round(x: number, currency: string | undefined): number {
  if (!currency) return x;
  const scale = 10 ** currencyDigits(currency);
  return Math.round(x * scale) / scale;
}

/** The field the class goes to, checked (before anything is written): text, or a choice offering A, B and C. */
export function abcTarget(crm: Crm, def: PivotDefinition, fieldName: string): { target: DirectoryDef; field: FieldDef; label: string } {
  const schema = crm.schema;
  const lang = schema.lang;
  const dir = objectOf(crm, def);
  if (!def.abc) fail({ code: 'E_BAD_INPUT', field: 'writeClassTo', value: fieldName, message: say('Only an ABC analysis has a class to write back to a field.') });
  const { fields } = parsePath(schema, dir, def.rows[0]!.field);
  const customer = fields[fields.length - 1]!;
  if (fields.length !== 1 || customer.type !== 'reference' || !customer.ref) {
    fail({ code: 'E_BAD_INPUT', directory: dir.key, field: customer.key, message: say('The ABC class can be written back only when customers are a reference (like {directory} › Company); {field} is {type}.', { directory: named(dir.labels), field: `${named(dir.labels)} › ${named(customer.labels)}`, type: customer.type }) });
  }
  const target = crm.directory(customer.ref);
  const field = requireField(schema, target, fieldName);
  const label = `${target.labels[lang]} › ${field.labels[lang]}`;
  const spoken = `${named(target.labels)} › ${named(field.labels)}`;
  if (field.key === target.display) fail({ code: 'E_BAD_INPUT', directory: target.key, field: field.key, message: say('{field} names the records; the ABC class goes in another field.', { field: spoken }) });
  if (field.type === 'choice') {
    const missing = CLASSES.filter((c) => !(field.choices ?? []).some((x) => fold(x) === fold(c)));
    if (missing.length) fail({ code: 'E_BAD_INPUT', directory: target.key, field: field.key, value: missing, message: say('{field} offers no choice {missing}: add {missing} to its choices, or pick a text field.', { field: spoken, missing: missing.join(', ') }) });
  } else if (field.type !== 'text') {
    fail({ code: 'E_BAD_INPUT', directory: target.key, field: field.key, message: say('{field} is {type}: the ABC class (A, B or C) goes in a text or choice field.', { field: spoken, type: field.type }) });
  }
  return { target, field, label };
}

/**
 * Writes each customer's class to a field of the customers' directory, in one guarded write;
 * customers without revenue in the report get an empty cell, so a class never outlives the
 * analysis it came from.
 */
export async function writeAbcClass(crm: Crm, def: PivotDefinition, result: PivotResult, fieldName: string): Promise<{ directory: string; field: string; records: number }> {
  const { target, field } = abcTarget(crm, def, fieldName);
  const classOf = new Map(result.abc!.customers.map((c) => [fold(c.label), c.class]));
  let written = 0;
  await guardedWrite(crm, target.key, (t) => {
    const c = t.columns.get(field.key);
    if (c === undefined) fail({ code: 'E_BAD_INPUT', directory: target.key, field: field.key, message: say('{field} has no column in sheet "{sheet}".', { field: `${named(target.labels)} › ${named(field.labels)}`, sheet: target.sheet }) });
    const cells: CellWrite[] = [];
    const expect = [];
    for (const rec of t.records) {
      const cls = classOf.get(fold(t.displayOf(rec))) ?? '';
      if ((rec.values[field.key] ?? '') === cls) continue;
      cells.push({ row: rec.row, column: c, value: cls === '' ? null : cls });
      expect.push(...identity(t, rec));
    }
    written = cells.length;
    return { cells, expect };
  });
  return { directory: target.key, field: field.key, records: written };
}
