import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Lang } from '../../../core/schema/types.js';
import { a1, type Cell, type Grid } from '../../../core/workbook.js';
import { ok, refused } from '../../helpers/commands.js';

const TODAY = serialFromParts(2026, 11, 27);
const LAST_CALL = serialFromParts(2026, 3, 4);

/**
 * The sheet a French team keeps by hand: their own headers (an abbreviation, trailing spaces, a
 * personal column), a local phone, a bad email, an upper-case email, a town typed in lower case,
 * the same company twice, and a row with a note only.
 */
const CLIENTS: Grid = [
  ['Société', 'Tél. ', 'E-mail', 'Ville ', 'Notes perso', 'Dernier appel'],
  ['Dupont SA', '06 12 34 56 78', 'contact@dupont.fr', 'Lyon', 'Client depuis 2019', LAST_CALL],
  ['Bâti Nord', '+33320000000', 'jean.dupont@', 'Lille', null, null],
  ['Dupont SA', null, null, 'Lille', null, null],
  ['Atelier Rivière', '03 20 11 22 33', 'Info@Atelier-Riviere.fr', 'lyon', 'rappeler en mars', null],
  [null, null, null, null, 'Penser à la TVA', null],
];

async function frenchCrm(rows: Grid = CLIENTS, lang: Lang = 'fr'): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'marie@example.fr', name: 'Marie' });
  await setupCrm(wb, defaultCrmSchema(lang), { ...defaultSeedRows(lang), cities: [{ name: 'Lyon' }] }, { today: TODAY, now: TODAY, user: 'marie@example.fr' });
  await wb.ensureSheet('Clients');
  await wb.write('Clients', 0, 0, rows);
  // Marie reads English (the sidebar's language picked): the messages below are asserted in it;
  // test/core/messages/schema.test.ts asserts them in the workbook's French and in Russian.
  return { wb, ctx: { wb, now: () => TODAY, lang: 'en' } };
}

/** Every non-empty cell of every sheet but Carnet's own, by address. */
function cells(wb: MemoryWorkbook): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const s of wb.sheetList) {
    if (s.name.startsWith('_carnet') || s.name === 'Audit') continue; // Carnet's own sheets (the audit log grows with every write)
    s.cells.forEach((row, r) => row?.forEach((v, c) => v !== null && v !== undefined && (out[`${s.name}!${a1(r, c)}`] = v)));
  }
  return out;
}

/** What changed between two snapshots: address → [before, after]. */
function diff(before: Record<string, Cell>, after: Record<string, Cell>): Record<string, [Cell, Cell]> {
  const out: Record<string, [Cell, Cell]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[k] !== after[k]) out[k] = [before[k] ?? null, after[k] ?? null];
  }
  return out;
}

/** The same sheet once the team told its two Dupont apart. */
const FIXED: Grid = CLIENTS.map((row, r) => (r === 3 ? ['Dupont SA (Lille)', ...row.slice(1)] : row));

const ALL_WRITES = { addIds: true, addColumns: true, normalize: true, addReferenced: true };

async function plan(ctx: Context, input: Record<string, unknown> = {}): Promise<any> {
  return ok(ctx, 'directory.adopt.plan', { sheet: 'clients', directory: 'Sociétés', ...input });
}

/** Adopts with the plan's mapping and the given writes, as the sidebar and the CLI do. */
async function adopt(ctx: Context, writes: Record<string, boolean> = {}): Promise<any> {
  return ok(ctx, 'directory.adopt', (await plan(ctx, writes)).apply);
}

async function schemaOf(ctx: Context): Promise<any> {
  return ok(ctx, 'schema.get', {});
}

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
