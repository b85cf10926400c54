/**
 * Imports: the dry run (`import.plan`, which writes nothing), the apply (whole, or chunk by chunk
 * into one batch), the undo, and the list of batches. Planning needs `read`; the rest `write`.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { ImportSource } from '../import/source-types.js';
import type { ColumnMap, ImportRequest } from '../import/types.js';
import { Crm } from '../records/crm.js';
import { all, custom, right } from '../access/needs.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { array, bool, cell, dict, int, object, oneOf, optional, str, type Check } from './input.js';

// The import engine (CSV and XLSX readers, matching, normalising, the batch log) is loaded when an
// import command first runs, not with the registry: in the Excel task pane it is a chunk fetched on
// the Import screen (office-addin/build.ts). Apps Script inlines it; SyncPromise settles the import.
const engine = {
  apply: () => import('../import/apply.js'),
  batchLog: () => import('../import/batch-log.js'),
  plan: () => import('../import/plan.js'),
  undo: () => import('../import/undo.js'),
};

const text: Check<string> = (v, p) => (typeof v === 'string' ? v : fail({ code: 'E_BAD_INPUT', field: p, value: v, message: say('{path}: expected {expected}, got {value}.', { path: p, expected: say('a text'), value: String(JSON.stringify(v)) }) }));

const source: Check<ImportSource> = (v, p) => {
  const kind = object({ kind: oneOf(['text', 'rows'] as const) });
  const k = (typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined) as unknown;
  if (k === 'rows') return object({ kind: oneOf(['rows'] as const), rows: array(array(cell)), name: optional(str), sheet: optional(str) })(v, p) as ImportSource;
  if (k === 'text') return object({ kind: oneOf(['text'] as const), text, name: optional(str), encoding: optional(str) })(v, p) as ImportSource;
  kind(v, p);
  return fail({ code: 'E_BAD_INPUT', field: `${p}.kind`, message: say('{path}.kind: expected text or rows.', { path: p }) });
};

const mapping: Check<ColumnMap> = (v, p) => {
  const m = object({ column: int, field: (x: unknown, q: string) => (x === null || x === undefined ? null : str(x, q)), split: optional(oneOf(['first-last', 'last-first'] as const)), dateOrder: optional(oneOf(['dmy', 'mdy', 'ymd'] as const)) })(v, p);
  return { column: m.column, field: m.field, ...(m.split ? { split: m.split } : {}), ...(m.dateOrder ? { dateOrder: m.dateOrder } : {}) };
};

export const importRequest: Check<ImportRequest> = object({
  directory: str,
  source,
  parse: optional(object({ delimiter: optional(str), quote: optional(str), header: optional(bool) })),
  mapping: optional(array(mapping)),
  mode: optional(oneOf(['create', 'update', 'upsert'] as const)),
  match: optional(array(str)),
  country: optional(str),
  defaults: optional(dict(cell)),
  createMissing: optional(array(str)),
  dealStage: optional(str),
  segment: optional(str),
  detail: optional(oneOf(['problems', 'all'] as const)),
  batch: optional(str),
  chunk: optional(object({ firstRow: int, totalRows: int })),
}) as Check<ImportRequest>;

/**
 * An import adds records to its directory (and to the directories whose missing records it
 * creates, and deals); updating existing records changes others' records, which needs "full".
 */
function importDirectory(writes: boolean) {
  return custom('add (and full for updates) on the directories it writes', writes, (input: ImportRequest) => {
    const mode = input.mode ?? 'create';
    return [
      ...(mode !== 'update' ? [{ directory: input.directory, action: 'create' as const }] : []),
      ...(mode !== 'create' ? [{ directory: input.directory, action: 'edit' as const }] : []),
      ...(input.createMissing ?? []).map((directory) => ({ directory, action: 'create' as const })),
      ...(input.dealStage ? [{ directory: 'deals', action: 'create' as const }] : []),
    ];
  });
}

export const importCommands = [
  command(
    { name: 'import.plan', access: all(right('import', false), importDirectory(false)), summary: 'Dry run of an import: every row with its normalised values and outcome; writes nothing', input: importRequest },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const { planImport } = await engine.plan();
      return (await planImport(crm, input, await defaultsOf(ctx))).plan;
    },
  ),
  command(
    { name: 'import.apply', access: all(right('import', true), importDirectory(true)), summary: 'Import rows (all, or one chunk of a batch), recorded so the batch can be undone', input: importRequest },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const { applyImport } = await engine.apply();
      return applyImport(crm, input, await defaultsOf(ctx));
    },
  ),
  command(
    { name: 'import.undo', access: right('import', true), summary: 'Remove the rows an import created and restore the values it overwrote', input: object({ batch: str, edited: optional(oneOf(['ask', 'keep', 'revert'] as const)) }) },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const d = await defaultsOf(ctx);
      const { undoImport } = await engine.undo();
      return undoImport(crm, input.batch, input.edited ?? 'ask', d.now, d.user);
    },
  ),
  command(
    { name: 'import.list', access: right('import', false), summary: 'Import batches, newest first, with what each did and whether it is complete', input: object({}) },
    async (ctx) => {
      await Crm.open(ctx.wb);
      const { BatchLog } = await engine.batchLog();
      return { batches: await new BatchLog(ctx.wb).summaries() };
    },
  ),
];
