/**
 * The atomic save on real files: the `.bak`, links, owners and permissions, another program's save
 * in the meantime, and failures that name the file at fault.
 */

import { spawn, type SpawnOptions } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarnetError, type ErrorData } from '../../core/errors.js';
import { saveAtomically, stampOf, type DiskStamp } from '../../local/save/atomic.js';
import { groupName, userName } from '../../local/save/ownership.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKER = path.join(ROOT, 'test/local/save-worker.ts');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-save-'));
  file = path.join(dir, 'book.xlsx');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<ErrorData> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CarnetError);
    return (error as CarnetError).data;
  }
  throw new Error('expected a rejection');
}

const read = (p: string) => fs.readFile(p, 'utf8');

/** A folder's names, sorted: readdir's order is the file system's. */
const ls = async (d: string) => (await fs.readdir(d)).sort();

/** Runs the save worker; resolves with the JSON line it prints. */
function workerSave(target: string, text: string, options: SpawnOptions = {}): Promise<{ warnings?: string[]; error?: ErrorData }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, 'save', target, text], { cwd: ROOT, ...options });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
}

/** Another program saving the file its own way, from its own process. */
function otherProgramWrites(target: string, text: string, how: 'replace' | 'in place'): Promise<void> {
  const script =
    how === 'replace'
      ? `const fs = require('fs'); fs.writeFileSync(process.argv[1] + '~', process.argv[2]); fs.renameSync(process.argv[1] + '~', process.argv[1]);`
      : `require('fs').appendFileSync(process.argv[1], process.argv[2]);`;
  const child = spawn(process.execPath, ['-e', script, target, text], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', () => resolve()));
}

describe('saveAtomically', () => {
  describe('on success', () => {
    it('writes the bytes, keeps the previous version as a real copy, and leaves no temp file', async () => {
      const first = await saveAtomically(file, Buffer.from('v1'));
      expect(await ls(dir)).toEqual(['book.xlsx']); // nothing to back up the first time
      const second = await saveAtomically(file, Buffer.from('v2'));
      expect(await read(file)).toBe('v2');
      expect(await read(`${file}.bak`)).toBe('v1');
      const [workbook, bak] = await Promise.all([fs.stat(file), fs.stat(`${file}.bak`)]);
      expect(bak.ino).not.toBe(workbook.ino); // never a hard link: the .bak is not the workbook itself
      expect(workbook.nlink).toBe(1);
      expect(second).toEqual(stampOf(workbook));
      expect(second.ino).not.toBe(first.ino);
      expect(await ls(dir)).toEqual(['book.xlsx', 'book.xlsx.bak']);
    });

    it('writes a list of chunks in order', async () => {
      await saveAtomically(file, [Buffer.from('PK'), new Uint8Array([0x03, 0x04]), Buffer.alloc(0), Buffer.from('rest')]);
      expect(await fs.readFile(file)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('rest')]));
    });

    it('keeps the permissions of the previous file, which the umask would have cut', async () => {
      await saveAtomically(file, Buffer.from('v1'));
      await fs.chmod(file, 0o660);
      await saveAtomically(file, Buffer.from('v2'));
      expect((await fs.stat(file)).mode & 0o777).toBe(0o660);
      expect((await fs.stat(`${file}.bak`)).mode & 0o777).toBe(0o660);
    });

    it.runIf(isRoot)('keeps the owner and group of the previous file', async () => {
      await saveAtomically(file, Buffer.from('v1'));
      await fs.chown(file, NOBODY, NOBODY);
      const warnings: string[] = [];
      await saveAtomically(file, Buffer.from('v2'), { onWarning: (m) => warnings.push(m) });
      const [workbook, bak] = await Promise.all([fs.stat(file), fs.stat(`${file}.bak`)]);
      expect([workbook.uid, workbook.gid, bak.uid, bak.gid]).toEqual([NOBODY, NOBODY, NOBODY, NOBODY]);
      expect(warnings).toEqual([]);
    });

    it.runIf(isRoot)('warns, saying who owns the file now and what to do, when it may not keep the owner', async () => {
      await fs.chmod(dir, 0o777);
      await saveAtomically(file, Buffer.from('v1'));
      await fs.chmod(file, 0o666);
      const result = await workerSave(file, 'v2', { uid: NOBODY, gid: NOBODY });
      const me = `${userName(NOBODY)}:${groupName(NOBODY)}`;
      expect(result).toEqual({
        warnings: [
          `${file} was saved, but it now belongs to ${me} instead of root:root: Carnet runs as ${userName(NOBODY)}, ` +
            `which may not give a file to another user. To give it back, run: sudo chown root:root ${file} (or run Carnet as root).`,
        ],
      });
      const saved = await fs.stat(file);
      expect([saved.uid, saved.mode & 0o777, await read(file)]).toEqual([NOBODY, 0o666, 'v2']);
    });

    it('warns that other hard links of the workbook keep the previous version', async () => {
      await saveAtomically(file, Buffer.from('v1'));
      await fs.link(file, path.join(dir, 'other-name.xlsx'));
      const warnings: string[] = [];
      await saveAtomically(file, Buffer.from('v2'), { onWarning: (m) => warnings.push(m) });
      expect(warnings).toEqual([
        `${file} had another name (hard links); they still show the previous version. ` +
          'Use a symbolic link to share one workbook under several names.',
      ]);
    });
  });

  describe('through a symbolic link', () => {
    it("writes the link's target, keeps the link, and puts the .bak beside the target", async () => {
      await fs.mkdir(path.join(dir, 'shared'));
      await fs.mkdir(path.join(dir, 'me'));
      const shared = path.join(dir, 'shared', 'book.xlsx');
      const link = path.join(dir, 'me', 'book.xlsx');
      await fs.writeFile(shared, 'v1');
      await fs.symlink('../shared/book.xlsx', link);
      await saveAtomically(link, Buffer.from('v2'));
      expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
      expect(await read(shared)).toBe('v2');
      expect(await read(`${shared}.bak`)).toBe('v1');
      expect(await ls(path.join(dir, 'me'))).toEqual(['book.xlsx']);
      expect(await ls(path.join(dir, 'shared'))).toEqual(['book.xlsx', 'book.xlsx.bak']);
    });

    it('that dangles, creates its target', async () => {
      const link = path.join(dir, 'link.xlsx');
      await fs.symlink('book.xlsx', link);
      await saveAtomically(link, Buffer.from('new'));
      expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
      expect(await read(file)).toBe('new');
    });
  });

  describe('when another program saved the file since Carnet loaded it', () => {
    let loaded: DiskStamp;
    beforeEach(async () => {
      await saveAtomically(file, Buffer.from('v1'));
      loaded = await saveAtomically(file, Buffer.from('v2'));
    });

    const expected = (what = 'saved') => ({
      code: 'E_CONFLICT',
      message: `${file} was ${what} by another program while Carnet was working; nothing was saved; run the command again.`,
    });

    it('by renaming a new version over it (Excel), replaces nothing and says so', async () => {
      await otherProgramWrites(file, 'theirs', 'replace');
      expect(await errorOf(saveAtomically(file, Buffer.from('ours'), { expect: loaded }))).toEqual(expected());
      expect([await read(file), await read(`${file}.bak`)]).toEqual(['theirs', 'v1']);
      expect(await ls(dir)).toEqual(['book.xlsx', 'book.xlsx.bak']);
    });

    it('by writing into it in place, replaces nothing and says so', async () => {
      await otherProgramWrites(file, ' and theirs', 'in place');
      expect(await errorOf(saveAtomically(file, Buffer.from('ours'), { expect: loaded }))).toEqual(expected());
      expect(await read(file)).toBe('v2 and theirs');
    });

    it('by deleting it, saves nothing', async () => {
      await fs.rm(file);
      expect(await errorOf(saveAtomically(file, Buffer.from('ours'), { expect: loaded }))).toEqual(expected('deleted or moved'));
      expect(await ls(dir)).toEqual(['book.xlsx.bak']);
    });

    it('and saves when the file is still the version loaded', async () => {
      const next = await saveAtomically(file, Buffer.from('v3'), { expect: loaded });
      expect(await read(file)).toBe('v3');
      expect(next).toEqual(stampOf(await fs.stat(file)));
    });

    it('by creating it, when Carnet expected no file, saves nothing', async () => {
      const fresh = path.join(dir, 'new.xlsx');
      await otherProgramWrites(fresh, 'theirs', 'replace');
      expect(await errorOf(saveAtomically(fresh, Buffer.from('ours'), { expect: null }))).toEqual({
        code: 'E_CONFLICT',
        message: `${fresh} was created by another program while Carnet was working; nothing was saved; run the command again.`,
      });
      expect(await read(fresh)).toBe('theirs');
    });
  });

  describe('on failure, saves nothing, removes its temp files and names the file at fault', () => {
    it('when the .bak cannot be put in place', async () => {
      await saveAtomically(file, Buffer.from('v1'));
      await fs.mkdir(`${file}.bak`);
      expect(await errorOf(saveAtomically(file, Buffer.from('v2')))).toEqual({
        code: 'E_FILE',
        message:
          `Could not save ${file}: could not keep the previous version as ${file}.bak (it is a directory); nothing was saved. ` +
          `Move ${file}.bak out of the way and run the command again.`,
      });
      expect(await read(file)).toBe('v1');
      expect(await ls(dir)).toEqual(['book.xlsx', 'book.xlsx.bak']);
    });

    it('when the folder does not exist', async () => {
      const missing = path.join(dir, 'nowhere', 'book.xlsx');
      expect(await errorOf(saveAtomically(missing, Buffer.from('v1')))).toEqual({
        code: 'E_FILE',
        message: `Could not save ${missing}: the folder ${path.join(dir, 'nowhere')} does not exist; nothing was saved. Check the path and run the command again.`,
      });
    });

    it('when the path is a folder', async () => {
      await fs.mkdir(file);
      expect(await errorOf(saveAtomically(file, Buffer.from('v1')))).toEqual({
        code: 'E_FILE',
        message: `Could not save ${file}: it is a folder, not a workbook file; nothing was saved. Give the path of the .xlsx file itself.`,
      });
      expect(await ls(dir)).toEqual(['book.xlsx']);
    });

    it.runIf(isRoot)('when Carnet may not write in the folder', async () => {
      await saveAtomically(file, Buffer.from('v1'));
      await fs.chmod(file, 0o666); // writable by all: only the folder refuses
      await fs.chmod(dir, 0o755);
      const result = await workerSave(file, 'v2', { uid: NOBODY, gid: NOBODY });
      expect(result).toEqual({
        error: {
          code: 'E_FILE',
          message: `Could not save ${file}: Carnet may not create files in the folder ${dir}; nothing was saved. Ask whoever manages that folder for write access.`,
        },
      });
      expect(await read(file)).toBe('v1');
      expect(await ls(dir)).toEqual(['book.xlsx']);
    });

    it('when links loop', async () => {
      await fs.symlink('b.xlsx', path.join(dir, 'a.xlsx'));
      await fs.symlink('a.xlsx', path.join(dir, 'b.xlsx'));
      const looped = path.join(dir, 'a.xlsx');
      expect(await errorOf(saveAtomically(looped, Buffer.from('v1')))).toEqual({
        code: 'E_FILE',
        message: `Could not save ${looped}: too many symbolic links; nothing was saved. Check the path and run the command again.`,
      });
    });
  });
});
