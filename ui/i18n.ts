/**
 * The sidebar's own words in the three languages Carnet speaks. Field and directory names come from
 * the schema (labelled in every language); messages refusing a value come from the core as they
 * are. The language follows the workbook's (`schema.lang`) unless the person picks another.
 *
 * English is in the code: the words the sidebar shows from the start here, each screen loaded on
 * demand bringing its own (`registerWords`). French and Russian are one list each, every screen's
 * (ui/i18n-fr.ts, ui/i18n-ru.ts), loaded when the sidebar first speaks the language
 * (`loadLanguage`): a chunk in the Excel task pane, a call to Code.js in Google Sheets
 * (`Bridge.words`), which keeps Sidebar.html within its budget.
 */

import type { Lang } from '../core/schema/types.js';
import type { Bridge } from './bridge.js';
import type { ACCESS_WORDS } from './i18n-access.js';
import type { CHECK_WORDS } from './i18n-check.js';
import type { CONFIGURATOR_WORDS } from './i18n-configurator.js';
import type { DIRECTORY_WORDS } from './i18n-directories.js';
import type { IMPORT_WORDS } from './i18n-import.js';
import type { REPORT_WORDS } from './i18n-reports.js';
import { TEMPLATE_WORDS } from './i18n-templates.js';

const en = {
  ...TEMPLATE_WORDS,
  importTitle: 'Import',
  importHelp: 'Bring in contacts or companies from a file or a pasted table',
  exportTitle: 'Export',
  exportHelp: 'A directory as a CSV, TSV or Excel file',
  reports: 'Reports',
  reportsHelp: 'Pivot tables and charts of your directories',
  loading: 'Loading…',
  saving: 'Saving…',
  retry: 'Try again',
  searchLabel: 'Find a company',
  searchPlaceholder: 'Name, phone, email or contact',
  searchHelp: 'Type to search; arrows to choose, Enter to open, Escape to clear.',
  noMatch: 'No company matches “{query}”.',
  results: '{count} companies found',
  refresh: 'Refresh',
  refreshHelp: 'Reload companies and lists from the spreadsheet',
  newCompany: 'New company',
  viaContact: 'contact: {text}',
  viaEmail: 'email: {text}',
  viaPhone: 'phone: {text}',
  viaCity: 'city: {text}',
  emptyHint: 'Search for a company above, or create one.',
  edit: 'Edit',
  editCompany: 'Edit company',
  delete: 'Delete',
  confirmDelete: 'Really delete?',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  showMore: 'Show {count} more',
  enterHint: 'Enter saves; Shift+Enter starts a new line; Escape cancels.',
  problemsSummary: 'Not saved: please correct the fields marked below.',
  tabNotes: 'Notes',
  tabContacts: 'Contacts',
  tabSales: 'Sales',
  tabDeals: 'Deals',
  tabTasks: 'Tasks',
  addNote: 'Add note',
  notePlaceholder: 'What happened?',
  noNotes: 'No notes yet.',
  addContact: 'Add contact',
  editContact: 'Edit contact',
  noContacts: 'No contacts yet.',
  fullNameHint: 'Made from first and last name if left empty.',
  addSale: 'Add sale',
  editSale: 'Edit sale',
  noSales: 'No sales yet.',
  priceHint: 'List price: {price}. Type another price to override it.',
  noPriceHint: 'Leave empty to use the product’s list price.',
  discountApplied: 'Individual discount {discount} applies.',
  thisMonth: 'This month',
  thisYear: 'This year',
  allTime: 'All time',
  salesCount: '{count} sales',
  saleOne: '1 sale',
  staleAmount: 'The amount in the sheet ({stored}) is out of date; Edit and Save to correct it.',
  noDeals: 'No open deals.',
  noTasks: 'No open tasks.',
  due: 'due {date}',
  overdue: 'overdue since {date}',
  notCarnet: 'This spreadsheet has no CRM yet.',
  setupLanguage: 'Language of the CRM',
  setUp: 'Set up CRM in this spreadsheet',
  uiLanguage: 'Language',
  saved: 'Saved.',
  deleted: 'Deleted.',
  optional: '(optional)',
  required: 'required',
  settings: 'Settings',
  settingsHelp: 'How Carnet uses this spreadsheet',
  backToCompanies: 'Back to companies',
  adoptTitle: 'Use a sheet the team already keeps',
  adoptIntro: 'Carnet can work in a sheet your team already fills in. Pick it and the directory it holds, check the preview, then adopt it. Nothing is written before you adopt, and only what you tick.',
  adoptSheet: 'The team’s sheet',
  adoptDirectory: 'Directory it holds',
  adoptNoSheets: 'Every visible sheet is already used by Carnet. Add the team’s sheet to this spreadsheet, then reload the list.',
  adoptReloadSheets: 'Reload the list',
  preview: 'Preview',
  adoptPlanTitle: 'Sheet “{sheet}” as {directory}',
  adoptRecords: 'Records: {count}',
  adoptColumns: 'Columns',
  adoptColumnHolds: 'Column {column} “{header}” holds',
  adoptTeamColumn: '— the team’s own',
  adoptIdColumn: 'ID: record ids',
  adoptIdCounts: '{filled} filled, {empty} empty',
  adoptNoHeader: '(no header)',
  adoptNoHeaderHint: 'Give this column a header in the sheet to use it.',
  adoptGuess: 'Might hold “{field}”.',
  adoptSamples: 'e.g. {list}',
  adoptFine: '{count} fine',
  adoptToNormalise: '{count} to normalise',
  adoptInvalid: '{count} invalid',
  adoptFieldsWithoutColumn: 'Fields with no column: {list}.',
  adoptConfirm: 'Writes to confirm',
  adoptAddIds: 'Add IDs',
  adoptAddColumns: 'Add the missing columns',
  adoptNormalize: 'Rewrite cells in stored form',
  adoptAddReferenced: 'Add the missing referenced values',
  adoptNeeded: 'needed to adopt',
  adoptChanges: 'What adopting will do',
  adoptHints: 'Worth knowing',
  adoptBlockers: 'Refused until these are settled',
  adoptButton: 'Adopt “{sheet}” as {directory}',
  adopting: 'Adopting…',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signInIntro: 'This workbook’s users have passwords: sign in with your login (your email, or the login an admin gave you) and your password.',
  signInProfileIntro: 'Who are you? Pick your profile; give its password if it has one.',
  signInLogin: 'Login',
  signInProfile: 'Profile',
  signInPassword: 'Password',
  signedInAs: 'Signed in as {name}.',
  signOut: 'Sign out',
  history: 'History',
  historyHelp: 'Who changed what on this company, and when (the audit log)',
  yourRights: 'Your rights',
  yourRightsHelp: 'what your role lets you do, and why not the rest',
  usersRights: 'Users & rights',
  usersRightsHelp: 'who may do what, and protecting the sheets',
  auditTitle: 'Audit log',
  auditHelp: 'who changed what, and when',
  checkTitle: 'Check',
  checkHelp: 'what in the sheets does not fit the CRM, and tidying the rows typed by hand',
  directories: 'Directories',
  directoriesHelp: 'Any directory: find, add, edit, delete',
  cfgTitle: 'Directories and fields',
  cfgHelp: 'create a directory, add and change its fields',
  backToSettings: 'Back to Settings',
  cannotRight: 'You cannot {what}: your role {role} does not have the right “{right}”. Ask an admin.',
  rightImport: 'import',
  rightExport: 'export',
  rightUseTemplates: 'use templates',
  rightManageTemplates: 'manage templates',
  rightUseReports: 'use reports',
  rightManageReports: 'manage reports',
  rightConfigure: 'configure',
  rightManageUsers: 'manage users',
  rightImportWhat: 'import',
  rightExportWhat: 'export',
  rightUseTemplatesWhat: 'fill documents from templates',
  rightManageTemplatesWhat: 'add or remove templates',
  rightUseReportsWhat: 'run and build reports',
  rightManageReportsWhat: 'save or delete reports',
  rightConfigureWhat: 'configure the CRM (directories, fields, adopting a sheet)',
  rightManageUsersWhat: 'manage users and rights, or read the audit log',
} as const;

