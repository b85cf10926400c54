/**
 * Protection plans on the Google host (issue 12): what `protect()` does to a spreadsheet's
 * protections, call by call, and what `protections()` reads back; and, first, the fake's
 * protections themselves, pinned against what the Apps Script reference says of them
 * (test/gas/fake-protection.ts), so that a change to the fake shows.
 */

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import { CarnetError } from '../../core/errors.js';
import type { ProtectionPlan } from '../../core/workbook.js';
import { contextFor } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { FakeAppsScript, type FakeOptions, type FakeSheet } from './fake-spreadsheet-app.js';

const PLAN_DESCRIPTION = 'Protected by Carnet';
const WARN_DESCRIPTION = 'Carnet: typed by Carnet (IDs, computed columns)';

/** The calls that change a protection or make one. */
const MUTATING = /^(Protection\.(addEditors|removeEditors|remove|setDescription|setDomainEdit|setWarningOnly)|Sheet\.protect|Range\.protect)$/;

/**
 * A spreadsheet owned by owner@, shared with admin@ and bob@; admin@ runs Carnet. Each `wb()` is a
 * new adapter, as each server call makes one.
 */
function setup(options: FakeOptions = {}) {
  const fake = new FakeAppsScript({
    owner: 'owner@example.com',
    activeUser: 'admin@example.com',
    editors: ['owner@example.com', 'admin@example.com', 'bob@example.com'],
    sheets: ['Contacts', 'Notes'],
    ...options,
  });
  const sheet = (name: string): FakeSheet => fake.spreadsheet.sheet(name);
  sheet('Contacts').getRange(1, 1, 2, 2).setValues([['ID', 'Name'], ['CO-1', 'Ann']]);
  sheet('Notes').getRange(1, 1, 2, 1).setValues([['ID'], ['NO-1']]);
  fake.calls.reset();
  return { fake, sheet, wb: () => new AppsScriptWorkbook(fake.services) };
}

/** Acting as someone else: the add-on runs as the person using it. */
function actAs(fake: FakeAppsScript, email: string): void {
  fake.activeUser = fake.effectiveUser = email;
}

function mutatingCalls(fake: FakeAppsScript): Record<string, number> {
  return Object.fromEntries(Object.entries(fake.calls.snapshot()).filter(([method]) => MUTATING.test(method)));
}

/** The error a call throws, as data. */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e instanceof CarnetError ? e.data : (e as Error).message;
  }
  throw new Error('expected an error');
}

async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof CarnetError ? e.data : (e as Error).message;
  }
  throw new Error('expected a rejection');
}

const contactsLocked: ProtectionPlan = {
  sheets: [{ name: 'Contacts', editors: ['carol@example.com', 'mona@example.com'], locked: true, reason: 'a directory' }],
};

