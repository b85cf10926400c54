/**
 * The task pane's tidy line (office-addin/tidy-notice.ts) over the fake Excel: shown on open when
 * rows typed by hand can be tidied, applied only on the person's click, planned again after edits
 * heard through `Worksheet.onChanged` — never for Carnet's own writes.
 */

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRoles, type User } from '../../core/access/model.js';
import { writeAccess } from '../../core/access/store.js';
import type { Context } from '../../core/app/command.js';
import { dispatch } from '../../core/app/registry.js';
import { serialFromParts } from '../../core/dates.js';
import { MetaStore } from '../../core/schema/storage.js';
import { inProcessBridge } from '../../office-addin/bridge.js';
import type { RunBatch } from '../../office-addin/excel-api.js';
import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';
import { TidyNotice, watchWithExcel, type TidyLine } from '../../office-addin/tidy-notice.js';
import { ok } from '../helpers/commands.js';
import { FakeExcel, type FakeExcelOptions } from './fake-excel.js';

const NOW = serialFromParts(2026, 11, 27, 10, 30);
const ADA: User = { id: 'ada@contoso.com', name: 'Ada', role: 'Admin', active: true };
const CY: User = { id: 'cy@contoso.com', name: 'Cy', role: 'Viewer', active: true };

/** A fake Excel holding a CRM Ada set up, with Acme created through Carnet; `users`: rights on. */
async function excelWith(options: FakeExcelOptions = {}, users?: User[]): Promise<FakeExcel> {
  const excel = new FakeExcel(options);
  const wb = new OfficeWorkbook({ run: excel.run, user: () => ({ id: ADA.id, name: ADA.name }), features: { notes: true, merges: true } });
  const ctx: Context = { wb, now: () => NOW };
  await ok(ctx, 'crm.setup', { lang: 'en' });
  await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
  if (users) {
    const store = new MetaStore(wb);
    const meta = (await store.load())!;
    writeAccess(meta, { users, roles: defaultRoles(), newcomers: null });
    await store.save(meta);
  }
  return excel;
}

/** A company's name typed into the Companies sheet's row `row` (1-based), as a person does. */
function typeCompany(excel: FakeExcel, row: number, name: string, by: 'person' | 'coauthor' = 'person'): void {
  const column = excel.values('Companies')[0]!.indexOf('Name');
  excel.typeByHand('Companies', `${String.fromCharCode(65 + column)}${row}`, [[name]], by);
}

/** A task pane acting as `user`: its bridge (every command it runs logged), and the tidy line it shows. */
function taskPane(excel: FakeExcel, user: User = ADA) {
  const wb = new OfficeWorkbook({ run: excel.run, user: () => ({ id: user.id, name: user.name }), features: { notes: true, merges: true } });
  const commands: string[] = [];
  const bridge = inProcessBridge(
    (): Context => ({ wb, now: () => NOW }),
    (ctx, command, input) => {
      commands.push(command);
      return dispatch(ctx, command, input);
    },
  );
  const shown: (TidyLine | undefined)[] = [];
  const reports: string[] = [];
  const notice = new TidyNotice({
    bridge,
    show: (line) => shown.push(line),
    report: (message) => reports.push(message),
    watch: watchWithExcel(excel.run as RunBatch),
  });
  return { bridge, notice, commands, reports, line: () => shown.at(-1), plans: () => commands.filter((c) => c === 'tidy.plan').length };
}

/** The IDs of the Companies sheet's rows below the header. */
function ids(excel: FakeExcel): unknown[] {
  const [header, ...rows] = excel.values('Companies');
  const id = header!.indexOf('ID');
  return rows.map((r) => r[id]);
}

