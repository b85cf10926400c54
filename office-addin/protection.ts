/**
 * Worksheet protection for everybody (Excel has no per-person editors), with an optional password
 * (ExcelApi 1.7), and an editors' allow-edit range where ExcelApiOnline 1.1 exists.
 */

import type { ProtectionPlan } from '../core/workbook.js';
import { PROTECTION, protectionError, type ExcelAccess } from './access.js';

/** Title of the allow-edit range given to editors (ExcelApiOnline 1.1). */
export const EDITORS_RANGE = 'Carnet editors';

export async function protect(x: ExcelAccess, plan: ProtectionPlan): Promise<void> {
  const targets: { exact: string; locked: boolean; editors: string[] }[] = [];
  for (const p of plan.sheets) targets.push({ exact: await x.need(p.name), locked: p.locked, editors: p.editors });
  if (targets.length === 0) return;
  const { password, editorsPassword } = x;
  const editorsRange = x.features.allowEditRanges && editorsPassword !== undefined;
  try {
    await x.run(async (ctx) => {
      const sheets = targets.map((t) => ctx.workbook.worksheets.getItem(t.exact));
      const state = sheets.map((ws) => ws.protection.load('protected'));
      const ranges = editorsRange ? sheets.map((ws) => ws.protection.allowEditRanges.getItemOrNullObject(EDITORS_RANGE).load('title')) : [];
      await ctx.sync();
      targets.forEach((t, i) => {
        const ws = sheets[i]!;
        // protect() fails on a protected sheet: unprotect first, so the options are current.
        if (state[i]!.protected) ws.protection.unprotect(password);
        if (editorsRange) {
          const old = ranges[i]!;
          if (!old.isNullObject) old.delete();
          // Excel cannot name editors: the closest it offers is a range they unlock with a password.
          if (t.locked && t.editors.length > 0) ws.protection.allowEditRanges.add(EDITORS_RANGE, 'A:XFD', { password: editorsPassword });
        }
        if (t.locked) ws.protection.protect(PROTECTION, password);
      });
      await ctx.sync();
    });
  } catch (e) {
    throw protectionError(e, targets.map((t) => t.exact).join(', '));
  }
}
