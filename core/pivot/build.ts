/**
 * Building a report: the definition checked whole against the schema (one clear error naming the
 * directory and the field), its paths resolved over the tables they go through (each sheet read
 * once), filters compiled at the workbook's clock, then one pass of the engine and the shaping.
 * No host call depends on the number of rows.
 */

import { fail } from '../errors.js';
import { grouped, named, say } from '../messages/say.js';
import { numberFormatFor } from '../fields/number-format.js';
import type { Crm } from '../records/crm.js';
import { fold, requireDirectory } from '../schema/lookup.js';
import type { DirectoryTable } from '../records/directory-table.js';
import type { DirectoryDef, FieldType, Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { accumulate, type DataInput, type GroupInput } from './engine.js';
import { compileFilters } from './filters.js';
import { caption, dataLabel, filterText, groupLabel } from './labels.js';
import { parsePath, reader, resolvePath, type ResolvedPath } from './paths.js';
import { shape } from './shape.js';
import { AGGREGATIONS, DATE_GROUPINGS, type DataField, type Filter, type GroupField, type PivotDefinition, type PivotResult } from './types.js';

const NUMERIC: ReadonlySet<FieldType> = new Set(['integer', 'number', 'money', 'percent']);
const DATES: ReadonlySet<FieldType> = new Set(['date', 'datetime']);
/** Fields whose values order, so min and max mean something. */
const ORDERED: ReadonlySet<FieldType> = new Set([...NUMERIC, ...DATES]);
/** The names a currency column goes by, when a directory keeps amounts in several currencies. */
const CURRENCY_NAMES = new Set(['currency', 'devise', 'monnaie', 'валюта', 'ccy']);

export interface BuildOptions {
  /** The workbook's clock (a serial in its time zone): relative filters and the caption. */
  now: number;
  /** The saved report's name, for the caption. */
  name?: string;
}

function bad(dir: DirectoryDef | undefined, field: string | undefined, message: string, value?: unknown): never {
  fail({ code: 'E_BAD_INPUT', ...(dir ? { directory: dir.key } : {}), ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}), message });
}

/** The object of a definition; an empty name is refused before any sheet is read. */
export function objectOf(crm: Crm, def: PivotDefinition): DirectoryDef {
  if (typeof def.object !== 'string' || def.object.trim() === '') bad(undefined, 'object', say('The report names no directory: choose what to report on (Sales, Deals, Companies…).'), def.object ?? null);
  return requireDirectory(crm.schema, def.object);
}

/**
 * The definition checked whole against the schema, before any sheet is read: every path, every
 * aggregation against its field's type, every date grouping. One error, naming the directory and
 * the field.
 */
