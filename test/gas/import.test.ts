/**
 * Imports in the Google host, over the SpreadsheetApp fake: what a chunk of `import.apply` and an
 * `import.undo` cost in Apps Script calls (the same, method by method, for 10 rows as for 2,000),
 * text from a file that Sheets would read as a formula kept as text, an upsert undone to the exact
 * cells it found, and a batch applied in two chunks listed as complete.
 *
 * The setup is the call-count test's (call-count.test.ts): a default CRM of `n` companies and `n`
 * contacts built through the adapter (crm-fixture.ts), each command run as one `google.script.run`
 * call (a fresh adapter, then dispatch), the fake's call log reset before it.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary, ImportResult, UndoResult } from '../../core/import/types.js';
import { companiesChunk, contactsChunk, costTable, FORMULA_LIKE, formulaLikeImport, storedCells, twoChunks, upsert } from '../helpers/import-cases.js';
import { companyName, crmWith, type CrmFixture } from './crm-fixture.js';

const SMALL = 10;
const LARGE = 2_000;
/** An alarm, not a figure: no step of an import may come near it. */
const CEILING = 200;

interface Measured {
  total: number;
  perMethod: Record<string, number>;
}

/**
 * Costs compared method by method. The one call allowed to differ is the audit log's sheet growing
 * past its rows (`insertRowsAfter`, at most once per command): an append of 2,000 entries needs it,
 * one of 10 does not.
 */
function expectSameCost(large: Measured, small: Measured): void {
  const grow = 'Sheet.insertRowsAfter';
  const extra = (large.perMethod[grow] ?? 0) - (small.perMethod[grow] ?? 0);
  expect(extra === 0 || extra === 1, `${grow}: ${extra} more`).toBe(true);
  const rest = (m: Measured) => Object.fromEntries(Object.entries(m.perMethod).filter(([k]) => k !== grow));
  expect(rest(large)).toEqual(rest(small));
  expect(large.total - small.total).toBe(extra);
}

async function ok<T>(fixture: CrmFixture, command: string, input: unknown): Promise<T> {
  const outcome = await fixture.run(command, input);
  if (!outcome.ok) throw new Error(`${command}: ${JSON.stringify(outcome.error)}`);
  return outcome.result as T;
}

/** Runs one command with the call log reset first: its result and what it cost. */
async function measured<T>(fixture: CrmFixture, command: string, input: unknown): Promise<{ result: T; cost: Measured }> {
  fixture.fake.calls.reset();
  const result = await ok<T>(fixture, command, input);
  return { result, cost: { total: fixture.fake.calls.total(), perMethod: fixture.fake.calls.snapshot() } };
}

describe('Apps Script calls for import.apply, one chunk', () => {
  const costs = new Map<number, { companies: Measured; contacts: Measured }>();

  beforeAll(async () => {
    for (const n of [SMALL, LARGE]) {
      const fixture = await crmWith(n);
      const companies = await measured<ImportResult>(fixture, 'import.apply', companiesChunk(n));
      expect(companies.result).toMatchObject({ created: { cities: 5, companies: n }, complete: true, appliedRows: n });
      const contacts = await measured<ImportResult>(fixture, 'import.apply', contactsChunk(n));
      expect(contacts.result).toMatchObject({ created: { companies: 10, contacts: n }, complete: true, appliedRows: n });
      costs.set(n, { companies: companies.cost, contacts: contacts.cost });
    }
    const [s, l] = [costs.get(SMALL)!, costs.get(LARGE)!];
    console.log(
      costTable(`Apps Script calls per import.apply chunk, ${SMALL} vs ${LARGE.toLocaleString('en')} rows (into a CRM of as many companies and contacts):`, [
        ['companies (name, phone, city; new cities)', s.companies.total, l.companies.total],
        ['contacts (company, createMissing company)', s.contacts.total, l.contacts.total],
      ]),
    );
  }, 180_000);

  it(`are the same for ${LARGE.toLocaleString('en')} companies as for ${SMALL}, method by method`, () => {
    expectSameCost(costs.get(LARGE)!.companies, costs.get(SMALL)!.companies);
    expect(costs.get(SMALL)!.companies.total).toBeLessThan(CEILING);
  });

  it(`are the same for ${LARGE.toLocaleString('en')} contacts, with the companies they need, as for ${SMALL}, method by method`, () => {
    expectSameCost(costs.get(LARGE)!.contacts, costs.get(SMALL)!.contacts);
    expect(costs.get(SMALL)!.contacts.total).toBeLessThan(CEILING);
  });
});

