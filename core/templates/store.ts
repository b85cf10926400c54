/**
 * Templates stored in the workbook, so the whole team fills the same ones.
 *
 * - The index — name, directory, file-name pattern, size, when and by whom it was uploaded,
 *   whether Carnet made it, and the id of its file — is `templates` in `_carnet`
 *   (`crm.meta.extra.templates`, saved with the rest of the meta).
 * - The bytes are base64 in the very hidden sheet `_carnet_files`, one row per chunk:
 *   `file id | part | base64`, chunks of at most 30,000 characters (under Excel's 32,767-character
 *   cell limit; Google allows 50,000). A 2 MB template is about 94 rows.
 *
 * Port calls are constant but for the bytes: a save is one read of `_carnet_files`, the appends of
 * its rows, one write of `_carnet` and (when it replaces a template) one deletion of old rows; a
 * read is one read. Rows are appended at most 100 a call, 3 MB of text: Excel on the web refuses
 * a request over 5 MB. Its host would cut a bigger call into several syncs itself (under its 4 MB
 * budget, office-addin/payload.ts), but at 3 MB each call is one request with room for its JSON
 * envelope, in every host, and a 10 MB template is 5 calls whatever the host does. Reads past 5 MB
 * are sliced by that host (office-addin/reading.ts).
 *
 * Order makes a failure harmless: the new rows are written first, then the index that points at
 * them, then the old rows are deleted. A save cut short leaves rows no index entry names; the next
 * save or removal deletes such rows. Saves and removals run in `crm.wb.transaction` (joining the
 * command's): open the Crm inside it, as report.save does, so that the index is the latest.
 */

import { fail } from '../errors.js';
import { say, speakingNow } from '../messages/say.js';
import { decodeBase64, encodeBase64 } from '../export/base64.js';
import type { Crm } from '../records/crm.js';
import { fold, requireDirectory } from '../schema/lookup.js';
import type { Cell, Grid, WriteGrid } from '../workbook.js';
import { unzipSync } from 'fflate';
import type { TemplateInfo } from './types.js';

export const FILES_SHEET = '_carnet_files';
const HEADER: Cell[] = ['file', 'part', 'base64'];
/** Characters of base64 per cell: under Excel's 32,767 (Google allows 50,000). */
export const CHUNK = 30_000;
/** Rows per port call: 3 MB of text, under Excel on the web's 5 MB per request. */
export const ROWS_PER_CALL = 100;
export const MAX_BYTES = 10 * 1024 * 1024;
const MAX_NAME = 100;

/** An index entry: what people see, and where the bytes are. */
interface Stored extends TemplateInfo {
  file: string;
}

function stored(crm: Crm): Stored[] {
  const list = crm.meta.extra.templates;
  return Array.isArray(list) ? (list as Stored[]) : [];
}

function info(s: Stored): TemplateInfo {
  const { file: _file, ...rest } = s;
  return rest;
}

export function listTemplates(crm: Crm): TemplateInfo[] {
  return stored(crm).map(info);
}

function find(crm: Crm, name: string): Stored {
  const found = stored(crm).find((s) => fold(s.name) === fold(name));
  if (!found) {
    const names = stored(crm).map((s) => s.name);
    fail({
      code: 'E_NOT_FOUND',
      value: name,
      message: names.length ? say('No template named "{name}". Templates: {names}.', { name, names: names.join(', ') }) : say('No template named "{name}": this workbook has no templates yet.', { name }),
    });
  }
  return found;
}

/** The data rows of each file id in the sheet (0-based row indexes, header excluded). */
function rowsByFile(grid: Grid): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let r = 1; r < grid.length; r++) {
    const id = grid[r]![0];
    if (id === null || id === '') continue;
    const list = out.get(String(id)) ?? [];
    list.push(r);
    out.set(String(id), list);
  }
  return out;
}

export async function readTemplate(crm: Crm, name: string): Promise<{ info: TemplateInfo; bytes: Uint8Array }> {
  const entry = find(crm, name);
  const grid = await crm.wb.read(FILES_SHEET);
  const parts: string[] = [];
  for (const r of rowsByFile(grid).get(entry.file) ?? []) parts[Number(grid[r]![1])] = String(grid[r]![2] ?? '');
  const damaged = (why: string): never =>
    fail({ code: 'E_CORRUPT', sheet: FILES_SHEET, value: entry.name, message: say('Template "{name}" is damaged in the "{sheet}" sheet ({why}). Upload it again.', { name: entry.name, sheet: FILES_SHEET, why }) });
  const missing = Array.from({ length: Math.max(parts.length, 1) }, (_, i) => i).find((i) => parts[i] === undefined);
  if (missing !== undefined) damaged(parts.length ? say('part {part} of {parts} is missing', { part: missing + 1, parts: parts.length }) : say('its rows are missing'));
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(parts.join(''));
  } catch {
    return damaged(say('its cells are not base64'));
  }
  if (bytes.length !== entry.size) damaged(say('{actual} bytes instead of {size}', { actual: bytes.length, size: entry.size }));
  return { info: info(entry), bytes };
}

