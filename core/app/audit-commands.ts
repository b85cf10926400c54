/** The audit log, read back filtered (issue 12). Writing it is the dispatcher's (core/audit/recorder.ts). */

import { AUDIT_SHEET, decodeAudit, filterAudit, serialOfText } from '../audit/log.js';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { directoryNamed } from '../schema/lookup.js';
import { MetaStore } from '../schema/storage.js';
import { right } from '../access/needs.js';
import { command } from './command.js';
import { int, object, optional, str } from './input.js';

function day(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const serial = serialOfText(text);
  if (!serial) fail({ code: 'E_BAD_INPUT', field, value: text, message: say('{path}: expected a date as YYYY-MM-DD (or YYYY-MM-DD hh:mm), got {value}.', { path: field, value: JSON.stringify(text) }) });
  return serial;
}

export const auditCommands = [
  command(
    {
      name: 'audit.list',
      access: right('manageUsers', false),
      summary: 'The audit log, newest first, filtered by record, user, directory or date',
      input: object({ record: optional(str), user: optional(str), directory: optional(str), since: optional(str), until: optional(str), limit: optional(int) }),
    },
    async (ctx, input) => {
      const meta = await new MetaStore(ctx.wb).require();
      const directory = input.directory === undefined ? undefined : (directoryNamed(meta.schema, input.directory)?.key ?? fail({ code: 'E_UNKNOWN_DIRECTORY', value: input.directory, message: say('There is no directory "{directory}".', { directory: input.directory }) }));
      const since = day(input.since, 'since');
      const until = day(input.until, 'until');
      const all = decodeAudit(await ctx.wb.read(AUDIT_SHEET));
      const found = filterAudit(all, { record: input.record, user: input.user, directory, since, until: until !== undefined && Number.isInteger(until) ? until + 1 : until }).reverse();
      const limit = input.limit ?? 500;
      return { total: all.length, matching: found.length, entries: found.slice(0, limit) };
    },
  ),
];
