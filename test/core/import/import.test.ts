import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { ok, refused } from '../../helpers/commands.js';

const TODAY = serialFromParts(2026, 12, 1);
const USER = 'anna@example.com';

async function fresh(lang: 'en' | 'ru' = 'en'): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: USER, name: 'Anna' });
  await setupCrm(wb, defaultCrmSchema(lang), defaultSeedRows(lang), { today: TODAY, now: TODAY + 0.5, user: USER });
  return { wb, ctx: { wb, now: () => TODAY + 0.5 } };
}

const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';

/** Every sheet's cells, to compare a workbook before and after. */
function snapshot(wb: MemoryWorkbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name } of wb.sheetList) {
    if (name === '_carnet' || name === '_carnet_imports' || name === 'Audit') continue;
    // An empty cell is null whether or not it was ever written: trailing empties are left out.
    const trim = (r: (string | number | boolean | null)[]) => {
      let n = r.length;
      while (n > 0 && (r[n - 1] === null || r[n - 1] === '')) n--;
      return r.slice(0, n);
    };
    out[name] = wb.sheet(name)!.cells.map((r) => trim(Array.from(r ?? [], (c) => c ?? null))).filter((r) => r.length > 0);
  }
  return out;
}

const CONTACTS = tsv([
  ['Full name', 'E-mail 1 - Value', 'Organization Name', 'Mobile phone', 'Birthday'],
  ['Anna Petrova', 'Anna@Acme.example', 'Acme', '8 (989) 877-55-44', '31.01.1990'],
  ['Bob Martin', 'bob@', 'Acme', '+33 6 12 34 56 78', '02.03.1985'],
  ['Anna Petrova', 'anna@acme.example', 'Acme', '', ''],
  ['Chloé Durand', 'chloe@bolt.example', 'Bolt', '+33 6 12 34 56 79', '15.07.1992'],
]);

describe('import.plan', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;
  beforeEach(async () => ({ wb, ctx } = await fresh()));

  it('suggests the mapping from headers, and gives every row its outcome and reason; nothing is written', async () => {
    const before = snapshot(wb);
    const calls = { ...wb.calls };
    const plan = await ok(ctx, 'import.plan', { directory: 'contacts', source: { kind: 'text', text: CONTACTS, name: 'google.csv' }, match: ['email'], country: 'RU', createMissing: ['company'] });
    expect(plan.mapping).toEqual([
      { column: 0, field: 'name', split: 'first-last' },
      { column: 1, field: 'email' },
      { column: 2, field: 'company' },
      { column: 3, field: 'mobile' },
      { column: 4, field: 'birthday' },
    ]);
    expect(plan.columns[4].dates).toEqual({ order: 'dmy', ambiguous: false, note: 'day first ("31.01.1990")' });
    expect(plan.counts).toEqual({ create: 2, update: 0, unchanged: 0, skip: 1, reject: 1 });
    const [anna, bob, dup, chloe] = plan.rows;
    expect(anna).toEqual({
      row: 2,
      outcome: 'create',
      values: { name: 'Anna Petrova', first_name: 'Anna', last_name: 'Petrova', email: 'anna@acme.example', company: 'Acme', mobile: '+79898775544', birthday: serialFromParts(1990, 1, 31) },
    });
    expect(bob).toMatchObject({ row: 3, outcome: 'reject', reason: 'Email: "bob@" is not an email address' });
    expect(dup).toMatchObject({ row: 4, outcome: 'skip', reason: 'duplicate of row 2 of the file (same Email)' });
    expect(chloe).toMatchObject({ row: 5, outcome: 'create' });
    expect(plan.links).toEqual([{ field: 'company', directory: 'companies', create: ['Acme', 'Bolt'] }]);
    expect(snapshot(wb)).toEqual(before);
    expect(wb.calls.write ?? 0).toBe(calls.write ?? 0);
    expect(wb.calls.writeBlocks ?? 0).toBe(calls.writeBlocks ?? 0);
  });

  it('rejects a row whose company does not exist, unless missing companies are created', async () => {
    const plan = await ok(ctx, 'import.plan', { directory: 'contacts', source: { kind: 'text', text: CONTACTS }, country: 'RU' });
    expect(plan.rows[0]).toMatchObject({ row: 2, outcome: 'reject', reason: 'Company: there is no "Acme" in Companies (choose to create missing Companies to add it)' });
  });

  it('reads dates in the file\'s order, and says when the file cannot tell', async () => {
    const us = tsv([['Name', 'Created'], ['Acme', '01/31/2025'], ['Bolt', '02/03/2025']]);
    const plan = await ok(ctx, 'import.plan', { directory: 'companies', source: { kind: 'text', text: us } });
    expect(plan.columns[1].dates).toEqual({ order: 'mdy', ambiguous: false, note: 'month first ("01/31/2025")' });
    expect(plan.rows.map((r: any) => r.values.created)).toEqual([serialFromParts(2025, 1, 31), serialFromParts(2025, 2, 3)]);
    const unclear = tsv([['Name', 'Created'], ['Acme', '01/02/2025']]);
    const p2 = await ok(ctx, 'import.plan', { directory: 'companies', source: { kind: 'text', text: unclear } });
    expect(p2.columns[1].dates).toEqual({ order: 'mdy', ambiguous: true, note: "no day above 12, so the order cannot be told from the file; read as month first, the workbook's order" });
    expect(p2.warnings).toEqual([`Column "Created": no day above 12, so the order cannot be told from the file; read as month first, the workbook's order.`]);
    const forced = await ok(ctx, 'import.plan', { directory: 'companies', source: { kind: 'text', text: unclear }, mapping: [{ column: 0, field: 'name' }, { column: 1, field: 'created', dateOrder: 'dmy' }] });
    expect(forced.rows[0].values.created).toBe(serialFromParts(2025, 2, 1));
  });

  it('refuses a mapping to a field that does not exist, naming the column', async () => {
    const error = await refused(ctx, 'import.plan', { directory: 'companies', source: { kind: 'text', text: tsv([['Name', 'Town'], ['Acme', 'Lyon']]) }, mapping: [{ column: 0, field: 'name' }, { column: 1, field: 'ctiy' }] });
    expect(error).toEqual({
      code: 'E_UNKNOWN_FIELD',
      field: 'mapping[1].field',
      value: 'ctiy',
      directory: 'companies',
      message: 'Column "Town": Companies has no field "ctiy" (fields: Name, City, Industry, Segment, Lead source, Address, Phone, Email, Website, Tax ID, Individual discount, Owner, Date created, Comments).',
    });
  });
});

