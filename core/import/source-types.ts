/**
 * What an import reads: a table of text cells with its header, however it arrived. Bytes are
 * decoded where they arrive (the browser for the add-ins, Node for the CLI: both have a WHATWG
 * TextDecoder), so core receives text (a CSV, TSV, pasted table) or rows (a sheet of an XLSX).
 */

import type { Cell } from '../workbook.js';

/** Delimited text: a CSV/TSV/TXT file's decoded content, or text pasted from any table. */
export interface TextSource {
  kind: 'text';
  text: string;
  /** The file's name, for messages and the saved mapping; absent when pasted. */
  name?: string;
  /** The encoding the bytes were decoded with (shown in the report; decoding happened before). */
  encoding?: string;
}

/** A sheet already read into cells (an XLSX's first sheet, or the one the user picked). */
export interface RowsSource {
  kind: 'rows';
  rows: Cell[][];
  name?: string;
  sheet?: string;
}

export type ImportSource = TextSource | RowsSource;

/** What the user may force; everything absent is detected. */
export interface ParseOptions {
  /** One character: `,` `;` `\t` `|`. */
  delimiter?: string;
  /** `"` or `'`. */
  quote?: string;
  /** false: the first row is data (columns are then called "Column 1", "Column 2"…). */
  header?: boolean;
}

/** A source read as a table. */
export interface SourceTable {
  /** Column names: the header row, or "Column N" when the first row is data. */
  header: string[];
  /** Data rows, each padded or cut to the header's width (ragged rows are refused before). */
  rows: Cell[][];
  /** The file's row number (1-based, as a spreadsheet would show it) of `rows[i]` is `firstRow + i`. */
  firstRow: number;
  /** What was used, detected or given: shown so the user can override it. */
  delimiter?: string;
  quote?: string;
  hasHeader: boolean;
  /** How each was decided, for the preview ("detected", "given"). */
  detected: { delimiter?: boolean; quote?: boolean; header: boolean };
}

/** The largest source an import accepts, in characters of text (≈ bytes of a UTF-8 file). */
export const MAX_SOURCE_CHARS = 100 * 1024 * 1024;
/** And in rows. */
export const MAX_SOURCE_ROWS = 1_000_000;
