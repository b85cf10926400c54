/**
 * `import.plan`: the dry run. Every row of the file gets its normalised values and an outcome —
 * create, update (matched), unchanged, skip (a duplicate, or nothing to match in update mode) or
 * reject — with the reason for each skip and reject. Nothing is written; `import.apply` runs the
 * same plan inside its transaction and writes what it says.
 *
 * One pass over the rows: each column has a cached reader, records are matched through an index of
 * the sheet built once, duplicates inside the file through a map of the keys already seen.
 */

import type { Crm } from '../records/crm.js';
import type { DirectoryTable, StoredRecord } from '../records/directory-table.js';
import { shown as shownValue } from '../fields/result.js';
import { empty } from '../records/directory-table.js';
import { idNumber } from '../records/ids.js';
import { defaultFor, type Defaults } from '../records/validate.js';
import { fold, requireDirectory } from '../schema/lookup.js';
import type { DirectoryDef, FieldDef } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { checkMapping, columnSamples, findTarget, SAVED_MAPPINGS, splitName, suggestMapping, targetName, targetsOf, type SavedMappings, type Target } from './mapping.js';
import { checkOptions, ID_FIELD, type CheckedOptions } from './options.js';
import { readSource } from './parse.js';
import { columnReader, detectDateOrder, type Reader } from './readers.js';
import { salesRules, type SalesRules } from './sales.js';
import type { SourceTable } from './source-types.js';
import type { ColumnReport, ImportPlan, ImportRequest, LinkPlan, Outcome, RowPlan, RowProblem } from './types.js';

/** A record the import creates in a referenced directory (a missing company). */
export interface LinkCreate {
  display: string;
  values: Record<string, Cell>;
}

export interface Link {
  field: FieldDef;
  dir: DirectoryDef;
  create: Map<string, LinkCreate>;
}

/** One row as apply needs it. */
export interface WorkRow extends RowPlan {
  existing?: StoredRecord;
  /** A new sale whose amount Carnet computed: written as its formula. */
  formula?: boolean;
}

export interface PlanWork {
  plan: ImportPlan;
  dir: DirectoryDef;
  table: DirectoryTable;
  source: SourceTable;
  options: CheckedOptions;
  rows: WorkRow[];
  links: Link[];
  signature: { header: string[] };
  sales?: SalesRules;
}

const PREVIEW = 20;

/** What the total line under a table is called, in the languages Carnet speaks. */
const TOTALS = new Set(['total', 'totals', 'grand total', 'subtotal', 'sub-total', 'total général', 'total general', 'sous-total', 'итого', 'всего', 'итог', 'общий итог']);

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  const x = a === undefined || a === '' ? null : a;
  const y = b === undefined || b === '' ? null : b;
  return x === y;
}

/**
 * `fold` without its memo: match and unique keys are mostly distinct (an email per row), so
 * remembering them would fill the memo, clear it half-way and keep the file's text alive.
 */
function foldOnce(s: string): string {
  // The same result as `fold`; the spaces are collapsed only when there is something to collapse.
  return (SPACES.test(s) ? s.trim().replace(/\s+/g, ' ') : s).toLocaleLowerCase();
}

/** Leading or trailing white space, two in a row, or one that is not a plain space. */
const SPACES = /^\s|\s$|\s\s|[^\S ]/;

function blankRow(cells: readonly Cell[]): boolean {
  for (const c of cells) if (c !== null && c !== '' && !(typeof c === 'string' && c.trim() === '')) return false;
  return true;
}

function keyPart(v: Cell | undefined): string | undefined {
  return v === null || v === undefined || String(v).trim() === '' ? undefined : foldOnce(String(v));
}

