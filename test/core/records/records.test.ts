import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { ok, refused } from '../../helpers/commands.js';
import { miniSchema } from '../../helpers/schemas.js';

const TODAY = serialFromParts(2026, 11, 27);

async function freshCrm(): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'anna@example.com', name: 'Anna' });
  await setupCrm(wb, miniSchema(), { cities: [{ name: 'Lyon' }, { name: 'Nantes' }] }, { today: TODAY, now: TODAY + 0.5, user: 'anna@example.com' });
  return { wb, ctx: { wb, now: () => TODAY + 0.5 } };
}


/** The sheet's non-empty rows, cells Carnet never wrote shown as null (as a read pads them). */
function sheet(wb: MemoryWorkbook, name: string) {
  return wb
    .sheet(name)!
    .cells.filter((r) => r && r.some((c) => c !== null && c !== undefined))
    .map((r) => Array.from(r, (c) => c ?? null));
}

describe('records', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;
  beforeEach(async () => ({ wb, ctx } = await freshCrm()));

  describe('creating a record', () => {
    it('allocates an id, normalises values and applies defaults', async () => {
      const rec = await ok(ctx, 'record.create', {
        directory: 'companies',
        values: { Name: 'Acme', city: 'lyon', email: ' Sales@ACME.fr ', phone: '06 12 34 56 78', discount: '15%' },
      });
      expect(rec).toEqual({
        id: 'CO-000001',
        row: 2,
        display: 'Acme',
        values: { name: 'Acme', city: 'Lyon', email: 'sales@acme.fr', phone: '+33612345678', tax_id: null, discount: 0.15, created: '2026-11-27', owner: 'anna@example.com' },
        // Stored as +E.164 (for matching), shown as people read it (issue 13, §3).
        shown: { phone: '+33 6 12 34 56 78' },
      });
      expect(sheet(wb, 'Companies')[1]).toEqual(['CO-000001', 'Acme', 'Lyon', 'sales@acme.fr', '+33612345678', null, 0.15, TODAY, 'anna@example.com']);
    });

    it('accepts field and directory names in any language and case', async () => {
      const rec = await ok(ctx, 'record.create', { directory: 'sociétés', values: { NOM: 'Bolt', courriel: 'a@b.fr' } });
      expect(rec.values.email).toBe('a@b.fr');
    });

    it('refuses a bad email with the whole located error, and writes nothing', async () => {
      const before = JSON.stringify(wb.sheetList);
      const error = await refused(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', email: 'bob@' } });
      expect(error).toEqual({
        code: 'E_INVALID_VALUE',
        directory: 'companies',
        field: 'email',
        value: 'bob@',
        message: 'Companies › Email: "bob@" is not an email address.',
      });
      expect(JSON.stringify(wb.sheetList)).toBe(before);
    });

    it('reports every problem of a record at once', async () => {
      const error = await refused(ctx, 'record.create', { directory: 'companies', values: { email: 'x', city: 'Paris' } });
      expect(error.code).toBe('E_INVALID_VALUE');
      expect(error.problems!.map((p: any) => [p.code, p.field])).toEqual([
        ['E_INVALID_VALUE', 'email'],
        ['E_REQUIRED', 'name'],
        ['E_REFERENCE', 'city'],
      ]);
      expect(error.message).toBe('Companies › Email: "x" is not an email address. (and 2 more problems)');
    });

    it('refuses a reference to a record that does not exist', async () => {
      const error = await refused(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', city: 'Paris' } });
      expect(error).toEqual({
        code: 'E_REFERENCE',
        directory: 'companies',
        field: 'city',
        value: 'Paris',
        message: 'Companies › City: there is no "Paris" in Cities.',
      });
    });

    it('refuses a duplicate display key, ignoring case and spaces', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
      const error = await refused(ctx, 'record.create', { directory: 'companies', values: { name: '  ACME ' } });
      expect(error).toEqual({
        code: 'E_UNIQUE',
        directory: 'companies',
        field: 'name',
        value: 'ACME',
        message: 'Companies › Name: "ACME" is already used (CO-000001, row 2); Name must be unique.',
      });
    });

    it('refuses an unknown field naming the fields there are', async () => {
      const error = await refused(ctx, 'record.create', { directory: 'companies', values: { name: 'A', colour: 'red' } });
      expect(error).toEqual({
        code: 'E_UNKNOWN_FIELD',
        directory: 'companies',
        value: 'colour',
        message: 'Companies has no field named "colour". Fields: Name, City, Email, Phone, Tax ID, Discount, Created, Owner.',
      });
    });

    it('refuses an unknown directory naming the directories there are', async () => {
      expect(await refused(ctx, 'record.list', { directory: 'planets' })).toEqual({
        code: 'E_UNKNOWN_DIRECTORY',
        value: 'planets',
        message: 'No directory named "planets". Directories: Cities, Companies, Sales.',
      });
    });

    it('never reuses an id, even after the last record is deleted', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'A' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'B' } });
      await ok(ctx, 'record.delete', { directory: 'companies', id: 'CO-000002' });
      const c = await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'C' } });
      expect(c.id).toBe('CO-000003');
    });

    it('continues after ids typed by hand', async () => {
      wb.sheet('Companies')!.cells.push(['CO-000041', 'Typed by hand']);
      const c = await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Next' } });
      expect(c.id).toBe('CO-000042');
    });
  });

  describe('updating a record', () => {
    beforeEach(async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', city: 'Lyon' } });
      await ok(ctx, 'record.create', { directory: 'sales', values: { date: '2026-11-01', company: 'acme', amount: '12.5' } });
      await ok(ctx, 'record.create', { directory: 'sales', values: { date: '2026-11-02', company: 'Acme', amount: 3 } });
    });

    it('stores the canonical spelling of a reference', async () => {
      expect(sheet(wb, 'Sales')[1]![2]).toBe('Acme');
    });

    it('renaming a key rewrites every reference to it', async () => {
      const r = await ok(ctx, 'record.update', { directory: 'companies', id: 'acme', values: { name: 'Acme Industries' } });
      expect(r.cascaded).toEqual([{ directory: 'sales', field: 'company', count: 2 }]);
      expect(sheet(wb, 'Sales').slice(1).map((row) => row[2])).toEqual(['Acme Industries', 'Acme Industries']);
      const check = await ok(ctx, 'crm.check', {});
      expect(check.errors).toBe(0);
    });

    it('renaming a lookup value cascades to the directories that use it', async () => {
      await ok(ctx, 'record.update', { directory: 'cities', id: 'Lyon', values: { name: 'Lyon 2e' } });
      expect(sheet(wb, 'Companies')[1]![2]).toBe('Lyon 2e');
    });

    it('refuses to delete a record that is still referenced', async () => {
      const error = await refused(ctx, 'record.delete', { directory: 'companies', id: 'Acme' });
      const referencing = (row: number) => ({
        code: 'E_IN_USE',
        directory: 'sales',
        field: 'company',
        row,
        value: 'Acme',
        message: `Sales row ${row} references "Acme".`,
      });
      expect(error).toEqual({
        code: 'E_IN_USE',
        directory: 'companies',
        row: 2,
        value: 'Acme',
        message: '"Acme" is still referenced 2 times (Sales row 2, Sales row 3); change or delete those first.',
        problems: [referencing(2), referencing(3)],
      });
    });

    it('refuses an update that makes a key collide', async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Bolt' } });
      const error = await refused(ctx, 'record.update', { directory: 'companies', id: 'Bolt', values: { name: 'acme' } });
      expect(error).toMatchObject({ code: 'E_UNIQUE', row: 3, message: 'Companies › Name (row 3): "acme" is already used (CO-000001, row 2); Name must be unique.' });
    });

    it('tells when no record has that id or name', async () => {
      expect(await refused(ctx, 'record.update', { directory: 'companies', id: 'Nobody', values: {} })).toEqual({
        code: 'E_NOT_FOUND',
        directory: 'companies',
        value: 'Nobody',
        message: 'Companies has no record "Nobody".',
      });
    });
  });

  describe('the sheet belongs to the team too', () => {
    it('keeps columns the user added, and their values, through every write', async () => {
      const cells = wb.sheet('Companies')!.cells;
      cells[0]![12] = 'My notes';
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'A' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'B' } });
      cells[1]![12] = 'note on A';
      cells[2]![12] = 'note on B';
      await ok(ctx, 'record.update', { directory: 'companies', id: 'A', values: { email: 'a@a.fr', tax_id: '123' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'C' } });
      await ok(ctx, 'record.delete', { directory: 'companies', id: 'A' });
      const rows = sheet(wb, 'Companies');
      expect(rows.map((r) => [r[1], r[12] ?? null])).toEqual([
        ['Name', 'My notes'],
        ['B', 'note on B'],
        ['C', null],
      ]);
    });

    it('binds columns by header in any order, with stray spaces and case', async () => {
      const cells = wb.sheet('Sales')!.cells;
      cells[0] = ['Amount', ' company ', 'DATE', 'ID'];
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
      await ok(ctx, 'record.create', { directory: 'sales', values: { date: '01/11/2026', company: 'Acme', amount: 7 } });
      expect(sheet(wb, 'Sales')[1]).toEqual([7, 'Acme', serialFromParts(2026, 11, 1), 'SA-000001']);
      const list = await ok(ctx, 'record.list', { directory: 'sales', where: { company: 'ACME' } });
      expect(list.records.map((r: any) => r.values)).toEqual([{ date: '2026-11-01', company: 'Acme', amount: 7 }]);
    });
  });

  describe('round trips', () => {
    async function callsFor(rows: number): Promise<Record<string, number>> {
      const { wb, ctx } = await freshCrm();
      const bulk = Array.from({ length: rows }, (_, i) => ['CO-' + String(i + 1).padStart(6, '0'), `Company ${i}`, 'Lyon']);
      wb.sheet('Companies')!.cells.push(...bulk);
      wb.resetCalls();
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'New one', city: 'Nantes' } });
      await ok(ctx, 'record.update', { directory: 'companies', id: 'Company 5', values: { name: 'Renamed' } });
      await ok(ctx, 'record.list', { directory: 'companies', where: { city: 'lyon' } });
      return { ...wb.calls };
    }

    it('do not grow with the number of rows', async () => {
      const small = await callsFor(10);
      const large = await callsFor(5000);
      expect(large).toEqual(small);
    });
  });

  describe('properties', () => {
    it('display keys stay unique and ids increase, whatever names are typed', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }), async (names) => {
          const { wb, ctx } = await freshCrm();
          for (const name of names) await dispatch(ctx, 'record.create', { directory: 'companies', values: { name } });
          const rows = sheet(wb, 'Companies').slice(1);
          const keys = rows.map((r) => String(r[1]).trim().replace(/\s+/g, ' ').toLowerCase());
          expect(new Set(keys).size).toBe(keys.length);
          const ids = rows.map((r) => Number(String(r[0]).slice(3)));
          expect(ids).toEqual([...ids].sort((a, b) => a - b));
          expect(new Set(ids).size).toBe(ids.length);
        }),
        { numRuns: 40 },
      );
    });
  });
});
