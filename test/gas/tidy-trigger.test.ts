/**
 * Keeping typed rows tidy on the Google host (gas-addon/tidy-trigger.ts): an admin turns it on,
 * on the same installable onEdit trigger as the audit's; a row a person types into a directory's
 * sheet then gets its ID and stored forms, and a cell tidy cannot fix a "Carnet: …" note, under
 * one lock, in the same number of calls whatever the sheet's size.
 */

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import { MetaStore } from '../../core/schema/storage.js';
import { TIDY_TYPED_KEY } from '../../core/tidy/typed-rows.js';
import type { EditEventApi } from '../../gas-addon/apps-script-api.js';
import { handleEdit, installAuditTrigger, removeAuditTrigger } from '../../gas-addon/audit-trigger.js';
import { contextFor } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { installTidyTrigger, removeTidyTrigger, tidyEditedRows } from '../../gas-addon/tidy-trigger.js';
import { FakeAppsScript, type PersonEdit } from './fake-spreadsheet-app.js';

const TEAM = ['owner@example.com', 'ann@example.com', 'mona@example.com'];

async function team(rows = 0) {
  const fake = new FakeAppsScript({ owner: 'owner@example.com', activeUser: 'ann@example.com', editors: TEAM });
  const as = (email: string) => {
    fake.activeUser = fake.effectiveUser = email;
  };
  const run = async (command: string, input: unknown = {}) => {
    const out = await dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
    if (!out.ok) throw new Error(`${command}: ${out.error.message}`);
    return out.result as any;
  };
  await run('crm.setup', { lang: 'en', country: 'FR' });
  await run('user.add', { id: 'mona@example.com', name: 'Mona', role: 'Manager' });
  await run('record.create', { directory: 'companies', values: { name: 'Acme' } });
  const companies = fake.spreadsheet.sheet('Companies');
  const header = companies.getRange(1, 1, 1, companies.getLastColumn()).getValues()[0]!;
  const col = (h: string) => header.indexOf(h) + 1;
  if (rows > 0) {
    const filler = Array.from({ length: rows }, (_, i) => header.map((h) => (h === 'ID' ? `CO-${String(i + 2).padStart(6, '0')}` : h === 'Name' ? `Firm ${i}` : '')));
    companies.getRange(3, 1, rows, header.length).setValues(filler);
  }
  const outcome = async (fn: typeof installTidyTrigger) => JSON.parse(await fn(fake.services)) as { ok: boolean; result?: any; error?: any };
  const runs: Record<string, number>[] = [];
  const handlers = {
    carnetOnEdit: async (e: EditEventApi) => {
      fake.calls.reset();
      await handleEdit(fake.services, e);
      await tidyEditedRows(fake.services, e);
      runs.push(fake.calls.snapshot());
    },
  };
  const edit = (e: Omit<PersonEdit, 'sheet' | 'editor'> & { sheet?: string }) => fake.triggers.edit({ sheet: 'Companies', editor: 'mona@example.com', ...e }, handlers);
  const at = (row: number, h: string) => companies.getRange(row, col(h), 1, 1);
  return { fake, as, outcome, edit, runs, at, col };
}

