/**
 * The .xlsx host's sheet protection (issue 12): `<sheetProtection>` in the sheet's part, applied by
 * `protect`, read back by `protections`, never touching a protection the team set with a password.
 * What every host shares is in test/contract/protection-contract.ts.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CarnetError, type ErrorData } from '../../core/errors.js';
import type { ProtectionPlan } from '../../core/workbook.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { Book } from '../../local/xlsx/book.js';
import { XlsxPackage } from '../../local/xlsx/package.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-protection-'));
  file = path.join(dir, 'book.xlsx');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const CARNET_LOCK = '<sheetProtection sheet="1" objects="1" scenarios="1"/>';

const plan: ProtectionPlan = {
  sheets: [
    { name: '_carnet', editors: ['admin@example.com'], locked: true, reason: 'settings' },
    { name: 'Contacts', editors: ['admin@example.com'], locked: true, warnColumns: [{ column: 0, label: 'ID' }], reason: 'a directory' },
    { name: 'Notes', editors: [], locked: false },
  ],
};

/** A saved Carnet workbook with the plan's three sheets, none protected yet. */
async function carnetBook(): Promise<XlsxWorkbook> {
  const wb = await XlsxWorkbook.create(file);
  await wb.transaction(async () => {
    await wb.ensureSheet('Contacts');
    await wb.write('Contacts', 0, 0, [['ID', 'Name'], ['CO-1', 'Ann']]);
    await wb.ensureSheet('Notes');
    await wb.write('Notes', 0, 0, [['ID'], ['NO-1']]);
    await wb.ensureSheet('_carnet', { visibility: 'very' });
  });
  return wb;
}

/** A sheet's part as it is in the file on disk. */
async function sheetXml(name: string): Promise<string> {
  const pkg = XlsxPackage.open(await fs.readFile(file));
  return pkg.text(new Book(pkg).find(name)!.path);
}

/** The element of a sheet's part on disk, or undefined. */
async function protectionElement(name: string): Promise<string | undefined> {
  return /<sheetProtection\b[^>]*\/>/.exec(await sheetXml(name))?.[0];
}

/** Rewrites one sheet's part in the file on disk, the way another program would save it. */
async function patchSheet(name: string, change: (xml: string) => string): Promise<void> {
  const pkg = XlsxPackage.open(await fs.readFile(file));
  const part = new Book(pkg).find(name)!.path;
  pkg.write(part, change(pkg.text(part)));
  await fs.writeFile(file, Buffer.concat(await pkg.serialize()));
}

/** The error data a promise rejects with; fails when it resolves or throws something else. */
async function errorOf(promise: Promise<unknown>): Promise<ErrorData> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CarnetError);
    return (error as CarnetError).data;
  }
  throw new Error('expected a rejection');
}

