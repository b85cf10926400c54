/**
 * A cross-process lock as a file next to the workbook (`<path>.lock`), so that two `carnet`
 * processes (or a CLI and the local server) never save the same .xlsx at the same time.
 *
 * Why a lock file rather than flock: Node has no portable advisory locking, and a lock file also
 * works on network shares. Creating it with `wx` is the atomic test-and-set.
 *
 * What issue 8 changed, and why:
 * - The lock records pid, computer, the process's identity (pid plus start time, see
 *   save/processes.ts), a random token and since when (save/owner-file.ts). A pid alone blocked
 *   every command forever once it was reused by an unrelated process after a restart.
 * - The holder touches the lock every `heartbeatMs` while it holds it, so a long save keeps it, and
 *   a holder that hangs (live pid, no heartbeat for `staleMs`) loses it.
 * - An empty or unreadable lock is abandoned after a second, not five minutes.
 * - Waiters queue first come, first served (save/lock-queue.ts), for minutes rather than 10 s, and
 *   say what they wait for through `onWait`.
 * - E_LOCKED names the lock file, who holds it and how to clear it.
 */

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import { CarnetError } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import { describeFsError, errorCode } from './save/fs-errors.js';
import { FreshnessWatch, startHeartbeat } from './save/heartbeat.js';
import { QueueTicket } from './save/lock-queue.js';
import { lockAsidePath, queueDirFor } from './save/names.js';
import { isAbandoned, ownerText, readOwnerFile, type OwnerRecord, type Timing } from './save/owner-file.js';
import { thisProcess } from './save/processes.js';

// Kept here for the callers that import them from this file (local/xlsx/files.ts).
export { describeFsError, errorCode };

export interface LockOptions {
  /** Give up waiting after this long (E_LOCKED). Long, since waiters queue fairly. */
  timeoutMs?: number;
  /** Pause between looks at the queue and the lock; jittered so that waiters do not move in lockstep. */
  retryMs?: number;
  /**
   * A holder (or waiter) whose heartbeat is older than this has hung or vanished, even when its pid
   * is alive (or cannot be checked: another computer). Its lock is taken over.
   */
  staleMs?: number;
  /** How often the holder and the waiters touch their files; a fifth of `staleMs` at most by default, a third at most if given. */
  heartbeatMs?: number;
  /** Told about once a second while waiting, from the first second on: see describeWait. */
  onWait?: (info: WaitInfo) => void;
}

export const DEFAULT_LOCK_OPTIONS = {
  timeoutMs: 120_000,
  retryMs: 25,
  staleMs: 30_000,
  heartbeatMs: 2_000,
} as const satisfies Required<Omit<LockOptions, 'onWait'>>;

export interface HeldLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Who holds a lock, as far as its file says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock; absent in locks written by older Carnets. */
  since?: Date;
}

export interface WaitInfo {
  lockPath: string;
  /** The workbook, as the caller named it. */
  displayName: string;
  waitedMs: number;
  /** Undefined when the lock is free (others are ahead) or its file does not say. */
  holder?: LockHolder;
  /** Carnet commands queued before this one, not counting the holder. */
  ahead: number;
}

const REPORT_EVERY_MS = 1_000;

/**
 * Takes `lockPath` exclusively, waiting in line up to `timeoutMs`. `displayName` is what messages
 * call the workbook (what a person knows about), the lock file being named as well.
 */
