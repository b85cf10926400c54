/**
 * Visibility and protection: hiding sheets, the `_carnet` settings sheet's protection, and the
 * protection plans of core/access (`applyPlan`), read back for the drift check (`readProtections`).
 *
 * Carnet knows its own protections by their descriptions: the plan's on a sheet, the warning on a
 * run of columns, the settings' on `_carnet` (which a plan entry for `_carnet` takes over). Any
 * other protection is a team's own: Carnet never changes or removes it.
 *
 * Protection calls follow the reference (https://developers.google.com/apps-script/reference/spreadsheet/protection):
 * a new protection mirrors the spreadsheet's editors, and so stops nobody, until its editors are
 * changed; the person applying is added before anyone is removed; the owner and the person
 * applying cannot be removed; domain editing is turned off where there is any.
 */

import { fail } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import type { ProtectionPlan, ProtectionState, SheetProtection, Visibility } from '../core/workbook.js';
import type { AppsScriptServices, ProtectionApi, SheetApi, SpreadsheetApi } from './apps-script-api.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

const SETTINGS_DESCRIPTION = 'Carnet settings: change them through Carnet (Extensions → Carnet).';
const PLAN_DESCRIPTION = 'Protected by Carnet';
const WARN_DESCRIPTION = 'Carnet: typed by Carnet (IDs, computed columns)';

export type SettingsProtection = 'warning' | 'editors';

/**
 * Hiding is `hideSheet()`; `very` adds a protection (see `protectSettings`), since Sheets has no
 * sheet hidden from its View menu.
 */
export function applyVisibility(services: AppsScriptServices, settings: SettingsProtection, s: SheetApi, visibility: Visibility): void {
  const hidden = s.isSheetHidden();
  if (visibility === 'visible') {
    if (hidden) s.showSheet();
    return;
  }
  if (!hidden) {
    try {
      s.hideSheet();
    } catch (e) {
      fail({
        code: 'E_BAD_INPUT',
        sheet: s.getName(),
        message: say('Google Sheets could not hide "{sheet}" (a spreadsheet needs at least one visible sheet): {reason}', { sheet: s.getName(), reason: (e as Error).message }),
      });
    }
  }
  if (visibility === 'very') protectSettings(services, settings, s);
}

/**
 * Hidden is not enough for `_carnet`: any editor can unhide it. Protect it once; never override a
 * protection already there (a plan's).
 */