export function checkDefinition(crm: Crm, def: PivotDefinition): void {
  const schema = crm.schema;
  const dir = objectOf(crm, def);
  const dirLabel = named(dir.labels);
  const info = (path: string) => {
    const { fields, dirs } = parsePath(schema, dir, path);
    const field = fields[fields.length - 1]!;
    return { field, type: field.type, label: fields.map((f, i) => named(f.labels) || dirs[i]!.key).join(' › ') };
  };
  if (!Array.isArray(def.data) || def.data.length === 0) bad(dir, 'data', say('The report on {directory} has no data field: say what to count or sum (Count, or Sum of a number field).', { directory: dirLabel }));
  for (const where of ['rows', 'columns'] as const) {
    for (const [i, g] of (def[where] ?? []).entries()) {
      if (!g || typeof g.field !== 'string' || g.field.trim() === '') bad(dir, `${where}[${i}]`, say('{part} names no field.', { part: `${where}[${i}]` }), g?.field ?? null);
      const p = info(g.field);
      const field = `${dirLabel} › ${p.label}`;
      if (g.by !== undefined) {
        if (!DATE_GROUPINGS.includes(g.by)) bad(dir, p.field.key, say('{field}: "{by}" is not a date grouping; use {groupings}.', { field, by: g.by, groupings: DATE_GROUPINGS.join(', ') }), g.by);
        if (!DATES.has(p.type)) bad(dir, p.field.key, say('{field} is {type}, not a date, so it cannot be grouped by {by}.', { field, type: p.type, by: g.by }), g.by);
      }
      if (g.top !== undefined && !(Number.isInteger(g.top) && g.top > 0)) bad(dir, p.field.key, say('{field}: top must be a whole number above 0.', { field }), g.top);
    }
  }
  for (const [i, d] of def.data.entries()) {
    if (!d || !AGGREGATIONS.includes(d.agg)) bad(dir, `data[${i}]`, say('{part}: "{agg}" is not an aggregation; use {aggregations}.', { part: `data[${i}]`, agg: String(d?.agg), aggregations: AGGREGATIONS.join(', ') }), d?.agg ?? null);
    if (d.agg === 'count' && (d.field === undefined || d.field === '')) continue;
    if (typeof d.field !== 'string' || d.field.trim() === '') bad(dir, `data[${i}]`, say('{part}: {agg} needs a field.', { part: `data[${i}]`, agg: d.agg }));
    const p = info(d.field);
    const label = `${dirLabel} › ${p.label}`;
    if ((d.agg === 'sum' || d.agg === 'average') && !NUMERIC.has(p.type)) {
      const params = { field: label, type: p.type };
      bad(
        dir,
        p.field.key,
        d.agg === 'sum'
          ? say('{field} is {type}: a sum needs a number, money, integer or percent field. Count it instead.', params)
          : say('{field} is {type}: an average needs a number, money, integer or percent field. Count it instead.', params),
        d.agg,
      );
    }
    if ((d.agg === 'min' || d.agg === 'max') && !ORDERED.has(p.type)) {
      bad(dir, p.field.key, say('{field} is {type}: {agg} needs a number or a date field.', { field: label, type: p.type, agg: d.agg }), d.agg);
    }
  }
  if (def.abc !== undefined) checkThresholds(def);
  for (const [i, f] of (def.filters ?? []).entries()) {
    if (!f || typeof f.field !== 'string' || f.field.trim() === '') bad(dir, `filters[${i}]`, say('{part} names no field.', { part: `filters[${i}]` }));
    const p = info(f.field);
    if (f.op === 'relative' && !DATES.has(p.type)) {
      bad(dir, p.field.key, say('Filter on {field}: a relative date range needs a date field, and {field} is {type}.', { field: p.label, type: p.type }), f.range);
    }
  }
}

export function checkThresholds(def: PivotDefinition): { a: number; b: number } {
  const { a, b } = def.abc!;
  const ok = (x: unknown) => typeof x === 'number' && x > 0 && x < 1;
  if (!ok(a) || !ok(b) || a + b >= 1) {
    fail({
      code: 'E_BAD_INPUT',
      field: 'abc',
      value: { a, b },
      message: say('ABC thresholds must be shares between 0 and 1 with A + B under 1 (C takes the rest), e.g. A 0.8 and B 0.15; got A {a} and B {b}.', { a: String(a), b: String(b) }),
    });
  }
  return { a, b };
}

/** A definition resolved over the workbook: its table, paths with readers, and the filters' test. */
export interface Prepared {
  dir: DirectoryDef;
  table: DirectoryTable;
  grid: Cell[][];
  rows: { spec: GroupField; path: ResolvedPath }[];
  columns: { spec: GroupField; path: ResolvedPath }[];
  data: { spec: DataField; path: ResolvedPath | undefined; currency?: string }[];
  filters: { filter: Filter; path: ResolvedPath }[];
  test: ((row: number) => boolean) | undefined;
  read: (p: ResolvedPath) => (row: number) => Cell;
  isRecord: (row: number) => boolean;
}

