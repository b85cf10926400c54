/**
 * The configurator: an admin designs directories and fields. The one rule: never lose a cell.
 * A change that existing data cannot survive (a retype where cells don't parse, a choice still
 * in use, `unique` over duplicates) is refused with the list of offending cells, and nothing is
 * written.
 */

import { fail, type ErrorData } from '../errors.js';
import { named, say } from '../messages/say.js';
import { formatValue, normalizeValue } from '../fields/normalize.js';
import { Crm } from '../records/crm.js';
import { empty, type DirectoryTable } from '../records/directory-table.js';
import { blocksOf, formulasAmong, type CellWrite } from '../records/sheet-writes.js';
import { a1, type Cell, type CellRange, type ExpectedCell, type Workbook } from '../workbook.js';
import { headerRow } from './headers.js';
import { applyLayouts } from './setup.js';
import { applyTypeOptions, checkLabelsFree, checkType, fieldFromSpec, keyFrom, labelsFrom, type FieldSpec } from './field-spec.js';
import { fold, requireDirectory, requireField } from './lookup.js';
import { LANGS, type DirectoryDef, type FieldDef, type FieldType, type Labels, type Lang } from './types.js';

export interface DirectorySpec {
  key?: string;
  label: string | Partial<Labels>;
  idPrefix?: string;
  /** The field that names a record (by key or label); defaults to the first text field, else the ID. */
  display?: string;
  fields: FieldSpec[];
}

/** One change at a time, each inside a transaction, each saving the schema once. */
async function change<T>(wb: Workbook, fn: (crm: Crm) => Promise<T>): Promise<T> {
  return wb.transaction(async () => {
    const crm = await Crm.open(wb);
    return fn(crm);
  });
}

function dataLoss(what: string, problems: ErrorData[]): never {
  const shown = problems.slice(0, 5).map((p) => `${p.cell} ${JSON.stringify(p.value)}`).join(', ');
  fail({
    code: 'E_DATA_LOSS',
    ...(problems[0]?.directory ? { directory: problems[0].directory } : {}),
    ...(problems[0]?.field ? { field: problems[0].field } : {}),
    ...(problems[0]?.sheet ? { sheet: problems[0].sheet } : {}),
    message:
      problems.length > 1
        ? say('{what}: {count} cells would be lost ({cells}). Fix them first; nothing was changed.', { what, count: problems.length, cells: `${shown}${problems.length > 5 ? ', …' : ''}` })
        : say('{what}: 1 cell would be lost ({cells}). Fix them first; nothing was changed.', { what, cells: shown }),
    problems,
  });
}

/** A cell that a change would lose; `says` words it after the cell's address and value. */
function cellProblem(table: DirectoryTable, f: FieldDef, row: number, value: Cell, says: (p: { cell: string; value: string }) => string, column?: number): ErrorData {
  const c = column ?? table.columns.get(f.key)!;
  return {
    code: 'E_DATA_LOSS',
    directory: table.dir.key,
    field: f.key,
    sheet: table.dir.sheet,
    row: row + 1,
    cell: a1(row, c),
    value,
    message: says({ cell: `${table.dir.sheet}!${a1(row, c)}`, value: JSON.stringify(value) }),
  };
}

