/**
 * One server call of the Google host: a fresh adapter over the open spreadsheet, the command from
 * the registry, JSON out. Asynchronous like the core; main.ts makes it synchronous for Apps Script.
 */

import type { Context } from '../core/app/command.js';
import { dispatchJson } from '../core/app/registry.js';
import { toErrorData } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import { LANGS, type Lang } from '../core/schema/types.js';
import type { AppsScriptServices } from './apps-script-api.js';
import { AppsScriptWorkbook } from './sheets-workbook.js';

/** Commands see the spreadsheet's wall clock (its own time zone), as a serial. */
export function contextFor(wb: AppsScriptWorkbook, lang?: Lang): Context {
  return { wb, now: () => wb.now(), ...(lang ? { lang } : {}) };
}

/** Never rejects: every failure comes back as `{ ok: false, error }` JSON. */
export async function runCommand(services: AppsScriptServices, command: unknown, json: unknown, lang?: unknown): Promise<string> {
  try {
    if (typeof command !== 'string') {
      return JSON.stringify({ ok: false, error: { code: 'E_UNKNOWN_COMMAND', value: command, message: say('No command name was given.') } });
    }
    const wb = new AppsScriptWorkbook(services);
    // The sidebar's language, when the person picked one; anything else is the workbook's.
    const spoken = typeof lang === 'string' && (LANGS as readonly string[]).includes(lang) ? (lang as Lang) : undefined;
    return await dispatchJson(contextFor(wb, spoken), command, typeof json === 'string' ? json : JSON.stringify(json ?? {}));
  } catch (e) {
    return JSON.stringify({ ok: false, error: toErrorData(e) });
  }
}
