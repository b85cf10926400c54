/**
 * Whether LibreOffice or Excel has the workbook open. Both keep the whole workbook in memory and
 * write all of it back when they save, so whatever Carnet wrote meanwhile is silently lost (issue
 * 8). Both leave a small lock file beside the workbook while it is open, which says who has it.
 *
 * LibreOffice: `.~lock.<name>#` beside the file, links resolved (LibreOffice core,
 * svl/source/misc/lockfilecommon.cxx, LockFileCommon::LockFileCommon and ResolveLinks). Its content
 * is one entry `name,login,host,DD.MM.YYYY HH:MM,profile-url;`, the characters `, ; \` escaped with
 * a backslash (same file, ParseEntry / ParseName / EscapeCharacters). Checked against a real one:
 * LibreOffice 7 on Linux wrote `,root,vm,01.12.2026 09:12,file:///tmp/lotest/profile;` (no name set).
 *
 * Excel: an "owner file" `~$<name>` beside the workbook, with the whole name: unlike Word, which
 * replaces the first two characters of a base name of 8 or more characters (one of a 7-character
 * one) with `~$`, Excel and PowerPoint do not shorten (LibreOffice core,
 * svl/source/misc/msodocumentlockfile.cxx, GenerateMSOLockFileURL, which writes these files for
 * interoperability, and its tests svl/qa/unit/lockfiles/test_lockfiles.cxx, testExcelLockFileURL:
 * `~$testExcelLockFileURL.xlsx`, `~$12345678.xlsx`, against testWordLockFileURL:
 * `~$stWordLockFileURL.docx`; Word's rule also in Microsoft's KB 211632, "Owner file"). Excel's
 * 218-character path limit keeps `~$` plus the name within file-name limits, so there is no
 * shortening for length either. Owner files made Word's way are still recognised, as a fallback,
 * when no other workbook in the folder has that shortened name (so another workbook's owner file is
 * never taken for this one's). The content (165 bytes for Excel) starts with the user name's length
 * and the name in the Windows code page, then at byte 55 (54 for Word) the length again and the
 * name in UTF-16LE (MSODocumentLockFile::GetLockData in the same file).
 */

import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import { CarnetError } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import { resolveTarget } from './link-target.js';

export type SpreadsheetProgram = 'LibreOffice' | 'Excel';

export interface OpenedBy {
  program: SpreadsheetProgram;
  /** The lock file the program keeps beside the workbook while it is open. */
  lockFile: string;
  /** The name the person set in the program (LibreOffice's user data, Office's user name). */
  user?: string;
  /** Their login on their computer (LibreOffice only). */
  login?: string;
  /** Their computer (LibreOffice only). */
  host?: string;
  /** When they opened it, as the program wrote it (LibreOffice: `DD.MM.YYYY HH:MM`, their local time). */
  since?: string;
}

/** Which spreadsheet program has `workbookPath` open, as far as its lock files say. */
export async function openedBy(workbookPath: string): Promise<OpenedBy | undefined> {
  const given = nodePath.resolve(workbookPath);
  const target = await resolveTarget(workbookPath).catch(() => given);
  // LibreOffice locks beside the link's target; other programs beside the path they were given.
  const places = [...new Set([target, given])];
  for (const file of places) {
    const found = await libreOfficeLock(file);
    if (found) return found;
  }
  for (const file of places) {
    const found = await excelOwnerFile(file);
    if (found) return found;
  }
  return undefined;
}

async function libreOfficeLock(file: string): Promise<OpenedBy | undefined> {
  const lockFile = nodePath.join(nodePath.dirname(file), `.~lock.${nodePath.basename(file)}#`);
  const content = await readSmallFile(lockFile);
  if (content === undefined) return undefined;
  const [user, login, host, since] = parseLibreOfficeEntry(content.toString('utf8')) ?? [];
  return { program: 'LibreOffice', lockFile, ...present({ user, login, host, since }) };
}

