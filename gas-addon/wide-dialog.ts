/**
 * "Open wide" in Google Sheets: the Reports screen in a modal dialog of about 1000 × 700 px over
 * the spreadsheet. The sidebar asks for it with `google.script.run.showReportsDialog(viewJson)`
 * (sidebar-bridge.ts); the dialog is the sidebar's own page, Sidebar.html, with the view injected
 * the way a menu item injects its screen (`window.CARNET_WIDE`, read by sidebar-entry.tsx, which
 * mounts with `{ wide }`). Its page then runs commands through `carnet()` as the sidebar does.
 *
 * The view travels in the page, not in a property store: a definition edited and not saved is
 * the dialog's alone, and nothing is left behind once it is closed.
 */

import { fail, toErrorData } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import type { WideView } from '../ui/bridge.js';
import type { AppsScriptServices } from './apps-script-api.js';

/** About the size of a laptop's editor area less Sheets' own bars; the person can still scroll. */
export const WIDE_DIALOG = { width: 1000, height: 700 } as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The view the sidebar sent, checked at the boundary (the definition itself is checked by the commands that run it). */
export function parseWideView(json: unknown): WideView {
  let v: unknown;
  try {
    v = typeof json === 'string' ? JSON.parse(json) : json;
  } catch {
    fail({ code: 'E_BAD_INPUT', message: say('The wide view is not JSON.') });
  }
  if (!isPlainObject(v) || v.screen !== 'reports') fail({ code: 'E_BAD_INPUT', field: 'screen', value: isPlainObject(v) ? v.screen : v, message: say('A wide view shows the Reports screen: {"screen": "reports", …}.') });
  if (v.report !== undefined && typeof v.report !== 'string') fail({ code: 'E_BAD_INPUT', field: 'report', value: v.report, message: say('The report of a wide view is named by a text.') });
  if (v.definition !== undefined && !isPlainObject(v.definition)) fail({ code: 'E_BAD_INPUT', field: 'definition', message: say('The definition of a wide view is an object.') });
  return {
    screen: 'reports',
    ...(typeof v.report === 'string' && v.report !== '' ? { report: v.report } : {}),
    ...(v.definition !== undefined ? { definition: v.definition as unknown as WideView['definition'] } : {}),
  };
}

/**
 * The script appended to the page. A report's name or a filter's value is text a person typed:
 * every `<` is written `\u003c`, so none can close the script element (`</script>`) or open a
 * comment; U+2028/2029 are escaped for parsers older than ES2019.
 */
export function wideViewScript(view: WideView): string {
  const json = JSON.stringify(view).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script>window.CARNET_SCREEN="reports";window.CARNET_WIDE=${json}</script>`;
}

/** The dialog's title bar: the report's name, in the workbook's language as report.list gave it. */
export function wideDialogTitle(view: WideView): string {
  return view.report ? `Carnet — ${view.report}` : 'Carnet';
}

/**
 * Opens the dialog: 5 Apps Script calls (createHtmlOutputFromFile, setWidth, setHeight, append,
 * showModalDialog) plus getUi. Returns the outcome as JSON, never throws, like `carnet()`.
 */
export function showWideDialog(services: Pick<AppsScriptServices, 'HtmlService' | 'SpreadsheetApp'>, json: unknown): string {
  try {
    const view = parseWideView(json);
    const html = services.HtmlService.createHtmlOutputFromFile('Sidebar').setWidth(WIDE_DIALOG.width).setHeight(WIDE_DIALOG.height).append(wideViewScript(view));
    services.SpreadsheetApp.getUi().showModalDialog(html, wideDialogTitle(view));
    return JSON.stringify({ ok: true, result: null });
  } catch (e) {
    return JSON.stringify({ ok: false, error: toErrorData(e) });
  }
}
