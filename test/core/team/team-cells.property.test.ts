/**
 * Issue 8's property, over every host: whatever sequence of record and schema commands runs on a
 * sheet the way teams keep it (their formulas prefilled down, notes columns between Carnet's,
 * formats and notes on their cells, a team formula in one of Carnet's reference cells), no cell
 * changes but the ones the command means — value, formula, number format or note.
 *
 * After each command every cell of every visible sheet is compared with a model (team-model.ts)
 * that computes the sheets from the command and the sheets as they were, never by asking core:
 * a create writes exactly its new row's Carnet cells, an update its changed fields' cells, a
 * rename also the reference cells naming the old key (never a formula showing it), a delete moves
 * the rows below up as a spreadsheet does, a field.add writes its header (and the defaults of a
 * required field), an adoption its ids and headers; a refusal changes nothing.
 */

import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch, type Outcome } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { CarnetError, toErrorData, type ErrorCode } from '../../../core/errors.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Cell, Formula, Workbook } from '../../../core/workbook.js';
import { HOSTS } from '../../contract/hosts/index.js';
import type { ContractHarness } from '../../contract/workbook-contract.js';
import { miniSchema } from '../../helpers/schemas.js';
import {
  blank,
  differences,
  displayOf,
  Expected,
  field,
  fold,
  nextFreeRow,
  nextId,
  recordsOf,
  type Book,
  type DirModel,
  type FieldModel,
  type RecordModel,
} from './team-model.js';

const today = serialFromParts(2026, 12, 1);
const now = today + 0.5;

/** Runs per host: the file host saves a real file per command, so it gets fewer. */
const RUNS: Record<string, number> = { 'in-memory': 30, 'xlsx file': 20, 'Apps Script': 30, 'Excel (Office.js)': 30 };

// -------------------------------------------------------------------------------------------
// The workbook the team keeps

/** The team's "Len" column: shows "" on rows without a name, prefilled well below the data. */
const lenOf = (column: string, row: number): Formula => ({ formula: `=IF(${column}${row + 1}="","",LEN(${column}${row + 1}))`, value: null });

/** Bolt's City is the team's own formula, showing "Lyon". */
const LYON: Formula = { formula: '="Ly"&"on"', value: 'Lyon' };

interface World {
  h: ContractHarness;
  wb: Workbook;
  dirs: Record<'cities' | 'companies' | 'sales' | 'suppliers', DirModel>;
  /** The acting user's id, as Carnet stores it in an Owner cell. */
  user: string;
  /** Whether `cellAt` shows the number formats of Carnet's layout (every host but the in-memory one). */
  layoutShows: boolean;
  /** The compared rectangle of each sheet. */
  regions: Map<string, { rows: number; columns: number }>;
  book: Book;
}

const f = (key: string, label: string, type: FieldModel['type'], column: number, more: Partial<FieldModel> = {}): FieldModel => ({ key, label, type, column, ...more });

/**
 * Cities (seeded), then the team's "Clients" sheet adopted for companies (so that the team's
 * Notes and Len columns sit between Carnet's), a Tags column beside, Bolt's City a formula; Sales
 * with a Comment and a Chars formula column beside; Suppliers, a directory of the team's own, and
 * "Vendors", the sheet they keep for it, waiting to be adopted.
 */
