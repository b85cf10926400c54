/**
 * An import's rows cut into the pieces `import.apply` receives one call at a time (issue 10).
 * Each host has its own ceiling: Excel on the web refuses a payload over 5 MB, each
 * `google.script.run` call must end well inside Apps Script's 6-minute limit, and the local
 * server refuses a request body over 1 MB. A chunk is therefore capped both in rows (time) and in
 * bytes of JSON (payload); the header row travels with every chunk, so each is a table of its own.
 */

import type { SourceTable } from '../core/import/source-types.js';
import type { Cell } from '../core/workbook.js';

export interface ChunkLimits {
  /** Data rows per chunk at most. */
  maxRows: number;
  /** UTF-8 bytes of JSON per chunk at most (header included); a single row over it gets a chunk of its own. */
  maxBytes: number;
}

export interface Chunk {
  /** The file's row number of the chunk's first data row (the header is row 1). */
  firstRow: number;
  rows: Cell[][];
}

/**
 * What every host's request carries well under its ceiling. 2,000 rows take a few seconds to plan
 * and write in Apps Script; 900 KB leaves the local server's 1 MB limit room for the mapping and
 * options sent beside the rows, and is far under Excel's 5 MB.
 */
export const CHUNK_LIMITS: ChunkLimits = { maxRows: 2_000, maxBytes: 900 * 1024 };

/** Bytes `s` takes in UTF-8, without encoding it (a 7 MB file is measured row by row). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // A surrogate pair is one character of 4 bytes: 2 for each half.
    else if (c >= 0xd800 && c <= 0xdfff) n += 2;
    else n += 3;
  }
  return n;
}

/** A row's size as an element of the chunk's JSON array, its separating comma included. */
function rowBytes(row: readonly Cell[]): number {
  return utf8Length(JSON.stringify(row)) + 1;
}

/** The table's rows in order, cut where either limit would be passed; no rows, no chunks. */
export function chunksOf(table: Pick<SourceTable, 'header' | 'rows' | 'firstRow'>, limits: ChunkLimits): Chunk[] {
  const headerBytes = rowBytes(table.header) + 2;
  const chunks: Chunk[] = [];
  let start = 0;
  let bytes = headerBytes;
  for (let i = 0; i < table.rows.length; i++) {
    const size = rowBytes(table.rows[i]!);
    const count = i - start;
    if (count > 0 && (count >= limits.maxRows || bytes + size > limits.maxBytes)) {
      chunks.push({ firstRow: table.firstRow + start, rows: table.rows.slice(start, i) });
      start = i;
      bytes = headerBytes;
    }
    bytes += size;
  }
  if (start < table.rows.length) chunks.push({ firstRow: table.firstRow + start, rows: table.rows.slice(start) });
  return chunks;
}
