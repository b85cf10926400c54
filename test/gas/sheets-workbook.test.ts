/**
 * What the Google host does beyond the shared contract: Sheets-specific rules (literal text,
 * dates through Apps Script's Date, growing sheets, protection, the document lock, who the user is).
 */

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import { serialFromParts } from '../../core/dates.js';
import { CarnetError } from '../../core/errors.js';
import { needsQuotePrefix } from '../../gas-addon/literal-text.js';
import { contextFor } from '../../gas-addon/server.js';
import { AppsScriptWorkbook, type AppsScriptWorkbookOptions } from '../../gas-addon/sheets-workbook.js';
import { ZoneClock } from '../../gas-addon/zone.js';
import { FakeAppsScript, type FakeOptions } from './fake-spreadsheet-app.js';
import { inspectLayout } from './inspect-layout.js';

function setup(options: FakeOptions = {}, adapter: AppsScriptWorkbookOptions = {}) {
  const fake = new FakeAppsScript({ sheets: ['Sheet1'], ...options });
  const wb = new AppsScriptWorkbook(fake.services, adapter);
  return { fake, wb };
}

/** The error a promise rejects with, as data. */
async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof CarnetError ? e.data : e;
  }
  throw new Error('expected a rejection');
}

describe('The Apps Script workbook', () => {
  it('declares what Sheets cannot do instead of pretending', () => {
    expect(setup().wb.capabilities).toEqual({ veryHidden: false, rangeValidation: true, perUserProtection: true, deferredWrites: false, formulas: 'live', merges: true, pivotTables: 'grouping' });
  });

  describe('when writing text', () => {
    const tricky = ['0042', '=1+1', '+33 6 12 34 56 78', '-', 'TRUE', 'vrai', '2026-11-27', '#N/A', "'quoted", ' padded', 'Acme'];

    it('keeps it text in ordinary cells: Sheets would otherwise make numbers, formulas, dates of it', async () => {
      const { fake, wb } = setup();
      await wb.write('Sheet1', 0, 0, tricky.map((t) => [t]));
      const stored = tricky.map((_, r) => fake.spreadsheet.sheet('Sheet1').stored(r, 0));
      expect(stored.map((c) => c?.value)).toEqual(tricky);
      expect(stored.every((c) => c?.formula === undefined)).toBe(true);
    });

    it('adds no apostrophe in plain-text cells, where Sheets would keep it as a character', async () => {
      const { fake, wb } = setup();
      await wb.write('Sheet1', 0, 0, [['Code']]);
      await wb.layout('Sheet1', { frozenRows: 1, boldHeader: true, dataRows: 20, columns: [{ column: 0, numberFormat: '@' }] });
      await wb.write('Sheet1', 1, 0, tricky.map((t) => [t]));
      const stored = tricky.map((_, r) => fake.spreadsheet.sheet('Sheet1').stored(r + 1, 0)?.value);
      expect(stored).toEqual(tricky);
      expect(await wb.read('Sheet1')).toEqual([['Code'], ...tricky.map((t) => [t])]);
    });

    it('refuses a number no spreadsheet can hold, naming the cell', async () => {
      const { wb } = setup();
      expect(await errorOf(wb.write('Sheet1', 2, 1, [[Number.NaN]]))).toEqual({
        code: 'E_INVALID_VALUE',
        value: 'NaN',
        cell: 'Sheet1!B3',
        message: 'A spreadsheet cannot hold NaN (Sheet1!B3).',
      });
    });

    describe('the apostrophe rule', () => {
      it.each([
        ['=SUM(A1)', true],
        ['+1 555', true],
        ['-5', true],
        ['@someone', true],
        ['#REF!', true],
        ["'quoted", true],
        ['\tindented', true],
        ['12 rue de la Paix', true],
        ['false', true],
        ['ЛОЖЬ', true],
        ['trailing ', true],
        ['Acme', false],
        ['Zoë & Co', false],
        ['hello@example.com', false],
        ['', false],
      ])('%j → %s', (text, expected) => {
        expect(needsQuotePrefix(text)).toBe(expected);
      });
    });
  });

  describe("when writing Carnet's formulas", () => {
    const amount = { formula: '=ROUND(B2*C2*(1-D2),2)', value: 33.75 };

    it('sends them in the same single setValues as the cells beside them, text unprefixed, and reads their value', async () => {
      const { fake, wb } = setup();
      await wb.write('Sheet1', 0, 0, [['Product', 'Quantity', 'Unit price', 'Discount', 'Amount']]);
      fake.calls.reset();
      await wb.write('Sheet1', 1, 0, [['=1+1', 3, 12.5, 0.1, amount]]);
      // The formula is read back in the same batch (cell-writing.ts), and the locale read once (formula-locale.ts).
      expect(fake.calls.snapshot()).toEqual({ 'Range.getNumberFormats': 1, 'Range.setValues': 1, 'Range.getValues': 1, 'Sheet.getRange': 1, 'Spreadsheet.getSpreadsheetLocale': 1 });
      const sheet = fake.spreadsheet.sheet('Sheet1');
      expect(sheet.stored(1, 4)?.formula).toBe('=ROUND(B2*C2*(1-D2),2)');
      // The string beside it still went through the apostrophe: text, no formula.
      expect(sheet.stored(1, 0)).toMatchObject({ value: '=1+1' });
      expect(sheet.stored(1, 0)?.formula).toBeUndefined();
      expect((await wb.read('Sheet1'))[1]).toEqual(['=1+1', 3, 12.5, 0.1, 33.75]);
    });

    it('gives a cell formatted as plain text a documented number format first, since Sheets would keep the formula as text there', async () => {
      const { fake, wb } = setup();
      await wb.write('Sheet1', 0, 0, [['Product', 'Quantity', 'Unit price', 'Discount', 'Amount', 'Code']]);
      await wb.layout('Sheet1', { frozenRows: 1, boldHeader: true, dataRows: 10, columns: [{ column: 4, numberFormat: '@' }, { column: 5, numberFormat: '@' }] });
      fake.calls.reset();
      await wb.write('Sheet1', 1, 0, [['Widget', 3, 12.5, 0.1, amount, '0042']]);
      expect(fake.calls.counts['RangeList.setNumberFormat']).toBe(1);
      expect(fake.calls.counts['Range.setValues']).toBe(1);
      const sheet = fake.spreadsheet.sheet('Sheet1');
      expect(sheet.stored(1, 4)).toMatchObject({ formula: '=ROUND(B2*C2*(1-D2),2)', format: '0.###############' });
      // Plain-text string cells keep their format, and their text as is.
      expect(sheet.stored(1, 5)).toMatchObject({ value: '0042', format: '@' });
      expect((await wb.read('Sheet1'))[1]).toEqual(['Widget', 3, 12.5, 0.1, 33.75, '0042']);
      // What the format change prevents: a formula sent into a plain-text cell stays its text.
      sheet.getRange(3, 5, 1, 1).setValues([['=B3*C3']]);
      expect(sheet.stored(2, 4)).toMatchObject({ value: '=B3*C3', format: '@' });
      expect(sheet.stored(2, 4)?.formula).toBeUndefined();
    });

    it('refuses a formula without its "=" before any call to Google', async () => {
      const { fake, wb } = setup();
      fake.calls.reset();
      await expect(wb.write('Sheet1', 0, 0, [[{ formula: 'SUM(A1:A2)', value: 0 }]])).rejects.toThrow('must start with "="');
      await expect(wb.append('Sheet1', [[{ formula: 'A1', value: 0 }]])).rejects.toThrow('must start with "="');
      expect(fake.calls.total()).toBe(0);
    });
  });

  describe('when a grid is ragged', () => {
    it('leaves the cells right of a short row as they were', async () => {
      const { wb } = setup();
      await wb.write('Sheet1', 0, 0, [['x1', 'y1', 'z1'], ['x2', 'y2', 'z2']]);
      await wb.write('Sheet1', 0, 0, [['a', 'b', 'c'], ['d']]);
      expect(await wb.read('Sheet1')).toEqual([['a', 'b', 'c'], ['d', 'y2', 'z2']]);
    });
  });

  describe('when writing past the end of a sheet', () => {
    it('inserts rows first, with room for the next appends', async () => {
      const { fake, wb } = setup();
      await wb.write('Sheet1', 1499, 0, [['far']]);
      const sheet = fake.spreadsheet.sheet('Sheet1');
      expect(sheet.maxRows).toBe(2500);
      fake.calls.reset();
      await wb.append('Sheet1', [['next']]);
      expect(fake.calls.counts['Sheet.insertRowsAfter']).toBeUndefined();
      expect((await wb.read('Sheet1')).slice(1499)).toEqual([['far'], ['next']]);
    });
  });

  describe('when deleting rows', () => {
    it('makes one deleteRows call per run of consecutive rows, from the bottom up', async () => {
      const { fake, wb } = setup();
      await wb.write('Sheet1', 0, 0, Array.from({ length: 10 }, (_, i) => [`r${i}`]));
      fake.calls.reset();
      await wb.deleteRows('Sheet1', [7, 2, 3, 4, 9]);
      expect(fake.calls.counts['Sheet.deleteRows']).toBe(3);
      expect(await wb.read('Sheet1')).toEqual([['r0'], ['r1'], ['r5'], ['r6'], ['r8']]);
    });

    it('can delete every row of a full sheet: it keeps the spare row Sheets insists on', async () => {
      const { fake, wb } = setup();
      await wb.write('Sheet1', 0, 0, Array.from({ length: 1000 }, (_, i) => [i]));
      expect(fake.spreadsheet.sheet('Sheet1').maxRows).toBe(1000);
      await wb.deleteRows('Sheet1', Array.from({ length: 1000 }, (_, i) => i));
      expect(await wb.read('Sheet1')).toEqual([]);
      expect(fake.spreadsheet.sheet('Sheet1').maxRows).toBe(1);
    });
  });

  describe('dates', () => {
    const dateTimeLayout = { frozenRows: 0, boldHeader: false, dataRows: 10, columns: [{ column: 0, numberFormat: 'yyyy-mm-dd hh:mm:ss' }] };

    it('read back as the serials written, across daylight-saving changes of the spreadsheet’s zone', async () => {
      const { wb } = setup({ timeZone: 'America/New_York' });
      const serials = [
        serialFromParts(2026, 3, 8, 1, 59, 59), // just before the spring gap
        serialFromParts(2026, 3, 8, 3, 0), // just after it
        serialFromParts(2026, 11, 1, 1, 30), // inside the autumn overlap (shown twice)
        serialFromParts(1960, 7, 1, 12),
      ];
      await wb.layout('Sheet1', { ...dateTimeLayout, dataRows: 10 });
      await wb.write('Sheet1', 1, 0, serials.map((s) => [s]));
      expect((await wb.read('Sheet1')).slice(1).map((r) => r[0])).toEqual(serials);
    });

    it('cannot keep a wall clock that does not exist in the zone: Apps Script moves it out of the gap', async () => {
      // Sheets stores 02:30 on the spring-forward night as typed; Apps Script's Date for it has no
      // such local time and reads as 03:30. A Sheets-only limitation, documented in the README.
      const { wb } = setup({ timeZone: 'America/New_York' });
      await wb.layout('Sheet1', dateTimeLayout);
      await wb.write('Sheet1', 1, 0, [[serialFromParts(2026, 3, 8, 2, 30)]]);
      expect((await wb.read('Sheet1'))[1]![0]).toBeCloseTo(serialFromParts(2026, 3, 8, 3, 30), 9);
    });

    it('give commands the spreadsheet’s wall clock as now(), not the server’s', () => {
      const { wb } = setup({ timeZone: 'Pacific/Kiritimati' });
      const utcNow = serialFromParts(1970, 1, 1) + Date.now() / 86_400_000;
      expect(wb.now() - utcNow).toBeCloseTo(14 / 24, 3);
    });

    it('convert with Intl when the runtime has the zone, with no Apps Script call per cell', () => {
      const { fake } = setup();
      const clock = new ZoneClock('Asia/Kolkata', fake.Utilities);
      expect(clock.inProcess).toBe(true);
      expect(clock.serialOf(new Date(Date.UTC(2026, 0, 1, 18, 30)))).toBe(serialFromParts(2026, 1, 2));
      expect(fake.calls.total()).toBe(0);
    });

    it('fall back to Utilities.formatDate where Intl cannot, once per distinct date', () => {
      const calls: string[] = [];
      const utilities = { formatDate: (d: Date) => (calls.push(d.toISOString()), '2026-01-02 00:00:00') };
      const clock = new ZoneClock('Not/AZone', utilities);
      expect(clock.inProcess).toBe(false);
      const d = new Date(Date.UTC(2026, 0, 1, 18, 30));
      expect(clock.serialOf(d)).toBe(serialFromParts(2026, 1, 2));
      expect(clock.serialOf(new Date(d.getTime()))).toBe(serialFromParts(2026, 1, 2));
      expect(calls).toHaveLength(1);
    });
  });

  describe('sheets', () => {
    it('are added after the last tab, not after the active one as Apps Script would by default', async () => {
      const { fake, wb } = setup({ sheets: ['A', 'B', 'C'] });
      fake.spreadsheet.active = fake.spreadsheet.sheet('A');
      await wb.ensureSheet('D');
      expect((await wb.sheets()).map((s) => s.name)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('cannot all be hidden: Carnet says so plainly', async () => {
      const { wb } = setup({ sheets: ['Only'] });
      expect(await errorOf(wb.ensureSheet('Only', { visibility: 'hidden' }))).toEqual({
        code: 'E_BAD_INPUT',
        sheet: 'Only',
        message: 'Google Sheets could not hide "Only" (a spreadsheet needs at least one visible sheet): Exception: You can\'t hide all the sheets in a document.',
      });
    });

    it('refuse a rename onto another sheet’s name, whatever its case', async () => {
      const { wb } = setup({ sheets: ['Contacts', 'Companies'] });
      expect(await errorOf(wb.renameSheet('Contacts', 'COMPANIES'))).toEqual({
        code: 'E_BAD_INPUT',
        sheet: 'COMPANIES',
        message: 'A sheet named "Companies" already exists.',
      });
    });
  });

  describe('the _carnet settings sheet', () => {
    it('is hidden and protected with a warning by default: anyone editing it by hand is warned', async () => {
      const { fake, wb } = setup();
      await wb.ensureSheet('_carnet', { visibility: 'very' });
      const sheet = fake.spreadsheet.sheet('_carnet');
      expect(sheet.hidden).toBe(true);
      expect(sheet.protections.map((p) => ({ warningOnly: p.warningOnly, description: p.description }))).toEqual([
        { warningOnly: true, description: 'Carnet settings: change them through Carnet (Extensions → Carnet).' },
      ]);
    });

    it('lets a colleague who is not the owner create records (id counters live there)', async () => {
      const { fake } = setup();
      const run = (command: string, input: unknown) => dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
      expect((await run('crm.setup', { lang: 'en' })).ok).toBe(true);
      expect((await run('user.add', { id: 'colleague@example.com', role: 'Manager' })).ok).toBe(true);
      fake.activeUser = fake.effectiveUser = 'colleague@example.com';
      expect(await run('record.create', { directory: 'companies', values: { name: 'Acme' } })).toMatchObject({ ok: true, result: { id: 'CO-000001' } });
    });

    it('can be locked to the person who set Carnet up, at the price of every colleague’s saves', async () => {
      const { fake } = setup({ owner: 'owner@example.com', activeUser: 'admin@example.com', editors: ['owner@example.com', 'admin@example.com', 'colleague@example.com'] });
      const run = (command: string, input: unknown) =>
        dispatch(contextFor(new AppsScriptWorkbook(fake.services, { settingsProtection: 'editors' })), command, input);
      expect((await run('crm.setup', { lang: 'en' })).ok).toBe(true);
      const protection = fake.spreadsheet.sheet('_carnet').protections[0]!;
      expect(protection.editors.sort()).toEqual(['admin@example.com', 'owner@example.com']);
      expect(protection.domainEdit).toBe(false);
      expect((await run('user.add', { id: 'colleague@example.com', role: 'Manager' })).ok).toBe(true);

      fake.activeUser = fake.effectiveUser = 'colleague@example.com';
      const refused = await run('record.create', { directory: 'companies', values: { name: 'Acme' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
      expect(JSON.stringify(refused)).toContain('protected cell');
    });

    it('keeps a protection that is already there (an admin’s plan) instead of replacing it', async () => {
      const { fake, wb } = setup();
      await wb.ensureSheet('_carnet');
      await wb.protect({ sheets: [{ name: '_carnet', editors: ['admin@example.com'], locked: true }] });
      await wb.ensureSheet('_carnet', { visibility: 'very' });
      const protections = fake.spreadsheet.sheet('_carnet').protections;
      expect(protections).toHaveLength(1);
      expect(protections[0]!.warningOnly).toBe(false);
    });
  });

  describe('protection plans', () => {
    it('give a locked sheet exactly the plan’s editors, and the two Sheets always keeps', async () => {
      const { fake, wb } = setup({ owner: 'owner@example.com', activeUser: 'admin@example.com', editors: ['owner@example.com', 'admin@example.com', 'bob@example.com'] });
      await wb.protect({ sheets: [{ name: 'Sheet1', editors: ['carol@example.com'], locked: true }] });
      const [p] = fake.spreadsheet.sheet('Sheet1').protections;
      expect(p!.editors.sort()).toEqual(['admin@example.com', 'carol@example.com', 'owner@example.com']);
      expect(p!.domainEdit).toBe(false);
      expect(p!.description).toBe('Protected by Carnet');
    });

    it('lift the protection of sheets they unlock', async () => {
      const { fake, wb } = setup();
      await wb.protect({ sheets: [{ name: 'Sheet1', editors: [], locked: true }] });
      await wb.protect({ sheets: [{ name: 'Sheet1', editors: [], locked: false }] });
      expect(fake.spreadsheet.sheet('Sheet1').protections).toEqual([]);
    });
  });

  describe('transactions', () => {
    it('give up after a bounded wait when someone else is saving, with a plain message', async () => {
      const { fake, wb } = setup({}, { lockTimeoutMs: 2500 });
      fake.lock.holdElsewhere();
      let ran = false;
      expect(await errorOf(wb.transaction(async () => (ran = true)))).toEqual({ code: 'E_LOCKED', message: 'Someone else is saving; try again in a moment.' });
      expect(ran).toBe(false);
      expect(fake.lock.waits).toEqual([2500]);
    });

    it('take the document lock once for nested calls and flush before letting it go', async () => {
      const { fake, wb } = setup();
      let flushedWhileHeld = -1;
      await wb.transaction(async () => {
        await wb.transaction(async () => wb.append('Sheet1', [['x']]));
        expect(fake.lock.holder).toBeDefined();
        flushedWhileHeld = fake.SpreadsheetApp.flushes;
      });
      expect(flushedWhileHeld).toBe(0);
      expect(fake.SpreadsheetApp.flushes).toBe(1);
      expect(fake.calls.counts['Lock.tryLock']).toBe(1);
      expect(fake.lock.holder).toBeUndefined();
    });

    it('release the lock when their function throws', async () => {
      const { fake, wb } = setup();
      await expect(wb.transaction(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
      expect(fake.lock.holder).toBeUndefined();
      expect(fake.SpreadsheetApp.flushes).toBe(1);
    });

    it('refuse to run outside a spreadsheet, where there is no document lock', async () => {
      const { wb } = setup({ noDocumentLock: true });
      expect(await errorOf(wb.transaction(async () => 1))).toEqual({ code: 'E_INTERNAL', message: 'Carnet must run from inside a spreadsheet (no document lock here).' });
    });
  });

  describe('the user', () => {
    it('is the signed-in person’s email, read once per server call', async () => {
      const { fake, wb } = setup({ activeUser: 'ada@example.com' });
      expect(await wb.user()).toEqual({ id: 'ada@example.com', name: 'ada' });
      await wb.user();
      expect(fake.calls.counts['Session.getActiveUser']).toBe(1);
    });

    it('is nobody (a blank id) when Google withholds the active user’s email: the effective user is not the same person everywhere', async () => {
      const { fake, wb } = setup({ activeUser: '', effectiveUser: 'owner@example.com' });
      expect(await wb.user()).toEqual({ id: '', name: '' });
      expect(fake.calls.counts['Session.getEffectiveUser']).toBeUndefined();
    });

    it('so, once rights are on, may not write: core cannot tell who it is', async () => {
      const fake = new FakeAppsScript({ activeUser: 'admin@example.com' });
      const run = (command: string, input: unknown) => dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
      expect((await run('crm.setup', { lang: 'en' })).ok).toBe(true);
      fake.activeUser = fake.effectiveUser = '';
      const refused = await run('record.create', { directory: 'companies', values: { name: 'Acme' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN', right: 'account' } });
      expect(JSON.stringify(refused)).toContain('Carnet cannot tell who you are');
      fake.activeUser = fake.effectiveUser = 'admin@example.com';
      expect((await run('record.list', { directory: 'companies' })).ok).toBe(true);
    });
  });

  describe('layout', () => {
    const prepare = async () => {
      const { fake, wb } = setup({ sheets: ['Companies', 'Contacts'] });
      await wb.write('Companies', 0, 0, [['ID', 'Name'], ['CO-1', 'Acme']]);
      await wb.write('Contacts', 0, 0, [['ID', 'My own column', 'Company', 'Since', 'Score', 'Stage']]);
      // A person's own column between Carnet's: its note and weight must survive the layout.
      const mine = fake.spreadsheet.sheet('Contacts').cellForWrite(0, 1);
      mine.note = 'my note';
      mine.weight = 'normal';
      await wb.layout('Contacts', {
        frozenRows: 1,
        boldHeader: true,
        dataRows: 30,
        columns: [
          { column: 0, numberFormat: '@', note: 'Allocated by Carnet' },
          { column: 2, numberFormat: '@', validation: { kind: 'range', sheet: 'Companies', column: 1 } },
          { column: 3, numberFormat: 'yyyy-mm-dd' },
          { column: 4, numberFormat: '0.00' },
          { column: 5, numberFormat: '@', validation: { kind: 'list', values: ['Lead', 'Won'] } },
        ],
      });
      return { fake, wb };
    };

    it('leaves the header cells of a person’s own columns as they were', async () => {
      const { fake } = await prepare();
      const mine = fake.spreadsheet.sheet('Contacts').stored(0, 1);
      expect(mine).toMatchObject({ note: 'my note', weight: 'normal' });
      expect(inspectLayout(fake, 'Contacts', [0, 2]).columns.map((c) => c.boldHeader)).toEqual([true, true]);
    });

    it('makes a reference dropdown read the source column from row 2 to the sheet’s end, and warn rather than refuse', async () => {
      const { fake } = await prepare();
      const rule = fake.spreadsheet.sheet('Contacts').stored(1, 2)!.validation!;
      const [range, dropdown] = rule.values as [{ sheet: { name: string }; row: number; column: number; numRows: number }, boolean];
      expect({ sheet: range.sheet.name, row: range.row, column: range.column, rows: range.numRows, dropdown }).toEqual({
        sheet: 'Companies',
        row: 2,
        column: 2,
        rows: fake.spreadsheet.sheet('Companies').maxRows - 1,
        dropdown: true,
      });
      expect(rule.allowInvalid).toBe(true);
    });

    it('sets number formats with one range list per format, not one call per column', async () => {
      const { fake, wb } = await prepare();
      fake.calls.reset();
      await wb.layout('Contacts', { frozenRows: 1, boldHeader: true, dataRows: 30, columns: [0, 1, 2, 3, 4, 5].map((column) => ({ column, numberFormat: column % 2 ? '@' : '0.00' })) });
      expect(fake.calls.counts['RangeList.setNumberFormat']).toBe(2);
      expect(fake.calls.counts['Sheet.getRangeList']).toBe(2);
    });
  });
});
