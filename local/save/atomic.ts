/**
 * Saving a workbook so that a crash at any instant leaves either the old or the new version, never
 * half of one, and never a private copy where a shared file was:
 *
 * 1. follow symbolic links to the real file (link-target.ts);
 * 2. write the new bytes to a temp file beside it (names.ts), with the old file's owner, group and
 *    permissions (ownership.ts), and fsync it;
 * 3. copy the old version to a `.bak` temp file and fsync it: a real copy, never a hard link, so the
 *    `.bak` can never be the workbook itself (a link left by a crash between two renames made
 *    them one file, and the next in-place edit of either changed both; issue 8);
 * 4. check that the file on disk is still the version Carnet loaded (`expect`): LibreOffice or
 *    Excel may have saved it while Carnet was working, and renaming over that would lose their
 *    save;
 * 5. rename the `.bak` temp over `.bak`, then the temp over the workbook, and fsync the folder so
 *    that the renames themselves survive a power cut.
 *
 * Any failure removes the temp files and raises one E_FILE naming the file at fault; nothing of the
 * workbook is changed.
 */

import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import nodePath from 'node:path';
import { CarnetError } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import { describeFsError, errorCode, errorPath } from './fs-errors.js';
import { resolveTarget } from './link-target.js';
import { backupPath, saveTempPaths } from './names.js';
import { keepOwnership } from './ownership.js';

/** Which version of a file is on disk: a rename gives a new inode, an in-place save a new size or mtime. */
export interface DiskStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface SaveOptions {
  /**
   * The version Carnet loaded. When the file on disk is no longer that version right before the
   * rename, nothing is replaced and the save throws E_CONFLICT. `null`: Carnet is creating the
   * file and none must exist. Undefined: no check.
   */
  expect?: DiskStamp | null;
  /** Told, after a successful save, what a person should know (the file changed owner…). */
  onWarning?: (message: string) => void;
}

