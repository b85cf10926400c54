/** Setting up a CRM in a workbook and checking it. */

import { checkWorkbook } from '../check/check.js';
import { Crm } from '../records/crm.js';
import { defaultCrmSchema, defaultSeedRows } from '../schema/default-crm.js';
import { setupCrm } from '../schema/setup.js';
import { LANGS } from '../schema/types.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { object, oneOf, optional, str } from './input.js';

export const crmCommands = [
  command(
    {
    name: 'crm.setup',
    right: 'admin',
    summary: 'Create the default CRM directories; does nothing on a workbook already set up',
    input: object({ lang: optional(oneOf(LANGS)), country: optional(str), currency: optional(str) }),
    },
    async (ctx, input) => {
      const lang = input.lang ?? 'en';
      const schema = defaultCrmSchema(lang, { country: input.country, currency: input.currency });
      return setupCrm(ctx.wb, schema, defaultSeedRows(lang), await defaultsOf(ctx));
    },
  ),
  command(
    {
    name: 'crm.check',
    right: 'read',
    summary: 'Validate every sheet against the schema; each problem with its cell',
    input: object({}),
    },
    async (ctx) => {
      return checkWorkbook(await Crm.open(ctx.wb));
    },
  ),
];
