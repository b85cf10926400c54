/**
 * `protect(plan)` and `protections(sheets)` on Excel (office-addin/protection.ts, issue 12), over
 * the fake's worksheet protection (fake-protection.ts), and that protection itself:
 * - a plan applied: Carnet's options and password, the editors' allow-edit range where
 *   ExcelApiOnline 1.1 exists (and none, no call even, where it does not);
 * - applied twice: the second time reads, and neither unprotects nor protects anything;
 * - unlocking; a sheet protected by someone else with a password Carnet was not given, refused
 *   whole and named, every other sheet left as it was;
 * - `protections()`: locked or not, no editors (Excel has none), missing sheets left out;
 * - syncs: the same for 2 sheets as for 30.
 */

import { describe, expect, it } from 'vitest';
import type { ProtectionPlan } from '../../core/workbook.js';
import { PROTECTION } from '../../office-addin/access.js';
import type { XlProtectionOptions, XlWorksheet } from '../../office-addin/excel-api.js';
import { EDITORS_RANGE } from '../../office-addin/excel-workbook.js';
import { FakeExcelError, type FakeExcel } from './fake-excel.js';
import { errorOf, inExcel, setup } from './setup.js';

/** What a person picks in Review › Protect Sheet: formatting and sorting allowed. */
const USERS: XlProtectionOptions = { allowFormatCells: true, allowSort: true };

const PLAN: ProtectionPlan = {
  sheets: [
    { name: '_carnet', editors: ['admin@example.com'], locked: true, reason: 'settings' },
    { name: 'Contacts', editors: ['admin@example.com', 'mona@example.com'], locked: true, warnColumns: [{ column: 0, label: 'ID' }] },
    { name: 'Notes', editors: [], locked: false },
  ],
};

async function workbook(adapter: { password?: string; editorsPassword?: string; allowEditRanges?: boolean } = {}) {
  const { allowEditRanges = true, ...passwords } = adapter;
  const { excel, wb } = setup({ allowEditRanges }, { ...passwords, features: { notes: true, allowEditRanges, merges: true } });
  for (const name of ['_carnet', 'Contacts', 'Notes']) await wb.ensureSheet(name);
  await wb.write('Contacts', 0, 0, [['ID', 'Name'], ['CO-1', 'Ann']]);
  excel.resetCounts();
  return { excel, wb };
}

/** The code Excel answers when it refuses what a person does on Notes. */
async function refusal(excel: FakeExcel, act: (ws: XlWorksheet) => void): Promise<string> {
  const e = await inExcel(excel, 'Notes', act).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (e instanceof FakeExcelError) return e.code;
  throw new Error(`expected Excel to refuse, got ${String(e)}`);
}

