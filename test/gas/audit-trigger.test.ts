/**
 * Recording hand edits on the Google host (gas-addon/audit-trigger.ts): an admin turns on the
 * installable onEdit trigger, once; a person's edit of a directory's sheet then reaches the Audit
 * sheet as `(by hand)` entries, appended in one call under the document lock; and, first, the
 * fake's triggers pinned against what the reference says of them (test/gas/fake-triggers.ts).
 */

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import { HAND_EDITS_KEY } from '../../core/audit/hand-edit.js';
import { AUDIT_SHEET, decodeAudit, type AuditEntry } from '../../core/audit/log.js';
import { MetaStore } from '../../core/schema/storage.js';
import type { EditEventApi } from '../../gas-addon/apps-script-api.js';
import { handleEdit, installAuditTrigger, removeAuditTrigger } from '../../gas-addon/audit-trigger.js';
import { contextFor } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { EVENT_TYPE, FakeAppsScript, SCRIPTAPP_SCOPE, type FakeOptions, type PersonEdit } from './fake-spreadsheet-app.js';

const TEAM = ['owner@example.com', 'ann@example.com', 'ben@example.com', 'mona@example.com', 'vic@example.com'];

/**
 * A CRM set up by Ann (its first admin) in a spreadsheet owned by owner@; Ben is a second admin,
 * Mona a Manager, Vic a Viewer. Acme is Mona's, Globex Bob's.
 */
async function team(options: FakeOptions = {}) {
  const fake = new FakeAppsScript({ owner: 'owner@example.com', activeUser: 'ann@example.com', editors: TEAM, ...options });
  const as = (email: string) => {
    fake.activeUser = fake.effectiveUser = email;
  };
  const run = async (command: string, input: unknown = {}) => {
    const out = await dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
    if (!out.ok) throw new Error(`${command}: ${out.error.message}`);
    return out.result as any;
  };
  await run('crm.setup', { lang: 'en' });
  await run('user.add', { id: 'ben@example.com', name: 'Ben', role: 'Admin' });
  await run('user.add', { id: 'mona@example.com', name: 'Mona', role: 'Manager' });
  await run('user.add', { id: 'vic@example.com', name: 'Vic', role: 'Viewer' });
  await run('record.create', { directory: 'companies', values: { name: 'Acme', owner: 'mona@example.com' } });
  await run('record.create', { directory: 'companies', values: { name: 'Globex', owner: 'bob@example.com' } });
  const outcome = async (fn: typeof installAuditTrigger) => JSON.parse(await fn(fake.services)) as { ok: boolean; result?: any; error?: any };
  /** The calls each run of the trigger's function made, in order. */
  const runs: Record<string, number>[] = [];
  const handlers = {
    carnetOnEdit: async (e: EditEventApi) => {
      fake.calls.reset();
      await handleEdit(fake.services, e);
      runs.push(fake.calls.snapshot());
    },
  };
  const edit = (e: Omit<PersonEdit, 'sheet'> & { sheet?: string }) => fake.triggers.edit({ sheet: 'Companies', ...e }, handlers);
  const log = async (): Promise<AuditEntry[]> => decodeAudit(await new AppsScriptWorkbook(fake.services).read(AUDIT_SHEET));
  const settings = async () => (await new MetaStore(new AppsScriptWorkbook(fake.services)).require()).extra;
  /** 1-based position of a company's row and of a column, by header. */
  const cell = (name: string, header: string) => {
    const grid = fake.spreadsheet.sheet('Companies').getDataRange().getValues();
    return { row: grid.findIndex((r) => r.includes(name)) + 1, column: grid[0]!.indexOf(header) + 1 };
  };
  return { fake, as, run, outcome, edit, runs, log, settings, cell };
}

