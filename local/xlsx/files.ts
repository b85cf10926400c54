/**
 * The file on disk: reading it (stat and bytes through one handle), recognising what is not an
 * .xlsx workbook with a reason a person can act on, and the stamp that tells whether another
 * program saved it since.
 */

import { promises as fs, type Stats } from 'node:fs';
import { CarnetError } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import { stampOf, type DiskStamp } from '../save/atomic.js';
import { describeFsError, errorCode } from '../save/fs-errors.js';
import { fail } from './errors.js';
import { XlsxPackage } from './package.js';
import { ZipFormatError } from './zip/read.js';
import { workbookPath } from './workbook-part.js';

export type { DiskStamp } from '../save/atomic.js';

export async function readFileWithStamp(path: string): Promise<{ buffer: Buffer; stamp: DiskStamp }> {
  try {
    // Stat and read through one handle: the stamp then describes exactly the bytes read, even if
    // another process renames a new version in between.
    const handle = await fs.open(path, 'r');
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) fail(say('{path} is a directory, not an .xlsx workbook', { path }));
      return { buffer: await handle.readFile(), stamp: stampOf(stats) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CarnetError) throw error;
    if (errorCode(error) === 'ENOENT') fail(say('No such file: {path}', { path }));
    if (errorCode(error) === 'EISDIR') fail(say('{path} is a directory, not an .xlsx workbook', { path }));
    fail(say('Cannot read {path}: {reason}', { path, reason: describeFsError(error) }));
  }
}

/** The package in `buffer`, or E_FILE saying why it is not an .xlsx workbook. */
export function openPackage(path: string, buffer: Buffer): XlsxPackage {
  const notXlsx = (why: string): never => fail(say('{path} is not an .xlsx workbook ({reason})', { path, reason: why }));
  if (buffer.length === 0) notXlsx(say('the file is empty'));
  // OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password (Excel wraps those).
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) notXlsx(say('it is an old .xls file or a password-protected workbook'));
  const magic = buffer.subarray(0, 4).toString('latin1');
  if (magic !== 'PK\x03\x04' && magic !== 'PK\x05\x06') notXlsx(say('not a zip archive'));
  let pkg: XlsxPackage;
  try {
    pkg = XlsxPackage.open(buffer);
  } catch (error) {
    if (error instanceof ZipFormatError) notXlsx(say('damaged: {reason}', { reason: error.message }));
    throw error;
  }
  if (pkg.has('xl/workbook.bin')) notXlsx(say('it is a binary .xlsb workbook; save it as .xlsx first'));
  let main: string | undefined;
  try {
    main = pkg.has('[Content_Types].xml') || pkg.has('_rels/.rels') ? workbookPath(pkg) : undefined;
  } catch (error) {
    notXlsx(say('damaged: {reason}', { reason: error instanceof Error ? error.message : String(error) }));
  }
  if (!main || !pkg.has(main)) {
    if (!pkg.has('xl/workbook.xml')) notXlsx(say('a zip archive without xl/workbook.xml'));
    notXlsx(say('damaged: its package relationships do not name the workbook'));
  }
  return pkg;
}


export async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    fail(say('Cannot read {path}: {reason}', { path, reason: describeFsError(error) }));
  }
}

export function listInWords(items: string[]): string {
  return items.length < 2 ? items.join('') : say('{items} and {last}', { items: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
}