export function stampOf(stats: Stats): DiskStamp {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

export function sameStamp(a: DiskStamp, b: DiskStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * Writes `bytes` (one buffer, or chunks written in order) as the new content of `path`, keeping
 * the previous version as `<file>.bak`, and returns the stamp of the file written.
 */
export async function saveAtomically(
  path: string,
  bytes: Uint8Array | readonly Uint8Array[],
  options: SaveOptions = {},
): Promise<DiskStamp> {
  let target: string;
  try {
    target = await resolveTarget(path);
  } catch (error) {
    if (errorCode(error) === 'EACCES') {
      throw saveFailed(path, say('Carnet may not open one of the folders on its path'), say('Ask whoever manages them for access.'));
    }
    throw saveFailed(path, describeFsError(error), say('Check the path and run the command again.'));
  }
  const shown = target === nodePath.resolve(path) ? path : say('{path} (a link to {target})', { path, target });
  const dir = nodePath.dirname(target);
  const bak = backupPath(target);
  const { temp, bakTemp } = saveTempPaths(target);
  const chunks: readonly Uint8Array[] = bytes instanceof Uint8Array ? [bytes] : bytes;
  const warnings: string[] = [];

  const previous = await statTarget(target, shown);
  checkExpected(shown, options.expect, previous);
  let phase: 'temp' | 'backup' | 'replace' = 'temp';
  let stamp: DiskStamp;
  try {
    const handle = await fs.open(temp, 'wx', previous ? previous.mode & 0o777 : 0o666);
    try {
      await writeAll(handle, chunks);
      if (previous) {
        const warning = await keepOwnership(handle, previous, target);
        if (warning) warnings.push(warning);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Taken from the temp file before the rename: the rename keeps inode and mtime, and a stat of
    // the workbook afterwards could already describe someone else's version.
    stamp = stampOf(await fs.stat(temp));
    if (previous) {
      phase = 'backup';
      await copyBackup(target, bakTemp, previous);
      const others = await otherHardLinks(previous, bak);
      if (others > 0) {
        warnings.push(
          others === 1
            ? say('{target} had another name (hard links); they still show the previous version. Use a symbolic link to share one workbook under several names.', { target })
            : say('{target} had {count} other names (hard links); they still show the previous version. Use a symbolic link to share one workbook under several names.', { target, count: others }),
        );
      }
    }
    // As late as possible: from here to the rename is a few microseconds.
    checkExpected(shown, options.expect, await statTarget(target, shown));
    if (previous) await renameWithRetry(bakTemp, bak);
    phase = 'replace';
    await renameWithRetry(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    await fs.rm(bakTemp, { force: true }).catch(() => undefined);
    if (error instanceof CarnetError) throw error;
    throw failureOf(error, phase, { shown, dir, target, bak, temp, bakTemp });
  }
  await syncDirectory(dir);
  for (const warning of warnings) options.onWarning?.(warning);
  return stamp;
}

async function statTarget(target: string, shown: string): Promise<Stats | undefined> {
  let stats: Stats;
  try {
    stats = await fs.stat(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw saveFailed(shown, say('cannot read it ({reason})', { reason: describeFsError(error) }), say('Check the path and its permissions, then run the command again.'));
  }
  if (stats.isDirectory()) throw saveFailed(shown, say('it is a folder, not a workbook file'), say('Give the path of the .xlsx file itself.'));
  if (!stats.isFile()) throw saveFailed(shown, say('it is not a regular file'), say('Give the path of an .xlsx file.'));
  return stats;
}

function checkExpected(shown: string, expect: DiskStamp | null | undefined, onDisk: Stats | undefined): void {
  if (expect === undefined) return;
  if (expect === null ? onDisk === undefined : onDisk !== undefined && sameStamp(expect, stampOf(onDisk))) return;
  const message =
    expect === null
      ? say('{path} was created by another program while Carnet was working; nothing was saved; run the command again.', { path: shown })
      : onDisk === undefined
        ? say('{path} was deleted or moved by another program while Carnet was working; nothing was saved; run the command again.', { path: shown })
        : say('{path} was saved by another program while Carnet was working; nothing was saved; run the command again.', { path: shown });
  throw new CarnetError({ code: 'E_CONFLICT', message });
}

async function writeAll(handle: fs.FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  let position = 0;
  for (const chunk of chunks) {
    // write() may write less than asked (a full disk, a signal): loop until the chunk is out.
    for (let offset = 0; offset < chunk.length; ) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, position);
      offset += bytesWritten;
      position += bytesWritten;
    }
  }
}

/** A real copy of the previous version, with its owner where we may set it, flushed to disk. */
async function copyBackup(target: string, bakTemp: string, previous: Stats): Promise<void> {
  await fs.copyFile(target, bakTemp, fsConstants.COPYFILE_EXCL);
  const handle = await fs.open(bakTemp, 'r+');
  try {
    if (process.platform !== 'win32') {
      // The .bak holds the same data as the workbook: give it the same owner, so that the owner
      // can read it. A warning about the workbook itself says everything when this is refused.
      await handle.chown(previous.uid, previous.gid).catch(() => undefined);
      await handle.chmod(previous.mode & 0o777).catch(() => undefined);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A workbook with several names (hard links) keeps the old version under the other names, since
 * the new version is a new file. Not a failure, but the person should know. The `.bak` itself
 * sharing the inode is a leftover of an older Carnet and is not counted.
 */
async function otherHardLinks(previous: Stats, bak: string): Promise<number> {
  if (previous.nlink < 2) return 0;
  const bakStats = await fs.stat(bak).catch(() => undefined);
  const bakIsSame = bakStats !== undefined && bakStats.ino === previous.ino && bakStats.dev === previous.dev;
  return previous.nlink - 1 - (bakIsSame ? 1 : 0);
}

interface Paths {
  shown: string;
  dir: string;
  target: string;
  bak: string;
  temp: string;
  bakTemp: string;
}

function failureOf(error: unknown, phase: 'temp' | 'backup' | 'replace', p: Paths): CarnetError {
  const code = errorCode(error);
  const why = describeFsError(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return saveFailed(p.shown, why, say('Free some space and run the command again.'));
  if (code === 'EROFS') return saveFailed(p.shown, why, say('Save a copy somewhere writable instead.'));
  if (phase === 'temp') {
    if (code === 'ENOENT') return saveFailed(p.shown, say('the folder {folder} does not exist', { folder: p.dir }), say('Check the path and run the command again.'));
    if (code === 'EACCES' || code === 'EPERM') {
      return saveFailed(p.shown, say('Carnet may not create files in the folder {folder}', { folder: p.dir }), say('Ask whoever manages that folder for write access.'));
    }
    return saveFailed(p.shown, say('could not write the new version beside it ({reason})', { reason: why }), say('Run the command again.'));
  }
  // Name the file at fault when it is not one of ours (a `.bak` turned into a folder…).
  const culprit = [errorPath(error, 'dest'), errorPath(error, 'path')].find((f) => f !== undefined && f !== p.temp && f !== p.bakTemp);
  if (phase === 'backup') {
    const at = culprit ?? p.bak;
    return saveFailed(
      p.shown,
      say('could not keep the previous version as {bak} ({reason})', { bak: p.bak, reason: at === p.bak ? why : `${at}: ${why}` }),
      say('Move {bak} out of the way and run the command again.', { bak: p.bak }),
    );
  }
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return saveFailed(p.shown, say('could not replace it ({reason})', { reason: why }), say('Close it in any other program and run the command again.'));
  }
  return saveFailed(p.shown, say('could not replace it ({reason})', { reason: culprit && culprit !== p.target ? `${culprit}: ${why}` : why }), say('Run the command again.'));
}

function saveFailed(shown: string, reason: string, todo: string): CarnetError {
  return new CarnetError({ code: 'E_FILE', message: say('Could not save {path}: {reason}; nothing was saved. {todo}', { path: shown, reason, todo }) });
}

/**
 * Windows refuses to replace a file another program holds open for a moment (antivirus, indexer,
 * a sync client): retry for about 3 s there. Elsewhere these errors are final.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
      if (!transient || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
    }
  }
}

/** Makes the renames durable; Windows cannot open a folder for this (nor needs to). */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems (network shares) refuse fsync on a folder; the rename has happened.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
