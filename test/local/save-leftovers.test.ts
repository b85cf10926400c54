/**
 * Cleaning what a crashed Carnet left beside a workbook: only Carnet's own names, only when their
 * writer is gone or they are old; and a save killed at any moment, for real.
 */

import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveAtomically } from '../../local/save/atomic.js';
import { cleanLeftovers } from '../../local/save/leftovers.js';
import { hostTag } from '../../local/save/processes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKER = path.join(ROOT, 'test/local/save-worker.ts');
const isRoot = process.getuid?.() === 0;
const MINE = hostTag();
const OTHER_COMPUTER = hostTag('another-computer');

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-leftovers-'));
  file = path.join(dir, 'book.xlsx');
  await fs.writeFile(file, 'workbook');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

async function put(name: string, ageMs = 0, content = 'a full copy of the CRM'): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, content);
  if (ageMs) {
    const then = new Date(Date.now() - ageMs);
    await fs.utimes(p, then, then);
  }
  return p;
}

const HOUR = 3_600_000;

/** A folder's names, sorted: readdir's order is the file system's. */
const ls = async (d: string) => (await fs.readdir(d)).sort();

describe('cleanLeftovers', () => {
  it('removes the temp files of saves whose process is gone, in the names of this version and the one before', async () => {
    const pid = deadPid();
    const left = [
      await put(`.book.xlsx.${pid}.${MINE}.0a1b2c3d.tmp`),
      await put(`.book.xlsx.${pid}.${MINE}.0a1b2c3d.bak.tmp`),
      await put(`.book.xlsx.${pid}.deadbeef.tmp`),
      await put(`.book.xlsx.${pid}.deadbeef.bak.tmp`),
    ];
    expect(await cleanLeftovers(file)).toEqual({ removed: left.sort(), repaired: [] });
    expect(await ls(dir)).toEqual(['book.xlsx']);
  });

  it('keeps the temp files of a save in progress, unless they are too old to be one', async () => {
    const young = await put(`.book.xlsx.${process.pid}.${MINE}.0a1b2c3d.tmp`);
    const old = await put(`.book.xlsx.${process.pid}.${MINE}.11111111.tmp`, HOUR);
    expect(await cleanLeftovers(file)).toEqual({ removed: [old], repaired: [] });
    expect(await ls(dir)).toEqual([path.basename(young), 'book.xlsx']);
  });

  it("judges another computer's temp files by their age only, since a pid says nothing here", async () => {
    const pid = deadPid();
    await put(`.book.xlsx.${pid}.${OTHER_COMPUTER}.0a1b2c3d.tmp`);
    const old = await put(`.book.xlsx.${pid}.${OTHER_COMPUTER}.11111111.tmp`, HOUR);
    expect(await cleanLeftovers(file)).toEqual({ removed: [old], repaired: [] });
  });

  it('never touches anything else: other names, other workbooks, folders, other programs’ files', async () => {
    const pid = deadPid();
    const others = [
      `.book.xlsx.notes.tmp`,
      `book.xlsx.tmp`,
      `.book.xlsx.${pid}.deadbeef.tmp.keep`,
      `.other.xlsx.${pid}.deadbeef.tmp`,
      `.book.xlsx.${pid}.DEADBEEF.tmp`,
      `~$book.xlsx`,
      `.~lock.book.xlsx#`,
      `book.xlsx.lock`,
    ];
    for (const name of others) await put(name, HOUR);
    await fs.mkdir(path.join(dir, `.book.xlsx.${pid}.deadbeef.tmp`)); // a folder with our name is not ours
    expect(await cleanLeftovers(file)).toEqual({ removed: [], repaired: [] });
    expect(await ls(dir)).toEqual([...others, `.book.xlsx.${pid}.deadbeef.tmp`, 'book.xlsx'].sort());
  });

  it('replaces a .bak that is a hard link of the workbook (left by a kill between two renames) with a real copy', async () => {
    await fs.link(file, `${file}.bak`);
    expect(await cleanLeftovers(file)).toEqual({ removed: [], repaired: [`${file}.bak`] });
    const [workbook, bak] = await Promise.all([fs.stat(file), fs.stat(`${file}.bak`)]);
    expect(bak.ino).not.toBe(workbook.ino);
    expect([workbook.nlink, await fs.readFile(`${file}.bak`, 'utf8')]).toEqual([1, 'workbook']);
  });

  it("removes locks moved aside and dead waiters' tickets, but never the lock itself", async () => {
    const pid = deadPid();
    const aside = await put(`book.xlsx.lock.${pid}.0a1b2c3d.stale`);
    const lock = await put('book.xlsx.lock', 0, `${JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'f'.repeat(16) })}\n`);
    await fs.mkdir(`${lock}.queue`);
    const ticket = path.join(`${lock}.queue`, `000000000001.${'a'.repeat(16)}.ticket`);
    await fs.writeFile(ticket, JSON.stringify({ pid, host: os.hostname(), token: 'a'.repeat(16) }));
    expect(await cleanLeftovers(file)).toEqual({ removed: [aside, ticket].sort(), repaired: [] });
    expect(await ls(dir)).toEqual(['book.xlsx', 'book.xlsx.lock']);
  });

  it("looks beside a link's target (where saves go) and beside the link (where older versions wrote)", async () => {
    const pid = deadPid();
    await fs.mkdir(path.join(dir, 'me'));
    const link = path.join(dir, 'me', 'mine.xlsx');
    await fs.symlink('../book.xlsx', link);
    const besideTarget = await put(`.book.xlsx.${pid}.${MINE}.0a1b2c3d.tmp`);
    const besideLink = await put(path.join('me', `.mine.xlsx.${pid}.deadbeef.tmp`));
    expect(await cleanLeftovers(link)).toEqual({ removed: [besideTarget, besideLink].sort(), repaired: [] });
  });

  it.runIf(isRoot)('warns about a leftover it may not remove, and goes on', async () => {
    await fs.chmod(dir, 0o755); // others may look, not remove
    const left = await put(`.book.xlsx.${deadPid()}.${MINE}.0a1b2c3d.tmp`);
    const result = await runWorker(['clean', file], 65534);
    expect(JSON.parse(result)).toEqual({
      removed: [],
      repaired: [],
      warnings: [
        `Could not remove ${left}, left by a Carnet that stopped mid-save (it holds a full copy of the workbook as it was ` +
          'being saved): permission denied. Delete it by hand.',
      ],
    });
  });

  it('after a save killed at any moment: the workbook is one whole version, the .bak another file, and nothing else stays', async () => {
    const size = 4 * 1024 * 1024;
    // Twice: the .bak is then a whole version too, not the 8 bytes beforeEach wrote — on a busy
    // machine the first child can be killed before its first save ends, leaving that .bak as it is.
    await saveAtomically(file, Buffer.alloc(size, 'a'));
    await saveAtomically(file, Buffer.alloc(size, 'a'));
    const whole = (text: Buffer) => text.length === size && (text.every((b) => b === 0x61) || text.every((b) => b === 0x62));
    let cleaned = 0;
    for (const delayMs of [40, 90, 150, 230, 320]) {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, 'loop', file, String(size)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      expect(whole(await fs.readFile(file))).toBe(true);
      const [workbook, bak] = await Promise.all([fs.stat(file), fs.stat(`${file}.bak`)]);
      expect(bak.ino).not.toBe(workbook.ino);
      expect(whole(await fs.readFile(`${file}.bak`))).toBe(true);
      cleaned += (await cleanLeftovers(file)).removed.length;
      expect(await ls(dir)).toEqual(['book.xlsx', 'book.xlsx.bak']);
    }
    expect(cleaned).toBeGreaterThan(0); // the kills did land mid-save
  });
});

function runWorker(args: string[], uid: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, uid, gid: uid });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err)))));
}
