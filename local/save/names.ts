/**
 * Every name Carnet gives a file beside a workbook, in one place: the save writes them, and the
 * leftover cleaner removes exactly these (and never anything else a person or program put there).
 *
 * For `book.xlsx`:
 * - `book.xlsx.bak`                               the previous version, a real copy
 * - `.book.xlsx.<pid>.<host>.<random>.tmp`        the new version while it is written
 * - `.book.xlsx.<pid>.<host>.<random>.bak.tmp`    the next `.bak` while it is copied
 * - `book.xlsx.lock`                              the lock (see local/file-lock.ts)
 * - `book.xlsx.lock.queue/<n>.<random>.ticket`    writers waiting for the lock, in order
 * - `book.xlsx.lock.<pid>.<random>.stale`         a dead holder's lock, moved aside to be removed
 *
 * `<host>` is a short hash of the computer's name (see processes.hostTag). Temp files written before
 * it existed (`.book.xlsx.<pid>.<random>.tmp`) are recognised too, since a crash of that version
 * left them on people's disks.
 */

import { randomBytes } from 'node:crypto';
import nodePath from 'node:path';
import { hostTag } from './processes.js';

export const backupPath = (target: string): string => `${target}.bak`;

/** The temp file and the `.bak` temp file of one save, beside `target`. */
export function saveTempPaths(target: string): { temp: string; bakTemp: string } {
  const dir = nodePath.dirname(target);
  const stem = `.${nodePath.basename(target)}.${process.pid}.${hostTag()}.${randomBytes(4).toString('hex')}`;
  return { temp: nodePath.join(dir, `${stem}.tmp`), bakTemp: nodePath.join(dir, `${stem}.bak.tmp`) };
}

export interface SaveTempName {
  pid: number;
  /** Absent for names written before host tags. */
  host?: string;
}

/** Parses `name` as one of the save's temp files for the workbook called `base`. */
export function parseSaveTemp(base: string, name: string): SaveTempName | undefined {
  const prefix = `.${base}.`;
  if (!name.startsWith(prefix)) return undefined;
  const m = /^(\d+)\.(?:([0-9a-f]{6})\.)?[0-9a-f]{8}(?:\.bak)?\.tmp$/.exec(name.slice(prefix.length));
  if (!m) return undefined;
  return { pid: Number(m[1]), ...(m[2] ? { host: m[2] } : {}) };
}

export const lockPathFor = (target: string): string => `${target}.lock`;
export const queueDirFor = (lockPath: string): string => `${lockPath}.queue`;

export function lockAsidePath(lockPath: string): string {
  return `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
}

/** Parses `name` as a lock moved aside for the lock file called `lockBase`. */
export function parseLockAside(lockBase: string, name: string): { pid: number } | undefined {
  const prefix = `${lockBase}.`;
  if (!name.startsWith(prefix)) return undefined;
  const m = /^(\d+)\.[0-9a-f]{8}\.stale$/.exec(name.slice(prefix.length));
  return m ? { pid: Number(m[1]) } : undefined;
}

/** Tickets sort by their number, then by their random part (two taken at the same instant). */
export function ticketName(seq: number, token: string): string {
  return `${String(seq).padStart(12, '0')}.${token}.ticket`;
}

export function parseTicket(name: string): { seq: number; token: string } | undefined {
  const m = /^(\d{12})\.([0-9a-f]{16})\.ticket$/.exec(name);
  return m ? { seq: Number(m[1]), token: m[2] } : undefined;
}