describe('import.apply and import.undo', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;
  beforeEach(async () => ({ wb, ctx } = await fresh()));

  const request = { directory: 'contacts', source: { kind: 'text', text: CONTACTS, name: 'google.csv' }, match: ['email'], country: 'RU', createMissing: ['company'] };

  it('imports the good rows with the companies they need, reports the others, and the same file again changes nothing', async () => {
    const result = await ok(ctx, 'import.apply', request);
    expect(result).toMatchObject({ batch: 'IM-000001', counts: { create: 2, update: 0, unchanged: 0, skip: 1, reject: 1 }, created: { companies: 2, contacts: 2 }, updated: {}, complete: true, appliedRows: 4, totalRows: 4 });
    expect(result.rows.map((r: any) => [r.row, r.outcome])).toEqual([[3, 'reject'], [4, 'skip']]);
    const contacts = await ok(ctx, 'record.list', { directory: 'contacts' });
    expect(contacts.records.map((r: any) => [r.id, r.values.name, r.values.company, r.values.mobile])).toEqual([
      ['CT-000001', 'Anna Petrova', 'Acme', '+79898775544'],
      ['CT-000002', 'Chloé Durand', 'Bolt', '+33612345679'],
    ]);
    const before = snapshot(wb);
    const again = await ok(ctx, 'import.apply', request);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 2, skip: 1, reject: 1 });
    expect(snapshot(wb)).toEqual(before);
  });

  it('undo after an upsert restores the workbook exactly', async () => {
    await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', phone: '+33612345678' } });
    await ok(ctx, 'record.create', { directory: 'contacts', values: { name: 'Anna Petrova', email: 'anna@acme.example', company: 'Acme', mobile: '+79000000000' } });
    const before = snapshot(wb);
    const result = await ok(ctx, 'import.apply', request);
    expect(result.counts).toEqual({ create: 1, update: 1, unchanged: 0, skip: 1, reject: 1 });
    expect(snapshot(wb)).not.toEqual(before);
    const undo = await ok(ctx, 'import.undo', { batch: result.batch });
    expect(undo).toEqual({ batch: 'IM-000001', done: true, edited: [], deleted: { companies: 1, contacts: 1 }, restored: { contacts: 1 }, kept: [] });
    expect(snapshot(wb)).toEqual(before);
    const list = await ok(ctx, 'import.list', {});
    expect(list.batches).toMatchObject([{ batch: 'IM-000001', directory: 'contacts', name: 'google.csv', user: USER, status: 'undone', appliedRows: 4, totalRows: 4 }]);
    expect(await refused(ctx, 'import.undo', { batch: 'IM-000001' })).toEqual({ code: 'E_BAD_INPUT', field: 'batch', value: 'IM-000001', message: 'Import IM-000001 has already been undone.' });
  });

  it('asks before undoing records someone edited since the import', async () => {
    const result = await ok(ctx, 'import.apply', request);
    await ok(ctx, 'record.update', { directory: 'contacts', id: 'CT-000001', values: { position: null, notes: 'Called her on Monday' } });
    const asked = await ok(ctx, 'import.undo', { batch: result.batch });
    expect(asked).toEqual({ batch: result.batch, done: false, edited: [{ directory: 'contacts', id: 'CT-000001', kind: 'created', fields: [] }], deleted: {}, restored: {}, kept: [] });
    expect((await ok(ctx, 'record.list', { directory: 'contacts' })).records).toHaveLength(2);
    const kept = await ok(ctx, 'import.undo', { batch: result.batch, edited: 'keep' });
    expect(kept).toMatchObject({ done: true, deleted: { contacts: 1 } });
    // Acme stays: Anna, kept, still refers to it.
    expect(kept.kept).toEqual([{ directory: 'companies', id: 'CO-000001', reason: 'Contacts CT-000001 refers to it' }]);
    expect((await ok(ctx, 'record.list', { directory: 'companies' })).records.map((r: any) => r.values.name)).toEqual(['Acme']);
  });

  it('applies in chunks into one batch: incomplete until the last chunk, and undone as a whole', async () => {
    const rows = [['Name', 'City'], ...Array.from({ length: 10 }, (_, i) => [`Company ${i + 1}`, ''])];
    const header = rows[0]!;
    const first = await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'rows', rows: [header, ...rows.slice(1, 6)] }, chunk: { firstRow: 2, totalRows: 10 } });
    expect(first).toMatchObject({ batch: 'IM-000001', complete: false, appliedRows: 5, totalRows: 10 });
    expect((await ok(ctx, 'import.list', {})).batches[0]).toMatchObject({ status: 'incomplete', appliedRows: 5, totalRows: 10 });
    const second = await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'rows', rows: [header, ...rows.slice(6)] }, chunk: { firstRow: 7, totalRows: 10 }, batch: first.batch });
    expect(second).toMatchObject({ batch: 'IM-000001', complete: true, appliedRows: 10, created: { companies: 5 } });
    expect((await ok(ctx, 'record.list', { directory: 'companies' })).records).toHaveLength(10);
    const undo = await ok(ctx, 'import.undo', { batch: 'IM-000001' });
    expect(undo.deleted).toEqual({ companies: 10 });
    expect((await ok(ctx, 'record.list', { directory: 'companies' })).records).toHaveLength(0);
  });

  it('creates a deal per new record and puts every record in a segment', async () => {
    const text = tsv([['Company', 'Phone'], ['Acme', '+33612345678'], ['Bolt', '']]);
    const result = await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'text', text }, dealStage: 'Lead', segment: 'Trade fair 2026' });
    expect(result.rows).toEqual([]);
    expect(result.created).toEqual({ segments: 1, companies: 2, deals: 2 });
    const deals = await ok(ctx, 'record.list', { directory: 'deals' });
    expect(deals.records.map((r: any) => [r.values.name, r.values.company, r.values.stage])).toEqual([['Acme', 'Acme', 'Lead'], ['Bolt', 'Bolt', 'Lead']]);
    const companies = await ok(ctx, 'record.list', { directory: 'companies' });
    expect(companies.records.map((r: any) => r.values.segment)).toEqual(['Trade fair 2026', 'Trade fair 2026']);
  });

  it('fills companies and contacts from one file, linked', async () => {
    const text = tsv([['Name', 'Company', 'Company City', 'Company Phone'], ['Anna Petrova', 'Acme', '', '+33612345678'], ['Bob Martin', 'Acme', '', '']]);
    const plan = await ok(ctx, 'import.plan', { directory: 'contacts', source: { kind: 'text', text }, createMissing: ['company'] });
    expect(plan.mapping.map((m: any) => m.field)).toEqual(['name', 'company', 'company.city', 'company.phone']);
    await ok(ctx, 'import.apply', { directory: 'contacts', source: { kind: 'text', text }, createMissing: ['company'] });
    const acme = await ok(ctx, 'record.get', { directory: 'companies', id: 'Acme' });
    expect(acme.values.phone).toBe('+33612345678');
  });

  it('splits a Russian full name written last name first', async () => {
    const { ctx: ru } = await fresh('ru');
    const text = tsv([['ФИО', 'Телефон'], ['Иванова Анна Сергеевна', '8 (989) 877-55-44']]);
    const plan = await ok(ru, 'import.plan', { directory: 'contacts', source: { kind: 'text', text } });
    expect(plan.mapping[0]).toEqual({ column: 0, field: 'name', split: 'last-first' });
    expect(plan.rows[0].values).toMatchObject({ name: 'Иванова Анна Сергеевна', first_name: 'Анна', last_name: 'Иванова', phone: '+79898775544' });
  });

  it('stores text that looks like a formula as text', async () => {
    const text = tsv([['Name', 'Notes'], ['=HYPERLINK("http://evil.example","x")', '+1+1'], ['@SUM(A1)', '-2']]);
    await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'text', text } });
    const sheet = wb.sheet('Companies')!;
    const cells = sheet.cells.slice(1, 3).map((r) => [r![1], r![14]]);
    expect(cells).toEqual([['=HYPERLINK("http://evil.example","x")', '+1+1'], ['@SUM(A1)', '-2']]);
    expect(sheet.formulas.flat().filter(Boolean)).toEqual([]);
  });

  it('reuses the mapping saved by an earlier import of a file with the same headers', async () => {
    const text = tsv([['Société', 'Tél. du standard'], ['Acme', '+33612345678']]);
    const mapping = [{ column: 0, field: 'name' }, { column: 1, field: null }];
    await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'text', text }, mapping });
    const plan = await ok(ctx, 'import.plan', { directory: 'companies', source: { kind: 'text', text: tsv([['Société', 'Tél. du standard'], ['Bolt', '+33612345679']]) } });
    expect(plan.mapping).toEqual(mapping);
    expect(plan.columns.map((c: any) => c.from)).toEqual(['saved', 'none']);
  });
});

