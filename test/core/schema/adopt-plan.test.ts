/** Adoption (issue 7): the plan proposed for a team's own sheet — the mapping, each cell's verdict, what applying would write. Writes nothing. */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import type { MemoryWorkbook } from '../../../core/memory-workbook.js';
import type { Lang } from '../../../core/schema/types.js';
import { type Grid } from '../../../core/workbook.js';
import { LAST_CALL, CLIENTS, ALL_WRITES, frenchCrm, plan, schemaOf, cells } from './adopt-fixture.js';

describe('adopting a sheet the team already keeps', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;

  describe('the plan', () => {
    beforeEach(async () => ({ wb, ctx } = await frenchCrm()));

    it("recognises the team's headers by name or synonym, despite accents, abbreviations and trailing spaces", async () => {
      const p = await plan(ctx);
      expect(p.columns.map((c: any) => [c.column, c.header, c.field, c.label ?? null, c.match ?? null])).toEqual([
        ['A', 'Société', 'name', 'Nom', 'synonym'],
        ['B', 'Tél. ', 'phone', 'Téléphone', 'synonym'],
        ['C', 'E-mail', 'email', 'E-mail', 'name'],
        ['D', 'Ville ', 'city', 'Ville', 'name'],
        ['E', 'Notes perso', null, null, null],
        ['F', 'Dernier appel', null, null, null],
      ]);
      expect(p.apply).toEqual({
        sheet: 'Clients',
        directory: 'companies',
        mapping: { name: 'Société', city: 'Ville ', phone: 'Tél. ', email: 'E-mail' },
        addIds: false,
        addColumns: false,
        normalize: false,
        addReferenced: false,
      });
      expect(p).toMatchObject({ sheet: 'Clients', directory: 'companies', label: 'Sociétés', previousSheet: 'Sociétés', records: 4, idColumn: null });
    });

    it('knows the usual headers in English, French and Russian, and tells a mobile from a landline', async () => {
      const proposal = async (lang: Lang, directory: string, headers: string[]) => {
        ({ ctx } = await frenchCrm([headers], lang));
        const p = await plan(ctx, { directory });
        return p.columns.map((c: any) => c.field);
      };
      expect(await proposal('en', 'companies', ['Company name', 'VAT number', 'E-mail address', 'Town', 'Phone number', 'Web site', 'Remarks'])).toEqual([
        'name', 'tax_id', 'email', 'city', 'phone', 'website', 'notes',
      ]);
      expect(await proposal('ru', 'companies', ['Наименование', 'ИНН', 'Эл. почта', 'Город', 'Тел.', 'Сайт', 'Юридический адрес'])).toEqual([
        'name', 'tax_id', 'email', 'city', 'phone', 'website', 'address',
      ]);
      expect(await proposal('fr', 'companies', ['Raison sociale', 'N° SIRET', 'Courriel', 'Commune', 'Standard', 'Site internet', 'Commercial'])).toEqual([
        'name', 'tax_id', 'email', 'city', 'phone', 'website', 'owner',
      ]);
      expect(await proposal('fr', 'contacts', ['Nom complet', 'Téléphone portable', 'Tél. fixe', 'Entreprise', 'Poste'])).toEqual(['name', 'mobile', 'phone', 'company', 'position']);
    });

    it("leaves a column whose header merely contains a field's words to the team, as a guess to confirm", async () => {
      const p = await plan(ctx);
      expect(p.columns[4]).toEqual({ column: 'E', header: 'Notes perso', field: null, guess: 'notes', samples: ['Client depuis 2019', 'rappeler en mars', 'Penser à la TVA'] });
      expect(p.hints[0]).toBe('Column E "Notes perso" might hold "Comments" (its header has that field\'s words); it stays the team\'s own unless mapped.');
      expect(p.fieldsWithoutColumn.map((f: any) => f.field)).toEqual(['industry', 'segment', 'income_source', 'address', 'website', 'tax_id', 'discount', 'owner', 'created', 'notes']);
    });

    it('shows samples taken from non-empty rows', async () => {
      const p = await plan(ctx);
      expect(p.columns.map((c: any) => c.samples)).toEqual([
        ['Dupont SA', 'Bâti Nord', 'Atelier Rivière'],
        ['06 12 34 56 78', '+33320000000', '03 20 11 22 33'],
        ['contact@dupont.fr', 'jean.dupont@', 'Info@Atelier-Riviere.fr'],
        ['Lyon', 'Lille', 'lyon'],
        ['Client depuis 2019', 'rappeler en mars', 'Penser à la TVA'],
        [LAST_CALL],
      ]);
    });

    it('sorts every mapped cell into fine, to normalise, and invalid with its cell and reason', async () => {
      const [name, phone, email, city] = (await plan(ctx)).columns;
      expect([name.fine, name.normalize, name.invalid]).toEqual([4, [], []]);
      expect([phone.fine, phone.normalize, phone.invalid]).toEqual([
        1,
        [
          { cell: 'B2', from: '06 12 34 56 78', to: '+33612345678' },
          { cell: 'B5', from: '03 20 11 22 33', to: '+33320112233' },
        ],
        [],
      ]);
      expect([email.fine, email.normalize, email.invalid]).toEqual([
        1,
        [{ cell: 'C5', from: 'Info@Atelier-Riviere.fr', to: 'info@atelier-riviere.fr' }],
        [
          {
            code: 'E_INVALID_VALUE',
            directory: 'companies',
            field: 'email',
            sheet: 'Clients',
            row: 3,
            cell: 'C3',
            value: 'jean.dupont@',
            message: 'Clients!C3: "jean.dupont@" is not an email address.',
          },
        ],
      ]);
      expect([city.fine, city.normalize, city.missing]).toEqual([1, [{ cell: 'D5', from: 'lyon', to: 'Lyon' }], [{ value: 'Lille', cells: ['D3', 'D4'] }]]);
      expect(city.invalid.map((p: any) => [p.code, p.cell, p.message])).toEqual([
        ['E_REFERENCE', 'D3', 'Clients!D3: "Lille" is not in Cities.'],
        ['E_REFERENCE', 'D4', 'Clients!D4: "Lille" is not in Cities.'],
      ]);
    });

    it("lists the display key's duplicates with their cells, and what adopting would need", async () => {
      const p = await plan(ctx);
      const dupont = {
        code: 'E_UNIQUE',
        directory: 'companies',
        field: 'name',
        sheet: 'Clients',
        row: 4,
        cell: 'A4',
        value: 'Dupont SA',
        message: 'Clients!A4: "Dupont SA" is also on row 2; Name must be unique.',
      };
      expect(p.duplicates).toEqual([dupont]);
      // The ids and columns it needs are confirmations, not blockers; see the next test.
      expect(p.blockers).toEqual([
        {
          code: 'E_UNIQUE',
          directory: 'companies',
          field: 'name',
          sheet: 'Clients',
          message: '"Name" names the records, so it must be unique, and 1 cell repeats an earlier row (A4 "Dupont SA"). Make them distinct in the sheet first, e.g. with the town in brackets.',
          problems: [dupont],
        },
      ]);
    });

    it('says what each write to confirm would make, which ones adopting needs, and which were ticked', async () => {
      const p = await plan(ctx);
      expect(p.confirmations).toEqual([
        { flag: 'addIds', needed: true, ticked: false, message: 'Add the header "ID" in G1 and ids CO-000001…CO-000004 in G2:G5.' },
        {
          flag: 'addColumns',
          needed: true,
          ticked: false,
          message: 'Add the headers of the fields with no column in H1:Q1: Secteur, Segment, Origine, Adresse, Site web, SIRET / N° TVA, Remise accordée, Responsable, Date de création, Commentaires.',
        },
        {
          flag: 'normalize',
          needed: false,
          ticked: false,
          message:
            'Rewrite 2 cells of column B "Tél." in stored form: B2 "06 12 34 56 78" → "+33612345678", B5 "03 20 11 22 33" → "+33320112233". ' +
            'Rewrite 1 cell of column C "E-mail" in stored form: C5 "Info@Atelier-Riviere.fr" → "info@atelier-riviere.fr". ' +
            'Rewrite 1 cell of column D "Ville" in stored form: D5 "lyon" → "Lyon".',
        },
        { flag: 'addReferenced', needed: false, ticked: false, message: 'Add 1 record to Cities: Lille.' },
      ]);
      // What the flags would write is said once, there: the other notes name no flag.
      expect(p.hints).toEqual([
        'Column E "Notes perso" might hold "Comments" (its header has that field\'s words); it stays the team\'s own unless mapped.',
        "1 row holds data only in the team's own columns: not a record, it gets no id.",
      ]);
      // Ticked, each confirmation says what the changes say.
      const all = await plan(ctx, ALL_WRITES);
      expect(all.confirmations.map((c: any) => [c.flag, c.ticked])).toEqual([['addIds', true], ['addColumns', true], ['normalize', true], ['addReferenced', true]]);
      const changes = all.changes.map((c: any) => c.message).join(' ');
      for (const c of all.confirmations) expect(changes).toContain(c.message);
      // A flag with nothing to write has no entry: the town left unmapped, no town to add to Villes.
      expect((await plan(ctx, { mapping: { city: null } })).confirmations.map((c: any) => c.flag)).toEqual(['addIds', 'addColumns', 'normalize']);
    });

    it('lists every change adopting would make, and only the writes confirmed', async () => {
      await wb.write('Clients', 3, 0, [['Dupont SA (Lille)']]);
      expect((await plan(ctx)).changes.map((c: any) => c.kind)).toEqual(['sheet', 'label', 'label', 'layout']);
      const p = await plan(ctx, ALL_WRITES);
      expect(p.blockers).toEqual([]);
      expect(p.changes).toEqual([
        { kind: 'sheet', message: 'Companies will live in sheet "Clients"; sheet "Sociétés" is left as it is and no longer used.' },
        { kind: 'label', message: 'Field "Name" takes the name "Société" (fr), the header of column A: a schema change only; no header is rewritten.' },
        { kind: 'label', message: 'Field "Phone" takes the name "Tél." (fr), the header of column B: a schema change only; no header is rewritten.' },
        { kind: 'records', count: 1, message: 'Add 1 record to Cities: Lille.' },
        { kind: 'ids', range: 'G1:G5', count: 4, message: 'Add the header "ID" in G1 and ids CO-000001…CO-000004 in G2:G5.' },
        {
          kind: 'columns',
          range: 'H1:Q1',
          count: 10,
          message: 'Add the headers of the fields with no column in H1:Q1: Secteur, Segment, Origine, Adresse, Site web, SIRET / N° TVA, Remise accordée, Responsable, Date de création, Commentaires.',
        },
        { kind: 'normalize', range: 'B', count: 2, message: 'Rewrite 2 cells of column B "Tél." in stored form: B2 "06 12 34 56 78" → "+33612345678", B5 "03 20 11 22 33" → "+33320112233".' },
        { kind: 'normalize', range: 'C', count: 1, message: 'Rewrite 1 cell of column C "E-mail" in stored form: C5 "Info@Atelier-Riviere.fr" → "info@atelier-riviere.fr".' },
        { kind: 'normalize', range: 'D', count: 1, message: 'Rewrite 1 cell of column D "Ville" in stored form: D5 "lyon" → "Lyon".' },
        {
          kind: 'layout',
          message:
            'Apply Carnet\'s layout to columns A, B, C, D, G, H, I, J, K, L, M, N, O, P, Q: number formats, dropdowns, widths and help notes, with the header row frozen and bold. Dropdowns listing Companies in Contacts, Ventes, Notes, Affaires, Tâches will read sheet "Clients".',
        },
      ]);
      expect(p.untouched).toBe('Left exactly as they are: every header the team typed, the team\'s own columns (E "Notes perso", F "Dernier appel"), and every cell not listed in the changes.');
    });

    it('writes nothing, whatever it is asked', async () => {
      const before = cells(wb);
      const schema = JSON.stringify(await schemaOf(ctx));
      wb.resetCalls();
      await plan(ctx, ALL_WRITES);
      expect(Object.keys(wb.calls).sort()).toEqual(['formulaCells', 'merges', 'read', 'sheets', 'user']);
      expect(cells(wb)).toEqual(before);
      expect(JSON.stringify(await schemaOf(ctx))).toBe(schema);
    });

    it("takes the admin's mapping over the proposal; null leaves a field out", async () => {
      const p = await plan(ctx, { mapping: { Commentaires: 'notes perso', phone: null } });
      expect(p.columns.map((c: any) => [c.column, c.field, c.match ?? null])).toEqual([
        ['A', 'name', 'synonym'],
        ['B', null, null],
        ['C', 'email', 'name'],
        ['D', 'city', 'name'],
        ['E', 'notes', 'given'],
        ['F', null, null],
      ]);
      expect(p.apply.mapping).toEqual({ name: 'Société', city: 'Ville ', email: 'E-mail', notes: 'Notes perso' });
      expect(p.columns[1].guess).toBeUndefined();
    });

    it('reads each sheet once, whatever the number of rows', async () => {
      const counts: number[] = [];
      for (const n of [10, 1000]) {
        const rows: Grid = [CLIENTS[0]!, ...Array.from({ length: n }, (_, i) => [`Client ${i}`, i % 3 ? '06 12 34 56 78' : '+33612345678', `c${i}@example.fr`, 'Lyon', null, null])];
        ({ wb, ctx } = await frenchCrm(rows));
        wb.resetCalls();
        await plan(ctx, ALL_WRITES);
        counts.push(wb.totalCalls());
      }
      expect(counts[1]).toBe(counts[0]);
    });
  });
});