/** Why bytes are not a .docx, or undefined when they are one: a zip holding word/document.xml. */
function notDocx(bytes: Uint8Array): string | undefined {
  // Word 97–2003 files are OLE compound documents (D0 CF 11 E0).
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return say('it is an old Word .doc file; save it as .docx (Word document) and upload that');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return say('it is not a zip archive, as every .docx is');
  const names: string[] = [];
  try {
    // Names only: the filter declines every entry, so nothing is inflated.
    unzipSync(bytes, { filter: (f) => (names.push(f.name), false) });
  } catch (e) {
    return say('it is a damaged zip archive ({why})', { why: (e as Error).message });
  }
  if (names.includes('word/document.xml')) return undefined;
  if (names.includes('content.xml')) return say('it is an OpenDocument file (.odt); save it as .docx (Word document) and upload that');
  return say('it is a zip archive without word/document.xml, so not a Word document');
}

/** Rounded up, so that a file just over the limit does not read as the limit. */
function megabytes(n: number): string {
  const size = (Math.ceil((n / 1024 / 1024) * 10) / 10).toFixed(1);
  return say('{size} MB', { size: speakingNow() === 'en' ? size : size.replace('.', ',') });
}

/** The base64 rows of a file, `id | part | chunk`. */
function fileRows(id: string, bytes: Uint8Array): WriteGrid {
  const text = encodeBase64(bytes);
  const rows: WriteGrid = [];
  for (let part = 0, at = 0; at < text.length; part++, at += CHUNK) rows.push([id, part, text.slice(at, at + CHUNK)]);
  return rows;
}

/** A file id no index entry and no row uses: `T` and one more than the highest number in use. */
function newFileId(index: Stored[], rows: Map<string, number[]>): string {
  let high = 0;
  for (const id of [...index.map((s) => s.file), ...rows.keys()]) {
    const m = /^T(\d+)$/.exec(id);
    if (m) high = Math.max(high, Number(m[1]));
  }
  return `T${high + 1}`;
}

/** Deletes the rows of files the index no longer names (one port call, none when there are none). */
async function deleteUnnamed(crm: Crm, rows: Map<string, number[]>): Promise<void> {
  const named = new Set(stored(crm).map((s) => s.file));
  const doomed = [...rows].filter(([id]) => !named.has(id)).flatMap(([, r]) => r);
  if (doomed.length) await crm.wb.deleteRows(FILES_SHEET, doomed);
}

/**
 * Saves a template under its name, replacing the one of that name (case-insensitive). Refuses a
 * blank or overlong name, an unknown directory, bytes that are not a .docx and files over 10 MB,
 * before any port call. A blank file-name pattern becomes `<name>.docx`; `.docx` is added when missing.
 */
export async function saveTemplate(
  crm: Crm,
  template: Omit<TemplateInfo, 'size' | 'uploaded' | 'by'>,
  bytes: Uint8Array,
  at: number,
  user: string,
): Promise<TemplateInfo> {
  const name = template.name.trim();
  if (name === '') fail({ code: 'E_BAD_INPUT', field: 'name', value: template.name, message: say('A template needs a name.') });
  if (name.length > MAX_NAME) {
    fail({ code: 'E_BAD_INPUT', field: 'name', value: template.name, message: say('A template name is at most {max} characters; "{start}…" has {length}.', { max: MAX_NAME, start: name.slice(0, 20), length: name.length }) });
  }
  const directory = requireDirectory(crm.schema, template.directory).key;
  if (bytes.length > MAX_BYTES) {
    fail({ code: 'E_BAD_INPUT', field: 'bytes', value: name, message: say('Template "{name}" is {size}; a template can be at most 10 MB. Make it smaller (in Word: File › Compress Pictures).', { name, size: megabytes(bytes.length) }) });
  }
  const problem = notDocx(bytes);
  if (problem) fail({ code: 'E_BAD_INPUT', field: 'bytes', value: name, message: say('Template "{name}" is not a .docx file: {problem}.', { name, problem }) });
  let fileName = template.fileName.trim() || name;
  if (!/\.docx$/i.test(fileName)) fileName += '.docx';

  return crm.wb.transaction(async () => {
    const grid = await crm.wb.read(FILES_SHEET);
    const rows = rowsByFile(grid);
    const index = stored(crm);
    const file = newFileId(index, rows);
    const written = fileRows(file, bytes);
    if (grid.length === 0) {
      await crm.wb.ensureSheet(FILES_SHEET, { visibility: 'very' });
      written.unshift(HEADER);
    }
    for (let i = 0; i < written.length; i += ROWS_PER_CALL) await crm.wb.append(FILES_SHEET, written.slice(i, i + ROWS_PER_CALL));

    const entry: Stored = { name, directory, fileName, size: bytes.length, uploaded: at, by: user, ...(template.builtin ? { builtin: true } : {}), file };
    const old = index.findIndex((s) => fold(s.name) === fold(name));
    crm.meta.extra.templates = old < 0 ? [...index, entry] : index.map((s, i) => (i === old ? entry : s));
    await crm.saveMeta();
    await deleteUnnamed(crm, rows);
    return info(entry);
  });
}

/** Removes a template: its index entry, then its rows. E_NOT_FOUND, listing the names, when there is none. */
export async function removeTemplate(crm: Crm, name: string): Promise<TemplateInfo> {
  return crm.wb.transaction(async () => {
    const entry = find(crm, name);
    const grid = await crm.wb.read(FILES_SHEET);
    crm.meta.extra.templates = stored(crm).filter((s) => s !== entry);
    await crm.saveMeta();
    await deleteUnnamed(crm, rowsByFile(grid));
    return info(entry);
  });
}
