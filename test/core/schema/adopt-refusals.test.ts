/** Adoption: what is refused, changing nothing; and, as a property, that adopting without normalize never changes a cell that was there before, and a refusal changes nothing at all. */

import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import type { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { ok, refused } from '../../helpers/commands.js';
import { FIXED, frenchCrm, plan, adopt, schemaOf, cells } from './adopt-fixture.js';

describe('adopting a sheet the team already keeps', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;

  describe('refusing', () => {
    beforeEach(async () => ({ wb, ctx } = await frenchCrm(FIXED)));

    async function refusedUnchanged(input: Record<string, unknown>): Promise<unknown> {
      const before = cells(wb);
      const schema = JSON.stringify(await schemaOf(ctx));
      const error = await refused(ctx, 'directory.adopt', { sheet: 'Clients', directory: 'companies', mapping: { name: 'Société', city: 'Ville', phone: 'Tél.', email: 'E-mail' }, ...input });
      expect(cells(wb)).toEqual(before);
      expect(JSON.stringify(await schemaOf(ctx))).toBe(schema);
      return error;
    }

    it('refuses a sheet without ids until addIds confirms them, changing nothing', async () => {
      expect(await refusedUnchanged({ addColumns: true })).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        field: 'id',
        sheet: 'Clients',
        message:
          'Sheet "Clients" has no ID column; Carnet needs one per record to find, update and link it. Confirm with addIds (--add-ids on the command line) to add the header "ID" in G1 and ids CO-000001…CO-000004 in G2:G5.',
      });
    });

    it('refuses fields without a column until they are mapped or addColumns confirms their headers', async () => {
      expect(await refusedUnchanged({ addIds: true, mapping: { name: 'Société', city: 'Ville', phone: 'Tél.', email: 'E-mail', notes: 'Notes perso', address: null } })).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        sheet: 'Clients',
        message:
          '9 fields have no column: Industry, Segment, Lead source, Address, Website, Tax ID, Individual discount, Owner, Date created. Map them, or confirm adding their headers in H1:P1 (addColumns; --add-columns on the command line).',
      });
    });

    it('refuses while the display key has duplicates, listing every cell, with no override', async () => {
      await wb.write('Clients', 3, 0, [['DUPONT SA ']]);
      await wb.write('Clients', 4, 0, [['Bâti Nord']]);
      expect(await refusedUnchanged({ addIds: true, addColumns: true })).toEqual({
        code: 'E_UNIQUE',
        directory: 'companies',
        field: 'name',
        sheet: 'Clients',
        message:
          '"Name" names the records, so it must be unique, and 2 cells repeat an earlier row (A4 "DUPONT SA ", A5 "Bâti Nord"). Make them distinct in the sheet first, e.g. with the town in brackets.',
        problems: [
          { code: 'E_UNIQUE', directory: 'companies', field: 'name', sheet: 'Clients', row: 4, cell: 'A4', value: 'DUPONT SA ', message: 'Clients!A4: "DUPONT SA " is also on row 2; Name must be unique.' },
          { code: 'E_UNIQUE', directory: 'companies', field: 'name', sheet: 'Clients', row: 5, cell: 'A5', value: 'Bâti Nord', message: 'Clients!A5: "Bâti Nord" is also on row 3; Name must be unique.' },
        ],
      });
    });

    it("refuses when the directory's current sheet already holds records", async () => {
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Déjà là' } });
      expect(await refusedUnchanged({ addIds: true, addColumns: true })).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        sheet: 'Sociétés',
        message: 'Companies already has 1 record in sheet "Sociétés"; adopting "Clients" would leave them behind. Move or delete them first.',
      });
    });

    it("refuses another directory's sheet, Carnet's own, and a sheet that is not there", async () => {
      expect(await refusedUnchanged({ sheet: 'villes' })).toEqual({
        code: 'E_SCHEMA',
        directory: 'cities',
        sheet: 'Villes',
        message: 'Sheet "Villes" already holds the directory Cities; a sheet holds one directory.',
      });
      expect(await refusedUnchanged({ sheet: 'Sociétés' })).toEqual({ code: 'E_SCHEMA', directory: 'companies', sheet: 'Sociétés', message: 'Sheet "Sociétés" already holds Companies.' });
      expect(await refusedUnchanged({ sheet: '_carnet' })).toEqual({ code: 'E_SCHEMA', sheet: '_carnet', message: 'Sheet "_carnet" holds Carnet\'s own settings; it cannot become a directory.' });
      expect(await refusedUnchanged({ sheet: 'Clientes' })).toEqual({
        code: 'E_NOT_FOUND',
        value: 'Clientes',
        message:
          'This workbook has no sheet named "Clientes". Sheets: "Sociétés", "Contacts", "Ventes", "Notes", "Affaires", "Tâches", "Produits", "Étapes", "Villes", "Secteurs", "Segments", "Origines clients", "Fonctions", "Clients".',
      });
    });

    it('refuses a header that is not in the sheet, the ID column, and two fields on one column', async () => {
      expect(await refusedUnchanged({ mapping: { name: 'Raison sociale' } })).toEqual({
        code: 'E_BAD_INPUT',
        field: 'mapping.name',
        value: 'Raison sociale',
        message: 'No column is headed "Raison sociale". Headers: "Société", "Tél.", "E-mail", "Ville", "Notes perso", "Dernier appel".',
      });
      expect(await refusedUnchanged({ mapping: { name: 'Société', notes: 'Société' } })).toEqual({
        code: 'E_BAD_INPUT',
        field: 'mapping.notes',
        value: 'Société',
        message: 'Column "Société" is mapped to two fields ("name" and "notes"); a column holds one field.',
      });
    });

    it('refuses a column that would be read as a field by its header without being mapped to it', async () => {
      expect(await refusedUnchanged({ addIds: true, addColumns: true, mapping: { name: 'Société', city: 'Ville' } })).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        field: 'email',
        sheet: 'Clients',
        cell: 'C1',
        message: 'Column C "E-mail" would be read as field "Email" (its header is one of that field\'s names): map it to that field, or rename the header first.',
      });
    });

    it("refuses a header that appears twice, and a field taking another field's name", async () => {
      await wb.write('Clients', 0, 6, [['Tél.']]);
      expect(await refusedUnchanged({ addIds: true, addColumns: true })).toEqual({
        code: 'E_SCHEMA',
        directory: 'companies',
        sheet: 'Clients',
        cell: 'G1',
        value: 'Tél.',
        message: 'Header "Tél." appears twice (B1 and G1); Carnet finds columns by header, so only the first would be used. Rename one of them first.',
      });
      await wb.write('Clients', 0, 6, [['Adresse']]);
      expect(await refusedUnchanged({ addIds: true, addColumns: true, mapping: { name: 'Adresse', city: 'Ville', phone: 'Tél.', email: 'E-mail' } })).toMatchObject({
        code: 'E_SCHEMA',
        cell: 'G1',
        message: 'Column G "Adresse" cannot name field "Name": The label "Adresse" is already used by field "Address". Map another column, or rename that header first.',
      });
    });
  });

  describe('as a property', () => {
    const HEADERS = ['Tél.', 'Téléphone', 'Portable', 'E-mail', 'Courriel', 'Ville', 'Adresse', 'Site', 'SIRET', 'Notes perso', 'Remarques', 'Dernier appel', 'Remise', 'ID', 'Divers', ''];
    const value = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -5, max: 99_999 }),
      fc.boolean(),
      fc.constantFrom('06 12 34 56 78', '+33 1 23 45 67 89', 'A@B.FR', 'x@', 'lyon', 'Lille', 'https://x.fr', '10 %', ' Dupont ', '=SUM(A1)'),
    );
    // A column naming the companies, in any place, so that most sheets can be adopted.
    const sheet = fc
      .tuple(fc.constantFrom('Société', 'Nom', 'Raison sociale'), fc.uniqueArray(fc.constantFrom(...HEADERS), { maxLength: 7 }), fc.nat())
      .map(([name, others, at]) => [...others.slice(0, at % (others.length + 1)), name, ...others.slice(at % (others.length + 1))])
      .chain((headers) => fc.tuple(fc.constant(headers), fc.array(fc.array(value, { minLength: headers.length, maxLength: headers.length }), { maxLength: 8 })));
    const mostly = fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 });

    it('never changes a cell that was there before when adopting without normalize; a refusal changes nothing at all', async () => {
      await fc.assert(
        fc.asyncProperty(sheet, mostly, fc.boolean(), async ([headers, rows], addColumns, addReferenced) => {
          const { wb, ctx } = await frenchCrm([headers, ...rows]);
          const before = cells(wb);
          const p = await plan(ctx, { addIds: true, addColumns, addReferenced });
          const out = await dispatch(ctx, 'directory.adopt', p.apply);
          const after = cells(wb);
          if (!out.ok) {
            expect(after).toEqual(before);
            return;
          }
          for (const [k, v] of Object.entries(before)) expect(after[k]).toBe(v);
        }),
        { numRuns: 150 },
      );
    });
  });
});
