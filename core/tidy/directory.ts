/**
 * Tidying one directory's sheet: which cells of the rows typed by hand change, and to what.
 * Reads the sheet once (and, only when something is to change, its merges and the formulas among
 * those cells: one call each); decides every cell in memory.
 */

import { formatValue, normalizeValue } from '../fields/normalize.js';
import type { Crm } from '../records/crm.js';
import { empty, type StoredRecord } from '../records/directory-table.js';
import { allocateIds } from '../records/ids.js';
import { formulasAmong, hidingMerge, identity, rangeA1, type CellWrite } from '../records/sheet-writes.js';
import { defaultFor, type Defaults } from '../records/validate.js';
import { named, say } from '../messages/say.js';
import type { DirectoryDef, FieldDef, Schema } from '../schema/types.js';
import { a1, columnLetter, type Cell, type ExpectedCell, type Grid } from '../workbook.js';
import type { TidyChange, TidyDirectory, TidyKind } from './types.js';

export interface DirectoryTidy {
  entry: TidyDirectory;
  /** The cells to write, and the cells the write relies on (see `expect` in sheet-writes.ts). */
  writes: CellWrite[];
  expect: ExpectedCell[];
  /** The sheet as it will be once written (the grid read, with the changed rows copied). */
  after: Grid;
  /** Cells tidy leaves on purpose (A1 → why), for the problems `check` will still report there. */
  left: Map<string, string>;
  /** True when ids were handed out (the counter moved). */
  allocated: boolean;
}

interface Candidate {
  rec: StoredRecord;
  column: number;
  /** null for the ID column. */
  field: FieldDef | null;
  kind: TidyKind;
  from: Cell;
  to: Cell;
}

