import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';

const TODAY = serialFromParts(2026, 11, 27);

describe('setting up the CRM in a workbook', () => {
  it('creates every default directory with its header, in the chosen language, and the funnel stages', async () => {
    const wb = new MemoryWorkbook();
    const ctx = { wb, now: () => TODAY };
    const out = await dispatch(ctx, 'crm.setup', { lang: 'ru' });
    expect(out).toMatchObject({ ok: true, result: { created: true } });
    const names = wb.sheetList.map((s) => [s.name, s.visibility]);
    expect(names.slice(0, 3)).toEqual([
      ['Компании', 'visible'],
      ['Контакты', 'visible'],
      ['Продажи', 'visible'],
    ]);
    // Then Carnet's own: its settings, very hidden, and the audit log, which starts with the setup itself.
    expect(names.slice(-2)).toEqual([['_carnet', 'very'], ['Audit', 'hidden']]);
    expect(wb.sheet('Компании')!.cells[0]!.slice(0, 3)).toEqual(['ID', 'Название', 'Город']);
    const stages = await dispatch(ctx, 'record.list', { directory: 'ЭТАПЫ' });
    expect(stages.ok && (stages.result as any).records.map((r: any) => r.display)).toEqual(['Лид', 'Квалификация', 'Предложение', 'Переговоры', 'Успех', 'Отказ']);
    const frozen = wb.sheet('Продажи')!.layout!;
    expect(frozen.frozenRows).toBe(1);
  });

  it('leaves the sheets the team already has alone', async () => {
    const wb = new MemoryWorkbook();
    await wb.ensureSheet('Clients');
    await wb.write('Clients', 0, 0, [['Nom', 'Téléphone'], ['Acme', '=1+1']]);
    const before = JSON.stringify(wb.sheet('Clients'));
    await dispatch({ wb, now: () => TODAY }, 'crm.setup', { lang: 'fr' });
    expect(JSON.stringify(wb.sheet('Clients'))).toBe(before);
  });

  it('changes nothing when run a second time', async () => {
    const wb = new MemoryWorkbook();
    const ctx = { wb, now: () => TODAY };
    await dispatch(ctx, 'crm.setup', { lang: 'en' });
    await dispatch(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
    const before = JSON.stringify(wb.sheetList);
    const again = await dispatch(ctx, 'crm.setup', { lang: 'fr' });
    expect(again).toMatchObject({ ok: true, result: { created: false } });
    expect(JSON.stringify(wb.sheetList)).toBe(before);
  });

  it('refuses, writing nothing, when a sheet has the name of a directory', async () => {
    const wb = new MemoryWorkbook();
    await wb.ensureSheet('Companies');
    const before = JSON.stringify(wb.sheetList);
    const out = await dispatch({ wb, now: () => TODAY }, 'crm.setup', {});
    expect(out).toEqual({
      ok: false,
      error: {
        code: 'E_SCHEMA',
        sheet: 'Companies',
        message: 'This workbook already has a sheet named "Companies"; Carnet will not touch it. Rename it first.',
      },
    });
    expect(JSON.stringify(wb.sheetList)).toBe(before);
  });
});
