/**
 * A file named to `carnet import`, read on this machine: an .xlsx through ExcelJS (the CLI has
 * it already), anything else as text in the encoding detected or given. The size is checked
 * from the file's stat before it is read, so a 2 GB log named by mistake costs nothing.
 *
 * ExcelJS gives cells as JS values: a date as a Date at UTC wall clock (made a serial, as Carnet
 * keeps dates), rich text as runs (joined), a formula as its formula and cached result (the
 * result), a hyperlink as its text and address (the text), an error as its code (#N/A, as
 * text). A merged range's value is its first cell's; ExcelJS repeats it in every cell of the
 * range, which would make a merged title look like a header of identical names, so only the
 * first cell keeps it, as in the browser's reader (core/import/xlsx-rows.ts).
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { serialFromUtcDate } from '../../core/dates.js';
import { CarnetError, fail } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import { fileFormat, refuseLargeFile, textFile, xlsxFile, type ImportFile, type ReadFileOptions } from '../../core/import/source-file.js';
import { notXlsx, unknownSheetMessage, xlsxParts, type XlsxRows } from '../../core/import/xlsx-rows.js';
import type { Cell } from '../../core/workbook.js';
import { describeFsError, errorCode } from '../save/fs-errors.js';

export type { ImportFile } from '../../core/import/source-file.js';

export async function readImportFile(file: string, options: ReadFileOptions = {}): Promise<ImportFile> {
  const name = path.basename(file);
  const bytes = await readChecked(file, name);
  if (fileFormat(bytes) === 'xlsx') return xlsxFile(await xlsxRows(bytes, name, options.sheet), name);
  return textFile(bytes, name, options.encoding);
}

/** The file's bytes, read through one handle after its stat said it is a file of an importable size. */
async function readChecked(file: string, name: string): Promise<Uint8Array> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) fail({ code: 'E_FILE', value: file, message: say('{path} is a folder, not a file to import.', { path: file }) });
      refuseLargeFile(name, stats.size);
      const buffer = await handle.readFile();
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CarnetError) throw error;
    if (errorCode(error) === 'ENOENT') fail({ code: 'E_FILE', value: file, message: say('No such file: {path}', { path: file }) });
    if (errorCode(error) === 'EISDIR') fail({ code: 'E_FILE', value: file, message: say('{path} is a folder, not a file to import.', { path: file }) });
    return fail({ code: 'E_FILE', value: file, message: say('Cannot read {path}: {reason}', { path: file, reason: describeFsError(error) }) });
  }
}

async function xlsxRows(bytes: Uint8Array, name: string, wanted: string | undefined): Promise<XlsxRows> {
  xlsxParts(bytes, name);
  const book = new ExcelJS.Workbook();
  try {
    // ExcelJS's types want a Node Buffer; the bytes are one already, seen as a Uint8Array.
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    notXlsx(name, error instanceof Error ? error.message : String(error));
  }
  const sheets = book.worksheets;
  if (sheets.length === 0) notXlsx(name, say('it has no worksheet'));
  const names = sheets.map((s) => s.name);
  const sheet =
    wanted === undefined
      ? (sheets.find((s) => s.state === 'visible') ?? sheets[0]!)
      : (sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase()));
  if (!sheet) return fail({ code: 'E_SOURCE', sheet: wanted, message: unknownSheetMessage(name, wanted!, names) });
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const v = cellValue(cell.value);
      if (v !== null) cells[column - 1] = v;
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { sheets: names, sheet: sheet.name, rows };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return serialFromUtcDate(value);
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  return null;
}
