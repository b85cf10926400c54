/**
 * What every import batch did, kept in the very hidden sheet `_carnet_imports` so that undo works
 * from any host, after any crash, by anyone on the team. Append-only: each chunk of an import adds
 * one entry *before* it writes (the IDs it is about to create, the old and new value of every cell
 * it is about to overwrite), and one after; undo adds one too. An entry is JSON split over rows
 * under the 32,767-character cell limit, like `_carnet`. It is read only by import commands, so a
 * long history never slows the others.
 */

import type { Cell, Grid, Workbook } from '../workbook.js';
import type { BatchSummary } from './types.js';

export const LOG_SHEET = '_carnet_imports';
const CHUNK = 30_000;

/** Created records: [id, fingerprint of the cells written], per directory with the fields written. */
export interface CreatedLog {
  fields: string[];
  records: [string, string][];
}

export interface UpdatedLog {
  id: string;
  old: Record<string, Cell>;
  new: Record<string, Cell>;
}

export type LogEntry =
  | { kind: 'start'; batch: string; directory: string; name?: string; user: string; started: number; totalRows: number }
  | { kind: 'chunk'; batch: string; seq: number; firstRow: number; rows: number; created: Record<string, CreatedLog>; updated: Record<string, UpdatedLog[]>; counts: Record<string, number> }
  | { kind: 'done'; batch: string; seq: number }
  | { kind: 'undo'; batch: string; at: number; user: string; deleted: Record<string, number>; restored: Record<string, number> };

/** FNV-1a of the values a record was written with: a later edit shows as a different fingerprint. */
export function fingerprint(fields: readonly string[], values: Record<string, Cell>): string {
  let h = 0x811c9dc5;
  for (const f of fields) {
    const v = values[f];
    const s = `${v === null || v === undefined || v === '' ? '' : typeof v === 'string' ? `s${v}` : `${typeof v}${String(v)}`}\u0001`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(36);
}

export class BatchLog {
  private entries: LogEntry[] | undefined;
  /** Rows the sheet holds (0: absent or empty, so the next append writes the header too). */
  private height = 0;
  constructor(private readonly wb: Workbook) {}

  async read(): Promise<LogEntry[]> {
    if (this.entries) return this.entries;
    const sheets = await this.wb.sheets();
    if (!sheets.some((s) => s.name === LOG_SHEET)) return (this.entries = []);
    const grid = await this.wb.read(LOG_SHEET);
    this.height = grid.length;
    this.entries = decode(grid);
    return this.entries;
  }

  /** Appends entries in one call (the sheet is made, very hidden, on first use). */
  async append(entries: LogEntry[]): Promise<void> {
    const existing = await this.read();
    const made = await this.wb.ensureSheet(LOG_SHEET, { visibility: 'very' });
    const fresh = made || this.height === 0;
    const rows: Grid = fresh ? [['entry', 'part', 'json']] : [];
    let n = existing.length;
    for (const e of entries) {
      const json = JSON.stringify(e);
      for (let part = 0, at = 0; at < json.length || part === 0; part++, at += CHUNK) rows.push([`${e.batch}#${n}`, part, json.slice(at, at + CHUNK)]);
      n++;
    }
    // Entry keys carry their position, so that two entries of one batch never share their parts.
    if (fresh) await this.wb.write(LOG_SHEET, 0, 0, rows);
    else await this.wb.append(LOG_SHEET, rows);
    this.height += rows.length;
    this.entries = [...existing, ...entries];
  }

  async batch(id: string): Promise<LogEntry[]> {
    return (await this.read()).filter((e) => e.batch === id);
  }

  async summaries(): Promise<BatchSummary[]> {
    const by = new Map<string, LogEntry[]>();
    for (const e of await this.read()) (by.get(e.batch) ?? by.set(e.batch, []).get(e.batch)!).push(e);
    const out: BatchSummary[] = [];
    for (const [batch, list] of by) {
      const s = summarize(batch, list);
      if (s) out.push(s);
    }
    return out.sort((a, b) => b.started - a.started || (a.batch < b.batch ? 1 : -1));
  }
}

export function summarize(batch: string, list: readonly LogEntry[]): BatchSummary | undefined {
  const start = list.find((e) => e.kind === 'start');
  if (!start || start.kind !== 'start') return undefined;
  const created: Record<string, number> = {};
  const updated: Record<string, number> = {};
  const ranges: [number, number][] = [];
  for (const e of list) {
    if (e.kind !== 'chunk') continue;
    ranges.push([e.firstRow, e.firstRow + e.rows]);
    for (const [d, c] of Object.entries(e.created)) created[d] = (created[d] ?? 0) + c.records.length;
    for (const [d, u] of Object.entries(e.updated)) updated[d] = (updated[d] ?? 0) + u.length;
  }
  // Rows covered, counted once: a resumed import may send a chunk again.
  ranges.sort((a, b) => a[0] - b[0]);
  let applied = 0;
  let reach = -Infinity;
  for (const [from, to] of ranges) {
    const start = Math.max(from, reach);
    if (to > start) applied += to - start;
    reach = Math.max(reach, to);
  }
  const undone = list.some((e) => e.kind === 'undo');
  const chunks = list.filter((e) => e.kind === 'chunk').length;
  const done = list.filter((e) => e.kind === 'done').length;
  return {
    batch,
    directory: start.directory,
    ...(start.name ? { name: start.name } : {}),
    user: start.user,
    started: start.started,
    status: undone ? 'undone' : applied >= start.totalRows && done === chunks ? 'complete' : 'incomplete',
    appliedRows: applied,
    totalRows: start.totalRows,
    nextRow: ranges.length ? reach : 2,
    created,
    updated,
  };
}

function decode(grid: Grid): LogEntry[] {
  const parts = new Map<string, string[]>();
  const order: string[] = [];
  for (let r = 1; r < grid.length; r++) {
    const [key, part, chunk] = grid[r]!;
    if (key === null || key === '') continue;
    const k = String(key);
    let list = parts.get(k);
    if (!list) {
      parts.set(k, (list = []));
      order.push(k);
    }
    list[Number(part)] = chunk === null ? '' : String(chunk);
  }
  const out: LogEntry[] = [];
  for (const k of order) {
    try {
      out.push(JSON.parse(parts.get(k)!.join('')) as LogEntry);
    } catch {
      // A damaged entry (edited by hand) is left out; the batch then reads as incomplete.
    }
  }
  return out;
}