async function build(h: ContractHarness): Promise<World> {
  const wb = h.wb;
  const defaults = { today, now, user: 'setup@example.com' };
  const ok = async (name: string, input: unknown) => {
    const out = await run(wb, name, input);
    if (!out.ok) throw new Error(`set-up ${name}: ${JSON.stringify(out.error)}`);
    return out.result;
  };
  await setupCrm(wb, miniSchema(), { cities: ['Paris', 'Lyon', 'Nice', 'Lille'].map((name) => ({ name })) }, defaults);
  await wb.transaction(async () => {
    await wb.ensureSheet('Clients');
    await wb.write('Clients', 0, 0, [
      ['Name', 'Notes', 'City', 'Len', 'Email'],
      ['Acme', 'big one', 'Paris', lenOf('A', 1), null],
      ['Bolt', null, 'Lyon', lenOf('A', 2), 'hello@bolt.example'],
      ['Cora', 'Paris', 'Paris', lenOf('A', 3), null],
      ...[4, 5, 6, 7, 8, 9, 10].map((r) => [null, null, null, lenOf('A', r), null]),
    ]);
  });
  await ok('directory.adopt', { sheet: 'Clients', directory: 'companies', addIds: true, addColumns: true, mapping: { name: 'Name', city: 'City', email: 'Email' } });
  // Adopted: ID in F, then Phone, Tax ID, Discount, Created, Owner. The team then adds Tags in L.
  await wb.transaction(async () => {
    await wb.write('Clients', 0, 11, [['Tags'], ['vip'], [null], ['lead']]);
    await wb.write('Clients', 2, 2, [[LYON]]);
  });
  await ok('record.create', { directory: 'sales', values: { date: today - 10, company: 'Acme', amount: 120 } });
  await ok('record.create', { directory: 'sales', values: { date: today - 3, company: 'Cora', amount: 80 } });
  await wb.transaction(() => wb.write('Sales', 0, 4, [['Comment', 'Chars'], ['paid', lenOf('C', 1)], ...[2, 3, 4, 5, 6].map((r) => [null, lenOf('C', r)])]));
  await ok('directory.create', {
    label: 'Suppliers',
    idPrefix: 'SU',
    fields: [
      { label: 'Name', type: 'text' },
      { label: 'Email', type: 'email' },
      { label: 'Phone', type: 'phone' },
    ],
  });
  await wb.transaction(async () => {
    await wb.ensureSheet('Vendors');
    await wb.write('Vendors', 0, 0, [
      ['Vendor', 'Email', 'Remarks', 'Chars'],
      ['Gamma', 'gamma@vendor.example', 'slow', lenOf('A', 1)],
      ['Delta', null, null, lenOf('A', 2)],
      // Row 6 holds only the team's remark: not a record, but new records go below it.
      ...[3, 4, 5, 6, 7, 8].map((r) => [null, null, r === 5 ? 'check invoices' : null, lenOf('A', r)]),
    ]);
  });
  // The team's formats and notes, made in the spreadsheet program, on their cells and on Carnet's.
  await h.touch!('Clients', 1, 1, { numberFormat: '0.0', note: 'big client' });
  await h.touch!('Clients', 2, 3, { numberFormat: '0' });
  await h.touch!('Clients', 1, 4, { note: 'ask Ada' });
  await h.touch!('Clients', 1, 8, { numberFormat: '0.0%' });
  await h.touch!('Clients', 3, 11, { note: 'from the fair' });
  await h.touch!('Sales', 2, 5, { numberFormat: '0.00', note: 'chars' });
  await h.touch!('Vendors', 1, 2, { numberFormat: '0.0', note: 'late' });
  await h.touch!('Cities', 1, 1, { note: 'capital' });

  const user = (await wb.user()).id;
  const dirs: World['dirs'] = {
    cities: { key: 'cities', sheet: 'Cities', prefix: 'CI', display: 'name', idColumn: 0, counter: 4, fields: [f('name', 'Name', 'text', 1, { required: true })] },
    companies: {
      key: 'companies',
      sheet: 'Clients',
      prefix: 'CO',
      display: 'name',
      idColumn: 5,
      counter: 3,
      fields: [
        f('name', 'Name', 'text', 0, { required: true }),
        f('city', 'City', 'reference', 2, { ref: 'cities' }),
        f('email', 'Email', 'email', 4),
        f('phone', 'Phone', 'phone', 6),
        f('tax_id', 'Tax ID', 'text', 7, { unique: true }),
        f('discount', 'Discount', 'percent', 8),
        f('created', 'Created', 'date', 9, { default: 'today' }),
        f('owner', 'Owner', 'user', 10, { default: '@me' }),
      ],
    },
    sales: {
      key: 'sales',
      sheet: 'Sales',
      prefix: 'SA',
      display: 'id',
      idColumn: 0,
      counter: 2,
      fields: [f('date', 'Date', 'date', 1, { required: true }), f('company', 'Company', 'reference', 2, { required: true, ref: 'companies' }), f('amount', 'Amount', 'money', 3)],
    },
    suppliers: {
      key: 'suppliers',
      sheet: 'Suppliers',
      prefix: 'SU',
      display: 'name',
      idColumn: 0,
      counter: 0,
      fields: [f('name', 'Name', 'text', 1, { required: true }), f('email', 'Email', 'email', 2), f('phone', 'Phone', 'phone', 3)],
    },
  };
  const world: World = { h, wb, dirs, user: user.includes('@') ? user.toLowerCase() : user, layoutShows: false, regions: new Map(), book: new Map() };
  world.book = await snapshot(world);
  for (const [name, s] of world.book) world.regions.set(name, { rows: s.cells.length, columns: s.cells[0]!.length });
  world.layoutShows = world.book.get('Clients')!.cells[1]![9]!.numberFormat === 'yyyy-mm-dd';
  return world;
}