describe('Applying a protection plan in Excel', () => {
  it('protects the locked sheets with Carnet’s options and password, and gives their editors a range', async () => {
    const { excel, wb } = await workbook({ password: 's3cret', editorsPassword: 'team' });
    await wb.protect(PLAN);
    expect(excel.protectionCalls).toEqual([
      { sheet: '_carnet', call: 'allowEditRanges.add', title: EDITORS_RANGE, address: 'A:XFD', password: 'team' },
      { sheet: 'Contacts', call: 'allowEditRanges.add', title: EDITORS_RANGE, address: 'A:XFD', password: 'team' },
      { sheet: '_carnet', call: 'protect', options: PROTECTION, password: 's3cret' },
      { sheet: 'Contacts', call: 'protect', options: PROTECTION, password: 's3cret' },
    ]);
    expect(excel.sheet('Contacts').protection).toEqual({ password: 's3cret', options: PROTECTION });
    expect([...excel.sheet('Contacts').allowEditRanges]).toEqual([[EDITORS_RANGE, { address: 'A:XFD', password: 'team' }]]);
    expect(excel.sheet('Notes').protection).toBeUndefined();
    expect(await wb.read('Contacts')).toEqual([['ID', 'Name'], ['CO-1', 'Ann']]);
  });

  it('changes nothing the second time: no unprotect, no protect, one sync of reads', async () => {
    const { excel, wb } = await workbook({ password: 's3cret', editorsPassword: 'team' });
    await wb.protect(PLAN);
    const once = await wb.protections(['_carnet', 'Contacts', 'Notes']);
    excel.resetCounts();
    await wb.protect(PLAN);
    expect({ calls: excel.protectionCalls, syncs: excel.syncs }).toEqual({ calls: [], syncs: 1 });
    expect(await wb.protections(['_carnet', 'Contacts', 'Notes'])).toEqual(once);
    expect(excel.sheet('Contacts').protection).toEqual({ password: 's3cret', options: PROTECTION });
  });

  it('replaces a protection that is not Carnet’s, and only that one', async () => {
    const { excel, wb } = await workbook();
    await wb.protect(PLAN);
    // Someone unprotects Contacts and protects it again with their own options, no password.
    await inExcel(excel, 'Contacts', (ws) => {
      ws.protection.unprotect();
      ws.protection.protect(USERS);
    });
    excel.resetCounts();
    await wb.protect(PLAN);
    expect(excel.protectionCalls).toEqual([
      { sheet: 'Contacts', call: 'unprotect' },
      { sheet: 'Contacts', call: 'protect', options: PROTECTION },
    ]);
    expect(excel.sheet('Contacts').protection).toEqual({ password: undefined, options: PROTECTION });
  });

  it('unlocks what a plan unlocks, and takes the editors’ range away', async () => {
    const { excel, wb } = await workbook({ password: 's3cret', editorsPassword: 'team' });
    await wb.protect(PLAN);
    excel.resetCounts();
    await wb.protect({ sheets: [{ name: 'Contacts', editors: [], locked: false }] });
    expect(excel.protectionCalls).toEqual([
      { sheet: 'Contacts', call: 'unprotect', password: 's3cret' },
      { sheet: 'Contacts', call: 'allowEditRange.delete', title: EDITORS_RANGE },
    ]);
    expect({ protection: excel.sheet('Contacts').protection, ranges: excel.sheet('Contacts').allowEditRanges.size }).toEqual({ protection: undefined, ranges: 0 });
    expect(excel.sheet('_carnet').protection).toEqual({ password: 's3cret', options: PROTECTION });
  });

  it('refuses a sheet someone protected with a password Carnet was not given, and leaves every sheet as it was', async () => {
    const { excel, wb } = await workbook();
    excel.sheet('Notes').protection = { options: { ...USERS } };
    excel.sheet('Contacts').protection = { password: 'theirs', options: { ...USERS } };
    const refused = await errorOf(
      wb.protect({
        sheets: [
          { name: '_carnet', editors: [], locked: true },
          { name: 'Notes', editors: [], locked: false },
          { name: 'Contacts', editors: [], locked: false },
        ],
      }),
    );
    expect(refused.data).toEqual({
      code: 'E_FORBIDDEN',
      sheet: 'Contacts',
      message:
        'Excel refused to change the protection of Contacts: it is protected with a password Carnet was not given. Unprotect it (Review › Unprotect Sheet) and try again.',
    });
    // Notes was unprotected before Contacts refused; it is protected again with its own options.
    expect(excel.protectionCalls).toEqual([
      { sheet: 'Notes', call: 'unprotect' },
      { sheet: 'Contacts', call: 'unprotect', refused: 'InvalidArgument' },
      { sheet: 'Notes', call: 'protect', options: USERS },
    ]);
    expect({
      _carnet: excel.sheet('_carnet').protection,
      Notes: excel.sheet('Notes').protection,
      Contacts: excel.sheet('Contacts').protection,
    }).toEqual({ _carnet: undefined, Notes: { password: undefined, options: USERS }, Contacts: { password: 'theirs', options: USERS } });
  });

  describe('the editors’ allow-edit range', () => {
    it('is given where ExcelApiOnline 1.1 exists and an editors’ password is configured', async () => {
      const { excel, wb } = await workbook({ editorsPassword: 'team' });
      await wb.protect(PLAN);
      expect(['_carnet', 'Contacts', 'Notes'].map((s) => [...excel.sheet(s).allowEditRanges.keys()])).toEqual([[EDITORS_RANGE], [EDITORS_RANGE], []]);
    });

    it('is not asked for where ExcelApiOnline 1.1 does not exist: the sheets are locked all the same', async () => {
      const { excel, wb } = await workbook({ editorsPassword: 'team', allowEditRanges: false });
      await wb.protect(PLAN);
      expect(excel.protectionCalls.map((c) => [c.sheet, c.call])).toEqual([
        ['_carnet', 'protect'],
        ['Contacts', 'protect'],
      ]);
      // This Excel would have refused the range: the adapter did not ask.
      expect(await refusal(excel, (ws) => ws.protection.allowEditRanges.add('A range', 'A1:B2'))).toBe('ApiNotFound');
    });

    it('is not given without an editors’ password', async () => {
      const { excel, wb } = await workbook();
      await wb.protect(PLAN);
      expect(excel.sheet('Contacts').allowEditRanges.size).toBe(0);
    });
  });
});

describe('The protection of sheets, as Excel tells it', () => {
  it('is locked or not, with no editors and no column protection, missing sheets left out', async () => {
    const { wb } = await workbook();
    await wb.protect(PLAN);
    expect(await wb.protections(['contacts', 'Notes', 'Missing', '_carnet'])).toEqual([
      { name: 'Contacts', locked: true, editors: null, warnColumns: [] },
      { name: 'Notes', locked: false, editors: null, warnColumns: [] },
      { name: '_carnet', locked: true, editors: null, warnColumns: [] },
    ]);
  });

  it('tells a protection someone else made, password or not', async () => {
    const { excel, wb } = await workbook();
    excel.sheet('Notes').protection = { password: 'theirs', options: { ...USERS } };
    expect((await wb.protections(['Notes'])).map((s) => s.locked)).toEqual([true]);
  });
});