describe('import.undo of references', () => {
  it('deletes a record the import created when the only reference to it is one the undo puts back', async () => {
    const { wb, ctx } = await fresh();
    await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
    const before = snapshot(wb);
    const r = await ok(ctx, 'import.apply', { directory: 'companies', source: { kind: 'rows', rows: [['Name', 'City'], ['Acme', 'Paris']] }, createMissing: ['city'] });
    expect(r.counts.update).toBe(1);
    const undo = await ok(ctx, 'import.undo', { batch: r.batch });
    expect(undo).toEqual({ batch: r.batch, done: true, edited: [], deleted: { cities: 1 }, restored: { companies: 1 }, kept: [] });
    expect(snapshot(wb)).toEqual(before);
  });
});

describe('import of a file nothing maps', () => {
  it('warns in the plan and refuses to apply, writing nothing', async () => {
    const { wb, ctx } = await fresh();
    const source = { kind: 'text', text: 'Colour\nred\nblue\n' };
    const plan = await ok(ctx, 'import.plan', { directory: 'companies', source });
    expect(plan.warnings).toEqual(['No column is mapped to a field of Companies (columns: "Colour"): map at least one.']);
    const before = snapshot(wb);
    expect(await refused(ctx, 'import.apply', { directory: 'companies', source })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'mapping',
      directory: 'companies',
      message: 'No column of the file is mapped to a field of Companies (columns: "Colour"); map at least one. Nothing was imported.',
    });
    expect(snapshot(wb)).toEqual(before);
    expect(wb.sheet('_carnet_imports')).toBeUndefined();
  });
});