describe('import.undo after an upsert', () => {
  const runs = new Map<number, { apply: Measured; undo: Measured; before: unknown; imported: unknown; undone: unknown; result: UndoResult }>();

  beforeAll(async () => {
    for (const n of [SMALL, LARGE]) {
      const fixture = await crmWith(n);
      const before = storedCells(fixture.fake.spreadsheet.sheetList);
      const apply = await measured<ImportResult>(fixture, 'import.apply', upsert(n, companyName));
      expect(apply.result).toMatchObject({ counts: { create: n / 2, update: n / 2 }, created: { cities: 3, companies: n / 2 }, updated: { companies: n / 2 } });
      const imported = storedCells(fixture.fake.spreadsheet.sheetList);
      const undo = await measured<UndoResult>(fixture, 'import.undo', { batch: apply.result.batch });
      runs.set(n, { apply: apply.cost, undo: undo.cost, before, imported, undone: storedCells(fixture.fake.spreadsheet.sheetList), result: undo.result });
    }
    const [s, l] = [runs.get(SMALL)!, runs.get(LARGE)!];
    console.log(
      costTable(`Apps Script calls for an upsert and its undo, ${SMALL} vs ${LARGE.toLocaleString('en')} rows (half updates, half new):`, [
        ['import.apply (upsert)', s.apply.total, l.apply.total],
        ['import.undo', s.undo.total, l.undo.total],
      ]),
    );
  }, 180_000);

  for (const n of [SMALL, LARGE]) {
    it(`puts back every cell the upsert of ${n.toLocaleString('en')} rows found, values and formulas`, () => {
      const run = runs.get(n)!;
      expect(run.result).toEqual({ batch: 'IM-000001', done: true, edited: [], deleted: { cities: 3, companies: n / 2 }, restored: { companies: n / 2 }, kept: [] });
      expect(run.imported).not.toEqual(run.before);
      expect(run.undone).toEqual(run.before);
    });
  }

  it(`costs the same for ${LARGE.toLocaleString('en')} rows as for ${SMALL}, method by method: the upsert`, () => {
    expectSameCost(runs.get(LARGE)!.apply, runs.get(SMALL)!.apply);
    expect(runs.get(SMALL)!.apply.total).toBeLessThan(CEILING);
  });

  it(`costs the same for ${LARGE.toLocaleString('en')} rows as for ${SMALL}, method by method: the undo`, () => {
    expectSameCost(runs.get(LARGE)!.undo, runs.get(SMALL)!.undo);
    expect(runs.get(SMALL)!.undo.total).toBeLessThan(CEILING);
  });
});

describe('Text from a file that Sheets would read as a formula', () => {
  // `Range.setValues` reads a string as typed: "If it begins with '=' it is interpreted as a
  // formula" (https://developers.google.com/apps-script/reference/spreadsheet/range#setvaluesvalues),
  // like the Sheets API's USER_ENTERED, "parsed as if the user typed them into the UI"
  // (https://developers.google.com/sheets/reference/rest/v4/ValueInputOption). The adapter writes
  // such text into a plain-text (`@`) cell as is, elsewhere behind a leading apostrophe, which
  // Sheets does not store (gas-addon/literal-text.ts); the fake models both, so both are tried.
  const cases: [string, string | undefined][] = [
    ["in Carnet's plain-text cells", undefined],
    // The automatic format as Apps Script reports it (a script cannot set "Automatic" as such: test/gas/fake-locale.ts).
    ['in cells a person set to the automatic format', '0.###############'],
  ];
  for (const [where, personFormat] of cases) {
    it(`is stored as literal text ${where}: no formula, the text as its value`, async () => {
      const fixture = await crmWith(SMALL);
      const sheet = fixture.fake.spreadsheet.sheet('Companies');
      const header = sheet.rows[0]!.map((c) => c?.value);
      const name = header.indexOf('Name');
      const comments = header.indexOf('Comments');
      const top = 1 + SMALL;
      if (personFormat) for (const c of [name, comments]) sheet.getRange(top + 1, c + 1, FORMULA_LIKE.length, 1).setNumberFormat(personFormat);

      const result = await ok<ImportResult>(fixture, 'import.apply', formulaLikeImport);
      expect(result).toMatchObject({ counts: { create: FORMULA_LIKE.length, reject: 0 }, created: { companies: FORMULA_LIKE.length } });

      const imported = sheet.rows.slice(top, top + FORMULA_LIKE.length);
      expect(imported.map((row) => [row[name]?.value, row[comments]?.value])).toEqual(FORMULA_LIKE.map(([, , n, c]) => [n, c]));
      for (let r = 0; r < imported.length; r++) {
        for (const c of [name, comments]) {
          const cell = imported[r]![c]!;
          expect(cell.format, `${header[c]} of file row ${r + 2}`).toBe(personFormat ?? '@');
          expect(cell.formula, `${header[c]} of file row ${r + 2}`).toBeUndefined();
          // What the person sees is the text itself: not a result, not an apostrophe.
          expect(sheet.valueAt(top + r, c)).toBe(cell.value);
        }
      }
      // getFormulas, as a person's script would ask: not one formula in the sheet.
      expect(sheet.getDataRange().getFormulas().flat().filter((f) => f !== '')).toEqual([]);
    });
  }
});

describe('An import in two chunks', () => {
  it('is one batch, which import.list shows complete once the second chunk is in', async () => {
    const fixture = await crmWith(SMALL);
    const chunks = twoChunks();
    const first = await ok<ImportResult>(fixture, 'import.apply', chunks.first);
    expect(first).toMatchObject({ complete: false, appliedRows: 5, totalRows: 10, created: { cities: 2, companies: 5 } });
    const halfway = await ok<{ batches: BatchSummary[] }>(fixture, 'import.list', {});
    expect(halfway.batches).toMatchObject([{ batch: first.batch, status: 'incomplete', appliedRows: 5, totalRows: 10 }]);

    const second = await ok<ImportResult>(fixture, 'import.apply', chunks.second(first.batch));
    expect(second).toMatchObject({ batch: first.batch, complete: true, appliedRows: 10, totalRows: 10, created: { companies: 5 } });
    const listed = await ok<{ batches: BatchSummary[] }>(fixture, 'import.list', {});
    expect(listed.batches).toHaveLength(1);
    expect(listed.batches[0]).toMatchObject({ batch: first.batch, directory: 'companies', name: 'chunked.xlsx', user: 'owner@example.com', status: 'complete', appliedRows: 10, totalRows: 10, created: { cities: 2, companies: 10 }, updated: {} });
    const rows = fixture.fake.spreadsheet.sheet('Companies').rows;
    const name = rows[0]!.findIndex((c) => c?.value === 'Name');
    expect(rows.filter((r) => String(r[name]?.value).startsWith('Chunked '))).toHaveLength(10);
  });
});
