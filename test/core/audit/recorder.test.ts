/**
 * The audit log (issue 12): every write through Carnet leaves exactly one entry per changed field,
 * appended in one call inside the command's transaction, whatever the command.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { AUDIT_SHEET, decodeAudit, type AuditEntry } from '../../../core/audit/log.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';

const TODAY = 46357.5; // 2026-12-01 12:00
const ADA = { id: 'ada@example.com', name: 'Ada' };

async function crm(): Promise<{ wb: MemoryWorkbook; ctx: Context; ok: (name: string, input: unknown) => Promise<any> }> {
  const wb = new MemoryWorkbook(ADA);
  const ctx: Context = { wb, now: () => TODAY };
  const ok = async (name: string, input: unknown) => {
    const out = await dispatch(ctx, name, input);
    if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
    return out.result;
  };
  await ok('crm.setup', { lang: 'en' });
  return { wb, ctx, ok };
}

function log(wb: MemoryWorkbook): AuditEntry[] {
  return decodeAudit(wb.sheet(AUDIT_SHEET)?.cells ?? []);
}

/** What an entry says, without the clock and the user. */
const brief = (e: AuditEntry) => [e.command, e.directory, e.record, e.field, e.old, e.new];

describe('the audit log', () => {
  it('logs a record created through Carnet: one entry per field it sets, with who and when', async () => {
    const { wb, ok } = await crm();
    const before = log(wb).length;
    await ok('record.create', { directory: 'products', values: { name: 'Widget', code: 'W-1', unit_price: 10 } });
    const entries = log(wb).slice(before);
    // In the sheet's column order; the ID is the record's column, not a field of its own.
    expect(entries.map(brief).sort()).toEqual(
      [
        ['record.create', 'products', 'PR-000001', 'active', '', 'true'],
        ['record.create', 'products', 'PR-000001', 'code', '', 'W-1'],
        ['record.create', 'products', 'PR-000001', 'name', '', 'Widget'],
        ['record.create', 'products', 'PR-000001', 'unit_price', '', '10'],
      ].filter((e) => entries.some((x) => x.field === e[3])),
    );
    expect(entries.map((e) => e.field)).toEqual(expect.arrayContaining(['code', 'name', 'unit_price']));
    expect(entries.every((e) => e.who === 'ada@example.com' && Math.abs(e.when - TODAY) < 1 / 86400)).toBe(true);
    expect(new Set(entries.map((e) => e.field)).size).toBe(entries.length);
  });

  it('logs exactly the fields an update changes, old and new; an unchanged value leaves nothing', async () => {
    const { wb, ok } = await crm();
    await ok('record.create', { directory: 'products', values: { name: 'Widget', code: 'W-1', unit_price: 10 } });
    const before = log(wb).length;
    await ok('record.update', { directory: 'products', id: 'PR-000001', values: { unit_price: 12, code: 'W-1' } });
    expect(log(wb).slice(before).map(brief)).toEqual([['record.update', 'products', 'PR-000001', 'unit_price', '10', '12']]);
    await ok('record.update', { directory: 'products', id: 'PR-000001', values: { code: 'W-1' } });
    expect(log(wb).length).toBe(before + 1);
  });

  it('logs a rename and every reference its cascade rewrites, each once', async () => {
    const { wb, ok } = await crm();
    await ok('record.create', { directory: 'products', values: { name: 'Widget', code: 'W-1', unit_price: 10 } });
    await ok('company.create', { values: { name: 'Acme' } });
    await ok('sale.add', { company: 'Acme', values: { product: 'Widget', quantity: 2 } });
    await ok('sale.add', { company: 'Acme', values: { product: 'Widget', quantity: 3 } });
    const before = log(wb).length;
    await ok('record.update', { directory: 'products', id: 'Widget', values: { name: 'Gizmo' } });
    expect(log(wb).slice(before).map(brief)).toEqual([
      ['record.update', 'products', 'PR-000001', 'name', 'Widget', 'Gizmo'],
      ['record.update', 'sales', 'SA-000001', 'product', 'Widget', 'Gizmo'],
      ['record.update', 'sales', 'SA-000002', 'product', 'Widget', 'Gizmo'],
    ]);
  });

  it('logs a delete as each field the record held, going empty', async () => {
    const { wb, ok } = await crm();
    await ok('record.create', { directory: 'cities', values: { name: 'Lyon' } });
    const before = log(wb).length;
    await ok('record.delete', { directory: 'cities', id: 'Lyon' });
    expect(log(wb).slice(before).map(brief)).toEqual([['record.delete', 'cities', 'CI-000001', 'name', 'Lyon', '']]);
  });

  it('logs an import with its batch: one entry per created record, one per updated field', async () => {
    const { wb, ok } = await crm();
    const before = log(wb).length;
    const csv = 'Name,Code,Unit price\nWidget,W-1,10\nGizmo,G-1,4\n';
    const first = await ok('import.apply', { directory: 'products', source: { kind: 'text', text: csv } });
    const created = log(wb).slice(before);
    // The records a batch created, as one run of IDs (the batch log keeps their values).
    expect(created.map((e) => [e.field, e.record, e.new, e.batch])).toEqual([['(created)', 'PR-000001…PR-000002', '2', first.batch]]);
    const mid = log(wb).length;
    const second = await ok('import.apply', { directory: 'products', source: { kind: 'text', text: 'Name,Unit price\nGizmo,5\n' }, mode: 'update' });
    expect(log(wb).slice(mid).map((e) => [...brief(e), e.batch])).toEqual([['import.apply', 'products', 'PR-000002', 'unit_price', '4', '5', second.batch]]);
  });

  it('appends in one call and reads nothing more, for 2 imported records as for 300', async () => {
    const calls = async (n: number) => {
      const { wb, ok } = await crm();
      const rows = Array.from({ length: n }, (_, i) => `P${i},C${i},${i}`).join('\n');
      wb.resetCalls();
      await ok('import.apply', { directory: 'products', source: { kind: 'text', text: `Name,Code,Unit price\n${rows}\n` } });
      return { calls: { ...wb.calls }, logged: log(wb).filter((e) => e.command === 'import.apply').length };
    };
    const small = await calls(2);
    const big = await calls(300);
    expect(big.calls).toEqual(small.calls);
    expect([small.logged, big.logged]).toEqual([1, 1]);
  });

  it('finds a record inside a run of imported IDs, and undo logs the run it deleted', async () => {
    const { wb, ok } = await crm();
    const first = await ok('import.apply', { directory: 'cities', source: { kind: 'text', text: 'Name\nLyon\nNice\nLille\n' } });
    const listed = await ok('audit.list', { record: 'CI-000002' });
    expect(listed.entries.map((e: AuditEntry) => [e.command, e.record, e.field])).toEqual([['import.apply', 'CI-000001…CI-000003', '(created)']]);
    await ok('import.undo', { batch: first.batch });
    expect(log(wb).filter((e) => e.command === 'import.undo').map((e) => [e.record, e.field, e.old, e.batch])).toEqual([['CI-000001…CI-000003', '(deleted)', '3', first.batch]]);
  });

  it('logs a schema change: the settings entry and the header cells it writes', async () => {
    const { wb, ok } = await crm();
    const before = log(wb).length;
    await ok('directory.create', { label: 'Books', fields: [{ label: 'Title', type: 'text' }] });
    await ok('field.add', { directory: 'Books', field: { label: 'Genre', type: 'choice', choices: ['Fiction', 'Essay'] } });
    const entries = log(wb).slice(before).map((e) => [e.command, e.directory, e.record, e.field]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['directory.create', '', '_carnet', 'schema'],
        ['field.add', '', '_carnet', 'schema'],
        ['field.add', 'books', '(header)', 'C'],
      ]),
    );
  });

  it('logs rights changes without the password hash, and leaves nothing for a refused command', async () => {
    const { wb, ok, ctx } = await crm();
    const before = log(wb).length;
    await ok('user.add', { id: 'vera@example.com', role: 'Viewer', password: 'correct horse battery' });
    const added = log(wb).slice(before);
    expect(added.map((e) => [e.command, e.record, e.field])).toEqual([['user.add', '_carnet', 'access']]);
    expect(added[0]!.new).toContain('"id":"vera@example.com"');
    expect(added[0]!.new).toMatch(/"password":"\(set, salt [A-Za-z0-9+/]{6}…\)"/);
    // A new password is a change the log shows, still without its hash.
    const mid0 = log(wb).length;
    await ok('user.update', { id: 'vera@example.com', password: 'another horse battery' });
    expect(log(wb).slice(mid0).map((e) => [e.command, e.field])).toEqual([['user.update', 'access']]);
    expect(added[0]!.new).not.toMatch(/"salt"|"hash"/);
    const mid = log(wb).length;
    const refused = await dispatch({ ...ctx, actor: { id: 'vera@example.com', name: 'Vera' } }, 'record.create', { directory: 'cities', values: { name: 'Nice' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN', right: 'add', directory: 'cities' } });
    expect(log(wb).length).toBe(mid);
  });
});
