/**
 * Telling that LibreOffice or Excel has the workbook open, from the lock files they keep beside
 * it: their names, what they say about who, and the refusal Carnet gives. LibreOffice itself runs
 * once, to check the format against the real program.
 */

import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openedBy, openedElsewhereError } from '../../local/save/program-locks.js';
import { requireProgram } from '../helpers/programs.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-opened-'));
  file = path.join(dir, 'book.xlsx');
  await fs.writeFile(file, 'the workbook');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const at = (name: string) => path.join(dir, name);

/**
 * An Excel owner file as Excel writes it (165 bytes): the user name's length and the name in the
 * Windows code page, spaces up to byte 55, then the length again and the name in UTF-16LE, then
 * space padding (layout from LibreOffice's MSODocumentLockFile, see program-locks.ts).
 */
function excelOwnerFile(user: string): Buffer {
  const bytes = Buffer.alloc(165, 0x20);
  bytes[0] = user.length;
  Buffer.from(user, 'latin1').copy(bytes, 1);
  bytes.writeUInt16LE(user.length, 55);
  Buffer.from(user, 'utf16le').copy(bytes, 57);
  return bytes;
}

describe('openedBy', () => {
  it('finds nothing when no program has the workbook open', async () => {
    expect(await openedBy(file)).toBeUndefined();
  });

  describe('LibreOffice', () => {
    it('reads who has it open from its lock file (as LibreOffice wrote one, with no name set)', async () => {
      await fs.writeFile(at('.~lock.book.xlsx#'), ',jdoe,ada,01.12.2026 09:12,file:///home/jdoe/.config/libreoffice/4;');
      expect(await openedBy(file)).toEqual({
        program: 'LibreOffice',
        lockFile: at('.~lock.book.xlsx#'),
        login: 'jdoe',
        host: 'ada',
        since: '01.12.2026 09:12',
      });
    });

    it('unescapes the name it holds', async () => {
      await fs.writeFile(at('.~lock.book.xlsx#'), 'Doe\\, Jane \\\\ Sales,jdoe,ada,01.12.2026 09:12,file:///p;');
      expect((await openedBy(file))?.user).toBe('Doe, Jane \\ Sales');
    });

    it('still reports a lock file it cannot read, without saying who', async () => {
      await fs.writeFile(at('.~lock.book.xlsx#'), '');
      expect(await openedBy(file)).toEqual({ program: 'LibreOffice', lockFile: at('.~lock.book.xlsx#') });
    });

    it("looks beside a link's target, as LibreOffice resolves links", async () => {
      await fs.mkdir(at('me'));
      await fs.symlink('../book.xlsx', at('me/mine.xlsx'));
      await fs.writeFile(at('.~lock.book.xlsx#'), ',jdoe,ada,01.12.2026 09:12,file:///p;');
      expect((await openedBy(at('me/mine.xlsx')))?.lockFile).toBe(at('.~lock.book.xlsx#'));
    });

    it.runIf(requireProgram('soffice', 'LibreOffice lock file detection'))(
      'recognises the lock file of a real LibreOffice holding the workbook open',
      async () => {
        const book = new ExcelJS.Workbook();
        book.addWorksheet('S').addRow(['ID']);
        await book.xlsx.writeFile(file);
        const profile = `file://${path.join(dir, 'profile')}`;
        const office = spawn('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile}`, file], {
          stdio: 'ignore',
          detached: true, // its own process group: soffice starts soffice.bin, and both must go
        });
        try {
          const lockFile = at('.~lock.book.xlsx#');
          for (let i = 0; i < 600 && !(await exists(lockFile)); i++) await new Promise((r) => setTimeout(r, 50));
          const opened = await openedBy(file);
          expect(opened).toMatchObject({ program: 'LibreOffice', lockFile, login: os.userInfo().username, host: os.hostname() });
          expect(opened?.since).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
        } finally {
          process.kill(-office.pid!, 'SIGKILL');
        }
      },
      60_000,
    );
  });

  describe('Excel', () => {
    it('reads the user name from its owner file `~$` + the whole name', async () => {
      await fs.writeFile(at('~$book.xlsx'), excelOwnerFile('Zoë Martin'));
      expect(await openedBy(file)).toEqual({ program: 'Excel', lockFile: at('~$book.xlsx'), user: 'Zoë Martin' });
    });

    it('does not shorten a long name, unlike Word', async () => {
      const long = at('Quarterly customers 2024.xlsx');
      await fs.writeFile(long, 'the workbook');
      await fs.writeFile(at('~$Quarterly customers 2024.xlsx'), excelOwnerFile('Zoe'));
      expect((await openedBy(long))?.lockFile).toBe(at('~$Quarterly customers 2024.xlsx'));
    });

    it("recognises an owner file shortened Word's way, unless it belongs to a workbook of that shorter name", async () => {
      const long = at('Quarterly.xlsx');
      await fs.writeFile(long, 'the workbook');
      await fs.writeFile(at('~$arterly.xlsx'), excelOwnerFile('Zoe'));
      expect(await openedBy(long)).toEqual({ program: 'Excel', lockFile: at('~$arterly.xlsx'), user: 'Zoe' });
      await fs.writeFile(at('arterly.xlsx'), 'another workbook, the one that is open');
      expect(await openedBy(long)).toBeUndefined();
    });

    it('still reports an owner file in another layout, without saying who', async () => {
      await fs.writeFile(at('~$book.xlsx'), Buffer.alloc(3));
      expect(await openedBy(file)).toEqual({ program: 'Excel', lockFile: at('~$book.xlsx') });
    });
  });
});

