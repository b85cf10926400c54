/**
 * `carnet export <file.xlsx> <directory> <out.csv|tsv|xlsx> [--where field=value]… [--encoding E]
 * [--delimiter D] [--no-bom]`: the `export.file` command, its bytes written to `out`. The format is
 * the out file's extension. The file appears whole or not at all (a temp file beside it, then a
 * rename), so a reader never opens half an export, and an export refused (a character the
 * encoding cannot hold) leaves no file behind.
 */

import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import type { Context } from '../../core/app/command.js';
import { fail } from '../../core/errors.js';
import { decodeBase64 } from '../../core/export/base64.js';
import { ENCODING_NAMES, EXPORT_ENCODINGS, encodingNamed, type ExportEncoding } from '../../core/export/encode.js';
import type { ExportFormat } from '../../core/export/export.js';
import type { Schema } from '../../core/schema/types.js';
import { describeFsError } from '../save/fs-errors.js';
import { saveTempPaths } from '../save/names.js';
import type { Call } from './adopt-verb.js';
import { parseAssignments } from './field-spec-arg.js';
import { grouped, named, say } from '../../core/messages/say.js';

export interface ExportArgs {
  where?: string[];
  encoding?: string;
  delimiter?: string;
  'no-bom'?: boolean;
}

interface Exported {
  directory: string;
  fileName: string;
  mime: string;
  base64: string;
  rows: number;
  encoding?: ExportEncoding;
  delimiter?: string;
  bom?: boolean;
}

const FORMATS: Record<string, ExportFormat> = { '.csv': 'csv', '.tsv': 'tsv', '.xlsx': 'xlsx' };
const DELIMITER_NAMES: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t', pipe: '|' };
const DELIMITER_WORDS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function formatOf(out: string): ExportFormat {
  const format = FORMATS[nodePath.extname(out).toLowerCase()];
  if (!format) fail({ code: 'E_BAD_INPUT', value: out, message: say('{file}: the file name must end in .csv, .tsv or .xlsx (the format is taken from it).', { file: out }) });
  return format;
}

function encodingOf(name: string | undefined): ExportEncoding | undefined {
  if (name === undefined) return undefined;
  const found = encodingNamed(name);
  if (!found) fail({ code: 'E_BAD_INPUT', field: '--encoding', value: name, message: say('--encoding must be one of {encodings} (or cp1251, cp866, latin1…); got "{name}".', { encodings: EXPORT_ENCODINGS.join(', '), name }) });
  return found;
}

/** The workbook itself must never be the export's target: that would replace the CRM by a copy of one list. */
async function refuseWorkbook(out: string, workbook: string): Promise<void> {
  const real = async (p: string) => fs.realpath(p).catch(() => nodePath.resolve(p));
  if ((await real(out)) === (await real(workbook))) {
    fail({ code: 'E_BAD_INPUT', value: out, message: say('{file} is the workbook itself; name another file for the export.', { file: out }) });
  }
}

async function writeWhole(out: string, bytes: Uint8Array): Promise<void> {
  const { temp } = saveTempPaths(nodePath.resolve(out));
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.rename(temp, out);
  } catch (error) {
    await fs.rm(temp, { force: true });
    fail({ code: 'E_FILE', value: out, message: say('Cannot write {file}: {reason}. Nothing was written.', { file: out, reason: describeFsError(error) }) });
  }
}

/** "UTF-8 with BOM, comma", "Windows-1251, semicolon", "XLSX". */
function how(r: Exported): string {
  if (!r.encoding) return 'XLSX';
  const encoding = ENCODING_NAMES[r.encoding];
  const named = r.encoding.startsWith('utf-') ? (r.bom ? say('{encoding} with BOM', { encoding }) : say('{encoding} without BOM', { encoding })) : encoding;
  return `${named}, ${delimiterWord(r.delimiter ?? ',')}`;
}

/** The delimiter as a word: comma, semicolon, tab, pipe (or itself, quoted). */
function delimiterWord(d: string): string {
  const word = DELIMITER_WORDS[d];
  return word === 'comma' ? say('comma') : word === 'semicolon' ? say('semicolon') : word === 'tab' ? say('tab') : word === 'pipe' ? say('pipe') : JSON.stringify(d);
}

export async function exportVerb(
  call: Call,
  ctx: Context,
  target: { file: string; directory: string; out: string },
  args: ExportArgs,
  json: boolean,
  out: NodeJS.WritableStream,
): Promise<number> {
  const format = formatOf(target.out);
  await refuseWorkbook(target.out, target.file);
  const where = parseAssignments(args.where, '--where');
  const delimiter = args.delimiter === undefined ? undefined : (DELIMITER_NAMES[args.delimiter.toLowerCase()] ?? args.delimiter);
  const input = {
    directory: target.directory,
    format,
    ...(Object.keys(where).length ? { where } : {}),
    ...(args.encoding !== undefined ? { encoding: encodingOf(args.encoding) } : {}),
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(args['no-bom'] ? { bom: false } : {}),
  };
  const r = (await call(ctx, 'export.file', input)) as Exported;
  await writeWhole(target.out, decodeBase64(r.base64));
  if (json) {
    const { base64: _bytes, ...rest } = r;
    out.write(`${JSON.stringify({ file: target.out, ...rest }, null, 2)}\n`);
    return 0;
  }
  const schema = (await call(ctx, 'schema.get', {})) as Schema;
  const label = named(schema.directories.find((d) => d.key === r.directory)!.labels);
  const what = r.rows === 1 ? say('1 record of {directory}', { directory: label }) : say('{count} {directory}', { count: grouped(r.rows), directory: label.toLocaleLowerCase() });
  const filter = Object.entries(where).map(([f, v]) => `${f}=${v}`).join(', ');
  const to = { what, filter, file: target.out, how: how(r) };
  out.write(`${filter ? say('Exported {what} where {filter} to {file} ({how}).', to) : say('Exported {what} to {file} ({how}).', { what, file: target.out, how: how(r) })}\n`);
  return 0;
}
