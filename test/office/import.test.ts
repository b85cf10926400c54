/**
 * Imports in the Excel host, over the fake Excel: what a chunk of `import.apply` and an
 * `import.undo` cost in `context.sync()` calls (the same for 10 rows as for 2,000), text from a
 * file that Excel would read as a formula kept as text, an upsert undone to the exact cells it
 * found, and a batch applied in two chunks listed as complete.
 *
 * The setup is the sync-count test's for pivot.build (sync-count.test.ts): a fresh fake Excel, the
 * adapter with a chosen profile, `crm.setup`, records made through core's `createRecords`, then
 * each command through the registry with the counts reset before it.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../core/app/command.js';
import { serialFromParts } from '../../core/dates.js';
import type { BatchSummary, ImportResult, UndoResult } from '../../core/import/types.js';
import { createRecords } from '../../core/records/create.js';
import { Crm } from '../../core/records/crm.js';
import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';
import { ok } from '../helpers/commands.js';
import { companiesChunk, contactsChunk, costTable, FORMULA_LIKE, formulaLikeImport, storedCells, twoChunks, upsert } from '../helpers/import-cases.js';
import { FakeExcel, type FakeExcelOptions } from './fake-excel.js';

const SMALL = 10;
const LARGE = 2_000;
/** An alarm, not a figure: no step of an import may come near it. */
const CEILING = 30;

const companyName = (i: number) => `Company ${String(i).padStart(6, '0')}`;

/** A default CRM with `n` companies and `n` contacts (each at one of the first ten companies), counts reset. */
async function crmOf(n: number, options: FakeExcelOptions = {}) {
  const excel = new FakeExcel(options);
  const wb = new OfficeWorkbook({ run: excel.run, user: () => ({ id: 'ada@example.com', name: 'Ada' }), features: { notes: true, merges: true } });
  const ctx: Context = { wb, now: () => serialFromParts(2026, 11, 27, 10, 30) };
  await ok(ctx, 'crm.setup', { lang: 'en' });
  const crm = await Crm.open(wb);
  const defaults = { today: 46353, now: 46353.5, user: 'ada@example.com' };
  await createRecords(crm, 'companies', Array.from({ length: n }, (_, i) => ({ name: companyName(i), phone: '+33 1 23 45 67 89', email: `office${i}@company${i}.example` })), defaults);
  await createRecords(crm, 'contacts', Array.from({ length: n }, (_, i) => ({ name: `Person ${i}`, company: companyName(i % 10), email: `person${i}@company${i}.example` })), defaults);
  excel.resetCounts();
  /** Runs one command with the counts reset first: its result and the syncs it took. */
  const measured = async <T>(command: string, input: unknown): Promise<{ result: T; syncs: number }> => {
    excel.resetCounts();
    const result = (await ok(ctx, command, input)) as T;
    return { result, syncs: excel.syncs };
  };
  return { excel, ctx, measured };
}

describe('The number of context.sync() calls for import.apply, one chunk', () => {
  it(`is the same for ${LARGE.toLocaleString('en')} rows as for ${SMALL}: companies, then contacts with the companies they need`, async () => {
    const costs = new Map<number, { companies: number; contacts: number }>();
    for (const n of [SMALL, LARGE]) {
      const { excel, measured } = await crmOf(n);
      const companies = await measured<ImportResult>('import.apply', companiesChunk(n));
      expect(companies.result).toMatchObject({ created: { cities: 5, companies: n }, complete: true, appliedRows: n });
      const contacts = await measured<ImportResult>('import.apply', contactsChunk(n));
      expect(contacts.result).toMatchObject({ created: { companies: 10, contacts: n }, complete: true, appliedRows: n });
      // No write was cut into payload chunks: each fits one request under Excel on the web's 5 MB.
      expect(excel.largestRequest).toBeLessThan(4_000_000);
      costs.set(n, { companies: companies.syncs, contacts: contacts.syncs });
    }
    const [s, l] = [costs.get(SMALL)!, costs.get(LARGE)!];
    console.log(
      costTable(`context.sync() per import.apply chunk, ${SMALL} vs ${LARGE.toLocaleString('en')} rows (into a CRM of as many companies and contacts):`, [
        ['companies (name, phone, city; new cities)', s.companies, l.companies],
        ['contacts (company, createMissing company)', s.contacts, l.contacts],
      ]),
    );
    expect(l).toEqual(s);
    expect(Math.max(s.companies, s.contacts)).toBeLessThan(CEILING);
  }, 120_000);
});