export async function acquireLock(lockPath: string, displayName: string, options: LockOptions = {}): Promise<HeldLock> {
  const staleMs = options.staleMs ?? DEFAULT_LOCK_OPTIONS.staleMs;
  // A heartbeat must come several times within the stale bound, or live holders would look hung.
  const heartbeatMs = Math.min(options.heartbeatMs ?? DEFAULT_LOCK_OPTIONS.heartbeatMs, staleMs / (options.heartbeatMs ? 3 : 5));
  const timing: Timing = { staleMs, heartbeatMs };
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_OPTIONS.timeoutMs;
  const retryMs = options.retryMs ?? DEFAULT_LOCK_OPTIONS.retryMs;
  const me: OwnerRecord = { ...thisProcess(), token: randomBytes(8).toString('hex') };
  const queueDir = queueDirFor(lockPath);
  const watch = new FreshnessWatch();
  const started = Date.now();
  let nextReport = started + REPORT_EVERY_MS;

  let ticket: QueueTicket;
  try {
    ticket = await QueueTicket.take(queueDir, me);
  } catch (error) {
    throw cannotLock(displayName, queueDir, error);
  }
  try {
    for (;;) {
      const ahead = await ticket.ahead(watch, timing);
      if (ahead === 0) {
        if (await tryCreate(lockPath, displayName, me)) return hold(lockPath, me, timing, queueDir);
        const file = await readOwnerFile(lockPath);
        if (!file) continue; // released between our attempt and our look: try again at once
        if (file.notAFile) {
          throw new CarnetError({
            code: 'E_FILE',
            message: say('Cannot lock {name}: {lock} is a folder, not a lock file; nothing was changed. Move it away and run the command again.', { name: displayName, lock: lockPath }),
          });
        }
        if (isAbandoned(lockPath, file, watch, timing) && (await takeOver(lockPath, file.owner))) continue;
      }
      await ticket.beat(timing.heartbeatMs);
      const now = Date.now();
      if (now - started >= timeoutMs) {
        throw lockedError(lockPath, displayName, await holderOf(lockPath), ahead, queueDir, timeoutMs);
      }
      if (options.onWait && now >= nextReport) {
        nextReport = now + REPORT_EVERY_MS;
        const holder = await holderOf(lockPath);
        options.onWait({ lockPath, displayName, waitedMs: now - started, ahead, ...(holder ? { holder } : {}) });
      }
      // A writer with two or more ahead cannot be next: it looks less often, which spares a
      // network share the reads of every waiter every few ms. The next in line looks at full speed.
      await sleep((retryMs / 2 + Math.random() * retryMs) * Math.min(Math.max(1, ahead), 8));
    }
  } finally {
    // Taken or given up: either way this writer no longer waits.
    await ticket.leave();
  }
}

/** True when the lock was created for `me`; false when it exists. */
async function tryCreate(lockPath: string, displayName: string, me: OwnerRecord): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lockPath, 'wx');
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw cannotLock(displayName, lockPath, error);
  }
  try {
    await handle.writeFile(ownerText({ ...me, since: Date.now() }));
    await handle.close();
  } catch (error) {
    // An ownerless lock makes everyone wait a second for nothing: better no lock and an error.
    await handle.close().catch(() => undefined);
    await fs.rm(lockPath, { force: true });
    throw cannotLock(displayName, lockPath, error);
  }
  return true;
}

/** Carnet must write its lock (and queue) beside the workbook; saving it needs the same right. */
function cannotLock(displayName: string, path: string, error: unknown): CarnetError {
  return new CarnetError({
    code: 'E_FILE',
    message: say(
      'Cannot lock {name} for saving: cannot write {path} ({reason}); nothing was changed. Carnet needs to write in the folder {folder}: ask whoever manages it for write access.',
      { name: displayName, path, reason: describeFsError(error), folder: nodePath.dirname(path) },
    ),
  });
}

function hold(lockPath: string, me: OwnerRecord, timing: Timing, queueDir: string): HeldLock {
  const ours = async () => (await readOwnerFile(lockPath))?.owner?.token === me.token;
  const heartbeat = startHeartbeat(lockPath, timing.heartbeatMs, ours);
  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      heartbeat.stop();
      // Only remove the lock if it is still ours: one taken over as stale belongs to someone else.
      if (await ours()) await fs.rm(lockPath, { force: true });
      // The queue folder goes with the last writer; it stays while others wait in it.
      await fs.rmdir(queueDir).catch(() => undefined);
    },
  };
}

/**
 * Removes an abandoned lock. Two waiters may judge the same lock abandoned: moving it aside is
 * atomic, so only one of them gets it; the other gets ENOENT or, in a tiny window, a fresh lock
 * that replaced it, which it puts back. True when the lock is gone (try again at once).
 */
