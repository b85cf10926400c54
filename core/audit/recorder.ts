/**
 * Every write made through Carnet leaves its audit entries (issue 12), whatever command made it:
 * the dispatcher hands each command this workbook in place of the host's. It passes every call
 * through and, for writes into a directory's sheet, compares each written cell with the one it
 * replaces — one entry per changed field of a record — and for `_carnet`, one entry per changed
 * settings entry. The entries are appended to the `Audit` sheet in one call, inside the
 * command's transaction (`flush`), so the change and its log are saved together.
 *
 * The old values come from the grid the command itself read (the host hands it once); a sheet
 * not read yet is read once. Grids are never changed (a host may hand the same one again): the
 * recorder keeps its own copy-on-write view of the rows a write touched.
 */

import { fold } from '../schema/lookup.js';
import { decodeMeta, META_SHEET, type Meta } from '../schema/storage.js';
import { ID_HEADER, type DirectoryDef, type Schema } from '../schema/types.js';
import { DirectoryTable, empty } from '../records/directory-table.js';
import {
  columnLetter,
  isFormula,
  type Capabilities,
  type Cell,
  type CellBlock,
  type CellRange,
  type ChartSpec,
  type ExpectedCell,
  type Grid,
  type NativePivotSpec,
  type ProtectionPlan,
  type ProtectionState,
  type SheetFormat,
  type SheetInfo,
  type SheetLayout,
  type UserInfo,
  type Visibility,
  type Workbook,
  type WriteCell,
  type WriteGrid,
} from '../workbook.js';
import { appendAudit, AUDIT_SHEET, auditText, idRuns, type AuditEntry } from './log.js';

/** Settings entries whose every change is noise (an ID handed out) or kept elsewhere. */
const QUIET_SETTINGS = new Set(['version', 'counters', 'documentNumbers', 'importSeq', 'reportSheets', 'importMappings', 'protection']);
/** Settings values are logged cut to this many characters. */
const SETTINGS_TEXT = 2000;

interface View {
  rows: Cell[][];
  /** True once `rows` is the recorder's own shallow copy. */
  owned: boolean;
  /** Rows already copied since. */
  copied: Set<number>;
}

const plain = (v: WriteCell | undefined): Cell => (v === undefined ? null : isFormula(v) ? v.value : v);

export class AuditRecorder implements Workbook {
  readonly capabilities: Capabilities;
  private readonly views = new Map<string, View>();
  private readonly pending: AuditEntry[] = [];
  /** Records an import batch created or deleted, by directory: logged as runs of IDs at `flush`. */
  private readonly batched = new Map<string, { created: string[]; deleted: string[]; batch: string }>();
  private directories = new Map<string, DirectoryDef>();
  private schema: Schema | undefined;
  /** The import batch the command's writes belong to (import.apply, import.undo). */
  batch: string | undefined;

  constructor(
    private readonly inner: Workbook,
    private readonly who: UserInfo,
    private readonly command: string,
    private readonly now: () => number,
  ) {
    this.capabilities = inner.capabilities;
  }

  /** The settings the command starts from: which sheets are directories. */
  begin(meta: Meta | undefined): void {
    this.schema = meta?.schema;
    this.directories = new Map((meta?.schema.directories ?? []).map((d) => [fold(d.sheet), d]));
  }

  /** The entries so far (tests). */
  get entries(): readonly AuditEntry[] {
    return this.pending;
  }

  /** Appends the entries (one call) and forgets them; call inside the command's transaction. */
  async flush(): Promise<number> {
    for (const [directory, b] of this.batched) {
      const entry = (field: string, run: { record: string; count: number }, created: boolean): AuditEntry => ({
        ...this.entry(directory, run.record, field, created ? '' : `${run.count}`, created ? `${run.count}` : ''),
        batch: b.batch,
      });
      for (const run of idRuns([...b.created].sort())) this.pending.push(entry('(created)', run, true));
      for (const run of idRuns([...b.deleted].sort())) this.pending.push(entry('(deleted)', run, false));
    }
    this.batched.clear();
    const n = this.pending.length;
    if (n === 0) return 0;
    await appendAudit(this.inner, this.pending.splice(0));
    return n;
  }

  private inBatch(directory: string): { created: string[]; deleted: string[]; batch: string } {
    let b = this.batched.get(directory);
    if (!b) this.batched.set(directory, (b = { created: [], deleted: [], batch: this.batch! }));
    return b;
  }