describe('blank rows inside a file', () => {
  it('are left out, with row numbers still the file\'s', async () => {
    const { ctx } = await fresh();
    const plan = await ok(ctx, 'import.plan', { directory: 'companies', source: { kind: 'text', text: 'Name;Phone\nAcme;+33612345678\n;\n\nBolt;oops\n' } });
    expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, skip: 0, reject: 1 });
    expect(plan.rows.map((r: any) => [r.row, r.outcome])).toEqual([[2, 'create'], [5, 'reject']]);
    expect(plan.warnings).toEqual(['2 blank rows were left out.']);
  });
});

describe('real exports', () => {
  it("maps Google Contacts' CSV: values, not labels; a name made of first and last name", async () => {
    const { ctx } = await fresh();
    const text = [
      'First Name,Middle Name,Last Name,Nickname,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Organization Name,Organization Title',
      'Anna,,Petrova,,1990-01-31,Met at fair,* myContacts,* Home,anna@acme.example,Mobile,+7 989 877-55-44,Work,+33 1 23 45 67 89,Acme,CEO',
      'Bob,,Martin,,,,* myContacts,* Work,bob@bolt.example,Mobile,06 12 34 56 78,,,Bolt,',
    ].join('\n');
    const plan = await ok(ctx, 'import.plan', { directory: 'contacts', source: { kind: 'text', text }, country: 'FR', createMissing: ['company', 'position'] });
    expect(Object.fromEntries(plan.columns.filter((c: any) => c.field).map((c: any) => [c.header, c.field]))).toEqual({
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Birthday: 'birthday',
      Notes: 'notes',
      'E-mail 1 - Value': 'email',
      'Phone 1 - Value': 'phone',
      'Phone 2 - Value': 'mobile',
      'Organization Name': 'company',
      'Organization Title': 'position',
    });
    expect(plan.counts).toEqual({ create: 2, update: 0, unchanged: 0, skip: 0, reject: 0 });
    expect(plan.rows[1].values).toEqual({ first_name: 'Bob', last_name: 'Martin', name: 'Bob Martin', email: 'bob@bolt.example', phone: '+33612345678', company: 'Bolt' });
  });

  it("maps Outlook's CSV", async () => {
    const { ctx } = await fresh();
    const text = ['"First Name","Last Name","E-mail Address","Mobile Phone","Business Phone","Company","Job Title"', '"Anna","Petrova","anna@acme.example","+33 6 12 34 56 78","+33 1 23 45 67 89","Acme","CEO"'].join('\r\n');
    const plan = await ok(ctx, 'import.plan', { directory: 'contacts', source: { kind: 'text', text } });
    expect(plan.mapping.map((m: any) => m.field)).toEqual(['first_name', 'last_name', 'email', 'mobile', 'phone', 'company', 'position']);
  });
});

