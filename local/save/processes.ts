/**
 * Which process wrote a lock, a ticket or a temp file, and whether it is still the one running.
 *
 * A pid alone is not enough: pids are reused, so after a restart (or a busy day) the pid written in
 * a lock file often belongs to some unrelated live process, and a lock judged by "is the pid alive"
 * then blocks every command forever (issue 8). On Linux a process is identified by its pid plus its
 * start time in clock ticks since boot (`/proc/<pid>/stat`, field 22) and the boot it belongs to
 * (`/proc/sys/kernel/random/boot_id`): a different value means the pid was reused.
 *
 * Why not compare `btime + starttime / CLK_TCK` with the time the lock was taken: `btime` in
 * `/proc/stat` is computed as "now minus uptime", so it moves whenever the wall clock is stepped
 * (NTP after boot, a VM resumed), and a live holder would then seem to have started after its own
 * lock. Ticks since boot and the boot id never move; `btime` is used only when there is no boot id.
 *
 * Elsewhere (macOS, Windows) there is no such identity: callers fall back to the heartbeat.
 */

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createHash } from 'node:crypto';
import { errorCode } from './fs-errors.js';

/** `<boot>/<start ticks>`, or undefined where the platform does not tell. */
export function processIdentity(pid: number): string | undefined {
  const boot = bootId();
  if (boot === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses:
  // count fields from the last `)`. starttime is field 22, i.e. the 20th after the name.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[19];
  return start && /^\d+$/.test(start) ? `${boot}/${start}` : undefined;
}

let cachedBoot: string | null | undefined;

function bootId(): string | undefined {
  if (cachedBoot === undefined) {
    cachedBoot = readTrimmed('/proc/sys/kernel/random/boot_id') ?? btime() ?? null;
  }
  return cachedBoot ?? undefined;
}

function btime(): string | undefined {
  const line = readTrimmed('/proc/stat')
    ?.split('\n')
    .find((l) => l.startsWith('btime '));
  return line ? `btime-${line.slice(6).trim()}` : undefined;
}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** This process, as a lock or ticket records it. */
export interface ProcessStamp {
  pid: number;
  host: string;
  /** See processIdentity; absent where the platform does not tell. */
  process?: string;
}

export function thisProcess(): ProcessStamp {
  const identity = processIdentity(process.pid);
  return { pid: process.pid, host: os.hostname(), ...(identity ? { process: identity } : {}) };
}

/**
 * `gone`: certainly not running any more (dead, or its pid now belongs to another process).
 * `running`: the same process is alive. `unknown`: another computer, or no way to tell.
 */
export type Liveness = 'gone' | 'running' | 'unknown';

export function livenessOf(stamp: ProcessStamp): Liveness {
  if (stamp.host !== os.hostname()) return 'unknown';
  if (!pidExists(stamp.pid)) return 'gone';
  if (stamp.process === undefined) return 'unknown';
  const now = processIdentity(stamp.pid);
  if (now === undefined) return 'unknown';
  return now === stamp.process ? 'running' : 'gone';
}

export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * A short tag for this computer, put in temp file names so that a leftover from another computer
 * on a shared folder is never judged by a local pid.
 */
export function hostTag(host: string = os.hostname()): string {
  return createHash('sha256').update(host).digest('hex').slice(0, 6);
}
