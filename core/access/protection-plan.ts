/**
 * From the rights, which sheets each person may edit by hand (issue 12), and how the sheets are
 * protected now compared with that (drift, for `check` and `carnet protect --dry-run`).
 *
 * Google runs an add-on as the person using it: a protection that stops them also stops Carnet
 * acting for them. So a directory's sheet lists as editors everyone whose role may change records
 * there (own, add or full — Carnet itself keeps "own" to their own rows, and the audit log shows
 * hand edits); IDs and computed columns are under warning-only protections; `_carnet`, the audit
 * log and the import log list the people whose commands write them. Excel and the file have no
 * per-person editors: the sheets are locked for everybody and Carnet unlocks to write.
 */

import { AUDIT_SHEET } from '../audit/log.js';
import { LOG_SHEET as IMPORTS_SHEET } from '../import/batch-log.js';
import { reportSheets } from '../pivot/sheet.js';
import type { Crm } from '../records/crm.js';
import { named, say } from '../messages/say.js';
import { fold } from '../schema/lookup.js';
import { META_SHEET } from '../schema/storage.js';
import { FILES_SHEET } from '../templates/store.js';
import type { ProtectionPlan, ProtectionState, SheetProtection } from '../workbook.js';
import { directoryRights, LEVELS, roleOf, type AccessModel, type Role, type SpecialRight, type User } from './model.js';

const rank = (l: string) => LEVELS.indexOf(l as (typeof LEVELS)[number]);

function activeWithRole(model: AccessModel): { user: User; role: Role }[] {
  return model.users.flatMap((user) => {
    const role = user.active ? roleOf(model, user) : undefined;
    return role ? [{ user, role }] : [];
  });
}

const ids = (list: { user: User }[]) => [...new Set(list.map((x) => x.user.id))];

export async function protectionPlan(crm: Crm, model: AccessModel): Promise<ProtectionPlan> {
  const people = activeWithRole(model);
  const existing = new Map((await crm.wb.sheets()).map((s) => [fold(s.name), s.name]));
  const has = (right: SpecialRight) => people.filter((p) => p.role.admin || p.role.rights.includes(right));
  const writers = people.filter((p) => p.role.admin || p.role.rights.length > 0 || crm.schema.directories.some((d) => rank(directoryRights(p.role, d.key).level) >= rank('own')));
  const sheets: SheetProtection[] = [];

  for (const dir of crm.schema.directories) {
    const name = existing.get(fold(dir.sheet));
    if (!name) continue;
    const table = await crm.table(dir.key);
    const editors = people.filter((p) => rank(directoryRights(p.role, dir.key).level) >= rank('own'));
    const warn: { column: number; label: string }[] = [];
    if (table.idColumn >= 0) warn.push({ column: table.idColumn, label: 'ID' });
    if (dir.key === 'sales') {
      const amount = table.columns.get('amount');
      if (amount !== undefined) warn.push({ column: amount, label: named(dir.fields.find((f) => f.key === 'amount')!.labels) });
    }
    sheets.push({
      name,
      editors: ids(editors),
      locked: true,
      warnColumns: warn.sort((a, b) => a.column - b.column),
      reason:
        dir.key === 'sales'
          ? say("{directory}: editable by those whose role may change its records; IDs and amounts are Carnet's.", { directory: named(dir.labels) })
          : say("{directory}: editable by those whose role may change its records; IDs are Carnet's.", { directory: named(dir.labels) }),
    });
  }
  const own = (sheet: string, editors: { user: User }[], reason: string) => {
    const name = existing.get(fold(sheet));
    if (name) sheets.push({ name, editors: ids(editors), locked: true, reason });
  };
  own(META_SHEET, writers, say("Carnet's settings and rights: change them through Carnet (only admins may change rights)."));
  own(AUDIT_SHEET, writers, say('The audit log: Carnet appends to it for everyone who changes records.'));
  own(IMPORTS_SHEET, has('import'), say('The import log: written by imports and their undo.'));
  own(FILES_SHEET, has('manageTemplates'), say('Document templates: managed through Carnet.'));
  for (const r of reportSheets(crm)) own(r.sheet, has('useReports'), say('Report "{report}": Carnet rebuilds it; make a copy to work on it.', { report: r.report }));
  return { sheets };
}

export interface ProtectionDrift {
  sheet: string;
  message: string;
}

/**
 * What differs between the plan and the sheets as they are: a sheet someone unprotected by hand,
 * an editor added or removed by hand, a warning taken off IDs. Editors the host always keeps (the
 * owner, whoever applied the plan) are not drift; nor are admins.
 */
export function protectionDrift(plan: ProtectionPlan, state: readonly ProtectionState[], model: AccessModel, perUser: boolean): ProtectionDrift[] {
  const out: ProtectionDrift[] = [];
  const now = new Map(state.map((s) => [fold(s.name), s]));
  const adminIds = new Set(activeWithRole(model).filter((p) => p.role.admin).map((p) => fold(p.user.id)));
  for (const p of plan.sheets) {
    const s = now.get(fold(p.name));
    if (!s) continue;
    if (p.locked && !s.locked) {
      out.push({ sheet: p.name, message: say('"{sheet}" is not protected: its protection was removed by hand. Apply the protection again (`carnet protect`).', { sheet: p.name }) });
      continue;
    }
    if (!p.locked && s.locked) {
      out.push({ sheet: p.name, message: say('"{sheet}" is protected, and the plan leaves it open.', { sheet: p.name }) });
      continue;
    }
    if (!p.locked || !perUser || s.editors === null) continue;
    const want = new Set(p.editors.map(fold));
    const have = new Set(s.editors.map(fold));
    const missing = p.editors.filter((e) => !have.has(fold(e)));
    const kept = new Set((s.keeps ?? []).map(fold));
    const extra = s.editors.filter((e) => !want.has(fold(e)) && !adminIds.has(fold(e)) && !kept.has(fold(e)));
    if (missing.length) out.push({ sheet: p.name, message: say('"{sheet}" no longer lets {people} edit it, as their role says.', { sheet: p.name, people: missing.join(', ') }) });
    if (extra.length) out.push({ sheet: p.name, message: say('"{sheet}" also lets {people} edit it by hand, which their role does not.', { sheet: p.name, people: extra.join(', ') }) });
    const warned = new Set(s.warnColumns);
    const lost = (p.warnColumns ?? []).filter((c) => !warned.has(c.column));
    if (lost.length) out.push({ sheet: p.name, message: say('"{sheet}": the warning on {columns} was removed by hand.', { sheet: p.name, columns: lost.map((c) => c.label).join(', ') }) });
  }
  return out;
}
