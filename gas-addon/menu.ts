/**
 * The "Extensions → Carnet" menu. Every item opens the sidebar on a screen; screens whose feature
 * has not shipped yet say so there (no dead menu item). Check runs at once and answers in a dialog;
 * so do the two items that turn the recording of hand edits on and off (admins only).
 */

import type { CheckReport } from '../core/check/check.js';
import type { ErrorData } from '../core/errors.js';

/** What the sidebar can open on. `home` is the set-up screen, or the directories once set up. */
export const SCREENS = ['home', 'card', 'reports', 'import', 'documents', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface MenuItem {
  caption: string;
  /** A global function of the bundle (main.ts GLOBALS): Apps Script calls menu items by name. */
  functionName: string;
}

export const MENU: readonly MenuItem[] = [
  { caption: 'Set up CRM in this spreadsheet', functionName: 'menuSetUp' },
  { caption: 'Open card', functionName: 'menuOpenCard' },
  { caption: 'Reports', functionName: 'menuReports' },
  { caption: 'Import', functionName: 'menuImport' },
  { caption: 'Documents', functionName: 'menuDocuments' },
  { caption: 'Check', functionName: 'menuCheck' },
  { caption: 'Settings', functionName: 'menuSettings' },
  // Admins only (the others are told so): Google's installable onEdit trigger, audit-trigger.ts.
  { caption: 'Record hand edits in the audit log', functionName: 'menuRecordHandEdits' },
  { caption: 'Stop recording hand edits', functionName: 'menuStopRecordingHandEdits' },
];

/** The check dialog's text: counts, then the first problems with their cells. */
export function checkSummary(outcome: { ok: true; result: unknown } | { ok: false; error: ErrorData }): string {
  if (!outcome.ok) {
    if (outcome.error.code === 'E_NOT_CARNET') return 'This spreadsheet has no Carnet CRM yet. Use Extensions → Carnet → Set up CRM in this spreadsheet.';
    return `Carnet could not check this spreadsheet: ${outcome.error.message}`;
  }
  const r = outcome.result as CheckReport;
  const head = `Checked ${r.directories} directories and ${r.records} records.`;
  if (r.problems.length === 0) return `${head}\nNo problems found.`;
  const shown = r.problems.slice(0, 10).map((p) => `• ${p.message}`);
  const more = r.problems.length > shown.length ? [`…and ${r.problems.length - shown.length} more.`] : [];
  return [`${head}\n${r.errors} error(s), ${r.warnings} warning(s):`, ...shown, ...more].join('\n');
}
