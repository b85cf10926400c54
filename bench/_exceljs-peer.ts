/**
 * The ExcelJS peer, in a worker thread: in the bench's process (no process start, like a request
 * to the old server) but on its own heap, so that its gigabyte of cell objects neither slows the
 * collections of the Carnet server measured beside it nor is slowed by them.
 *
 * - `readWrite`: what every write command cost when the local host was ExcelJS: read the whole
 *   file, write the whole file.
 * - `load` then `grids`: what a read command cost with the workbook held in memory: the grid of
 *   every sheet it reads rebuilt from ExcelJS's cells, as the old `XlsxWorkbook.read` did
 *   (local/xlsx/cells.ts `toCell`/`scan` and `read` before commit cfab76d, copied below).
 * - `sheetsRead`: which sheets a command reads, found by running it over the current host with
 *   the port's `read` recorded, so the peer rebuilds exactly those.
 */

import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { serialFromUtcDate } from '../core/dates.js';
import type { Cell, Grid } from '../core/workbook.js';
import { settle, time } from './_timing.js';

type Request =
  | { op: 'readWrite'; from: string; to: string }
  | { op: 'load'; file: string }
  | { op: 'grids'; sheets: string[] }
  | { op: 'unload' }
  | { op: 'sheetsRead'; file: string; command: string; input: unknown };

export interface PeerWorker {
  /** Read then write the whole file; the time of each half. */
  readWrite(from: string, to: string): Promise<{ read: number; write: number }>;
  /** Read the file into a workbook held in the worker; the time it took. */
  load(file: string): Promise<number>;
  /** Rebuild the grids of these sheets from the held workbook; the time and the cells made. */
  grids(sheets: string[]): Promise<{ ms: number; cells: number }>;
  unload(): Promise<void>;
  sheetsRead(file: string, command: string, input: unknown): Promise<string[]>;
  close(): Promise<void>;
}

export async function startPeerWorker(): Promise<PeerWorker> {
  // Workers do not inherit tsx's loader (Node 20): register it in the worker, then load this file.
  const tsx = import.meta.resolve('tsx/esm/api');
  const self = import.meta.url;
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); })`, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: 16_384 },
  });
  let pending: { resolve: (v: unknown) => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  await ready;
  worker.on('message', (m: { ok: true; value: unknown } | { ok: false; error: string }) => {
    const p = pending;
    pending = undefined;
    if (m.ok) p?.resolve(m.value);
    else p?.reject(new Error(m.error));
  });
  worker.on('error', (e) => pending?.reject(e));
  const ask = <T>(req: Request) =>
    new Promise<T>((resolve, reject) => {
      if (pending) throw new Error('one request at a time');
      pending = { resolve: resolve as (v: unknown) => void, reject };
      worker.postMessage(req);
    });
  return {
    readWrite: (from, to) => ask({ op: 'readWrite', from, to }),
    load: (file) => ask({ op: 'load', file }),
    grids: (sheets) => ask({ op: 'grids', sheets }),
    unload: () => ask({ op: 'unload' }),
    sheetsRead: (file, command, input) => ask({ op: 'sheetsRead', file, command, input }),
    close: async () => {
      await worker.terminate();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The old host's reading, as it was (see the header).

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : serialFromUtcDate(value);
  if ('error' in value) return value.error;
  if ('richText' in value) return toCell(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result !== undefined) return toCell(value.result);
    const f = 'formula' in value ? value.formula : undefined;
    if (typeof f === 'string' && /^(TRUE|FALSE)\(\)$/i.test(f.trim())) return f.trim().toUpperCase() === 'TRUE()';
    return null;
  }
  if ('text' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return toCell(text);
    if (text && typeof text === 'object' && 'richText' in text) return toCell(text as ExcelJS.CellRichTextValue);
  }
  return null;
}

function scan(ws: ExcelJS.Worksheet): { cells: Cell[][]; rows: number; columns: number } {
  const cells: Cell[][] = [];
  let rows = 0;
  let columns = 0;
  ws.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const v = toCell(cell.value);
      if (v === null) return;
      if (rowNumber > rows) rows = rowNumber;
      if (colNumber > columns) columns = colNumber;
      (cells[rowNumber - 1] ??= [])[colNumber - 1] = v;
    });
  });
  return { cells, rows, columns };
}

function read(book: ExcelJS.Workbook, sheet: string): Grid {
  const ws = book.worksheets.find((w) => w.name.toLowerCase() === sheet.toLowerCase());
  if (!ws) return [];
  const { cells, rows, columns } = scan(ws);
  const out: Grid = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const src = cells[r];
    const row: Cell[] = new Array(columns).fill(null);
    if (src) for (let c = 0; c < src.length; c++) if (src[c] !== undefined) row[c] = src[c]!;
    out[r] = row;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The worker's side.

let held: ExcelJS.Workbook | undefined;

async function serve(req: Request): Promise<unknown> {
  switch (req.op) {
    case 'readWrite': {
      const book = new ExcelJS.Workbook();
      const r = await time(() => book.xlsx.readFile(req.from));
      const w = await time(() => book.xlsx.writeFile(req.to));
      return { read: r.ms, write: w.ms };
    }
    case 'load': {
      held = undefined;
      settle();
      const book = new ExcelJS.Workbook();
      const { ms } = await time(() => book.xlsx.readFile(req.file));
      held = book;
      return ms;
    }
    case 'grids': {
      if (!held) throw new Error('nothing loaded');
      const book = held;
      let cells = 0;
      const { ms } = await time(async () => {
        for (const s of req.sheets) for (const row of read(book, s)) cells += row.length;
      });
      return { ms, cells };
    }
    case 'unload':
      held = undefined;
      settle();
      return undefined;
    case 'sheetsRead':
      return sheetsRead(req.file, req.command, req.input);
  }
}

async function sheetsRead(file: string, command: string, input: unknown): Promise<string[]> {
  const { XlsxWorkbook } = await import('../local/xlsx-workbook.js');
  const { localContext } = await import('../local/context.js');
  const { dispatch } = await import('../core/app/registry.js');
  const xlsx = await XlsxWorkbook.open(file);
  const sheets = new Set<string>();
  const wb = new Proxy(xlsx, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (prop === 'read') {
        return (sheet: string) => {
          sheets.add(sheet);
          return target.read(sheet);
        };
      }
      return (v as (...a: unknown[]) => unknown).bind(target);
    },
  });
  const out = await xlsx.transaction(() => dispatch({ ...localContext(xlsx), wb }, command, input));
  if (!out.ok) throw new Error(`${command}: ${out.error.message}`);
  return [...sheets];
}

if (!isMainThread) {
  const port = parentPort!;
  port.on('message', (req: Request) => {
    serve(req).then(
      (value) => port.postMessage({ ok: true, value }),
      (e: unknown) => port.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
  port.postMessage('ready');
}
