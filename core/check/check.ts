/**
 * `check`: the workbook against its schema, as a team edits it by hand. Reports every problem
 * with its sheet and cell: missing or renamed headers, values that don't parse, empty required
 * cells, references to nothing, duplicated keys and ids. Reads each sheet once; writes nothing.
 */

import type { ErrorData } from '../errors.js';
import { normalizeValue } from '../fields/normalize.js';
import type { Crm } from '../records/crm.js';
import { empty, type DirectoryTable } from '../records/directory-table.js';
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
        message: `Sheet "${dir.sheet}" of directory ${dir.labels[schema.lang]} is missing (renamed or deleted?).`,
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
      problems.push({ code: 'E_SCHEMA', severity: 'error', directory: dir.key, sheet, message: `${sheet}: no "${ID_HEADER}" column header.` });
    }
    const hint = table.foreign.map((h) => `"${h.header}" in ${a1(0, h.column)}`).join(', ');
    for (const f of table.missing) {
      problems.push({
        code: 'E_SCHEMA',
        severity: 'error',
        directory: dir.key,
        field: f.key,
        sheet,
        message: `${sheet}: no column for field "${f.labels[schema.lang]}"${hint ? ` — renamed by hand? Headers that match no field: ${hint}` : ''}.`,
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
        message: `${at(0, d.column)}: header "${d.header}" appears twice; only the first column is used.`,
      });
    }

    const ids = new Map<string, number>();
    for (const rec of table.records) {
      if (table.idColumn >= 0) {
        const cell = a1(rec.row, table.idColumn);
        if (rec.id === '') {
          problems.push({ code: 'E_REQUIRED', severity: 'error', directory: dir.key, field: 'id', sheet, row: rec.row + 1, cell, message: `${at(rec.row, table.idColumn)}: the record has no ID.` });
        } else {
          const k = fold(rec.id);
          const first = ids.get(k);
          if (first !== undefined) {
            problems.push({ code: 'E_UNIQUE', severity: 'error', directory: dir.key, field: 'id', sheet, row: rec.row + 1, cell, value: rec.id, message: `${at(rec.row, table.idColumn)}: ID ${rec.id} is also on row ${first + 1}.` });
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
          if (f.required) problems.push({ ...base, code: 'E_REQUIRED', severity: 'error', message: `${at(rec.row, c)}: ${f.labels[schema.lang]} is required.` });
          continue;
        }
        const n = normalizeValue(f, v, schema);
        if (!n.ok) {
          problems.push({ ...base, code: 'E_INVALID_VALUE', severity: 'error', value: v, message: `${at(rec.row, c)}: ${JSON.stringify(v)} is ${n.reason}.` });
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
              message: `${at(rec.row, c)}: "${String(v)}" is not in ${target.dir.labels[schema.lang]}.`,
            });
          }
        } else if (n.value !== v && !(typeof v === 'string' && typeof n.value === 'string' && v.trim() === n.value) && !sameNumber(v, n.value)) {
          problems.push({
            ...base,
            code: 'E_INVALID_VALUE',
            severity: 'warning',
            value: v,
            message: `${at(rec.row, c)}: ${JSON.stringify(v)} would be stored as ${JSON.stringify(n.value)}.`,
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
            message: `${at(dup.row, c)}: "${String(v)}" is also on row ${recs[0]!.row + 1}; ${f.labels[schema.lang]} must be unique.`,
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