describe('Keeping typed rows tidy', () => {
  it('is for admins: anyone else is refused, before Google asks them for anything', async () => {
    const { fake, as, outcome } = await team();
    as('mona@example.com');
    expect(await outcome(installTidyTrigger)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN', right: 'manageUsers', value: 'mona@example.com' } });
    expect(await outcome(removeTidyTrigger)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN', right: 'manageUsers' } });
    expect(fake.triggers.all).toEqual([]);
    expect(fake.consent.requests).toEqual([]);
  });

  it('shares the admin’s one edit trigger with the audit, each switched off on its own', async () => {
    const { fake, outcome } = await team();
    expect(await outcome(installAuditTrigger)).toMatchObject({ ok: true });
    expect(await outcome(installTidyTrigger)).toMatchObject({ ok: true, result: { tidying: true, by: 'ann@example.com', changed: true } });
    expect(fake.triggers.all.map((t) => t.handler)).toEqual(['carnetOnEdit']);
    expect(await outcome(removeAuditTrigger)).toMatchObject({ ok: true, result: { recording: false } });
    expect(fake.triggers.all).toHaveLength(1);
    expect(await outcome(removeTidyTrigger)).toMatchObject({ ok: true, result: { tidying: false, changed: true, message: 'Carnet no longer keeps typed rows tidy.' } });
    expect(fake.triggers.all).toEqual([]);
    expect(await outcome(removeTidyTrigger)).toMatchObject({ ok: true, result: { changed: false, message: 'Carnet was not keeping typed rows tidy.' } });
  });

  it('names the admin in _carnet', async () => {
    const { fake, outcome } = await team();
    await outcome(installTidyTrigger);
    expect((await new MetaStore(new AppsScriptWorkbook(fake.services)).require()).extra[TIDY_TYPED_KEY]).toMatchObject({ by: 'ann@example.com' });
  });
});

describe('The trigger, on a row typed by hand', () => {
  it('gives the ID, normalises the phone, and notes the bad email; fixing it removes the note', async () => {
    const { outcome, edit, at, col, runs } = await team();
    await outcome(installTidyTrigger);
    await edit({ row: 3, column: col('Name'), values: [['Bolt']] });
    await edit({ row: 3, column: col('Phone'), values: [['06 12 34 56 78']] });
    await edit({ row: 3, column: col('Email'), values: [['bob@']] });
    expect(at(3, 'ID').getValues()[0]![0]).toBe('CO-000002');
    expect(at(3, 'Phone').getValues()[0]![0]).toBe('+33612345678');
    expect(at(3, 'Email').getValues()[0]![0]).toBe('bob@');
    expect(at(3, 'Email').getNotes()[0]![0]).toMatch(/^Carnet: .*"bob@" is not an email address\.$/);
    expect(at(3, 'Name').getNotes()[0]![0]).toBe('');
    expect(runs.every((r) => r['Lock.tryLock'] === 1 && r['Lock.releaseLock'] === 1)).toBe(true);

    await edit({ row: 3, column: col('Email'), values: [['Bob@Bolt.FR']] });
    expect(at(3, 'Email').getValues()[0]![0]).toBe('bob@bolt.fr');
    expect(at(3, 'Email').getNotes()[0]![0]).toBe('');
  });

  it('never touches a note a person wrote', async () => {
    const { outcome, edit, at, col } = await team();
    await outcome(installTidyTrigger);
    at(3, 'Email').setNote('ask Bob for his real address');
    at(3, 'Name').setNote('met at the fair');
    await edit({ row: 3, column: col('Name'), values: [['Bolt']] });
    await edit({ row: 3, column: col('Email'), values: [['bob@']] });
    expect(at(3, 'Email').getNotes()[0]![0]).toBe('ask Bob for his real address');
    await edit({ row: 3, column: col('Email'), values: [['bob@bolt.fr']] });
    expect([at(3, 'Email').getNotes()[0]![0], at(3, 'Name').getNotes()[0]![0]]).toEqual(['ask Bob for his real address', 'met at the fair']);
  });

  it('does nothing outside directory sheets, nor when it is not switched on', async () => {
    const { fake, outcome, edit, at, col, runs } = await team();
    await edit({ row: 3, column: col('Name'), values: [['Bolt']] }); // no trigger yet: nothing runs
    await outcome(installAuditTrigger); // the trigger records, tidying is off
    await edit({ row: 3, column: col('Phone'), values: [['06 12 34 56 78']] });
    expect([at(3, 'ID').getValues()[0]![0], at(3, 'Phone').getValues()[0]![0]]).toEqual(['', '06 12 34 56 78']);
    await outcome(installTidyTrigger);
    runs.length = 0;
    await edit({ sheet: 'Sheet1', row: 1, column: 1, values: [['06 12 34 56 78']] });
    expect(runs.map((r) => [r['Range.setValues'], r['Range.setNote'], r['Lock.tryLock']])).toEqual([[undefined, undefined, undefined]]);
    expect(fake.spreadsheet.sheet('Sheet1').getRange(1, 1, 1, 1).getValues()).toEqual([['06 12 34 56 78']]);
  });

  it('makes the same calls, under one lock, for a row typed in a 10-row sheet and in a 2,000-row one', async () => {
    const counts: Record<string, number>[] = [];
    for (const n of [10, 2000]) {
      const { outcome, edit, at, col, runs } = await team(n);
      await outcome(installTidyTrigger);
      runs.length = 0;
      await edit({ row: n + 3, column: col('Phone'), values: [['06 12 34 56 78']] });
      expect(at(n + 3, 'Phone').getValues()[0]![0]).toBe('+33612345678');
      counts.push(runs[0]!);
    }
    expect(counts[1]).toEqual(counts[0]);
    expect([counts[0]!['Lock.tryLock'], counts[0]!['Lock.releaseLock']]).toEqual([1, 1]);
  });
});