/** The words the sidebar has from the start; a screen loaded on demand brings its own (`registerWords`). */
type BaseKey = keyof typeof en;
/** Every word's key, the screens' included: `t` is typed against all of them. */
export type MessageKey = BaseKey | keyof typeof REPORT_WORDS | keyof typeof IMPORT_WORDS | keyof typeof ACCESS_WORDS | keyof typeof CHECK_WORDS | keyof typeof DIRECTORY_WORDS | keyof typeof CONFIGURATOR_WORDS;
/** A language's words for every key (ui/i18n-fr.ts, ui/i18n-ru.ts): a missing one does not type-check. */
export type Translation = Record<MessageKey, string>;

/** English always; another language once `loadLanguage` brought it. */
const MESSAGES: Partial<Record<Lang, Record<string, string>>> = { en: { ...en } };
const loading: Partial<Record<Lang, Promise<void>>> = {};

/**
 * Adds a screen's English words (ui/i18n-import.ts, ui/i18n-reports.ts…) to the sidebar's. A
 * screen loaded on demand (ui/lazy.tsx) calls it when its module loads, so that its words travel in
 * its chunk rather than in the task pane's first load.
 */
export function registerWords(words: Record<string, string>): void {
  Object.assign(MESSAGES.en!, words);
}

/** Whether the sidebar can speak `lang` now (English always can). */
export function hasLanguage(lang: Lang): boolean {
  return MESSAGES[lang] !== undefined;
}

/**
 * Brings a language's words, once: from the host where it serves them (`bridge.words`), else from
 * the chunk of this page's code that holds them. A failure is not remembered: the next call tries again.
 */
export function loadLanguage(lang: Lang, bridge?: Pick<Bridge, 'words'>): Promise<void> {
  if (MESSAGES[lang]) return Promise.resolve();
  const words = (): Promise<Record<string, string>> =>
    bridge?.words ? bridge.words(lang) : lang === 'fr' ? import('./i18n-fr.js').then((m) => m.WORDS) : import('./i18n-ru.js').then((m) => m.WORDS);
  loading[lang] ??= words().then(
    (w) => {
      MESSAGES[lang] = w;
    },
    (e: unknown) => {
      delete loading[lang];
      throw e;
    },
  );
  return loading[lang];
}

/** Names of the languages, each in itself, for the language picker. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', fr: 'Français', ru: 'Русский' };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Words in `lang`, or in English while that language is not loaded (`loadLanguage`). */
export function translator(lang: Lang): Translate {
  const messages = MESSAGES[lang] ?? MESSAGES.en!;
  return (key, vars) => {
    const text = messages[key] ?? MESSAGES.en![key];
    if (text === undefined) throw new Error(`No words for "${key}": the screen using them must call registerWords first`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
  };
}

/** BCP 47 locale for number and date formatting. */
export function localeOf(lang: Lang): string {
  return { en: 'en-US', fr: 'fr-FR', ru: 'ru-RU' }[lang];
}
