/**
 * Heartbeats: a process that holds the lock (or waits in its queue) touches its file regularly, so
 * that others can tell a long save from a hung or vanished process even where pids say nothing
 * (another computer on a shared folder, or a platform without process start times).
 */

import { promises as fs } from 'node:fs';

export interface Heartbeat {
  stop(): void;
}

/**
 * Touches `path` every `intervalMs` with this computer's clock. The timer does not keep the
 * process alive. `stillOurs` is asked first, so that a file taken over by someone else is never
 * kept fresh on their behalf.
 */
export function startHeartbeat(path: string, intervalMs: number, stillOurs: () => Promise<boolean>): Heartbeat {
  let stopped = false;
  let busy = false;
  const beat = async () => {
    if (busy || stopped) return; // a slow share: never stack touches
    busy = true;
    try {
      if (!(await stillOurs())) {
        stopped = true;
        clearInterval(timer);
        return;
      }
      const now = new Date();
      await fs.utimes(path, now, now);
    } catch {
      // The next beat tries again; a file that is gone is noticed by stillOurs.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

export interface FileState {
  ino: number;
  size: number;
  mtimeMs: number;
}

/**
 * Judges whether a file has stopped being refreshed, as seen by this process.
 *
 * The file's mtime comes from the clock of the computer that touched it, which on a shared folder
 * may be minutes away from ours. So "old" needs two things: the mtime is older than the bound by
 * our clock, and we have ourselves seen the file unchanged for a little while (a live holder
 * touches it every heartbeat, so a skewed clock alone can never make it look abandoned). Having
 * watched it unchanged for the whole bound is enough by itself (our clock may be the one behind).
 */
export class FreshnessWatch {
  private readonly firstSeen = new Map<string, { state: string; at: number }>();

  /** True when the file at `key`, now in `state`, has not changed for `boundMs`. */
  isOld(key: string, state: FileState, boundMs: number, confirmMs: number): boolean {
    const now = Date.now();
    const signature = `${state.ino}:${state.size}:${state.mtimeMs}`;
    const seen = this.firstSeen.get(key);
    if (!seen || seen.state !== signature) {
      this.firstSeen.set(key, { state: signature, at: now });
      return false;
    }
    const watched = now - seen.at;
    const age = now - state.mtimeMs;
    return (age > boundMs && watched >= Math.min(confirmMs, boundMs)) || watched >= boundMs;
  }

  forget(key: string): void {
    this.firstSeen.delete(key);
  }
}
