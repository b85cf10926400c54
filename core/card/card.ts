/**
 * The company card: everything a manager on the phone needs about one client, from one command.
 * Each related directory is read once (a constant number of port calls whatever the number of
 * rows) and its records are matched to the company by the reference field that points at
 * companies (`company` in the default CRM), found from the schema.
 */

import { isoDate, partsFromSerial } from '../dates.js';
import { normalizeBoolean } from '../fields/boolean.js';
import type { Crm } from '../records/crm.js';
import type { DirectoryTable, StoredRecord } from '../records/directory-table.js';
import { findRecord } from '../records/find.js';
import { recordJson, type RecordJson } from '../records/record-json.js';
import { fold } from '../schema/lookup.js';
import type { Cell } from '../workbook.js';
import { saleAmount, sumAmounts } from '../sales/amount.js';
import { salesCurrency } from '../sales/fields.js';
import { companyIndexRow, companyLink, type CompanyIndexRow } from './index-rows.js';

export interface SaleLine extends RecordJson {
  /** quantity × unit price × (1 − discount), recomputed; the stored amount cell is `values.amount`. */
  amount: number | null;
  /** The amount cell disagrees with the recomputed amount (someone edited the sheet by hand). */
  stale: boolean;
}

export interface PeriodTotal {
  amount: number;
  count: number;
}

export interface CompanyCard {
  company: RecordJson;
  /** The currency of sale amounts (ISO 4217). */
  currency: string;
  /** Today as the host sees it (`2026-11-27`): the day "this month" and "this year" are relative to. */
  today: string;
  contacts: RecordJson[];
  /** Newest first. */
  notes: RecordJson[];
  sales: {
    /** Newest first. */
    lines: SaleLine[];
    totals: { month: PeriodTotal; year: PeriodTotal; all: PeriodTotal };
  };
  /** Deals whose stage is not a closed one (won or lost). */
  deals: RecordJson[];
  /** Tasks not done, of the company or of one of its deals; soonest due first. */
  tasks: RecordJson[];
  /** The company's row of the search index, for the UI to patch its copy after a write. */
  index: CompanyIndexRow;
}

/** A directory's table when the schema has it; a CRM without tasks simply shows none. */
async function tableIfAny(crm: Crm, key: string, visible: (key: string) => boolean = () => true): Promise<DirectoryTable | undefined> {
  return crm.schema.directories.some((d) => d.key === key) && visible(key) ? crm.table(key) : undefined;
}

/** Records of `table` whose reference to companies names this company. */
function linked(table: DirectoryTable | undefined, companyKey: string): StoredRecord[] {
  const link = table && companyLink(table.dir);
  if (!table || !link) return [];
  return table.index(link).get(companyKey) ?? [];
}

function num(v: Cell | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A yes/no cell as a person may have typed it in the sheet ("yes", TRUE, 1). */
function isTrue(v: Cell | undefined): boolean {
  if (v === null || v === undefined) return false;
  const n = normalizeBoolean(v);
  return n.ok && n.value === true;
}

/** Newest first; a cell that is not a date sorts last; equal dates keep the later row first. */
function byDateDesc(key: string) {
  return (a: StoredRecord, b: StoredRecord) => (num(b.values[key]) ?? -Infinity) - (num(a.values[key]) ?? -Infinity) || b.row - a.row;
}

export function saleLine(table: DirectoryTable, rec: StoredRecord, currency: string): SaleLine {
  const json = recordJson(table.dir, rec);
  const quantity = num(rec.values.quantity);
  const unitPrice = num(rec.values.unit_price);
  const stored = num(rec.values.amount);
  const amount =
    quantity !== undefined && unitPrice !== undefined
      ? saleAmount({ quantity, unitPrice, discount: num(rec.values.discount) ?? null }, currency)
      : (stored ?? null);
  return { ...json, amount, stale: amount !== null && stored !== amount };
}

/** `visible`: the directories the reader may view (issue 12); the others' sections stay empty. */
export async function companyCard(crm: Crm, idOrKey: string, now: number, visible: (key: string) => boolean = () => true): Promise<CompanyCard> {
  const companies = await crm.table('companies');
  const company = findRecord(crm, companies, idOrKey);
  const key = fold(companies.displayOf(company));
  const [contacts, notes, sales, deals, tasks, stages] = [
    await tableIfAny(crm, 'contacts', visible),
    await tableIfAny(crm, 'notes', visible),
    await tableIfAny(crm, 'sales', visible),
    await tableIfAny(crm, 'deals', visible),
    await tableIfAny(crm, 'tasks', visible),
    await tableIfAny(crm, 'stages'),
  ];

  const itsContacts = linked(contacts, key)
    .slice()
    .sort((a, b) => contacts!.displayOf(a).localeCompare(contacts!.displayOf(b)));

  const currency = salesCurrency(crm.schema);
  const today = partsFromSerial(now);
  const saleRecords = linked(sales, key).slice().sort(byDateDesc('date'));
  const lines = saleRecords.map((r) => saleLine(sales!, r, currency));
  const month: number[] = [];
  const year: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const serial = num(saleRecords[i]!.values.date);
    if (line.amount === null || serial === undefined) continue;
    const d = partsFromSerial(serial);
    if (d.year !== today.year) continue;
    year.push(line.amount);
    if (d.month === today.month) month.push(line.amount);
  }
  const all = lines.flatMap((l) => (l.amount === null ? [] : [l.amount]));
  const total = (amounts: number[]): PeriodTotal => ({ amount: sumAmounts(amounts, currency), count: amounts.length });

  const closedStages = new Set(
    (stages?.records ?? []).filter((s) => isTrue(s.values.closed)).map((s) => fold(stages!.displayOf(s))),
  );
  const itsDeals = linked(deals, key);
  const openDeals = itsDeals
    .filter((d) => !closedStages.has(fold(String(d.values.stage ?? ''))))
    .sort((a, b) => (num(a.values.expected_close) ?? Infinity) - (num(b.values.expected_close) ?? Infinity) || a.row - b.row);

  // A task may name only the deal it belongs to; it is still this company's task.
  const dealKeys = new Set(itsDeals.map((d) => fold(deals!.displayOf(d))));
  const taskLink = tasks && companyLink(tasks.dir);
  const openTasks = (tasks?.records ?? [])
    .filter((t) => !isTrue(t.values.done))
    .filter((t) => (taskLink && fold(String(t.values[taskLink] ?? '')) === key) || dealKeys.has(fold(String(t.values.deal ?? ''))))
    .sort((a, b) => (num(a.values.due) ?? Infinity) - (num(b.values.due) ?? Infinity) || a.row - b.row);

  return {
    company: recordJson(companies.dir, company),
    currency,
    today: isoDate(Math.floor(now)),
    contacts: itsContacts.map((c) => recordJson(contacts!.dir, c)),
    notes: linked(notes, key).slice().sort(byDateDesc('date')).map((n) => recordJson(notes!.dir, n)),
    sales: { lines, totals: { month: total(month), year: total(year), all: total(all) } },
    deals: openDeals.map((d) => recordJson(deals!.dir, d)),
    tasks: openTasks.map((t) => recordJson(tasks!.dir, t)),
    index: companyIndexRow(companies, company, contacts, itsContacts),
  };
}
