/**
 * Adoption's helpers: which sheet may be adopted, the columns of its header, the mapping of
 * fields to columns (given or proposed by header synonyms), repeated values, ids, and the words
 * its plan is written in.
 */

import { fail, type ErrorData } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { DirectoryTable, StoredRecord } from '../records/directory-table.js';
import { empty } from '../records/directory-table.js';
import type { Crm } from '../records/crm.js';
import { idNumber } from '../records/ids.js';
import { a1, type Cell, type Grid, type SheetInfo } from '../workbook.js';
import type { CellChange } from './adopt-types.js';
import { matchHeader, type MatchKind } from './header-synonyms.js';
import { fold, requireField } from './lookup.js';
import { META_SHEET } from './storage.js';
import { ID_HEADER, LANGS, type DirectoryDef, type FieldDef, type Schema } from './types.js';

export interface Column {
  column: number;
  header: string;
}

export interface Mapped {
  column: number;
  match: 'name' | 'synonym' | 'given';
}

/** The sheet to adopt: it must exist and belong to no directory and not to Carnet itself. */
export function adoptableSheet(schema: Schema, dir: DirectoryDef, sheets: SheetInfo[], name: string): string {
  const found = sheets.find((s) => fold(s.name) === fold(name));
  if (!found) {
    const visible = sheets.filter((s) => s.visibility === 'visible').map((s) => `"${s.name}"`).join(', ');
    fail({ code: 'E_NOT_FOUND', value: name, message: say('This workbook has no sheet named "{name}". Sheets: {sheets}.', { name, sheets: visible }) });
  }
  if (found.name.toLowerCase().startsWith(META_SHEET)) {
    fail({ code: 'E_SCHEMA', sheet: found.name, message: say('Sheet "{sheet}" holds Carnet\'s own settings; it cannot become a directory.', { sheet: found.name }) });
  }
  const owner = schema.directories.find((d) => fold(d.sheet) === fold(found.name));
  if (owner) {
    fail({
      code: 'E_SCHEMA',
      directory: owner.key,
      sheet: found.name,
      message:
        owner.key === dir.key
          ? say('Sheet "{sheet}" already holds {directory}.', { sheet: found.name, directory: named(dir.labels) })
          : say('Sheet "{sheet}" already holds the directory {directory}; a sheet holds one directory.', { sheet: found.name, directory: named(owner.labels) }),
    });
  }
  return found.name;
}

/** Every column with a header or any data, in sheet order. */
export function headerColumns(grid: Grid): Column[] {
  const width = grid[0]?.length ?? 0;
  const out: Column[] = [];
  for (let c = 0; c < width; c++) {
    const h = grid[0]![c];
    const header = h === null || h === undefined ? '' : String(h);
    if (header.trim() !== '' || grid.some((row, r) => r > 0 && !empty(row[c]))) out.push({ column: c, header });
  }
  return out;
}

/**
 * The mapping to apply. For the plan: the proposal (best matches first, one column per field and
 * one field per column), overridden by what the admin gave. For adoption: exactly what was given.
 */
export function resolveMapping(schema: Schema, dir: DirectoryDef, columns: Column[], given: Record<string, string | null>, exact: boolean): Map<string, Mapped> {
  const out = new Map<string, Mapped>();
  if (!exact) {
    for (const [key, m] of propose(dir, columns, true, { fields: new Set(), columns: new Set() })) out.set(key, { column: m.column, match: m.kind as 'name' | 'synonym' });
  }
  const chosen = new Map<number, string>();
  for (const [name, header] of Object.entries(given)) {
    const f = requireField(schema, dir, name);
    if (header === null || header.trim() === '') {
      out.delete(f.key);
      continue;
    }
    const hit = columns.find((c) => c.header.trim() !== '' && fold(c.header) === fold(header));
    if (!hit) {
      const known = columns.filter((c) => c.header.trim() !== '').map((c) => `"${c.header.trim()}"`).join(', ');
      fail({ code: 'E_BAD_INPUT', field: `mapping.${name}`, value: header, message: say('No column is headed "{header}". Headers: {headers}.', { header, headers: known }) });
    }
    if (fold(hit.header) === fold(ID_HEADER)) {
      fail({ code: 'E_BAD_INPUT', field: `mapping.${name}`, value: header, message: say('Column "{header}" is the record id column; it cannot hold a field.', { header: hit.header.trim() }) });
    }
    const other = chosen.get(hit.column);
    if (other !== undefined && other !== f.key) {
      fail({
        code: 'E_BAD_INPUT',
        field: `mapping.${name}`,
        value: header,
        message: say('Column "{header}" is mapped to two fields ("{first}" and "{second}"); a column holds one field.', { header: hit.header.trim(), first: other, second: f.key }),
      });
    }
    chosen.set(hit.column, f.key);
    // The admin's choice wins over a proposal that guessed the same column for another field.
    for (const [k, m] of out) if (m.column === hit.column && k !== f.key) out.delete(k);
    out.set(f.key, { column: hit.column, match: 'given' });
  }
  return out;
}

