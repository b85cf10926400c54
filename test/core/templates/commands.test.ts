import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { decodeBase64, encodeBase64 } from '../../../core/export/base64.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { ok, refused } from '../../helpers/commands.js';
import { docx, p, paragraphs, partOf } from '../../helpers/docx-fixtures.js';

const TODAY = serialFromParts(2026, 12, 1);
const USER = 'anna@example.com';

async function fresh(lang: 'en' | 'fr' | 'ru' = 'en'): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: USER, name: 'Anna' });
  await setupCrm(wb, defaultCrmSchema(lang), defaultSeedRows(lang), { today: TODAY, now: TODAY + 0.5, user: USER });
  return { wb, ctx: { wb, now: () => TODAY + 0.5 } };
}

async function withSales(ctx: Context): Promise<void> {
  await ok(ctx, 'record.create', { directory: 'cities', values: { name: 'Lyon' } });
  await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme & Sons <Ltd>', city: 'Lyon', address: 'Line 1\nLine 2' } });
  await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Bolt' } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'D1', name: 'Desk "Pro"', unit_price: 200 } });
  await ok(ctx, 'record.create', { directory: 'products', values: { code: 'C1', name: 'Стул', unit_price: 0.1 } });
  await ok(ctx, 'sale.add', { company: 'CO-000001', values: { product: 'Desk "Pro"', quantity: 2, date: '2026-03-04' } });
  await ok(ctx, 'sale.add', { company: 'CO-000001', values: { product: 'Стул', quantity: 3, date: '2026-03-05' } });
}

const text = (base64: string) => paragraphs(decodeBase64(base64)).join('\n');