describe('The number of context.sync() calls for protection', () => {
  async function sheets(n: number) {
    const { excel, wb } = setup();
    const names = Array.from({ length: n }, (_, i) => `Sheet ${i + 1}`);
    for (const name of names) await wb.ensureSheet(name);
    const plan: ProtectionPlan = { sheets: names.map((name, i) => ({ name, editors: [], locked: i % 2 === 0 })) };
    excel.resetCounts();
    return { excel, wb, names, plan };
  }

  async function costs(n: number) {
    const { excel, wb, names, plan } = await sheets(n);
    const measure = async (act: () => Promise<unknown>) => {
      excel.resetCounts();
      await act();
      return excel.syncs;
    };
    return {
      apply: await measure(() => wb.protect(plan)),
      again: await measure(() => wb.protect(plan)),
      read: await measure(() => wb.protections(names)),
      unlock: await measure(() => wb.protect({ sheets: names.map((name) => ({ name, editors: [], locked: false })) })),
    };
  }

  it('is the same for 2 sheets as for 30: one read and one change, one read when nothing changes', async () => {
    const expected = { apply: 2, again: 1, read: 1, unlock: 2 };
    expect({ two: await costs(2), thirty: await costs(30) }).toEqual({ two: expected, thirty: expected });
  });
});

describe('The fake Excel’s worksheet protection', () => {
  const protectedSheet = async (excel: FakeExcel, password?: string) => inExcel(excel, 'Notes', (ws) => ws.protection.protect(PROTECTION, password));
  const write = (row: number, column: number, values: string[][]) => (ws: XlWorksheet) => {
    ws.getRangeByIndexes(row, column, values.length, values[0]!.length).values = values;
  };

  it('fails to protect a protected sheet, and to unprotect it with a wrong password', async () => {
    const { excel } = await workbook();
    await protectedSheet(excel, 'pw');
    expect(await refusal(excel, (ws) => ws.protection.protect(PROTECTION))).toBe('InvalidOperation');
    expect(await refusal(excel, (ws) => ws.protection.unprotect('nope'))).toBe('InvalidArgument');
    await inExcel(excel, 'Notes', (ws) => ws.protection.unprotect('pw'));
    expect(excel.sheet('Notes').protection).toBeUndefined();
  });

  it('tells `protected` and `options` after a sync, read with the sheets or on their own', async () => {
    const { excel } = await workbook();
    await protectedSheet(excel);
    await excel.run(async (ctx) => {
      const own = ctx.workbook.worksheets.getItem('Notes').protection.load('protected,options');
      const all = ctx.workbook.worksheets.load('items/name,items/protection/protected');
      await ctx.sync();
      expect({ protected: own.protected, options: own.options }).toEqual({ protected: true, options: PROTECTION });
      expect(all.items.map((ws) => [ws.name, ws.protection.protected])).toEqual([
        ['_carnet', false],
        ['Contacts', false],
        ['Notes', true],
      ]);
    });
  });

  it('refuses a change to locked cells of a protected sheet, and lets unlocked ones change', async () => {
    const { excel } = await workbook();
    await inExcel(excel, 'Notes', (ws) => {
      ws.getRangeByIndexes(0, 1, 2, 1).format.protection.locked = false;
      ws.protection.protect();
    });
    await inExcel(excel, 'Notes', write(0, 1, [['free'], ['too']]));
    expect(excel.values('Notes')).toEqual([['', 'free'], ['', 'too']]);
    expect(await refusal(excel, write(0, 0, [['x', 'y']]))).toBe('AccessDenied');
    expect(
      await refusal(excel, (ws) => {
        ws.getRangeByIndexes(0, 0, 1, 1).format.protection.locked = false;
      }),
    ).toBe('AccessDenied');
  });

  it('lets anybody edit an allow-edit range without a password, and refuses to change ranges while protected', async () => {
    const { excel } = await workbook();
    await inExcel(excel, 'Notes', (ws) => {
      ws.protection.allowEditRanges.add('Open', 'B:B');
      ws.protection.allowEditRanges.add('Closed', 'C:C', { password: 'pw' });
      ws.protection.protect();
    });
    await inExcel(excel, 'Notes', write(4, 1, [['ok']]));
    expect(excel.values('Notes')[4]).toEqual(['', 'ok']);
    expect(await refusal(excel, write(4, 2, [['no']]))).toBe('AccessDenied');
    expect(await refusal(excel, (ws) => ws.protection.allowEditRanges.add('More', 'D:D'))).toBe('AccessDenied');
    expect(await refusal(excel, (ws) => ws.protection.allowEditRanges.getItemOrNullObject('Open').delete())).toBe('AccessDenied');
    expect(excel.protectionCalls.map((c) => [c.call, c.refused])).toEqual([
      ['allowEditRanges.add', undefined],
      ['allowEditRanges.add', undefined],
      ['protect', undefined],
      ['allowEditRanges.add', 'AccessDenied'],
      ['allowEditRange.delete', 'AccessDenied'],
    ]);
  });
});
