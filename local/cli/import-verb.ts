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
  if (![',', ';', '\t', '|'].includes(d)) fail({ code: 'E_BAD_INPUT', field: '--delimiter', value: v, message: `--delimiter must be , ; | tab (or comma, semicolon, pipe, tab); got "${v}".` });
  return d;
}

/** `--map` entries over the suggested mapping, by header (case and spaces ignored) or column number. */
function overrideMapping(plan: ImportPlan, maps: string[]): ColumnMap[] {
  const mapping = plan.mapping.map((m) => ({ ...m }));
  for (const entry of maps) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) fail({ code: 'E_BAD_INPUT', field: '--map', value: entry, message: `--map "${entry}": expected "Column=field" (or "Column=" to ignore the column).` });
    const name = entry.slice(0, at);
    const [field, ...flags] = entry.slice(at + 1).split(':');
    const column = /^\d+$/.test(name) ? Number(name) - 1 : plan.columns.findIndex((c) => fold(c.header) === fold(name));
    if (column < 0 || column >= mapping.length) {
      fail({ code: 'E_BAD_INPUT', field: '--map', value: entry, message: `--map "${entry}": the file has no column "${name}" (columns: ${plan.columns.map((c) => `"${c.header}"`).join(', ')}).` });
    }
    const m: ColumnMap = { column, field: field?.trim() ? field.trim() : null };
    for (const f of flags) {
      if (f === 'first-last' || f === 'last-first') m.split = f;
      else if (f === 'dmy' || f === 'mdy' || f === 'ymd') m.dateOrder = f;
      else fail({ code: 'E_BAD_INPUT', field: '--map', value: entry, message: `--map "${entry}": unknown option "${f}" (first-last, last-first, dmy, mdy, ymd).` });
    }
    mapping[column] = m;
  }
  return mapping;
}

function n(x: number): string {
  return x.toLocaleString('en');
}

function rowLines(rows: RowPlan[], limit: number): string[] {
  const lines = rows.slice(0, limit).map((r) => `    row ${r.row}: ${r.outcome === 'reject' ? 'rejected' : 'skipped'} — ${r.reason}`);
  if (rows.length > limit) lines.push(`    … and ${n(rows.length - limit)} more (--json lists them all)`);
  return lines;
}

function summary(plan: ImportPlan, file: string): string {
  const s = plan.source;
  const how = [s.encoding, s.sheet ? `sheet "${s.sheet}"` : undefined, s.delimiter ? `delimiter ${JSON.stringify(s.delimiter)}` : undefined, s.hasHeader ? 'header row' : 'no header row'].filter(Boolean).join(', ');
  const mapped = plan.columns.filter((c) => c.field).map((c) => `${c.header} → ${plan.fields.find((f) => f.key === c.field)?.label ?? c.field}${c.split ? ` (${c.split})` : ''}`);
  const ignored = plan.columns.filter((c) => !c.field).map((c) => c.header);
  const lines = [
    `${file} (${how}): ${n(s.rows)} ${s.rows === 1 ? 'row' : 'rows'} into ${plan.directory}, ${plan.mode} by ${plan.match.join(' + ')}`,
    `  columns: ${mapped.join(', ') || 'none mapped'}${ignored.length ? `; ignored: ${ignored.join(', ')}` : ''}`,
    `  ${OUTCOMES.map((o) => `${o} ${n(plan.counts[o])}`).join(' · ')}`,
  ];
  for (const l of plan.links) lines.push(`  new in ${l.directory}: ${n(l.create.length)} (${l.create.slice(0, 5).join(', ')}${l.create.length > 5 ? ', …' : ''})`);
  if (plan.deals) lines.push(`  deals to create: ${n(plan.deals)}`);
  if (plan.segment) lines.push(`  segment: ${plan.segment.name}${plan.segment.create ? ' (new)' : ''}`);
  for (const w of plan.warnings) lines.push(`  note: ${w}`);
  const problems = plan.rows.filter((r) => r.outcome === 'skip' || r.outcome === 'reject');
  if (problems.length) lines.push('  not imported:', ...rowLines(problems, 10));
  return `${lines.join('\n')}\n`;
}

