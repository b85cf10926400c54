/**
 * Turning what a person typed into a record's stored values, or into located refusals:
 * per-type normalisation, defaults, required fields, references by display key, uniqueness.
 */

import type { ErrorData } from '../errors.js';
import { clipped, normalizeValue, shown } from '../fields/normalize.js';
import { named, say } from '../messages/say.js';
import { fold, requireField } from '../schema/lookup.js';
import type { DirectoryDef, FieldDef, Schema } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import type { Crm } from './crm.js';
import { empty, type DirectoryTable, type StoredRecord } from './directory-table.js';

/** What a caller gives: field keys or labels → raw values (strings from forms and the CLI, or typed). */
export type RecordInput = Record<string, Cell>;

/** Where a record is, for messages. Rows are spreadsheet row numbers (1 = header). */
interface Place {
  row?: number;
}

/** A field's label in the language spoken (the workbook's, unless the person reads another). */
export function fieldLabel(f: FieldDef): string {
  return named(f.labels);
}

export function dirLabel(d: DirectoryDef): string {
  return named(d.labels);
}

function problem(
  dir: DirectoryDef,
  f: FieldDef,
  code: ErrorData['code'],
  value: unknown,
  text: string,
  place: Place,
): ErrorData {
  const names = { directory: dirLabel(dir), field: fieldLabel(f), text };
  return {
    code,
    directory: dir.key,
    field: f.key,
    ...(place.row ? { row: place.row } : {}),
    ...(value !== undefined ? { value } : {}),
    message: place.row ? say('{directory} › {field} (row {row}): {text}', { ...names, row: place.row }) : say('{directory} › {field}: {text}', names),
  };
}

/** Resolves input names to fields; unknown names and the ID column are refused. */
export function resolveInput(schema: Schema, dir: DirectoryDef, input: RecordInput): Map<FieldDef, Cell> {
  const out = new Map<FieldDef, Cell>();
  for (const [name, value] of Object.entries(input)) {
    out.set(requireField(schema, dir, name), value);
  }
  return out;
}

/** Unique values already taken by earlier records of the same batch. */
export class BatchKeys {
  private readonly seen = new Map<string, Set<string>>();
  has(field: string, folded: string): boolean {
    return this.seen.get(field)?.has(folded) ?? false;
  }
  add(dir: DirectoryDef, values: Record<string, Cell>): void {
    for (const f of dir.fields) {
      if (!(f.unique || dir.display === f.key) || empty(values[f.key])) continue;
      const set = this.seen.get(f.key) ?? new Set<string>();
      set.add(fold(String(values[f.key])));
      this.seen.set(f.key, set);
    }
  }
}

/** Values for special defaults: `today`/`now` on dates, `@me` on users. */
export interface Defaults {
  today: number;
  now: number;
  user: string;
}

export function defaultFor(f: FieldDef, d: Defaults): Cell | undefined {
  if (f.default === undefined || f.default === null) return undefined;
  if (f.default === 'today' && (f.type === 'date' || f.type === 'datetime')) return f.type === 'date' ? d.today : d.now;
  if (f.default === 'now' && (f.type === 'date' || f.type === 'datetime')) return f.type === 'date' ? d.today : d.now;
  if (f.default === '@me' && f.type === 'user') return d.user;
  return f.default;
}

/**
 * Checks one record's values. `existing` is the record being updated (absent on create);
 * `batch` holds records created earlier in the same call, for uniqueness within the batch.
 * Returns the full stored values for every field of the directory.
 */
export async function prepareRecord(
  crm: Crm,
  dir: DirectoryDef,
  table: DirectoryTable,
  changes: Map<FieldDef, Cell>,
  options: { existing?: StoredRecord; batch?: BatchKeys; defaults: Defaults; place?: Place },
): Promise<{ values: Record<string, Cell>; problems: ErrorData[] }> {
  const schema = crm.schema;
  const place = options.place ?? (options.existing ? { row: options.existing.row + 1 } : {});
  const problems: ErrorData[] = [];
  const values: Record<string, Cell> = {};
  for (const f of dir.fields) values[f.key] = options.existing?.values[f.key] ?? null;

  for (const [f, raw] of changes) {
    const n = normalizeValue(f, raw, schema);
    if (!n.ok) {
      const value = typeof raw === 'string' && raw.length > 80 ? clipped(raw) : raw;
      problems.push(problem(dir, f, 'E_INVALID_VALUE', value, say('"{value}" is {reason}.', { value: shown(raw), reason: n.reason }), place));
      continue;
    }
    values[f.key] = n.value;
  }

  if (!options.existing) {
    for (const f of dir.fields) {
      if (!changes.has(f) || empty(values[f.key])) {
        const d = defaultFor(f, options.defaults);
        if (d !== undefined && empty(values[f.key])) {
          const n = normalizeValue(f, d, schema);
          values[f.key] = n.ok ? n.value : d;
        }
      }
    }
  }

  for (const f of dir.fields) {
    if (f.required && empty(values[f.key]) && !problems.some((p) => p.field === f.key)) {
      problems.push(problem(dir, f, 'E_REQUIRED', undefined, say('a value is required.'), place));
    }
  }

  for (const [f] of changes) {
    if (f.type !== 'reference' || empty(values[f.key]) || problems.some((p) => p.field === f.key)) continue;
    const target = crm.directory(f.ref!);
    const refTable = await crm.table(target.key);
    const key = String(values[f.key]);
    const found = refTable.findByDisplay(key);
    const byId = found.length ? undefined : refTable.findById(key);
    if (found.length === 0 && !byId) {
      problems.push(
        problem(dir, f, 'E_REFERENCE', key, say('there is no "{value}" in {directory}.', { value: key, directory: dirLabel(target) }), place),
      );
      continue;
    }
    // Store the canonical spelling, so `acme` typed in a form reads "Acme" in the sheet.
    values[f.key] = refTable.displayOf(found[0] ?? byId!);
  }

  for (const f of dir.fields) {
    const isKey = f.unique || dir.display === f.key;
    if (!isKey || empty(values[f.key]) || problems.some((p) => p.field === f.key)) continue;
    if (options.existing && !changes.has(f)) continue;
    const k = fold(String(values[f.key]));
    const clash = (table.index(f.key).get(k) ?? []).find((r) => r.row !== options.existing?.row);
    const inBatch = options.batch?.has(f.key, k);
    if (clash || inBatch) {
      const taken = { value: String(values[f.key]), field: fieldLabel(f) };
      const text = !clash
        ? say('"{value}" is already used (earlier in the same batch); {field} must be unique.', taken)
        : clash.id
          ? say('"{value}" is already used ({id}, row {row}); {field} must be unique.', { ...taken, id: clash.id, row: clash.row + 1 })
          : say('"{value}" is already used (no id, row {row}); {field} must be unique.', { ...taken, row: clash.row + 1 });
      problems.push(problem(dir, f, 'E_UNIQUE', values[f.key], text, place));
    }
  }
  options.batch?.add(dir, values);
  return { values, problems };
}
