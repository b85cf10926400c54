/**
 * Core over every host, on a sheet the way teams keep them: their own formulas, formats and notes
 * between and beside Carnet's columns, merged cells, and a colleague sorting or inserting rows
 * while Carnet works. Each case is one of issue 8's "What breaks today".
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch, type Outcome } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { CarnetError, toErrorData, type ErrorData } from '../../../core/errors.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Formula, Workbook } from '../../../core/workbook.js';
import { HOSTS } from '../../contract/hosts/index.js';
import type { ColleagueAction, ContractHarness } from '../../contract/workbook-contract.js';
import { miniSchema } from '../../helpers/schemas.js';

const today = serialFromParts(2026, 12, 1);
const defaults = { today, now: today + 0.5, user: 'ada@example.com' };

/** The team's "Len" column: shows "" on rows without a name, as teams prefill formulas down. */
const len = (row: number): Formula => ({ formula: `=IF(B${row + 1}="","",LEN(B${row + 1}))`, value: null });

/**
 * A workbook whose port calls reach the host only after a colleague acted, once, right before
 * Carnet's first write to `sheet`: between Carnet's read and its write.
 */
function withColleague(wb: Workbook, h: ContractHarness, sheet: string, action: ColleagueAction): Workbook {
  let done = false;
  const before = async (name: string) => {
    if (done || name.toLowerCase() !== sheet.toLowerCase()) return;
    done = true;
    await h.colleague!(sheet, action);
  };
  return new Proxy(wb, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      if (['write', 'writeBlocks', 'append', 'deleteRows'].includes(String(prop))) {
        return async (name: string, ...rest: unknown[]) => {
          await before(name);
          return (v as (...a: unknown[]) => unknown).call(target, name, ...rest);
        };
      }
      return (v as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

for (const host of HOSTS) {
  describe(`Core over the ${host.name}`, () => {
    let h: ContractHarness;
    let wb: Workbook;
    const ctxOf = (w: Workbook): Context => ({ wb: w, now: () => defaults.now });
    /** One command in one transaction, as the CLI and the servers run them: a refusal rolls back. */
    const run = async (name: string, input: unknown, w: Workbook = wb): Promise<Outcome> => {
      try {
        return await w.transaction(async () => {
          const out = await dispatch(ctxOf(w), name, input);
          if (!out.ok) throw new CarnetError(out.error);
          return out;
        });
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    };
    const ok = async (name: string, input: unknown, w: Workbook = wb) => {
      const out = await run(name, input, w);
      if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
      return out.result as Record<string, unknown>;
    };
    const later = async () => (h.reopen ? h.reopen() : wb);
    const companies = async () => (await (await later()).read('Companies')).map((r) => r.slice(0, 5));

    beforeEach(async () => {
      h = await host.make();
      wb = h.wb;
      await setupCrm(wb, miniSchema(), { cities: [{ name: 'Paris' }, { name: 'Lyon' }, { name: 'Nice' }] }, defaults);
    });
    afterEach(async () => h.cleanup?.());

    it("adds a record without erasing the team's formula in its row", async () => {
      // The team's column J, prefilled down: it reads "" where there is no name yet.
      await wb.transaction(() => wb.write('Companies', 0, 9, [['Len'], ...[1, 2, 3, 4, 5].map((r) => [len(r)])]));
      await h.touch!('Companies', 2, 9, { note: 'long names wrap' });
      await ok('record.create', { directory: 'companies', values: { name: 'Acme', city: 'Paris' } });
      await ok('record.create', { directory: 'companies', values: { name: 'Blue Harbour', email: 'hello@blue.example' } });
      const w = await later();
      expect((await w.read('Companies')).slice(1, 3).map((r) => [r[0], r[1]])).toEqual([
        ['CO-000001', 'Acme'],
        ['CO-000002', 'Blue Harbour'],
      ]);
      for (const r of [1, 2, 3, 4, 5]) expect((await h.cellAt!(w, 'Companies', r, 9)).formula).toBe(`=IF(B${r + 1}="","",LEN(B${r + 1}))`);
      expect((await h.cellAt!(w, 'Companies', 2, 9)).note).toBe('long names wrap');
    });

    it('renames a city without rewriting a formula in the references between its cells', async () => {
      for (const [name, city] of [['Ada', 'Paris'], ['Bob', 'Lyon'], ['Cy', 'Paris']]) await ok('record.create', { directory: 'companies', values: { name, city } });
      // Bob's city is the team's own formula (it shows "Lyon").
      await wb.transaction(() => wb.write('Companies', 2, 2, [[{ formula: '="Ly"&"on"', value: 'Lyon' }]]));
      const out = await ok('record.update', { directory: 'cities', id: 'Paris', values: { name: 'Paname' } });
      expect(out.cascaded).toEqual([{ directory: 'companies', field: 'city', count: 2 }]);
      const w = await later();
      expect((await w.read('Companies')).slice(1).map((r) => [r[1], r[2]])).toEqual([
        ['Ada', 'Paname'],
        ['Bob', 'Lyon'],
        ['Cy', 'Paname'],
      ]);
      expect((await h.cellAt!(w, 'Companies', 2, 2)).formula).toBe('="Ly"&"on"');
    });

    it("renames a city without overwriting a team's formula that shows its old name; says which were left", async () => {
      for (const [name, city] of [['Ada', 'Lyon'], ['Bolt', 'Lyon']]) await ok('record.create', { directory: 'companies', values: { name, city } });
      await wb.transaction(() => wb.write('Companies', 2, 2, [[{ formula: '="Ly"&"on"', value: 'Lyon' }]]));
      const out = await ok('record.update', { directory: 'cities', id: 'Lyon', values: { name: 'Lugdunum' } });
      expect(out.cascaded).toEqual([{ directory: 'companies', field: 'city', count: 1, formulas: ['C3'] }]);
      const w = await later();
      expect((await w.read('Companies'))[1]![2]).toBe('Lugdunum');
      expect((await h.cellAt!(w, 'Companies', 2, 2)).formula).toBe('="Ly"&"on"');
    });

    it("adds a field without resetting the formats a person gave cells of Carnet's other columns", async () => {
      await ok('record.create', { directory: 'companies', values: { name: 'Ada', discount: '10%' } });
      await h.touch!('Companies', 1, 6, { numberFormat: '0.0%' });
      await ok('field.add', { directory: 'companies', field: { label: 'Website', type: 'url' } });
      expect((await h.cellAt!(await later(), 'Companies', 1, 6)).numberFormat).toBe('0.0%');
    });

    for (const action of ['sort-descending', 'insert-row'] as const) {
      it(`writes an update onto its own record when a colleague's ${action} moved the rows meanwhile`, async () => {
        for (const name of ['Ada', 'Bob', 'Cy', 'Dee']) await ok('record.create', { directory: 'companies', values: { name } });
        const meddled = withColleague(wb, h, 'Companies', action);
        const out = await run('record.update', { directory: 'companies', id: 'Ada', values: { email: 'ada@example.com' } }, meddled);
        const rows = await companies();
        const emailOf = (name: string) => rows.find((r) => r[1] === name)?.[3] ?? null;
        if (wb.capabilities.deferredWrites) {
          // The colleague's program saved the file meanwhile: Carnet saves nothing over it.
          expect(out.ok).toBe(false);
          expect((out as { error: ErrorData }).error.code).toBe('E_CONFLICT');
          expect(emailOf('Ada')).toBe(null);
        } else {
          expect(out.ok).toBe(true);
          expect(emailOf('Ada')).toBe('ada@example.com');
        }
        expect([emailOf('Bob'), emailOf('Cy'), emailOf('Dee')]).toEqual([null, null, null]);
        if (action === 'sort-descending') expect(rows.slice(1, 5).map((r) => r[1])).toEqual(['Dee', 'Cy', 'Bob', 'Ada']);
      });

      it(`deletes the record it means when a colleague's ${action} moved the rows meanwhile`, async () => {
        for (const name of ['Ada', 'Bob', 'Cy', 'Dee']) await ok('record.create', { directory: 'companies', values: { name } });
        const meddled = withColleague(wb, h, 'Companies', action);
        const out = await run('record.delete', { directory: 'companies', id: 'Bob' }, meddled);
        const names = (await companies()).slice(1).map((r) => r[1]).filter((n) => n !== null);
        if (wb.capabilities.deferredWrites) {
          expect((out as { error: ErrorData }).error?.code).toBe('E_CONFLICT');
          expect(names.sort()).toEqual(['Ada', 'Bob', 'Cy', 'Dee']);
        } else {
          expect(out.ok).toBe(true);
          expect(names.sort()).toEqual(['Ada', 'Cy', 'Dee']);
        }
      });
    }

    it('adopts a sheet with merged headers: new columns go right of the merge, and every record gets its ID', async () => {
      await wb.transaction(async () => {
        await wb.ensureSheet('Clients');
        await wb.write('Clients', 0, 0, [
          ['Name', 'Email', 'Secteur', 'Bloc fusionné', null, null],
          ['Acme', 'a@acme.example', 'Tech', 'x', null, null],
          ['Beta SA', 'b@beta.example', 'Retail', 'y', null, null],
        ]);
      });
      await h.merge!('Clients', { top: 0, left: 3, bottom: 0, right: 5 });
      const input = { sheet: 'Clients', directory: 'companies', addIds: true, addColumns: true, mapping: { name: 'Name', email: 'Email' } };
      const plan = (await ok('directory.adopt.plan', input)) as { changes: { kind: string; range?: string; message: string }[] };
      const ids = plan.changes.find((c) => c.kind === 'ids')!;
      const merged = wb.capabilities.merges;
      // G is the first column right of everything the team has, the merged cells included.
      if (merged) expect(ids.message).toBe('Add the header "ID" in G1 and ids CO-000001…CO-000002 in G2:G3.');
      const done = (await ok('directory.adopt', input)) as { changes: unknown[] };
      expect(done.changes).toEqual(plan.changes);
      const grid = await (await later()).read('Clients');
      expect(grid[0]!.slice(0, 6)).toEqual(['Name', 'Email', 'Secteur', 'Bloc fusionné', null, null]);
      expect(grid.map((r) => r[3])).toEqual(['Bloc fusionné', 'x', 'y']);
      if (merged) expect(grid.map((r) => r[6])).toEqual(['ID', 'CO-000001', 'CO-000002']);
      const check = (await ok('crm.check', {})) as { problems: ErrorData[] };
      expect(check.problems.filter((p) => p.directory === 'companies' && p.code !== 'E_INVALID_VALUE')).toEqual([]);
      const updated = (await ok('record.update', { directory: 'companies', id: 'Beta SA', values: { email: 'hello@beta.example' } })) as { record: { id: string } };
      expect(updated.record.id).toBe('CO-000002');
      expect((await (await later()).read('Clients'))[2]!.slice(0, 2)).toEqual(['Beta SA', 'hello@beta.example']);
    });

    it("adopts a sheet normalising many scattered cells without writing back the cells between them, a team's formula among them", async () => {
      // Eight phones to rewrite in stored form, one every other row, and a team formula between them.
      const rows: (string | null | Formula)[][] = [['Name', 'Phone']];
      for (let i = 0; i < 16; i++) rows.push([`Client ${i}`, i % 2 === 0 ? `06 12 34 56 ${String(10 + i)}` : `+3361234560${i % 10}`]);
      rows[4]![1] = { formula: '="+33612345699"', value: '+33612345699' };
      // A formula whose result is not in stored form: the formula stays the team's, never its result.
      rows[6]![1] = { formula: '="06 12 34 56 98"', value: '06 12 34 56 98' };
      await wb.transaction(async () => {
        await wb.ensureSheet('Clients');
        await wb.write('Clients', 0, 0, rows);
      });
      await ok('directory.adopt', { sheet: 'Clients', directory: 'companies', addIds: true, addColumns: true, normalize: true, mapping: { name: 'Name', phone: 'Phone' } });
      const w = await later();
      const phones = (await w.read('Clients')).slice(1).map((r) => r[1]);
      expect(phones.filter((_p, i) => i % 2 === 0)).toEqual(Array.from({ length: 8 }, (_, k) => `+336123456${10 + 2 * k}`));
      expect((await h.cellAt!(w, 'Clients', 4, 1)).formula).toBe('="+33612345699"');
      expect((await h.cellAt!(w, 'Clients', 6, 1)).formula).toBe('="06 12 34 56 98"');
    });

    it('adds a field right of merged header cells, never inside them', async () => {
      await wb.transaction(() => wb.write('Companies', 0, 9, [['Bloc', null]]));
      await h.merge!('Companies', { top: 0, left: 9, bottom: 0, right: 10 });
      await ok('field.add', { directory: 'companies', field: { label: 'Website', type: 'url' } });
      const header = (await (await later()).read('Companies'))[0]!;
      // A host that cannot tell merges (Excel before ExcelApi 1.13) can only take the next empty cell.
      expect(header.slice(9)).toEqual(wb.capabilities.merges ? ['Bloc', null, 'Website'] : ['Bloc', 'Website']);
    });

    it('refuses to write a value that merged cells would hide, naming the merge', async () => {
      if (!wb.capabilities.merges) return;
      await ok('record.create', { directory: 'companies', values: { name: 'Ada' } });
      await h.merge!('Companies', { top: 1, left: 1, bottom: 1, right: 3 });
      const out = await run('record.update', { directory: 'companies', id: 'CO-000001', values: { email: 'ada@example.com' } });
      expect(out).toEqual({
        ok: false,
        error: {
          code: 'E_MERGED',
          sheet: 'Companies',
          cell: 'D2',
          row: 2,
          message: 'Companies!D2 (Email) is inside the merged cells B2:D2, where the spreadsheet would hide it. Unmerge B2:D2 first; nothing was written.',
        },
      });
    });
  });
}
