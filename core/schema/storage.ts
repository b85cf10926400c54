/**
 * Carnet's own data in the workbook: the very hidden `_carnet` sheet.
 *
 * One row per chunk: `key | part | json`. Values are JSON documents split under the 32,767
 * character limit of an Excel cell (Google Sheets allows 50,000). The sheet is read once per command and
 * rewritten in one call when something changes.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { Cell, Grid, Workbook } from '../workbook.js';
import { checkStoredCounters, checkStoredSchema } from './stored-shape.js';
import type { Schema } from './types.js';

export const META_SHEET = '_carnet';
/** Under Excel's 32,767-character cell limit (Google Sheets allows 50,000). */
const CHUNK = 30_000;
const HEADER: Cell[] = ['key', 'part', 'json'];
export const META_VERSION = 1;

/** Everything Carnet keeps beside the directories. Later issues add reports, rights, templates. */
export interface Meta {
  version: number;
  schema: Schema;
  /** Last id number handed out per directory key: ids are never reused, even after a delete. */
  counters: Record<string, number>;
  /** Keys this version does not know are kept as they are, so an older Carnet never drops them. */
  extra: Record<string, unknown>;
}

const KNOWN = new Set(['version', 'schema', 'counters']);

export function encodeMeta(meta: Meta): Grid {
  const docs: [string, unknown][] = [
    ['version', meta.version],
    ['schema', meta.schema],
    ['counters', meta.counters],
    ...Object.entries(meta.extra),
  ];
  const grid: Grid = [HEADER];
  for (const [key, value] of docs) {
    const json = JSON.stringify(value);
    for (let part = 0, at = 0; at < json.length || part === 0; part++, at += CHUNK) {
      grid.push([key, part, json.slice(at, at + CHUNK)]);
    }
  }
  return grid;
}

/** `undefined` when the grid is empty (no Carnet here); E_CORRUPT when it cannot be read. */
export function decodeMeta(grid: Grid): Meta | undefined {
  if (grid.length === 0) return undefined;
  const parts = new Map<string, string[]>();
  for (let r = 1; r < grid.length; r++) {
    const [key, part, chunk] = grid[r]!;
    if (key === null || key === '') continue;
    const list = parts.get(String(key)) ?? [];
    list[Number(part)] = chunk === null ? '' : String(chunk);
    parts.set(String(key), list);
  }
  const docs: Record<string, unknown> = {};
  for (const [key, list] of parts) {
    try {
      docs[key] = JSON.parse(list.join(''));
    } catch (e) {
      fail({
        code: 'E_CORRUPT',
        sheet: META_SHEET,
        field: key,
        message: say('Carnet\'s settings sheet "{sheet}" is damaged: entry "{key}" is not valid JSON ({reason}). Restore it from the backup or version history.', { sheet: META_SHEET, key, reason: (e as Error).message }),
      });
    }
  }
  const schema = docs.schema as Schema | undefined;
  if (!schema) {
    fail({ code: 'E_CORRUPT', sheet: META_SHEET, field: 'schema', message: say('Carnet\'s settings sheet "{sheet}" has no schema.', { sheet: META_SHEET }) });
  }
  const version = typeof docs.version === 'number' ? docs.version : 1;
  if (version > META_VERSION) {
    fail({
      code: 'E_CORRUPT',
      sheet: META_SHEET,
      message: say('This workbook was saved by a newer Carnet (format {version}; this one reads up to {supported}). Update Carnet.', { version, supported: META_VERSION }),
    });
  }
  checkStoredSchema(schema);
  checkStoredCounters(docs.counters);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(docs)) if (!KNOWN.has(k)) extra[k] = v;
  return { version, schema, counters: (docs.counters as Record<string, number>) ?? {}, extra };
}

/** Reads and writes the meta sheet, remembering its height so a shorter rewrite clears old rows. */
export class MetaStore {
  private height = 0;
  constructor(private readonly wb: Workbook) {}

  /** One read. */
  async load(): Promise<Meta | undefined> {
    const grid = await this.wb.read(META_SHEET);
    this.height = grid.length;
    return decodeMeta(grid);
  }

  /** Loads, or fails with E_NOT_CARNET. */
  async require(): Promise<Meta> {
    const meta = await this.load();
    if (!meta) {
      fail({
        code: 'E_NOT_CARNET',
        message: say('This workbook has no Carnet CRM in it (no _carnet sheet). Create one with `carnet init` or set it up from the menu.'),
      });
    }
    return meta;
  }

  /** One write (plus ensureSheet the first time). */
  async save(meta: Meta): Promise<void> {
    const grid = encodeMeta(meta);
    if (this.height === 0) await this.wb.ensureSheet(META_SHEET, { visibility: 'very' });
    while (grid.length < this.height) grid.push([null, null, null]);
    await this.wb.write(META_SHEET, 0, 0, grid);
    this.height = grid.length;
  }
}