describe('openedElsewhereError', () => {
  it('says which program, who, what would happen, and how to go on', () => {
    const error = openedElsewhereError(file, {
      program: 'LibreOffice',
      lockFile: at('.~lock.book.xlsx#'),
      user: 'Jane Doe',
      login: 'jdoe',
      host: 'ada',
      since: '01.12.2026 09:12',
    });
    expect(error.data).toEqual({
      code: 'E_LOCKED',
      message:
        `${file} is open in LibreOffice (by Jane Doe (jdoe) on ada, since 01.12.2026 09:12); when LibreOffice saves it, ` +
        'it overwrites what Carnet wrote, so Carnet changed nothing. Close the file in LibreOffice and run the command again, ' +
        'or add --force if it will be closed there without saving. If LibreOffice is not running on ada, its lock file ' +
        `${at('.~lock.book.xlsx#')} is left over from a crash: delete it.`,
    });
  });

  it('for Excel, naming its owner file', () => {
    expect(openedElsewhereError(file, { program: 'Excel', lockFile: at('~$book.xlsx'), user: 'Zoe' }).data).toEqual({
      code: 'E_LOCKED',
      message:
        `${file} is open in Excel (by Zoe); when Excel saves it, it overwrites what Carnet wrote, so Carnet changed nothing. ` +
        'Close the file in Excel and run the command again, or add --force if it will be closed there without saving. ' +
        `If Excel is not running, its owner file ${at('~$book.xlsx')} is left over from a crash: delete it.`,
    });
  });

  it('when its lock file does not say who', () => {
    expect(openedElsewhereError(file, { program: 'LibreOffice', lockFile: at('.~lock.book.xlsx#') }).data).toEqual({
      code: 'E_LOCKED',
      message:
        `${file} is open in LibreOffice; when LibreOffice saves it, it overwrites what Carnet wrote, so Carnet changed nothing. ` +
        'Close the file in LibreOffice and run the command again, or add --force if it will be closed there without saving. ' +
        `If LibreOffice is not running, its lock file ${at('.~lock.book.xlsx#')} is left over from a crash: delete it.`,
    });
  });
});

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}