describe('import.undo after an upsert', () => {
  it(`puts back every cell it found, with the same syncs for ${LARGE.toLocaleString('en')} rows as for ${SMALL}`, async () => {
    const costs = new Map<number, { apply: number; undo: number }>();
    for (const n of [SMALL, LARGE]) {
      const { excel, measured } = await crmOf(n);
      const before = storedCells(excel.sheets);
      const apply = await measured<ImportResult>('import.apply', upsert(n, companyName));
      expect(apply.result).toMatchObject({ counts: { create: n / 2, update: n / 2 }, created: { cities: 3, companies: n / 2 }, updated: { companies: n / 2 } });
      expect(storedCells(excel.sheets)).not.toEqual(before);
      const undo = await measured<UndoResult>('import.undo', { batch: apply.result.batch });
      expect(undo.result).toEqual({ batch: apply.result.batch, done: true, edited: [], deleted: { cities: 3, companies: n / 2 }, restored: { companies: n / 2 }, kept: [] });
      expect(storedCells(excel.sheets), `${n} rows`).toEqual(before);
      costs.set(n, { apply: apply.syncs, undo: undo.syncs });
    }
    const [s, l] = [costs.get(SMALL)!, costs.get(LARGE)!];
    console.log(
      costTable(`context.sync() for an upsert and its undo, ${SMALL} vs ${LARGE.toLocaleString('en')} rows (half updates, half new):`, [
        ['import.apply (upsert)', s.apply, l.apply],
        ['import.undo', s.undo, l.undo],
      ]),
    );
    expect(l).toEqual(s);
    expect(Math.max(s.apply, s.undo)).toBeLessThan(CEILING);
  }, 120_000);
});

describe('Text from a file that Excel would read as a formula', () => {
  // `Range.values` is taken as typed input, where "=…" is a formula; `Range.formulas` "represents
  // the formula in A1-style notation. If a cell has no formula, its value is returned instead"
  // (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member).
  // The adapter gives every text cell the Text number format `@` in the same sync, before its
  // value, so Excel keeps what arrives as is (office-addin/writing.ts; docs/excel.md "Text stays
  // text"). The fake models both readings of an apostrophe in a Text cell: both are tried.
  for (const apostropheInTextCells of ['kept', 'prefix'] as const) {
    it(`is stored as literal text in Text cells: no formula, the text as its value (apostrophe ${apostropheInTextCells})`, async () => {
      const { excel, ctx } = await crmOf(SMALL, { apostropheInTextCells });
      const result = (await ok(ctx, 'import.apply', formulaLikeImport)) as ImportResult;
      expect(result).toMatchObject({ counts: { create: FORMULA_LIKE.length, reject: 0 }, created: { companies: FORMULA_LIKE.length } });

      const sheet = excel.sheet('Companies');
      const header = excel.values('Companies')[0]!;
      const columns = [header.indexOf('Name'), header.indexOf('Comments')];
      const top = 1 + SMALL;
      expect(FORMULA_LIKE.map((_, r) => columns.map((c) => sheet.cell(top + r, c)?.value))).toEqual(FORMULA_LIKE.map(([, , name, note]) => [name, note]));
      FORMULA_LIKE.forEach((_, r) =>
        columns.forEach((c) => {
          const cell = sheet.cell(top + r, c)!;
          const where = `${header[c]} of file row ${r + 2}`;
          expect(cell.formula, where).toBeUndefined();
          expect(cell.format, where).toBe('@');
          // What the person sees is the text itself, not a result.
          expect(excel.valueAt(sheet, top + r, c), where).toBe(cell.value);
        }),
      );
      expect(excel.formulas().filter((f) => f.startsWith('Companies!'))).toEqual([]);
    });
  }
});

describe('An import in two chunks', () => {
  it('is one batch, which import.list shows complete once the second chunk is in', async () => {
    const { excel, ctx } = await crmOf(SMALL);
    const chunks = twoChunks();
    const first = (await ok(ctx, 'import.apply', chunks.first)) as ImportResult;
    expect(first).toMatchObject({ complete: false, appliedRows: 5, totalRows: 10, created: { cities: 2, companies: 5 } });
    const halfway = (await ok(ctx, 'import.list', {})) as { batches: BatchSummary[] };
    expect(halfway.batches).toMatchObject([{ batch: first.batch, status: 'incomplete', appliedRows: 5, totalRows: 10 }]);

    const second = (await ok(ctx, 'import.apply', chunks.second(first.batch))) as ImportResult;
    expect(second).toMatchObject({ batch: first.batch, complete: true, appliedRows: 10, totalRows: 10, created: { companies: 5 } });
    const listed = (await ok(ctx, 'import.list', {})) as { batches: BatchSummary[] };
    expect(listed.batches).toHaveLength(1);
    expect(listed.batches[0]).toMatchObject({ batch: first.batch, directory: 'companies', name: 'chunked.xlsx', user: 'ada@example.com', status: 'complete', appliedRows: 10, totalRows: 10, created: { cities: 2, companies: 10 }, updated: {} });
    const companies = excel.values('Companies');
    const name = companies[0]!.indexOf('Name');
    expect(companies.filter((r) => String(r[name]).startsWith('Chunked '))).toHaveLength(10);
  });
});