describe('The fake’s protections, as the Apps Script reference describes them', () => {
  describe('a new protection (sheet#protect)', () => {
    it('mirrors the spreadsheet’s editors, and stops nobody, until its editors are changed', () => {
      const { fake, sheet } = setup();
      const p = sheet('Contacts').protect();
      expect(p.mirrorsSpreadsheet).toBe(true);
      expect(p.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com', 'admin@example.com', 'bob@example.com']);
      fake.spreadsheet.editors.push('dan@example.com');
      expect(p.editors).toContain('dan@example.com');
      actAs(fake, 'eve@example.com');
      sheet('Contacts').getRange(2, 2, 1, 1).setValues([['Eve was here']]);

      actAs(fake, 'admin@example.com');
      p.addEditors(['carol@example.com']);
      expect(p.mirrorsSpreadsheet).toBe(false);
      fake.spreadsheet.editors.push('frank@example.com');
      expect(p.editors).toEqual(['owner@example.com', 'admin@example.com', 'bob@example.com', 'dan@example.com', 'carol@example.com']);
      actAs(fake, 'eve@example.com');
      expect(errorOf(() => sheet('Contacts').getRange(2, 2, 1, 1).setValues([['again']]))).toBe(
        'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
      );
    });

    it('is the sheet’s one protection: protect() again gives back the same', () => {
      const { sheet } = setup();
      const p = sheet('Contacts').protect().setDescription('ours');
      expect(sheet('Contacts').protect()).toBe(p);
      expect(sheet('Contacts').protections).toEqual([p]);
    });
  });

  it('keeps the owner and the current user whatever removeEditors is given, without an error', () => {
    const { sheet } = setup();
    const p = sheet('Contacts').protect();
    p.removeEditors(['owner@example.com', 'admin@example.com', 'bob@example.com']);
    expect(p.editors).toEqual(['owner@example.com', 'admin@example.com']);
  });

  it('refuses getEditors (and canDomainEdit, and changes) to someone who may not edit the protection', () => {
    const { fake, sheet } = setup();
    const p = sheet('Contacts').protect();
    p.removeEditors(['bob@example.com']);
    actAs(fake, 'bob@example.com');
    const refusal = 'does not have permission to edit the protected range or sheet (the reference says it throws; its wording is not known here).';
    expect(errorOf(() => p.getEditors())).toBe(`Exception: fake Protection.getEditors: bob@example.com ${refusal}`);
    expect(errorOf(() => p.canDomainEdit())).toBe(`Exception: fake Protection.canDomainEdit: bob@example.com ${refusal}`);
    expect(errorOf(() => p.remove())).toBe(`Exception: fake Protection.remove: bob@example.com ${refusal}`);
    expect(p.canEdit()).toBe(false);
    actAs(fake, 'owner@example.com');
    expect(p.canEdit()).toBe(true);
  });

  describe('domain editing', () => {
    it('does not exist outside a Workspace domain: canDomainEdit is false, setDomainEdit throws', () => {
      const { sheet } = setup();
      const p = sheet('Contacts').protect();
      expect(p.canDomainEdit()).toBe(false);
      expect(errorOf(() => p.setDomainEdit(false))).toBe(
        'Exception: fake Protection.setDomainEdit: the spreadsheet does not belong to a Google Workspace domain (the reference says it throws; its wording is not known here).',
      );
    });

    it('lets the whole Workspace domain edit a new protection until it is turned off', () => {
      const { fake, sheet } = setup({ workspaceDomain: 'example.com' });
      const p = sheet('Contacts').protect();
      p.removeEditors(['bob@example.com']);
      expect(p.canDomainEdit()).toBe(true);
      actAs(fake, 'gina@example.com');
      sheet('Contacts').getRange(2, 2, 1, 1).setValues([['Gina']]);
      actAs(fake, 'admin@example.com');
      p.setDomainEdit(false);
      actAs(fake, 'gina@example.com');
      expect(errorOf(() => sheet('Contacts').getRange(2, 2, 1, 1).setValues([['again']]))).toMatch(/protected cell/);
    });
  });

  it('lets anyone edit under a warning-only protection', () => {
    const { fake, sheet } = setup();
    const p = sheet('Contacts').protect().setWarningOnly(true);
    p.removeEditors(['bob@example.com']);
    actAs(fake, 'bob@example.com');
    sheet('Contacts').getRange(2, 2, 1, 1).setValues([['Bob']]);
    expect(sheet('Contacts').stored(1, 1)?.value).toBe('Bob');
  });

  it('lists range protections apart from the sheet’s, each with its range, until removed', () => {
    const { sheet } = setup();
    const s = sheet('Contacts');
    const a = s.getRange(1, 1, 1000, 1).protect().setDescription('IDs');
    const b = s.getRange(1, 1, 1000, 1).protect().setDescription('IDs again');
    expect(s.getProtections(s.book.fake.SpreadsheetApp.ProtectionType.RANGE).map((p) => p.getDescription())).toEqual(['IDs', 'IDs again']);
    expect(s.getProtections(s.book.fake.SpreadsheetApp.ProtectionType.SHEET)).toEqual([]);
    expect(a.getRange().getA1Notation()).toBe('A1:A1000');
    expect(s.protect().getRange().getA1Notation()).toBe('A1:Z1000');
    b.remove();
    expect(s.rangeProtections).toEqual([a]);
  });

  it('logs every change to a protection, in order', () => {
    const { fake, sheet } = setup();
    sheet('Contacts').protect().setDescription('d').addEditors(['x@example.com']).removeEditors(['bob@example.com']);
    sheet('Notes').getRange(1, 1, 5, 2).protect().setWarningOnly(true);
    expect(fake.spreadsheet.protectionLog).toEqual([
      { on: 'Contacts', call: 'protect', args: [] },
      { on: 'Contacts', call: 'setDescription', args: ['d'] },
      { on: 'Contacts', call: 'addEditors', args: [['x@example.com']] },
      { on: 'Contacts', call: 'removeEditors', args: [['bob@example.com']] },
      { on: 'Notes!A1:B5', call: 'protect', args: [] },
      { on: 'Notes!A1:B5', call: 'setWarningOnly', args: [true] },
    ]);
  });
});

describe('Protection plans on Google Sheets', () => {
  describe('a locked sheet', () => {
    it('gets one protection of Carnet’s whose editors are exactly the plan’s, with the owner and the person applying', async () => {
      const { sheet, wb } = setup();
      await wb().protect(contactsLocked);
      const [p, ...more] = sheet('Contacts').protections;
      expect(more).toEqual([]);
      expect(p!.description).toBe(PLAN_DESCRIPTION);
      expect(p!.warningOnly).toBe(false);
      expect(p!.mirrorsSpreadsheet).toBe(false);
      expect(p!.editors.sort()).toEqual(['admin@example.com', 'carol@example.com', 'mona@example.com', 'owner@example.com']);
      // Other sheets are not the plan's business.
      expect(sheet('Notes').protections).toEqual([]);
    });

    it('is given the person applying before anyone is removed, as the reference’s sample does', async () => {
      const { fake, wb } = setup();
      await wb().protect(contactsLocked);
      expect(fake.spreadsheet.protectionLog.filter((c) => c.on === 'Contacts')).toEqual([
        { on: 'Contacts', call: 'protect', args: [] },
        { on: 'Contacts', call: 'setDescription', args: [PLAN_DESCRIPTION] },
        { on: 'Contacts', call: 'addEditors', args: [['admin@example.com', 'carol@example.com', 'mona@example.com']] },
        { on: 'Contacts', call: 'removeEditors', args: [['bob@example.com']] },
      ]);
    });

    it('has domain editing turned off in a Workspace domain', async () => {
      const { fake, sheet, wb } = setup({ workspaceDomain: 'example.com' });
      await wb().protect(contactsLocked);
      expect(sheet('Contacts').protections[0]!.domainEdit).toBe(false);
      expect(fake.spreadsheet.protectionLog.at(-1)).toEqual({ on: 'Contacts', call: 'setDomainEdit', args: [false] });
      actAs(fake, 'bob@example.com');
      expect(errorOf(() => sheet('Contacts').getRange(2, 2, 1, 1).setValues([['Bob']]))).toMatch(/protected cell/);
    });

    it('refuses people who are not the plan’s editors, and lets its editors and Carnet write', async () => {
      const { fake, sheet, wb } = setup();
      await wb().protect(contactsLocked);
      await wb().write('Contacts', 1, 1, [['Ann B.']]);
      actAs(fake, 'mona@example.com');
      await wb().write('Contacts', 1, 1, [['Ann C.']]);
      actAs(fake, 'bob@example.com');
      expect(errorOf(() => sheet('Contacts').getRange(2, 2, 1, 1).setValues([['Bob']]))).toMatch(/protected cell/);
      expect(sheet('Contacts').stored(1, 1)?.value).toBe('Ann C.');
    });

    it('gets a warning-only protection per run of the plan’s columns, over every row of the sheet', async () => {
      const { fake, sheet, wb } = setup();
      const warnColumns = [6, 0, 5].map((column) => ({ column, label: `column ${column}` }));
      await wb().protect({ sheets: [{ ...contactsLocked.sheets[0]!, warnColumns }] });
      expect(sheet('Contacts').rangeProtections.map((p) => [p.getRange().getA1Notation(), p.warningOnly, p.description])).toEqual([
        ['A1:A1000', true, WARN_DESCRIPTION],
        ['F1:G1000', true, WARN_DESCRIPTION],
      ]);
      // Warned, not stopped: Carnet writes its IDs there, and so can the sheet's editors.
      await wb().write('Contacts', 2, 0, [['CO-2']]);
      actAs(fake, 'carol@example.com');
      sheet('Contacts').getRange(3, 1, 1, 1).setValues([['CO-3']]);
      expect(sheet('Contacts').stored(2, 0)?.value).toBe('CO-3');
    });

    it('loses the column protections the plan no longer has, and keeps the others as they are', async () => {
      const { sheet, wb } = setup();
      const locked = (columns: number[]) => ({ sheets: [{ ...contactsLocked.sheets[0]!, warnColumns: columns.map((column) => ({ column, label: 'x' })) }] });
      await wb().protect(locked([0, 3]));
      const [ids] = sheet('Contacts').rangeProtections;
      await wb().protect(locked([0]));
      expect(sheet('Contacts').rangeProtections).toEqual([ids]);
    });

    it('takes over the _carnet settings protection: one protection, the plan’s', async () => {
      const { fake, sheet, wb } = setup();
      await wb().ensureSheet('_carnet', { visibility: 'very' });
      expect(sheet('_carnet').protections.map((p) => [p.description, p.warningOnly])).toEqual([
        ['Carnet settings: change them through Carnet (Extensions → Carnet).', true],
      ]);
      await wb().protect({ sheets: [{ name: '_carnet', editors: ['admin@example.com'], locked: true, reason: 'settings' }] });
      const [p, ...more] = sheet('_carnet').protections;
      expect(more).toEqual([]);
      expect([p!.description, p!.warningOnly, p!.editors.sort()]).toEqual([PLAN_DESCRIPTION, false, ['admin@example.com', 'owner@example.com']]);
      // And a later ensureSheet keeps the plan's.
      fake.calls.reset();
      await wb().ensureSheet('_carnet', { visibility: 'very' });
      expect(mutatingCalls(fake)).toEqual({});
    });
  });

  describe('the same plan applied again', () => {
    it('makes no call that changes a protection, and the protections stay as they were', async () => {
      const { fake, wb } = setup({ workspaceDomain: 'example.com' });
      await wb().ensureSheet('_carnet', { visibility: 'very' });
      const plan: ProtectionPlan = {
        sheets: [
          { name: '_carnet', editors: ['admin@example.com'], locked: true },
          { ...contactsLocked.sheets[0]!, warnColumns: [{ column: 0, label: 'ID' }, { column: 1, label: 'Name' }] },
          { name: 'Notes', editors: [], locked: false },
        ],
      };
      await wb().protect(plan);
      const before = await wb().protections(['_carnet', 'Contacts', 'Notes']);
      const changes = fake.spreadsheet.protectionLog.length;
      fake.calls.reset();
      await wb().protect(plan);
      expect(mutatingCalls(fake)).toEqual({});
      expect(fake.spreadsheet.protectionLog).toHaveLength(changes);
      expect(await wb().protections(['_carnet', 'Contacts', 'Notes'])).toEqual(before);
    });

    it('costs the same calls for 2,000 rows as for 10, applying and reading back', async () => {
      const measure = async (rows: number) => {
        const { fake, sheet, wb } = setup();
        const s = sheet('Contacts');
        s.maxRows = Math.max(s.maxRows, rows + 1);
        s.getRange(2, 1, rows, 2).setValues(Array.from({ length: rows }, (_, i) => [`CO-${i + 1}`, `Person ${i}`]));
        const plan = { sheets: [{ ...contactsLocked.sheets[0]!, warnColumns: [{ column: 0, label: 'ID' }] }, { name: 'Notes', editors: [], locked: false }] };
        const counts: Record<string, number>[] = [];
        for (const step of [() => wb().protect(plan), () => wb().protect(plan), () => wb().protections(['Contacts', 'Notes'])]) {
          fake.calls.reset();
          await step();
          counts.push(fake.calls.snapshot());
        }
        return counts;
      };
      expect(await measure(2000)).toEqual(await measure(10));
    });
  });

  describe('a team’s own protections', () => {
    it('are left as they are, when Carnet locks and when it unlocks', async () => {
      const { fake, sheet, wb } = setup();
      const theirs = sheet('Contacts').getRange(1, 2, 10, 1).protect().setDescription('Names: the sales team only');
      theirs.removeEditors(['bob@example.com']);
      await wb().protect({ sheets: [{ ...contactsLocked.sheets[0]!, warnColumns: [{ column: 0, label: 'ID' }] }] });
      await wb().protect({ sheets: [{ name: 'Contacts', editors: [], locked: false }] });
      expect(sheet('Contacts').protections).toEqual([]);
      expect(sheet('Contacts').rangeProtections).toEqual([theirs]);
      expect([theirs.description, theirs.editors]).toEqual(['Names: the sales team only', ['owner@example.com', 'admin@example.com']]);
      expect(fake.spreadsheet.protectionLog.filter((c) => c.on === 'Contacts!B1:B10')).toHaveLength(3);
    });

    it('on a sheet the plan locks stop the whole plan before anything changes: Sheets gives a sheet one protection', async () => {
      const { fake, sheet, wb } = setup();
      sheet('Notes').protect().setDescription('Only Bob').addEditors(['bob@example.com']);
      const changes = fake.spreadsheet.protectionLog.length;
      const plan: ProtectionPlan = { sheets: [contactsLocked.sheets[0]!, { name: 'Notes', editors: ['mona@example.com'], locked: true }] };
      expect(await rejectionOf(wb().protect(plan))).toEqual({
        code: 'E_FORBIDDEN',
        sheet: 'Notes',
        message: 'Carnet cannot protect "Notes": it already has a sheet protection of its own ("Only Bob"), and Google Sheets gives a sheet only one. Remove that protection (Data › Protect sheets and ranges), then apply Carnet\'s rights again.',
      });
      expect(fake.spreadsheet.protectionLog).toHaveLength(changes);
      expect(sheet('Contacts').protections).toEqual([]);
    });
  });

  describe('an unlocked sheet', () => {
    it('loses Carnet’s protections, and anyone may write there again', async () => {
      const { fake, sheet, wb } = setup();
      await wb().protect({ sheets: [{ ...contactsLocked.sheets[0]!, warnColumns: [{ column: 0, label: 'ID' }] }] });
      await wb().protect({ sheets: [{ name: 'Contacts', editors: [], locked: false }] });
      expect([sheet('Contacts').protections, sheet('Contacts').rangeProtections]).toEqual([[], []]);
      actAs(fake, 'bob@example.com');
      sheet('Contacts').getRange(2, 2, 1, 1).setValues([['Bob']]);
      expect(await wb().protections(['Contacts'])).toEqual([{ name: 'Contacts', locked: false, editors: [], warnColumns: [] }]);
    });

    it('that Carnet never protected costs no change', async () => {
      const { fake, wb } = setup();
      await wb().protect({ sheets: [{ name: 'Notes', editors: [], locked: false }] });
      expect(mutatingCalls(fake)).toEqual({});
    });
  });

  describe('reading protections back', () => {
    it('gives each sheet’s lock, editors and warned columns; missing sheets are left out', async () => {
      const { wb } = setup();
      await wb().protect({ sheets: [{ ...contactsLocked.sheets[0]!, warnColumns: [{ column: 0, label: 'ID' }, { column: 2, label: 'Amount' }] }] });
      const state = await wb().protections(['contacts', 'Notes', 'Missing']);
      expect(state).toEqual([
        {
          name: 'Contacts',
          locked: true,
          editors: ['owner@example.com', 'admin@example.com', 'carol@example.com', 'mona@example.com'],
          warnColumns: [0, 2],
          // What removeEditors cannot remove: "Neither the owner of the spreadsheet nor the current user".
          keeps: ['owner@example.com', 'admin@example.com'],
        },
        { name: 'Notes', locked: false, editors: [], warnColumns: [] },
      ]);
    });

    it('gives editors null to someone Sheets will not list them to, where getEditors would throw', async () => {
      const { fake, sheet, wb } = setup();
      await wb().protect(contactsLocked);
      actAs(fake, 'bob@example.com');
      expect(errorOf(() => sheet('Contacts').protections[0]!.getEditors())).toMatch(/^Exception: fake Protection\.getEditors: bob@example\.com does not have permission/);
      expect(await wb().protections(['Contacts'])).toEqual([{ name: 'Contacts', locked: true, editors: null, warnColumns: [], keeps: ['owner@example.com', 'bob@example.com'] }]);
    });

    it('counts a team’s strict sheet protection as locked, and a warning-only one as not', async () => {
      const { sheet, wb } = setup();
      sheet('Contacts').protect().setDescription('Ours').removeEditors(['bob@example.com']);
      sheet('Notes').protect().setDescription('Careful').setWarningOnly(true);
      expect((await wb().protections(['Contacts', 'Notes'])).map((s) => [s.name, s.locked, s.editors])).toEqual([
        ['Contacts', true, ['owner@example.com', 'admin@example.com']],
        ['Notes', false, []],
      ]);
    });
  });

  describe('the drift check (protect.plan) after protect.apply', () => {
    it('finds none with an owner who is not a Carnet admin: Sheets keeps the owner on every protection', async () => {
      const fake = new FakeAppsScript({ owner: 'owner@example.com', activeUser: 'admin@example.com', editors: ['owner@example.com', 'admin@example.com', 'mona@example.com', 'vic@example.com'] });
      const run = async (command: string, input: unknown = {}) => {
        const out = await dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
        if (!out.ok) throw new Error(`${command}: ${out.error.message}`);
        return out.result as any;
      };
      await run('crm.setup', { lang: 'en' });
      await run('user.add', { id: 'mona@example.com', name: 'Mona', role: 'Manager' });
      await run('user.add', { id: 'vic@example.com', name: 'Vic', role: 'Viewer' });
      await run('protect.apply');
      const contacts = fake.spreadsheet.sheet('Contacts').protections[0]!;
      expect(contacts.editors).toContain('owner@example.com');
      const { drift } = await run('protect.plan');
      expect(drift).toEqual([]);
    });
  });
});