  // --- what the recorder watches -------------------------------------------------------------

  private async view(sheet: string): Promise<View> {
    const k = fold(sheet);
    let v = this.views.get(k);
    if (!v) {
      v = { rows: await this.inner.read(sheet), owned: false, copied: new Set() };
      this.views.set(k, v);
    }
    return v;
  }

  private row(v: View, r: number): Cell[] {
    if (!v.owned) {
      v.rows = v.rows.slice();
      v.owned = true;
    }
    if (!v.copied.has(r)) {
      v.rows[r] = [...(v.rows[r] ?? [])];
      v.copied.add(r);
    }
    return v.rows[r]!;
  }

  private watched(sheet: string): 'directory' | 'settings' | undefined {
    const k = fold(sheet);
    if (k === fold(META_SHEET)) return 'settings';
    if (k === fold(AUDIT_SHEET)) return undefined;
    return this.directories.has(k) ? 'directory' : undefined;
  }

  private entry(directory: string, record: string, field: string, old: string, now: string): AuditEntry {
    return {
      when: this.now(),
      who: this.who.id,
      command: this.command,
      directory,
      record,
      field,
      old,
      new: now,
      ...(this.batch ? { batch: this.batch } : {}),
    };
  }

  /**
   * The entries of writing `rows` (sparse: row index → cells from `column`) into a directory's
   * sheet whose rows are `before`. A row that held nothing in Carnet's columns is a new record:
   * within an import batch it gets one `(created)` entry (the batch log keeps its values), else one
   * entry per field it sets.
   */
  private diffDirectory(dir: DirectoryDef, before: Cell[][], writes: { row: number; column: number; cells: Cell[] }[]): AuditEntry[] {
    const headerWrite = writes.find((w) => w.row === 0);
    const header = [...(before[0] ?? [])];
    if (headerWrite) headerWrite.cells.forEach((c, i) => (header[headerWrite.column + i] = c));
    const table = new DirectoryTable(dir, [header]);
    const fieldAt = new Map<number, string>();
    for (const [key, c] of table.columns) fieldAt.set(c, key);
    const idCol = table.idColumn;
    const out: AuditEntry[] = [];
    // A header written (a field added or renamed): one entry per header cell that changes.
    if (headerWrite) {
      headerWrite.cells.forEach((c, i) => {
        const col = headerWrite.column + i;
        const was = auditText(before[0]?.[col] ?? null);
        const now = auditText(c);
        if (was !== now) out.push(this.entry(dir.key, '(header)', columnLetter(col), was, now));
      });
    }
    const byRow = new Map<number, Map<number, Cell>>();
    for (const w of writes) {
      if (w.row === 0) continue;
      const cells = byRow.get(w.row) ?? new Map<number, Cell>();
      w.cells.forEach((c, i) => cells.set(w.column + i, c));
      byRow.set(w.row, cells);
    }
    for (const [r, cells] of byRow) {
      const old = before[r] ?? [];
      const after = (c: number) => (cells.has(c) ? cells.get(c)! : (old[c] ?? null));
      const wasBlank = table.isBlank(old);
      const idOf = () => {
        const id = idCol >= 0 ? auditText(after(idCol)) || auditText(old[idCol] ?? null) : '';
        if (id) return id;
        const display = table.displayColumn();
        return (display >= 0 && auditText(after(display))) || `row ${r + 1}`;
      };
      if (wasBlank && this.batch) {
        // A record an import created: its ID is enough (the batch log keeps its values).
        if ([...cells.values()].some((v) => auditText(v) !== '')) this.inBatch(dir.key).created.push(idOf());
        continue;
      }
      const changed: [string, string, string][] = [];
      for (const [c, v] of cells) {
        const key = c === idCol ? ID_HEADER : fieldAt.get(c);
        if (key === undefined) continue;
        const was = auditText(old[c] ?? null);
        const now = auditText(v);
        if (was !== now) changed.push([key, was, now]);
      }
      if (changed.length === 0) continue;
      const record = idOf();
      for (const [key, was, now] of changed) {
        if (key === ID_HEADER && wasBlank) continue; // a new record's ID is its record column
        out.push(this.entry(dir.key, record, key, was, now));
      }
    }
    return out;
  }

