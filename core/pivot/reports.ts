/**
 * Saved reports: definitions kept by name in `_carnet` (meta.extra.reports), beside the reports
 * Carnet ships. A built-in is named in the workbook's language and can be edited: the edit is
 * saved under its name and shadows the shipped one (deleting the edit brings the shipped one back).
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { Crm } from '../records/crm.js';
import { fold, requireDirectory } from '../schema/lookup.js';
import type { Lang } from '../schema/types.js';
import { parsePath } from './paths.js';
import type { PivotDefinition, SavedReport } from './types.js';

interface BuiltIn {
  key: string;
  names: Record<Lang, string>;
  definition: PivotDefinition;
}

export const BUILT_INS: readonly BuiltIn[] = [
  {
    key: 'shipments-by-product',
    names: { en: 'Shipments by product', fr: 'Expéditions par produit', ru: 'Отгрузки по товарам' },
    definition: { object: 'sales', rows: [{ field: 'product' }], columns: [{ field: 'date', by: 'month' }], data: [{ field: 'quantity', agg: 'sum' }], chart: 'bar' },
  },
  {
    key: 'revenue-by-manager',
    names: { en: 'Revenue by manager per month', fr: 'CA par commercial et par mois', ru: 'Выручка по менеджерам по месяцам' },
    definition: { object: 'sales', rows: [{ field: 'owner' }], columns: [{ field: 'date', by: 'month' }], data: [{ field: 'amount', agg: 'sum' }], chart: 'bar' },
  },
  {
    key: 'revenue-by-city',
    names: { en: 'Revenue by city', fr: 'CA par ville', ru: 'Выручка по городам' },
    definition: { object: 'sales', rows: [{ field: 'company.city', sort: 'value', order: 'desc' }], columns: [], data: [{ field: 'amount', agg: 'sum' }, { field: 'amount', agg: 'sum', show: 'percentOfTotal' }], chart: 'bar' },
  },
  {
    key: 'revenue-by-industry',
    names: { en: 'Revenue by industry', fr: 'CA par secteur', ru: 'Выручка по отраслям' },
    definition: { object: 'sales', rows: [{ field: 'company.industry', sort: 'value', order: 'desc' }], columns: [], data: [{ field: 'amount', agg: 'sum' }, { field: 'amount', agg: 'sum', show: 'percentOfTotal' }], chart: 'bar' },
  },
  {
    key: 'sales-this-year',
    names: { en: 'Sales this year by month', fr: 'Ventes de l’année par mois', ru: 'Продажи за год по месяцам' },
    definition: {
      object: 'sales',
      rows: [{ field: 'date', by: 'month' }],
      columns: [],
      data: [{ field: 'amount', agg: 'sum' }, { agg: 'count', field: '' }],
      filters: [{ field: 'date', op: 'relative', range: 'thisYear' }],
      chart: 'line',
    },
  },
  {
    key: 'abc-customers',
    names: { en: 'ABC analysis of customers', fr: 'Analyse ABC des clients', ru: 'ABC-анализ клиентов' },
    definition: { object: 'sales', rows: [{ field: 'company' }], columns: [], data: [{ field: 'amount', agg: 'sum' }], abc: { a: 0.8, b: 0.15 }, chart: 'bar' },
  },
];

/** What `report.list` shows: every report, whether it can be built on this schema, and why not. */
export interface ReportListing extends SavedReport {
  available: boolean;
  /** Why a built-in cannot be built here (a renamed or removed field). */
  problem?: string;
}

function saved(crm: Crm): SavedReport[] {
  const list = crm.meta.extra.reports;
  return Array.isArray(list) ? (list as SavedReport[]) : [];
}

function builtInReport(b: BuiltIn, lang: Lang): SavedReport {
  return { name: b.names[lang], definition: JSON.parse(JSON.stringify(b.definition)) as PivotDefinition, builtIn: b.key };
}

/** Every report: the saved ones, and the built-ins not shadowed by an edit; built-ins first. */
export function allReports(crm: Crm): SavedReport[] {
  const lang = crm.schema.lang;
  const own = saved(crm);
  const shadowed = new Set(own.map((r) => fold(r.name)));
  const shipped = BUILT_INS.filter((b) => !shadowed.has(fold(b.names[lang]))).map((b) => builtInReport(b, lang));
  const edited = own.filter((r) => r.builtIn);
  const mine = own.filter((r) => !r.builtIn);
  const order = (r: SavedReport) => BUILT_INS.findIndex((b) => b.key === r.builtIn);
  return [...[...shipped, ...edited].sort((x, y) => order(x) - order(y)), ...mine.sort((x, y) => x.name.localeCompare(y.name, lang))];
}

