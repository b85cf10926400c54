/**
 * A small file naming the process that owns it: the lock file, and each ticket in the lock's queue.
 * Its content says who (pid, computer, the process's identity, a random token, since when); its
 * mtime is the owner's heartbeat. From both, anyone can tell whether the owner is still there.
 */

import { promises as fs } from 'node:fs';
import { errorCode } from './fs-errors.js';
import type { FileState, FreshnessWatch } from './heartbeat.js';
import { livenessOf, type ProcessStamp } from './processes.js';

export interface OwnerRecord extends ProcessStamp {
  /** Random, so that an owner removes only its own file, never one that replaced it. */
  token: string;
  /** When the owner took it (ms since the epoch, owner's clock). */
  since?: number;
}

export function ownerText(owner: OwnerRecord): string {
  const { pid, host, token, process: identity, since } = owner;
  return `${JSON.stringify({ pid, host, token, process: identity, since: since === undefined ? undefined : new Date(since).toISOString() })}\n`;
}

export interface OwnerFile {
  /** Undefined while the file is empty (being written), damaged, or not one we can read. */
  owner?: OwnerRecord;
  state: FileState;
  /** A folder (or anything but a file) where the file should be: not ours to judge or remove. */
  notAFile?: true;
}

/** The file at `path` and who owns it; undefined when there is no such file. */
export async function readOwnerFile(path: string): Promise<OwnerFile | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    // Unreadable (permissions): judged by age like an empty one.
    const stats = await fs.stat(path).catch(() => undefined);
    return stats ? { state: stats } : undefined;
  }
  try {
    // One handle for both, so the state describes exactly the content read.
    const stats = await handle.stat();
    const state = { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
    if (!stats.isFile()) return { state, notAFile: true };
    const owner = parseOwner(await handle.readFile('utf8').catch(() => ''));
    return { ...(owner ? { owner } : {}), state };
  } finally {
    await handle.close();
  }
}

export function parseOwner(text: string): OwnerRecord | undefined {
  if (text.startsWith('{')) {
    try {
      const v = JSON.parse(text) as Record<string, unknown>;
      const since = typeof v.since === 'string' ? Date.parse(v.since) : NaN;
      if (!isPid(v.pid) || typeof v.host !== 'string' || !v.host || typeof v.token !== 'string' || !v.token) return undefined;
      return {
        pid: v.pid,
        host: v.host,
        token: v.token,
        ...(typeof v.process === 'string' ? { process: v.process } : {}),
        ...(Number.isFinite(since) ? { since } : {}),
      };
    } catch {
      return undefined;
    }
  }
  // The format before issue 8: `pid\nhost\ntoken\n`, still written by older Carnets.
  const [pid, host, token] = text.split('\n');
  const n = Number(pid);
  return isPid(n) && host && token ? { pid: n, host, token } : undefined;
}

const isPid = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

export interface Timing {
  /** A heartbeat older than this means the owner is hung or gone, whatever its pid says. */
  staleMs: number;
  /** How often owners touch their file. */
  heartbeatMs: number;
}

/**
 * An empty or unreadable file is being written only for an instant; one that stays so for a second
 * was left by a crash between creating and writing it.
 */
const EMPTY_STALE_MS = 1_000;
const EMPTY_CONFIRM_MS = 250;

/**
 * True when the owner of `file` is certainly gone: its process is dead or its pid now belongs to
 * another process, or its heartbeat stopped for `staleMs`, or the file stayed empty or unreadable
 * for a second.
 */
export function isAbandoned(path: string, file: OwnerFile, watch: FreshnessWatch, timing: Timing): boolean {
  if (file.notAFile) return false;
  if (!file.owner) return watch.isOld(path, file.state, EMPTY_STALE_MS, EMPTY_CONFIRM_MS);
  if (livenessOf(file.owner) === 'gone') return true;
  // Alive, or no way to tell (another computer, no process identity): the heartbeat decides. A
  // live pid is not enough: a process stopped with Ctrl-Z, or stuck on a dead network share,
  // would otherwise block everyone forever.
  return watch.isOld(path, file.state, timing.staleMs, 3 * timing.heartbeatMs);
}