export async function createDirectory(wb: Workbook, spec: DirectorySpec): Promise<DirectoryDef> {
  return change(wb, async (crm) => {
    const schema = crm.schema;
    const labels = labelsFrom(schema, spec.label, 'directory');
    for (const d of schema.directories) {
      const clash = [d.key, d.sheet, ...LANGS.map((l) => d.labels[l])].find((n) => LANGS.some((l) => fold(n) === fold(labels[l])));
      if (clash) fail({ code: 'E_SCHEMA', directory: d.key, value: clash, message: say('A directory named "{name}" already exists.', { name: clash }) });
    }
    const key = spec.key ?? keyFrom(labels.en, new Set(schema.directories.map((d) => d.key)), 'directory');
    if (!/^[a-z][a-z0-9_]*$/.test(key) || schema.directories.some((d) => d.key === key)) {
      fail({ code: 'E_SCHEMA', value: key, message: say('Directory key "{key}" is taken or not of the form lower_case.', { key }) });
    }
    const sheet = labels[schema.lang];
    if (sheet.length > 31 || /[[\]:*?/\\]/.test(sheet)) {
      fail({ code: 'E_SCHEMA', value: sheet, message: say('"{sheet}" cannot be a sheet name (at most 31 characters, none of [ ] : * ? / \\).', { sheet }) });
    }
    if ((await wb.sheets()).some((s) => fold(s.name) === fold(sheet))) {
      fail({ code: 'E_SCHEMA', sheet, message: say('This workbook already has a sheet named "{sheet}"; Carnet will not touch it. Choose another label.', { sheet }) });
    }
    if (!spec.fields.length) fail({ code: 'E_SCHEMA', message: say('Directory "{sheet}" needs at least one field.', { sheet }) });
    const dir: DirectoryDef = { key, labels, sheet, idPrefix: '', display: 'id', fields: [] };
    for (const f of spec.fields) dir.fields.push(fieldFromSpec(schema, dir, f));
    dir.idPrefix = (spec.idPrefix ?? prefixFor(key, schema.directories)).toUpperCase();
    if (!/^[A-Z][A-Z0-9]{0,5}$/.test(dir.idPrefix) || schema.directories.some((d) => d.idPrefix === dir.idPrefix)) {
      fail({ code: 'E_SCHEMA', value: dir.idPrefix, message: say('Id prefix "{prefix}" is taken or not 1–6 capital letters/digits.', { prefix: dir.idPrefix }) });
    }
    if (spec.display) {
      const f = requireField(schema, dir, spec.display);
      dir.display = f.key;
    } else {
      dir.display = dir.fields.find((f) => f.type === 'text')?.key ?? 'id';
    }
    const display = dir.fields.find((f) => f.key === dir.display);
    if (display) display.required = true;

    await wb.ensureSheet(sheet);
    await wb.write(sheet, 0, 0, [headerRow(schema, dir)]);
    schema.directories.push(dir);
    await crm.saveMeta();
    await applyLayouts(crm, [dir.key]);
    return dir;
  });
}

/**
 * The first column right of the header whose cells are all empty and that no merged cells touch
 * (a header placed inside a merge would be hidden, and its cells with it).
 */
export function freeColumn(table: DirectoryTable, merges: readonly CellRange[]): number {
  for (let c = table.width; ; c++) {
    if (table.grid.every((row) => empty(row[c])) && !merges.some((m) => c >= m.left && c <= m.right)) return c;
  }
}

function prefixFor(key: string, taken: DirectoryDef[]): string {
  const letters = key.replace(/[^a-z]/g, '').toUpperCase() || 'R';
  for (const n of [2, 3, 4]) {
    const p = letters.slice(0, n);
    if (p.length === n && !taken.some((d) => d.idPrefix === p)) return p;
  }
  for (let i = 1; ; i++) if (!taken.some((d) => d.idPrefix === `${letters[0]}${i}`)) return `${letters[0]}${i}`;
}

/**
 * Adds a field. Its header goes after the last header cell; if the sheet already has a column
 * with that header (the team's own "Birthday" column), that column is adopted instead, provided
 * every cell in it is valid for the type.
 */
