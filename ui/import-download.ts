/**
 * Files the sidebar hands to the person: the rows an import rejected, as a CSV to fix and import
 * again, and an export's bytes. A download is an `<a download>` on a Blob's address; in an add-in
 * frame a browser may block the download, so the screens also show that address as a link.
 */

import type { RowPlan } from '../core/import/types.js';
import type { SourceTable } from '../core/import/source-types.js';
import type { Cell } from '../core/workbook.js';
import { guardCell, unguardCell } from '../core/export/csv-guard.js';
import { writeDelimited } from '../core/export/csv-write.js';

export const CSV_MIME = 'text/csv;charset=utf-8';
/** UTF-8 with a byte-order mark: Excel reads a CSV without one in the computer's code page. */
const BOM = '\uFEFF';

export interface Download {
  url: string;
  fileName: string;
}

/**
 * The rejected rows as the file had them, with a last column saying why, as CSV text: fixed and
 * imported again, the reasons column is simply left unmapped. Each text cell is written as the
 * import read it (a CSV's cell without Carnet's guard, which the import takes off), then guarded,
 * so that the file re-imports to the same values and opens in a spreadsheet as text.
 */
export function rejectedCsv(table: Pick<SourceTable, 'header' | 'rows' | 'firstRow'>, plans: readonly RowPlan[], reasonHeader: string, fromCsv: boolean): string {
  const cell = (v: Cell): Cell => (typeof v === 'string' ? guardCell(fromCsv ? unguardCell(v) : v) : v);
  const out: Cell[][] = [[...table.header, reasonHeader].map(cell)];
  for (const p of plans) {
    if (p.outcome !== 'reject') continue;
    const row = table.rows[p.row - table.firstRow];
    if (!row) continue;
    const why = p.reason ?? p.problems?.map((x) => x.message).join('; ') ?? '';
    out.push([...row, why].map(cell));
  }
  return BOM + writeDelimited(out);
}

/** A Blob's address for bytes or text; the caller releases it (`URL.revokeObjectURL`) when done. */
export function blobDownload(content: BlobPart, fileName: string, mime: string): Download {
  return { url: URL.createObjectURL(new Blob([content], { type: mime })), fileName };
}

/**
 * Where a download link points: this frame, whatever the page's `<base target>` says (the Google
 * sidebar sends links to the top window, which cannot open this frame's Blob).
 */
export const DOWNLOAD_TARGET = '_self';

/** Starts the download at once where the frame allows it (the link stays shown where it does not). */
export function startDownload(d: Download): void {
  const a = document.createElement('a');
  a.href = d.url;
  a.download = d.fileName;
  a.target = DOWNLOAD_TARGET;
  a.style.display = 'none';
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
  }
}

/** Base64 (as `export.file` returns a file) to bytes. */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
