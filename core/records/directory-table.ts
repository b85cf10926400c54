/**
 * A directory's sheet as read in one call, bound to the directory's fields by header label.
 *
 * Columns are found by their header, in any order; a header matches a field by the field's key
 * or its label in any language, ignoring case and extra spaces (a trailing space typed by hand
 * must not unbind a column). Columns that match no field belong to the user: Carnet reads around
 * them and never writes them.
 */

import { fold } from '../schema/lookup.js';
import { ID_HEADER, LANGS, type DirectoryDef, type FieldDef } from '../schema/types.js';
import type { Cell, Grid } from '../workbook.js';

export interface StoredRecord {
  id: string;
  /** 0-based sheet row (1 = first data row). */
  row: number;
  /** Stored cells by field key (fields whose column is missing are absent). */
  values: Record<string, Cell>;
}

export class DirectoryTable {
  /** Field key → 0-based column. */
  readonly columns = new Map<string, number>();
  idColumn = -1;
  /** Fields whose header is not in the sheet. */
  readonly missing: FieldDef[] = [];
  /** Headers that match no field: the user's own columns (or a field's header renamed by hand). */
  readonly foreign: { column: number; header: string }[] = [];
  /** Headers that appear twice: only the first is bound. */
  readonly duplicates: { column: number; header: string }[] = [];
  private built: StoredRecord[] | undefined;
  /** Width of the header row. */
  readonly width: number;

  constructor(
    readonly dir: DirectoryDef,
    readonly grid: Grid,
  ) {
    const header = grid[0] ?? [];
    this.width = header.length;
    const byName = new Map<string, string>();
    for (const f of dir.fields) {
      for (const n of [f.key, ...LANGS.map((l) => f.labels[l])]) {
        const k = fold(n);
        if (!byName.has(k)) byName.set(k, f.key);
      }
    }
    header.forEach((h, c) => {
      if (h === null || String(h).trim() === '') return;
      const name = fold(String(h));
      if (name === fold(ID_HEADER)) {
        if (this.idColumn < 0) this.idColumn = c;
        else this.duplicates.push({ column: c, header: String(h) });
        return;
      }
      const key = byName.get(name);
      if (key === undefined) this.foreign.push({ column: c, header: String(h) });
      else if (this.columns.has(key)) this.duplicates.push({ column: c, header: String(h) });
      else this.columns.set(key, c);
    });
    for (const f of dir.fields) if (!this.columns.has(f.key)) this.missing.push(f);
  }

  /**
   * The records, one per row holding something in a Carnet column, built on first use: a report
   * over a million sales reads the grid by column and never needs one object per row.
   */
  get records(): StoredRecord[] {
    if (this.built) return this.built;
    const out: StoredRecord[] = [];
    const grid = this.grid;
    for (let r = 1; r < grid.length; r++) {
      const row = grid[r]!;
      if (this.isBlank(row)) continue;
      const values: Record<string, Cell> = {};
      for (const [key, c] of this.columns) values[key] = row[c] ?? null;
      const id = this.idColumn >= 0 ? row[this.idColumn] : null;
      out.push({ id: id === null ? '' : String(id).trim(), row: r, values });
    }
    this.built = out;
    return out;
  }

  /** A row counts as a record when any Carnet column holds something; user columns alone don't. */
  isBlank(row: Cell[]): boolean {
    if (this.idColumn >= 0 && !empty(row[this.idColumn])) return false;
    for (const c of this.columns.values()) if (!empty(row[c])) return false;
    return true;
  }

  /** The value that stands for a record in references. */
  displayOf(rec: StoredRecord): string {
    if (this.dir.display === 'id') return rec.id;
    const v = rec.values[this.dir.display];
    return v === null || v === undefined ? '' : String(v);
  }

  /** Column of the display value (the ID column for display 'id'); -1 if missing. */
  displayColumn(): number {
    return this.dir.display === 'id' ? this.idColumn : (this.columns.get(this.dir.display) ?? -1);
  }

  private readonly indexes = new Map<string, Map<string, StoredRecord[]>>();

  /**
   * Records by folded value of a field (`'id'` for the ID column), built once per read: lookups
   * during a 10,000-row import stay O(1) instead of scanning the sheet per row.
   */
  index(fieldKey: string): Map<string, StoredRecord[]> {
    let idx = this.indexes.get(fieldKey);
    if (idx) return idx;
    idx = new Map();
    for (const r of this.records) {
      const v = fieldKey === 'id' ? r.id : r.values[fieldKey];
      if (empty(v)) continue;
      const k = fold(String(v));
      const list = idx.get(k);
      if (list) list.push(r);
      else idx.set(k, [r]);
    }
    this.indexes.set(fieldKey, idx);
    return idx;
  }

  /** Records whose display value equals `key`, ignoring case and spaces. */
  findByDisplay(key: string): StoredRecord[] {
    return this.index(this.dir.display).get(fold(key)) ?? [];
  }

  findById(id: string): StoredRecord | undefined {
    return this.index('id').get(fold(id))?.[0];
  }

  /** The row index just after the last used row. */
  get nextRow(): number {
    return Math.max(this.grid.length, 1);
  }

  /**
   * Rows for `count` new records: below the last row holding anything, skipping rows that merged
   * cells touch. Rows whose cells only hold formulas showing "" (a team's column prefilled down)
   * read as empty, so new records take them and the formulas stay (only Carnet's cells are written).
   */
  freeRows(count: number, merges: readonly { top: number; bottom: number }[]): number[] {
    let last = this.grid.length - 1;
    while (last > 0 && this.grid[last]!.every((v) => empty(v))) last--;
    const out: number[] = [];
    for (let r = Math.max(last + 1, 1); out.length < count; r++) {
      if (!merges.some((m) => r >= m.top && r <= m.bottom)) out.push(r);
    }
    return out;
  }
}

export function empty(v: Cell | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
