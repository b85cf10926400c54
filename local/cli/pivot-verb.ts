/**
 * `carnet pivot` and `carnet report`: build a saved or ad-hoc report into its sheet of the file
 * (or only print it, `--no-sheet`), print the table or its JSON, write its chart as SVG; and keep
 * definitions by name. The definition syntax is core's (core/pivot/text-syntax.ts).
 */

import { writeFileSync } from 'node:fs';
import type { Context } from '../../core/app/command.js';
import type { PivotBuild } from '../../core/app/pivot-commands.js';
import { fail } from '../../core/errors.js';
import { chartData } from '../../core/pivot/chart-data.js';
import { chartSvg } from '../../core/pivot/svg-chart.js';
import { parseData, parseFilter, parseGroups } from '../../core/pivot/text-syntax.js';
import type { PivotDefinition, PivotResult, SavedReport } from '../../core/pivot/types.js';
import type { ReportListing } from '../../core/pivot/reports.js';
import type { Lang, Schema } from '../../core/schema/types.js';
import { say } from '../../core/messages/say.js';
import { table } from './print.js';
import type { Call } from './adopt-verb.js';

export interface PivotArgs {
  report?: string;
  object?: string;
  rows?: string;
  columns?: string;
  data?: string[];
  filter?: string[];
  chart?: string;
  sheet?: string;
  'no-sheet'?: boolean;
  'chart-kind'?: string;
  'write-class-to'?: string;
}

/** The ad-hoc definition of the command line, or undefined when none is given. */
export function definitionFrom(args: PivotArgs): PivotDefinition | undefined {
  if (args.object === undefined) {
    if (args.rows !== undefined || args.columns !== undefined || args.data !== undefined || args.filter !== undefined) {
      fail({ code: 'E_BAD_INPUT', field: '--object', message: say('--rows, --columns, --data and --filter describe a report on a directory: name it with --object (e.g. --object sales).') });
    }
    return undefined;
  }
  const data = parseData('--data', args.data);
  const chart = args['chart-kind'];
  if (chart !== undefined && !['bar', 'line', 'none'].includes(chart)) fail({ code: 'E_BAD_INPUT', field: '--chart-kind', value: chart, message: say('--chart-kind must be bar, line or none.') });
  return {
    object: args.object,
    rows: parseGroups('--rows', args.rows),
    columns: parseGroups('--columns', args.columns),
    data: data.length ? data : [{ field: '', agg: 'count' }],
    ...(args.filter?.length ? { filters: args.filter.map((f) => parseFilter('--filter', f)) } : {}),
    ...(chart ? { chart: chart as 'bar' | 'line' | 'none' } : {}),
  };
}

function cellText(v: number | null, format: string, lang: Lang): string {
  if (v === null) return '';
  if (format.includes('%')) return `${(v * 100).toLocaleString(lang, { maximumFractionDigits: 1 })}%`;
  const digits = /0\.(0+)/.exec(format)?.[1]?.length ?? (format.includes('#.##') ? 2 : 0);
  return v.toLocaleString(lang, { minimumFractionDigits: format.includes('.0') ? digits : 0, maximumFractionDigits: Math.max(digits, 2) });
}

/** The table as a terminal shows it: one line per row group, one column per column group × data field. */
export function printPivot(r: PivotResult, lang: Lang): string {
  const D = r.dataFields.length;
  const L = Math.max(1, r.rowFields.length);
  const columnName = (keys: { label: string }[], d: number) => [keys.map((k) => k.label).join(' › '), D > 1 || keys.length === 0 ? r.dataFields[d]!.label : ''].filter(Boolean).join(' — ');
  const header = [...(r.rowFields.length ? r.rowFields : ['']), ...r.columnKeys.flatMap((keys) => r.dataFields.map((_, d) => columnName(keys, d)))];
  const withTotals = r.columnFields.length > 0 && r.rowTotals;
  const total = say('Total');
  if (withTotals) header.push(...r.dataFields.map((f) => (D > 1 ? `${total} — ${f.label}` : total)));
  const fmt = (v: number | null, d: number) => cellText(v, r.dataFields[d]!.numberFormat, lang);
  const rows = r.rowKeys.map((keys, i) => [
    ...(keys.length ? keys.map((k) => k.label) : [total]),
    ...r.cells[i]!.flatMap((c) => c.map((v, d) => fmt(v, d))),
    ...(withTotals ? r.rowTotals![i]!.map((v, d) => fmt(v, d)) : []),
  ]);
  if (r.rowFields.length && r.columnTotals) {
    const line = [total, ...new Array<string>(L - 1).fill(''), ...r.columnTotals.flatMap((c) => c.map((v, d) => fmt(v, d)))];
    if (withTotals) line.push(...(r.grandTotals ?? []).map((v, d) => fmt(v, d)));
    rows.push(line);
  }
  const cells = `${r.skipped.map((s) => `${s.sheet}!${s.cell} ${JSON.stringify(s.value)}`).join(', ')}${r.skippedCount > r.skipped.length ? ', …' : ''}`;
  const skipped = r.skippedCount ? `\n${say('{count} cell(s) left out, text where a number was expected: {cells}', { count: r.skippedCount, cells })}\n` : '';
  return `${r.caption}\n\n${table(header, rows)}${skipped}`;
}

