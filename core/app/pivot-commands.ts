/**
 * Reports: build a saved or ad-hoc pivot (into its sheet, or just for the screen), and keep
 * definitions by name. Looking needs `read`; building into a sheet, writing the ABC class back and
 * saving definitions need `write`.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { definition } from '../pivot/definition-input.js';
import { reportFields } from '../pivot/fields.js';
import type { NativeResult } from '../pivot/native.js';
import type { PivotDefinition, PivotResult, SavedReport } from '../pivot/types.js';
import { Crm } from '../records/crm.js';
import { fold, requireDirectory } from '../schema/lookup.js';
import { all, onDirectory, right } from '../access/needs.js';
import { reportDirectories } from '../access/report-needs.js';
import { command, type Context } from './command.js';
import { bool, object, optional, str } from './input.js';

// The pivot engine, the ABC analysis and the sheet and native-pivot writers are loaded when a
// report is first computed, not with the registry: a chunk of their own in the Excel task pane
// (office-addin/build.ts). Apps Script inlines them; SyncPromise settles the import.
const engine = {
  abc: () => import('../pivot/abc.js'),
  build: () => import('../pivot/build.js'),
  native: () => import('../pivot/native.js'),
  sheet: () => import('../pivot/sheet.js'),
};

/** The sheet of an ad-hoc report (one without a name). */
const AD_HOC_SHEET = 'Pivot';

interface Target {
  report?: SavedReport;
  definition: PivotDefinition;
  name?: string;
}

/** Saved and built-in reports load with the first report command (the Excel task pane's budget). */
const reports = () => import('../pivot/reports.js');

async function target(crm: Crm, input: { report?: string; definition?: PivotDefinition }): Promise<Target> {
  if (input.report === undefined && input.definition === undefined) {
    fail({ code: 'E_BAD_INPUT', field: 'report', message: say('Name a saved report, or give a definition (object, rows, columns, data).') });
  }
  const report = input.report !== undefined ? (await reports()).findReport(crm, input.report) : undefined;
  // A saved report edited on screen and built before saving: its name and sheet, the new definition.
  return { ...(report ? { report, name: report.name } : {}), definition: input.definition ?? report!.definition };
}

async function run(ctx: Context, crm: Crm, t: Target): Promise<PivotResult> {
  const options = { now: ctx.now(), ...(t.name ? { name: t.name } : {}) };
  if (t.definition.abc) return (await engine.abc()).buildAbc(crm, t.definition, options);
  return (await engine.build()).buildPivot(crm, t.definition, options);
}

/** The sheet a report goes to: asked, saved with it, the one it was last built into, or its name. */
async function sheetOf(crm: Crm, t: Target, asked: string | undefined): Promise<string> {
  if (asked) return asked;
  if (t.report?.sheet) return t.report.sheet;
  if (!t.name) return AD_HOC_SHEET;
  const { reportSheets, sheetNameFor } = await engine.sheet();
  const owned = reportSheets(crm);
  const last = owned.find((e) => fold(e.report) === fold(t.name!));
  if (last) return last.sheet;
  // Two long names cut to the same 31 characters: the second report gets a sheet of its own.
  const base = sheetNameFor(t.name);
  let name = base;
  for (let i = 2; owned.some((e) => fold(e.sheet) === fold(name)); i++) name = `${base.slice(0, 31 - ` (${i})`.length).trim()} (${i})`;
  return name;
}

export interface PivotBuild {
  result: PivotResult;
  sheet: string;
  /** Set when a native pivot table was asked for (`native: true`). */
  native?: NativeResult;
}

const which = { report: optional(str), definition: optional(definition) };

export const pivotCommands = [
  command(
    {
      name: 'pivot.run',
      access: all(right('useReports', false), reportDirectories(false)),
      summary: 'Compute a report (saved by name, or a definition) and return its table, without writing a sheet',
      input: object(which),
    },
    async (ctx, input): Promise<PivotResult> => {
      const crm = await Crm.open(ctx.wb);
      return run(ctx, crm, await target(crm, input));
    },
  ),
  command(
    {
      name: 'pivot.build',
      access: all(right('useReports', true), reportDirectories(true)),
      summary: "Build a report into its own sheet (table, totals, formats, chart), and on request a native pivot table beside it; a team's sheet of that name is never overwritten",
      input: object({ ...which, sheet: optional(str), writeClassTo: optional(str), native: optional(bool) }),
    },
    async (ctx, input): Promise<PivotBuild> =>
      ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const t = await target(crm, input);
        const [abc, native, { writeReportSheet }] = await Promise.all([engine.abc(), engine.native(), engine.sheet()]);
        if (input.writeClassTo !== undefined) abc.abcTarget(crm, t.definition, input.writeClassTo);
        // Everything that can be refused is, before the first write (Sheets and Excel write at once).
        if (input.native) native.checkNative(crm, t.definition);
        const result = await run(ctx, crm, t);
        const sheet = await sheetOf(crm, t, input.sheet);
        const report = t.name ?? AD_HOC_SHEET;
        const sheets = await ctx.wb.sheets();
        const written = await writeReportSheet(crm, report, result, sheet, sheets);
        const placed = input.native ? await native.placeNativePivot(crm, t.definition, report, written.sheet, ctx.now(), sheets) : undefined;
        if (written.changed || placed) await crm.saveMeta();
        if (input.writeClassTo !== undefined) result.abc!.written = await abc.writeAbcClass(crm, t.definition, result, input.writeClassTo);
        return { result, sheet: written.sheet, ...(placed ? { native: placed } : {}) };
      }),
  ),
  command(
    {
      name: 'pivot.fields',
      access: all(right('useReports', false), onDirectory('view', (i) => i.object)),
      summary: "The fields a report on a directory can use, its own and those reached through its references",
      input: object({ object: str }),
    },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      return reportFields(crm.schema, requireDirectory(crm.schema, input.object));
    },
  ),
  command(
    { name: 'report.list', access: right('useReports', false), summary: 'Saved and built-in reports, and whether each can be built on this workbook', input: object({}) },
    async (ctx) => {
      const crm = await Crm.open(ctx.wb);
      const sheets = (await engine.sheet()).reportSheets(crm);
      return (await reports()).listReports(crm).map((r) => {
        const last = sheets.find((e) => fold(e.report) === fold(r.name));
        return { ...r, ...(last ? { lastSheet: last.sheet } : {}) };
      });
    },
  ),
  command(
    { name: 'report.show', access: right('useReports', false), summary: "A report's definition", input: object({ name: str }) },
    async (ctx, input): Promise<SavedReport> => (await reports()).findReport(await Crm.open(ctx.wb), input.name),
  ),
  command(
    {
      name: 'report.save',
      access: right('manageReports', true),
      summary: 'Save a report definition by name (replacing the one of that name)',
      input: object({ name: str, definition, sheet: optional(str) }),
    },
    async (ctx, input): Promise<SavedReport> =>
      ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        (await engine.build()).checkDefinition(crm, input.definition);
        const saved = (await reports()).saveReport(crm, { name: input.name, definition: input.definition, ...(input.sheet ? { sheet: input.sheet } : {}) });
        await crm.saveMeta();
        return saved;
      }),
  ),
  command(
    { name: 'report.delete', access: right('manageReports', true), summary: 'Delete a saved report (its sheet stays)', input: object({ name: str }) },
    async (ctx, input) =>
      ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const out = (await reports()).deleteReport(crm, input.name);
        await crm.saveMeta();
        return out;
      }),
  ),
];