export function listReports(crm: Crm): ReportListing[] {
  return allReports(crm).map((r) => {
    const problem = definitionProblem(crm, r.definition);
    return { ...r, available: problem === undefined, ...(problem ? { problem } : {}) };
  });
}

/** Why a definition cannot be built on this schema (checked without reading a sheet), or undefined. */
export function definitionProblem(crm: Crm, def: PivotDefinition): string | undefined {
  try {
    const dir = requireDirectory(crm.schema, def.object);
    for (const g of [...def.rows, ...def.columns, ...(def.filters ?? [])]) parsePath(crm.schema, dir, g.field);
    for (const d of def.data) if (d.field) parsePath(crm.schema, dir, d.field);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** A report by name (any language for built-ins: "Shipments by product" finds "Expéditions par produit"). */
export function findReport(crm: Crm, name: string): SavedReport {
  const f = fold(name);
  const all = allReports(crm);
  const found = all.find((r) => fold(r.name) === f) ?? (() => {
    const b = BUILT_INS.find((x) => x.key === f || Object.values(x.names).some((n) => fold(n) === f));
    return b ? all.find((r) => r.builtIn === b.key) : undefined;
  })();
  if (!found) {
    fail({ code: 'E_NOT_FOUND', value: name, message: say('No report named "{name}". Reports: {reports}.', { name, reports: all.map((r) => r.name).join(', ') }) });
  }
  return found;
}

/**
 * A definition with every name as its key (`sales`, `company.city`), whatever language or label it
 * was typed in: a saved report survives a label's rename and reads the same in every language.
 */
export function byKeys(crm: Crm, def: PivotDefinition): PivotDefinition {
  const copy = JSON.parse(JSON.stringify(def)) as PivotDefinition;
  const dir = requireDirectory(crm.schema, def.object);
  const key = (path: string) => (path ? parsePath(crm.schema, dir, path).fields.map((f) => f.key).join('.') : path);
  copy.object = dir.key;
  for (const g of [...copy.rows, ...copy.columns]) g.field = key(g.field);
  for (const d of copy.data) d.field = key(d.field);
  for (const f of copy.filters ?? []) f.field = key(f.field);
  return copy;
}

/** Saves (or replaces) a report by name; a built-in's name keeps its link to the shipped one. */
export function saveReport(crm: Crm, report: SavedReport): SavedReport {
  const name = report.name.trim();
  if (name === '') fail({ code: 'E_BAD_INPUT', field: 'name', value: report.name, message: say('A report needs a name.') });
  if (name.length > 100) fail({ code: 'E_BAD_INPUT', field: 'name', value: report.name, message: say('A report name is at most {max} characters; "{start}…" has {length}.', { max: 100, start: name.slice(0, 20), length: name.length }) });
  const lang = crm.schema.lang;
  const b = BUILT_INS.find((x) => fold(x.names[lang]) === fold(name));
  const entry: SavedReport = { ...report, name, definition: byKeys(crm, report.definition), ...(b ? { builtIn: b.key } : {}) };
  if (!b) delete entry.builtIn;
  const list = saved(crm).filter((r) => fold(r.name) !== fold(name));
  list.push(entry);
  crm.meta.extra.reports = list;
  return entry;
}

/** Deletes a saved report; deleting an edited built-in brings back the shipped one. */
export function deleteReport(crm: Crm, name: string): { deleted: SavedReport; restored?: SavedReport } {
  const f = fold(name);
  const list = saved(crm);
  const found = list.find((r) => fold(r.name) === f);
  if (!found) {
    const shipped = allReports(crm).find((r) => fold(r.name) === f && r.builtIn);
    if (shipped) {
      fail({ code: 'E_BAD_INPUT', value: name, message: say('"{name}" is one of Carnet\'s built-in reports and cannot be deleted; edit it and save it under its name to change it.', { name: shipped.name }) });
    }
    findReport(crm, name);
  }
  crm.meta.extra.reports = list.filter((r) => r !== found);
  const restored = found!.builtIn ? allReports(crm).find((r) => r.builtIn === found!.builtIn) : undefined;
  return { deleted: found!, ...(restored ? { restored } : {}) };
}
