/**
 * `carnet directory adopt <file.xlsx> <directory> <sheet>`: make a sheet the team already keeps
 * the sheet of a directory. Arguments follow the other verbs (`<file> <directory> …`).
 *
 * The mapping is the plan's proposal (headers recognised by name or synonym), with `--map
 * field=Header` replacing it field by field (`--map field=` leaves a field out). The mapping alone
 * changes no cell; each kind of write needs its flag: `--add-ids`, `--add-columns`, `--normalize`,
 * `--add-referenced`. `--dry-run` prints the plan and changes nothing.
 */

import type { Context } from '../../core/app/command.js';
import type { AdoptFlag, AdoptPlan, AdoptResult, ColumnPlan } from '../../core/schema/adopt.js';
import type { Cell } from '../../core/workbook.js';
import { parseAssignments } from './field-spec-arg.js';
import { say } from '../../core/messages/say.js';
import { table } from './print.js';

export interface AdoptArgs {
  map?: string[];
  'add-ids'?: boolean;
  'add-columns'?: boolean;
  normalize?: boolean;
  'add-referenced'?: boolean;
  'dry-run'?: boolean;
}

/** Each confirmation's flag on the command line. */
const CLI_FLAG: Record<AdoptFlag, string> = { addIds: '--add-ids', addColumns: '--add-columns', normalize: '--normalize', addReferenced: '--add-referenced' };

export type Call = (ctx: Context, name: string, input: unknown) => Promise<unknown>;

export async function adoptVerb(
  call: Call,
  ctx: Context,
  where: { file: string; directory: string; sheet: string },
  args: AdoptArgs,
  json: boolean,
  out: NodeJS.WritableStream,
): Promise<number> {
  const mapping: Record<string, string | null> = {};
  for (const [field, header] of Object.entries(parseAssignments(args.map, '--map'))) mapping[field] = header.trim() === '' ? null : header;
  const flags = {
    addIds: args['add-ids'] === true,
    addColumns: args['add-columns'] === true,
    normalize: args.normalize === true,
    addReferenced: args['add-referenced'] === true,
  };
  const plan = (await call(ctx, 'directory.adopt.plan', { directory: where.directory, sheet: where.sheet, mapping, ...flags })) as AdoptPlan;
  if (args['dry-run']) {
    out.write(json ? `${JSON.stringify(plan, null, 2)}\n` : printPlan(plan, where.file));
    return plan.blockers.length || plan.confirmations.some((c) => c.needed && !c.ticked) ? 1 : 0;
  }
  const result = (await call(ctx, 'directory.adopt', plan.apply)) as AdoptResult;
  out.write(json ? `${JSON.stringify(result, null, 2)}\n` : printResult(result));
  return 0;
}

export function printPlan(plan: AdoptPlan, file: string): string {
  const records = plan.records === 1 ? say('1 record') : say('{count} records', { count: plan.records });
  const lines: string[] = [say('Sheet "{sheet}" as {directory}: {records}. Nothing was changed (dry run).', { sheet: plan.sheet, directory: plan.label, records }), ''];
  lines.push(table([say('Col'), say('Header'), say('Field'), say('Found by'), say('Cells'), say('Samples')], plan.columns.map(columnRow)).trimEnd());
  if (plan.fieldsWithoutColumn.length) {
    lines.push('', say('Fields with no column: {fields}.', { fields: plan.fieldsWithoutColumn.map((f) => `${f.label}${f.column ? ` (→ ${f.column}1)` : ''}`).join(', ') }));
  }
  const invalid = plan.columns.flatMap((c) => c.invalid ?? []);
  if (invalid.length) {
    lines.push('', say('Cells left as they are, which `carnet check` will list:'));
    for (const p of invalid) lines.push(`  ${p.message} [${p.code}]`);
  }
  lines.push('', say('Adopting would:'));
  for (const c of plan.changes) lines.push(`  - ${c.message}`);
  lines.push(`  ${plan.untouched}`);
  const toConfirm = plan.confirmations.filter((c) => !c.ticked);
  if (toConfirm.length) {
    lines.push('', say('Written only with their flag:'));
    for (const c of toConfirm) lines.push(`  - ${c.needed ? say('{flag} (needed to adopt): {change}', { flag: CLI_FLAG[c.flag], change: c.message }) : say('{flag}: {change}', { flag: CLI_FLAG[c.flag], change: c.message })}`);
  }
  if (plan.hints.length) {
    lines.push('', say('Worth knowing:'));
    for (const h of plan.hints) lines.push(`  - ${h}`);
  }
  if (plan.blockers.length) {
    lines.push('', say('Refused until these are settled:'));
    for (const b of plan.blockers) {
      lines.push(`  - ${b.message} [${b.code}]`);
      for (const p of (b.problems ?? []).slice(0, 10)) lines.push(`      ${p.message}`);
    }
  }
  lines.push('', say('To adopt:'), `  ${commandLine(plan, file)}`);
  return `${lines.join('\n')}\n`;
}

function columnRow(c: ColumnPlan): string[] {
  const field = c.field === null ? (c.guess ? say("(team's; maybe {field}?)", { field: c.guess }) : say("(team's own)")) : c.field === 'id' ? 'ID' : `${c.label ?? c.field}`;
  const cells =
    c.fine === undefined
      ? ''
      : [
          say('{count} fine', { count: c.fine }),
          c.normalize?.length ? say('{count} to normalise', { count: c.normalize.length }) : '',
          c.invalid?.length ? say('{count} invalid', { count: c.invalid.length }) : '',
        ]
          .filter(Boolean)
          .join(', ');
  return [c.column, clip(c.header.trim()), field, c.match ? matchWord(c.match) : '', cells, c.samples.map(sample).join(', ')];
}

/** How a column was matched to its field ("Found by"). */
function matchWord(match: NonNullable<ColumnPlan['match']>): string {
  return match === 'name' ? say('name') : match === 'synonym' ? say('synonym') : say('given');
}

/** The command that adopts with this plan's mapping, the flags it was made with, and the needed ones. */
function commandLine(plan: AdoptPlan, file: string): string {
  const a = plan.apply;
  const parts = ['carnet directory adopt', quote(file), quote(a.directory), quote(a.sheet)];
  for (const [field, header] of Object.entries(a.mapping)) parts.push('--map', quote(`${field}=${header}`));
  for (const c of plan.confirmations) if (c.ticked || c.needed) parts.push(CLI_FLAG[c.flag]);
  return parts.join(' ');
}

export function printResult(r: AdoptResult): string {
  return `${r.message}\n${r.changes.map((c) => `  - ${c.message}\n`).join('')}`;
}

function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function clip(s: string, max = 24): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function sample(v: Cell): string {
  return clip(String(v).replace(/\s+/g, ' '), 20);
}
