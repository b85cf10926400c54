import { beforeEach, describe, expect, it } from 'vitest';
import type { CardWrite } from '../../../core/app/card-commands.js';
import type { Context } from '../../../core/app/command.js';
import type { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { ANNA, NOW, TODAY, crmFixture, ok, records, refused, snapshot } from './fixture.js';

let wb: MemoryWorkbook;
let ctx: Context;
beforeEach(async () => ({ wb, ctx } = await crmFixture()));

describe('adding a note', () => {
  it('dates it now, signs it with the acting user, and returns the card with the note on top', async () => {
    await ok(ctx, 'note.add', { company: 'Acme', values: { text: 'Earlier' } });
    const out = await ok<CardWrite>(ctx, 'note.add', { company: 'acme', values: { text: '  Called about the roof \r\n Call back Monday ' } });
    expect(out.record).toEqual({
      id: 'NO-000002',
      row: 3,
      display: 'NO-000002',
      values: { date: '2026-11-27T14:30:00', company: 'Acme', contact: null, author: ANNA.id, text: 'Called about the roof \n Call back Monday' },
    });
    expect(out.card!.notes.map((n) => n.id)).toEqual(['NO-000002', 'NO-000001']);
    expect(records(wb, 'Notes')[1]).toMatchObject({ Date: NOW, Company: 'Acme', Author: ANNA.id });
  });

  it("names one of the company's contacts", async () => {
    await ok(ctx, 'contact.add', { company: 'Acme', values: { name: 'Bob Stone' } });
    const out = await ok<CardWrite>(ctx, 'note.add', { company: 'Acme', values: { text: 'Met Bob', contact: 'bob stone' } });
    expect(out.record.values.contact).toBe('Bob Stone');
  });

  it('refuses a note without text, located at the field, writing nothing', async () => {
    const before = snapshot(wb);
    expect(await refused(ctx, 'note.add', { company: 'Acme', values: { text: '   ' } })).toEqual({
      code: 'E_REQUIRED',
      directory: 'notes',
      field: 'text',
      message: 'Notes › Note: a value is required.',
    });
    expect(snapshot(wb)).toBe(before);
  });

  it('refuses a company typed in the form: the card says whose note it is', async () => {
    expect(await refused(ctx, 'note.add', { company: 'Acme', values: { text: 'x', Company: 'Bolt' } })).toEqual({
      code: 'E_BAD_INPUT',
      directory: 'notes',
      field: 'company',
      message: 'Notes › Company is the company whose card this is added from.',
    });
  });
});

describe('contacts', () => {
  it('adds a contact to the company, making the full name from first and last names', async () => {
    const out = await ok<CardWrite>(ctx, 'contact.add', {
      company: 'CO-000002',
      values: { first_name: 'Zoe', last_name: 'Martin', email: 'Zoe@Bolt.example', mobile: '06 12 34 56 78' },
    });
    expect(out.record.values).toMatchObject({ name: 'Zoe Martin', company: 'Bolt', email: 'zoe@bolt.example', owner: ANNA.id });
    expect(out.card!.contacts.map((c) => c.display)).toEqual(['Zoe Martin']);
    expect(out.card!.index.contacts).toEqual(['Zoe Martin']);
    expect(out.card!.index.emails).toContain('zoe@bolt.example');
  });

  it("refuses a bad email with the core's located message, writing nothing", async () => {
    const before = snapshot(wb);
    expect(await refused(ctx, 'contact.add', { company: 'Acme', values: { name: 'Bob', email: 'bob@' } })).toEqual({
      code: 'E_INVALID_VALUE',
      directory: 'contacts',
      field: 'email',
      value: 'bob@',
      message: 'Contacts › Email: "bob@" is not an email address.',
    });
    expect(snapshot(wb)).toBe(before);
  });

  it('refuses a contact with no name at all', async () => {
    expect(await refused(ctx, 'contact.add', { company: 'Acme', values: { phone: '+1 415 555 0000' } })).toEqual({
      code: 'E_REQUIRED',
      directory: 'contacts',
      field: 'name',
      message: 'Contacts › Full name: a value is required.',
    });
  });

  it('keeps a made-up full name in step with first and last names, and references follow', async () => {
    await ok(ctx, 'contact.add', { company: 'Acme', values: { first_name: 'Zoe', last_name: 'Martin' } });
    await ok(ctx, 'note.add', { company: 'Acme', values: { text: 'Met Zoe', contact: 'Zoe Martin' } });
    const out = await ok<CardWrite>(ctx, 'contact.update', { contact: 'Zoe Martin', values: { last_name: 'Durand' } });
    expect(out.record.values).toMatchObject({ name: 'Zoe Durand', last_name: 'Durand' });
    expect(out.card!.notes[0]!.values.contact).toBe('Zoe Durand');
  });

  it('leaves a full name typed differently alone', async () => {
    await ok(ctx, 'contact.add', { company: 'Acme', values: { name: 'Dr. Zoe Martin', first_name: 'Zoe', last_name: 'Martin' } });
    const out = await ok<CardWrite>(ctx, 'contact.update', { contact: 'CT-000001', values: { last_name: 'Durand' } });
    expect(out.record.values).toMatchObject({ name: 'Dr. Zoe Martin', last_name: 'Durand' });
  });
});

describe('companies', () => {
  it('creates a company owned by the acting user, dated today, and returns its card', async () => {
    const out = await ok<CardWrite>(ctx, 'company.create', { values: { name: 'Blue Harbor', email: 'HELLO@blueharbor.example', phone: '(415) 555-2672' } });
    expect(out.record.values).toMatchObject({ name: 'Blue Harbor', owner: ANNA.id, created: '2026-11-27', email: 'hello@blueharbor.example', phone: '+14155552672' });
    expect(out.card!.company.id).toBe('CO-000003');
    expect(out.card!.sales.totals.all).toEqual({ amount: 0, count: 0 });
    expect(records(wb, 'Companies')[2]).toMatchObject({ Name: 'Blue Harbor', 'Date created': TODAY });
  });

  it('refuses a name already taken, whole', async () => {
    expect(await refused(ctx, 'company.create', { values: { name: ' acme ' } })).toEqual({
      code: 'E_UNIQUE',
      directory: 'companies',
      field: 'name',
      value: 'acme',
      message: 'Companies › Name: "acme" is already used (CO-000001, row 2); Name must be unique.',
    });
  });

  it('renames a company, its sales follow, and the card comes back under the new name', async () => {
    await ok(ctx, 'sale.add', { company: 'Acme', values: { product: 'Widget', quantity: 1 } });
    const out = await ok<CardWrite>(ctx, 'company.update', { company: 'Acme', values: { name: 'Acme Roofing', discount: '' } });
    expect(out.card!.company.values).toMatchObject({ name: 'Acme Roofing', discount: null });
    expect(out.card!.sales.lines.map((l) => l.values.company)).toEqual(['Acme Roofing']);
    expect(out.card!.index.name).toBe('Acme Roofing');
  });

  it('refuses an unknown input option, naming the known ones', async () => {
    expect(await refused(ctx, 'company.update', { company: 'Acme', values: {}, force: true })).toEqual({
      code: 'E_BAD_INPUT',
      field: 'force',
      value: true,
      message: 'force: expected no such option (known: company, values), got true.',
    });
  });
});