export async function pivotVerb(call: Call, ctx: Context, file: string, args: PivotArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const definition = definitionFrom(args);
  if (!definition && args.report === undefined) {
    fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: 'pivot <file.xlsx> --report "<name>" | --object <directory> --rows … --columns … --data field:agg [--filter …] [--sheet NAME] [--no-sheet] [--chart out.svg] [--json]' }) });
  }
  const input = { ...(args.report !== undefined ? { report: args.report } : {}), ...(definition ? { definition } : {}) };
  const schema = (await call(ctx, 'schema.get', {})) as Schema;
  let result: PivotResult;
  let sheet: string | undefined;
  if (args['no-sheet']) {
    if (args['write-class-to']) fail({ code: 'E_BAD_INPUT', field: '--write-class-to', message: say('--write-class-to writes to the file: it cannot go with --no-sheet.') });
    result = (await call(ctx, 'pivot.run', input)) as PivotResult;
  } else {
    const built = (await call(ctx, 'pivot.build', { ...input, ...(args.sheet ? { sheet: args.sheet } : {}), ...(args['write-class-to'] ? { writeClassTo: args['write-class-to'] } : {}) })) as PivotBuild;
    result = built.result;
    sheet = built.sheet;
  }
  if (args.chart) {
    const data = chartData(result, schema.lang);
    if (!data) fail({ code: 'E_BAD_INPUT', field: '--chart', message: say('This report has no chart: it needs at least one row field and a chart kind other than none.') });
    writeFileSync(args.chart, chartSvg(data));
  }
  if (json) out.write(`${JSON.stringify({ ...result, ...(sheet ? { sheet } : {}) }, null, 2)}\n`);
  else {
    out.write(printPivot(result, schema.lang));
    if (sheet) out.write(`\n${say('Built into sheet "{sheet}" of {file}.', { sheet, file })}\n`);
    const w = result.abc?.written;
    if (w) out.write(`${say('Class written to {field} for {count} record(s).', { field: `${w.directory}.${w.field}`, count: w.records })}\n`);
    if (args.chart) out.write(`${say('Chart written to {file}.', { file: args.chart })}\n`);
  }
  return 0;
}

export async function reportVerb(call: Call, ctx: Context, sub: string | undefined, name: string | undefined, args: PivotArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const usage = 'report list <file.xlsx> | show <file.xlsx> <name> | save <file.xlsx> <name> --object … --rows … | delete <file.xlsx> <name>';
  switch (sub) {
    case 'list': {
      const list = (await call(ctx, 'report.list', {})) as (ReportListing & { lastSheet?: string })[];
      if (json) out.write(`${JSON.stringify(list, null, 2)}\n`);
      else {
        const rows = list.map((r) => [r.name, r.definition.object, r.builtIn ? say('built-in') : say('saved'), r.lastSheet ?? '', r.available ? '' : say('unavailable: {problem}', { problem: r.problem ?? '' })]);
        out.write(table([say('Report'), say('On'), say('Built in'), say('Sheet'), ''], rows));
      }
      return 0;
    }
    case 'show': {
      if (!name) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage }) });
      const r = (await call(ctx, 'report.show', { name })) as SavedReport;
      out.write(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    }
    case 'save': {
      if (!name) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage }) });
      const definition = definitionFrom(args);
      if (!definition) fail({ code: 'E_BAD_INPUT', field: '--object', message: say('carnet report save needs the definition: --object <directory> --rows … --columns … --data field:agg [--filter …].') });
      const r = (await call(ctx, 'report.save', { name, definition, ...(args.sheet ? { sheet: args.sheet } : {}) })) as SavedReport;
      out.write(json ? `${JSON.stringify(r, null, 2)}\n` : `${say('Saved report "{name}".', { name: r.name })}\n`);
      return 0;
    }
    case 'delete': {
      if (!name) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage }) });
      const r = (await call(ctx, 'report.delete', { name })) as { deleted: SavedReport; restored?: SavedReport };
      const deleted = r.restored ? say('Deleted report "{name}" (the built-in report of that name is back); its sheet stays.', { name: r.deleted.name }) : say('Deleted report "{name}"; its sheet stays.', { name: r.deleted.name });
      out.write(json ? `${JSON.stringify(r, null, 2)}\n` : `${deleted}\n`);
      return 0;
    }
    default:
      fail({ code: 'E_BAD_INPUT', value: sub ?? null, message: say('Usage: carnet {usage}', { usage }) });
  }
}
