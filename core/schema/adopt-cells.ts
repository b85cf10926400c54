/**
 * Adoption's verdict on every mapped cell (core/schema/adopt.ts): fine, to normalise (rewritten in
 * stored form only with `normalize`), or invalid — as `check` will report it once the sheet is
 * adopted — and the referenced values missing from their directory (created only with
 * `addReferenced`, where that directory can take them). Invalid cells are never changed.
 */

import type { ErrorData } from '../errors.js';
import { normalizeValue } from '../fields/normalize.js';
import { named, say } from '../messages/say.js';
import type { Crm } from '../records/crm.js';
import { empty, type DirectoryTable } from '../records/directory-table.js';
import { a1, columnLetter, type Cell } from '../workbook.js';
import { canCreate, examples, repeats, rowOf, type Mapped } from './adopt-columns.js';
import type { AdoptChange, AdoptInput, CellChange, ColumnPlan } from './adopt-types.js';
import { fold } from './lookup.js';
import type { DirectoryDef } from './types.js';

export interface CellsToJudge {
  crm: Crm;
  /** The directory as it is, and as it will be (in the team's sheet, fields named like their columns). */
  dir: DirectoryDef;
  next: DirectoryDef;
  /** The team's sheet read as the directory's. */
  table: DirectoryTable;
  mapping: Map<string, Mapped>;
  /** Column → its plan, filled here for the mapped columns. */
  plans: Map<number, ColumnPlan>;
  input: AdoptInput;
  sheet: string;
  /** "row:column" of the cells showing a formula's result: the formula is the team's, never rewritten. */
  computed: Set<string>;
  /** A field's label now, in the workbook's language. */
  labelNow(key: string): string;
  /** Queues a confirmed write. */
  put(column: number, row: number, value: Cell): void;
  /** Appended to: refusals, and the changes applying makes. */
  blockers: ErrorData[];
  cellChanges: AdoptChange[];
}

export interface CellsVerdict {
  /** Referenced directory key → the values `addReferenced` creates (ticked, and possible). */
  referenced: Map<string, string[]>;
  /** Referenced directory key → the missing values addReferenced would add, ticked or not. */
  wanted: Map<string, string[]>;
  /** What `normalize` would rewrite, one sentence per column. */
  rewrites: string[];
}

export async function judgeCells(x: CellsToJudge): Promise<CellsVerdict> {
  const { crm, dir, next, table, mapping, plans, input, sheet, computed, labelNow, put, blockers, cellChanges } = x;
  const schema = crm.schema;
  const records = table.records;
  const fieldOf = (key: string) => next.fields.find((f) => f.key === key)!;
  const at = (row: number, c: number) => `${sheet}!${a1(row, c)}`;
  const referenced = new Map<string, string[]>();
  const wanted = new Map<string, string[]>();
  const rewrites: string[] = [];
  for (const [key, m] of [...mapping].sort((a, b) => a[1].column - b[1].column)) {
    const f = fieldOf(key);
    const c = m.column;
    const col = plans.get(c)!;
    const fine = { count: 0 };
    const normalize: CellChange[] = [];
    const invalid: ErrorData[] = [];
    const ref = f.type === 'reference' && f.ref ? f.ref : undefined;
    const target = ref === undefined ? undefined : ref === dir.key ? table : await crm.table(ref);
    const creatable = target === undefined ? false : ref === dir.key ? say('they would be records of {directory} itself', { directory: named(dir.labels) }) : canCreate(schema, target);
    const created = new Map<string, string>();
    const missing = new Map<string, { value: string; cells: string[] }>();
    for (const rec of records) {
      const raw = rec.values[f.key] ?? null;
      const cell = a1(rec.row, c);
      const where = { directory: dir.key, field: f.key, sheet, row: rec.row + 1, cell };
      if (empty(raw)) {
        if (f.required) invalid.push({ code: 'E_REQUIRED', ...where, message: say('{cell}: {field} is required.', { cell: at(rec.row, c), field: named(f.labels) }) });
        continue;
      }
      const n = normalizeValue(f, raw, schema);
      if (!n.ok) {
        invalid.push({ code: 'E_INVALID_VALUE', ...where, value: raw, message: say('{cell}: {value} is {reason}.', { cell: at(rec.row, c), value: JSON.stringify(raw), reason: n.reason }) });
        continue;
      }
      let to = n.value;
      if (target) {
        const text = String(to);
        const found = target.findByDisplay(text);
        if (found.length) to = target.displayOf(found[0]!);
        else {
          const k = fold(text);
          const entry = missing.get(k) ?? missing.set(k, { value: text, cells: [] }).get(k)!;
          entry.cells.push(cell);
          if (!input.addReferenced || creatable !== true) {
            invalid.push({ code: 'E_REFERENCE', ...where, value: raw, message: say('{cell}: "{value}" is not in {directory}.', { cell: at(rec.row, c), value: String(raw), directory: named(target.dir.labels) }) });
            continue;
          }
          // The first spelling met becomes the record; later spellings are normalised to it.
          to = created.get(k) ?? created.set(k, text).get(k)!;
        }
      }
      // Same rule as check's warnings: a stored form that differs only by surrounding spaces is fine;
      // and a formula's result is the formula's (never rewritten).
      if (to === raw || (typeof raw === 'string' && typeof to === 'string' && raw.trim() === to) || computed.has(`${rec.row}:${c}`)) fine.count++;
      else normalize.push({ cell, from: raw, to });
    }
    if (f.unique && f.key !== next.display) {
      invalid.push(...repeats(table, records, f.key, c, (at, v, first) => say('{cell}: "{value}" is also on row {row}; {field} must be unique.', { cell: at, value: String(v), row: first.row + 1, field: named(f.labels) })));
    }
    Object.assign(col, { field: f.key, label: labelNow(f.key), match: m.match, fine: fine.count, normalize, invalid });
    if (target) {
      col.missing = [...missing.values()];
      const list = `${[...missing.values()].slice(0, 3).map((x) => `"${x.value}"`).join(', ')}${missing.size > 3 ? ', …' : ''}`;
      // The first spelling met, as `created` keeps it once ticked.
      if (missing.size) wanted.set(ref!, [...(wanted.get(ref!) ?? []), ...[...missing.values()].map((x) => x.value)]);
      if (missing.size && input.addReferenced && creatable === true) {
        referenced.set(ref!, [...(referenced.get(ref!) ?? []), ...created.values()]);
      } else if (missing.size && input.addReferenced) {
        blockers.push({
          code: 'E_SCHEMA',
          directory: dir.key,
          field: f.key,
          sheet,
          message: say('Cannot add {values} to {directory} for column {column}: {reason}.', { values: list, directory: named(target.dir.labels), column: col.column, reason: String(creatable) }),
        });
      }
    }
    if (normalize.length) {
      const message =
        normalize.length === 1
          ? say('Rewrite 1 cell of column {column} "{header}" in stored form: {examples}.', { column: col.column, header: col.header.trim(), examples: examples(normalize) })
          : say('Rewrite {count} cells of column {column} "{header}" in stored form: {examples}.', { count: normalize.length, column: col.column, header: col.header.trim(), examples: examples(normalize) });
      rewrites.push(message);
      if (input.normalize) {
        for (const ch of normalize) put(c, rowOf(ch.cell), ch.to);
        cellChanges.push({ kind: 'normalize', range: columnLetter(c), count: normalize.length, message });
      }
    }
  }
  return { referenced, wanted, rewrites };
}
