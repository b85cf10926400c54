/**
 * The search index: one compact row per company with what a manager may type to find it. Built
 * from two sheet reads (companies, contacts) by `card.index`; the UI keeps it and searches it
 * locally (see search.ts).
 */

import type { DirectoryTable, StoredRecord } from '../records/directory-table.js';
import { fold } from '../schema/lookup.js';
import type { DirectoryDef, FieldType } from '../schema/types.js';
import type { Cell } from '../workbook.js';

export interface CompanyIndexRow {
  id: string;
  name: string;
  city: string;
  /** Every phone field of the company and of its contacts, as stored (international form). */
  phones: string[];
  emails: string[];
  /** Display names of the company's contacts. */
  contacts: string[];
}

/** The field of `dir` that references companies (`company` in the default CRM), if any. */
export function companyLink(dir: DirectoryDef): string | undefined {
  return dir.fields.find((f) => f.type === 'reference' && f.ref === 'companies')?.key;
}

function text(v: Cell | undefined): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function valuesOfType(dir: DirectoryDef, rec: StoredRecord, type: FieldType): string[] {
  return dir.fields.filter((f) => f.type === type).map((f) => text(rec.values[f.key])).filter((s) => s !== '');
}

/** Contacts grouped by the folded name of their company: one pass, not one scan per company. */
export function contactsByCompany(contacts: DirectoryTable | undefined): Map<string, StoredRecord[]> {
  const out = new Map<string, StoredRecord[]>();
  const link = contacts && companyLink(contacts.dir);
  if (!contacts || !link) return out;
  for (const c of contacts.records) {
    const k = fold(text(c.values[link]));
    if (k === '') continue;
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

export function companyIndexRow(
  companies: DirectoryTable,
  company: StoredRecord,
  contacts: DirectoryTable | undefined,
  itsContacts: readonly StoredRecord[],
): CompanyIndexRow {
  const dir = companies.dir;
  const unique = (list: string[]) => [...new Set(list)];
  return {
    id: company.id,
    name: companies.displayOf(company),
    city: text(company.values.city),
    phones: unique([
      ...valuesOfType(dir, company, 'phone'),
      ...(contacts ? itsContacts.flatMap((c) => valuesOfType(contacts.dir, c, 'phone')) : []),
    ]),
    emails: unique([
      ...valuesOfType(dir, company, 'email'),
      ...(contacts ? itsContacts.flatMap((c) => valuesOfType(contacts.dir, c, 'email')) : []),
    ]),
    contacts: contacts ? itsContacts.map((c) => contacts.displayOf(c)).filter((s) => s !== '') : [],
  };
}

export function buildCompanyIndex(companies: DirectoryTable, contacts: DirectoryTable | undefined): CompanyIndexRow[] {
  const grouped = contactsByCompany(contacts);
  return companies.records
    .filter((r) => companies.displayOf(r) !== '')
    .map((r) => companyIndexRow(companies, r, contacts, grouped.get(fold(companies.displayOf(r))) ?? []));
}