/** `rows`: only the records on these 1-based sheet rows (see `rows` in types.ts); every record when absent. */
export async function tidyDirectory(crm: Crm, dir: DirectoryDef, defaults: Defaults, rows?: { from: number; to: number }): Promise<DirectoryTidy> {
  const schema = crm.schema;
  const lang = schema.lang;
  const table = await crm.table(dir.key);
  const at = (row: number, column: number): Cell => table.grid[row]?.[column] ?? null;

  // 1. Every cell that would change, by the rules alone.
  const candidates: Candidate[] = [];
  /** Fields whose default names the person creating the record: field key → rows left empty. */
  const unknownPerson = new Map<string, number>();
  const records = rows ? table.records.filter((r) => r.row + 1 >= rows.from && r.row + 1 <= rows.to) : table.records;
  for (const rec of records) {
    // A row with no ID is a record Carnet did not create: tidy creates it (its ID, its defaults).
    const fresh = table.idColumn >= 0 && rec.id === '';
    if (fresh) candidates.push({ rec, column: table.idColumn, field: null, kind: 'id', from: at(rec.row, table.idColumn), to: null });
    for (const f of dir.fields) {
      const c = table.columns.get(f.key);
      if (c === undefined) continue;
      const v = rec.values[f.key] ?? null;
      if (empty(v)) {
        if (!fresh) continue;
        if (f.default === '@me' && f.type === 'user') {
          unknownPerson.set(f.key, (unknownPerson.get(f.key) ?? 0) + 1);
          continue;
        }
        const d = defaultFor(f, defaults);
        if (d === undefined) continue;
        const n = normalizeValue(f, d, schema);
        candidates.push({ rec, column: c, field: f, kind: 'default', from: v, to: n.ok ? n.value : d });
        continue;
      }
      // A reference is checked for its target (check's E_REFERENCE), not rewritten.
      if (f.type === 'reference') continue;
      const n = normalizeValue(f, v, schema);
      if (n.ok && storedFormDiffers(v, n.value)) candidates.push({ rec, column: c, field: f, kind: 'normalize', from: v, to: n.value });
    }
  }

  // 2. Never into a merge's hidden cells, never over a formula (a team's, or Carnet's own).
  const left = new Map<string, string>();
  let kept = candidates;
  if (candidates.length) {
    const merges = await crm.merges(dir.key);
    const formulas = await formulasAmong(crm, dir.sheet, candidates.map((c) => ({ row: c.rec.row, column: c.column })));
    const noId = new Set<number>();
    kept = [];
    for (const c of candidates) {
      const m = hidingMerge(merges, c.rec.row, c.column);
      const why = m
        ? say('Tidy leaves it: the cell is inside the merged cells {range}, where the spreadsheet would hide it; unmerge them first.', { range: rangeA1(m) })
        : formulas.has(`${c.rec.row}:${c.column}`)
          ? say('Tidy leaves it: the cell holds a formula.')
          : undefined;
      if (why === undefined) {
        kept.push(c);
        continue;
      }
      left.set(a1(c.rec.row, c.column), why);
      if (c.kind === 'id') noId.add(c.rec.row);
    }
    // A row that cannot get its ID is not created yet: its defaults wait with it.
    kept = kept.filter((c) => !(c.kind === 'default' && noId.has(c.rec.row)));
  }
  kept.sort((a, b) => a.rec.row - b.rec.row || a.column - b.column);

  // 3. IDs like every ID: past the counter and every ID in the sheet; the counter moves on.
  const idCells = kept.filter((c) => c.kind === 'id');
  const ids = idCells.length ? allocateIds(crm, dir, table, idCells.length) : [];
  idCells.forEach((c, i) => (c.to = ids[i]!));

  const writes: CellWrite[] = kept.map((c) => ({ row: c.rec.row, column: c.column, value: c.to }));
  // Each written cell must still hold what was read, on a row still holding the record it was
  // read for: a colleague's sort between the read and the write refuses rather than misplaces.
  const expect = new Map<string, ExpectedCell>();
  for (const c of kept) {
    for (const e of identity(table, c.rec)) expect.set(`${e.row}:${e.column}`, e);
    expect.set(`${c.rec.row}:${c.column}`, { row: c.rec.row, column: c.column, value: c.from });
  }
  const after = table.grid.slice();
  const copied = new Set<number>();
  for (const w of writes) {
    if (!copied.has(w.row)) after[w.row] = [...(after[w.row] ?? [])];
    copied.add(w.row);
    after[w.row]![w.column] = w.value as Cell;
  }

  const changes: TidyChange[] = kept.map((c) => ({ kind: c.kind, cell: a1(c.rec.row, c.column), row: c.rec.row + 1, field: c.field?.key ?? 'id', from: c.from, to: c.to }));
  const of = (kind: TidyKind) => kept.filter((c) => c.kind === kind);
  const summary: string[] = [];
  const notes: string[] = [];
  if (idCells.length) {
    const range = ids.length > 1 ? `${ids[0]}…${ids[ids.length - 1]}` : ids[0]!;
    const given = { range, column: columnLetter(table.idColumn), cells: listed(idCells.map((c) => a1(c.rec.row, c.column))) };
    summary.push(
      ids.length > 1
        ? say('Give IDs {range} to {count} records typed by hand, in column {column} ({cells}).', { ...given, count: ids.length })
        : say('Give ID {range} to 1 record typed by hand, in column {column} ({cells}).', given),
    );
  }
  const normalized = of('normalize');
  if (normalized.length) {
    const cells = listed(normalized.map((c) => `${a1(c.rec.row, c.column)} ${JSON.stringify(c.from)} → ${shown(c.field!, c.to, schema)}`), 3);
    summary.push(normalized.length > 1 ? say('Rewrite {count} cells in stored form: {cells}.', { count: normalized.length, cells }) : say('Rewrite 1 cell in stored form: {cells}.', { cells }));
  }
  const filled = of('default');
  if (filled.length) {
    const cells = listed(filled.map((c) => `${a1(c.rec.row, c.column)} ${named(c.field!.labels)} → ${shown(c.field!, c.to, schema)}`), 3);
    summary.push(
      filled.length > 1
        ? say("Fill {count} empty cells of the records given an ID with their field's default: {cells}.", { count: filled.length, cells })
        : say("Fill 1 empty cell of the records given an ID with its field's default: {cells}.", { cells }),
    );
    for (const f of new Set(filled.map((c) => c.field!))) {
      if (f.default === 'today' || f.default === 'now') {
        const field = { field: named(f.labels) };
        notes.push(
          f.type === 'date'
            ? say('{field} is set to today on the records given an ID: the day Carnet first records them, since when they were typed is not known.', field)
            : say('{field} is set to now on the records given an ID: the day Carnet first records them, since when they were typed is not known.', field),
        );
      }
    }
  }
  for (const [key, n] of unknownPerson) {
    const f = dir.fields.find((x) => x.key === key)!;
    notes.push(
      n > 1
        ? say('{field} is left empty on {count} records typed by hand: its default is the person who creates a record, and tidy cannot tell who typed them.', { field: named(f.labels), count: n })
        : say('{field} is left empty on 1 record typed by hand: its default is the person who creates a record, and tidy cannot tell who typed it.', { field: named(f.labels) }),
    );
  }

  return {
    entry: {
      directory: dir.key,
      label: dir.labels[lang],
      sheet: dir.sheet,
      records: records.length,
      ids: idCells.length,
      normalized: normalized.length,
      defaults: filled.length,
      changes,
      summary,
      notes,
    },
    writes,
    expect: [...expect.values()],
    after,
    left,
    allocated: ids.length > 0,
  };
}

/**
 * Check's rule for a value not in its stored form (core/check/check.ts): it differs, and not
 * only by surrounding spaces, nor only in the last binary digits of a number (spreadsheet files
 * keep 15 significant digits). Tidy rewrites exactly the cells check warns about.
 */
export function storedFormDiffers(typed: Cell, stored: Cell): boolean {
  if (stored === typed) return false;
  if (typeof typed === 'string' && typeof stored === 'string' && typed.trim() === stored) return false;
  if (typeof typed === 'number' && typeof stored === 'number' && Math.abs(typed - stored) <= 1e-12 * Math.max(1, Math.abs(typed), Math.abs(stored))) return false;
  return true;
}

/** A stored value in a sentence: dates as dates (the cell shows them so), everything else as JSON. */
function shown(f: FieldDef, v: Cell, schema: Schema): string {
  return typeof v === 'number' && (f.type === 'date' || f.type === 'datetime') ? formatValue(f, v, schema) : JSON.stringify(v);
}

function listed(items: string[], max = 5): string {
  return `${items.slice(0, max).join(', ')}${items.length > max ? ', …' : ''}`;
}