/** Checks the definition, reads the sheets it goes through (each once) and compiles its filters. */
export async function preparePivot(crm: Crm, def: PivotDefinition, now: number): Promise<Prepared> {
  checkDefinition(crm, def);
  const schema = crm.schema;
  const lang: Lang = schema.lang;
  const dir = objectOf(crm, def);
  const dirLabel = dir.labels[lang];
  const table = await crm.table(dir.key);
  const paths = new Map<string, Promise<ResolvedPath>>();
  const resolve = (path: string) => {
    const key = fold(path);
    let p = paths.get(key);
    if (!p) paths.set(key, (p = resolvePath(crm, dir, table, path)));
    return p;
  };

  const groups = async (list: GroupField[] | undefined) => {
    const out: { spec: GroupField; path: ResolvedPath }[] = [];
    for (const g of list ?? []) {
      const path = await resolve(g.field);
      out.push({ spec: DATES.has(path.type) && !g.by ? { ...g, by: 'day' } : g, path });
    }
    return out;
  };
  const rows = await groups(def.rows);
  const columns = await groups(def.columns);

  const data: Prepared['data'] = [];
  for (const d of def.data) {
    if (d.agg === 'count' && (d.field === undefined || d.field === '')) {
      data.push({ spec: d, path: undefined });
      continue;
    }
    const path = await resolve(d.field);
    const currency = path.type === 'money' ? (path.field.currency ?? schema.currency) : undefined;
    data.push({ spec: d, path, ...(currency ? { currency } : {}) });
  }

  const filters: Prepared['filters'] = [];
  for (const f of def.filters ?? []) filters.push({ filter: f, path: await resolve(f.field) });

  // The first record ends the look (no record objects are built for a report).
  const grid = table.grid;
  let any = false;
  for (let r = 1; r < grid.length && !any; r++) any = !table.isBlank(grid[r]!);
  if (!any) {
    bad(dir, undefined, say('{directory} has no records yet: there is nothing to report. Add or import some, then build the report again.', { directory: named(dir.labels) }));
  }

  const readers = new Map<ResolvedPath, (row: number) => Cell>();
  const read = (p: ResolvedPath) => {
    let r = readers.get(p);
    if (!r) readers.set(p, (r = reader(p, grid)));
    return r;
  };
  const test = compileFilters(schema, dir.key, filters.map((f) => ({ ...f, read: read(f.path) })), now);
  const isRecord = (r: number) => !table.isBlank(grid[r]!);
  await refuseMixedCurrencies(crm, dir, grid, table.columns, data, [...rows, ...columns], test, isRecord);
  return { dir, table, grid, rows, columns, data, filters, test, read, isRecord };
}

export async function buildPivot(crm: Crm, def: PivotDefinition, options: BuildOptions): Promise<PivotResult> {
  const lang: Lang = crm.schema.lang;
  const { dir, table, grid, rows, columns, data, filters: filterSpecs, test, read, isRecord } = await preparePivot(crm, def, options.now);
  const dirLabel = dir.labels[lang];

  const groupInput = (g: { spec: GroupField; path: ResolvedPath }): GroupInput => ({ path: g.path, read: read(g.path), ...(g.spec.by ? { by: g.spec.by } : {}) });
  const countPath: ResolvedPath = { path: 'id', field: { key: 'id', type: 'text', labels: { en: 'ID', fr: 'ID', ru: 'ID' } }, label: 'ID', spoken: 'ID', type: 'text', column: table.idColumn, hops: [] };
  const dataInput = data.map(
    (d): DataInput => ({ path: d.path ?? countPath, read: d.path ? read(d.path) : () => null, agg: d.spec.agg, ...(d.currency ? { currency: d.currency } : {}) }),
  );
  const acc = accumulate({
    sheet: dir.sheet,
    grid,
    idColumn: table.idColumn,
    isRecord,
    ...(test ? { test } : {}),
    rows: rows.map(groupInput),
    columns: columns.map(groupInput),
    data: dataInput,
    lang,
  });
  const totals = { rows: def.totals?.rows ?? true, columns: def.totals?.columns ?? true };
  // Refused before the table is made (a top N can only shrink it, so it is checked after).
  const limited = rows[0]?.spec.top !== undefined || columns[0]?.spec.top !== undefined;
  if (!limited) refuseHuge(dir, acc.rowTuples.length, acc.columnTuples.length, data.length);
  const shaped = shape(
    acc,
    rows.map((r) => r.spec),
    columns.map((c) => c.spec),
    data.map((d) => d.spec),
    totals,
    lang,
  );

  if (limited) refuseHuge(dir, shaped.rowKeys.length, shaped.columnKeys.length, data.length);

  const dataFields = data.map((d) => {
    const show = d.spec.show ?? 'value';
    const label = d.spec.label?.trim() || dataLabel(lang, d.spec.agg, d.path?.label ?? '', show);
    return { label, agg: d.spec.agg, show, numberFormat: numberFormatOf(crm, d.spec, d.path), ...(d.currency ? { currency: d.currency } : {}) };
  });
  const title = options.name ?? describe(lang, dirLabel, rows, columns, dataFields.map((d) => d.label));
  const filters = filterSpecs.map((f) => filterText(lang, f.filter, f.path.label, DATES.has(f.path.type)));
  const chart = def.chart ?? (rows[0]?.spec.by ? 'line' : 'bar');
  return {
    ...(options.name ? { name: options.name } : {}),
    object: dir.key,
    ...shaped,
    rowFields: rows.map((r) => groupLabel(lang, r.path.label, r.spec.by)),
    columnFields: columns.map((c) => groupLabel(lang, c.path.label, c.spec.by)),
    dataFields,
    records: acc.records,
    caption: caption(lang, title, dirLabel, filters, acc.records, options.now),
    skipped: acc.skipped,
    skippedCount: acc.skippedCount,
    chart,
  };
}

