/**
 * What tidy cannot fix: `check` run over the sheets as they will be once tidied, so the list is
 * check's own (same words, same cells), and exactly what `carnet check` will still say afterwards.
 * The tidied sheets are handed from memory; any other sheet check needs (a referenced directory)
 * is read once, as check reads it.
 */

import { checkWorkbook, type CheckProblem } from '../check/check.js';
import { Crm } from '../records/crm.js';
import { fold } from '../schema/lookup.js';
import type { Grid, Workbook } from '../workbook.js';

/**
 * `after`: folded sheet name → the grid as it will be; `left`: `fold(sheet)!A1` → why tidy leaves
 * that cell (a formula, a merge), added to the problem check reports there.
 */
export async function remainingProblems(wb: Workbook, after: Map<string, Grid>, directories: Set<string>, left: Map<string, string>): Promise<CheckProblem[]> {
  const report = await checkWorkbook(await Crm.open(planned(wb, after)));
  return report.problems
    .filter((p) => p.directory !== undefined && directories.has(p.directory))
    .map((p) => {
      const why = p.cell === undefined ? undefined : left.get(`${fold(p.sheet)}!${p.cell}`);
      return why ? { ...p, message: sentences(p.message, why) } : p;
    });
}

/**
 * The workbook as check sees it: `read` hands the planned grids, everything else is the host's.
 * A Proxy rather than a wrapper class: check only reads, and the port has some twenty methods.
 */
function planned(wb: Workbook, after: Map<string, Grid>): Workbook {
  return new Proxy(wb, {
    get(target, key) {
      if (key === 'read') return async (sheet: string) => after.get(fold(sheet)) ?? target.read(sheet);
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Sentences one after the other (the empty ones left out). */
export function sentences(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}