export async function importVerb(call: Call, ctx: Context, args: { file: string; directory: string; data: string }, o: ImportArgs, json: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const tell = progress(err);
  tell(`Reading ${args.data}…`);
  const read = await readImportFile(args.data, { ...(o.encoding ? { encoding: o.encoding } : {}), ...(o.sheet ? { sheet: o.sheet } : {}) });
  const source: ImportSource = read.source;
  const mode = o.mode;
  if (mode !== undefined && !['create', 'update', 'upsert'].includes(mode)) fail({ code: 'E_BAD_INPUT', field: '--mode', value: mode, message: `--mode must be create, update or upsert; got "${mode}".` });
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
  tell(`Planning ${args.data}…`);
  if (o.map?.length) {
    const suggested = (await call(ctx, 'import.plan', request)) as ImportPlan;
    request.mapping = overrideMapping(suggested, o.map);
  }
  if (o['dry-run']) {
    const plan = (await call(ctx, 'import.plan', json ? { ...request, detail: 'all' } : request)) as ImportPlan;
    tell('');
    if (json) out.write(`${JSON.stringify(jsonReport(plan.counts, plan.rows, { dryRun: true, plan }), null, 2)}\n`);
    else out.write(`${summary(plan, args.data)}Dry run: nothing was written.\n`);
    return 0;
  }
  const plan = json ? undefined : ((await call(ctx, 'import.plan', request)) as ImportPlan);
  tell(`Importing ${n(plan?.source.rows ?? 0) || ''} rows into ${args.file}…`.replace('  ', ' '));
  const result = (await call(ctx, 'import.apply', request)) as ImportResult;
  tell('');
  if (json) {
    out.write(`${JSON.stringify(jsonReport(result.counts, result.rows, { batch: result.batch, created: result.created, updated: result.updated }), null, 2)}\n`);
  } else {
    const created = Object.entries(result.created).map(([d, c]) => `${n(c)} ${d}`).join(', ');
    const updated = Object.entries(result.updated).map(([d, c]) => `${n(c)} ${d}`).join(', ');
    out.write(`${summary(plan!, args.data)}Imported as batch ${result.batch}: created ${created || 'nothing'}; updated ${updated || 'nothing'}. Undo: carnet import-undo ${args.file} ${result.batch}\n`);
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
  if (o['keep-edited'] && o['revert-edited']) fail({ code: 'E_BAD_INPUT', field: '--keep-edited', message: 'Give --keep-edited or --revert-edited, not both.' });
  const edited = o['keep-edited'] ? 'keep' : o['revert-edited'] ? 'revert' : 'ask';
  const r = (await call(ctx, 'import.undo', { batch, edited })) as UndoResult;
  if (json) {
    out.write(`${JSON.stringify(r, null, 2)}\n`);
    return r.done ? 0 : 1;
  }
  if (!r.done) {
    const lines = r.edited.slice(0, 20).map((e) => `  ${e.directory} ${e.id}: ${e.kind === 'created' ? 'created by the import, edited since' : `edited since: ${e.fields.join(', ')}`}`);
    out.write(`Nothing was undone: ${r.edited.length} records were edited after import ${batch}:\n${lines.join('\n')}\nRun again with --keep-edited (leave those as they are) or --revert-edited (undo them too).\n`);
    return 1;
  }
  const part = (m: Record<string, number>) => Object.entries(m).map(([d, c]) => `${n(c)} ${d}`).join(', ') || 'nothing';
  const kept = r.kept.length ? ` Kept ${r.kept.length} created records others refer to: ${r.kept.slice(0, 5).map((k) => `${k.id} (${k.reason})`).join('; ')}.` : '';
  out.write(`Undid import ${batch} in ${file}: deleted ${part(r.deleted)}; restored ${part(r.restored)}.${kept}\n`);
  return 0;
}

export async function importsVerb(call: Call, ctx: Context, file: string, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const { batches } = (await call(ctx, 'import.list', {})) as { batches: BatchSummary[] };
  if (json) {
    out.write(`${JSON.stringify(batches, null, 2)}\n`);
    return 0;
  }
  if (batches.length === 0) {
    out.write(`No imports in ${file}.\n`);
    return 0;
  }
  const part = (m: Record<string, number>) => Object.entries(m).map(([d, c]) => `${n(c)} ${d}`).join(', ');
  for (const b of batches) {
    const status = b.status === 'incomplete' ? `INCOMPLETE (${n(b.appliedRows)} of ${n(b.totalRows)} rows): resume it from the Import screen, or undo it` : b.status;
    out.write(`${b.batch}  ${b.directory}  ${b.name ?? '(pasted)'}  by ${b.user}  ${status}; created ${part(b.created) || 'nothing'}; updated ${part(b.updated) || 'nothing'}\n`);
  }
  return 0;
}
