/**
 * What the two file readers share (ui/import-file.ts in the browser, local/import/read-file.ts
 * for the CLI): the size refused before a byte is read, which reader a file's bytes call for,
 * and a text file's bytes made a TextSource with its encoding. The format is told by the bytes,
 * not the name: web apps save CSV and tab-separated text as ".xls", people rename an .xlsx
 * ".csv"; both then read as what they are.
 */

import { fail } from '../errors.js';
import { grouped, say } from '../messages/say.js';
import { decodeBytes, detectEncoding, knownEncoding, type EncodingDetection, type KnownEncoding } from './encoding.js';
import { MAX_SOURCE_CHARS, type ImportSource, type TextSource } from './source-types.js';
import type { XlsxRows } from './xlsx-rows.js';

export interface ImportFile {
  source: ImportSource;
  /** A text file's encoding: what detection found (each candidate with a sample), and the one used. */
  encoding?: EncodingDetection & { used: KnownEncoding };
  /** An .xlsx file's worksheets, for a person to pick another. */
  sheets?: string[];
}

export interface ReadFileOptions {
  /** Decode a text file in this encoding rather than the one detected. */
  encoding?: string;
  /** Read this sheet of an .xlsx rather than its first visible one. */
  sheet?: string;
}

const megabytes = (n: number) => say('{size} MB', { size: +(n / 2 ** 20).toFixed(1) });

/** E_SOURCE when a file is larger than an import reads (its bytes: a UTF-8 file has at least as many as characters). */
export function refuseLargeFile(name: string, size: number): void {
  if (size <= MAX_SOURCE_CHARS) return;
  fail({
    code: 'E_SOURCE',
    value: size,
    message: say('{file} is {size} ({bytes} bytes); an import reads files of at most {most} ({mostBytes} bytes). Split it into smaller files.', {
      file: name,
      size: megabytes(size),
      bytes: grouped(size),
      most: megabytes(MAX_SOURCE_CHARS),
      mostBytes: grouped(MAX_SOURCE_CHARS),
    }),
  });
}

/**
 * 'xlsx' for a zip archive or an OLE2 compound file (an .xlsx; the xlsx reader names other zips,
 * and refuses an old .xls), 'text' otherwise (binary that is neither is refused by the text
 * reader, with its reason).
 */
export function fileFormat(bytes: Uint8Array): 'xlsx' | 'text' {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  return starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06) || starts(0xd0, 0xcf, 0x11, 0xe0) ? 'xlsx' : 'text';
}

/** A text file's bytes as a TextSource, decoded in `encoding` or, absent, the one detected. */
export function textFile(bytes: Uint8Array, name: string, encoding?: string): ImportFile {
  const detected = detectEncoding(bytes);
  const used = encoding === undefined ? detected.encoding : knownEncoding(encoding);
  const source: TextSource = { kind: 'text', text: decodeBytes(bytes, used), name, encoding: used };
  return { source, encoding: { ...detected, used } };
}

/** An .xlsx sheet's rows as a RowsSource. */
export function xlsxFile(read: XlsxRows, name: string): ImportFile {
  return { source: { kind: 'rows', rows: read.rows, name, sheet: read.sheet }, sheets: read.sheets };
}
