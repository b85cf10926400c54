/**
 * The file on disk: opening and recognising an .xlsx, the parts ExcelJS would lose, turning the
 * workbook into bytes, and saving atomically with a `.bak` of the previous version.
 */

import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import nodePath from 'node:path';
import ExcelJS from 'exceljs';
import { CarnetError } from '../../core/errors.js';
import { describeFsError, errorCode } from '../file-lock.js';
import { escapeXString, NEEDS_ESCAPE } from './cells.js';
import { fail } from './errors.js';
import { keepActiveTabVisible } from './sheets.js';
import { compactValidations } from './validations.js';

export interface DiskStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

interface Loaded {
  book: ExcelJS.Workbook;
  /** See XlsxWorkbook.wouldLose. */
  unsupported: string[];
}

export async function loadFile(path: string): Promise<Loaded & { stamp: DiskStamp }> {
  let buffer: Buffer;
  let stats: Stats;
  try {
    // Stat and read through one handle: the stamp then describes exactly the bytes we parsed, even
    // if another process renames a new version in between.
    const handle = await fs.open(path, 'r');
    try {
      stats = await handle.stat();
      if (stats.isDirectory()) fail(`${path} is a directory, not an .xlsx workbook`);
      buffer = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CarnetError) throw error;
    if (errorCode(error) === 'ENOENT') fail(`No such file: ${path}`);
    if (errorCode(error) === 'EISDIR') fail(`${path} is a directory, not an .xlsx workbook`);
    fail(`Cannot read ${path}: ${describeFsError(error)}`);
  }
  return { ...(await parseXlsx(path, buffer)), stamp: stampOf(stats) };
}

export async function parseXlsx(path: string, buffer: Buffer): Promise<Loaded> {
  const notXlsx = (why: string): never => fail(`${path} is not an .xlsx workbook (${why})`);
  if (buffer.length === 0) notXlsx('the file is empty');
  // OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password (Excel wraps those).
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    notXlsx('it is an old .xls file or a password-protected workbook');
  }
  const magic = buffer.subarray(0, 4).toString('latin1');
  if (magic !== 'PK\x03\x04' && magic !== 'PK\x05\x06') notXlsx('not a zip archive');
  // ExcelJS loads any zip without complaint (and finds no sheets): look for the part it needs.
  // Entry names are stored uncompressed, so the bytes contain the name when the entry exists.
  if (!buffer.includes('xl/workbook.xml')) notXlsx('a zip archive without xl/workbook.xml');
  const book = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings want its own Buffer declaration (an ArrayBuffer); a Node Buffer is what it reads.
    await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    notXlsx(`damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const ws of book.worksheets) compactValidations(ws);
  const unsupported = UNSUPPORTED_PARTS.filter(([part]) => buffer.includes(part)).map(([, what]) => what);
  return { book, unsupported };
}

/**
 * Zip entries ExcelJS 4.4 does not read, so that writing the workbook back deletes them. Entry
 * names are stored uncompressed, so looking for them in the bytes is enough.
 */
const UNSUPPORTED_PARTS: [string, string][] = [
  ['xl/charts/', 'charts'],
  ['xl/chartsheets/', 'chart sheets'],
  ['xl/pivotTables/', 'pivot tables'],
  ['xl/slicers/', 'slicers'],
  ['xl/timelines/', 'timelines'],
  ['xl/vbaProject.bin', 'macros'],
  ['xl/externalLinks/', 'links to other workbooks'],
  ['xl/threadedComments/', 'threaded comments'],
];

export function listInWords(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Writes the workbook over `path` atomically (temp file, fsync, `<path>.bak`, rename; see
 * XlsxWorkbook) and returns the stamp of the file written.
 */
export async function writeAtomically(path: string, book: ExcelJS.Workbook): Promise<DiskStamp> {
  const target = nodePath.resolve(path);
  const dir = nodePath.dirname(target);
  const base = nodePath.basename(target);
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temp = nodePath.join(dir, `.${base}.${tag}.tmp`);
  const bak = `${target}.bak`;
  const bakTemp = nodePath.join(dir, `.${base}.${tag}.bak.tmp`);
  try {
    const buffer = await serialize(book);
    const previous = await statOrUndefined(target);
    const handle = await fs.open(temp, 'wx', previous ? previous.mode & 0o777 : 0o666);
    try {
      await handle.writeFile(buffer);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (previous) {
      // A hard link keeps the previous version for free, since the rename below gives the path a
      // new inode; file systems without links (FAT, some shares) get a copy.
      await fs.link(target, bakTemp).catch(() => fs.copyFile(target, bakTemp));
      await fs.rename(bakTemp, bak);
    }
    await renameWithRetry(temp, target);
    await syncDirectory(dir);
  } catch (error) {
    await fs.rm(temp, { force: true });
    await fs.rm(bakTemp, { force: true });
    // Name the file at fault when it is not the workbook itself (a `.bak` turned into a folder…).
    const culprit = [errorField(error, 'dest'), errorField(error, 'path')].find(
      (p) => p !== undefined && p !== temp && p !== bakTemp && p !== target,
    );
    fail(`Could not save ${path}: ${describeFsError(error)}${culprit ? ` (${culprit})` : ''}`);
  }
  const saved = await fs.stat(target);
  return stampOf(saved);
}

/** The workbook as .xlsx bytes, with strings escaped so that they come back identical. */
export async function serialize(book: ExcelJS.Workbook): Promise<Buffer> {
  // ExcelJS writes strings raw into XML: a CR comes back as LF (XML end-of-line normalisation),
  // other control characters are dropped, and a literal `_x000D_` is decoded as CR on load.
  // OOXML's escape (`_xHHHH_`, `_x005F_` for the underscore) fixes all three; it is applied only
  // for the write and undone after, so reads in memory keep seeing the original text.
  const restore: [ExcelJS.Cell, string][] = [];
  for (const ws of book.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string' && NEEDS_ESCAPE.test(v)) {
          restore.push([cell, v]);
          cell.value = escapeXString(v);
        }
      }),
    );
  }
  keepActiveTabVisible(book);
  try {
    return Buffer.from(await book.xlsx.writeBuffer());
  } finally {
    for (const [cell, v] of restore) cell.value = v;
  }
}

function stampOf(s: Stats): DiskStamp {
  return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
}

export function sameStamp(a: DiskStamp, s: Stats): boolean {
  return a.ino === s.ino && a.size === s.size && a.mtimeMs === s.mtimeMs;
}

export async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    fail(`Cannot read ${path}: ${describeFsError(error)}`);
  }
}

/** Windows refuses to replace a file another program holds open for a moment (antivirus, indexer). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (attempt >= 10 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
    }
  }
}

/** Makes the rename itself durable; not possible (nor needed) on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function errorField(error: unknown, field: 'path' | 'dest'): string | undefined {
  const v = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : undefined;
}
