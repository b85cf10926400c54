/**
 * Excel's limits on one request, the only cases where the number of `context.sync()` calls grows
 * with the data (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins):
 *
 * - Excel on the web refuses a request or a response larger than 5 MB
 *   (`RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`). Writes are cut into
 *   chunks under a budget estimated from the JSON Office.js sends; reads that Excel finds too big
 *   are read again in slices of rows.
 * - On every platform, "a range is limited to 5,000,000 cells for read operations": a bigger read
 *   fails with `RangeExceedsLimit` or, on some desktop builds, answers `null` values
 *   (office-js#4783, office-js#6781; office-js-docs-pr#5821 asks to check the size first). Reads
 *   are cut into row chunks of at most that many cells — one chunk per 5,000,000 cells, not one per
 *   row. On the desktop, where there is no 5 MB limit, this is the limit big sheets meet.
 */

/** Default budget per sync: under 5 MB with room for the request's own envelope. */
export const PAYLOAD_BUDGET = 4_000_000;

/** The error codes Excel on the web uses for an oversized request or response. */
export const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

/** Cells one read may cover. */
export const READ_CELL_LIMIT = 5_000_000;

/** "The cell count in the range has exceeded the maximum supported number" (Excel.ErrorCodes). */
export const CELL_LIMIT_ERROR = 'RangeExceedsLimit';

/** Rows of a `columns`-wide range one read may cover. */
export function rowsPerRead(columns: number): number {
  return Math.max(1, Math.floor(READ_CELL_LIMIT / Math.max(1, columns)));
}

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
