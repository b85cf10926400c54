/**
 * A person editing a cell while Carnet works. Excel's batches "automatically fail" in cell edit
 * mode, unless `Excel.run` is given `delayForCellEdit: true`: then "the batch request is delayed
 * until the user exits cell edit mode"
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member).
 * The fake Excel plays both (fake-excel.ts, `startCellEdit`).
 */

import { describe, expect, it } from 'vitest';
import { noticeWhileHeld, WAITING_FOR_EXCEL } from '../../office-addin/cell-edit.js';
import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';
import { FakeExcel } from './fake-excel.js';
import { clients, CLIENTS } from './setup.js';

const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

/** What Excel shows of CLIENTS: the team's C2:C4 formulas are =LEN(B…). */
const SHOWN = CLIENTS.map((row, i) => (i === 0 ? row : [row[0]!, row[1]!, String(row[1]).length, row[3]!]));

describe('While a person edits a cell', () => {
  it('a read waits until they leave the cell, then answers, with the syncs it always costs', async () => {
    const { excel, wb } = await clients();
    await wb.read('Clients');
    const usual = excel.syncs;
    excel.resetCounts();

    excel.startCellEdit();
    let answer: unknown;
    const read = wb.read('Clients').then((grid) => (answer = grid));
    await turn();
    expect(answer).toBeUndefined();
    excel.endCellEdit();
    await read;
    expect(answer).toEqual(SHOWN);
    expect(excel.syncs).toBe(usual);
    expect(excel.delayedSyncs).toBe(1);
  });

  it('a write waits too, and writes once, after the edit', async () => {
    const { excel, wb } = await clients();
    excel.startCellEdit();
    const write = wb.write('Clients', 4, 0, [['CO-4', 'Dee', null, 'Nice']]);
    await turn();
    expect(excel.values('Clients')).toHaveLength(4);
    excel.endCellEdit();
    await write;
    expect(excel.values('Clients')[4]).toEqual(['CO-4', 'Dee', '', 'Nice']);
  });
});

describe('The fake Excel in cell edit mode', () => {
  it('fails a batch run without delayForCellEdit, as Excel does, and delays one run with it', async () => {
    const excel = new FakeExcel();
    excel.startCellEdit();
    await expect(excel.run(async (ctx) => void (await ctx.sync()))).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    await expect(excel.run({ delayForCellEdit: false }, async (ctx) => void (await ctx.sync()))).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    let ran = false;
    const delayed = excel.run({ delayForCellEdit: true }, async (ctx) => {
      ctx.workbook.worksheets.add('S');
      await ctx.sync();
      ran = true;
    });
    await turn();
    expect(ran).toBe(false);
    expect(excel.sheets).toEqual([]);
    excel.endCellEdit();
    await delayed;
    expect(ran).toBe(true);
    expect(excel.sheets.map((s) => s.name)).toEqual(['S']);
  });
});

describe('The note while Excel holds a batch', () => {
  it('shows after a moment while a person edits a cell, once for every batch held, and goes when they leave it', async () => {
    const { excel } = await clients();
    const shown: string[] = [];
    const wb = new OfficeWorkbook({
      run: noticeWhileHeld(excel.run, { after: 10, show: (t) => shown.push(`show ${t}`), hide: (t) => shown.push(`hide ${t}`) }),
      features: { notes: true, allowEditRanges: true, merges: true },
    });
    await wb.read('Clients');
    expect(shown).toEqual([]); // a batch that answers at once says nothing

    excel.startCellEdit();
    const both = Promise.all([wb.read('Clients'), wb.sheets()]);
    await turn();
    expect(shown).toEqual([`show ${WAITING_FOR_EXCEL}`]);
    excel.endCellEdit();
    await both;
    expect(shown).toEqual([`show ${WAITING_FOR_EXCEL}`, `hide ${WAITING_FOR_EXCEL}`]);
    expect(WAITING_FOR_EXCEL).toMatch(/press Enter or click another cell/);
  });
});