describe('The fake’s installable triggers, as the reference describes them', () => {
  it('belong to whoever made them: nobody else lists or removes them', async () => {
    const fake = new FakeAppsScript({ activeUser: 'ann@example.com', grantedScopes: [SCRIPTAPP_SCOPE] });
    const t = fake.ScriptApp.newTrigger('f').forSpreadsheet(fake.spreadsheet).onEdit().create();
    expect([t.getHandlerFunction(), t.getEventType()]).toEqual(['f', EVENT_TYPE.ON_EDIT]);
    expect(fake.ScriptApp.getUserTriggers(fake.spreadsheet)).toEqual([t]);
    fake.activeUser = fake.effectiveUser = 'ben@example.com';
    expect(fake.ScriptApp.getUserTriggers(fake.spreadsheet)).toEqual([]);
    expect(fake.ScriptApp.getProjectTriggers()).toEqual([]);
    expect(() => fake.ScriptApp.deleteTrigger(t)).toThrow(/no such trigger of this user/);
  });

  it('allow an add-on one edit trigger per user and document, and need the script.scriptapp scope', () => {
    const fake = new FakeAppsScript({ activeUser: 'ann@example.com' });
    expect(() => fake.ScriptApp.newTrigger('f')).toThrow(`Exception: You do not have permission to call ScriptApp.newTrigger. Required permissions: ${SCRIPTAPP_SCOPE}`);
    fake.consent.granted.add(SCRIPTAPP_SCOPE);
    fake.ScriptApp.newTrigger('f').forSpreadsheet(fake.spreadsheet).onEdit().create();
    expect(() => fake.ScriptApp.newTrigger('g').forSpreadsheet(fake.spreadsheet).onEdit().create()).toThrow(/one trigger of each type, per user, per document/);
  });

  it('fire on a person’s edit only, as the trigger’s owner, with oldValue and value for a single cell', async () => {
    const fake = new FakeAppsScript({ sheets: ['S'], activeUser: 'ann@example.com', grantedScopes: [SCRIPTAPP_SCOPE] });
    fake.spreadsheet.sheet('S').getRange(1, 1, 1, 2).setValues([['was', '']]);
    fake.ScriptApp.newTrigger('onEditOf').forSpreadsheet(fake.spreadsheet).onEdit().create();
    const seen: unknown[] = [];
    const handlers = {
      onEditOf: (e: EditEventApi) =>
        seen.push({ a1: e.range.getA1Notation(), old: e.oldValue, value: e.value, user: (e.user as { getEmail(): string }).getEmail(), running: fake.Session.getEffectiveUser().getEmail() }),
    };
    // Script writes fire nothing.
    fake.spreadsheet.sheet('S').getRange(2, 1, 1, 1).setValues([['by script']]);
    await fake.triggers.edit({ sheet: 'S', row: 1, column: 1, values: [['now']], editor: 'vic@example.com' }, handlers);
    await fake.triggers.edit({ sheet: 'S', row: 1, column: 1, values: [['a', 'b']], editor: 'vic@example.com', named: false }, handlers);
    expect(seen).toEqual([
      { a1: 'A1', old: 'was', value: 'now', user: 'vic@example.com', running: 'ann@example.com' },
      { a1: 'A1:B1', old: undefined, value: undefined, user: '', running: 'ann@example.com' },
    ]);
  });
});

