/**
 * Visibility and protection: hiding sheets, the `_carnet` settings sheet's protection, and the
 * protection plans of core/access.
 */

import { fail } from '../core/errors.js';
import type { ProtectionPlan, Visibility } from '../core/workbook.js';
import type { AppsScriptServices, ProtectionApi, SheetApi } from './apps-script-api.js';
import type { OpenSpreadsheet } from './open-spreadsheet.js';

const SETTINGS_DESCRIPTION = 'Carnet settings: change them through Carnet (Extensions → Carnet).';
const PLAN_DESCRIPTION = 'Protected by Carnet';

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
        message: `Google Sheets could not hide "${s.getName()}" (a spreadsheet needs at least one visible sheet): ${(e as Error).message}`,
      });
    }
  }
  if (visibility === 'very') protectSettings(services, settings, s);
}

/**
 * Locked sheets get one sheet protection whose editors are exactly the plan's (Sheets always
 * keeps the owner and the person running Carnet: they cannot be removed). Unlocked sheets lose
 * their sheet protections.
 */
export function applyPlan(open: OpenSpreadsheet, services: AppsScriptServices, plan: ProtectionPlan): void {
  const type = services.SpreadsheetApp.ProtectionType.SHEET;
  const targets = plan.sheets.map((p) => ({ plan: p, sheet: open.need(p.name) }));
  for (const { plan: p, sheet } of targets) {
    const existing = sheet.getProtections(type);
    if (!p.locked) {
      for (const x of existing) x.remove();
      continue;
    }
    for (const x of existing.slice(1)) x.remove();
    const protection = (existing[0] ?? sheet.protect()).setDescription(PLAN_DESCRIPTION).setWarningOnly(false);
    setEditors(protection, p.editors);
  }
}

/** Hidden is not enough for `_carnet`: any editor can unhide it. Protect it once; never override a plan. */
function protectSettings(services: AppsScriptServices, settings: SettingsProtection, s: SheetApi): void {
  if (s.getProtections(services.SpreadsheetApp.ProtectionType.SHEET).length > 0) return;
  const protection = s.protect().setDescription(SETTINGS_DESCRIPTION);
  if (settings === 'warning') {
    protection.setWarningOnly(true);
    return;
  }
  const me = services.Session.getEffectiveUser().getEmail();
  setEditors(protection, me ? [me] : []);
}

function setEditors(protection: ProtectionApi, editors: string[]): void {
  const keep = new Set(editors.map((e) => e.toLowerCase()));
  const others = protection
    .getEditors()
    .map((u) => u.getEmail())
    .filter((e) => e && !keep.has(e.toLowerCase()));
  if (others.length > 0) protection.removeEditors(others);
  if (editors.length > 0) protection.addEditors(editors);
  // Otherwise "anyone in the domain" would still edit it in a Workspace domain.
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}
