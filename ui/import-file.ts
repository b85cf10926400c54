/**
 * A file picked on the Import screen, read in the browser: the add-ins' core runs beside the
 * task pane or on a server that never sees the file, so its bytes become a source here. An
 * .xlsx is read by the core's host-free reader, inflated by the browser's own
 * DecompressionStream; a text file is decoded in the encoding detected (or the one picked). A
 * file over the import's limit is refused from its size, before it is read.
 */

import { fileFormat, refuseLargeFile, textFile, xlsxFile, type ImportFile, type ReadFileOptions } from '../core/import/source-file.js';
import { readXlsxRows } from '../core/import/xlsx-rows.js';

export type { ImportFile } from '../core/import/source-file.js';

export async function readImportFile(file: File, options: ReadFileOptions = {}): Promise<ImportFile> {
  refuseLargeFile(file.name, file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (fileFormat(bytes) === 'xlsx') return xlsxFile(await readXlsxRows(bytes, inflateRaw, options.sheet, file.name), file.name);
  return textFile(bytes, file.name, options.encoding);
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  // A copy: Blob wants bytes over a plain ArrayBuffer, and `data` is a view into the archive.
  const stream = new Blob([new Uint8Array(data)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
