/** Adoption: applying the mapping the admin confirmed — only the confirmed cells written, the team's own kept. */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import type { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { type Grid } from '../../../core/workbook.js';
import { ok, refused } from '../../helpers/commands.js';
import { CLIENTS, FIXED, ALL_WRITES, frenchCrm, plan, adopt, schemaOf, cells, diff } from './adopt-fixture.js';

describe('adopting a sheet the team already keeps', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;

  describe('applying', () => {
    beforeEach(async () => ({ wb, ctx } = await frenchCrm(FIXED)));

    it('with ids and headers confirmed, changes no cell the team typed: only new cells appear', async () => {
      const before = cells(wb);
      const result = await adopt(ctx, { addIds: true, addColumns: true });
      expect(diff(before, cells(wb))).toEqual({
        'Clients!G1': [null, 'ID'],
        'Clients!G2': [null, 'CO-000001'],
        'Clients!G3': [null, 'CO-000002'],
        'Clients!G4': [null, 'CO-000003'],
        'Clients!G5': [null, 'CO-000004'],
        'Clients!H1': [null, 'Secteur'],
        'Clients!I1': [null, 'Segment'],
        'Clients!J1': [null, 'Origine'],
        'Clients!K1': [null, 'Adresse'],
        'Clients!L1': [null, 'Site web'],
        'Clients!M1': [null, 'SIRET / N° TVA'],
        'Clients!N1': [null, 'Remise accordée'],
        'Clients!O1': [null, 'Responsable'],
        'Clients!P1': [null, 'Date de création'],
        'Clients!Q1': [null, 'Commentaires'],
      });
      expect(result).toMatchObject({ directory: 'companies', sheet: 'Clients', previousSheet: 'Sociétés', records: 4, invalid: 3 });
      expect(result.message).toBe(
        'Companies now live in sheet "Clients" (4 records). 3 cells left as typed do not fit their fields; `check` lists them. Sheet "Sociétés" is no longer used by Carnet; delete it by hand when you like.',
      );
    });

    it('with normalize, rewrites exactly the cells the plan listed, and adds the missing towns with addReferenced', async () => {
      const before = cells(wb);
      const p = await plan(ctx, ALL_WRITES);
      await ok(ctx, 'directory.adopt', p.apply);
      const changed = diff(before, cells(wb));
      const listed = p.columns.flatMap((c: any) => c.normalize ?? []).map((n: any) => [`Clients!${n.cell}`, [n.from, n.to]]);
      expect(listed).toEqual([
        ['Clients!B2', ['06 12 34 56 78', '+33612345678']],
        ['Clients!B5', ['03 20 11 22 33', '+33320112233']],
        ['Clients!C5', ['Info@Atelier-Riviere.fr', 'info@atelier-riviere.fr']],
        ['Clients!D5', ['lyon', 'Lyon']],
      ]);
      const rewritten = Object.fromEntries(Object.entries(changed).filter(([, [was]]) => was !== null));
      expect(rewritten).toEqual(Object.fromEntries(listed));
      expect(changed['Villes!A3']).toEqual([null, 'CI-000002']);
      expect(changed['Villes!B3']).toEqual([null, 'Lille']);
      expect(Object.keys(changed).filter((k) => !k.startsWith('Clients!'))).toEqual(['Villes!A3', 'Villes!B3']);
    });

    it("keeps the team's headers: fields take their names, in the workbook's language only", async () => {
      await adopt(ctx, { addIds: true, addColumns: true });
      expect(wb.sheet('Clients')!.cells[0]!.slice(0, 6)).toEqual(CLIENTS[0]);
      const dir = (await schemaOf(ctx)).directories.find((d: any) => d.key === 'companies');
      expect(dir.sheet).toBe('Clients');
      const labels = Object.fromEntries(dir.fields.map((f: any) => [f.key, f.labels]));
      expect(labels.name).toEqual({ en: 'Name', fr: 'Société', ru: 'Название' });
      expect(labels.phone).toEqual({ en: 'Phone', fr: 'Tél.', ru: 'Телефон' });
      expect(labels.email).toEqual({ en: 'Email', fr: 'E-mail', ru: 'Эл. почта' });
      expect(labels.city).toEqual({ en: 'City', fr: 'Ville', ru: 'Город' });
    });

    it("makes the records listable and updatable by the record commands, leaving the team's columns alone", async () => {
      await adopt(ctx, { addIds: true, addColumns: true });
      const list = await ok(ctx, 'record.list', { directory: 'clients' });
      expect(list.records.map((r: any) => [r.id, r.row, r.display, r.values.phone])).toEqual([
        ['CO-000001', 2, 'Dupont SA', '06 12 34 56 78'],
        ['CO-000002', 3, 'Bâti Nord', '+33320000000'],
        ['CO-000003', 4, 'Dupont SA (Lille)', null],
        ['CO-000004', 5, 'Atelier Rivière', '03 20 11 22 33'],
      ]);
      const before = cells(wb);
      await ok(ctx, 'record.update', { directory: 'sociétés', id: 'bâti nord', values: { 'e-mail': 'jean.dupont@batinord.fr', 'Tél.': '03 20 00 00 01' } });
      expect(diff(before, cells(wb))).toEqual({
        'Clients!B3': ['+33320000000', '+33320000001'],
        'Clients!C3': ['jean.dupont@', 'jean.dupont@batinord.fr'],
      });
      const added = await ok(ctx, 'record.create', { directory: 'companies', values: { Société: 'Nouveau Client', ville: 'lyon' } });
      expect(added).toMatchObject({ id: 'CO-000005', row: 7, values: { name: 'Nouveau Client', city: 'Lyon' } });
      expect(wb.sheet('Clients')!.cells[5]!.slice(0, 6)).toEqual([null, null, null, null, 'Penser à la TVA', null]);
    });

    it('keeps references working: a sale names an adopted company by its display key', async () => {
      await adopt(ctx, { addIds: true, addColumns: true });
      await ok(ctx, 'record.create', { directory: 'produits', values: { référence: 'AUD', désignation: 'Audit', 'prix unitaire': 100 } });
      const sale = await ok(ctx, 'record.create', { directory: 'ventes', values: { date: '04/03/2026', société: 'dupont sa (lille)', produit: 'Audit', quantité: 1 } });
      expect(sale.values.company).toBe('Dupont SA (Lille)');
    });

    it('leaves check reporting exactly the invalid cells the plan listed', async () => {
      const p = await plan(ctx, { addIds: true, addColumns: true });
      await ok(ctx, 'directory.adopt', p.apply);
      const report = await ok(ctx, 'crm.check', {});
      const byCell = (a: any, b: any) => a.cell.localeCompare(b.cell);
      const invalid = p.columns.flatMap((c: any) => c.invalid ?? []).sort(byCell);
      expect(invalid.map((x: any) => [x.code, x.cell])).toEqual([['E_INVALID_VALUE', 'C3'], ['E_REFERENCE', 'D3'], ['E_REFERENCE', 'D4']]);
      const errors = report.problems.filter((x: any) => x.severity === 'error').map(({ severity, ...rest }: any) => rest);
      expect(errors.sort(byCell)).toEqual(invalid);
      // Warnings are the cells normalize would rewrite, but for the town spelled in lower case: check
      // compares references ignoring case.
      expect(report.problems.filter((x: any) => x.severity === 'warning').map((x: any) => x.cell).sort()).toEqual(['B2', 'B5', 'C5']);

      ({ wb, ctx } = await frenchCrm(FIXED));
      await adopt(ctx, ALL_WRITES);
      expect((await ok(ctx, 'crm.check', {})).problems.map((x: any) => [x.severity, x.cell, x.message])).toEqual([
        ['error', 'C3', 'Clients!C3: "jean.dupont@" is not an email address.'],
      ]);
    });

    it('lays out only the columns Carnet owns, and points the dropdowns listing companies at the adopted sheet', async () => {
      await adopt(ctx, { addIds: true, addColumns: true });
      const layout = wb.sheet('Clients')!.layout!;
      expect(layout.frozenRows).toBe(1);
      expect(layout.columns.map((c) => c.column).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
      expect(layout.columns.find((c) => c.column === 6)).toMatchObject({ numberFormat: '@' });
      const sales = wb.sheet('Ventes')!.layout!.columns.filter((c) => c.validation?.kind === 'range' && c.validation.sheet !== 'Produits');
      expect(sales.map((c) => c.validation)).toEqual([{ kind: 'range', sheet: 'Clients', column: 0 }]);
    });

    it('leaves the previous sheet in place, saying it is no longer used', async () => {
      const previous = JSON.stringify(wb.sheet('Sociétés')!.cells);
      const result = await adopt(ctx, { addIds: true, addColumns: true });
      expect(result.previousSheet).toBe('Sociétés');
      expect(JSON.stringify(wb.sheet('Sociétés')!.cells)).toBe(previous);
      const again = await frenchCrm(FIXED);
      // Deleted by hand before adoption: nothing to mention.
      again.wb.sheetList.splice(again.wb.sheetList.findIndex((s) => s.name === 'Sociétés'), 1);
      const gone = await adopt(again.ctx, { addIds: true, addColumns: true });
      expect(gone.previousSheet).toBeNull();
      expect(gone.message).toBe('Companies now live in sheet "Clients" (4 records). 3 cells left as typed do not fit their fields; `check` lists them.');
    });

    it("keeps the team's own ID column and fills only its empty cells", async () => {
      ({ wb, ctx } = await frenchCrm([['N°', 'ID', 'Société'], [1, 'C-7', 'Dupont SA'], [2, null, 'Bâti Nord'], [3, 'CO-000041', 'Atelier Rivière']]));
      const p = await plan(ctx, { addColumns: true });
      expect(p.idColumn).toEqual({ column: 'B', filled: 2, empty: 1 });
      expect(p.columns[1]).toMatchObject({ column: 'B', header: 'ID', field: 'id', match: 'name' });
      expect(await refused(ctx, 'directory.adopt', p.apply)).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        field: 'id',
        sheet: 'Clients',
        message: '1 record of sheet "Clients" has no ID; Carnet needs one per record to find, update and link it. Confirm with addIds (--add-ids on the command line) to fill the 1 empty ID cell of column B with CO-000042.',
      });
      const before = cells(wb);
      await adopt(ctx, { addIds: true, addColumns: true });
      const changed = diff(before, cells(wb));
      expect(Object.entries(changed).filter(([k]) => /^Clients![A-C]/.test(k))).toEqual([['Clients!B3', [null, 'CO-000042']]]);
      const next = await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Nouveau' } });
      expect(next.id).toBe('CO-000043');
    });

    it('costs the same number of port calls for 30 rows as for 300', async () => {
      const counts: number[] = [];
      for (const n of [30, 300]) {
        const rows: Grid = [CLIENTS[0]!, ...Array.from({ length: n }, (_, i) => [`Client ${i}`, i % 3 ? '+33612345678' : '06 12 34 56 78', `C${i}@example.fr`, 'Lyon', null, null])];
        ({ wb, ctx } = await frenchCrm(rows));
        const input = (await plan(ctx, ALL_WRITES)).apply;
        wb.resetCalls();
        await ok(ctx, 'directory.adopt', input);
        counts.push(wb.totalCalls());
      }
      expect(counts[1]).toBe(counts[0]);
    });
  });
});