describe('Turning the recording of hand edits on', () => {
  it('is for admins: anyone else is refused before Google asks them for anything', async () => {
    const { fake, as, outcome } = await team();
    as('mona@example.com');
    expect(await outcome(installAuditTrigger)).toEqual({
      ok: false,
      error: {
        code: 'E_FORBIDDEN',
        right: 'manageUsers',
        value: 'mona@example.com',
        message: 'mona@example.com may not turn the recording of hand edits on or off: that needs the right "manageUsers", which admins have.',
      },
    });
    as('');
    expect(await outcome(installAuditTrigger)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN', right: 'account' } });
    expect(fake.triggers.all).toEqual([]);
    expect(fake.consent.requests).toEqual([]);
  });

  it('asks for the trigger scope, then makes one edit trigger of the admin’s, named in _carnet and in the log', async () => {
    const { fake, outcome, settings, log } = await team();
    const out = await outcome(installAuditTrigger);
    expect(out).toMatchObject({ ok: true, result: { recording: true, by: 'ann@example.com', changed: true } });
    expect(fake.consent.requests).toEqual([{ authMode: fake.ScriptApp.AuthMode.FULL, scopes: [SCRIPTAPP_SCOPE] }]);
    expect(fake.triggers.all.map((t) => [t.owner, t.handler, t.type])).toEqual([['ann@example.com', 'carnetOnEdit', EVENT_TYPE.ON_EDIT]]);
    expect((await settings())[HAND_EDITS_KEY]).toMatchObject({ by: 'ann@example.com' });
    expect((await log()).at(-1)).toMatchObject({ who: 'ann@example.com', command: 'installAuditTrigger', field: HAND_EDITS_KEY, old: '' });
  });

  it('does it once: again, it makes no trigger and saves nothing', async () => {
    const { fake, outcome } = await team();
    await outcome(installAuditTrigger);
    fake.calls.reset();
    expect(await outcome(installAuditTrigger)).toMatchObject({ ok: true, result: { recording: true, changed: false, message: 'Carnet already records hand edits (you turned it on).' } });
    expect(fake.triggers.all).toHaveLength(1);
    expect(fake.calls.counts['SpreadsheetTriggerBuilder.create']).toBeUndefined();
    expect(fake.calls.counts['Range.setValues']).toBeUndefined();
  });

  it('by a second admin adds no second trigger, which would log every edit twice', async () => {
    const { fake, as, outcome } = await team();
    await outcome(installAuditTrigger);
    as('ben@example.com');
    expect(await outcome(installAuditTrigger)).toMatchObject({ ok: true, result: { recording: true, by: 'ann@example.com', changed: false } });
    expect(fake.triggers.all.map((t) => t.owner)).toEqual(['ann@example.com']);
  });

  it('changes nothing when the admin declines the scope', async () => {
    const { fake, outcome, settings } = await team({ declinedScopes: [SCRIPTAPP_SCOPE] });
    expect(await outcome(installAuditTrigger)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(fake.triggers.all).toEqual([]);
    expect((await settings())[HAND_EDITS_KEY]).toBeUndefined();
  });
});

describe('Turning it off', () => {
  it('removes the admin’s trigger: edits are recorded no more', async () => {
    const { fake, outcome, settings } = await team();
    await outcome(installAuditTrigger);
    expect(await outcome(removeAuditTrigger)).toMatchObject({ ok: true, result: { recording: false, changed: true, message: 'Carnet no longer records hand edits.' } });
    expect(fake.triggers.all).toEqual([]);
    expect((await settings())[HAND_EDITS_KEY]).toBeUndefined();
    expect(await outcome(removeAuditTrigger)).toMatchObject({ ok: true, result: { changed: false, message: 'Carnet was not recording hand edits.' } });
  });

  it('by another admin leaves the first one’s trigger (Google lets nobody else remove it), recording nothing', async () => {
    const { fake, as, outcome, edit, log, cell } = await team();
    await outcome(installAuditTrigger);
    as('ben@example.com');
    const out = await outcome(removeAuditTrigger);
    expect(out.result.message).toBe(
      "Carnet no longer records hand edits. ann@example.com's trigger stays installed but records nothing; only ann@example.com can remove it (Extensions → Carnet → Stop recording hand edits).",
    );
    expect(fake.triggers.all).toHaveLength(1);
    const before = (await log()).length;
    await edit({ ...cell('Acme', 'Name'), values: [['Acme Inc']], editor: 'mona@example.com' });
    expect(await log()).toHaveLength(before);
  });

  it('is for admins too', async () => {
    const { as, outcome } = await team();
    await outcome(installAuditTrigger);
    as('vic@example.com');
    expect(await outcome(removeAuditTrigger)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN', right: 'manageUsers' } });
  });
});

describe('The trigger, on a person’s edit', () => {
  it('appends the edit’s entries to Audit in one call, under the document lock', async () => {
    const { outcome, edit, runs, log, cell } = await team();
    await outcome(installAuditTrigger);
    const before = (await log()).length;
    await edit({ ...cell('Acme', 'Name'), values: [['Acme Inc']], editor: 'mona@example.com' });
    const added = (await log()).slice(before);
    expect(added.map((e) => [e.who, e.command, e.directory, e.record, e.field, e.old, e.new, e.flag])).toEqual([
      ['mona@example.com', '(by hand)', 'companies', 'CO-000001', 'name', 'Acme', 'Acme Inc', undefined],
    ]);
    expect(runs).toHaveLength(1);
    expect([runs[0]!['Range.setValues'], runs[0]!['Lock.tryLock'], runs[0]!['Lock.releaseLock']]).toEqual([1, 1, 1]);
  });

  it('flags what the person’s rights do not allow', async () => {
    const { outcome, edit, log, cell } = await team();
    await outcome(installAuditTrigger);
    const [globex, acme, acmeId] = [cell('Globex', 'Name'), cell('Acme', 'Name'), cell('Acme', 'ID')];
    await edit({ ...globex, values: [['Globex Corp']], editor: 'mona@example.com' });
    await edit({ ...acme, values: [['Acme?']], editor: 'vic@example.com' });
    await edit({ ...acmeId, values: [['CO-9']], editor: 'ann@example.com' });
    expect((await log()).slice(-3).map((e) => [e.who, e.record, e.field, e.flag])).toEqual([
      ['mona@example.com', 'CO-000002', 'name', "not allowed: editing another's record needs full (Manager has add)"],
      ['vic@example.com', 'CO-000001', 'name', 'not allowed: editing Companies needs own (Viewer has view)'],
      ['ann@example.com', 'CO-000001', 'ID', "not allowed: IDs are Carnet's"],
    ]);
  });

  it('logs a paste as one entry per cell, the old values not known', async () => {
    const { outcome, edit, log, cell } = await team();
    await outcome(installAuditTrigger);
    const at = cell('Acme', 'Name');
    await edit({ row: at.row, column: at.column, values: [['Acme 2'], ['Globex 2']], editor: 'ann@example.com' });
    expect((await log()).slice(-2).map((e) => [e.record, e.field, e.old, e.new])).toEqual([
      ['CO-000001', 'name', '(not known)', 'Acme 2'],
      ['CO-000002', 'name', '(not known)', 'Globex 2'],
    ]);
  });

  it('flags an edit whose author Google does not name', async () => {
    const { outcome, edit, log, cell } = await team();
    await outcome(installAuditTrigger);
    await edit({ ...cell('Acme', 'Name'), values: [['Acme Inc']], editor: 'mona@example.com', named: false });
    expect((await log()).at(-1)).toMatchObject({ who: '', flag: 'no account: Google did not say who made this edit' });
  });

  it('does nothing outside directory sheets: no write, no lock', async () => {
    const { fake, outcome, edit, runs, log } = await team();
    await outcome(installAuditTrigger);
    const before = await log();
    await edit({ sheet: 'Sheet1', row: 1, column: 1, values: [['my notes']], editor: 'mona@example.com' });
    await edit({ sheet: AUDIT_SHEET, row: 2, column: 1, values: [['tampered']], editor: 'ann@example.com' });
    expect(runs.map((r) => [r['Range.setValues'], r['Lock.tryLock']])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    // Carnet's own sheets are known by name: not even _carnet is read.
    expect(runs[1]!['Range.getValues']).toBeUndefined();
    expect((await log()).slice(1)).toEqual(before.slice(1));
    expect(fake.spreadsheet.sheet(AUDIT_SHEET).getRange(2, 1, 1, 1).getValues()).toEqual([['tampered']]);
  });
});
