/**
 * What a Carnet that crashed (or was killed) leaves beside a workbook, cleaned by the next command:
 * hidden temp files that are full copies of the CRM data (a privacy problem as much as clutter),
 * locks moved aside, dead waiters' tickets, and a `.bak` that is the workbook itself (a hard link
 * made by versions before issue 8, left when a kill fell between its two renames).
 *
 * Only names Carnet makes (names.ts) are touched, for this workbook only, and only when their
 * writer is gone or they are too old to belong to a save in progress. Call it while holding the
 * workbook's lock: then no Carnet that respects the lock is saving, and these rules are a second
 * safety for those that do not.
 */

import { constants as fsConstants, promises as fs } from 'node:fs';
import nodePath from 'node:path';
import { say } from '../../core/messages/say.js';
import { describeFsError } from './fs-errors.js';
import { resolveTarget } from './link-target.js';
import { removeDeadTickets } from './lock-queue.js';
import { backupPath, lockPathFor, parseLockAside, parseSaveTemp, queueDirFor, saveTempPaths } from './names.js';
import { hostTag, pidExists } from './processes.js';

export interface LeftoverOptions {
  /** The workbook's lock file, when it is not `<workbook>.lock`. */
  lockPath?: string;
  /** Told about each leftover that could not be removed, with what to do. */
  onWarning?: (message: string) => void;
}

export interface LeftoverReport {
  /** Files removed, as absolute paths. */
  removed: string[];
  /** Files put right: a `.bak` that was a hard link to the workbook, now a real copy. */
  repaired: string[];
}

/**
 * A save renames its temp file within seconds of writing it. One untouched for this long is
 * abandoned even when a live process now has its pid (pids are reused).
 */
const TEMP_ABANDONED_MS = 15 * 60_000;
/** A stale lock is moved aside and removed at once; one still there after a minute was orphaned. */
const ASIDE_ABANDONED_MS = 60_000;

export async function cleanLeftovers(workbookPath: string, options: LeftoverOptions = {}): Promise<LeftoverReport> {
  const report: LeftoverReport = { removed: [], repaired: [] };
  const warn = options.onWarning ?? (() => undefined);
  let target: string;
  try {
    target = await resolveTarget(workbookPath);
  } catch {
    return report; // a cycle of links: the command itself will say so
  }
  // Saves go beside the target; versions before issue 8 wrote beside the link itself.
  const names = new Set([target, nodePath.resolve(workbookPath)]);
  const locks = new Set([options.lockPath ?? lockPathFor(target), ...[...names].map(lockPathFor)]);
  for (const file of names) await removeSaveTemps(file, report, warn);
  for (const lock of locks) {
    await removeLockAsides(lock, report, warn);
    report.removed.push(...(await removeDeadTickets(queueDirFor(lock))));
  }
  await repairHardLinkedBackup(target, report, warn);
  report.removed.sort();
  return report;
}

async function removeSaveTemps(file: string, report: LeftoverReport, warn: (m: string) => void): Promise<void> {
  const dir = nodePath.dirname(file);
  const base = nodePath.basename(file);
  const mine = hostTag();
  for (const name of await listDir(dir)) {
    const temp = parseSaveTemp(base, name);
    if (!temp) continue;
    const path = nodePath.join(dir, name);
    const age = await ageOf(path);
    if (age === undefined) continue;
    // A pid says something only on the computer that wrote the file.
    const writerGone = (temp.host === undefined || temp.host === mine) && !pidExists(temp.pid);
    if (writerGone || age > TEMP_ABANDONED_MS) {
      await remove(path, report, warn, say('it holds a full copy of the workbook as it was being saved'));
    }
  }
}

async function removeLockAsides(lockPath: string, report: LeftoverReport, warn: (m: string) => void): Promise<void> {
  const dir = nodePath.dirname(lockPath);
  for (const name of await listDir(dir)) {
    const aside = parseLockAside(nodePath.basename(lockPath), name);
    if (!aside) continue;
    const path = nodePath.join(dir, name);
    const age = await ageOf(path);
    if (age !== undefined && (!pidExists(aside.pid) || age > ASIDE_ABANDONED_MS)) {
      await remove(path, report, warn, say('it is an old lock file'));
    }
  }
}

/** A `.bak` on the workbook's own inode is no backup: replace it with a real copy. */
async function repairHardLinkedBackup(target: string, report: LeftoverReport, warn: (m: string) => void): Promise<void> {
  const bak = backupPath(target);
  const [workbook, backup] = await Promise.all([fs.stat(target).catch(() => undefined), fs.lstat(bak).catch(() => undefined)]);
  if (!workbook || !backup || !backup.isFile() || workbook.ino !== backup.ino || workbook.dev !== backup.dev) return;
  const { bakTemp } = saveTempPaths(target);
  try {
    await fs.copyFile(target, bakTemp, fsConstants.COPYFILE_EXCL);
    if (process.platform !== 'win32') await fs.chown(bakTemp, workbook.uid, workbook.gid).catch(() => undefined);
    await fs.rename(bakTemp, bak);
    report.repaired.push(bak);
  } catch (error) {
    await fs.rm(bakTemp, { force: true }).catch(() => undefined);
    warn(
      say(
        '{bak} is the same file as {target} (a hard link left by a crash), so it is no backup, and Carnet could not replace it with a copy: {reason}. Delete {bak}; the next save makes a real one.',
        { bak, target, reason: describeFsError(error) },
      ),
    );
  }
}

async function remove(path: string, report: LeftoverReport, warn: (m: string) => void, why: string): Promise<void> {
  try {
    await fs.rm(path, { force: true });
    report.removed.push(path);
  } catch (error) {
    warn(say('Could not remove {path}, left by a Carnet that stopped mid-save ({why}): {reason}. Delete it by hand.', { path, why, reason: describeFsError(error) }));
  }
}

/** A folder we cannot list holds nothing we could clean; the command itself will report it. */
async function listDir(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => []);
}

async function ageOf(path: string): Promise<number | undefined> {
  const stats = await fs.lstat(path).catch(() => undefined);
  // Only plain files: a folder or link with one of our names was put there by someone else.
  return stats?.isFile() ? Date.now() - stats.mtimeMs : undefined;
}
