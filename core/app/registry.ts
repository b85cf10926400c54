/**
 * The command registry: every host dispatches here. Errors come back as data, never as an
 * uncaught exception, so `google.script.run`, the local server and the CLI all see the same shape.
 */

import { loadPhoneRules } from '../fields/phone.js';
import { loadMessages } from '../messages/load.js';
import { say, speaking } from '../messages/say.js';
import type { Lang } from '../schema/types.js';
import { fail, toErrorData, type ErrorData } from '../errors.js';
import { enforce } from '../access/enforce.js';
import { checkDepth, tooDeep } from './input.js';
import { AuditRecorder } from '../audit/recorder.js';
import { MetaStore } from '../schema/storage.js';
import type { Command, Context } from './command.js';
import { accessCommands } from './access-commands.js';
import { auditCommands } from './audit-commands.js';
import { previewCommands } from './preview-commands.js';
import { adoptCommands } from './adopt-commands.js';
import { cardCommands } from './card-commands.js';
import { crmCommands } from './crm-commands.js';
import { exportCommands } from './export-commands.js';
import { importCommands } from './import-commands.js';
import { pivotCommands } from './pivot-commands.js';
import { recordCommands } from './record-commands.js';
import { salesCommands } from './sales-commands.js';
import { schemaCommands } from './schema-commands.js';
import { templateCommands } from './template-commands.js';
import { tidyCommands } from './tidy-commands.js';

export type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorData };

const ALL: Command[] = [...crmCommands, ...schemaCommands, ...recordCommands, ...cardCommands, ...salesCommands, ...adoptCommands, ...pivotCommands, ...importCommands, ...templateCommands, ...exportCommands, ...accessCommands, ...auditCommands, ...tidyCommands];

// `preview` runs any other command over a dry-run workbook: it looks them up when it runs.
ALL.push(...previewCommands((name) => commands.get(name)));

export const commands: ReadonlyMap<string, Command> = new Map(ALL.map((c) => [c.name, c]));

/**
 * Runs one command for the acting user, its messages said in the language the person reads
 * (`ctx.lang`, else the workbook's: core/messages/say.ts): checks the input, then the needs the command declares
 * (core/access/enforce.ts: refused with E_FORBIDDEN before anything is read beyond the settings),
 * runs it over an `AuditRecorder` (core/audit/recorder.ts) and appends its audit entries — for a
 * command that writes, all inside one transaction with its changes. `registry` is for the tests
 * that prove a removed check is caught (test/core/access/matrix.test.ts).
 */
export async function dispatch(ctx: Context, name: string, input: unknown, registry: ReadonlyMap<string, Command> = commands): Promise<Outcome> {
  try {
    // Its messages are a chunk of their own in the task pane, loaded the first time it is spoken.
    if (ctx.lang) await loadMessages(ctx.lang);
  } catch (e) {
    return { ok: false, error: toErrorData(e) };
  }
  return speaking(ctx.lang, (speak) => run(ctx, name, input, registry, speak));
}

async function run(ctx: Context, name: string, input: unknown, registry: ReadonlyMap<string, Command>, speak: (lang: Lang) => void): Promise<Outcome> {
  try {
    const cmd = registry.get(name);
    // Commands normalize values, phones included: the phone rules are loaded on demand (issue 11).
    await loadPhoneRules();
    const actor = ctx.actor ?? (await ctx.wb.user());
    const recorder = new AuditRecorder(ctx.wb, actor, name, () => ctx.now());
    const audit = {
      get batch() {
        return recorder.batch;
      },
      set batch(id: string | undefined) {
        recorder.batch = id;
      },
    };
    const go = async () => {
      const meta = await new MetaStore(recorder).load();
      // Where the host does not say which language the person reads, the workbook's: known from
      // the settings every command reads first, so the input's refusals already speak it.
      if (!ctx.lang && meta && meta.schema.lang !== 'en') {
        await loadMessages(meta.schema.lang);
        speak(meta.schema.lang);
      }
      if (!cmd) {
        fail({ code: 'E_UNKNOWN_COMMAND', value: name, message: say('No command named "{name}".', { name }) });
      }
      checkDepth(input);
      const checked = cmd.input(input, '');
      const access = await enforce(recorder, meta, cmd.access, checked, actor);
      recorder.begin(meta);
      const result = await cmd.run({ ...ctx, wb: recorder, access, audit, actor }, checked);
      await recorder.flush();
      return result;
    };
    return { ok: true, result: cmd?.access.writes ? await ctx.wb.transaction(go) : await go() };
  } catch (e) {
    return { ok: false, error: toErrorData(e) };
  }
}

/** For hosts that speak strings (`google.script.run`): JSON in, JSON out. */
export async function dispatchJson(ctx: Context, name: string, json: string): Promise<string> {
  let input: unknown;
  try {
    input = json.trim() === '' ? {} : JSON.parse(json);
  } catch (e) {
    // A stack overflow inside JSON.parse is an input nested too deep, not a syntax error.
    if (e instanceof RangeError) {
      try {
        tooDeep();
      } catch (deep) {
        return JSON.stringify({ ok: false, error: toErrorData(deep) });
      }
    }
    const error: ErrorData = { code: 'E_BAD_INPUT', message: say('The input is not valid JSON: {reason}', { reason: (e as Error).message }) };
    return JSON.stringify({ ok: false, error });
  }
  return JSON.stringify(await dispatch(ctx, name, input));
}
