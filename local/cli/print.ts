/** Plain-text output of the CLI: aligned tables a person can read in a terminal. */

import type { CheckReport } from '../../core/check/check.js';
import { formatValue, normalizeValue } from '../../core/fields/normalize.js';
import type { RecordJson } from '../../core/records/record-json.js';
import { requireField } from '../../core/schema/lookup.js';
import type { FieldDef, Schema } from '../../core/schema/types.js';
import type { Cell } from '../../core/workbook.js';
import { say } from '../../core/messages/say.js';

const MAX = 32;

/**
 * Control characters as visible escapes (`\u001b`): text from a sheet printed raw could recolour,
 * move or rewrite what the terminal shows (issue 13, §4). Line breaks are kept where `keepLines`.
 */
export function printable(s: string, keepLines = false): string {
  return s.replace(keepLines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function clip(s: string): string {
  const one = printable(s.replace(/[ \t\r\n]+/g, ' '));
  return one.length > MAX ? `${one.slice(0, MAX - 1)}…` : one;
}

export function table(header: string[], rawRows: string[][]): string {
  const rows = rawRows.map((r) => r.map((c) => printable(c ?? '')));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

/**
 * Commands return dates as ISO text (JSON has no dates); reading them back through the field's own
 * parser gives the stored serial, printed by the same formatter as every other value.
 */
function stored(schema: Schema, f: FieldDef, v: string | number | boolean | null): Cell {
  if (f.type !== 'date' && f.type !== 'datetime') return v;
  const n = normalizeValue(f, v, schema);
  return n.ok ? n.value : v;
}

export function printRecords(schema: Schema, dirKey: string, records: RecordJson[], only?: string[]): string {
  const dir = schema.directories.find((d) => d.key === dirKey)!;
  const fields = only?.length ? only.map((n) => requireField(schema, dir, n)) : dir.fields.filter((f) => !f.hidden);
  const header = ['ID', ...fields.map((f) => f.labels[schema.lang])];
  const rows = records.map((r) => [printable(r.id), ...fields.map((f) => clip(formatValue(f, stored(schema, f, r.values[f.key] ?? null), schema)))]);
  return `${table(header, rows)}${records.length === 1 ? say('1 record') : say('{count} records', { count: records.length })}\n`;
}

export function printSchema(schema: Schema): string {
  const lines: string[] = [say('Language {lang}, country {country}, currency {currency}', { lang: schema.lang, country: schema.country, currency: schema.currency })];
  for (const d of schema.directories) {
    lines.push('', say('{sheet} ({key}, ids {prefix}-…)', { sheet: d.sheet, key: d.key, prefix: d.idPrefix }));
    for (const f of d.fields) {
      const extra = [
        f.key === d.display ? say('display') : '',
        f.required ? say('required') : '',
        f.unique ? say('unique') : '',
        f.hidden ? say('hidden') : '',
        f.ref ? `→ ${f.ref}` : '',
        f.choices ? f.choices.join('|') : '',
      ].filter(Boolean);
      lines.push(`  ${f.labels[schema.lang].padEnd(24)} ${f.type.padEnd(10)} ${extra.join(', ')}`.trimEnd());
    }
  }
  return lines.join('\n') + '\n';
}

/** A problem's severity as a column of its own: "error  " and "warning" line up in every language. */
export function severityLabel(severity: 'error' | 'warning'): string {
  const error = say('error');
  const warning = say('warning');
  return (severity === 'error' ? error : warning).padEnd(Math.max(error.length, warning.length));
}

export function printCheck(file: string, report: CheckReport): string {
  const head = say('{file}: {records} records in {directories} directories; {errors}, {warnings}.', {
    file,
    records: report.records,
    directories: report.directories,
    errors: report.errors === 1 ? say('1 error') : say('{count} errors', { count: report.errors }),
    warnings: report.warnings === 1 ? say('1 warning') : say('{count} warnings', { count: report.warnings }),
  });
  const lines = report.problems.map((p) => `  ${severityLabel(p.severity)} ${p.message} [${p.code}]`);
  return [head, ...lines].join('\n') + '\n';
}
