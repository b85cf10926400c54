/**
 * The command registry: every host dispatches here. Errors come back as data, never as an
 * uncaught exception, so `google.script.run`, the local server and the CLI all see the same shape.
 */

import { loadPhoneRules } from '../fields/phone.js';
import { fail, toErrorData, type ErrorData } from '../errors.js';
import type { Command, Context, Right } from './command.js';
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

export type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorData };

const ALL: Command[] = [...crmCommands, ...schemaCommands, ...recordCommands, ...cardCommands, ...salesCommands, ...adoptCommands, ...pivotCommands, ...importCommands, ...templateCommands, ...exportCommands];

export const commands: ReadonlyMap<string, Command> = new Map(ALL.map((c) => [c.name, c]));

/** Rights are enforced by core/access in a later issue; until then every right is granted. */
export type RightCheck = (right: Right, command: string) => Promise<void>;
const allowAll: RightCheck = async () => undefined;

export async function dispatch(ctx: Context, name: string, input: unknown, can: RightCheck = allowAll): Promise<Outcome> {
  try {
    const cmd = commands.get(name);
    if (!cmd) {
      fail({ code: 'E_UNKNOWN_COMMAND', value: name, message: `No command named "${name}".` });
    }
    await can(cmd.right, name);
    // Commands normalize values, phones included: the phone rules are loaded on demand (issue 11).
    await loadPhoneRules();
    const checked = cmd.input(input, '');
    return { ok: true, result: await cmd.run(ctx, checked) };
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
    const error: ErrorData = { code: 'E_BAD_INPUT', message: `The input is not valid JSON: ${(e as Error).message}` };
    return JSON.stringify({ ok: false, error });
  }
  return JSON.stringify(await dispatch(ctx, name, input));
}