export async function addField(wb: Workbook, directory: string, spec: FieldSpec): Promise<FieldDef> {
  return change(wb, async (crm) => {
    const dir = requireDirectory(crm.schema, directory);
    const field = fieldFromSpec(crm.schema, dir, spec);
    const table = await crm.table(dir.key);
    const merges = await crm.merges(dir.key);
    const names = new Set([field.key, ...LANGS.map((l) => field.labels[l])].map(fold));
    const adopted = table.foreign.find((h) => names.has(fold(h.header)));
    const column = adopted?.column ?? freeColumn(table, merges);

    const cells: Cell[] = [];
    const problems: ErrorData[] = [];
    for (let r = 1; r < Math.max(table.grid.length, 1); r++) {
      const raw = adopted ? (table.grid[r]?.[column] ?? null) : null;
      if (empty(raw)) {
        cells.push(null);
        continue;
      }
      const n = normalizeValue(field, raw, crm.schema);
      if (!n.ok) problems.push(cellProblem(table, field, r, raw, (p) => say('{cell}: {value} is {reason}.', { ...p, reason: n.reason }), column));
      cells.push(n.ok ? n.value : raw);
    }
    if (problems.length) dataLoss(say('Column "{header}" cannot become a {type} field', { header: adopted!.header, type: field.type }), problems);
    const unfilled = table.records.filter((rec) => empty(cells[rec.row - 1]));
    if (field.required && unfilled.length > 0) {
      if (field.default === undefined) {
        fail({
          code: 'E_SCHEMA',
          directory: dir.key,
          field: field.key,
          message:
            unfilled.length > 1
              ? say('"{field}" cannot be required: {count} existing records have no value. Give it a default, or add it and fill it in first.', { field: named(field.labels), count: unfilled.length })
              : say('"{field}" cannot be required: 1 existing record has no value. Give it a default, or add it and fill it in first.', { field: named(field.labels) }),
        });
      }
      const n = normalizeValue(field, field.default, crm.schema);
      for (const rec of unfilled) cells[rec.row - 1] = n.ok ? n.value : field.default;
    }
    const header = adopted ? adopted.header : field.labels[crm.schema.lang];
    // Only the header (when new) and the cells whose value changes are written: a column without a
    // header may still hold the team's notes, an adopted column the team's own formatting.
    const writes: CellWrite[] = adopted ? [] : [{ row: 0, column, value: header }];
    const expect: ExpectedCell[] = adopted ? [] : [{ row: 0, column, value: null }];
    const changing = cells.map((v, i) => ({ row: i + 1, column, v })).filter(({ v, row }) => !(v === (table.grid[row]?.[column] ?? null) || (v === null && empty(table.grid[row]?.[column] ?? null))));
    // A formula in an adopted column keeps computing its value: never replaced by it.
    const computed = await formulasAmong(crm, dir.sheet, changing);
    cells.forEach((v, i) => {
      const before = table.grid[i + 1]?.[column] ?? null;
      if (v === before || (v === null && empty(before)) || computed.has(`${i + 1}:${column}`)) return;
      writes.push({ row: i + 1, column, value: v });
      expect.push({ row: i + 1, column, value: before });
    });
    if (writes.length) await wb.writeBlocks(dir.sheet, blocksOf(writes), expect);
    dir.fields.push(field);
    await crm.saveMeta();
    crm.forget(dir.key);
    await applyLayouts(crm, [dir.key], { [dir.key]: [field.key] });
    return field;
  });
}

/** Renames a field's label in one language; in the workbook's language the header follows. */
export async function renameField(wb: Workbook, directory: string, field: string, label: string, lang?: Lang): Promise<FieldDef> {
  return change(wb, async (crm) => {
    const schema = crm.schema;
    const dir = requireDirectory(schema, directory);
    const f = requireField(schema, dir, field);
    const l = lang ?? schema.lang;
    const clean = label.trim().replace(/\s+/g, ' ');
    if (!clean) fail({ code: 'E_SCHEMA', field: f.key, message: say('A field label cannot be empty.') });
    const labels = { ...f.labels, [l]: clean };
    checkLabelsFree(schema, dir, labels, f.key);
    if (l === schema.lang) {
      const table = await crm.table(dir.key);
      const c = table.columns.get(f.key);
      if (c !== undefined) await wb.writeBlocks(dir.sheet, [{ row: 0, column: c, cells: [[clean]] }], [{ row: 0, column: c, value: table.grid[0]?.[c] ?? null }]);
    }
    f.labels = labels;
    await crm.saveMeta();
    return f;
  });
}