describe('a total line under the table', () => {
  it('is skipped, saying why (in the workbook’s Russian)', async () => {
    const { ctx } = await fresh('ru');
    const plan = await ok(ctx, 'import.plan', { directory: 'companies', source: { kind: 'rows', rows: [['Наименование', 'Выручка'], ['Восток', 100], ['Итого:', 100]] } });
    expect(plan.rows.map((r: any) => [r.row, r.outcome, r.reason])).toEqual([[2, 'create', undefined], [3, 'skip', '«Итого:» — строка итога, а не запись']]);
  });
});

describe('sales brought in by an import', () => {
  it('take the product price and the company discount the file leaves out, and their amount as Carnet’s formula; a price and amount the file gives are kept', async () => {
    const { wb, ctx } = await fresh();
    await ok(ctx, 'record.create', { directory: 'products', values: { code: 'D1', name: 'Desk', unit_price: 200 } });
    await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', discount: '10%' } });
    const rows = [['Date', 'Company', 'Product', 'Quantity', 'Unit price', 'Amount'], ['2025-03-04', 'acme', 'desk', 3, null, null], ['2025-03-05', 'Acme', 'Desk', 2, 150, 290]];
    const result = await ok(ctx, 'import.apply', { directory: 'sales', source: { kind: 'rows', rows } });
    expect(result.counts.create).toBe(2);
    const sales = await ok(ctx, 'record.list', { directory: 'sales' });
    expect(sales.records.map((r: any) => [r.values.company, r.values.product, r.values.quantity, r.values.unit_price, r.values.discount, r.values.amount])).toEqual([
      ['Acme', 'Desk', 3, 200, 0.1, 540],
      ['Acme', 'Desk', 2, 150, 0.1, 290],
    ]);
    const sheet = wb.sheet('Sales')!;
    const amountColumn = (sheet.cells[0] as unknown[]).indexOf('Amount');
    expect(sheet.formulas[1]?.[amountColumn]).toMatch(/^=ROUND\(/);
    expect(sheet.formulas[2]?.[amountColumn]).toBeUndefined();
    // A formula's value is what the import wrote: undo sees no edit since.
    expect(await ok(ctx, 'import.undo', { batch: result.batch })).toMatchObject({ done: true, edited: [], deleted: { sales: 2 } });
  });
});