/** What a report may hold: a table people read (and a sheet, a payload, a screen can carry). */
export const MAX_REPORT_CELLS = 250_000;

function refuseHuge(dir: DirectoryDef, rows: number, columns: number, data: number): void {
  const cells = rows * columns * data;
  if (cells <= MAX_REPORT_CELLS) return;
  bad(
    dir,
    undefined,
    say('This report on {directory} would have {rows} rows × {columns} columns ({cells} cells), more than a report holds ({max}). Group dates by month or quarter, keep the top N rows, or add a filter.', {
      directory: named(dir.labels),
      rows: grouped(rows),
      columns: grouped(columns * data),
      cells: grouped(cells),
      max: grouped(MAX_REPORT_CELLS),
    }),
  );
}

function numberFormatOf(crm: Crm, d: DataField, path: ResolvedPath | undefined): string {
  const show = d.show ?? 'value';
  if (show !== 'value') return '0.0%';
  if (d.agg === 'count' || d.agg === 'countDistinct') return '#,##0';
  if (!path) return '#,##0';
  if (path.type === 'money') return numberFormatFor(path.field, crm.schema) ?? '#,##0.00';
  if (DATES.has(path.type)) return numberFormatFor(path.field, crm.schema) ?? 'yyyy-mm-dd';
  if (path.type === 'percent') return '0.0%';
  if (d.agg === 'average') return '#,##0.00';
  return path.type === 'integer' ? '#,##0' : '#,##0.##';
}

function describe(lang: Lang, object: string, rows: { path: ResolvedPath }[], columns: { path: ResolvedPath }[], data: string[]): string {
  const by = [...rows, ...columns].map((g) => g.path.label).join(' × ');
  return by ? `${data.join(', ')} — ${by}` : `${data.join(', ')} — ${object}`;
}

/**
 * Amounts in different currencies are never added together. A directory that keeps a currency
 * column beside its money fields (an admin's Invoices with EUR and USD rows) is grouped by that
 * column, or filtered to one currency; otherwise the build is refused, naming the currencies.
 */
async function refuseMixedCurrencies(
  crm: Crm,
  dir: DirectoryDef,
  grid: Cell[][],
  columns: ReadonlyMap<string, number>,
  data: { spec: DataField; path: ResolvedPath | undefined }[],
  groups: { path: ResolvedPath }[],
  test: ((row: number) => boolean) | undefined,
  isRecord: (row: number) => boolean,
): Promise<void> {
  const summed = data.filter((d) => d.path && d.path.type === 'money' && d.path.hops.length === 0 && d.spec.agg !== 'count' && d.spec.agg !== 'countDistinct');
  if (summed.length === 0) return;
  const currencyField = dir.fields.find((f) => (f.type === 'text' || f.type === 'choice') && [f.key, ...Object.values(f.labels)].some((n) => CURRENCY_NAMES.has(fold(n))));
  if (!currencyField) return;
  if (groups.some((g) => g.path.hops.length === 0 && g.path.field.key === currencyField.key)) return;
  const c = columns.get(currencyField.key);
  if (c === undefined) return;
  const seen = new Map<string, string>();
  for (let r = 1; r < grid.length && seen.size < 2; r++) {
    if (!isRecord(r) || (test && !test(r))) continue;
    const v = grid[r]![c];
    if (v === null || v === undefined || v === '') continue;
    const k = fold(String(v));
    if (!seen.has(k)) seen.set(k, String(v).trim());
  }
  if (seen.size < 2) return;
  const [a, b] = [...seen.values()];
  const what = summed.map((d) => d.path!.spoken).join(', ');
  fail({
    code: 'E_BAD_INPUT',
    directory: dir.key,
    field: currencyField.key,
    message: say('{fields} holds amounts in several currencies ({a}, {b}…), and Carnet never adds different currencies together. Group the report by {currency}, or filter it to one currency.', {
      fields: `${named(dir.labels)} › ${what}`,
      a: a!,
      b: b!,
      currency: named(currencyField.labels),
    }),
  });
}