/** One command in one transaction, as the CLI and the servers run them: a refusal rolls back. */
async function run(wb: Workbook, name: string, input: unknown): Promise<Outcome> {
  const ctx: Context = { wb, now: () => now };
  try {
    return await wb.transaction(async () => {
      const out = await dispatch(ctx, name, input);
      if (!out.ok) throw new CarnetError(out.error);
      return out;
    });
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

/** Every visible sheet, cell by cell, as a later command (or a reopened file) sees it. */
async function snapshot(world: World): Promise<Book> {
  const w = world.h.reopen ? await world.h.reopen() : world.wb;
  const book: Book = new Map();
  for (const info of await w.sheets()) {
    if (info.visibility !== 'visible' || info.name.startsWith('_')) continue;
    const grid = await w.read(info.name);
    const usedRows = grid.length;
    const usedColumns = grid[0]?.length ?? 0;
    const region = world.regions.get(info.name) ?? { rows: usedRows + 12, columns: usedColumns + 6 };
    const rows = Math.max(region.rows, usedRows);
    const columns = Math.max(region.columns, usedColumns);
    const cells = [];
    for (let r = 0; r < rows; r++) {
      const line = [];
      for (let c = 0; c < columns; c++) line.push({ value: grid[r]?.[c] ?? null, ...(await world.h.cellAt!(w, info.name, r, c)) });
      cells.push(line);
    }
    book.set(info.name, { name: info.name, usedRows, usedColumns, cells });
  }
  return book;
}

// -------------------------------------------------------------------------------------------
// Operations: abstract picks, resolved against the sheets as they are when the operation runs

const COMPANY_NAMES = ['Acme', 'Bolt', 'Cora', 'Dyna', 'Echo', 'Fjord', 'acme ', 'BOLT'];
const CITY_NAMES = ['Paname', 'Lutece', 'Marseille', 'NICE', 'lyon', 'Paris'];
const SUPPLIER_NAMES = ['Gamma', 'Kappa', 'Sigma', 'delta'];
const FIELD_LABELS = ['Website', 'Tier', 'Score', 'Region'];
const PHONE = '+33612345678';

type DirKey = keyof World['dirs'];
type Op =
  | { kind: 'createCompany'; name: number; city: number; email: boolean; lower: boolean }
  | { kind: 'createSale'; company: number; days: number; amount: number }
  | { kind: 'createCity'; name: number }
  | { kind: 'createSupplier'; name: number; phone: boolean }
  | { kind: 'updateCompany'; target: number; change: 'email' | 'badEmail' | 'city' | 'clearCity' | 'rename' | 'clearName' | 'phone'; pick: number; byName: boolean }
  | { kind: 'renameCity'; target: number; pick: number }
  | { kind: 'delete'; dir: DirKey; target: number }
  | { kind: 'addField'; dir: 'companies' | 'sales' | 'suppliers'; label: number; type: 'text' | 'integer' | 'boolean'; required: boolean; withDefault: boolean }
  | { kind: 'adopt'; sheet: 'Vendors' | 'Clients' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('createCompany' as const), name: fc.nat(20), city: fc.nat(20), email: fc.boolean(), lower: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createSale' as const), company: fc.nat(20), days: fc.nat(30), amount: fc.integer({ min: 1, max: 999 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('createCity' as const), name: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('createSupplier' as const), name: fc.nat(20), phone: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('updateCompany' as const),
      target: fc.nat(20),
      change: fc.constantFrom('email' as const, 'badEmail' as const, 'city' as const, 'clearCity' as const, 'rename' as const, 'rename' as const, 'clearName' as const, 'phone' as const),
      pick: fc.nat(20),
      byName: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('renameCity' as const), target: fc.nat(20), pick: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), dir: fc.constantFrom<DirKey>('companies', 'cities', 'sales', 'suppliers'), target: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('addField' as const),
      dir: fc.constantFrom('companies' as const, 'sales' as const, 'suppliers' as const),
      label: fc.nat(3),
      type: fc.constantFrom('text' as const, 'integer' as const, 'boolean' as const),
      required: fc.boolean(),
      withDefault: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adopt' as const), sheet: fc.constantFrom('Vendors' as const, 'Vendors' as const, 'Clients' as const) }) },
);

/** What one operation is, resolved: the command, and what it must do to the sheets. */
interface Step {
  /** The command as run, for the failure report. */
  text: string;
  name: string;
  input: unknown;
  /** The refusal the model expects, or undefined when the command must succeed. */
  refusal?: ErrorCode;
  expected: Expected;
  /** Updates the model's directories once the command succeeded. */
  commit?: () => void;
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

/** Carnet's number format for a field type: the layout it puts on its own columns. */
function formatOf(type: FieldModel['type']): string | undefined {
  if (type === 'integer') return '0';
  if (type === 'boolean') return undefined;
  if (type === 'date') return 'yyyy-mm-dd';
  if (type === 'percent') return '0.##%';
  if (type === 'money') return '#,##0.00';
  return '@';
}

/**
 * The first problem a record's values have, in the order Carnet checks them (values, required,
 * references, unique); a reference found is put in its record's spelling, as Carnet stores it.
 */
function problemOf(world: World, book: Book, dir: DirModel, values: Record<string, Cell>, given: Set<string>, self?: RecordModel): ErrorCode | undefined {
  for (const k of given) {
    const v = values[k];
    if (field(dir, k).type === 'email' && !blank(v) && !/^[^@\s]+@[^@\s]+\.[a-z]+$/.test(String(v))) return 'E_INVALID_VALUE';
  }
  for (const fm of dir.fields) if (fm.required && blank(values[fm.key])) return 'E_REQUIRED';
  for (const k of given) {
    const fm = field(dir, k);
    if (fm.type !== 'reference' || blank(values[k])) continue;
    const target = world.dirs[fm.ref as DirKey];
    const found = recordsOf(book, target).find((r) => fold(displayOf(target, r)) === fold(String(values[k])));
    if (!found) return 'E_REFERENCE';
    values[k] = displayOf(target, found);
  }
  for (const fm of dir.fields) {
    if (!(fm.unique || dir.display === fm.key) || blank(values[fm.key]) || (self && !given.has(fm.key))) continue;
    const clash = recordsOf(book, dir).find((r) => r.row !== self?.row && !blank(r.values[fm.key]) && fold(String(r.values[fm.key])) === fold(String(values[fm.key])));
    if (clash) return 'E_UNIQUE';
  }
  return undefined;
}

function defaultValue(world: World, fm: FieldModel): Cell | undefined {
  if (fm.default === undefined) return undefined;
  if (fm.default === 'today') return today;
  if (fm.default === '@me') return world.user;
  return fm.default;
}

/** record.create: the new row's ID and its non-empty Carnet cells, nothing else. */
function createStep(world: World, book: Book, dir: DirModel, input: Record<string, Cell>): Step {
  const expected = new Expected(book, world.wb.capabilities.formulas, world.layoutShows);
  const values: Record<string, Cell> = {};
  for (const fm of dir.fields) values[fm.key] = null;
  for (const [k, v] of Object.entries(input)) values[k] = typeof v === 'string' ? v.trim() : v;
  for (const fm of dir.fields) {
    const d = defaultValue(world, fm);
    if (d !== undefined && blank(values[fm.key])) values[fm.key] = d;
  }
  const refusal = problemOf(world, book, dir, values, new Set(Object.keys(input)));
  const text = `record.create ${dir.key} ${JSON.stringify(input)}`;
  if (refusal) return { text, name: 'record.create', input: { directory: dir.key, values: input }, refusal, expected };
  const row = nextFreeRow(book, dir.sheet);
  const { id, n } = nextId(book, dir);
  expected.write(dir.sheet, row, dir.idColumn, id);
  for (const fm of dir.fields) if (!blank(values[fm.key])) expected.write(dir.sheet, row, fm.column, values[fm.key]!);
  return {
    text: `${text} → ${id} in row ${row + 1}`,
    name: 'record.create',
    input: { directory: dir.key, values: input },
    expected,
    commit: () => {
      dir.counter = n;
    },
  };
}

/** The reference cells a rename rewrites: the ones holding the old key as typed, never a formula showing it. */
function cascade(world: World, book: Book, expected: Expected, target: DirModel, from: string, to: string): number {
  let count = 0;
  for (const dir of Object.values(world.dirs)) {
    for (const fm of dir.fields) {
      if (fm.type !== 'reference' || fm.ref !== target.key) continue;
      for (const r of recordsOf(book, dir)) {
        const v = r.values[fm.key];
        if (r.formulas.has(fm.key) || blank(v) || fold(String(v)) !== fold(from)) continue;
        expected.write(dir.sheet, r.row, fm.column, to);
        count++;
      }
    }
  }
  return count;
}

/** record.update: the given fields' cells of the record's row, then the cascade of a new key. */
function updateStep(world: World, book: Book, dir: DirModel, target: RecordModel | undefined, ref: string, input: Record<string, Cell>): Step {
  const expected = new Expected(book, world.wb.capabilities.formulas, world.layoutShows);
  const cmd = { directory: dir.key, id: ref, values: input };
  const text = `record.update ${dir.key} ${ref} ${JSON.stringify(input)}`;
  if (!target) return { text, name: 'record.update', input: cmd, refusal: 'E_NOT_FOUND', expected };
  const values: Record<string, Cell> = { ...target.values };
  for (const [k, v] of Object.entries(input)) values[k] = typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v;
  const refusal = problemOf(world, book, dir, values, new Set(Object.keys(input)), target);
  if (refusal) return { text, name: 'record.update', input: cmd, refusal, expected };
  for (const k of Object.keys(input)) expected.write(dir.sheet, target.row, field(dir, k).column, values[k] ?? null);
  let cascaded = 0;
  if (dir.display !== 'id') {
    const before = target.values[dir.display];
    const after = values[dir.display];
    if (!blank(before) && !blank(after) && String(before) !== String(after)) cascaded = cascade(world, book, expected, dir, String(before), String(after));
  }
  return { text: `${text} (row ${target.row + 1}${cascaded ? `, ${cascaded} reference cell(s)` : ''})`, name: 'record.update', input: cmd, expected };
}

function deleteStep(world: World, book: Book, dir: DirModel, n: number): Step {
  const expected = new Expected(book, world.wb.capabilities.formulas, world.layoutShows);
  const records = recordsOf(book, dir);
  if (records.length === 0) {
    const id = `${dir.prefix}-999999`;
    return { text: `record.delete ${dir.key} ${id}`, name: 'record.delete', input: { directory: dir.key, id }, refusal: 'E_NOT_FOUND', expected };
  }
  const target = pick(records, n);
  const cmd = { directory: dir.key, id: target.id };
  const text = `record.delete ${dir.key} ${target.id} (row ${target.row + 1})`;
  const name = displayOf(dir, target);
  // Referenced by any cell showing its key, a formula's included: deleting would leave it dangling.
  const used = Object.values(world.dirs).some((d) =>
    d.fields.some((fm) => fm.type === 'reference' && fm.ref === dir.key && recordsOf(book, d).some((r) => !blank(r.values[fm.key]) && fold(String(r.values[fm.key])) === fold(name))),
  );
  if (used && name !== '') return { text, name: 'record.delete', input: cmd, refusal: 'E_IN_USE', expected };
  expected.deleteRow(dir.sheet, target.row);
  return { text, name: 'record.delete', input: cmd, expected };
}

function addFieldStep(world: World, book: Book, op: Extract<Op, { kind: 'addField' }>): Step {
  const expected = new Expected(book, world.wb.capabilities.formulas, world.layoutShows);
  const dir = world.dirs[op.dir];
  const label = pick(FIELD_LABELS, op.label);
  const key = label.toLowerCase();
  const def = op.withDefault && op.type !== 'boolean' ? (op.type === 'integer' ? 3 : 'B') : undefined;
  const spec = { label, type: op.type, ...(op.required ? { required: true } : {}), ...(def !== undefined ? { default: def } : {}) };
  const cmd = { directory: dir.key, field: spec };
  const text = `field.add ${dir.key} ${JSON.stringify(spec)}`;
  const records = recordsOf(book, dir);
  if (dir.fields.some((x) => x.key === key || fold(x.label) === fold(label))) return { text, name: 'field.add', input: cmd, refusal: 'E_SCHEMA', expected };
  if (op.required && def === undefined && records.length > 0) return { text, name: 'field.add', input: cmd, refusal: 'E_SCHEMA', expected };
  const sheet = book.get(dir.sheet)!;
  const column = sheet.usedColumns;
  expected.write(dir.sheet, 0, column, label);
  if (op.required) for (const r of records) expected.write(dir.sheet, r.row, column, def!);
  expected.columnFormat(dir.sheet, column, formatOf(op.type));
  return {
    text: `${text} → column ${column + 1}`,
    name: 'field.add',
    input: cmd,
    expected,
    commit: () => {
      dir.fields.push(f(key, label, op.type, column, { ...(op.required ? { required: true } : {}), ...(def !== undefined ? { default: def } : {}) }));
    },
  };
}

/** directory.adopt of Vendors for Suppliers: the ID column and the missing fields' headers right of the team's columns. */
function adoptStep(world: World, book: Book, sheet: 'Vendors' | 'Clients'): Step {
  const expected = new Expected(book, world.wb.capabilities.formulas, world.layoutShows);
  const dir = world.dirs.suppliers;
  const cmd = { sheet, directory: 'suppliers', addIds: true, addColumns: true, mapping: { name: sheet === 'Vendors' ? 'Vendor' : 'Name', email: 'Email' } };
  const text = `directory.adopt ${JSON.stringify(cmd)}`;
  // Clients holds Companies; Vendors, once adopted, holds Suppliers; the previous sheet must be empty.
  if (sheet === 'Clients' || dir.sheet === 'Vendors' || recordsOf(book, dir).length > 0) return { text, name: 'directory.adopt', input: cmd, refusal: 'E_SCHEMA', expected };
  const vendors = book.get('Vendors')!;
  const rows = vendors.cells.map((line, r) => ({ line, r })).filter(({ line, r }) => r > 0 && (!blank(line[0]!.value) || !blank(line[1]!.value)));
  const unmapped = dir.fields.filter((x) => x.key !== 'name' && x.key !== 'email');
  if (rows.length > 0 && unmapped.some((x) => x.required)) return { text, name: 'directory.adopt', input: cmd, refusal: 'E_REQUIRED', expected };
  const idColumn = vendors.usedColumns;
  expected.write('Vendors', 0, idColumn, 'ID');
  rows.forEach(({ r }, i) => expected.write('Vendors', r, idColumn, `SU-${String(dir.counter + 1 + i).padStart(6, '0')}`));
  unmapped.forEach((x, i) => expected.write('Vendors', 0, idColumn + 1 + i, x.label));
  expected.columnFormat('Vendors', idColumn, '@');
  expected.columnFormat('Vendors', 0, formatOf('text'));
  expected.columnFormat('Vendors', 1, formatOf('email'));
  unmapped.forEach((x, i) => expected.columnFormat('Vendors', idColumn + 1 + i, formatOf(x.type)));
  return {
    text: `${text} → ids in column ${idColumn + 1} for rows ${rows.map(({ r }) => r + 1).join(', ')}`,
    name: 'directory.adopt',
    input: cmd,
    expected,
    commit: () => {
      dir.sheet = 'Vendors';
      dir.idColumn = idColumn;
      field(dir, 'name').column = 0;
      field(dir, 'email').column = 1;
      unmapped.forEach((x, i) => (x.column = idColumn + 1 + i));
      dir.counter += rows.length;
    },
  };
}

function stepOf(world: World, op: Op): Step {
  const book = world.book;
  const { cities, companies, sales, suppliers } = world.dirs;
  const cityNames = recordsOf(book, cities).map((r) => displayOf(cities, r));
  const companyRecords = recordsOf(book, companies);
  switch (op.kind) {
    case 'createCompany': {
      const city = pick([...cityNames, 'Atlantis', ''], op.city);
      const name = pick(COMPANY_NAMES, op.name);
      const values: Record<string, Cell> = { name };
      if (city !== '') values.city = op.lower ? city.toLowerCase() : city;
      if (op.email) values.email = `${fold(name)}@mail.example`;
      return createStep(world, book, companies, values);
    }
    case 'createSale': {
      const company = pick([...companyRecords.map((r) => displayOf(companies, r)), 'Nobody'], op.company);
      return createStep(world, book, sales, { date: today - op.days, company, amount: op.amount });
    }
    case 'createCity':
      return createStep(world, book, cities, { name: pick(['Nantes', 'Paname', 'lyon', 'Brest'], op.name) });
    case 'createSupplier': {
      const values: Record<string, Cell> = { name: pick(SUPPLIER_NAMES, op.name) };
      if (op.phone) values.phone = PHONE;
      return createStep(world, book, suppliers, values);
    }
    case 'updateCompany': {
      const target = companyRecords.length ? pick(companyRecords, op.target) : undefined;
      const ref = target ? (op.byName ? displayOf(companies, target) : target.id) : 'CO-999999';
      const city = pick([...cityNames, 'Atlantis'], op.pick);
      const input: Record<string, Cell> =
        op.change === 'email'
          ? { email: `team${op.pick}@mail.example` }
          : op.change === 'badEmail'
            ? { email: 'not an email' }
            : op.change === 'city'
              ? { city: op.byName ? city.toLowerCase() : city }
              : op.change === 'clearCity'
                ? { city: '' }
                : op.change === 'rename'
                  ? { name: pick(COMPANY_NAMES, op.pick) }
                  : op.change === 'clearName'
                    ? { name: '' }
                    : { phone: PHONE };
      return updateStep(world, book, companies, target, ref, input);
    }
    case 'renameCity': {
      const records = recordsOf(book, cities);
      const target = records.length ? pick(records, op.target) : undefined;
      return updateStep(world, book, cities, target, target?.id ?? 'CI-999999', { name: pick(CITY_NAMES, op.pick) });
    }
    case 'delete':
      return deleteStep(world, book, world.dirs[op.dir], op.target);
    case 'addField':
      return addFieldStep(world, book, op);
    case 'adopt':
      return adoptStep(world, book, op.sheet);
  }
}

function report(done: string[], step: Step, lines: string[]): string {
  return [
    'Sequence (after the set-up):',
    ...done.map((t, i) => `  ${i + 1}. ${t}`),
    `  ${done.length + 1}. ${step.text}   <-- here`,
    ...lines.map((l) => `    ${l}`),
  ].join('\n');
}

for (const host of HOSTS) {
  describe(`The team's cells over the ${host.name}`, () => {
    it('change only where a command means to write, whatever the sequence of commands', { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 8 }), async (ops) => {
          const h = await host.make();
          try {
            const world = await build(h);
            const done: string[] = [];
            for (const op of ops) {
              const step = stepOf(world, op);
              const out = await run(world.wb, step.name, step.input);
              if (step.refusal) {
                if (out.ok || out.error.code !== step.refusal) {
                  throw new Error(report(done, step, [`expected the refusal ${step.refusal}, got ${JSON.stringify(out.ok ? 'success' : out.error)}`]));
                }
              } else if (!out.ok) {
                throw new Error(report(done, step, [`expected success, got ${JSON.stringify(out.error)}`]));
              }
              const after = await snapshot(world);
              const diff = differences(step.expected, after, world.wb.capabilities.formulas);
              if (diff.length) {
                throw new Error(report(done, step, diff.slice(0, 12).map((d) => `${d.cell} ${d.what}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`)));
              }
              step.commit?.();
              world.book = after;
              done.push(step.refusal ? `${step.text} (refused ${step.refusal})` : step.text);
            }
          } finally {
            await h.cleanup?.();
          }
        }),
        { numRuns: RUNS[host.name] ?? 20 },
      );
    });
  });
}
