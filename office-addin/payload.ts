/**
 * Excel on the web refuses a request or a response larger than 5 MB
 * (`RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`). Writes are cut into
 * chunks under a budget estimated from the JSON Office.js sends; that is the only case where the
 * number of `context.sync()` calls grows with the data.
 */

/** Default budget per sync: under 5 MB with room for the request's own envelope. */
export const PAYLOAD_BUDGET = 4_000_000;

/** The error codes Excel on the web uses for an oversized request or response. */
export const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/** UTF-8 bytes of a string, without allocating an encoded copy. */
export function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** Bytes a cell adds to a JSON array (value plus separator). */
export function cellBytes(v: unknown): number {
  if (v === null || v === undefined) return 5;
  if (typeof v === 'string') return utf8Length(JSON.stringify(v)) + 1;
  return String(v).length + 1;
}

export interface Segment {
  /** Offsets into the grid being cut. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * Cuts a grid of `width` columns into segments whose estimated payload stays under `budget`:
 * whole rows while they fit, and a row that alone is too big into column runs.
 * `rowBytes(r, c0, c1)` estimates the bytes of row r, columns [c0, c1).
 */
export function segments(
  height: number,
  width: number,
  rowBytes: (row: number, from: number, to: number) => number,
  budget: number,
): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let size = 0;
  const flush = (end: number) => {
    if (end > start) out.push({ row: start, column: 0, rows: end - start, columns: width });
  };
  for (let r = 0; r < height; r++) {
    const bytes = rowBytes(r, 0, width) + 2;
    if (bytes > budget) {
      flush(r);
      // One row over budget (hundreds of long texts): split it into column runs.
      let c0 = 0;
      let run = 0;
      for (let c = 0; c < width; c++) {
        const b = rowBytes(r, c, c + 1);
        if (run + b > budget && c > c0) {
          out.push({ row: r, column: c0, rows: 1, columns: c - c0 });
          c0 = c;
          run = 0;
        }
        run += b;
      }
      out.push({ row: r, column: c0, rows: 1, columns: width - c0 });
      start = r + 1;
      size = 0;
      continue;
    }
    if (size + bytes > budget && r > start) {
      flush(r);
      start = r;
      size = 0;
    }
    size += bytes;
  }
  flush(height);
  return out;
}
