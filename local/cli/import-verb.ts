/**
 * `carnet import`, `carnet import-undo` and `carnet imports`: a team's old file into a directory
 * of the workbook, with a dry run first (`--dry-run`), a short summary (every skipped and rejected
 * row with its reason under `--json`), and an undo by batch. The file is decoded here, where its
 * bytes arrive; core receives text or rows.
 *
 * `--map "Column=field"` changes the suggested mapping column by column (`Column=` ignores it;
 * `Column=name:last-first` splits a full name; `Column=date:dmy` forces a date order); the other
 * columns keep their suggestion.
 */

import type { Context } from '../../core/app/command.js';
import { fail } from '../../core/errors.js';
import type { ImportSource } from '../../core/import/source-types.js';
import type { BatchSummary, ColumnMap, ImportPlan, ImportRequest, ImportResult, Outcome, RowPlan, UndoResult } from '../../core/import/types.js';
import { fold } from '../../core/schema/lookup.js';
import { grouped, say } from '../../core/messages/say.js';
import { parseAssignments } from './field-spec-arg.js';
import type { Call } from './adopt-verb.js';
import { readImportFile } from '../import/read-file.js';

export interface ImportArgs {
  encoding?: string;
  delimiter?: string;
  'no-header'?: boolean;
  map?: string[];
  mode?: string;
  match?: string;
  country?: string;
  set?: string[];
  'create-companies'?: boolean;
  'create-missing'?: string;
  'deal-stage'?: string;
  segment?: string;
  sheet?: string;
  'dry-run'?: boolean;
  'keep-edited'?: boolean;
  'revert-edited'?: boolean;
}

const OUTCOMES: Outcome[] = ['create', 'update', 'unchanged', 'skip', 'reject'];

/** A progress line on a terminal (stderr), nothing when piped. */
function progress(err: NodeJS.WritableStream & { isTTY?: boolean }): (text: string) => void {
  if (!err.isTTY) return () => undefined;
  return (text) => err.write(`\r\x1b[K${text}`);
}

const DELIMITERS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', '\\t': '\t' };

function delimiterOf(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const d = DELIMITERS[v.toLowerCase()] ?? v;
  if (![',', ';', '\t', '|'].includes(d)) fail({ code: 'E_BAD_INPUT', field: '--delimiter', value: v, message: say('--delimiter must be , ; | tab (or comma, semicolon, pipe, tab); got "{value}".', { value: v }) });
  return d;
}

/** `--map` entries over the suggested mapping, by header (case and spaces ignored) or column number. */
function overrideMapping(plan: ImportPlan, maps: string[]): ColumnMap[] {
  const mapping = plan.mapping.map((m) => ({ ...m }));
  for (const entry of maps) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) fail({ code: 'E_BAD_INPUT', field: '--map', value: entry, message: say('--map "{entry}": expected "Column=field" (or "Column=" to ignore the column).', { entry }) });
    const name = entry.slice(0, at);
    const [field, ...flags] = entry.slice(at + 1).split(':');
    const column = /^\d+$/.test(name) ? Number(name) - 1 : plan.columns.findIndex((c) => fold(c.header) === fold(name));
    if (column < 0 || column >= mapping.length) {
      fail({ code: 'E_BAD_INPUT', field: '--map', value: entry, message: say('--map "{entry}": the file has no column "{name}" (columns: {columns}).', { entry, name, columns: plan.columns.map((c) => `"${c.header}"`).join(', ') }) });
    }
    const m: ColumnMap = { column, field: field?.trim() ? field.trim() : null };
    for (const f of flags) {
      if (f === 'first-last' || f === 'last-first') m.split = f;
      else if (f === 'dmy' || f === 'mdy' || f === 'ymd') m.dateOrder = f;
      else fail({ code: 'E_BAD_INPUT', field: '--map', value: entry, message: say('--map "{entry}": unknown option "{option}" (first-last, last-first, dmy, mdy, ymd).', { entry, option: f }) });
    }
    mapping[column] = m;
  }
  return mapping;
}

function n(x: number): string {
  return grouped(x);
}

/** Each outcome's word in the plan's counts line. */
function outcomeWord(o: Outcome): string {
  const words: Record<Outcome, () => string> = {
    create: () => say('create'),
    update: () => say('update'),
    unchanged: () => say('unchanged'),
    skip: () => say('skip'),
    reject: () => say('reject'),
  };
  return words[o]();
}

function rowLines(rows: RowPlan[], limit: number): string[] {
  const lines = rows.slice(0, limit).map((r) => `    ${r.outcome === 'reject' ? say('row {row}: rejected — {reason}', { row: r.row, reason: r.reason ?? '' }) : say('row {row}: skipped — {reason}', { row: r.row, reason: r.reason ?? '' })}`);
  if (rows.length > limit) lines.push(`    ${say('… and {count} more (--json lists them all)', { count: n(rows.length - limit) })}`);
  return lines;
}

