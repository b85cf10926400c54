/**
 * No command may make Apps Script calls per row: each real command runs against a CRM of 10
 * companies (and 10 contacts) and one of 10,000, and must make exactly the same calls, method by
 * method. A per-row call anywhere (adapter or core) makes the two counts differ.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { Grid } from '../../core/workbook.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { contextFor } from '../../gas-addon/server.js';
import { dispatch } from '../../core/app/registry.js';
import { crmWith, type CrmFixture } from './crm-fixture.js';
import type { FakeAppsScript } from './fake-spreadsheet-app.js';

const SMALL = 10;
const LARGE = 10_000;

/** The commands of a working session, in order (each sees the previous ones' changes). */
const SESSION: [string, unknown][] = [
  ['crm.setup', { lang: 'en' }],
  ['schema.get', {}],
  ['record.create', { directory: 'companies', values: { name: 'New Co', email: 'hello@new.example', phone: '+1 212 555 0100' } }],
  ['record.update', { directory: 'companies', id: 'CO-000001', values: { name: 'Renamed Co' } }],
  ['record.list', { directory: 'companies' }],
  ['record.get', { directory: 'contacts', id: 'Person 0' }],
  ['crm.check', {}],
  ['field.add', { directory: 'companies', field: { label: 'Rating', type: 'integer' } }],
  ['record.delete', { directory: 'companies', id: 'New Co' }],
];

interface Measured {
  total: number;
  perMethod: Record<string, number>;
}

async function measureSession(fixture: CrmFixture): Promise<Map<string, Measured>> {
  const out = new Map<string, Measured>();
  for (const [command, input] of SESSION) {
    fixture.fake.calls.reset();
    const outcome = await fixture.run(command, input);
    if (!outcome.ok) throw new Error(`${command}: ${outcome.error.message}`);
    out.set(command, { total: fixture.fake.calls.total(), perMethod: fixture.fake.calls.snapshot() });
  }
  return out;
}

describe('Apps Script calls per command', () => {
  let small: Map<string, Measured>;
  let large: Map<string, Measured>;
  let fixtures: { small: CrmFixture; large: CrmFixture };

  beforeAll(async () => {
    fixtures = { small: await crmWith(SMALL), large: await crmWith(LARGE) };
    small = await measureSession(fixtures.small);
    large = await measureSession(fixtures.large);
  }, 180_000);

  describe(`are the same with ${LARGE.toLocaleString('en')} companies as with ${SMALL}`, () => {
    for (const [command] of SESSION) {
      it(`for ${command}, method by method`, () => {
        expect(large.get(command)).toEqual(small.get(command));
      });
    }
  });

  describe('stay few', () => {
    it('one getValues per sheet a command reads, never one per row', () => {
      // record.list reads _carnet and Companies: two reads, whatever the rows.
      expect(small.get('record.list')!.perMethod['Range.getValues']).toBe(2);
      expect(large.get('record.list')!.perMethod['Range.getValues']).toBe(2);
    });

    it('one setValues per rectangle written: a rename writes the record, the references, nothing more', () => {
      // The company's row, then the contacts' company column (one span, rows 1 to n).
      expect(large.get('record.update')!.perMethod['Range.setValues']).toBe(2);
    });

    it('under 200 calls for the heaviest command of the session', () => {
      const heaviest = Math.max(...[...large.values()].map((m) => m.total));
      expect(heaviest).toBeLessThan(200);
    });
  });

  describe('the comparison itself', () => {
    /** An adapter that reads a sheet row by row, as a naive port of Excel code might. */
    class RowByRowWorkbook extends AppsScriptWorkbook {
      constructor(private readonly fake: FakeAppsScript) {
        super(fake.services);
      }
      override async read(sheet: string): Promise<Grid> {
        const grid = await super.read(sheet);
        const s = this.fake.spreadsheet.getSheetByName(sheet);
        if (s) for (let r = 1; r <= grid.length; r++) s.getRange(r, 1, 1, 1).getValues();
        return grid;
      }
    }

    it('catches a per-row call: the counts then differ', async () => {
      const counts: Record<string, number>[] = [];
      for (const f of [fixtures.small, fixtures.large]) {
        f.fake.calls.reset();
        const outcome = await dispatch(contextFor(new RowByRowWorkbook(f.fake)), 'record.list', { directory: 'companies' });
        expect(outcome.ok).toBe(true);
        counts.push(f.fake.calls.snapshot());
      }
      expect(counts[1]).not.toEqual(counts[0]);
      expect(counts[1]!['Range.getValues']! - counts[0]!['Range.getValues']!).toBe(LARGE - SMALL);
    });
  });
});
