/** Setting up a CRM in a workbook and checking it. */

import { initialModel } from '../access/model.js';
import { PROTECTION_KEY, readAccess, writeAccess } from '../access/store.js';
import { checkWorkbook } from '../check/check.js';
import { Crm } from '../records/crm.js';
import { defaultCrmSchema, defaultSeedRows } from '../schema/default-crm.js';
import { setupCrm } from '../schema/setup.js';
import { LANGS } from '../schema/types.js';
import { right } from '../access/needs.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { object, oneOf, optional, str } from './input.js';

export const crmCommands = [
  command(
    {
    name: 'crm.setup',
    access: right('configure', true),
    summary: 'Create the default CRM directories; does nothing on a workbook already set up',
    input: object({ lang: optional(oneOf(LANGS)), country: optional(str), currency: optional(str) }),
    },
    async (ctx, input) => {
      const lang = input.lang ?? 'en';
      const schema = defaultCrmSchema(lang, { country: input.country, currency: input.currency });
      const result = await setupCrm(ctx.wb, schema, defaultSeedRows(lang), await defaultsOf(ctx));
      if (result.created) {
        // The workbook's creator is its first admin (issue 12); people without an account are Viewers.
        const crm = await Crm.open(ctx.wb);
        const actor = await ctx.wb.user();
        if (actor.id.trim() && !readAccess(crm.meta)) {
          writeAccess(crm.meta, initialModel({ id: actor.id, name: actor.name || actor.id }));
          await crm.saveMeta();
        }
      }
      return result;
    },
  ),
  command(
    {
    name: 'crm.check',
    access: right('configure', false),
    summary: 'Validate every sheet against the schema; each problem with its cell',
    input: object({}),
    },
    async (ctx) => {
      const crm = await Crm.open(ctx.wb);
      const report = await checkWorkbook(crm);
      // A sale's amount where Carnet's formula should be: the locale did not parse it, or typed over.
      const { formulaFallbacks } = await import('../check/formula-fallbacks.js');
      const fallbacks = await formulaFallbacks(crm);
      report.problems.push(...fallbacks);
      report.warnings += fallbacks.length;
      // Once the sheets were protected from the rights, a protection changed by hand is reported.
      const model = readAccess(crm.meta);
      if (model && crm.meta.extra[PROTECTION_KEY]) {
        const { protectionDrift, protectionPlan } = await import('../access/protection-plan.js');
        const plan = await protectionPlan(crm, model);
        const drift = protectionDrift(plan, await ctx.wb.protections(plan.sheets.map((s) => s.name)), model, ctx.wb.capabilities.perUserProtection);
        for (const d of drift) report.problems.push({ code: 'E_PROTECTION', severity: 'warning', sheet: d.sheet, message: d.message });
        report.warnings += drift.length;
      }
      return report;
    },
  ),
];
