/**
 * One server call of the Google host: a fresh adapter over the open spreadsheet, the command from
 * the registry, JSON out. Asynchronous like the core; main.ts makes it synchronous for Apps Script.
 */

import type { Context } from '../core/app/command.js';
import { dispatchJson } from '../core/app/registry.js';
import { toErrorData } from '../core/errors.js';
import type { AppsScriptServices } from './apps-script-api.js';
import { AppsScriptWorkbook } from './sheets-workbook.js';

/** Commands see the spreadsheet's wall clock (its own time zone), as a serial. */
export function contextFor(wb: AppsScriptWorkbook): Context {
  return { wb, now: () => wb.now() };
}

/** Never rejects: every failure comes back as `{ ok: false, error }` JSON. */
export async function runCommand(services: AppsScriptServices, command: unknown, json: unknown): Promise<string> {
  try {
    if (typeof command !== 'string') {
      return JSON.stringify({ ok: false, error: { code: 'E_UNKNOWN_COMMAND', value: command, message: 'No command name was given.' } });
    }
    const wb = new AppsScriptWorkbook(services);
    return await dispatchJson(contextFor(wb), command, typeof json === 'string' ? json : JSON.stringify(json ?? {}));
  } catch (e) {
    return JSON.stringify({ ok: false, error: toErrorData(e) });
  }
}
