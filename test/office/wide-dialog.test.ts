/**
 * "Open wide" in Excel over a fake of Office's dialog API (fake-dialog.ts): the task pane opens
 * its own page as a dialog, the view is the first message the dialog gets, and each command the
 * dialog's Reports screen runs goes to the task pane and back — run by the task pane's in-process
 * bridge against the (fake) workbook, answered by id, refusals carrying the core's data whole.
 */

import { describe, expect, it, vi } from 'vitest';
import type { Context } from '../../core/app/command.js';
import { dispatch } from '../../core/app/registry.js';
import { serialFromParts } from '../../core/dates.js';
import { inProcessBridge } from '../../office-addin/bridge.js';
import { checkHost } from '../../office-addin/requirements.js';
import { isWideDialog, taskPaneBridge, wideDialogBridge, wideDialogOpener, wideDialogUrl } from '../../office-addin/wide-dialog.js';
import { BridgeError, type Bridge, type WideView } from '../../ui/bridge.js';
import { EVENTS, FakeDialogOffice } from './fake-dialog.js';
import { setup } from './setup.js';

const ORIGIN = 'https://carnet.test';
/** What Office loads the task pane with: Office's own query parameter included. */
const TASKPANE = `${ORIGIN}/taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0`;

const VIEW: WideView = {
  screen: 'reports',
  report: 'Shipments by product',
  definition: { object: 'sales', rows: [{ field: 'product' }], columns: [{ field: 'date', by: 'quarter' }], data: [{ field: 'quantity', agg: 'sum' }] },
};

/** A task pane over a fake Excel with a CRM of one sale, its in-process bridge, and Office's dialog API. */
async function taskPane(office = new FakeDialogOffice({ origin: ORIGIN })) {
  const { wb } = setup();
  const ctx: Context = { wb, now: () => serialFromParts(2026, 11, 27, 10, 30) };
  const inProcess = inProcessBridge(() => ctx, dispatch);
  await inProcess.call('crm.setup', { lang: 'en' });
  await inProcess.call('record.create', { directory: 'companies', values: { name: 'Dupont SA' } });
  await inProcess.call('record.create', { directory: 'products', values: { code: 'CH-1', name: 'Chair', unit_price: 100 } });
  await inProcess.call('record.create', { directory: 'sales', values: { company: 'Dupont SA', product: 'Chair', date: '2026-02-03', quantity: 5 } });
  const openWide = wideDialogOpener({ ui: office.taskpane, events: EVENTS, taskpaneUrl: TASKPANE, origin: ORIGIN, bridge: inProcess, capabilities: { nativePivots: true } });
  return { office, inProcess, openWide };
}

/** The dialog page starting in the dialog Office opened: its bridge, and the views it was shown. */
function dialogPage(office: FakeDialogOffice, index = 0) {
  const views: WideView[] = [];
  const problems: string[] = [];
  const bridge = wideDialogBridge({ ui: office.dialogs[index]!.ui, events: EVENTS, origin: ORIGIN, onView: (v) => views.push(v), onProblem: (m) => problems.push(m) });
  return { bridge, views, problems };
}

const ticks = () => new Promise((r) => setTimeout(r, 20));

