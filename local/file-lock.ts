/**
 * A cross-process lock as a file next to the workbook (`<path>.lock`), so that two `carnet`
 * processes (or a CLI and the local server) never save the same .xlsx at the same time.
 *
 * Why a lock file rather than flock: Node has no portable advisory locking, and a lock file also
 * works on network shares. The file holds `pid`, host and a random token, so that a lock left by a
 * crashed process can be recognised (its pid is dead) and so that we only ever remove our own lock.
 */

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { CarnetError } from '../core/errors.js';

export interface LockOptions {
  /** Give up waiting after this long (E_LOCKED). */
  timeoutMs?: number;
  /** Pause between attempts; jittered so that waiters do not retry in lockstep. */
  retryMs?: number;
  /**
   * A lock whose owner cannot be checked (another host, or an unreadable lock file) is taken over
   * once it is this old: a save takes seconds, so only a crashed owner leaves one that long.
   */
  staleMs?: number;
}

export const DEFAULT_LOCK_OPTIONS: Required<LockOptions> = { timeoutMs: 10_000, retryMs: 50, staleMs: 5 * 60_000 };

export interface HeldLock {
  readonly path: string;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

/**
 * Takes `lockPath` exclusively, waiting up to `timeoutMs`. `displayName` is what the E_LOCKED
 * message names (the workbook file, which is what a person knows about, not the lock file).
 */
export async function acquireLock(lockPath: string, displayName: string, options: LockOptions = {}): Promise<HeldLock> {
  const { timeoutMs, retryMs, staleMs } = { ...DEFAULT_LOCK_OPTIONS, ...options };
  const me: Owner = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      // `wx` fails when the file exists: creation itself is the atomic test-and-set.
      const handle = await fs.open(lockPath, 'wx');
      try {
        await handle.writeFile(`${me.pid}\n${me.host}\n${me.token}\n`);
      } catch (error) {
        // An ownerless lock would make everyone wait `staleMs`: better no lock and an error.
        await handle.close().catch(() => undefined);
        await fs.rm(lockPath, { force: true });
        throw error;
      }
      await handle.close();
      return { path: lockPath, release: () => releaseLock(lockPath, me) };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        throw new CarnetError({
          code: 'E_FILE',
          message: `Cannot create the lock file ${lockPath}: ${describeFsError(error)}`,
        });
      }
    }
    if (await takeOverIfStale(lockPath, staleMs)) continue;
    if (Date.now() >= deadline) {
      throw new CarnetError({
        code: 'E_LOCKED',
        message: `Someone else is saving ${displayName}; try again in a moment.`,
      });
    }
    await sleep(retryMs / 2 + Math.random() * retryMs);
  }
}

async function releaseLock(lockPath: string, me: Owner): Promise<void> {
  // Only remove the lock if it is still ours: a lock taken over as stale now belongs to someone else.
  const owner = await readOwner(lockPath);
  if (owner && owner.token === me.token) await fs.rm(lockPath, { force: true });
}

/** True when a stale lock was removed (the caller retries at once). */
async function takeOverIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let ageMs: number;
  try {
    ageMs = Date.now() - (await fs.stat(lockPath)).mtimeMs;
  } catch {
    return true; // released between our attempt and now: retry at once
  }
  const owner = await readOwner(lockPath);
  const stale =
    owner && owner.host === os.hostname() ? !isAlive(owner.pid) : ageMs > staleMs;
  if (!stale) return false;
  // Two waiters may find the same stale lock. Moving it aside is atomic, so only one of them gets
  // the stale file; the other gets ENOENT or, in a tiny window, a fresh lock, which it puts back.
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch {
    return true;
  }
  const moved = await readOwner(aside);
  if (owner && moved && moved.token !== owner.token) {
    // We moved a live lock that replaced the stale one: restore it unless someone else got in first.
    await fs.link(aside, lockPath).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
  return true;
}

async function readOwner(lockPath: string): Promise<Owner | undefined> {
  let text: string;
  try {
    text = await fs.readFile(lockPath, 'utf8');
  } catch {
    return undefined;
  }
  const [pid, host, token] = text.split('\n');
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0 || !host || !token) return undefined;
  return { pid: n, host, token };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** A file-system error as words a person can act on, without a stack. */
export function describeFsError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EBUSY':
      return 'the file is in use by another program';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
