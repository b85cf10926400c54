/**
 * The "Extensions → Carnet" menu. Every item opens the sidebar on a screen; screens whose feature
 * has not shipped yet say so there (no dead menu item); Check opens the sidebar's Check screen (with
 * Tidy up). The items that turn the recording of hand edits, and the tidying of typed rows, on and
 * off (admins only) answer in a dialog.
 */

/** What the sidebar can open on. `home` is the set-up screen, or the directories once set up. */
export const SCREENS = ['home', 'card', 'directories', 'reports', 'import', 'documents', 'settings', 'configurator', 'check'] as const;
export type Screen = (typeof SCREENS)[number];

export interface MenuItem {
  caption: string;
  /** A global function of the bundle (main.ts GLOBALS): Apps Script calls menu items by name. */
  functionName: string;
}

export const MENU: readonly MenuItem[] = [
  { caption: 'Set up CRM in this spreadsheet', functionName: 'menuSetUp' },
  { caption: 'Open card', functionName: 'menuOpenCard' },
  { caption: 'Directories', functionName: 'menuDirectories' },
  { caption: 'Reports', functionName: 'menuReports' },
  { caption: 'Import', functionName: 'menuImport' },
  { caption: 'Documents', functionName: 'menuDocuments' },
  { caption: 'Check', functionName: 'menuCheck' },
  { caption: 'Settings', functionName: 'menuSettings' },
  // Admins': the configurator (the sidebar says so to others), issue 13 §1.
  { caption: 'Directories and fields', functionName: 'menuDirectoriesAndFields' },
  // Admins only (the others are told so): Google's installable onEdit trigger, audit-trigger.ts.
  { caption: 'Record hand edits in the audit log', functionName: 'menuRecordHandEdits' },
  { caption: 'Stop recording hand edits', functionName: 'menuStopRecordingHandEdits' },
  // Admins only too, on the same trigger: tidy-trigger.ts.
  { caption: 'Keep typed rows tidy', functionName: 'menuKeepTypedRowsTidy' },
  { caption: 'Stop keeping typed rows tidy', functionName: 'menuStopKeepingTypedRowsTidy' },
];
