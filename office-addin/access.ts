/**
 * How every part of the Office adapter reaches Excel: the batch runner, the options that shape
 * batches, the cache of sheet names, the retry when a sheet was renamed by hand, and the
 * unprotect-and-retry for a protected sheet. The concept files (sheets, reading, writing,
 * guard, merges, layout, protection) are free functions over one `ExcelAccess`.
 */

import { CarnetError } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import { errorCode, type RunBatch, type XlContext, type XlRunOptions, type XlWorksheet } from './excel-api.js';

/** Optional Office.js features, detected at run time (requirements.ts). */
export interface OfficeFeatures {
  /** ExcelApi 1.18: header notes. Without it a layout's notes are not written. */
  notes: boolean;
  /** ExcelApiOnline 1.1: an allow-edit range for editors on locked sheets. */
  allowEditRanges: boolean;
  /** ExcelApi 1.13: `Range.getMergedAreasOrNullObject`. Without it `merges()` returns []. */
  merges: boolean;
}

/**
 * Every batch Carnet runs waits while a person edits a cell, rather than failing: "when true, …
 * if the user is in cell edit mode then the batch request is delayed until the user exits cell
 * edit mode" (https://learn.microsoft.com/javascript/api/excel/excel.runoptions). A click in the
 * task pane does not end the edit (office-js#806): cell-edit.ts tells the person what to do.
 */
export const RUN_OPTIONS: XlRunOptions = { delayForCellEdit: true };

/** Locked sheets still let people filter, sort and resize; they cannot edit. */
export const PROTECTION = { allowAutoFilter: true, allowSort: true, allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' };

export interface AccessOptions {
  /** `Excel.run`: every batch goes through it with RUN_OPTIONS. */
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
  /** One `Excel.run` batch, with RUN_OPTIONS. */
  readonly run: <T>(batch: (context: XlContext) => Promise<T>) => Promise<T>;
  readonly features: OfficeFeatures;
  readonly budget: number;
  readonly password: string | undefined;
  readonly editorsPassword: string | undefined;
  /** Sheet names by lower-case name; undefined until first needed, and after Excel disagreed. */
  known: Map<string, string> | undefined;

  constructor(options: AccessOptions) {
    this.run = (batch) => options.run(RUN_OPTIONS, batch);
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
   * A batch that changes a sheet. If Excel refuses because the sheet is protected (by Carnet's plan
   * or by a person), the whole batch runs once more, its checks included (the guard reads the
   * expected cells anew), with a load of the protection's options and the unprotect queued in front
   * of it, so that they travel in its first sync: no sync more than the batch and the protect. A
   * `finally` protects the sheet again with the options it had, whether the batch succeeded or not.
   *
   * A sheet protected with a password Carnet was not given is refused (E_FORBIDDEN): the unprotect
   * fails, nothing after it runs, and the protection is as it was. Telling that from a failure later
   * in the same sync costs one sync more, on that failure path only.
   *
   * Not known, and said here: whether the sheet had a password (`isPasswordProtected` is not in
   * ExcelApi 1.2–1.21), so with a configured password the sheet is protected again with it; and, if
   * the first sync fails after the unprotect went through, the options (a failed sync delivers no
   * loads): the sheet is then protected with Excel's defaults, which allow the least.
   */
  async mutate<T>(name: string, batch: (ctx: XlContext, ws: XlWorksheet) => Promise<T>): Promise<T> {
    try {
      return await this.onSheet(name, batch);
    } catch (e) {
      if (errorCode(e) !== 'AccessDenied') throw e;
      const password = this.password;
      return this.onSheet(name, async (ctx, ws) => {
        const before = ws.protection.load('protected,options');
        ws.protection.unprotect(password);
        let opened = false; // the first sync went through: `before` is known
        const tracked: XlContext = {
          workbook: ctx.workbook,
          sync: async () => {
            const answer = await ctx.sync();
            opened = true;
            return answer;
          },
        };
        let failed = false;
        try {
          const result = await batch(tracked, ws);
          if (!opened) await tracked.sync();
          return result;
        } catch (failure) {
          failed = true;
          if (opened) throw failure;
          throw await this.unopened(ctx, ws, name, failure, password);
        } finally {
          if (opened && before.protected) {
            ws.protection.protect({ ...before.options }, password);
            const again = await ctx.sync().then(
              () => undefined,
              (error: unknown) => ({ error }),
            );
            // The batch's own failure, if any, is the one to tell.
            if (again && !failed) throw protectionError(again.error, name);
          }
        }
      });
    }
  }

  /**
   * The first sync of a retry failed, before `protected` and `options` could be read. Still
   * protected: the unprotect is what failed (nothing after it ran), a password Carnet was not given.
   * Unprotected: an operation after it failed; the sheet is protected again with Excel's defaults.
   */
  private async unopened(ctx: XlContext, ws: XlWorksheet, name: string, failure: unknown, password: string | undefined): Promise<unknown> {
    const now = ws.protection.load('protected');
    try {
      await ctx.sync();
    } catch {
      return failure;
    }
    if (now.protected) return writeRefused(failure, name);
    ws.protection.protect(undefined, password);
    await ctx.sync().catch(() => undefined);
    return failure;
  }
}

function notFound(name: string): CarnetError {
  return new CarnetError({ code: 'E_NOT_FOUND', sheet: name, message: say('No sheet named "{name}"', { name }) });
}

/** Excel's refusal to unprotect a sheet Carnet must write into, as E_FORBIDDEN; any other error as it was. */
function writeRefused(e: unknown, sheet: string): unknown {
  if (!isPasswordRefusal(e)) return e;
  return new CarnetError({
    code: 'E_FORBIDDEN',
    sheet,
    message: say('Carnet cannot write to {sheet}: someone protected it with a password Carnet was not given. Ask whoever protected it to unprotect it (Review › Unprotect Sheet), or give Carnet’s admin the password.', { sheet }),
  });
}

/**
 * What Excel answers when a password does not open a sheet: not documented for `unprotect()`
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection). AccessDenied has
 * been seen from `unprotect()` (https://github.com/OfficeDev/office-js/issues/6784), Graph's
 * unprotect answers "The argument is invalid" (InvalidArgument, what the fake answers;
 * https://github.com/microsoftgraph/microsoft-graph-docs/issues/10151), BadPassword is what
 * ExcelScript's `pauseProtection` documents, InvalidOperation a protect on a protected sheet.
 */
function isPasswordRefusal(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'AccessDenied' || code === 'InvalidArgument' || code === 'BadPassword' || code === 'InvalidOperation';
}

/** Excel's refusal to (un)protect, as Carnet's E_FORBIDDEN; any other error as it was. */
export function protectionError(e: unknown, sheets: string): unknown {
  if (isPasswordRefusal(e)) {
    return new CarnetError({
      code: 'E_FORBIDDEN',
      sheet: sheets,
      message: say('Excel refused to change the protection of {sheet}: it is protected with a password Carnet was not given. Unprotect it (Review › Unprotect Sheet) and try again.', { sheet: sheets }),
    });
  }
  return e;
}