describe('Open wide in Excel', () => {
  it('opens the task pane’s own page at 80 % × 80 % of the screen, in a frame on the web, on the Reports screen', async () => {
    const { office, openWide } = await taskPane();
    await openWide(VIEW);
    expect(office.dialogs.map((d) => ({ url: d.url, options: d.options }))).toEqual([
      { url: `${ORIGIN}/taskpane.html?screen=reports&wide=1`, options: { width: 80, height: 80, displayInIframe: true } },
    ]);
    expect(isWideDialog(`${office.dialogs[0]!.url}&_host_Info=Excel$Win32`)).toBe(true);
    expect(isWideDialog(TASKPANE)).toBe(false);
    expect(wideDialogUrl(`${ORIGIN}/addin/taskpane.html?x=1#top`)).toBe(`${ORIGIN}/addin/taskpane.html?screen=reports&wide=1`);
  });

  it('sends the view, with what the host can do, as the first message, once the dialog says it can hear', async () => {
    const { office, openWide } = await taskPane();
    await openWide(VIEW);
    const page = dialogPage(office);
    await vi.waitFor(() => expect(page.views).toEqual([VIEW]));
    expect(page.bridge.capabilities).toEqual({ nativePivots: true });
    expect(office.log).toEqual([
      { to: 'taskpane', message: { type: 'carnet:wide-ready' } },
      { to: 'dialog', message: { type: 'carnet:wide-view', view: VIEW, capabilities: { nativePivots: true } } },
    ]);
  });

  it('runs the dialog’s commands in the task pane and answers each by its id', async () => {
    const { office, inProcess, openWide } = await taskPane();
    await openWide(VIEW);
    const page = dialogPage(office);
    await vi.waitFor(() => expect(page.views).toHaveLength(1));
    const [list, run] = await Promise.all([page.bridge.call('report.list'), page.bridge.call('pivot.run', { report: VIEW.report, definition: VIEW.definition })]);
    expect(list).toEqual(await inProcess.call('report.list'));
    expect(run).toEqual(await inProcess.call('pivot.run', { report: VIEW.report, definition: VIEW.definition }));
    expect(run).toMatchObject({ rowKeys: [[{ key: 'Chair', label: 'Chair' }]], caption: expect.stringMatching(/^Shipments by product — Sales — all records — 1 record — built /) });
    const calls = office.log.filter((m) => m.to === 'taskpane' && (m.message as { type: string }).type === 'carnet:call');
    expect(calls.map((m) => m.message)).toEqual([
      { type: 'carnet:call', id: 1, command: 'report.list', input: {} },
      { type: 'carnet:call', id: 2, command: 'pivot.run', input: { report: VIEW.report, definition: VIEW.definition } },
    ]);
    const answers = office.log.filter((m) => (m.message as { type: string }).type === 'carnet:answer').map((m) => (m.message as { id: number; outcome: { ok: boolean } }).outcome.ok && (m.message as { id: number }).id);
    expect(answers).toEqual([1, 2]);
  });

  it('passes an error from the core back whole, as the BridgeError’s data', async () => {
    const { office, inProcess, openWide } = await taskPane();
    await openWide(VIEW);
    const page = dialogPage(office);
    await vi.waitFor(() => expect(page.views).toHaveLength(1));
    const input = { name: 'Broken', definition: { object: 'sales', rows: [{ field: 'no_such_field' }], columns: [], data: [{ field: 'quantity', agg: 'sum' }] } };
    const direct = (await inProcess.call('report.save', input).catch((e: unknown) => e)) as BridgeError;
    const forwarded = await page.bridge.call('report.save', input).catch((e: unknown) => e);
    expect(forwarded).toBeInstanceOf(BridgeError);
    expect((forwarded as BridgeError).data).toEqual(direct.data);
    expect(direct.data.code).toBe('E_UNKNOWN_FIELD');
    expect((forwarded as BridgeError).message).toBe(direct.data.message);
  });

  it('matches answers to questions by id when they come back out of order', async () => {
    const office = new FakeDialogOffice({ origin: ORIGIN });
    // A task pane whose commands finish in any order (the real one queues them; the ids must not care).
    const slowFirst: Bridge = { call: async <T,>(command: string) => (await new Promise((r) => setTimeout(r, command === 'slow' ? 30 : 1)), command as T) };
    const openWide = wideDialogOpener({ ui: office.taskpane, events: EVENTS, taskpaneUrl: TASKPANE, origin: ORIGIN, bridge: slowFirst });
    await openWide(VIEW);
    const page = dialogPage(office);
    await vi.waitFor(() => expect(page.views).toHaveLength(1));
    expect(await Promise.all([page.bridge.call('slow'), page.bridge.call('fast')])).toEqual(['slow', 'fast']);
    const order = office.log.filter((m) => (m.message as { type: string }).type === 'carnet:answer').map((m) => (m.message as { id: number }).id);
    expect(order).toEqual([2, 1]);
  });

  it('shows a second view in the dialog already open, and opens a new dialog once the person closed it', async () => {
    const { office, openWide } = await taskPane();
    await openWide(VIEW);
    const page = dialogPage(office);
    await vi.waitFor(() => expect(page.views).toHaveLength(1));
    const other: WideView = { screen: 'reports', report: 'Revenue by city' };
    await openWide(other);
    await vi.waitFor(() => expect(page.views).toEqual([VIEW, other]));
    expect(office.dialogs).toHaveLength(1);
    office.dialogs[0]!.closeByPerson();
    await openWide(VIEW);
    expect(office.dialogs).toHaveLength(2);
  });

  it('rejects with Excel’s reason when the dialog cannot open, and reports a dialog that failed to load', async () => {
    const office = new FakeDialogOffice({ origin: ORIGIN });
    const reported: string[] = [];
    const openWide = wideDialogOpener({ ui: office.taskpane, events: EVENTS, taskpaneUrl: TASKPANE, origin: ORIGIN, bridge: { call: async () => null as never }, report: (m) => reported.push(m) });
    office.failNext = { code: 12009, message: 'The user chose to ignore the dialog box.' };
    const error = (await openWide(VIEW).catch((e: unknown) => e)) as BridgeError;
    expect(error).toBeInstanceOf(BridgeError);
    expect(error.data).toEqual({ code: 'E_INTERNAL', message: 'Excel could not open the wide view: The user chose to ignore the dialog box. (12009).' });
    await openWide(VIEW);
    // The page could not load (12002: not found): Office closes the dialog and says why.
    office.dialogs[0]!.closed = true;
    office.dialogs[0]!.fire(EVENTS.eventReceived, { error: 12002 });
    expect(reported).toEqual(['The wide view closed: Excel reported error 12002.']);
    await openWide(VIEW);
    expect(office.dialogs).toHaveLength(2);
    // Closed without Office telling the task pane: the view cannot be shown there, so a new dialog opens.
    office.dialogs[1]!.closed = true;
    await openWide(VIEW);
    expect(office.dialogs).toHaveLength(3);
  });

  it('hears no message from another origin (a page the dialog navigated to)', async () => {
    const office = new FakeDialogOffice({ origin: ORIGIN, dialogOrigin: 'https://elsewhere.example' });
    const { openWide } = await taskPane(office);
    await openWide(VIEW);
    const page = dialogPage(office);
    await ticks();
    expect(page.views).toEqual([]);
    expect(office.log).toEqual([{ to: 'taskpane', message: { type: 'carnet:wide-ready' } }]);
  });

  describe('on a host without DialogApi 1.2', () => {
    const probe = (dialogApi: string | undefined) => ({
      isSetSupported: (name: string, version = '1.1') => (name === 'ExcelApi' ? Number(version.split('.')[1]) <= 18 : name === 'DialogApi' && dialogApi !== undefined && Number(version.split('.')[1]) <= Number(dialogApi.split('.')[1])),
    });

    it('is not offered: the task pane’s bridge has no openWide, and still says Excel makes pivot tables', () => {
      expect(checkHost(probe('1.1')).features.wideDialog).toBe(false);
      expect(checkHost(probe(undefined)).features.wideDialog).toBe(false);
      expect(checkHost(probe('1.2')).features.wideDialog).toBe(true);
      const office = new FakeDialogOffice();
      const inProcess: Bridge = { call: async () => null as never };
      const opener = { ui: office.taskpane, events: EVENTS, taskpaneUrl: TASKPANE, origin: ORIGIN };
      const without = taskPaneBridge(inProcess, { wideDialog: false, capabilities: { nativePivots: true } }, opener);
      expect(without.openWide).toBeUndefined();
      expect(without.capabilities).toEqual({ nativePivots: true });
      expect(typeof taskPaneBridge(inProcess, { wideDialog: true, capabilities: { nativePivots: true } }, opener).openWide).toBe('function');
    });

    it('says so in a dialog opened anyway, instead of waiting for a view that cannot come', async () => {
      const office = new FakeDialogOffice({ origin: ORIGIN, dialogApi12: false });
      const { openWide } = await taskPane(office);
      await openWide(VIEW);
      const page = dialogPage(office);
      await vi.waitFor(() => expect(page.problems).toEqual(['This Excel cannot send the report to its window (An internal error has occurred.). Close it and use the report in the task pane.']));
      expect(office.log).toEqual([]);
    });
  });
});
