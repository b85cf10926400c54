/**
 * The audit log in every host (issue 12): commands dispatched on the host's workbook leave exactly
 * one entry per changed field in its `Audit` sheet, read back from storage as a later session
 * would, with who did it.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../core/app/command.js';
import { dispatch } from '../../core/app/registry.js';
import { AUDIT_SHEET, decodeAudit } from '../../core/audit/log.js';
import type { Workbook } from '../../core/workbook.js';

const TODAY = 46357.5;
const ADA = { id: 'ada@example.com', name: 'Ada' };

export function auditContract(current: () => { wb: Workbook; durable: () => Promise<Workbook> }): void {
  describe('the audit log', () => {
    it('holds one entry per changed field of every write, with who made it', async () => {
      const { wb, durable } = current();
      const ctx: Context = { wb, now: () => TODAY, actor: ADA };
      const ok = async (name: string, input: unknown) => {
        const out = await dispatch(ctx, name, input);
        if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
        return out.result;
      };
      await ok('crm.setup', { lang: 'en' });
      const start = decodeAudit(await (await durable()).read(AUDIT_SHEET)).length;
      await ok('record.create', { directory: 'cities', values: { name: 'Lyon' } });
      await ok('record.create', { directory: 'products', values: { name: 'Widget', code: 'W-1', unit_price: 10 } });
      await ok('record.update', { directory: 'products', id: 'Widget', values: { unit_price: 12, code: 'W-1' } });
      await ok('record.update', { directory: 'cities', id: 'Lyon', values: { name: 'Lyon 1er' } });
      await ok('record.delete', { directory: 'cities', id: 'CI-000001' });
      const entries = decodeAudit(await (await durable()).read(AUDIT_SHEET)).slice(start);
      const brief = entries.map((e) => [e.command, e.directory, e.record, e.field, e.old, e.new]);
      const products = brief.filter((b) => b[1] === 'products' && b[0] === 'record.create').map((b) => b[3]).sort();
      expect(products).toEqual(expect.arrayContaining(['code', 'name', 'unit_price']));
      expect(new Set(products).size).toBe(products.length);
      expect(brief.filter((b) => b[0] !== 'record.create')).toEqual([
        ['record.update', 'products', 'PR-000001', 'unit_price', '10', '12'],
        ['record.update', 'cities', 'CI-000001', 'name', 'Lyon', 'Lyon 1er'],
        ['record.delete', 'cities', 'CI-000001', 'name', 'Lyon 1er', ''],
      ]);
      expect(brief.filter((b) => b[0] === 'record.create' && b[1] === 'cities')).toEqual([['record.create', 'cities', 'CI-000001', 'name', '', 'Lyon']]);
      expect(new Set(entries.map((e) => e.who))).toEqual(new Set([ADA.id]));
      expect(entries.every((e) => Math.abs(e.when - TODAY) < 1 / 1440)).toBe(true);
    });
  });
}
