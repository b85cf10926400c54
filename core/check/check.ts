/**
 * `check`: the workbook against its schema, as a team edits it by hand. Reports every problem
 * with its sheet and cell: missing or renamed headers, values that don't parse, empty required
 * cells, references to nothing, duplicated keys and ids. Reads each sheet once; writes nothing.
 */

import type { ErrorData } from '../errors.js';
import { normalizeValue } from '../fields/normalize.js';
import type { Crm } from '../records/crm.js';
import { empty, type DirectoryTable } from '../records/directory-table.js';
import { named, say } from '../messages/say.js';
import { fold } from '../schema/lookup.js';
import { ID_HEADER } from '../schema/types.js';
import { a1, type Cell } from '../workbook.js';

export interface CheckProblem extends ErrorData {
  sheet: string;
  /** `error`: the data breaks a rule; `warning`: allowed but worth a look (a value not in Carnet's stored form). */
  severity: 'error' | 'warning';
}

export interface CheckReport {
  directories: number;
  records: number;
  errors: number;
  warnings: number;
  problems: CheckProblem[];
}

export async function checkWorkbook(crm: Crm): Promise<CheckReport> {
  const schema = crm.schema;
  const problems: CheckProblem[] = [];
  const existing = new Set((await crm.wb.sheets()).map((s) => fold(s.name)));
  const tables = new Map<string, DirectoryTable>();
  for (const dir of schema.directories) {
    if (!existing.has(fold(dir.sheet))) {
      problems.push({
        code: 'E_SCHEMA',
        severity: 'error',
        directory: dir.key,
        sheet: dir.sheet,
        message: say('Sheet "{sheet}" of directory {directory} is missing (renamed or deleted?).', { sheet: dir.sheet, directory: named(dir.labels) }),
      });
      continue;
    }
    tables.set(dir.key, await crm.table(dir.key));
  }

  let records = 0;
  for (const table of tables.values()) {
    const dir = table.dir;
    const sheet = dir.sheet;
    records += table.records.length;
    const at = (row: number, column: number) => `${sheet}!${a1(row, column)}`;

    if (table.idColumn < 0) {
      problems.push({ code: 'E_SCHEMA', severity: 'error', directory: dir.key, sheet, message: say('{sheet}: no "{header}" column header.', { sheet, header: ID_HEADER }) });
    }
    const hint = table.foreign.map((h) => say('"{header}" in {cell}', { header: h.header, cell: a1(0, h.column) })).join(', ');
    for (const f of table.missing) {
      problems.push({
        code: 'E_SCHEMA',
        severity: 'error',
        directory: dir.key,
        field: f.key,
        sheet,
        message: hint
          ? say('{sheet}: no column for field "{field}" — renamed by hand? Headers that match no field: {headers}.', { sheet, field: named(f.labels), headers: hint })
          : say('{sheet}: no column for field "{field}".', { sheet, field: named(f.labels) }),
      });
    }
    for (const d of table.duplicates) {
      problems.push({
        code: 'E_SCHEMA',
        severity: 'error',
        directory: dir.key,
        sheet,
        cell: a1(0, d.column),
        row: 1,
        value: d.header,
        message: say('{cell}: header "{header}" appears twice; only the first column is used.', { cell: at(0, d.column), header: d.header }),
      });
    }

    const ids = new Map<string, number>();
    for (const rec of table.records) {
      if (table.idColumn >= 0) {
        const cell = a1(rec.row, table.idColumn);
        if (rec.id === '') {
          problems.push({ code: 'E_REQUIRED', severity: 'error', directory: dir.key, field: 'id', sheet, row: rec.row + 1, cell, message: say('{cell}: the record has no ID.', { cell: at(rec.row, table.idColumn) }) });
        } else {
          const k = fold(rec.id);
          const first = ids.get(k);
          if (first !== undefined) {
            problems.push({ code: 'E_UNIQUE', severity: 'error', directory: dir.key, field: 'id', sheet, row: rec.row + 1, cell, value: rec.id, message: say('{cell}: ID {id} is also on row {row}.', { cell: at(rec.row, table.idColumn), id: rec.id, row: first + 1 }) });
          } else ids.set(k, rec.row);
        }
      }
      for (const f of dir.fields) {
        const c = table.columns.get(f.key);
        if (c === undefined) continue;
        const v: Cell = rec.values[f.key] ?? null;
        const cell = a1(rec.row, c);
        const base = { directory: dir.key, field: f.key, sheet, row: rec.row + 1, cell };
        if (empty(v)) {
          if (f.required) problems.push({ ...base, code: 'E_REQUIRED', severity: 'error', message: say('{cell}: {field} is required.', { cell: at(rec.row, c), field: named(f.labels) }) });
          continue;
        }
        const n = normalizeValue(f, v, schema);
        if (!n.ok) {
          problems.push({ ...base, code: 'E_INVALID_VALUE', severity: 'error', value: v, message: say('{cell}: {value} is {reason}.', { cell: at(rec.row, c), value: JSON.stringify(v), reason: n.reason }) });
          continue;
        }
        if (f.type === 'reference' && f.ref) {
          const target = tables.get(f.ref);
          if (target && target.findByDisplay(String(v)).length === 0) {
            problems.push({
              ...base,
              code: 'E_REFERENCE',
              severity: 'error',
              value: v,
              message: say('{cell}: "{value}" is not in {directory}.', { cell: at(rec.row, c), value: String(v), directory: named(target.dir.labels) }),
            });
          }
        } else if (n.value !== v && !(typeof v === 'string' && typeof n.value === 'string' && v.trim() === n.value) && !sameNumber(v, n.value)) {
          problems.push({
            ...base,
            code: 'E_INVALID_VALUE',
            severity: 'warning',
            value: v,
            message: say('{cell}: {value} would be stored as {stored}.', { cell: at(rec.row, c), value: JSON.stringify(v), stored: JSON.stringify(n.value) }),
          });
        }
      }
    }

    for (const f of dir.fields) {
      if (!(f.unique || dir.display === f.key)) continue;
      const c = table.columns.get(f.key);
      if (c === undefined) continue;
      for (const [, recs] of table.index(f.key)) {
        for (const dup of recs.slice(1)) {
          const v = dup.values[f.key] ?? null;
          problems.push({
            code: 'E_UNIQUE',
            severity: 'error',
            directory: dir.key,
            field: f.key,
            sheet,
            row: dup.row + 1,
            cell: a1(dup.row, c),
            value: v,
            message: say('{cell}: "{value}" is also on row {row}; {field} must be unique.', { cell: at(dup.row, c), value: String(v), row: recs[0]!.row + 1, field: named(f.labels) }),
          });
        }
      }
    }
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { directories: tables.size, records, errors, warnings: problems.length - errors, problems };
}

/**
 * Numbers equal but for the last binary digits: spreadsheet files keep 15 significant digits
 * (LibreOffice writes 45995.6041666667 for 45995.604166666664), which is not a value to fix.
 */
function sameNumber(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}
