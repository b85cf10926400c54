/**
 * `carnet tidy <file.xlsx> [--directory D] [--dry-run]`: the rows people typed straight into the
 * sheets get their IDs, their values in stored form and their defaults (core/tidy/plan.ts).
 * Prints the plan — the changes per directory, then what tidy cannot fix, with cells — then
 * applies it, confirmed by its token, unless `--dry-run`.
 *
 * Exit code: 0 whenever the plan was made (and applied); what tidy cannot fix is listed, not a
 * failure — `carnet check` is the command whose exit code says the workbook is clean.
 */

import type { Context } from '../../core/app/command.js';
import type { TidyDirectory, TidyPlan, TidyResult } from '../../core/tidy/types.js';
import type { Call } from './adopt-verb.js';
import { say } from '../../core/messages/say.js';
import { printable, severityLabel } from './print.js';

export interface TidyArgs {
  directory?: string;
  'dry-run'?: boolean;
}

export async function tidyVerb(call: Call, ctx: Context, file: string, args: TidyArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const scope = args.directory === undefined ? {} : { directory: args.directory };
  const plan = (await call(ctx, 'tidy.plan', scope)) as TidyPlan;
  // Nothing to write: no transaction that writes, so the file is left byte for byte.
  if (args['dry-run'] || plan.changes === 0) {
    out.write(json ? `${JSON.stringify(plan, null, 2)}\n` : `${printPlan(plan, file)}${plan.changes ? `${say('Nothing was changed (dry run).')}\n` : ''}`);
    return 0;
  }
  const result = (await call(ctx, 'tidy.apply', { ...scope, confirmed: plan.token })) as TidyResult;
  out.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${printPlan(plan, file)}${printable(result.message, true)}\n`);
  return 0;
}

export function printPlan(plan: TidyPlan, file: string): string {
  const lines = [say('{file}: {message}', { file, message: printable(plan.message, true) })];
  for (const d of plan.directories) if (d.changes.length) lines.push('', ...directoryLines(d));
  if (plan.problems.length) {
    lines.push('', say('Left as they are, for a person to fix (`carnet check` lists them too):'));
    for (const p of plan.problems) lines.push(`  ${severityLabel(p.severity)} ${printable(p.message, true)} [${p.code}]`);
  }
  return `${lines.join('\n')}\n`;
}

function directoryLines(d: TidyDirectory): string[] {
  const counts = [
    d.ids ? (d.ids > 1 ? say('{count} IDs', { count: d.ids }) : say('1 ID')) : '',
    d.normalized ? say('{count} in stored form', { count: d.normalized }) : '',
    d.defaults ? (d.defaults > 1 ? say('{count} defaults', { count: d.defaults }) : say('1 default')) : '',
  ].filter(Boolean);
  return [
    say('{directory} (sheet "{sheet}", {records}): {counts}', {
      directory: d.label,
      sheet: printable(d.sheet),
      records: d.records === 1 ? say('1 record') : say('{count} records', { count: d.records }),
      counts: counts.join(', '),
    }),
    ...d.summary.map((s) => `  - ${printable(s, true)}`),
    ...d.notes.map((n) => `  ${say('Note: {note}', { note: printable(n, true) })}`),
  ];
}
