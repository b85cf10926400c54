/**
 * `preview` (issue 13, §1): what a command would write, field by field, and the sheets it would
 * make — with nothing written — and refused exactly as the command itself would be.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';

async function crm() {
  const wb = new MemoryWorkbook({ id: 'ada@example.com', name: 'Ada' });
  const ctx: Context = { wb, now: () => 46357.5 };
  const ok = async (name: string, input: unknown) => {
    const out = await dispatch(ctx, name, input);
    if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
    return out.result as any;
  };
  await ok('crm.setup', { lang: 'en' });
  return { wb, ctx, ok };
}

const snapshot = (wb: MemoryWorkbook) => JSON.stringify(wb.sheetList);

describe('preview', () => {
  it('lists the cells a record change would write, and writes nothing', async () => {
    const { wb, ok } = await crm();
    await ok('record.create', { directory: 'products', values: { name: 'Widget', code: 'W-1', unit_price: 10 } });
    const before = snapshot(wb);
    const p = await ok('preview', { command: 'record.update', input: { directory: 'products', id: 'Widget', values: { unit_price: 12 } } });
    expect(p.changes).toEqual([{ directory: 'products', record: 'PR-000001', field: 'unit_price', old: '10', new: '12' }]);
    expect(p.result).toMatchObject({ record: { id: 'PR-000001', values: { unit_price: 12 } } });
    expect(snapshot(wb)).toBe(before);
  });

  it('shows a new directory: its sheet, its header and the settings entry, and a later read sees them', async () => {
    const { wb, ok } = await crm();
    const before = snapshot(wb);
    const p = await ok('preview', { command: 'directory.create', input: { label: 'Books', fields: [{ label: 'Title', type: 'text' }, { label: 'Genre', type: 'choice', choices: ['Fiction', 'Essay'] }] } });
    expect(p.sheets.created).toEqual(['Books']);
    expect(p.changes.map((c: { record: string; field: string }) => [c.record, c.field])).toEqual(expect.arrayContaining([['_carnet', 'schema']]));
    expect(snapshot(wb)).toBe(before);
    expect(await dispatch({ wb, now: () => 46357.5 }, 'record.list', { directory: 'Books' })).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_DIRECTORY' } });
  });

  it('lists the header a field adds', async () => {
    const { ok } = await crm();
    const p = await ok('preview', { command: 'field.add', input: { directory: 'cities', field: { label: 'Region', type: 'text' } } });
    expect(p.changes).toEqual(expect.arrayContaining([expect.objectContaining({ directory: 'cities', record: '(header)', old: '', new: 'Region' })]));
  });

  it('is refused as the command would be, and gives the command’s own refusal', async () => {
    const { ctx, ok } = await crm();
    await ok('user.add', { id: 'vera@example.com', role: 'Viewer' });
    const vera = { ...ctx, actor: { id: 'vera@example.com', name: 'Vera' } };
    expect(await dispatch(vera, 'preview', { command: 'record.create', input: { directory: 'cities', values: { name: 'Nice' } } })).toMatchObject({
      ok: false,
      error: { code: 'E_FORBIDDEN', right: 'add', directory: 'cities' },
    });
    expect(await dispatch(ctx, 'preview', { command: 'record.create', input: { directory: 'cities', values: {} } })).toMatchObject({ ok: false, error: { code: 'E_REQUIRED' } });
    expect(await dispatch(ctx, 'preview', { command: 'preview', input: {} })).toMatchObject({ ok: false, error: { code: 'E_BAD_INPUT', field: 'command' } });
  });
});
