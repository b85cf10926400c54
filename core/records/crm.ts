/**
 * One command's view of a Carnet workbook: the meta (schema, counters) read once, and each
 * directory sheet read at most once and cached, so a command's round trips do not depend on rows.
 */

import { directoryByKey } from '../schema/lookup.js';
import { MetaStore, type Meta } from '../schema/storage.js';
import type { DirectoryDef, Schema } from '../schema/types.js';
import type { CellRange, Grid, Workbook } from '../workbook.js';
import { DirectoryTable } from './directory-table.js';

/**
 * Tables already built over a grid, by the grid itself. A host may hand the same grid again while
 * the sheet is unchanged (the local server keeps parsed sheets between requests): the table and
 * its indexes, built once, then serve every command until a write. Grids are never changed by
 * core, so reusing them is safe; the directory's definition is part of the key.
 */
const BUILT = new WeakMap<Grid, { definition: string; table: DirectoryTable }[]>();

function tableOf(dir: DirectoryDef, grid: Grid): DirectoryTable {
  const definition = JSON.stringify(dir);
  const list = BUILT.get(grid) ?? [];
  const found = list.find((t) => t.definition === definition);
  if (found) return found.table;
  const table = new DirectoryTable(dir, grid);
  list.push({ definition, table });
  BUILT.set(grid, list);
  return table;
}

export class Crm {
  private readonly tables = new Map<string, DirectoryTable>();
  private readonly mergesOf = new Map<string, CellRange[]>();

  private constructor(
    readonly wb: Workbook,
    private readonly store: MetaStore,
    public meta: Meta,
  ) {}

  /** Reads `_carnet` (one call); E_NOT_CARNET when the workbook has no Carnet CRM. */
  static async open(wb: Workbook): Promise<Crm> {
    const store = new MetaStore(wb);
    const meta = await store.require();
    return new Crm(wb, store, meta);
  }

  /** For set-up: a Crm over a meta that is about to be saved for the first time. */
  static fresh(wb: Workbook, meta: Meta): Crm {
    return new Crm(wb, new MetaStore(wb), meta);
  }

  get schema(): Schema {
    return this.meta.schema;
  }

  directory(key: string): DirectoryDef {
    return directoryByKey(this.schema, key);
  }

  async table(key: string): Promise<DirectoryTable> {
    const cached = this.tables.get(key);
    if (cached) return cached;
    const dir = this.directory(key);
    const table = tableOf(dir, await this.wb.read(dir.sheet));
    this.tables.set(key, table);
    return table;
  }

  /** The merged ranges of a directory's sheet, read once per command (one port call). */
  async merges(key: string): Promise<CellRange[]> {
    const cached = this.mergesOf.get(key);
    if (cached) return cached;
    const merges = await this.wb.merges(this.directory(key).sheet);
    this.mergesOf.set(key, merges);
    return merges;
  }

  /** After a write the cached grid is stale; the next `table()` reads the sheet again. */
  forget(key: string): void {
    this.tables.delete(key);
  }

  /** After rows moved (deleted by Carnet, or by a colleague), merges may have moved with them. */
  forgetMerges(key: string): void {
    this.mergesOf.delete(key);
  }

  forgetAll(): void {
    this.tables.clear();
    this.mergesOf.clear();
  }

  async saveMeta(): Promise<void> {
    await this.store.save(this.meta);
  }

  async user(): Promise<string> {
    return (await this.wb.user()).id;
  }
}
