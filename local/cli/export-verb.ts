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
  if (!format) fail({ code: 'E_BAD_INPUT', value: out, message: `${out}: the file name must end in .csv, .tsv or .xlsx (the format is taken from it).` });
  return format;
}

function encodingOf(name: string | undefined): ExportEncoding | undefined {
  if (name === undefined) return undefined;
  const found = encodingNamed(name);
  if (!found) fail({ code: 'E_BAD_INPUT', field: '--encoding', value: name, message: `--encoding must be one of ${EXPORT_ENCODINGS.join(', ')} (or cp1251, cp866, latin1…); got "${name}".` });
  return found;
}

/** The workbook itself must never be the export's target: that would replace the CRM by a copy of one list. */
async function refuseWorkbook(out: string, workbook: string): Promise<void> {
  const real = async (p: string) => fs.realpath(p).catch(() => nodePath.resolve(p));
  if ((await real(out)) === (await real(workbook))) {
    fail({ code: 'E_BAD_INPUT', value: out, message: `${out} is the workbook itself; name another file for the export.` });
  }
}

async function writeWhole(out: string, bytes: Uint8Array): Promise<void> {
  const { temp } = saveTempPaths(nodePath.resolve(out));
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.rename(temp, out);
  } catch (error) {
    await fs.rm(temp, { force: true });
    fail({ code: 'E_FILE', value: out, message: `Cannot write ${out}: ${describeFsError(error)}. Nothing was written.` });
  }
}

/** "UTF-8 with BOM, comma", "Windows-1251, semicolon", "XLSX". */
function how(r: Exported): string {
  if (!r.encoding) return 'XLSX';
  const bom = r.encoding.startsWith('utf-') ? (r.bom ? ' with BOM' : ' without BOM') : '';
  return `${ENCODING_NAMES[r.encoding]}${bom}, ${DELIMITER_WORDS[r.delimiter ?? ','] ?? JSON.stringify(r.delimiter)}`;
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
  const label = schema.directories.find((d) => d.key === r.directory)!.labels[schema.lang];
  const what = r.rows === 1 ? `1 record of ${label}` : `${r.rows.toLocaleString('en-US')} ${label.toLocaleLowerCase()}`;
  const filter = Object.entries(where).map(([f, v]) => `${f}=${v}`).join(', ');
  out.write(`Exported ${what}${filter ? ` where ${filter}` : ''} to ${target.out} (${how(r)}).\n`);
  return 0;
}