/**
 * Best matches first, one column per field and one field per column. `confident` keeps names and
 * synonyms (the proposal); otherwise only partial matches count (the guesses).
 */
export function propose(dir: DirectoryDef, columns: Column[], confident: boolean, taken: { fields: Set<string>; columns: Set<number> }): Map<string, { column: number; kind: MatchKind }> {
  const candidates: { key: string; order: number; column: number; kind: MatchKind; score: number }[] = [];
  dir.fields.forEach((f, order) => {
    if (taken.fields.has(f.key)) return;
    for (const c of columns) {
      if (taken.columns.has(c.column) || c.header.trim() === '' || fold(c.header) === fold(ID_HEADER)) continue;
      const m = matchHeader(dir.key, f, c.header);
      if (m && (m.kind !== 'partial') === confident) candidates.push({ key: f.key, order, column: c.column, kind: m.kind, score: m.score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column || a.order - b.order);
  const out = new Map<string, { column: number; kind: MatchKind }>();
  const used = new Set<number>();
  for (const c of candidates) {
    if (out.has(c.key) || used.has(c.column)) continue;
    out.set(c.key, { column: c.column, kind: c.kind });
    used.add(c.column);
  }
  return out;
}

export function names(f: FieldDef): string[] {
  return [f.key, ...LANGS.map((l) => f.labels[l])].map(fold);
}

/**
 * Cells repeating an earlier record's value of a field (`'id'` for the ID column), folded as
 * `check` folds them; `says` words the problem, from the cell's address (`Sheet!A2`).
 */
export function repeats(table: DirectoryTable, records: StoredRecord[], key: string, column: number, says: (at: string, value: Cell, first: StoredRecord) => string): ErrorData[] {
  const out: ErrorData[] = [];
  const index = table.index(key);
  for (const rec of records) {
    const v = key === 'id' ? rec.id : (rec.values[key] ?? null);
    if (empty(v)) continue;
    const first = index.get(fold(String(v)))![0]!;
    if (first === rec) continue;
    const cell = a1(rec.row, column);
    out.push({ code: 'E_UNIQUE', directory: table.dir.key, field: key, sheet: table.dir.sheet, row: rec.row + 1, cell, value: v, message: says(`${table.dir.sheet}!${cell}`, v, first) });
  }
  return out;
}

/** Whether missing display values can be added to a directory as records of their own. */
export function canCreate(schema: Schema, target: DirectoryTable): true | string {
  const d = target.dir;
  if (d.display === 'id') return say('{directory} are named by their ID', { directory: named(d.labels) });
  if (target.idColumn < 0) return say('sheet "{sheet}" has no ID column', { sheet: d.sheet });
  const others = d.fields.filter((f) => f.required && f.key !== d.display && (f.default === undefined || f.default === null));
  const fields = others.map((f) => named(f.labels)).join(', ');
  if (others.length > 1) return say('{fields} are required there too', { fields });
  if (others.length) return say('{field} is required there too', { field: fields });
  return true;
}

/** Next id number: past the counter and past every id already in the sheet, as allocateIds counts. */
export function firstFreeId(crm: Crm, dir: DirectoryDef, table: DirectoryTable): number {
  let top = crm.meta.counters[dir.key] ?? 0;
  for (const r of table.records) {
    const n = idNumber(dir.idPrefix, r.id);
    if (n !== undefined && n > top) top = n;
  }
  return top + 1;
}

export function samples(grid: Grid, column: number): Cell[] {
  const out: Cell[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < grid.length && out.length < 3; r++) {
    const v = grid[r]![column] ?? null;
    if (empty(v) || seen.has(String(v))) continue;
    seen.add(String(v));
    out.push(v);
  }
  return out;
}

/** A1 range of `count` cells of one row starting at `column`. */
export function span(row: number, column: number, count: number): string {
  return count > 1 ? `${a1(row, column)}:${a1(row, column + count - 1)}` : a1(row, column);
}

export function rowOf(cell: string): number {
  return Number(/\d+$/.exec(cell)![0]) - 1;
}

export function examples(list: CellChange[]): string {
  const shown = list.slice(0, 3).map((c) => `${c.cell} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
  return `${shown.join(', ')}${list.length > 3 ? ', …' : ''}`;
}

export function cellsList(problems: ErrorData[]): string {
  const shown = problems.slice(0, 5).map((p) => `${p.cell} ${JSON.stringify(p.value)}`);
  return `${shown.join(', ')}${problems.length > 5 ? ', …' : ''}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