export async function planImport(crm: Crm, req: ImportRequest, defaults: Defaults): Promise<PlanWork> {
  const schema = crm.schema;
  const lang = schema.lang;
  const dir = requireDirectory(schema, req.directory);
  const source = readSource(req.source, req.parse);
  if (req.chunk) source.firstRow = req.chunk.firstRow;
  const options = await checkOptions(crm, dir, req);
  const table = await crm.table(dir.key);
  const header = source.header;

  const saved = crm.meta.extra[SAVED_MAPPINGS] as SavedMappings | undefined;
  const guarded = req.source.kind === 'text';
  const suggested = suggestMapping(schema, dir, header, source.rows, saved, guarded);
  const mapping = req.mapping ? checkMapping(schema, dir, header, req.mapping) : suggested.mapping;

  // Columns with their targets and readers; date columns read in the order their values show.
  const targets = new Map(targetsOf(schema, dir).map((t) => [t.key, t]));
  const reports: ColumnReport[] = [];
  const readers: { column: number; target: Target; read: Reader; split?: 'first-last' | 'last-first' }[] = [];
  for (const m of mapping) {
    const samples = columnSamples(source.rows, m.column, 3);
    const report: ColumnReport = { column: m.column, header: header[m.column]!, field: m.field, from: req.mapping ? (m.field === null ? 'none' : 'given') : suggested.from[m.column]!, samples };
    if (m.split) report.split = m.split;
    reports.push(report);
    if (m.field === null) continue;
    const target = m.field === 'id' ? { key: 'id', field: ID_FIELD, label: 'ID' } : targets.get(m.field) ?? findTarget(schema, dir, m.field)!;
    let context = options.context;
    if (target.field.type === 'date' || target.field.type === 'datetime') {
      const evidence = detectDateOrder((function* () { for (const r of source.rows) yield r[m.column] ?? null; })(), schema.dateOrder);
      const order = m.dateOrder ?? evidence?.order;
      if (evidence) report.dates = m.dateOrder ? { order: m.dateOrder, ambiguous: false, note: say('read as given ({order})', { order: m.dateOrder }) } : evidence;
      if (order) context = { ...context, dateOrder: order };
    }
    readers.push({ column: m.column, target, read: columnReader(target.field, context, guarded), ...(m.split ? { split: m.split } : {}) });
  }
  for (const f of [...new Set(readers.filter((r) => !r.target.via && r.target.key !== 'id').map((r) => r.target.field))]) {
    if (!table.columns.has(f.key)) {
      fail({ code: 'E_SCHEMA', directory: dir.key, field: f.key, sheet: dir.sheet, message: say('Sheet "{sheet}" has no column "{column}" (renamed or deleted by hand?); run `carnet check`. Nothing was imported.', { sheet: dir.sheet, column: f.labels[lang] }) });
    }
  }

  // References: the tables they name, read once; missing records created when asked.
  const refFields = dir.fields.filter((f) => f.type === 'reference');
  const refTables = new Map<string, DirectoryTable>();
  for (const f of refFields) if (!refTables.has(f.ref!)) refTables.set(f.ref!, await crm.table(f.ref!));
  const links = new Map<string, Link>();
  for (const f of refFields) if (options.createMissing.has(f.key)) links.set(f.key, { field: f, dir: crm.directory(f.ref!), create: new Map() });

  // Records are matched by the match fields together, through one index of the sheet.
  const matchKey = (values: Record<string, Cell>): string | undefined => {
    const parts: string[] = [];
    for (const f of options.match) {
      const p = keyPart(values[f.key]);
      if (p === undefined) return undefined;
      parts.push(p);
    }
    return parts.join('\u0001');
  };
  const existingBy = new Map<string, StoredRecord[]>();
  for (const r of table.records) {
    const k = matchKey({ ...r.values, id: r.id });
    if (k === undefined) continue;
    const list = existingBy.get(k);
    if (list) list.push(r);
    else existingBy.set(k, [r]);
  }
  // Said once, for the messages of the rows that have one.
  const matchNames = options.match.map((f) => named(f.labels)).join(' + ');
  const dirName = named(dir.labels);
  const recordOf = (r: StoredRecord): string => r.id || say('row {row}', { row: r.row + 1 });
  // An update's note, said once with its record left to fill: 100,000 rows may be updated.
  const matchesBy = say('matches {record} by {match}', { match: matchNames });
  const seen = new Map<string, number>();
  const uniques = dir.fields.filter((f) => f.unique || f.key === dir.display);
  const batchUnique = new Map<string, Map<string, number>>(uniques.map((f) => [f.key, new Map()]));
  const fileIds = new Set<string>();

  const rows: WorkRow[] = [];
  const sales = salesRules(crm, dir.key);
  let blankRows = 0;
  const hasField = (k: string) => dir.fields.some((f) => f.key === k);
  const mapped = (k: string) => readers.some((r) => !r.target.via && r.target.key === k);
  const composeName = dir.display === 'name' && hasField('first_name') && hasField('last_name') && !mapped('name') && (mapped('first_name') || mapped('last_name'));
  const counts: Record<Outcome, number> = { create: 0, update: 0, unchanged: 0, skip: 0, reject: 0 };
  // Worked out once, not per row: this loop runs 100,000 times.
  const hasFirst = hasField('first_name');
  const hasLast = hasField('last_name');
  const fieldDefaults = dir.fields.flatMap((f) => {
    const d = defaultFor(f, defaults);
    return d !== undefined && d !== null ? [[f, d] as const] : [];
  });
  const required = dir.fields.filter((f) => f.required);
  // A reference's text resolved once per distinct text: a file names the same few companies again and again.
  const resolved = new Map<string, Map<string, { display: string } | { folded: string }>>(refFields.map((f) => [f.key, new Map()]));
  const folded = new Map<string, string>();
  const push = (rowNo: number, values: Record<string, Cell>, o: Outcome, extra?: Partial<WorkRow>): void => {
    counts[o]++;
    rows.push(extra ? { row: rowNo, outcome: o, values, ...extra } : { row: rowNo, outcome: o, values });
  };
  const reject = (rowNo: number, values: Record<string, Cell>, list: RowProblem[]) => push(rowNo, values, 'reject', { reason: list.map((p) => p.message).join('; '), problems: list });
  for (let i = 0; i < source.rows.length; i++) {
    const cells = source.rows[i]!;
    const rowNo = source.firstRow + i;
    // A blank line inside a file is kept by the parser (so row numbers stay the file's); it is no record.
    if (blankRow(cells)) {
      blankRows++;
      continue;
    }
    const values: Record<string, Cell> = {};
    const linked = new Map<string, Record<string, Cell>>();
    const problems: RowProblem[] = [];
    for (const r of readers) {
      const raw = cells[r.column] ?? null;
      if (raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
      const n = r.read(raw);
      if (!n.ok) {
        problems.push({ field: r.target.key, column: r.column, value: typeof raw === 'string' && raw.length > 80 ? shownValue(raw) : raw, message: say('{field}: "{value}" is {reason}', { field: targetName(r.target), value: shownValue(raw), reason: n.reason }) });
        continue;
      }
      if (r.target.via) {
        const sub = linked.get(r.target.via.key) ?? {};
        let value = n.value;
        if (r.target.field.type === 'reference' && value !== null) {
          // A field of a company the import creates that is itself a reference (its city): it must exist.
          const t = await crm.table(r.target.field.ref!);
          const hit = t.findByDisplay(String(value))[0];
          if (!hit) {
            problems.push({ field: r.target.key, column: r.column, value: raw, message: say('{field}: there is no "{value}" in {directory}', { field: targetName(r.target), value: String(value), directory: named(t.dir.labels) }) });
            continue;
          }
          value = t.displayOf(hit);
        }
        sub[r.target.field.key] = value;
        linked.set(r.target.via.key, sub);
        continue;
      }
      values[r.target.key] = n.value;
      if (r.split && typeof n.value === 'string') {
        const { first, last } = splitName(n.value, r.split);
        if (values.first_name === undefined && first !== null && hasFirst) values.first_name = first;
        if (values.last_name === undefined && last !== null && hasLast) values.last_name = last;
      }
    }
    // No full-name column: a person's name is made of the first and last name the file gives.
    if (composeName && empty(values[dir.display]) && (!empty(values.first_name) || !empty(values.last_name))) {
      values[dir.display] = [values.first_name, values.last_name].filter((x) => !empty(x)).join(' ');
    }
    for (const [f, v] of options.defaults) if (empty(values[f.key])) values[f.key] = v;
    if (options.segment) values[options.segment.field.key] = options.segment.name;

    if (problems.length) {
      reject(rowNo, values, problems);
      continue;
    }

    // The ID column of a Carnet export: kept when it is this directory's and free.
    if (values.id !== undefined) {
      const id = String(values.id).trim();
      if (idNumber(dir.idPrefix, id) === undefined) {
        reject(rowNo, values, [{ field: 'id', value: id, message: say('ID: "{id}" is not an ID of {directory} (they look like {example})', { id, directory: dirName, example: `${dir.idPrefix}-000001` }) }]);
        continue;
      }
      values.id = id.toUpperCase();
    }

    // A spreadsheet's own total line ("Total", "Итого") under the table is not a record.
    const display = values[dir.display];
    if (dir.display !== 'id' && typeof display === 'string' && display.length <= 16 && TOTALS.has(foldOnce(display).replace(/[:.]$/, ''))) {
      push(rowNo, values, 'skip', { reason: say('"{value}" is a total line, not a record', { value: String(values[dir.display]) }) });
      continue;
    }
    const key = matchKey(values);
    if (key !== undefined && seen.has(key)) {
      push(rowNo, values, 'skip', { reason: say('duplicate of row {row} of the file (same {match})', { row: seen.get(key)!, match: matchNames }) });
      continue;
    }
    const found = key === undefined ? [] : (existingBy.get(key) ?? []);
    if (found.length > 1) {
      reject(rowNo, values, [{ field: options.match[0]!.key, message: say('{match} matches {count} records ({records}); make them unique, or match by another field', { match: matchNames, count: found.length, records: found.map(recordOf).join(', ') }) }]);
      continue;
    }
    const existing = found[0];
    if (existing && options.mode === 'create') {
      push(rowNo, values, 'skip', { id: existing.id, reason: say('already in {directory} as {record} (same {match})', { directory: dirName, record: recordOf(existing), match: matchNames }) });
      if (key !== undefined) seen.set(key, rowNo);
      continue;
    }
    if (!existing && options.mode === 'update') {
      push(rowNo, values, 'skip', { reason: key === undefined ? say('no {match} to find the record by', { match: matchNames }) : say('no record of {directory} has this {match}', { directory: dirName, match: matchNames }) });
      continue;
    }

    if (!existing) {
      for (const [f, d] of fieldDefaults) if (empty(values[f.key])) values[f.key] = d;
      for (const f of required) if (empty(values[f.key])) problems.push({ field: f.key, message: say('{field}: a value is required', { field: named(f.labels) }) });
      if (values.id !== undefined && (table.findById(String(values.id)) || fileIds.has(String(values.id)))) {
        problems.push({ field: 'id', value: values.id, message: say('ID: {id} is already used', { id: String(values.id) }) });
      }
    }
    // References: the canonical spelling of an existing record, or a record the import creates.
    for (const f of refFields) {
      const v = values[f.key];
      if (empty(v) || (existing && same(v, existing.values[f.key]))) continue;
      if (options.segment?.create && f.key === options.segment.field.key) continue;
      const text = String(v).trim();
      const memo = resolved.get(f.key)!;
      let known = memo.get(text);
      if (!known) {
        const refTable = refTables.get(f.ref!)!;
        const hit = refTable.findByDisplay(text)[0] ?? refTable.findById(text);
        known = hit ? { display: refTable.displayOf(hit) } : { folded: fold(text) };
        memo.set(text, known);
      }
      if ('display' in known) {
        values[f.key] = known.display;
        continue;
      }
      const link = links.get(f.key);
      if (!link) {
        const target = named(crm.directory(f.ref!).labels);
        problems.push({ field: f.key, value: text, message: say('{field}: there is no "{value}" in {directory} (choose to create missing {directory} to add it)', { field: named(f.labels), value: text, directory: target }) });
        continue;
      }
      const pending = link.create.get(known.folded) ?? { display: text, values: {} };
      for (const [k, x] of Object.entries(linked.get(f.key) ?? {})) if (pending.values[k] === undefined) pending.values[k] = x;
      const missing = link.dir.fields.filter((x) => x.required && x.key !== link.dir.display && empty(pending.values[x.key]) && defaultFor(x, defaults) === undefined);
      if (missing.length) {
        problems.push({ field: f.key, value: text, message: say('{field}: "{value}" is not in {directory} and cannot be created without {fields}', { field: named(f.labels), value: text, directory: named(link.dir.labels), fields: missing.map((x) => named(x.labels)).join(', ') }) });
        continue;
      }
      link.create.set(known.folded, pending);
    }

    const formula = !existing && problems.length === 0 && sales ? await sales.fill(values) : false;
    const changes = existing ? Object.keys(values).filter((k) => k !== 'id' && !same(values[k], existing.values[k])) : undefined;

    // Unique fields, against the sheet and the rows before.
    folded.clear();
    for (const f of uniques) {
      const v = values[f.key];
      if (empty(v) || (changes && !changes.includes(f.key))) continue;
      const k = foldOnce(String(v));
      folded.set(f.key, k);
      const clash = (table.index(f.key).get(k) ?? []).find((r) => r.row !== existing?.row);
      const earlier = batchUnique.get(f.key)!.get(k);
      if (clash) problems.push({ field: f.key, value: v, message: say('{field}: "{value}" is already used ({id}, row {row}); it must be unique', { field: named(f.labels), value: String(v), id: clash.id || say('no id'), row: clash.row + 1 }) });
      else if (earlier !== undefined) problems.push({ field: f.key, value: v, message: say('{field}: "{value}" is already used on row {row} of the file; it must be unique', { field: named(f.labels), value: String(v), row: earlier }) });
    }
    if (problems.length) {
      reject(rowNo, values, problems);
      continue;
    }
    if (key !== undefined) seen.set(key, rowNo);
    for (const f of uniques) if (!empty(values[f.key])) batchUnique.get(f.key)!.set(folded.get(f.key) ?? foldOnce(String(values[f.key])), rowNo);
    if (values.id !== undefined) fileIds.add(String(values.id));
    if (!existing) push(rowNo, values, 'create', formula ? { formula } : undefined);
    else if (changes!.length === 0) push(rowNo, values, 'unchanged', { id: existing.id, existing });
    else push(rowNo, values, 'update', { id: existing.id, existing, changes, reason: matchesBy.replace('{record}', () => recordOf(existing)) });
  }

  const linkPlans: LinkPlan[] = [...links.values()].filter((l) => l.create.size).map((l) => ({ field: l.field.key, directory: l.dir.key, create: [...l.create.values()].map((c) => c.display) }));
  const warnings: string[] = [];
  if (readers.length === 0) warnings.push(say('No column is mapped to a field of {directory} (columns: {columns}): map at least one.', { directory: dirName, columns: header.map((h) => `"${h}"`).join(', ') }));
  if (blankRows) warnings.push(blankRows === 1 ? say('1 blank row was left out.') : say('{count} blank rows were left out.', { count: blankRows }));
  for (const r of reports) if (r.dates?.ambiguous) warnings.push(say('Column "{column}": {note}.', { column: r.header, note: r.dates.note }));
  const deals = options.dealStage ? rows.filter((r) => r.outcome === 'create' && (dir.key === 'companies' || !empty(r.values.company))).length : 0;
  if (options.dealStage && deals < counts.create) warnings.push(say('{count} new records have no company: no deal is created for them.', { count: counts.create - deals }));

  const detail = req.detail ?? 'problems';
  const shown = new Map<Outcome, number>();
  const listed = rows.filter((r) => {
    if (detail === 'all' || r.outcome === 'skip' || r.outcome === 'reject') return true;
    const n = shown.get(r.outcome) ?? 0;
    shown.set(r.outcome, n + 1);
    return n < PREVIEW;
  });

  const plan: ImportPlan = {
    directory: dir.key,
    source: {
      ...(req.source.name ? { name: req.source.name } : {}),
      ...(req.source.kind === 'text' && req.source.encoding ? { encoding: req.source.encoding } : {}),
      ...(req.source.kind === 'rows' && req.source.sheet ? { sheet: req.source.sheet } : {}),
      ...(source.delimiter ? { delimiter: source.delimiter } : {}),
      ...(source.quote ? { quote: source.quote } : {}),
      hasHeader: source.hasHeader,
      detected: source.detected,
      rows: source.rows.length,
    },
    columns: reports,
    fields: [
      { key: 'id', label: 'ID', type: 'text', required: false },
      ...[...targets.values()].map((t) => ({ key: t.key, label: t.label, type: t.field.type, required: !t.via && !!t.field.required })),
    ],
    mapping,
    mode: options.mode,
    match: options.match.map((f) => f.key),
    counts,
    rows: listed.map(({ existing: _e, formula: _f, ...r }) => r),
    links: linkPlans,
    deals,
    ...(options.segment ? { segment: { name: options.segment.name, create: options.segment.create } } : {}),
    warnings,
  };
  return { plan, dir, table, source, options, rows, links: [...links.values()], signature: { header }, ...(sales ? { sales } : {}) };
}