function summary(plan: ImportPlan, file: string): string {
  const s = plan.source;
  const how = [
    s.encoding,
    s.sheet ? say('sheet "{sheet}"', { sheet: s.sheet }) : undefined,
    s.delimiter ? say('delimiter {delimiter}', { delimiter: JSON.stringify(s.delimiter) }) : undefined,
    s.hasHeader ? say('header row') : say('no header row'),
  ]
    .filter(Boolean)
    .join(', ');
  const mapped = plan.columns.filter((c) => c.field).map((c) => `${c.header} → ${plan.fields.find((f) => f.key === c.field)?.label ?? c.field}${c.split ? ` (${c.split})` : ''}`);
  const ignored = plan.columns.filter((c) => !c.field).map((c) => c.header);
  const into = { file, how, rows: n(s.rows), directory: plan.directory, mode: plan.mode, match: plan.match.join(' + ') };
  const columns = mapped.join(', ') || say('none mapped');
  const lines = [
    s.rows === 1 ? say('{file} ({how}): {rows} row into {directory}, {mode} by {match}', into) : say('{file} ({how}): {rows} rows into {directory}, {mode} by {match}', into),
    `  ${ignored.length ? say('columns: {columns}; ignored: {ignored}', { columns, ignored: ignored.join(', ') }) : say('columns: {columns}', { columns })}`,
    `  ${OUTCOMES.map((o) => `${outcomeWord(o)} ${n(plan.counts[o])}`).join(' · ')}`,
  ];
  for (const l of plan.links) lines.push(`  ${say('new in {directory}: {count} ({names})', { directory: l.directory, count: n(l.create.length), names: `${l.create.slice(0, 5).join(', ')}${l.create.length > 5 ? ', …' : ''}` })}`);
  if (plan.deals) lines.push(`  ${say('deals to create: {count}', { count: n(plan.deals) })}`);
  if (plan.segment) lines.push(`  ${plan.segment.create ? say('segment: {name} (new)', { name: plan.segment.name }) : say('segment: {name}', { name: plan.segment.name })}`);
  for (const w of plan.warnings) lines.push(`  ${say('note: {note}', { note: w })}`);
  const problems = plan.rows.filter((r) => r.outcome === 'skip' || r.outcome === 'reject');
  if (problems.length) lines.push(`  ${say('not imported:')}`, ...rowLines(problems, 10));
  return `${lines.join('\n')}\n`;
}

