/**
 * `mutate()`'s unprotect-and-retry (office-addin/access.ts) on sheets Carnet did not protect
 * (issue 12, "Protection plan"):
 * - a sheet protected by the user, without a password, is protected again afterwards with the
 *   user's own options, not Carnet's;
 * - the same when a step after the unprotect fails: the options come back in a `finally`, and the
 *   failure is the one that surfaces;
 * - a sheet protected with a password Carnet was not given is refused whole (E_FORBIDDEN): nothing
 *   written, the protection untouched.
 */

import { describe, expect, it } from 'vitest';
import type { RunBatch, XlContext, XlProtectionOptions } from '../../office-addin/excel-api.js';
import { PROTECTION } from '../../office-addin/access.js';
import { FakeExcel, FakeExcelError } from './fake-excel.js';
import { errorOf, setup } from './setup.js';
import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';

/** What a user picks in Review › Protect Sheet: formatting and sorting allowed. */
const USERS: XlProtectionOptions = { allowFormatCells: true, allowSort: true };

async function teamSheet(adapter: { password?: string } = {}) {
  const { excel, wb } = setup({}, adapter);
  await wb.ensureSheet('Team');
  await wb.write('Team', 0, 0, [['ID', 'Name'], ['T-1', 'Ada']]);
  return { excel, wb };
}

/**
 * A run whose next sync made while `sheet` is unprotected fails, once, before any of its operations
 * run: a step after the unprotect failing. The request is sent and refused as too large
 * (RequestPayloadSizeLimitExceeded), so its operations are gone, as in Excel.
 */
function failingWhileOpen(excel: FakeExcel, sheet: string): { run: RunBatch; fired: () => boolean } {
  let fired = false;
  const run: RunBatch = (options, batch) =>
    excel.run(options, (ctx) => {
      const wrapped: XlContext = {
        workbook: ctx.workbook,
        sync: async () => {
          if (fired || excel.sheet(sheet).protection !== undefined) return ctx.sync();
          fired = true;
          const limit = excel.options.payloadLimit;
          excel.options.payloadLimit = 0;
          try {
            return await ctx.sync();
          } finally {
            excel.options.payloadLimit = limit;
          }
        },
      };
      return batch(wrapped);
    });
  return { run, fired: () => fired };
}

describe('writing into a sheet someone else protected', () => {
  it('protects it again with exactly the options it had, not Carnet’s', async () => {
    const { excel, wb } = await teamSheet();
    excel.sheet('Team').protection = { options: { ...USERS } };
    await wb.write('Team', 1, 1, [['Bob']]);
    expect(excel.values('Team')).toEqual([['ID', 'Name'], ['T-1', 'Bob']]);
    expect(excel.sheet('Team').protection).toEqual({ password: undefined, options: USERS });
    expect(excel.sheet('Team').protection?.options).not.toEqual(PROTECTION);
  });

  it('protects it again with its options when a step after the unprotect fails, and says why', async () => {
    const excel = new FakeExcel();
    const plain = new OfficeWorkbook({ run: excel.run, features: { notes: true, allowEditRanges: true, merges: true } });
    await plain.ensureSheet('Team');
    await plain.write('Team', 0, 0, [['ID', 'Name'], ['T-1', 'Ada']]);
    excel.sheet('Team').protection = { options: { ...USERS } };
    const failing = failingWhileOpen(excel, 'Team');
    const wb = new OfficeWorkbook({ run: failing.run, features: { notes: true, allowEditRanges: true, merges: true } });
    // An append reads the used range, then writes: its write is a step after the unprotect.
    const error = await wb.append('Team', [['T-2', 'Bob']]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failing.fired()).toBe(true);
    expect(error).toBeInstanceOf(FakeExcelError);
    expect((error as FakeExcelError).code).toBe('RequestPayloadSizeLimitExceeded');
    expect(excel.values('Team')).toEqual([['ID', 'Name'], ['T-1', 'Ada']]);
    expect(excel.sheet('Team').protection).toEqual({ password: undefined, options: USERS });
  });

  it('refuses a sheet protected with a password Carnet was not given: nothing written, protection unchanged', async () => {
    for (const password of [undefined, 's3cret']) {
      const { excel, wb } = await teamSheet(password === undefined ? {} : { password });
      excel.sheet('Team').protection = { password: 'theirs', options: { ...USERS } };
      const refused = await errorOf(wb.write('Team', 1, 1, [['Bob']]));
      expect(refused.data).toEqual({
        code: 'E_FORBIDDEN',
        sheet: 'Team',
        message:
          'Carnet cannot write to Team: someone protected it with a password Carnet was not given. Ask whoever protected it to unprotect it (Review › Unprotect Sheet), or give Carnet’s admin the password.',
      });
      expect(excel.values('Team')).toEqual([['ID', 'Name'], ['T-1', 'Ada']]);
      expect(excel.sheet('Team').protection).toEqual({ password: 'theirs', options: USERS });
    }
  });
});