export async function hideField(wb: Workbook, directory: string, field: string, hidden: boolean): Promise<FieldDef> {
  return change(wb, async (crm) => {
    const dir = requireDirectory(crm.schema, directory);
    const f = requireField(crm.schema, dir, field);
    if (hidden && dir.display === f.key) {
      fail({ code: 'E_SCHEMA', directory: dir.key, field: f.key, message: say('"{field}" names the records of {directory}; it cannot be hidden.', { field: named(f.labels), directory: named(dir.labels) }) });
    }
    if (hidden) f.hidden = true;
    else delete f.hidden;
    await crm.saveMeta();
    return f;
  });
}

export interface RetypeSpec {
  type: FieldType;
  choices?: string[];
  ref?: string;
  currency?: string;
}

/**
 * Changes a field's type. Every non-empty cell is read as text in the old type and parsed in the
 * new one; if any fails, nothing changes and each failing cell is listed. Otherwise the column is
 * rewritten in the new stored form (one write) and the dropdowns follow.
 */
export async function retypeField(wb: Workbook, directory: string, field: string, spec: RetypeSpec): Promise<FieldDef> {
  return change(wb, async (crm) => {
    const schema = crm.schema;
    const dir = requireDirectory(schema, directory);
    const f = requireField(schema, dir, field);
    const next: FieldDef = { ...f, type: checkType(spec.type) };
    applyTypeOptions(schema, next, spec);
    const table = await crm.table(dir.key);
    const c = table.columns.get(f.key);
    const problems: ErrorData[] = [];
    const column: Cell[][] = [];
    const refTable = next.type === 'reference' ? await crm.table(next.ref!) : undefined;
    if (c !== undefined) {
      for (let r = 1; r < table.grid.length; r++) {
        const stored = table.grid[r]?.[c] ?? null;
        if (empty(stored)) {
          column.push([null]);
          continue;
        }
        const asText = typeof stored === 'string' ? stored : formatValue(f, stored, schema);
        const n = normalizeValue(next, typeof stored === 'string' ? stored : sameKind(f.type, next.type) ? stored : asText, schema);
        if (!n.ok) {
          problems.push(cellProblem(table, f, r, stored, (p) => say('{cell}: {value} is {reason}.', { ...p, reason: n.reason })));
          column.push([stored]);
          continue;
        }
        let value = n.value;
        if (refTable) {
          const found = refTable.findByDisplay(String(value));
          if (found.length === 0) {
            problems.push(cellProblem(table, f, r, stored, (p) => say('{cell}: {value} is not in {directory}.', { ...p, directory: named(refTable.dir.labels) })));
            column.push([stored]);
            continue;
          }
          value = refTable.displayOf(found[0]!);
        }
        column.push([value]);
      }
    }
    if (problems.length) dataLoss(say('"{field}" cannot become {type}', { field: named(f.labels), type: spec.type }), problems);
    if (dir.display === f.key || f.unique) {
      const dup = duplicates(table, f.key, column.map((x) => x[0] ?? null));
      if (dup.length) dataLoss(say('"{field}" must stay unique', { field: named(f.labels) }), dup);
    }
    if (c !== undefined) {
      // The cells whose stored form changes, and only those: a team's formula among them stays.
      const writes: CellWrite[] = [];
      const expect: ExpectedCell[] = [];
      const computed = await formulasAmong(crm, dir.sheet, column.map((_, i) => ({ row: i + 1, column: c })));
      column.forEach(([v], i) => {
        const before = table.grid[i + 1]?.[c] ?? null;
        if (v === before || (empty(v ?? null) && empty(before)) || computed.has(`${i + 1}:${c}`)) return;
        writes.push({ row: i + 1, column: c, value: v ?? null });
        expect.push({ row: i + 1, column: c, value: before });
      });
      if (writes.length) await wb.writeBlocks(dir.sheet, blocksOf(writes), expect);
    }
    Object.assign(f, next);
    if (!next.choices) delete f.choices;
    if (!next.ref) delete f.ref;
    if (!next.currency) delete f.currency;
    await crm.saveMeta();
    crm.forget(dir.key);
    await applyLayouts(crm, [dir.key], { [dir.key]: [f.key] });
    return f;
  });
}

