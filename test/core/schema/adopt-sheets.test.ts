import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { commands } from '../../../core/app/registry.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { ok, refused } from '../../helpers/commands.js';

const TODAY = serialFromParts(2026, 11, 27);

/** A French CRM beside the sheets a team kept before Carnet: one to adopt, one hidden, one empty. */
async function workbookWithTeamSheets(): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'marie@example.fr', name: 'Marie' });
  await wb.ensureSheet('Clients');
  await wb.write('Clients', 0, 0, [
    ['Société', 'Tél.', 'Notes perso'],
    ['Dupont SA', '06 12 34 56 78', 'Client depuis 2019'],
    ['Bâti Nord', null, null],
  ]);
  await wb.ensureSheet('Archives', { visibility: 'hidden' });
  await setupCrm(wb, defaultCrmSchema('fr'), defaultSeedRows('fr'), { today: TODAY, now: TODAY, user: 'marie@example.fr' });
  await wb.ensureSheet('Brouillon');
  return { wb, ctx: { wb, now: () => TODAY } };
}

describe('workbook.sheets', () => {
  it("lists the visible sheets no directory uses, in tab order, with their size", async () => {
    const { ctx } = await workbookWithTeamSheets();
    expect(await ok(ctx, 'workbook.sheets', {})).toEqual({
      sheets: [
        { name: 'Clients', rows: 3, columns: 3 },
        { name: 'Brouillon', rows: 0, columns: 0 },
      ],
    });
  });

  it('makes one sheet list call and one read of the settings, whatever the workbook holds', async () => {
    const { wb, ctx } = await workbookWithTeamSheets();
    wb.resetCalls();
    await ok(ctx, 'workbook.sheets', {});
    expect(wb.calls).toEqual({ user: 1, read: 1, sheets: 1 });
  });

  it("lists a directory's former sheet once another sheet is adopted, and no longer the adopted one", async () => {
    const { ctx } = await workbookWithTeamSheets();
    const plan = await ok(ctx, 'directory.adopt.plan', { sheet: 'Clients', directory: 'companies', addIds: true, addColumns: true });
    await ok(ctx, 'directory.adopt', plan.apply);
    expect((await ok(ctx, 'workbook.sheets', {})).sheets.map((s: { name: string }) => s.name)).toEqual(['Sociétés', 'Brouillon']);
  });

  it('needs a Carnet workbook, and changes nothing', async () => {
    const wb = new MemoryWorkbook({ id: 'marie@example.fr', name: 'Marie' });
    await wb.ensureSheet('Clients');
    expect((await refused({ wb, now: () => TODAY }, 'workbook.sheets', {})).code).toBe('E_NOT_CARNET');
    expect(commands.get('workbook.sheets')!.access.writes).toBe(false);
  });
});
