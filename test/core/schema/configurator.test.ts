import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Cell } from '../../../core/workbook.js';
import { ok, refused } from '../../helpers/commands.js';
import { miniSchema } from '../../helpers/schemas.js';

const TODAY = serialFromParts(2026, 11, 27);

async function freshCrm(): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'admin@example.com', name: 'Admin' });
  await setupCrm(wb, miniSchema(), { cities: [{ name: 'Lyon' }] }, { today: TODAY, now: TODAY, user: 'admin@example.com' });
  return { wb, ctx: { wb, now: () => TODAY } };
}


/** Every non-empty cell of every sheet, as a person would see them: what must never be lost. */
function allCells(wb: MemoryWorkbook): string[] {
  const out: string[] = [];
  for (const s of wb.sheetList) {
    if (s.name === '_carnet') continue;
    s.cells.forEach((row, r) => row?.forEach((v, c) => v !== null && v !== undefined && out.push(`${s.name}!${r}:${c}=${String(v)}`)));
  }
  return out.sort();
}

describe('the configurator', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;
  beforeEach(async () => ({ wb, ctx } = await freshCrm()));

  describe('creating a directory', () => {
    it('makes a sheet with its header, ids and dropdowns, ready for records', async () => {
      const dir = await ok(ctx, 'directory.create', {
        label: 'Books',
        fields: [
          { label: 'Title', type: 'text', unique: true },
          { label: 'Author', type: 'text' },
          { label: 'Format', type: 'choice', choices: ['Hardback', 'Paperback'] },
          { label: 'Publisher city', type: 'reference', ref: 'Cities' },
          { label: 'Price', type: 'money' },
        ],
      });
      expect(dir).toMatchObject({ key: 'books', sheet: 'Books', idPrefix: 'BO', display: 'title' });
      expect(wb.sheet('Books')!.cells[0]).toEqual(['ID', 'Title', 'Author', 'Format', 'Publisher city', 'Price']);
      expect(wb.sheet('Books')!.layout!.columns.find((c) => c.column === 4)!.validation).toEqual({ kind: 'range', sheet: 'Cities', column: 1 });
      const rec = await ok(ctx, 'record.create', { directory: 'books', values: { title: 'Dune', format: 'paperback', 'publisher city': 'lyon', price: '9,90 €' } });
      expect(rec.values).toEqual({ title: 'Dune', author: null, format: 'Paperback', publisher_city: 'Lyon', price: 9.9 });
      expect(rec.id).toBe('BO-000001');
    });

    it('refuses a directory whose sheet name is already taken by the team', async () => {
      await wb.ensureSheet('Books');
      expect(await refused(ctx, 'directory.create', { label: 'Books', fields: [{ label: 'Title', type: 'text' }] })).toEqual({
        code: 'E_SCHEMA',
        sheet: 'Books',
        message: 'This workbook already has a sheet named "Books"; Carnet will not touch it. Choose another label.',
      });
    });

    it('refuses two fields with one label', async () => {
      const error = await refused(ctx, 'directory.create', { label: 'Staff', fields: [{ label: 'Name', type: 'text' }, { label: 'name', type: 'email' }] });
      expect(error).toEqual({ code: 'E_SCHEMA', field: 'name', value: 'name', message: 'The label "name" is already used by field "Name".' });
    });
  });

  describe('adding a field', () => {
    it('puts its header after the last column and leaves user columns alone', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
      wb.sheet('Companies')!.cells[0]![9] = 'Our notes';
      wb.sheet('Companies')!.cells[1]![9] = 'keep me';
      await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Website', type: 'url' } });
      const header = wb.sheet('Companies')!.cells[0]!;
      expect(header.slice(9)).toEqual(['Our notes', 'Website']);
      expect(wb.sheet('Companies')!.cells[1]![9]).toBe('keep me');
      const rec = await ok(ctx, 'record.update', { directory: 'companies', id: 'Acme', values: { website: 'acme.fr' } });
      expect(rec.record.values.website).toBe('https://acme.fr');
    });

    it("adopts the team's own column with the same header when every cell fits the type", async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
      const cells = wb.sheet('Companies')!.cells;
      cells[0]![10] = 'Founded';
      cells[1]![10] = '04/03/1999';
      await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Founded', type: 'date' } });
      expect(cells[1]![10]).toBe(serialFromParts(1999, 3, 4));
    });

    it('refuses to adopt a column whose cells do not fit, listing them', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Bolt' } });
      const cells = wb.sheet('Companies')!.cells;
      cells[0]![10] = 'Founded';
      cells[1]![10] = '1999-03-04';
      cells[2]![10] = 'long ago';
      const before = allCells(wb);
      const error = await refused(ctx, 'field.add', { directory: 'companies', field: { label: 'Founded', type: 'date' } });
      expect(error.code).toBe('E_DATA_LOSS');
      expect(error.message).toBe('Column "Founded" cannot become a date field: 1 cell would be lost (K3 "long ago"). Fix them first; nothing was changed.');
      expect(error.problems).toEqual([
        {
          code: 'E_DATA_LOSS',
          directory: 'companies',
          field: 'founded',
          sheet: 'Companies',
          row: 3,
          cell: 'K3',
          value: 'long ago',
          message: expect.stringMatching(/^Companies!K3: "long ago" is not a date/),
        },
      ]);
      expect(allCells(wb)).toEqual(before);
    });

    it('refuses a required field over records that have no value, unless it has a default', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
      const error = await refused(ctx, 'field.add', { directory: 'companies', field: { label: 'Segment', type: 'text', required: true } });
      expect(error).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        field: 'segment',
        message: '"Segment" cannot be required: 1 existing record has no value. Give it a default, or add it and fill it in first.',
      });
      await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Segment', type: 'text', required: true, default: 'Regular' } });
      const list = await ok(ctx, 'record.list', { directory: 'companies' });
      expect(list.records[0].values.segment).toBe('Regular');
    });
  });

  describe('renaming and hiding a field', () => {
    it('renames the header and keeps binding the column', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', email: 'a@acme.fr' } });
      await ok(ctx, 'field.rename', { directory: 'companies', field: 'email', label: 'E-mail address' });
      expect(wb.sheet('Companies')!.cells[0]![3]).toBe('E-mail address');
      const list = await ok(ctx, 'record.list', { directory: 'companies', where: { 'e-mail address': 'A@ACME.FR' } });
      expect(list.records).toHaveLength(1);
    });

    it('renames a label in another language without touching the sheet', async () => {
      await ok(ctx, 'field.rename', { directory: 'companies', field: 'email', label: 'Adresse e-mail', lang: 'fr' });
      expect(wb.sheet('Companies')!.cells[0]![3]).toBe('Email');
      const schema = await ok(ctx, 'schema.get', {});
      expect(schema.directories[1].fields[2].labels).toEqual({ en: 'Email', fr: 'Adresse e-mail', ru: 'Почта' });
    });

    it('hides a field but keeps its column and data', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', tax_id: '42' } });
      const f = await ok(ctx, 'field.hide', { directory: 'companies', field: 'Tax ID' });
      expect(f.hidden).toBe(true);
      expect(wb.sheet('Companies')!.cells[1]![5]).toBe('42');
    });

    it('refuses to hide the field that names the records', async () => {
      expect(await refused(ctx, 'field.hide', { directory: 'companies', field: 'name' })).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        field: 'name',
        message: '"Name" names the records of Companies; it cannot be hidden.',
      });
    });
  });

  describe('retyping a field', () => {
    beforeEach(async () => {
      await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Employees', type: 'text' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', employees: '1 200' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Bolt', employees: '35' } });
    });

    it('converts every cell when all of them parse', async () => {
      await ok(ctx, 'field.retype', { directory: 'companies', field: 'employees', type: 'integer' });
      const list = await ok(ctx, 'record.list', { directory: 'companies' });
      expect(list.records.map((r: any) => r.values.employees)).toEqual([1200, 35]);
    });

    it('refuses, listing the offending cells, when any cell would be lost; nothing changes', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Cosy', employees: 'a dozen' } });
      const before = allCells(wb);
      const schemaBefore = JSON.stringify(await ok(ctx, 'schema.get', {}));
      const error = await refused(ctx, 'field.retype', { directory: 'companies', field: 'employees', type: 'integer' });
      expect(error.code).toBe('E_DATA_LOSS');
      expect(error.message).toBe('"Employees" cannot become integer: 1 cell would be lost (J4 "a dozen"). Fix them first; nothing was changed.');
      expect(allCells(wb)).toEqual(before);
      expect(JSON.stringify(await ok(ctx, 'schema.get', {}))).toBe(schemaBefore);
    });

    it('turns text into a reference only when every value exists in the target', async () => {
      await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Hometown', type: 'text' } });
      await ok(ctx, 'record.update', { directory: 'companies', id: 'Acme', values: { hometown: 'LYON' } });
      await ok(ctx, 'field.retype', { directory: 'companies', field: 'hometown', type: 'reference', ref: 'cities' });
      const list = await ok(ctx, 'record.list', { directory: 'companies', where: { name: 'Acme' } });
      expect(list.records[0].values.hometown).toBe('Lyon');
      await ok(ctx, 'record.update', { directory: 'companies', id: 'Bolt', values: { city: 'Lyon' } });
      const error = await refused(ctx, 'record.update', { directory: 'companies', id: 'Bolt', values: { hometown: 'Paris' } });
      expect(error.code).toBe('E_REFERENCE');
    });
  });

  describe('field rules', () => {
    it('refuses to make a field unique over duplicates, naming the cells', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'A', email: 'x@y.fr' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'B', email: 'X@y.fr' } });
      const error = await refused(ctx, 'field.set', { directory: 'companies', field: 'email', unique: true });
      expect(error.message).toBe('"Email" cannot be unique: 1 cell would be lost (D3 "x@y.fr"). Fix them first; nothing was changed.');
    });

    it('refuses to drop a choice that records still use', async () => {
      await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Size', type: 'choice', choices: ['Small', 'Large'] } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'A', size: 'large' } });
      const error = await refused(ctx, 'field.set', { directory: 'companies', field: 'size', choices: ['Small', 'Medium'] });
      expect(error.code).toBe('E_DATA_LOSS');
      await ok(ctx, 'field.set', { directory: 'companies', field: 'size', choices: ['Small', 'Medium', 'Large'] });
    });
  });

  describe('the no-data-loss rule, as a property', () => {
    const cellArb: fc.Arbitrary<Cell> = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -5000, max: 5000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom('2026-03-04', '04/03/2026', '15%', 'yes', 'no', 'a@b.fr', '+33612345678', '1 200,50', null),
    );
    const typeArb = fc.constantFrom('integer', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'email', 'phone', 'url', 'text', 'longtext');

    it('a retype either keeps every non-empty cell (in some form) or changes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(cellArb, { minLength: 1, maxLength: 8 }), typeArb, async (values, type) => {
          const { wb, ctx } = await freshCrm();
          await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Extra', type: 'text' } });
          const cells = wb.sheet('Companies')!.cells;
          values.forEach((v, i) => {
            cells[i + 1] = [`CO-${i + 1}`, `C${i}`];
            cells[i + 1]![9] = v === '' ? null : v;
          });
          const before = allCells(wb);
          const out = await dispatch(ctx, 'field.retype', { directory: 'companies', field: 'extra', type });
          const after = allCells(wb);
          if (!out.ok) {
            expect(out.error.code).toBe('E_DATA_LOSS');
            expect(after).toEqual(before);
          } else {
            const filled = (cs: typeof cells) => cs.slice(1).map((r) => r?.[9] !== null && r?.[9] !== undefined && String(r?.[9]).trim() !== '');
            expect(filled(wb.sheet('Companies')!.cells)).toEqual(values.map((v) => v !== null && String(v).trim() !== ''));
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});