describe('sheet protection in the .xlsx file', () => {
  describe('a plan', () => {
    it('is applied as <sheetProtection>, saved, and reported back after a reopen', async () => {
      const wb = await carnetBook();
      await wb.transaction(() => wb.protect(plan));
      expect(await protectionElement('_carnet')).toBe(CARNET_LOCK);
      expect(await protectionElement('Contacts')).toBe(CARNET_LOCK);
      expect(await protectionElement('Notes')).toBeUndefined();

      const later = await XlsxWorkbook.open(file);
      expect(await later.protections(['Contacts', '_carnet', 'Notes', 'Missing'])).toEqual([
        { name: 'Contacts', locked: true, editors: null, warnColumns: [] },
        { name: '_carnet', locked: true, editors: null, warnColumns: [] },
        { name: 'Notes', locked: false, editors: null, warnColumns: [] },
      ]);
      expect(await later.read('Contacts')).toEqual([['ID', 'Name'], ['CO-1', 'Ann']]);
      expect(await later.read('Notes')).toEqual([['ID'], ['NO-1']]);
    });

    it('reports sheets by their own names, whatever the case asked', async () => {
      const wb = await carnetBook();
      await wb.transaction(() => wb.protect(plan));
      expect(await (await XlsxWorkbook.open(file)).protections(['contacts'])).toEqual([{ name: 'Contacts', locked: true, editors: null, warnColumns: [] }]);
    });

    it('changes nothing when applied twice: no part marked changed, no save, the same bytes', async () => {
      const wb = await carnetBook();
      await wb.transaction(() => wb.protect(plan));
      const before = await fs.readFile(file);
      const stat = await fs.stat(file);

      const again = await XlsxWorkbook.open(file);
      await again.transaction(async () => {
        await again.protect(plan);
        expect(again.unsaved).toBe(false);
      });
      // The same instance too: its parts are parsed already.
      await wb.transaction(async () => {
        await wb.protect(plan);
        expect(wb.unsaved).toBe(false);
      });
      expect((await fs.readFile(file)).equals(before)).toBe(true);
      expect((await fs.stat(file)).mtimeMs).toBe(stat.mtimeMs);
    });

    it('unlocks what it says is unlocked, and leaves the sheets it does not name', async () => {
      const wb = await carnetBook();
      await wb.transaction(() => wb.protect(plan));
      await wb.transaction(() => wb.protect({ sheets: [{ name: 'Contacts', editors: [], locked: false }] }));
      expect(await protectionElement('Contacts')).toBeUndefined();
      expect(await protectionElement('_carnet')).toBe(CARNET_LOCK);
      const later = await XlsxWorkbook.open(file);
      expect((await later.protections(['_carnet', 'Contacts'])).map((s) => [s.name, s.locked])).toEqual([['_carnet', true], ['Contacts', false]]);
      expect(await later.read('Contacts')).toEqual([['ID', 'Name'], ['CO-1', 'Ann']]);
    });

    it('keeps a lock the team set without a password, with the flags they chose', async () => {
      await carnetBook();
      const theirs = '<sheetProtection sheet="1" formatCells="0" selectLockedCells="1"/>';
      await patchSheet('Contacts', (xml) => xml.replace('<pageMargins', `${theirs}<pageMargins`));
      const wb = await XlsxWorkbook.open(file);
      await wb.transaction(async () => {
        await wb.protect({ sheets: [{ name: 'Contacts', editors: [], locked: true }] });
        expect(wb.unsaved).toBe(false);
      });
      expect(await protectionElement('Contacts')).toBe(theirs);
    });

    it('names a missing sheet, and changes nothing', async () => {
      const wb = await carnetBook();
      const before = await fs.readFile(file);
      expect(await errorOf(wb.transaction(() => wb.protect({ sheets: [...plan.sheets, { name: 'Missing', editors: [], locked: true }] })))).toEqual({
        code: 'E_NOT_FOUND',
        sheet: 'Missing',
        message: 'No sheet named "Missing"',
      });
      expect((await fs.readFile(file)).equals(before)).toBe(true);
    });
  });

  describe("a team's password-protected sheet", () => {
    /** A workbook another program saved: `Team` locked with a password (Excel's agile hash), `Open` not. */
    async function teamBook(): Promise<void> {
      const raw = new ExcelJS.Workbook();
      const team = raw.addWorksheet('Team');
      team.addRow(['Who', 'Phone']);
      team.addRow(['Mona', '555-0100']);
      await team.protect('their secret', { formatCells: true });
      raw.addWorksheet('Open').addRow(['ID']);
      await raw.xlsx.writeFile(file);
    }

    const refusal = (verb: 'lock' | 'unlock'): ErrorData => ({
      code: 'E_FORBIDDEN',
      sheet: 'Team',
      message: `"Team" carries a protection password Carnet was not given, so Carnet cannot ${verb} it; nothing was changed. Remove that password in Excel or LibreOffice, then apply the protection again.`,
    });

    it('is refused when a plan unlocks it, naming the sheet, and the file is untouched', async () => {
      await teamBook();
      const before = await fs.readFile(file);
      const wb = await XlsxWorkbook.open(file);
      // `Open` comes first in the plan: it is not locked either, the plan is refused whole.
      const error = await errorOf(
        wb.transaction(() =>
          wb.protect({ sheets: [{ name: 'Open', editors: [], locked: true }, { name: 'Team', editors: [], locked: false }] }),
        ),
      );
      expect(error).toEqual(refusal('unlock'));
      expect(wb.unsaved).toBe(false);
      expect((await fs.readFile(file)).equals(before)).toBe(true);
      expect(await wb.protections(['Team', 'Open'])).toEqual([
        { name: 'Team', locked: true, editors: null, warnColumns: [] },
        { name: 'Open', locked: false, editors: null, warnColumns: [] },
      ]);
    });

    it('is refused outside a transaction too, before anything changes in memory', async () => {
      await teamBook();
      const wb = await XlsxWorkbook.open(file);
      expect(await errorOf(wb.protect({ sheets: [{ name: 'Open', editors: [], locked: true }, { name: 'Team', editors: [], locked: false }] }))).toEqual(refusal('unlock'));
      expect(wb.unsaved).toBe(false);
      expect(await wb.protections(['Open'])).toEqual([{ name: 'Open', locked: false, editors: null, warnColumns: [] }]);
    });

    it('is left as it is when the plan locks it: it is locked already', async () => {
      await teamBook();
      const element = await protectionElement('Team');
      expect(element).toMatch(/hashValue="/);
      const wb = await XlsxWorkbook.open(file);
      await wb.transaction(() => wb.protect({ sheets: [{ name: 'Team', editors: [], locked: true }, { name: 'Open', editors: [], locked: true }] }));
      expect(await protectionElement('Team')).toBe(element);
      expect(await protectionElement('Open')).toBe(CARNET_LOCK);
      expect(await (await XlsxWorkbook.open(file)).read('Team')).toEqual([['Who', 'Phone'], ['Mona', '555-0100']]);
    });

    it('is refused when a plan locks a sheet whose password protection is switched off', async () => {
      // The legacy `password` hash, kept by Excel with the sheet unlocked (sheet="0").
      await carnetBook();
      const theirs = '<sheetProtection password="CC3D" sheet="0"/>';
      await patchSheet('Notes', (xml) => xml.replace('<pageMargins', `${theirs}<pageMargins`));
      const before = await fs.readFile(file);
      const wb = await XlsxWorkbook.open(file);
      expect(await errorOf(wb.transaction(() => wb.protect({ sheets: [{ name: 'Notes', editors: [], locked: true }] })))).toEqual({
        code: 'E_FORBIDDEN',
        sheet: 'Notes',
        message: `"Notes" carries a protection password Carnet was not given, so Carnet cannot lock it; nothing was changed. Remove that password in Excel or LibreOffice, then apply the protection again.`,
      });
      expect((await fs.readFile(file)).equals(before)).toBe(true);
      // Unlocked as the plan says already: nothing to change, nothing refused.
      await wb.transaction(() => wb.protect({ sheets: [{ name: 'Notes', editors: [], locked: false }] }));
      expect(await protectionElement('Notes')).toBe(theirs);
    });
  });
});
