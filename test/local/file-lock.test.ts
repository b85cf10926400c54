/**
 * The workbook lock between real processes: what makes a lock abandoned, what keeps it held, what
 * E_LOCKED says, and that writers are served in the order they came.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarnetError, type ErrorData } from '../../core/errors.js';
import { acquireLock, describeWait, type WaitInfo } from '../../local/file-lock.js';
import { processIdentity } from '../../local/save/processes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKER = path.join(ROOT, 'test/local/lock-worker.ts');
const HOST = os.hostname();
const SINCE = '2025-03-01T09:12:05.000Z';
const hasProcessIdentity = processIdentity(process.pid) !== undefined;

let dir: string;
let lockPath: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-lock-'));
  lockPath = path.join(dir, 'book.xlsx.lock');
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await fs.rm(dir, { recursive: true, force: true });
});

/** A folder's names, sorted: readdir's order is the file system's. */
const ls = async (d: string) => (await fs.readdir(d)).sort();

async function errorOf(promise: Promise<unknown>): Promise<ErrorData> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CarnetError);
    return (error as CarnetError).data;
  }
  throw new Error('expected a rejection');
}

/** The pid of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/** A live process that does nothing (killed after the test). */
function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

function worker(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Resolves with the child's whole stdout when it exits; rejects with its stderr if it fails. */
function finished(child: ChildProcess): Promise<string> {
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
}

function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes(text)) resolve();
    });
  });
}

async function writeLock(content: object | string, ageMs = 0): Promise<void> {
  await fs.writeFile(lockPath, typeof content === 'string' ? content : `${JSON.stringify(content)}\n`);
  if (ageMs) {
    const then = new Date(Date.now() - ageMs);
    await fs.utimes(lockPath, then, then);
  }
}

async function lockOwnerPid(): Promise<number> {
  return (JSON.parse(await fs.readFile(lockPath, 'utf8')) as { pid: number }).pid;
}