/** Numbers stay numbers between numeric types (12.5 money → number), text goes through parsing. */
function sameKind(a: FieldType, b: FieldType): boolean {
  const numeric: FieldType[] = ['integer', 'number', 'money', 'percent'];
  const dates: FieldType[] = ['date', 'datetime'];
  return (numeric.includes(a) && numeric.includes(b)) || (dates.includes(a) && dates.includes(b));
}

function duplicates(table: DirectoryTable, key: string, values: Cell[]): ErrorData[] {
  const f = table.dir.fields.find((x) => x.key === key)!;
  const seen = new Map<string, number>();
  const out: ErrorData[] = [];
  values.forEach((v, i) => {
    if (empty(v)) return;
    const k = fold(String(v));
    const first = seen.get(k);
    if (first !== undefined) out.push(cellProblem(table, f, i + 1, v, (p) => say('{cell}: {value} repeats row {row}.', { ...p, row: first + 2 })));
    else seen.set(k, i);
  });
  return out;
}

export interface FieldSettings {
  required?: boolean;
  unique?: boolean;
  help?: string;
  default?: Cell;
  choices?: string[];
}

/**
 * Changes a field's rules. Making a field required or unique, or dropping a choice, is checked
 * against the data first: the offending cells are listed and nothing changes.
 */
export async function setFieldRules(wb: Workbook, directory: string, field: string, settings: FieldSettings): Promise<FieldDef> {
  return change(wb, async (crm) => {
    const schema = crm.schema;
    const dir = requireDirectory(schema, directory);
    const f = requireField(schema, dir, field);
    const table = await crm.table(dir.key);
    const c = table.columns.get(f.key);
    const values = table.grid.slice(1).map((row) => (c === undefined ? null : (row[c] ?? null)));
    if (settings.required) {
      const missing = table.records.filter((r) => empty(r.values[f.key])).map((r) => cellProblem(table, f, r.row, null, (p) => say('{cell}: {value} is empty.', p)));
      if (missing.length && c !== undefined) dataLoss(say('"{field}" cannot be required', { field: named(f.labels) }), missing);
    }
    if (settings.unique && c !== undefined) {
      const dup = duplicates(table, f.key, values);
      if (dup.length) dataLoss(say('"{field}" cannot be unique', { field: named(f.labels) }), dup);
    }
    if (settings.choices) {
      if (f.type !== 'choice') fail({ code: 'E_SCHEMA', field: f.key, message: say('"{field}" is not a choice field.', { field: named(f.labels) }) });
      const probe: FieldDef = { ...f };
      applyTypeOptions(schema, probe, { choices: settings.choices });
      const lost = table.records
        .filter((r) => !empty(r.values[f.key]) && !normalizeValue(probe, r.values[f.key]!, schema).ok)
        .map((r) => cellProblem(table, f, r.row, r.values[f.key]!, (p) => say('{cell}: {value} is no longer a choice.', p)));
      if (lost.length) dataLoss(say('Choices of "{field}"', { field: named(f.labels) }), lost);
      f.choices = probe.choices;
    }
    if (settings.required !== undefined) setFlag(f, 'required', settings.required);
    if (settings.unique !== undefined) setFlag(f, 'unique', settings.unique);
    if (settings.help !== undefined) f.help = { ...f.help, [schema.lang]: settings.help };
    if (settings.default !== undefined) {
      if (settings.default === null) delete f.default;
      else {
        const n = normalizeValue(f, settings.default, schema);
        const special = settings.default === 'today' || settings.default === 'now' || settings.default === '@me';
        if (!n.ok && !special) fail({ code: 'E_INVALID_VALUE', field: f.key, value: settings.default, message: say('Default "{value}" is {reason}.', { value: String(settings.default), reason: n.reason }) });
        f.default = special || !n.ok ? settings.default : n.value;
      }
    }
    await crm.saveMeta();
    if (settings.choices) await applyLayouts(crm, [dir.key], { [dir.key]: [f.key] });
    return f;
  });
}

function setFlag(f: FieldDef, flag: 'required' | 'unique', on: boolean): void {
  if (on) f[flag] = true;
  else delete f[flag];
}