describe('The task pane’s tidy line', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  describe('when the pane opens', () => {
    it('says how many rows typed by hand can be tidied, and writes nothing', async () => {
      const excel = await excelWith();
      typeCompany(excel, 3, 'Bolt');
      typeCompany(excel, 4, 'Crux');
      const before = excel.values('Companies');
      const pane = taskPane(excel);
      await pane.notice.check();
      expect(pane.line()).toMatchObject({ text: '2 rows typed by hand can be tidied', detail: expect.stringContaining('to tidy in Companies') });
      expect(pane.commands).toEqual(['me', 'tidy.plan']);
      expect(excel.values('Companies')).toEqual(before);
    });

    it('shows nothing when every row is tidy', async () => {
      const pane = taskPane(await excelWith());
      await pane.notice.check();
      expect(pane.line()).toBeUndefined();
      expect(pane.plans()).toBe(1);
    });

    it('shows nothing to a Viewer, and does not plan: tidy needs the right configure', async () => {
      const excel = await excelWith({}, [ADA, CY]);
      typeCompany(excel, 3, 'Bolt');
      const pane = taskPane(excel, CY);
      await pane.notice.check();
      expect(pane.line()).toBeUndefined();
      expect(pane.commands).toEqual(['me']);
    });
  });

  describe('the Tidy up button', () => {
    it('applies the plan the line counted, tells the person, and the line goes', async () => {
      const excel = await excelWith();
      typeCompany(excel, 3, 'Bolt');
      const pane = taskPane(excel);
      await pane.notice.check();
      expect(ids(excel)).toEqual(['CO-000001', '']);
      await pane.line()!.apply();
      expect(ids(excel)).toEqual(['CO-000001', 'CO-000002']);
      expect(pane.reports).toEqual([expect.stringMatching(/^Tidied \d+ cells? in Companies\./)]);
      expect(pane.line()).toBeUndefined();
      expect(pane.commands).toEqual(['me', 'tidy.plan', 'tidy.apply', 'me', 'tidy.plan']);
    });

    it('writes nothing when the sheets changed since the count, and shows the new one', async () => {
      const excel = await excelWith();
      typeCompany(excel, 3, 'Bolt');
      const pane = taskPane(excel);
      await pane.notice.check();
      const seen = pane.line()!;
      typeCompany(excel, 4, 'Crux');
      await seen.apply();
      expect(ids(excel)).toEqual(['CO-000001', '', '']);
      expect(pane.reports).toEqual([expect.stringContaining('The sheets changed since the plan you confirmed')]);
      expect(pane.line()?.text).toBe('2 rows typed by hand can be tidied');
    });
  });

  describe('edits while the pane is open (Worksheet.onChanged)', () => {
    it('plans again 2 s after the last edit, and only shows the new count', async () => {
      const excel = await excelWith();
      const pane = taskPane(excel);
      await pane.notice.check();
      expect(pane.line()).toBeUndefined();
      typeCompany(excel, 3, 'Bolt');
      await vi.advanceTimersByTimeAsync(1_000);
      typeCompany(excel, 4, 'Crux');
      await vi.advanceTimersByTimeAsync(1_999);
      expect(pane.plans()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await pane.bridge.idle();
      expect(pane.plans()).toBe(2);
      expect(pane.line()?.text).toBe('2 rows typed by hand can be tidied');
      expect(ids(excel)).toEqual(['CO-000001', '', '']);
    });

    it('plans again for a co-author’s edit (source Remote)', async () => {
      const excel = await excelWith();
      const pane = taskPane(excel);
      await pane.notice.check();
      typeCompany(excel, 3, 'Bolt', 'coauthor');
      await vi.advanceTimersByTimeAsync(2_000);
      await pane.bridge.idle();
      expect(pane.plans()).toBe(2);
      expect(pane.line()?.text).toBe('1 row typed by hand can be tidied');
    });

    it.each([
      ['an Excel that says so (triggerSource ThisLocalAddin, ExcelApi 1.14)', true],
      ['an older Excel (a local change while a command runs, or just after)', false],
    ])('does not plan again for Carnet’s own writes, on %s', async (_, triggerSource) => {
      const excel = await excelWith({ triggerSource });
      const pane = taskPane(excel);
      await pane.notice.check();
      const heard = excel.changeEvents;
      await pane.bridge.call('record.create', { directory: 'companies', values: { name: 'Bolt' } });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(excel.changeEvents).toBeGreaterThan(heard);
      expect(pane.plans()).toBe(1);
      // A person's edit afterwards is heard as ever.
      typeCompany(excel, 4, 'Crux');
      await vi.advanceTimersByTimeAsync(2_000);
      await pane.bridge.idle();
      expect(pane.plans()).toBe(2);
      expect(pane.line()?.text).toBe('1 row typed by hand can be tidied');
    });

    it('does not plan again for the tidy it applied', async () => {
      const excel = await excelWith({ triggerSource: false });
      typeCompany(excel, 3, 'Bolt');
      const pane = taskPane(excel);
      await pane.notice.check();
      await pane.line()!.apply();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(pane.plans()).toBe(2);
      expect(pane.line()).toBeUndefined();
    });
  });
});
