/**
 * Worksheet protection for everybody (Excel has no per-person editors), with an optional password
 * (ExcelApi 1.7), and an editors' allow-edit range where ExcelApiOnline 1.1 exists.
 *
 * A plan's `warnColumns` (IDs, computed columns) need nothing more here: Excel locks the whole
 * sheet for everybody, those columns with it, and Carnet's own writes unprotect and protect again
 * (access.ts `mutate`). `reason` is for people, not for Excel.
 */

import type { ProtectionPlan, ProtectionState } from '../core/workbook.js';
import { PROTECTION, protectionError, type ExcelAccess } from './access.js';
import type { XlAllowEditRange, XlContext, XlProtectionOptions, XlWorksheet } from './excel-api.js';

/** Title of the allow-edit range given to editors (ExcelApiOnline 1.1). */
export const EDITORS_RANGE = 'Carnet editors';

/** What one sheet of the plan needs, from what Excel said in the first sync. */
interface Change {
  name: string;
  ws: XlWorksheet;
  before: { protected: boolean; options: XlProtectionOptions };
  /** Protected now and to be changed: unprotected first (protect fails on a protected sheet). */
  open: boolean;
  range?: 'add' | 'delete';
  /** Carnet's editors' range as found (a null object when there is none). */
  found?: XlAllowEditRange;
  /** Protected at the end, with Carnet's options. */
  lock: boolean;
}

/**
 * Applies the plan in one batch: one sync reads every named sheet's protection (and Carnet's
 * editors' range), and only the sheets whose protection differs are changed, in one more sync. A
 * sheet already protected with Carnet's options (and its range as the plan wants it) is left as it
 * is, so applying a plan twice changes nothing.
 *
 * Not known, and said here: the password a sheet is protected with (`isPasswordProtected` is not
 * in ExcelApi 1.2–1.21), nor a range's; so a sheet protected with Carnet's options counts as
 * Carnet's, and a range already there is kept as it is.
 *
 * A sheet protected with a password Carnet was not given is refused (E_FORBIDDEN, naming it): its
 * unprotect fails, and the sheets unprotected before it in the same sync are protected again as
 * they were (two syncs more, on that path only), so the workbook is left as it was found.
 */
export async function protect(x: ExcelAccess, plan: ProtectionPlan): Promise<void> {
  const targets: { exact: string; locked: boolean; editors: boolean }[] = [];
  for (const p of plan.sheets) targets.push({ exact: await x.need(p.name), locked: p.locked, editors: p.editors.length > 0 });
  if (targets.length === 0) return;
  const { password, editorsPassword } = x;
  const ranges = x.features.allowEditRanges && editorsPassword !== undefined;
  await x.run(async (ctx) => {
    const sheets = targets.map((t) => ctx.workbook.worksheets.getItem(t.exact));
    const now = sheets.map((ws) => ws.protection.load('protected,options'));
    const found = ranges ? sheets.map((ws) => ws.protection.allowEditRanges.getItemOrNullObject(EDITORS_RANGE).load('isNullObject')) : [];
    await ctx.sync();
    const changes: Change[] = [];
    targets.forEach((t, i) => {
      const before = { protected: now[i]!.protected, options: now[i]!.options };
      // Excel cannot name editors: the closest it offers is a range they unlock with a password.
      const wanted = ranges && t.locked && t.editors;
      const has = ranges && !found[i]!.isNullObject;
      const range = wanted === has ? undefined : wanted ? 'add' : 'delete';
      const same = t.locked ? before.protected && carnets(before.options) : !before.protected;
      if (same && range === undefined) return;
      changes.push({ name: t.exact, ws: sheets[i]!, before, open: before.protected, ...(range ? { range, found: found[i]! } : {}), lock: t.locked });
    });
    if (changes.length === 0) return;
    // Every unprotect first: if one is refused, nothing after it ran (see `undo`).
    for (const c of changes) if (c.open) c.ws.protection.unprotect(password);
    for (const c of changes) {
      if (c.range === 'delete') c.found!.delete();
      if (c.range === 'add') c.ws.protection.allowEditRanges.add(EDITORS_RANGE, 'A:XFD', { password: editorsPassword });
    }
    for (const c of changes) if (c.lock) c.ws.protection.protect(PROTECTION, password);
    try {
      await ctx.sync();
    } catch (failure) {
      throw await undo(ctx, changes, failure, password);
    }
  });
}

/**
 * The changing sync failed; Excel ran its operations in order up to the failing one. The sheets
 * it unprotected are protected again with the options they had. The first sheet still protected
 * among those to unprotect is the one whose unprotect failed (all before it went through): a
 * password refusal is told as E_FORBIDDEN naming that sheet; any other failure as it was. (A
 * protect failing after every unprotect went through would be misnamed so; Excel has no reason to
 * refuse a protect on a sheet just unprotected.)
 */
async function undo(ctx: XlContext, changes: Change[], failure: unknown, password: string | undefined): Promise<unknown> {
  const opened = changes.filter((c) => c.open);
  const now = opened.map((c) => c.ws.protection.load('protected'));
  try {
    await ctx.sync();
  } catch {
    return protectionError(failure, opened.map((c) => c.name).join(', ') || changes.map((c) => c.name).join(', '));
  }
  opened.forEach((c, i) => {
    if (!now[i]!.protected) c.ws.protection.protect({ ...c.before.options }, password);
  });
  await ctx.sync().catch(() => undefined);
  const refused = opened.find((_, i) => now[i]!.protected);
  return refused ? protectionError(failure, refused.name) : failure;
}

/** Protected with Carnet's options (PROTECTION): an option missing is one not allowed. */
function carnets(options: XlProtectionOptions): boolean {
  const keys = new Set([...Object.keys(options), ...Object.keys(PROTECTION)]) as Set<keyof XlProtectionOptions>;
  const ours: XlProtectionOptions = PROTECTION;
  for (const k of keys) {
    if (k === 'selectionMode') {
      if ((options.selectionMode ?? 'Normal') !== (ours.selectionMode ?? 'Normal')) return false;
    } else if (!!options[k] !== !!ours[k]) return false;
  }
  return true;
}

/**
 * The protection of these sheets, in one sync whatever their number: the workbook's sheets are
 * loaded with their protection (`items/protection/protected`), and the names looked up in them, so
 * a missing sheet is left out without a failed request. Excel has no per-person editors (`null`)
 * and no column protection of Carnet's (`[]`).
 */
export async function protections(x: ExcelAccess, sheets: string[]): Promise<ProtectionState[]> {
  if (sheets.length === 0) return [];
  return x.run(async (ctx) => {
    const all = ctx.workbook.worksheets.load('items/name,items/protection/protected');
    await ctx.sync();
    const byName = new Map(all.items.map((ws) => [ws.name.toLowerCase(), ws]));
    x.known = new Map(all.items.map((ws) => [ws.name.toLowerCase(), ws.name]));
    const out: ProtectionState[] = [];
    for (const name of sheets) {
      const ws = byName.get(name.toLowerCase());
      if (ws) out.push({ name: ws.name, locked: ws.protection.protected, editors: null, warnColumns: [] });
    }
    return out;
  });
}