  private diffSettings(before: Grid, after: Grid): AuditEntry[] {
    let old: Meta | undefined;
    let next: Meta | undefined;
    try {
      old = decodeMeta(before);
      next = decodeMeta(after);
    } catch {
      return [this.entry('', META_SHEET, '(settings)', '', 'rewritten')];
    }
    const docs = (m: Meta | undefined): Map<string, unknown> =>
      new Map(m ? [['schema', m.schema], ...Object.entries(m.extra)] : []);
    const a = docs(old);
    const b = docs(next);
    const out: AuditEntry[] = [];
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if (QUIET_SETTINGS.has(key)) continue;
      // Compared whole, shown cut: two long entries often differ only past the cut.
      if (settingsJson(a.get(key)) === settingsJson(b.get(key))) continue;
      out.push(this.entry('', META_SHEET, key, settingsText(key, a.get(key)), settingsText(key, b.get(key))));
    }
    return out;
  }

  /** Records what writing `grid` at (row, column) changes, then applies it to the view. */
  private async track(sheet: string, blocks: { row: number; column: number; cells: WriteGrid }[]): Promise<() => void> {
    const kind = this.watched(sheet);
    if (!kind) return () => this.views.delete(fold(sheet));
    const v = await this.view(sheet);
    let entries: AuditEntry[] = [];
    if (kind === 'directory') {
      const dir = this.directories.get(fold(sheet))!;
      const writes = blocks.flatMap((b) => b.cells.map((cells, i) => ({ row: b.row + i, column: b.column, cells: cells.map(plain) })));
      entries = this.diffDirectory(dir, v.rows, writes);
    }
    // Copied now, before the host writes: a host may hand back its live rows (the in-memory one does).
    const beforeSettings = kind === 'settings' ? v.rows.map((r) => (r ? [...r] : r)) : undefined;
    const apply = () => {
      for (const b of blocks) {
        b.cells.forEach((cells, i) => {
          const row = this.row(v, b.row + i);
          cells.forEach((c, j) => (row[b.column + j] = plain(c)));
        });
      }
      if (beforeSettings) entries = this.diffSettings(beforeSettings, trimmed(v.rows));
      this.pending.push(...entries);
    };
    return apply;
  }

  // --- the port ------------------------------------------------------------------------------

  sheets(): Promise<SheetInfo[]> {
    return this.inner.sheets();
  }

  async read(sheet: string): Promise<Grid> {
    // The settings were read by the dispatcher just before the command reads them: hand the same
    // grid, unless Carnet wrote them since (one host call saved per command).
    const known = fold(sheet) === fold(META_SHEET) ? this.views.get(fold(sheet)) : undefined;
    if (known && !known.owned) return known.rows;
    const grid = await this.inner.read(sheet);
    this.views.set(fold(sheet), { rows: grid, owned: false, copied: new Set() });
    return grid;
  }

  async write(sheet: string, row: number, column: number, grid: WriteGrid): Promise<void> {
    const done = await this.track(sheet, [{ row, column, cells: grid }]);
    await this.guard(sheet, () => this.inner.write(sheet, row, column, grid));
    done();
  }

  async writeBlocks(sheet: string, blocks: CellBlock[], expect?: ExpectedCell[]): Promise<void> {
    const done = await this.track(sheet, blocks);
    await this.guard(sheet, () => this.inner.writeBlocks(sheet, blocks, expect));
    done();
  }

  /** A write the host refused (E_CONFLICT: rows moved) leaves the view unknown: the next read asks the host. */
  private async guard(sheet: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.views.delete(fold(sheet));
      throw e;
    }
  }

  async append(sheet: string, rows: WriteGrid): Promise<void> {
    const kind = this.watched(sheet);
    if (!kind) {
      this.views.delete(fold(sheet));
      return this.inner.append(sheet, rows);
    }
    const v = await this.view(sheet);
    const done = await this.track(sheet, [{ row: v.rows.length, column: 0, cells: rows }]);
    await this.guard(sheet, () => this.inner.append(sheet, rows));
    done();
  }

  async deleteRows(sheet: string, rows: number[], expect?: ExpectedCell[]): Promise<void> {
    const kind = this.watched(sheet);
    if (kind !== 'directory') {
      this.views.delete(fold(sheet));
      return this.inner.deleteRows(sheet, rows, expect);
    }
    const v = await this.view(sheet);
    const dir = this.directories.get(fold(sheet))!;
    const table = new DirectoryTable(dir, [v.rows[0] ?? []]);
    const entries: AuditEntry[] = [];
    for (const r of [...new Set(rows)].sort((a, b) => a - b)) {
      const old = v.rows[r] ?? [];
      if (table.isBlank(old)) continue;
      const id = table.idColumn >= 0 ? auditText(old[table.idColumn] ?? null) : '';
      const display = table.displayColumn();
      const record = id || (display >= 0 ? auditText(old[display] ?? null) : '') || `row ${r + 1}`;
      if (this.batch) {
        this.inBatch(dir.key).deleted.push(record);
        continue;
      }
      for (const [key, c] of table.columns) {
        if (!empty(old[c])) entries.push(this.entry(dir.key, record, key, auditText(old[c] ?? null), ''));
      }
      if (![...table.columns.values()].some((c) => !empty(old[c]))) entries.push(this.entry(dir.key, record, '(deleted)', record, ''));
    }
    await this.guard(sheet, () => this.inner.deleteRows(sheet, rows, expect));
    const gone = new Set(rows);
    v.rows = v.rows.filter((_, i) => !gone.has(i));
    v.owned = true;
    v.copied = new Set();
    this.pending.push(...entries);
  }

  merges(sheet: string): Promise<CellRange[]> {
    return this.inner.merges(sheet);
  }

  formulaCells(sheet: string, range: CellRange): Promise<{ row: number; column: number }[]> {
    return this.inner.formulaCells(sheet, range);
  }

  async ensureSheet(name: string, options?: { visibility?: Visibility; index?: number }): Promise<boolean> {
    const created = await this.inner.ensureSheet(name, options);
    if (created) this.views.set(fold(name), { rows: [], owned: true, copied: new Set() });
    return created;
  }

  async renameSheet(from: string, to: string): Promise<void> {
    await this.inner.renameSheet(from, to);
    const v = this.views.get(fold(from));
    this.views.delete(fold(from));
    if (v) this.views.set(fold(to), v);
    const dir = this.directories.get(fold(from));
    if (dir) {
      this.directories.delete(fold(from));
      this.directories.set(fold(to), dir);
    }
  }

  async clearSheet(sheet: string): Promise<void> {
    this.views.delete(fold(sheet));
    return this.inner.clearSheet(sheet);
  }

  formatSheet(sheet: string, format: SheetFormat): Promise<void> {
    return this.inner.formatSheet(sheet, format);
  }

  charts(sheet: string, charts: ChartSpec[]): Promise<void> {
    return this.inner.charts(sheet, charts);
  }

  pivotTable(spec: NativePivotSpec): Promise<void> {
    return this.inner.pivotTable(spec);
  }

  layout(sheet: string, layout: SheetLayout): Promise<void> {
    return this.inner.layout(sheet, layout);
  }

  async protect(plan: ProtectionPlan): Promise<void> {
    await this.inner.protect(plan);
    for (const p of plan.sheets) {
      this.pending.push(this.entry('', p.name, '(protection)', '', p.locked ? `locked; editors: ${p.editors.join(', ') || 'none'}` : 'unlocked'));
    }
  }

  protections(sheets: string[]): Promise<ProtectionState[]> {
    return this.inner.protections(sheets);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }

  /** The acting user, which a host's session may set apart from the workbook's (the local server). */
  async user(): Promise<UserInfo> {
    return this.who;
  }

  /** The schema the command started from (tests). */
  get startSchema(): Schema | undefined {
    return this.schema;
  }
}

/** The meta grid without the blank rows a shorter rewrite pads with. */
function trimmed(rows: Cell[][]): Grid {
  return rows.filter((r) => r && r.some((c) => c !== null && c !== ''));
}

/** A settings entry as the log shows it: JSON cut short, and never a password hash. */
function settingsJson(value: unknown): string {
  if (value === undefined) return '';
  // Never the hash; its salt's start (not secret, new with every password) shows that it changed.
  return JSON.stringify(value, (k, v) => (k === 'password' && v && typeof v === 'object' ? `(set, salt ${String((v as { salt?: unknown }).salt ?? '').slice(0, 6)}…)` : v));
}

function settingsText(key: string, value: unknown): string {
  const json = settingsJson(value);
  void key;
  return json.length > SETTINGS_TEXT ? `${json.slice(0, SETTINGS_TEXT - 1)}…` : json;
}

/** Names the import batch the next writes belong to, when `wb` is a command's recorder. */
export function auditBatch(wb: Workbook, batch: string): void {
  if (wb instanceof AuditRecorder) wb.batch = batch;
}
