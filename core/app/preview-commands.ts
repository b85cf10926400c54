/**
 * `preview`: what a command would write, without writing it (issue 13, §1): the command runs over a
 * DryRunWorkbook (core/audit/dry-run.ts) and an AuditRecorder over that, and the answer is its result
 * with the entries the change would log — one per changed field — and the sheets it would create or
 * lay out. It needs exactly what the previewed command needs.
 */

import { AuditRecorder } from '../audit/recorder.js';
import { DryRunWorkbook } from '../audit/dry-run.js';
import { custom } from '../access/needs.js';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { MetaStore } from '../schema/storage.js';
import { command, type Command, type Context } from './command.js';
import { object, str } from './input.js';

export interface Preview {
  result: unknown;
  changes: { directory: string; record: string; field: string; old: string; new: string }[];
  /** Sheets the command would create, then those whose layout, formats or protection it would set. */
  sheets: { created: string[]; laidOut: string[] };
}

const previewInput = object({ command: str, input: (v: unknown) => (v === undefined ? {} : v) });

export function previewCommands(lookup: (name: string) => Command | undefined): Command[] {
  const inner = (name: string): Command => {
    if (name === 'preview') fail({ code: 'E_BAD_INPUT', field: 'command', value: name, message: say('A preview cannot preview itself.') });
    const cmd = lookup(name);
    if (!cmd) fail({ code: 'E_UNKNOWN_COMMAND', field: 'command', value: name, message: say('No command named "{name}".', { name }) });
    return cmd;
  };
  return [
    command(
      {
        name: 'preview',
        access: custom('what the previewed command needs', false, (input: { command: string; input: unknown }, crm) => {
          const cmd = inner(input.command);
          return cmd.access.needs(cmd.input(input.input, 'input'), crm);
        }),
        summary: 'What a command would write — one entry per changed field, the sheets it would create — without writing anything',
        input: previewInput,
      },
      async (ctx: Context, input): Promise<Preview> => {
        const cmd = inner(input.command);
        const checked = cmd.input(input.input, 'input');
        const dry = new DryRunWorkbook(ctx.wb);
        const actor = ctx.access?.actor ?? (await ctx.wb.user());
        const recorder = new AuditRecorder(dry, actor, input.command, () => ctx.now());
        recorder.begin(await new MetaStore(dry).load());
        const audit = {
          get batch() {
            return recorder.batch;
          },
          set batch(id: string | undefined) {
            recorder.batch = id;
          },
        };
        const result = await cmd.run({ ...ctx, wb: recorder, audit }, checked);
        const changes = recorder.entries.map((e) => ({ directory: e.directory, record: e.record, field: e.field, old: e.old, new: e.new }));
        return { result, changes, sheets: { created: [...dry.created], laidOut: [...dry.touched].filter((s) => !dry.created.includes(s)) } };
      },
    ),
  ];
}
