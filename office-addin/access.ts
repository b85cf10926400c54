/**
 * How every part of the Office adapter reaches Excel: the batch runner, the options that shape
 * batches, the cache of sheet names, the retry when a sheet was renamed by hand, and the
 * unprotect-and-retry for a sheet Carnet protected. The concept files (sheets, reading, writing,
 * guard, merges, layout, protection) are free functions over one `ExcelAccess`.
 */

import { CarnetError } from '../core/errors.js';
import { errorCode, type RunBatch, type XlContext, type XlWorksheet } from './excel-api.js';

/** Optional Office.js features, detected at run time (requirements.ts). */
export interface OfficeFeatures {
  /** ExcelApi 1.18: header notes. Without it a layout's notes are not written. */
  notes: boolean;
  /** ExcelApiOnline 1.1: an allow-edit range for editors on locked sheets. */
  allowEditRanges: boolean;
  /** ExcelApi 1.13: `Range.getMergedAreasOrNullObject`. Without it `merges()` returns []. */
  merges: boolean;
}

/** Locked sheets still let people filter, sort and resize; they cannot edit. */
export const PROTECTION = { allowAutoFilter: true, allowSort: true, allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' };

export interface AccessOptions {
  run: RunBatch;
  features: OfficeFeatures;
  /** Bytes per sync before a write is chunked (payload.ts). */
  budget: number;
  /** Worksheet protection password (ExcelApi 1.7), if any. */
  password?: string;
  /** Password of the editors' allow-edit range. */
  editorsPassword?: string;
}

export class ExcelAccess {
  readonly run: RunBatch;
  readonly features: OfficeFeatures;
  readonly budget: number;
  readonly password: string | undefined;
  readonly editorsPassword: string | undefined;
  /** Sheet names by lower-case name; undefined until first needed, and after Excel disagreed. */
  known: Map<string, string> | undefined;

  constructor(options: AccessOptions) {
    this.run = options.run;
    this.features = options.features;
    this.budget = options.budget;
    this.password = options.password;
    this.editorsPassword = options.editorsPassword;
  }

  async refresh(): Promise<Map<string, string>> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      this.known = new Map(sheets.items.map((ws) => [ws.name.toLowerCase(), ws.name]));
      return this.known;
    });
  }

  /** The sheet's name as Excel spells it; Excel is asked again when the cache does not know it. */
  async exact(name: string): Promise<string | undefined> {
    const hit = this.known?.get(name.toLowerCase());
    if (hit !== undefined) return hit;
    return (await this.refresh()).get(name.toLowerCase());
  }

  async need(name: string): Promise<string> {
    const exact = await this.exact(name);
    if (exact === undefined) throw notFound(name);
    return exact;
  }

  /**
   * Runs a batch on one sheet. When Excel no longer knows the name (renamed or deleted by hand
   * since the cache was filled), the names are read again and the batch retried once.
   */
  async onSheet<T>(name: string, batch: (ctx: XlContext, ws: XlWorksheet) => Promise<T>, missing?: () => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const exact = await this.exact(name);
      if (exact === undefined) {
        if (missing) return missing();
        throw notFound(name);
      }
      try {
        return await this.run((ctx) => batch(ctx, ctx.workbook.worksheets.getItem(exact)));
      } catch (e) {
        if (errorCode(e) === 'ItemNotFound' && attempt === 0) {
          this.known = undefined;
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * A batch that changes a sheet. If Excel refuses because the sheet is protected (by Carnet's
   * plan), the batch runs once more between unprotect and protect with the configured password.
   * The whole batch runs again, its checks included (the guard reads the expected cells anew).
   */
  async mutate<T>(name: string, batch: (ctx: XlContext, ws: XlWorksheet) => Promise<T>): Promise<T> {
    try {
      return await this.onSheet(name, batch);
    } catch (e) {
      if (errorCode(e) !== 'AccessDenied') throw e;
      const password = this.password;
      try {
        return await this.onSheet(name, async (ctx, ws) => {
          // Queued first and last: the sheet is open only for Carnet's own batch.
          ws.protection.unprotect(password);
          let result: T;
          try {
            result = await batch(ctx, ws);
          } catch (failure) {
            // The batch's first sync already unprotected the sheet (a guard's E_CONFLICT, a failed
            // repair): protect it again before saying why. Should that fail too (the unprotect
            // itself was refused), the first failure is the one to tell.
            ws.protection.protect(PROTECTION, password);
            await ctx.sync().catch(() => undefined);
            throw failure;
          }
          ws.protection.protect(PROTECTION, password);
          await ctx.sync();
          return result;
        });
      } catch (again) {
        throw protectionError(again, name);
      }
    }
  }
}

function notFound(name: string): CarnetError {
  return new CarnetError({ code: 'E_NOT_FOUND', sheet: name, message: `No sheet named "${name}"` });
}

/** Excel's refusal to (un)protect, as Carnet's E_FORBIDDEN; any other error as it was. */
export function protectionError(e: unknown, sheets: string): unknown {
  const code = errorCode(e);
  if (code === 'AccessDenied' || code === 'InvalidArgument' || code === 'BadPassword' || code === 'InvalidOperation') {
    return new CarnetError({
      code: 'E_FORBIDDEN',
      sheet: sheets,
      message: `Excel refused to change the protection of ${sheets}: it is protected with a password Carnet was not given. Unprotect it (Review › Unprotect Sheet) and try again.`,
    });
  }
  return e;
}