describe('acquireLock', () => {
  describe('takes over a lock left behind', () => {
    it('at once when its process is dead, and leaves nothing behind on release', async () => {
      await writeLock({ pid: deadPid(), host: HOST, token: 'cafe0001cafe0001', since: SINCE });
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 2_000 });
      expect(await lockOwnerPid()).toBe(process.pid);
      await lock.release();
      expect(await ls(dir)).toEqual([]);
    });

    it('written by an older Carnet (pid, host and token lines) whose process is dead', async () => {
      await writeLock(`${deadPid()}\n${HOST}\ncafe0001\n`);
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 2_000 });
      expect(await lockOwnerPid()).toBe(process.pid);
      await lock.release();
    });

    it.runIf(hasProcessIdentity)('when its pid now belongs to another process (pids are reused after a restart)', async () => {
      const other = sleeper();
      const [boot] = processIdentity(process.pid)!.split('/');
      await writeLock({ pid: other.pid, host: HOST, token: 'cafe0001cafe0001', process: `${boot}/1`, since: SINCE });
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 2_000 });
      expect(await lockOwnerPid()).toBe(process.pid);
      await lock.release();
    });

    it('when its heartbeat stopped, even though its process is alive', async () => {
      const hung = sleeper();
      await waitFor(() => processIdentity(hung.pid!) !== undefined || !hasProcessIdentity);
      await writeLock(
        { pid: hung.pid, host: HOST, token: 'cafe0001cafe0001', process: processIdentity(hung.pid!), since: SINCE },
        10_000,
      );
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 5_000, staleMs: 1_000, heartbeatMs: 100 });
      expect(await lockOwnerPid()).toBe(process.pid);
      await lock.release();
    });

    it('when it is empty and older than a second (a crash between creating and writing it)', async () => {
      await writeLock('', 5_000);
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 2_000 });
      expect(await lockOwnerPid()).toBe(process.pid);
      await lock.release();
    });
  });

  describe('waits for a lock in use', () => {
    it('for as long as its holder keeps its heartbeat, longer than the stale bound', async () => {
      const holder = worker('hold', lockPath, '1500', '50', '600'); // holds it for 2.5 stale bounds
      const done = finished(holder);
      await printed(holder, 'held');
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 10_000, staleMs: 600, heartbeatMs: 50 });
      const acquiredAt = Date.now();
      const released = Number(/released (\d+)/.exec(await done)![1]);
      expect(acquiredAt).toBeGreaterThanOrEqual(released);
      await lock.release();
    });

    it('and then gives up with E_LOCKED naming the workbook, the lock file, its holder and how to clear it', async () => {
      const holder = sleeper();
      const lock = { pid: holder.pid, host: HOST, token: 'cafe0001cafe0001', process: processIdentity(holder.pid!), since: SINCE };
      await writeLock(lock);
      const content = await fs.readFile(lockPath, 'utf8');
      expect(await errorOf(acquireLock(lockPath, 'book.xlsx', { timeoutMs: 300 }))).toEqual({
        code: 'E_LOCKED',
        message:
          `book.xlsx is being saved by another Carnet (pid ${holder.pid} on ${HOST}, since 2025-03-01 09:12:05 UTC); ` +
          `Carnet waited 300 ms and changed nothing. Run the command again in a moment. If no Carnet is running on ${HOST}, ` +
          `delete the lock file ${lockPath}.`,
      });
      expect(await fs.readFile(lockPath, 'utf8')).toBe(content); // not ours to remove
      expect(await ls(dir)).toEqual(['book.xlsx.lock', 'book.xlsx.lock.queue']);
      expect(await ls(`${lockPath}.queue`)).toEqual([]); // our ticket is gone
    });

    it('an empty lock younger than a second (being written), then says it does not know who holds it', async () => {
      await writeLock('');
      expect(await errorOf(acquireLock(lockPath, 'book.xlsx', { timeoutMs: 300 }))).toEqual({
        code: 'E_LOCKED',
        message:
          `book.xlsx is locked by ${lockPath}, which does not say who holds it; Carnet waited 300 ms and changed nothing. ` +
          `If no Carnet is saving book.xlsx, delete ${lockPath} and run the command again.`,
      });
    });

    it('telling onWait about once a second what it waits for', async () => {
      const holder = sleeper();
      await writeLock({ pid: holder.pid, host: HOST, token: 'cafe0001cafe0001', process: processIdentity(holder.pid!), since: SINCE });
      const reports: WaitInfo[] = [];
      await errorOf(acquireLock(lockPath, 'book.xlsx', { timeoutMs: 1_500, onWait: (info) => reports.push(info) }));
      expect(reports).toHaveLength(1); // at 1 s, not before: a short wait shows nothing
      expect(reports[0]!.waitedMs).toBeGreaterThanOrEqual(1_000);
      expect({ ...reports[0]!, waitedMs: 12_300 }).toEqual({
        lockPath,
        displayName: 'book.xlsx',
        waitedMs: 12_300,
        holder: { pid: holder.pid, host: HOST, since: new Date(SINCE) },
        ahead: 0,
      });
      expect(describeWait({ ...reports[0]!, waitedMs: 12_300 })).toBe(
        `waiting for Carnet (pid ${holder.pid} on ${HOST}, since 2025-03-01 09:12:05 UTC) to finish saving book.xlsx (12 s)`,
      );
      expect(describeWait({ lockPath, displayName: 'book.xlsx', waitedMs: 3_000, ahead: 2 })).toBe(
        'waiting for 2 other Carnet commands to finish saving book.xlsx (3 s)',
      );
    });
  });

  it.runIf(process.getuid?.() === 0)('says so with E_FILE when it may not write beside the workbook', async () => {
    await fs.chmod(dir, 0o755);
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, 'try', lockPath], { cwd: ROOT, uid: 65534, gid: 65534 });
    children.push(child);
    expect(JSON.parse(await finished(child))).toEqual({
      error: {
        code: 'E_FILE',
        message:
          `Cannot lock book.xlsx for saving: cannot write ${lockPath}.queue (permission denied); nothing was changed. ` +
          `Carnet needs to write in the folder ${dir}: ask whoever manages it for write access.`,
      },
    });
  });

  describe('releases', () => {
    it('only a lock that is still its own', async () => {
      const lock = await acquireLock(lockPath, 'book.xlsx');
      const taker = `${JSON.stringify({ pid: process.pid, host: HOST, token: 'feedfeedfeedfeed', since: SINCE })}\n`;
      await fs.writeFile(lockPath, taker); // as if taken over while this holder was stalled
      await lock.release();
      expect(await fs.readFile(lockPath, 'utf8')).toBe(taker);
    });
  });

  describe('queues writers first come, first served', () => {
    const queue = () => `${lockPath}.queue`;
    const ticket = (seq: number, token: string) => path.join(queue(), `${String(seq).padStart(12, '0')}.${token}.ticket`);

    it('behind a live waiter that came first, even with the lock free', async () => {
      const waiter = sleeper();
      await fs.mkdir(queue());
      await fs.writeFile(ticket(1, 'a'.repeat(16)), JSON.stringify({ pid: waiter.pid, host: HOST, token: 'a'.repeat(16), process: processIdentity(waiter.pid!) }));
      expect(await errorOf(acquireLock(lockPath, 'book.xlsx', { timeoutMs: 300 }))).toEqual({
        code: 'E_LOCKED',
        message:
          `book.xlsx is being saved by 1 other Carnet command queued before this one (in ${queue()}); ` +
          'Carnet waited 300 ms and changed nothing. Run the command again in a moment.',
      });
    });

    it('skipping and removing the tickets of waiters that died', async () => {
      await fs.mkdir(queue());
      await fs.writeFile(ticket(1, 'a'.repeat(16)), JSON.stringify({ pid: deadPid(), host: HOST, token: 'a'.repeat(16) }));
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 2_000 });
      expect(await ls(queue())).toEqual([]);
      await lock.release();
      expect(await ls(dir)).toEqual([]);
    });

    it('so that four processes taking it 25 times each all succeed, in turn, and none starves', async () => {
      const counter = path.join(dir, 'counter');
      const log = path.join(dir, 'log');
      await fs.writeFile(counter, '0');
      await fs.writeFile(log, '');
      const ids = ['a', 'b', 'c', 'd'];
      const outputs = await Promise.all(ids.map((id) => finished(worker('contend', lockPath, counter, log, id, '25', '30'))));
      expect(outputs.map((o) => JSON.parse(o))).toEqual(ids.map((id) => ({ id, errors: [] })));
      expect(await fs.readFile(counter, 'utf8')).toBe('100'); // no two read-modify-writes overlapped
      const order = (await fs.readFile(log, 'utf8')).trim().split('\n');
      expect(order).toHaveLength(100);
      for (const id of ids) expect(order.filter((o) => o === id)).toHaveLength(25);
      // Fairness: while one writer waits for its next turn, no other writer gets more than two.
      // (One is what strict arrival order gives; a second can happen when two writers take their
      // tickets at the same instant. An unfair lock lets a writer take many turns in a row.)
      expect(mostTurnsOfOneOtherBetweenTwoOfMine(order)).toBeLessThanOrEqual(2);
    });
  });
});

/** Over the whole order, the most turns any writer took while another waited between two turns. */
function mostTurnsOfOneOtherBetweenTwoOfMine(order: string[]): number {
  let most = 0;
  const last = new Map<string, number>();
  order.forEach((id, i) => {
    const previous = last.get(id);
    if (previous !== undefined) {
      const counts = new Map<string, number>();
      for (const other of order.slice(previous + 1, i)) counts.set(other, (counts.get(other) ?? 0) + 1);
      most = Math.max(most, ...counts.values());
    }
    last.set(id, i);
  });
  return most;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
