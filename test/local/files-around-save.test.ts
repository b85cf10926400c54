/**
 * The files around a local save, end to end through the CLI (issue 8, section 5): a spreadsheet
 * program's lock file, a workbook shared through a symbolic link, what a crashed save leaves, and
 * several writers at once. The library under it is tested in file-lock.test.ts and save-*.test.ts.
 */

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { carnet } from '../helpers/cli.js';

let dir: string;
let demo: string;
let file: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-around-'));
  demo = path.join(dir, 'demo.xlsx');
  expect((await carnet('demo', demo, '--companies', '30')).code).toBe(0);
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

let n = 0;
beforeEach(async () => {
  const sub = path.join(dir, `case-${n++}`);
  await fs.mkdir(sub);
  file = path.join(sub, 'book.xlsx');
  await fs.copyFile(demo, file);
});

const companies = async (f = file) => (await (await XlsxWorkbook.open(f)).read('Companies')).map((r) => r[1]);

describe('When LibreOffice or Excel has the workbook open', () => {
  for (const [program, lockName, content] of [
    ['LibreOffice', '.~lock.book.xlsx#', ',Ada Lovelace,ada-laptop,01.12.2026 09:12,file:///home/ada/.config/libreoffice/4;'],
    ['Excel', '~$book.xlsx', `${String.fromCharCode(3)}Ada${' '.repeat(50)}`],
  ] as const) {
    it(`refuses to write while ${program} has it, says which and how to go on; reads still work; --force writes`, async () => {
      const lock = path.join(path.dirname(file), lockName);
      await fs.writeFile(lock, content);
      const before = await fs.readFile(file);
      const r = await carnet('add', file, 'companies', '--set', 'name=Blue Harbor');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file} is open in ${program}`);
      expect(r.stderr).toContain('Close the file in');
      expect(r.stderr).toContain('--force');
      expect(r.stderr).toContain(lock);
      expect(r.stderr.trim().endsWith('[E_LOCKED]')).toBe(true);
      expect((await fs.readFile(file)).equals(before)).toBe(true);
      expect((await carnet('list', file, 'companies', '--json')).code).toBe(0);
      const forced = await carnet('add', file, 'companies', '--set', 'name=Blue Harbor', '--force');
      expect(forced.code).toBe(0);
      expect(await companies()).toContain('Blue Harbor');
    });
  }
});

describe('A workbook shared through a symbolic link', () => {
  it('gets the row in the shared file; the link stays a link', async () => {
    const link = path.join(path.dirname(file), 'mine.xlsx');
    await fs.symlink(file, link);
    expect((await carnet('add', link, 'companies', '--set', 'name=Through The Link')).code).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await companies(file)).toContain('Through The Link');
    expect(await fs.readdir(path.dirname(file))).toEqual(['book.xlsx', 'book.xlsx.bak', 'mine.xlsx']);
  });
});

describe('What a crashed save left', () => {
  it('is removed by the next command, and nothing that is not Carnet’s', async () => {
    const folder = path.dirname(file);
    // A temp file of a save whose process is gone (pid 2^22 + 1 exceeds Linux's pid_max), a
    // copy of the CRM data; and a file of the team's with a similar name.
    const gone = 4_194_305;
    await fs.writeFile(path.join(folder, `.book.xlsx.${gone}.a1b2c3d4.tmp`), await fs.readFile(file));
    await fs.writeFile(path.join(folder, `.book.xlsx.${gone}.a1b2c3d4.bak.tmp`), 'half');
    await fs.writeFile(path.join(folder, 'book.xlsx.notes.tmp'), 'the team’s own');
    expect((await carnet('add', file, 'companies', '--set', 'name=After The Crash')).code).toBe(0);
    expect((await fs.readdir(folder)).sort()).toEqual(['book.xlsx', 'book.xlsx.bak', 'book.xlsx.notes.tmp']);
  });

  it('never leaves the workbook and its .bak as one file', async () => {
    expect((await carnet('add', file, 'companies', '--set', 'name=Once')).code).toBe(0);
    const [a, b] = await Promise.all([fs.stat(file), fs.stat(`${file}.bak`)]);
    expect(a.ino).not.toBe(b.ino);
  });
});

describe('Four writers at once', () => {
  it('each adding 25 companies to a 1,000-company workbook: all 100 adds go through, none lost', async () => {
    const big = path.join(dir, 'big.xlsx');
    expect((await carnet('demo', big, '--companies', '1000')).code).toBe(0);
    const run = promisify(execFile);
    const worker = path.join(import.meta.dirname, 'add-worker.ts');
    const results = await Promise.all(
      [1, 2, 3, 4].map(async (id) => JSON.parse((await run(process.execPath, ['--import', 'tsx', worker, big, String(id), '25'], { timeout: 240_000 })).stdout) as { errors: string[]; longest: number }),
    );
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    const names = await companies(big);
    for (const id of [1, 2, 3, 4]) for (let i = 0; i < 25; i++) expect(names).toContain(`Writer ${id} company ${i}`);
    expect(names.filter((x) => typeof x === 'string' && x.startsWith('Writer '))).toHaveLength(100);
  }, 300_000);
});