describe('doc.fill', () => {
  let ctx: Context;
  beforeEach(async () => {
    ({ ctx } = await fresh());
    await withSales(ctx);
  });

  it('fills the built-in invoice from a company: its details, every sales line, the total, exactly as in the sheet', async () => {
    const r = await ok(ctx, 'doc.fill', { template: 'Invoice', record: 'Acme & Sons <Ltd>' });
    expect(r).toMatchObject({ template: 'Invoice', documents: 1, fileName: 'Invoice 2026-0001 Acme & Sons Ltd.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const body = text(r.base64);
    expect(body).toContain('Acme & Sons <Ltd>');
    expect(body).toContain('Lyon');
    expect(body).toContain('Desk "Pro"');
    expect(body).toContain('Стул');
    expect(body).toContain('$400.30');
    expect(body).toContain('four hundred dollars and 30 cents');
    // The next document of the same template gets the next number.
    expect((await ok(ctx, 'doc.fill', { template: 'Invoice', record: 'CO-000001' })).fileName).toBe('Invoice 2026-0002 Acme & Sons Ltd.docx');
    await ok(ctx, 'record.update', { directory: 'companies', id: 'CO-000002', values: { name: 'Bolt & Co.' } });
    expect((await ok(ctx, 'doc.fill', { template: 'Invoice', record: 'CO-000002' })).fileName).toBe('Invoice 2026-0003 Bolt & Co.docx');
  });

  it('fills nothing from the directories the reader may not view (issue 12): their lists stay empty', async () => {
    // Rights on: the workbook's user is the first admin; a clerk sees companies, not sales.
    await ok(ctx, 'user.add', { id: 'clerk@example.com', role: 'Viewer' });
    await ok(ctx, 'role.add', { name: 'Clerk', from: 'Viewer' });
    await ok(ctx, 'role.grant', { role: 'Clerk', directory: 'sales', level: 'none' });
    await ok(ctx, 'role.allow', { role: 'Clerk', right: 'useTemplates' });
    await ok(ctx, 'user.update', { id: 'clerk@example.com', role: 'Clerk' });
    const clerk = { ...ctx, actor: { id: 'clerk@example.com', name: 'Clerk' } };
    const body = text((await ok(clerk, 'doc.fill', { template: 'Invoice', record: 'Acme & Sons <Ltd>' })).base64);
    expect(body).toContain('Acme & Sons <Ltd>');
    expect(body).not.toContain('Desk "Pro"');
    expect(body).not.toContain('Стул');
    // The admin's invoice of the same company has its sales lines.
    expect(text((await ok(ctx, 'doc.fill', { template: 'Invoice', record: 'Acme & Sons <Ltd>' })).base64)).toContain('Desk "Pro"');
  });

  it('fills several records as one document each, zipped, or as one merged document', async () => {
    const zip = await ok(ctx, 'doc.fill', { template: 'Invoice', records: ['CO-000001', 'CO-000002'] });
    expect(zip).toMatchObject({ documents: 2, fileName: 'Invoice.zip', mime: 'application/zip' });
    expect(Object.keys(unzipSync(decodeBase64(zip.base64)))).toEqual(['Invoice 2026-0001 Acme & Sons Ltd.docx', 'Invoice 2026-0002 Bolt.docx']);
    const merged = await ok(ctx, 'doc.fill', { template: 'Invoice', where: {}, mode: 'merged' });
    const body = text(merged.base64);
    expect(body).toContain('Acme & Sons <Ltd>');
    expect(body).toContain('Bolt');
  });

  it('a dry run lists the values left blank and produces nothing', async () => {
    const r = await ok(ctx, 'doc.fill', { template: 'Invoice', record: 'Bolt', dryRun: true });
    expect(r.base64).toBeUndefined();
    expect(r.documents).toBe(1);
    expect(r.missing.map((m: any) => m.tag)).toContain('{Address}');
  });

  it('a dry run of a template with wrong tags lists them, and nothing is refused or produced', async () => {
    const file = encodeBase64(docx(p('Client: {Ctiy}')));
    const r = await ok(ctx, 'doc.fill', { file, directory: 'companies', record: 'CO-000001', dryRun: true });
    expect(r).toEqual({ template: 'template', documents: 1, missing: [], problems: [{ tag: '{Ctiy}', kind: 'unknown-name', place: { where: 'paragraph 1', around: 'Client: {Ctiy}' }, message: 'unknown field "Ctiy" — did you mean {City}?' }] });
  });

  it('refuses a template whose tags are wrong, pointing at the tag with "did you mean"', async () => {
    const file = encodeBase64(docx(p('Client: {Ctiy}, since {#Sales}{Date}')));
    const error = await refused(ctx, 'doc.fill', { file, directory: 'companies', record: 'CO-000001' });
    expect(error.code).toBe('E_TEMPLATE');
    expect(error.message).toMatch(/^Template "template" has 2 problems: \{Ctiy\} in paragraph 1 \(.*\): unknown field "Ctiy" — did you mean \{City\}\?$/);
    expect(error.problems?.map((x) => x.message)).toEqual([
      expect.stringMatching(/^\{Ctiy\} in paragraph 1 \("Client: \{Ctiy\}, since \{#Sales\}\{Date\}"\): unknown field "Ctiy" — did you mean \{City\}\?$/),
      expect.stringMatching(/^\{#Sales\} in paragraph 1 .*/),
    ]);
  });
});

describe('templates in the workbook', () => {
  it('are stored, listed beside the built-ins, checked with comments, and removed', async () => {
    const { ctx } = await fresh();
    const file = encodeBase64(docx(p('Dear {Name}, {Ctiy}')));
    const added = await ok(ctx, 'template.add', { name: 'Letter', directory: 'companies', file, fileName: 'Letter {Name}.docx' });
    expect(added.template).toMatchObject({ name: 'Letter', directory: 'companies', fileName: 'Letter {Name}.docx', by: USER });
    expect(added.problems.map((x: any) => x.tag)).toEqual(['{Ctiy}']);
    const list = await ok(ctx, 'template.list', {});
    expect(list.templates.map((t: any) => [t.name, !!t.builtin])).toEqual([['Letter', false], ['Invoice', true], ['Price list', true], ['Contract', true]]);
    const checked = await ok(ctx, 'template.check', { template: 'Letter', annotate: true });
    expect(checked.problems[0]).toMatchObject({ tag: '{Ctiy}', kind: 'unknown-name', place: { where: 'paragraph 1' } });
    expect(partOf(decodeBase64(checked.base64), 'word/comments.xml')).toContain('did you mean {City}?');
    await ok(ctx, 'template.remove', { name: 'letter' });
    expect((await ok(ctx, 'template.list', {})).templates.map((t: any) => t.name)).toEqual(['Invoice', 'Price list', 'Contract']);
  });

  it('list their tags with an example from a real record, and give a sample document', async () => {
    const { ctx } = await fresh();
    await withSales(ctx);
    const cat = await ok(ctx, 'template.tags', { directory: 'companies', record: 'CO-000001' });
    expect(cat.example).toBe('CO-000001');
    expect(cat.entries).toContainEqual({ tag: '{Name}', label: 'Name', example: 'Acme & Sons <Ltd>' });
    expect(cat.entries).toContainEqual({ tag: '{City.Country}', label: 'City › Country', example: '' });
    expect(cat.entries).toContainEqual({ tag: '{#Sales}…{/Sales}', label: 'Sales (2)', example: '' });
    expect(cat.entries).toContainEqual({ tag: '{Amount}', label: 'Sales › Amount', example: '$400.00', inside: 'Sales' });
    expect(cat.entries).toContainEqual({ tag: '{Total}', label: 'Total', example: '$400.30' });
    // A referenced record's computed names are the root's: not listed under it.
    expect(cat.entries.filter((e: any) => /^\{City\.(Today|Number|Total)\}$/.test(e.tag))).toEqual([]);
    const sample = await ok(ctx, 'template.sample', { directory: 'companies' });
    expect(sample.fileName).toBe('Companies tags.docx');
    const tags = paragraphs(decodeBase64(sample.base64)).join('\n');
    for (const t of ['{Name}', '{City.Country}', '{Total}']) expect(tags).toContain(t);
  });

  it('tags are in the workbook’s language, or keys, case and spaces ignored', async () => {
    const { ctx } = await fresh('fr');
    await ok(ctx, 'record.create', { directory: 'companies', values: { nom: 'Société Générale' } });
    const file = encodeBase64(docx(p('{NOM} / {n o m} / {name} / {Aujourd’hui|long}')));
    const r = await ok(ctx, 'doc.fill', { file, directory: 'sociétés', record: 'CO-000001' });
    expect(paragraphs(decodeBase64(r.base64))).toEqual(['Société Générale / Société Générale / Société Générale / 1er décembre 2026']);
  });
});
