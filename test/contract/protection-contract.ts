/**
 * The protection part of the port contract (issue 12): every host applies a plan, reports it back
 * through `protections()` (the drift check's eyes), changes nothing when the same plan is applied
 * again, and unlocks what the plan says is unlocked. Whatever the host, the data stays readable.
 */

import { describe, expect, it } from 'vitest';
import type { ProtectionPlan, Workbook, WriteGrid } from '../../core/workbook.js';

export function protectionContract(current: () => { wb: Workbook; durable: () => Promise<Workbook> }): void {
  describe('protection', () => {
    const seed = async (wb: Workbook, sheet: string, grid: WriteGrid): Promise<void> => {
      await wb.transaction(async () => {
        await wb.ensureSheet(sheet);
        if (grid.length) await wb.write(sheet, 0, 0, grid);
      });
    };

    const plan: ProtectionPlan = {
      sheets: [
        { name: '_carnet', editors: ['admin@example.com'], locked: true, reason: 'settings' },
        { name: 'Contacts', editors: ['admin@example.com', 'mona@example.com'], locked: true, warnColumns: [{ column: 0, label: 'ID' }], reason: 'a directory' },
        { name: 'Notes', editors: [], locked: false },
      ],
    };

    it('applies a plan, reports it back, and leaves the data readable', async () => {
      const { wb, durable } = current();
      await seed(wb, 'Contacts', [['ID', 'Name'], ['CO-1', 'Ann']]);
      await seed(wb, 'Notes', [['ID'], ['NO-1']]);
      await wb.transaction(async () => {
        await wb.ensureSheet('_carnet', { visibility: 'very' });
        await wb.protect(plan);
      });
      const later = await durable();
      expect(await later.read('Contacts')).toEqual([['ID', 'Name'], ['CO-1', 'Ann']]);
      const state = await later.protections(['_carnet', 'Contacts', 'Notes', 'Missing']);
      expect(state.map((s) => [s.name, s.locked])).toEqual([['_carnet', true], ['Contacts', true], ['Notes', false]]);
      const contacts = state[1]!;
      if (contacts.editors !== null) {
        // Hosts with per-person editors keep the plan's (Sheets adds the owner and the applier).
        expect(contacts.editors.map((e) => e.toLowerCase())).toEqual(expect.arrayContaining(['admin@example.com', 'mona@example.com']));
      }
      if (later.capabilities.perUserProtection) expect(contacts.warnColumns).toEqual([0]);
    });

    it('changes nothing when the same plan is applied twice, and unlocks what a plan unlocks', async () => {
      const { wb, durable } = current();
      await seed(wb, 'Contacts', [['ID', 'Name'], ['CO-1', 'Ann']]);
      await seed(wb, 'Notes', [['ID'], ['NO-1']]);
      await wb.transaction(async () => {
        await wb.ensureSheet('_carnet', { visibility: 'very' });
        await wb.protect(plan);
      });
      const once = await (await durable()).protections(['_carnet', 'Contacts', 'Notes']);
      await wb.transaction(() => wb.protect(plan));
      const twice = await (await durable()).protections(['_carnet', 'Contacts', 'Notes']);
      expect(twice).toEqual(once);
      await wb.transaction(() => wb.protect({ sheets: [{ name: 'Contacts', editors: [], locked: false }] }));
      const after = await (await durable()).protections(['_carnet', 'Contacts']);
      expect(after.map((s) => [s.name, s.locked, s.warnColumns])).toEqual([['_carnet', true, once[0]!.warnColumns], ['Contacts', false, []]]);
    });
  });
}