export async function importVerb(call: Call, ctx: Context, args: { file: string; directory: string; data: string }, o: ImportArgs, json: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const tell = progress(err);
  tell(say('Reading {file}…', { file: args.data }));
  const read = await readImportFile(args.data, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.sheet ? { sheet: o.sheet } : {}) });
  const source: ImportSource = read.source;
  const mode = o.mode;
  if (mode !== undefined && !['create', 'update', 'upsert'].includes(mode)) fail({ code: 'E_BAD_INPUT', field: '--mode', value: mode, message: say('--mode must be create, update or upsert; got "{mode}".', { mode }) });
  const delimiter = delimiterOf(o.delimiter);
  const createMissing = [...(o['create-companies'] ? ['company'] : []), ...(o['create-missing']?.split(',').map((s) => s.trim()).filter(Boolean) ?? [])];
  const request: ImportRequest = {
    directory: args.directory,
    source,
    ...(delimiter || o['no-header'] ? { parse: { ...(delimiter ? { delimiter } : {}), ...(o['no-header'] ? { header: false } : {}) } } : {}),
    ...(mode ? { mode: mode as ImportRequest['mode'] } : {}),
    ...(o.match ? { match: o.match.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(o.country ? { country: o.country } : {}),
    ...(o.set?.length ? { defaults: parseAssignments(o.set, '--set') } : {}),
    ...(createMissing.length ? { createMissing: [...new Set(createMissing)] } : {}),
    ...(o['deal-stage'] ? { dealStage: o['deal-stage'] } : {}),
    ...(o.segment ? { segment: o.segment } : {}),
    detail: 'problems',
  };
  tell(say('Planning {file}…', { file: args.data }));
  if (o.map?.length) {
    const suggested = (await call(ctx, 'import.plan', request)) as ImportPlan;
    request.mapping = overrideMapping(suggested, o.map);
  }
  if (o['dry-run']) {
    const plan = (await call(ctx, 'import.plan', json ? { ...request, detail: 'all' } : request)) as ImportPlan;
    tell('');
    if (json) out.write(`${JSON.stringify(jsonReport(plan.counts, plan.rows, { dryRun: true, plan }), null, 2)}\n`);
    else out.write(`${summary(plan, args.data)}${say('Dry run: nothing was written.')}\n`);
    return 0;
  }
  const plan = json ? undefined : ((await call(ctx, 'import.plan', request)) as ImportPlan);
  tell(plan ? say('Importing {count} rows into {file}…', { count: n(plan.source.rows), file: args.file }) : say('Importing rows into {file}…', { file: args.file }));
  const result = (await call(ctx, 'import.apply', request)) as ImportResult;
  tell('');
  if (json) {
    out.write(`${JSON.stringify(jsonReport(result.counts, result.rows, { batch: result.batch, created: result.created, updated: result.updated }), null, 2)}\n`);
  } else {
    const created = Object.entries(result.created).map(([d, c]) => `${n(c)} ${d}`).join(', ');
    const updated = Object.entries(result.updated).map(([d, c]) => `${n(c)} ${d}`).join(', ');
    const undo = `carnet import-undo ${args.file} ${result.batch}`;
    out.write(`${summary(plan!, args.data)}${say('Imported as batch {batch}: created {created}; updated {updated}. Undo: {undo}', { batch: result.batch, created: created || say('nothing'), updated: updated || say('nothing'), undo })}\n`);
  }
  return 0;
}

/** The `--json` report: counts per outcome and every skipped or rejected row with its number and reason. */
function jsonReport(counts: Record<Outcome, number>, rows: RowPlan[], extra: Record<string, unknown>): Record<string, unknown> {
  const skipped = rows.filter((r) => r.outcome === 'skip').map((r) => ({ row: r.row, reason: r.reason }));
  const rejected = rows.filter((r) => r.outcome === 'reject').map((r) => ({ row: r.row, reason: r.reason, problems: r.problems }));
  return { ...extra, counts, skipped, rejected };
}

export async function importUndoVerb(call: Call, ctx: Context, file: string, batch: string, o: ImportArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  if (o['keep-edited'] && o['revert-edited']) fail({ code: 'E_BAD_INPUT', field: '--keep-edited', message: say('Give --keep-edited or --revert-edited, not both.') });
  const edited = o['keep-edited'] ? 'keep' : o['revert-edited'] ? 'revert' : 'ask';
  const r = (await call(ctx, 'import.undo', { batch, edited })) as UndoResult;
  if (json) {
    out.write(`${JSON.stringify(r, null, 2)}\n`);
    return r.done ? 0 : 1;
  }
  if (!r.done) {
    const lines = r.edited.slice(0, 20).map((e) => `  ${e.directory} ${e.id}: ${e.kind === 'created' ? say('created by the import, edited since') : say('edited since: {fields}', { fields: e.fields.join(', ') })}`);
    const head = say('Nothing was undone: {count} records were edited after import {batch}:', { count: r.edited.length, batch });
    out.write(`${head}\n${lines.join('\n')}\n${say('Run again with --keep-edited (leave those as they are) or --revert-edited (undo them too).')}\n`);
    return 1;
  }
  const part = (m: Record<string, number>) => Object.entries(m).map(([d, c]) => `${n(c)} ${d}`).join(', ') || say('nothing');
  const kept = r.kept.length ? ` ${say('Kept {count} created records others refer to: {records}.', { count: r.kept.length, records: r.kept.slice(0, 5).map((k) => `${k.id} (${k.reason})`).join('; ') })}` : '';
  out.write(`${say('Undid import {batch} in {file}: deleted {deleted}; restored {restored}.', { batch, file, deleted: part(r.deleted), restored: part(r.restored) })}${kept}\n`);
  return 0;
}

/** A batch's status as `carnet imports` lists it. */
function statusWord(status: BatchSummary['status']): string {
  return status === 'undone' ? say('undone') : status === 'complete' ? say('complete') : status;
}

export async function importsVerb(call: Call, ctx: Context, file: string, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const { batches } = (await call(ctx, 'import.list', {})) as { batches: BatchSummary[] };
  if (json) {
    out.write(`${JSON.stringify(batches, null, 2)}\n`);
    return 0;
  }
  if (batches.length === 0) {
    out.write(`${say('No imports in {file}.', { file })}\n`);
    return 0;
  }
  const part = (m: Record<string, number>) => Object.entries(m).map(([d, c]) => `${n(c)} ${d}`).join(', ');
  for (const b of batches) {
    const status = b.status === 'incomplete' ? say('INCOMPLETE ({applied} of {total} rows): resume it from the Import screen, or undo it', { applied: n(b.appliedRows), total: n(b.totalRows) }) : statusWord(b.status);
    const line = say('{batch}  {directory}  {name}  by {user}  {status}; created {created}; updated {updated}', {
      batch: b.batch,
      directory: b.directory,
      name: b.name ?? say('(pasted)'),
      user: b.user,
      status,
      created: part(b.created) || say('nothing'),
      updated: part(b.updated) || say('nothing'),
    });
    out.write(`${line}\n`);
  }
  return 0;
}