/** The fields of the first entry, or undefined when the content is not one. */
export function parseLibreOfficeEntry(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[++i];
      if (next !== ',' && next !== ';' && next !== '\\') return undefined;
      field += next;
    } else if (c === ',' || c === ';') {
      fields.push(field);
      field = '';
      if (c === ';') return fields.length === 5 ? fields : undefined;
    } else {
      field += c;
    }
  }
  return undefined;
}

async function excelOwnerFile(file: string): Promise<OpenedBy | undefined> {
  const dir = nodePath.dirname(file);
  const name = nodePath.basename(file);
  const candidates = [`~$${name}`];
  for (const shortened of wordStyleNames(name)) {
    // `~$<shortened>` is first of all the owner file of a workbook called `<shortened>`.
    if (!(await exists(nodePath.join(dir, shortened)))) candidates.push(`~$${shortened}`);
  }
  for (const candidate of candidates) {
    const lockFile = nodePath.join(dir, candidate);
    const content = await readSmallFile(lockFile);
    if (content !== undefined) return { program: 'Excel', lockFile, ...present({ user: officeUserName(content) }) };
  }
  return undefined;
}

/** The name without the characters Word's rule would replace by `~$`, if it replaces any. */
function wordStyleNames(name: string): string[] {
  const ext = nodePath.extname(name);
  const baseLength = name.length - ext.length;
  if (baseLength >= 8) return [name.slice(2)];
  if (baseLength === 7) return [name.slice(1)];
  return [];
}

/** The user name in an Office owner file (see the comment at the top for the layout). */
export function officeUserName(content: Buffer): string | undefined {
  const acpLength = content[0] ?? 0;
  if (acpLength < 1 || acpLength > 52 || content.length < 1 + acpLength) return undefined;
  let at = 54;
  let length = content[at] ?? 0;
  // 0x20 at 54 after non-zero bytes is Excel's space padding, not a length: the length is at 55.
  if (length === 0x20 && (content[at - 1] !== 0 || content[at - 2] !== 0)) length = content[++at] ?? 0;
  if (length > 0 && length <= 52 && content.length >= at + 2 + 2 * length) {
    return content.toString('utf16le', at + 2, at + 2 + 2 * length);
  }
  return content.toString('latin1', 1, 1 + acpLength);
}

/**
 * The refusal to write while a program has the workbook open, in one place for every host
 * command. `--force` is the CLI's override.
 */
export function openedElsewhereError(workbookPath: string, opened: OpenedBy): CarnetError {
  const { program, lockFile } = opened;
  const by = opened.user && opened.login && opened.user !== opened.login ? `${opened.user} (${opened.login})` : opened.user ?? opened.login;
  const who = [by && say('by {user}', { user: by }), opened.host && say('on {host}', { host: opened.host })].filter(Boolean).join(' ');
  const details = [who, opened.since && say('since {since}', { since: opened.since })].filter(Boolean).join(', ');
  const notRunning = opened.host ? say('{program} is not running on {host}', { program, host: opened.host }) : say('{program} is not running', { program });
  const leftover = program === 'Excel' ? say('owner file') : say('lock file');
  return new CarnetError({
    code: 'E_LOCKED',
    message: say(
      '{path} is open in {program}{details}; when {program} saves it, it overwrites what Carnet wrote, so Carnet changed nothing. Close the file in {program} and run the command again, or add --force if it will be closed there without saving. If {notRunning}, its {leftover} {lockFile} is left over from a crash: delete it.',
      { path: workbookPath, program, details: details ? ` (${details})` : '', notRunning, leftover, lockFile },
    ),
  });
}

/** Lock files are tiny; a big "lock" is not one (and is not read whole). */
async function readSmallFile(path: string): Promise<Buffer | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return Buffer.alloc(0); // there, but unreadable: still open in that program, who is unknown
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    () => false,
  );
}

/** The fields that say something (LibreOffice writes an empty name when none is set). */
function present(fields: Record<string, string | undefined>): Partial<Record<string, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v.trim() !== '')) as Partial<Record<string, string>>;
}
