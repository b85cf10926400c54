/**
 * The Apps Script entry: only glue. Apps Script calls top-level functions by name (menu items,
 * simple triggers, `google.script.run`), so the build emits one top-level stub per name in
 * GLOBALS, each calling the function of the same name exported here; a test holds the two equal.
 */

import type { AppsScriptServices, EditEventApi } from './apps-script-api.js';
import { handleEdit, installAuditTrigger as install, removeAuditTrigger as remove } from './audit-trigger.js';
import { toErrorData } from '../core/errors.js';
import { saveToDrive } from './drive.js';
import { MENU, SCREENS, type Screen } from './menu.js';
import { runCommand } from './server.js';
import { settle } from './sync-promise.js';
import { installTidyTrigger as installTidy, removeTidyTrigger as removeTidy, tidyEditedRows } from './tidy-trigger.js';
import { showWideDialog } from './wide-dialog.js';

export const GLOBALS = [
  'onOpen',
  'onInstall',
  'showSidebar',
  'showReportsDialog',
  'carnet',
  'carnetSaveToDrive',
  'menuSetUp',
  'menuOpenCard',
  'menuDirectories',
  'menuReports',
  'menuImport',
  'menuDocuments',
  'menuCheck',
  'menuSettings',
  'menuDirectoriesAndFields',
  'installAuditTrigger',
  'removeAuditTrigger',
  'carnetOnEdit',
  'menuRecordHandEdits',
  'menuStopRecordingHandEdits',
  'installTidyTrigger',
  'removeTidyTrigger',
  'menuKeepTypedRowsTidy',
  'menuStopKeepingTypedRowsTidy',
] as const;

/** The real services, read when called (a test stubs them as globals of a vm context). */
function services(): AppsScriptServices {
  return {
    SpreadsheetApp,
    LockService,
    Session,
    HtmlService,
    Utilities: typeof Utilities === 'undefined' ? undefined : Utilities,
    Charts: typeof Charts === 'undefined' ? undefined : Charts,
    DriveApp: typeof DriveApp === 'undefined' ? undefined : DriveApp,
    ScriptApp: typeof ScriptApp === 'undefined' ? undefined : ScriptApp,
  };
}

/**
 * Simple trigger. In an add-on not yet used in this document it runs with AuthMode.NONE, where
 * only the menu may be built: so it builds the menu and nothing else.
 */
export function onOpen(_e?: unknown): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

/** Installing from the Marketplace does not reopen the document: build the menu now. */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

export function showSidebar(screen: Screen = 'home'): void {
  const known: Screen = SCREENS.includes(screen) ? screen : 'home';
  const html = HtmlService.createHtmlOutputFromFile('Sidebar')
    .setTitle('Carnet')
    // Read by sidebar-entry.tsx before it mounts; JSON.stringify of a known word cannot break out.
    .append(`<script>window.CARNET_SCREEN=${JSON.stringify(known)}</script>`);
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * "Open wide" from the sidebar's Reports screen (`google.script.run.showReportsDialog(viewJson)`):
 * the same page in a modal dialog, on the view sent (wide-dialog.ts). Returns the outcome as JSON.
 */
export function showReportsDialog(viewJson: string): string {
  return showWideDialog(services(), viewJson);
}

/**
 * Everything the sidebar does goes through here (`google.script.run.carnet(name, json)`).
 * Returns the registry's outcome as JSON; never throws, so the client always gets data.
 */
export function carnet(command: string, json: string, lang?: string): string {
  try {
    return settle(runCommand(services(), command, json, lang));
  } catch (e) {
    return JSON.stringify({ ok: false, error: toErrorData(e) });
  }
}

/**
 * Save to Drive from the sidebar (`google.script.run.carnetSaveToDrive(fileName, mime, base64)`):
 * the file in the root of the user's Drive, asking for the `drive.file` scope first (drive.ts).
 * Returns `{ ok, result: { name, url } }` or an E_FILE error as JSON; never throws.
 */
export function carnetSaveToDrive(fileName: string, mime: string, base64: string): string {
  return saveToDrive(services(), fileName, mime, base64);
}

export function menuSetUp(): void {
  showSidebar('home');
}
export function menuOpenCard(): void {
  showSidebar('card');
}
/** Every directory — products, cities, an admin's own — to search, view, edit and add (issue 13, §1). */
export function menuDirectories(): void {
  showSidebar('directories');
}
export function menuReports(): void {
  showSidebar('reports');
}
export function menuImport(): void {
  showSidebar('import');
}
export function menuDocuments(): void {
  showSidebar('documents');
}
export function menuSettings(): void {
  showSidebar('settings');
}

/** Settings → Directories and fields: create a directory, add and change fields (issue 13, §1). */
export function menuDirectoriesAndFields(): void {
  showSidebar('configurator');
}

/** The sidebar's Check screen: every problem with its cell, and Tidy up (issue 13, §2). */
export function menuCheck(): void {
  showSidebar('check');
}

/**
 * Turns the recording of hand edits on (admins only): the installable onEdit trigger calling
 * `carnetOnEdit`, made once (audit-trigger.ts). `google.script.run.installAuditTrigger()` from the
 * sidebar, or the menu item below. Returns `{ ok, result: HandEditsOutcome }` or an error as JSON.
 */
export function installAuditTrigger(): string {
  return settled(() => install(services()));
}

/** Turns it off (admins only): the caller's trigger removed, and no trigger records any more. JSON out. */
export function removeAuditTrigger(): string {
  return settled(() => remove(services()));
}

/**
 * The installable trigger's function, one per admin doing what `_carnet` switched on for them: the
 * hand edit's audit entries appended (audit-trigger.ts), then the edited rows tidied
 * (tidy-trigger.ts), each on its own. Add-on triggers send nobody an error email, so a failure is
 * only logged.
 */
export function carnetOnEdit(e: EditEventApi): void {
  try {
    settle(handleEdit(services(), e));
  } catch (err) {
    if (typeof console !== 'undefined') console.error(`Carnet could not record a hand edit: ${(err as Error).message}`);
  }
  try {
    settle(tidyEditedRows(services(), e));
  } catch (err) {
    if (typeof console !== 'undefined') console.error(`Carnet could not tidy the typed rows: ${(err as Error).message}`);
  }
}

/** Keeps typed rows tidy as they are typed (admins only; tidy-trigger.ts). JSON out, like installAuditTrigger. */
export function installTidyTrigger(): string {
  return settled(() => installTidy(services()));
}

/** Stops it (admins only). JSON out. */
export function removeTidyTrigger(): string {
  return settled(() => removeTidy(services()));
}

export function menuKeepTypedRowsTidy(): void {
  SpreadsheetApp.getUi().alert(outcomeText(installTidyTrigger()));
}

export function menuStopKeepingTypedRowsTidy(): void {
  SpreadsheetApp.getUi().alert(outcomeText(removeTidyTrigger()));
}

export function menuRecordHandEdits(): void {
  SpreadsheetApp.getUi().alert(outcomeText(installAuditTrigger()));
}

export function menuStopRecordingHandEdits(): void {
  SpreadsheetApp.getUi().alert(outcomeText(removeAuditTrigger()));
}

/** An async entry point's JSON, settled inside the call; an internal failure as data too. */
function settled(run: () => Promise<string>): string {
  try {
    return settle(run());
  } catch (e) {
    return JSON.stringify({ ok: false, error: toErrorData(e) });
  }
}

function outcomeText(json: string): string {
  const outcome = JSON.parse(json) as { ok: true; result: { message: string } } | { ok: false; error: { message: string } };
  return outcome.ok ? outcome.result.message : outcome.error.message;
}