function protectSettings(services: AppsScriptServices, settings: SettingsProtection, s: SheetApi): void {
  if (s.getProtections(services.SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
  const protection = s.protect().setDescription(SETTINGS_DESCRIPTION);
  if (settings === 'warning') {
    protection.setWarningOnly(true);
    return;
  }
  setEditors(protection, [], new Keepers(services, () => services.SpreadsheetApp.getActiveSpreadsheet()), true);
}

/** A sheet protection Carnet made: a plan's, or the settings' (which a plan entry for `_carnet` takes over). */
function isCarnets(description: string): boolean {
  return description === PLAN_DESCRIPTION || description === SETTINGS_DESCRIPTION;
}

/**
 * Each sheet the plan names gets exactly what it says: locked, one sheet protection of Carnet's
 * with the plan's editors and a warning-only protection per run of `warnColumns`; unlocked, none of
 * Carnet's protections. Every sheet is looked at before anything changes: a missing sheet, or a
 * locked one that already has a team's sheet protection (Sheets gives a sheet only one), stops
 * the plan untouched. Only what differs is changed, so the same plan applied again makes no change.
 * A constant number of calls per sheet, whatever its rows.
 */
export function applyPlan(open: OpenSpreadsheet, services: AppsScriptServices, plan: ProtectionPlan): void {
  const types = services.SpreadsheetApp.ProtectionType;
  const keepers = new Keepers(services, () => open.book);
  const targets = plan.sheets.map((p) => {
    const sheet = open.need(p.name);
    const current = sheet.getProtections(types.SHEET)[0];
    const description = current?.getDescription() ?? '';
    if (p.locked && current && !isCarnets(description)) refuseTeams(open.nameOf(sheet), description);
    return { plan: p, sheet, current: current && isCarnets(description) ? current : undefined, takeOver: description === SETTINGS_DESCRIPTION };
  });
  for (const { plan: p, sheet, current, takeOver } of targets) {
    const warnings = sheet.getProtections(types.RANGE).filter((r) => r.getDescription() === WARN_DESCRIPTION);
    if (!p.locked) {
      current?.remove();
      for (const w of warnings) w.remove();
      continue;
    }
    lockSheet(sheet, current, takeOver, p.editors, keepers);
    warnColumns(open, sheet, warnings, p.warnColumns ?? []);
  }
}

/**
 * The sheets' protection as Sheets has it (missing sheets left out): locked when a sheet protection
 * that is not warning-only exists, whoever made it; its editors, or null when Sheets would refuse
 * to list them to the person asking; the columns under Carnet's warning-only protections. A locked
 * sheet's `keeps` are the spreadsheet's owner and the person asking: "Neither the owner of the
 * spreadsheet nor the current user can be removed" (Protection#removeEditors), so the drift check
 * must not report them as editors by hand.
 */
export function readProtections(open: OpenSpreadsheet, services: AppsScriptServices, sheets: string[]): ProtectionState[] {
  const types = services.SpreadsheetApp.ProtectionType;
  const keepers = new Keepers(services, () => open.book);
  const out: ProtectionState[] = [];
  for (const name of sheets) {
    const sheet = open.find(name);
    if (!sheet) continue;
    const current = sheet.getProtections(types.SHEET)[0];
    const locked = current !== undefined && !current.isWarningOnly();
    out.push({
      name: open.nameOf(sheet),
      locked,
      // canEdit() answers what getEditors() would throw on ("Throws an exception if the user does
      // not have permission to edit the protected range or sheet").
      editors: !locked ? [] : current.canEdit() ? emailsOf(current) : null,
      warnColumns: warnedColumns(sheet.getProtections(types.RANGE)),
      ...(locked ? { keeps: keepers.both() } : {}),
    });
  }
  return out;
}

function refuseTeams(sheet: string, description: string): never {
  fail({
    code: 'E_FORBIDDEN',
    sheet,
    message: description
      ? say(
          'Carnet cannot protect "{sheet}": it already has a sheet protection of its own ("{description}"), and Google Sheets gives a sheet only one. Remove that protection (Data › Protect sheets and ranges), then apply Carnet\'s rights again.',
          { sheet, description },
        )
      : say(
          'Carnet cannot protect "{sheet}": it already has a sheet protection of its own (without a description), and Google Sheets gives a sheet only one. Remove that protection (Data › Protect sheets and ranges), then apply Carnet\'s rights again.',
          { sheet },
        ),
  });
}

/** Carnet's sheet protection: made, taken over from the settings', or corrected where it differs. */
function lockSheet(sheet: SheetApi, current: ProtectionApi | undefined, takeOver: boolean, editors: string[], keepers: Keepers): void {
  const protection = current ?? sheet.protect();
  if (!current || takeOver) protection.setDescription(PLAN_DESCRIPTION);
  if (current && protection.isWarningOnly()) protection.setWarningOnly(false);
  setEditors(protection, editors, keepers, !current || takeOver);
}

/**
 * One warning-only protection per run of consecutive columns, over every row of the sheet: a
 * person is warned before typing over an ID or a computed cell, and Carnet, which acts as the
 * person using it, still writes there. Carnet's column protections that cover a run exactly are
 * kept; the others (a run the plan dropped, or rows the sheet has grown since) are removed.
 */
function warnColumns(open: OpenSpreadsheet, sheet: SheetApi, current: ProtectionApi[], columns: NonNullable<SheetProtection['warnColumns']>): void {
  const rows = open.size(sheet).rows;
  const key = (left: number, width: number, height: number) => `${left}:${width}:${height}`;
  const wanted = new Map(columnRuns(columns.map((c) => c.column)).map((run) => [key(run.first, run.count, rows), run]));
  for (const p of current) {
    const r = p.getRange();
    const at = r.getRow() === 1 ? key(r.getColumn() - 1, r.getNumColumns(), r.getNumRows()) : '';
    if (wanted.delete(at)) {
      if (!p.isWarningOnly()) p.setWarningOnly(true);
    } else {
      p.remove();
    }
  }
  for (const run of wanted.values()) sheet.getRange(1, run.first + 1, rows, run.count).protect().setDescription(WARN_DESCRIPTION).setWarningOnly(true);
}

/** 0-based columns → runs of consecutive ones, in order. */
function columnRuns(columns: number[]): { first: number; count: number }[] {
  const runs: { first: number; count: number }[] = [];
  for (const c of [...new Set(columns)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last.first + last.count === c) last.count++;
    else runs.push({ first: c, count: 1 });
  }
  return runs;
}

/** The 0-based columns Carnet's warning-only protections cover. */
function warnedColumns(protections: ProtectionApi[]): number[] {
  const columns = new Set<number>();
  for (const p of protections) {
    if (p.getDescription() !== WARN_DESCRIPTION || !p.isWarningOnly()) continue;
    const r = p.getRange();
    const left = r.getColumn() - 1;
    for (let i = 0; i < r.getNumColumns(); i++) columns.add(left + i);
  }
  return [...columns].sort((a, b) => a - b);
}

function emailsOf(protection: ProtectionApi): string[] {
  return protection
    .getEditors()
    .map((u) => u.getEmail())
    .filter((e) => e !== '');
}

/**
 * The protection's editors become exactly `editors`, with the two Sheets always keeps. As the
 * reference's sample does: the person applying is added first, since removing others first could
 * remove the group their own right comes from; then the others are removed; then domain editing
 * goes. Only the difference is sent, so a second run sends nothing. A protection just made (or
 * taken over from the settings') is always given its editors: until they are changed it mirrors
 * the spreadsheet's and stops nobody, even where the lists already agree.
 */
function setEditors(protection: ProtectionApi, editors: string[], keepers: Keepers, fresh: boolean): void {
  const lower = (e: string) => e.toLowerCase();
  const me = keepers.me();
  const want = [...new Map([...(me ? [me] : []), ...editors].map((e) => [lower(e), e])).values()];
  const wanted = new Set(want.map(lower));
  const have = emailsOf(protection);
  const had = new Set(have.map(lower));
  const add = fresh ? want : want.filter((e) => !had.has(lower(e)));
  const remove = have.filter((e) => !wanted.has(lower(e)) && !keepers.kept(e));
  if (add.length > 0) protection.addEditors(add);
  // With nobody to add (Google withheld the email, and the plan names no one), an empty removal
  // still ends the mirroring of a new protection.
  if (remove.length > 0 || (fresh && add.length === 0)) protection.removeEditors(remove);
  // Otherwise "anyone in the domain" would still edit it in a Workspace domain.
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

/** The two people no protection can lose: the person applying and the owner, each looked up once and only when needed. */
class Keepers {
  private myEmail: string | undefined;
  private ownerEmail: string | undefined;

  constructor(
    private readonly services: AppsScriptServices,
    private readonly book: () => SpreadsheetApi,
  ) {}

  me(): string {
    return (this.myEmail ??= this.services.Session.getEffectiveUser().getEmail() ?? '');
  }

  /** The owner's email; '' for a file in a shared drive, which has none (Spreadsheet#getOwner gives null). */
  owner(): string {
    return (this.ownerEmail ??= this.book().getOwner()?.getEmail() ?? '');
  }

  /** Sheets keeps them whatever removeEditors is given: asking again each run would never settle. */
  kept(email: string): boolean {
    const e = email.toLowerCase();
    return e === this.me().toLowerCase() || e === this.owner().toLowerCase();
  }

  /** Both, as Sheets spells them, without blanks or repeats. */
  both(): string[] {
    return [...new Map([this.owner(), this.me()].filter((e) => e !== '').map((e) => [e.toLowerCase(), e])).values()];
  }
}
