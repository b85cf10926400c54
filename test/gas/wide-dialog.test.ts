/**
 * "Open wide" on the server side in Google Sheets: `showReportsDialog(viewJson)` opens the
 * sidebar's page as a modal dialog of 1000 × 700 px on the view, in a constant handful of Apps
 * Script calls, and refuses what is not a view before any call. The page itself mounting wide is
 * in sidebar-page.test.ts (Chromium).
 */

import { describe, expect, it } from 'vitest';
import { parseWideView, showWideDialog, WIDE_DIALOG, wideViewScript } from '../../gas-addon/wide-dialog.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

const PAGE = '<!DOCTYPE html><div id="carnet"></div><script>/* the UI */</script>';

function dialogFake() {
  return new FakeAppsScript({ files: { 'Sidebar.html': PAGE } });
}

/** The view a page gets back from the script appended to it: what `window.CARNET_WIDE` holds. */
function viewIn(content: string): unknown {
  const script = content.slice(PAGE.length);
  const window: Record<string, unknown> = {};
  new Function('window', script.replace(/^<script>/, '').replace(/<\/script>$/, ''))(window);
  return { screen: window.CARNET_SCREEN, wide: window.CARNET_WIDE };
}

describe('showReportsDialog in Google Sheets', () => {
  const view = {
    screen: 'reports',
    report: 'Shipments by product',
    definition: { object: 'sales', rows: [{ field: 'company.city' }], columns: [{ field: 'date', by: 'quarter' }], data: [{ field: 'quantity', agg: 'sum' }] },
  };

  it('opens the sidebar page as a 1000 × 700 modal dialog titled after the report, on the view, with the edits', () => {
    const fake = dialogFake();
    expect(JSON.parse(showWideDialog(fake.services, JSON.stringify(view)))).toEqual({ ok: true, result: null });
    expect(fake.ui.dialogs).toHaveLength(1);
    const [dialog] = fake.ui.dialogs;
    expect({ title: dialog!.title, width: dialog!.html.width, height: dialog!.html.height }).toEqual({ title: 'Carnet — Shipments by product', ...WIDE_DIALOG });
    expect(dialog!.html.content.startsWith(PAGE)).toBe(true);
    expect(viewIn(dialog!.html.content)).toEqual({ screen: 'reports', wide: view });
    expect(fake.ui.sidebars).toEqual([]);
  });

  it('costs 6 Apps Script calls, whatever the view', () => {
    const fake = dialogFake();
    showWideDialog(fake.services, JSON.stringify({ screen: 'reports' }));
    expect(fake.calls.snapshot()).toEqual({
      'HtmlOutput.append': 1,
      'HtmlOutput.setHeight': 1,
      'HtmlOutput.setWidth': 1,
      'HtmlService.createHtmlOutputFromFile': 1,
      'SpreadsheetApp.getUi': 1,
      'Ui.showModalDialog': 1,
    });
    expect(fake.ui.dialogs[0]!.title).toBe('Carnet');
  });

  it('cannot be made to run a script by a report name or a filter value a person typed', () => {
    const fake = dialogFake();
    const hostile = {
      screen: 'reports',
      report: '</script><script>window.pwned=1</script>',
      definition: { object: 'sales', rows: [], columns: [], data: [{ field: '', agg: 'count' }], filters: [{ field: 'comment', op: 'equals', value: '<!-- \u2028 </SCRIPT >' }] },
    };
    showWideDialog(fake.services, JSON.stringify(hostile));
    const appended = fake.ui.dialogs[0]!.html.content.slice(PAGE.length);
    expect(appended.match(/<\/?script/gi)).toEqual(['<script', '</script']);
    expect(appended).not.toContain('<!--');
    expect(viewIn(fake.ui.dialogs[0]!.html.content)).toEqual({ screen: 'reports', wide: hostile });
  });

  it('refuses what is not a Reports view, as data, before any Apps Script call', () => {
    for (const [json, error] of [
      ['not json', { code: 'E_BAD_INPUT', message: 'The wide view is not JSON.' }],
      ['{"screen":"settings"}', { code: 'E_BAD_INPUT', field: 'screen', value: 'settings', message: 'A wide view shows the Reports screen: {"screen": "reports", …}.' }],
      ['[1]', { code: 'E_BAD_INPUT', field: 'screen', value: [1], message: 'A wide view shows the Reports screen: {"screen": "reports", …}.' }],
      ['{"screen":"reports","report":7}', { code: 'E_BAD_INPUT', field: 'report', value: 7, message: 'The report of a wide view is named by a text.' }],
      ['{"screen":"reports","definition":"x"}', { code: 'E_BAD_INPUT', field: 'definition', message: 'The definition of a wide view is an object.' }],
    ] as const) {
      const fake = dialogFake();
      expect(JSON.parse(showWideDialog(fake.services, json)), json).toEqual({ ok: false, error });
      expect(fake.calls.total(), json).toBe(0);
    }
  });

  it('keeps only what a view has: no unknown keys reach the page', () => {
    expect(parseWideView('{"screen":"reports","report":"","extra":"<b>"}')).toEqual({ screen: 'reports' });
    expect(wideViewScript({ screen: 'reports' })).toBe('<script>window.CARNET_SCREEN="reports";window.CARNET_WIDE={"screen":"reports"}</script>');
  });
});
