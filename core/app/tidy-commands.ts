/**
 * Tidying the rows people typed straight into the sheets (issue 13 §2): first a read-only plan
 * (every cell it would write, and what it cannot fix, with cells), then the tidy the person
 * confirmed. See core/tidy/plan.ts for the rules and apply.ts for what `confirmed` guards.
 * Both need the right configure: tidy rewrites everyone's rows, whoever owns them.
 */

import { right } from '../access/needs.js';
import { applyTidy, planTidy } from '../tidy/apply.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { int, object, optional, str } from './input.js';

/** Only these 1-based rows of a directory's sheet (core/tidy/types.ts `rows`). */
const rowsInput = object({ sheet: str, from: int, to: int });

export const tidyCommands = [
  command(
    {
      name: 'tidy.plan',
      access: right('configure', false),
      summary: 'What tidying the rows typed by hand would write (IDs, stored forms, defaults) and what it cannot fix; changes nothing',
      input: object({ directory: optional(str), rows: optional(rowsInput) }),
    },
    async (ctx, input) => planTidy(ctx.wb, input, await defaultsOf(ctx)),
  ),
  command(
    {
      name: 'tidy.apply',
      access: right('configure', true),
      summary: 'Tidy the rows typed by hand: IDs, values in stored form, defaults; refused if the sheets changed since the confirmed plan',
      input: object({ directory: optional(str), confirmed: optional(str), rows: optional(rowsInput) }),
    },
    async (ctx, input) => applyTidy(ctx.wb, input, await defaultsOf(ctx)),
  ),
];