async function takeOver(lockPath: string, judged: OwnerRecord | undefined): Promise<boolean> {
  const aside = lockAsidePath(lockPath);
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
  const moved = (await readOwnerFile(aside))?.owner;
  if (moved && moved.token !== judged?.token) {
    // A live lock that replaced the abandoned one: restore it unless yet another got in first.
    await fs.link(aside, lockPath).catch(() => fs.copyFile(aside, lockPath, fs.constants.COPYFILE_EXCL).catch(() => undefined));
  }
  await fs.rm(aside, { force: true });
  return true;
}

async function holderOf(lockPath: string): Promise<LockHolder | undefined> {
  const owner = (await readOwnerFile(lockPath))?.owner;
  if (!owner) return undefined;
  return { pid: owner.pid, host: owner.host, ...(owner.since !== undefined ? { since: new Date(owner.since) } : {}) };
}

function lockedError(
  lockPath: string,
  displayName: string,
  holder: LockHolder | undefined,
  ahead: number,
  queueDir: string,
  timeoutMs: number,
): CarnetError {
  const waited = say('Carnet waited {duration} and changed nothing', { duration: duration(timeoutMs) });
  const p = { name: displayName, lock: lockPath, waited, count: ahead, queue: queueDir };
  let message: string;
  if (holder) {
    const h = { ...p, holder: describeHolder(holder), host: holder.host };
    message =
      ahead === 0
        ? say('{name} is being saved by another Carnet ({holder}); {waited}. Run the command again in a moment. If no Carnet is running on {host}, delete the lock file {lock}.', h)
        : ahead === 1
          ? say('{name} is being saved by another Carnet ({holder}), and 1 other Carnet command is waiting before this one; {waited}. Run the command again in a moment. If no Carnet is running on {host}, delete the lock file {lock}.', h)
          : say('{name} is being saved by another Carnet ({holder}), and {count} other Carnet commands are waiting before this one; {waited}. Run the command again in a moment. If no Carnet is running on {host}, delete the lock file {lock}.', h);
  } else if (ahead > 0) {
    message =
      ahead === 1
        ? say('{name} is being saved by 1 other Carnet command queued before this one (in {queue}); {waited}. Run the command again in a moment.', p)
        : say('{name} is being saved by {count} other Carnet commands queued before this one (in {queue}); {waited}. Run the command again in a moment.', p);
  } else {
    message = say('{name} is locked by {lock}, which does not say who holds it; {waited}. If no Carnet is saving {name}, delete {lock} and run the command again.', p);
  }
  return new CarnetError({ code: 'E_LOCKED', message });
}

/** `pid 4242 on ada, since 2025-03-01 09:12:05 UTC`: UTC, since holder and reader may be in different time zones. */
export function describeHolder(holder: LockHolder): string {
  return holder.since
    ? say('pid {pid} on {host}, since {since}', { pid: holder.pid, host: holder.host, since: utc(holder.since) })
    : say('pid {pid} on {host}', { pid: holder.pid, host: holder.host });
}

/** One line for a terminal: `waiting for Carnet (pid 4242 on ada, since …) to finish saving book.xlsx (12 s)`. */
export function describeWait(info: WaitInfo): string {
  const p = { name: info.displayName, lock: info.lockPath, count: info.ahead, seconds: Math.round(info.waitedMs / 1000) };
  if (info.holder) {
    const h = { ...p, holder: describeHolder(info.holder) };
    if (info.ahead === 0) return say('waiting for Carnet ({holder}) to finish saving {name} ({seconds} s)', h);
    if (info.ahead === 1) return say('waiting for Carnet ({holder}) to finish saving {name}, 1 more command before this one ({seconds} s)', h);
    return say('waiting for Carnet ({holder}) to finish saving {name}, {count} more commands before this one ({seconds} s)', h);
  }
  if (info.ahead === 1) return say('waiting for 1 other Carnet command to finish saving {name} ({seconds} s)', p);
  if (info.ahead > 0) return say('waiting for {count} other Carnet commands to finish saving {name} ({seconds} s)', p);
  return say('waiting for the lock file {lock} to be released ({seconds} s)', p);
}

function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function duration(ms: number): string {
  if (ms < 1_000) return say('{n} ms', { n: ms });
  if (ms < 120_000) return say('{n} s', { n: Math.round(ms / 1000) });
  return say('{n} min', { n: Math.round(ms / 60_000) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
