/**
 * Applying a tidy (see plan.ts): the plan is made again inside the transaction, from the sheets as
 * they are now, and its cells written, one call per sheet, each guarded by the cells it relies on.
 *
 * Decision: with `confirmed` (the token of the plan the person saw), a fresh plan that differs —
 * a colleague typed, fixed or sorted rows meanwhile — is refused with E_CONFLICT and nothing is
 * written: what is written is what was confirmed, never more. Without it (a script, or the CLI
 * that plans and applies in one go), the fresh plan is applied: tidy's rules take no choices, so
 * the plan is only ever the sheets' own state. A colleague's edit between this read and the write
 * itself (a lock stops Carnet commands, not people) makes the host refuse that sheet's write
 * (E_CONFLICT); sheets already written stay tidied, their counters saved.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { Crm } from '../records/crm.js';
import { blocksOf } from '../records/sheet-writes.js';
import type { Defaults } from '../records/validate.js';
import type { Workbook } from '../workbook.js';
import { nothingToTidy, prepareTidy, touched, unfixed } from './plan.js';
import { sentences } from './remaining.js';
import type { TidyInput, TidyPlan, TidyResult } from './types.js';

export async function planTidy(wb: Workbook, input: TidyInput, defaults: Defaults): Promise<TidyPlan> {
  return (await prepareTidy(await Crm.open(wb), input, defaults)).plan;
}

export async function applyTidy(wb: Workbook, input: TidyInput, defaults: Defaults): Promise<TidyResult> {
  return wb.transaction(async () => {
    const crm = await Crm.open(wb);
    const p = await prepareTidy(crm, input, defaults);
    if (input.confirmed !== undefined && input.confirmed !== p.plan.token) {
      fail({
        code: 'E_CONFLICT',
        value: input.confirmed,
        message:
          p.plan.changes === 1
            ? say('The sheets changed since the plan you confirmed; tidying them now would write 1 cell. Nothing was written: look at the new plan and confirm it.')
            : say('The sheets changed since the plan you confirmed; tidying them now would write {count} cells. Nothing was written: look at the new plan and confirm it.', { count: p.plan.changes }),
      });
    }
    let written = 0;
    try {
      for (const s of p.sheets) {
        if (s.writes.length === 0) continue;
        await wb.writeBlocks(s.sheet, blocksOf(s.writes), s.expect);
        written += s.writes.length;
      }
    } finally {
      if (written > 0 && p.allocated) await crm.saveMeta();
    }
    crm.forgetAll();
    const plan = p.plan;
    return {
      ...plan,
      written,
      message: sentences(
        written === 0
          ? nothingToTidy()
          : written === 1
            ? say('Tidied 1 cell in {directories}.', { directories: touched(crm.schema, plan.directories) })
            : say('Tidied {count} cells in {directories}.', { count: written, directories: touched(crm.schema, plan.directories) }),
        unfixed(plan.problems),
      ),
    };
  });
}
