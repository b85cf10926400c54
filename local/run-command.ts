/**
 * How the local hosts (the CLI, the server) run one command on the file: in one transaction, so
 * that a refusal saves nothing; and once more when another program saved the file while it ran
 * (E_CONFLICT at the save, or a colleague's rows moved), on the version that program saved — the
 * command then reads what is there now. A second conflict is reported.
 */

import { CarnetError } from '../core/errors.js';
import type { Workbook } from '../core/workbook.js';

export async function runOnFile<T>(wb: Workbook, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await wb.transaction(fn);
    } catch (error) {
      if (attempt > 0 || !(error instanceof CarnetError) || error.data.code !== 'E_CONFLICT') throw error;
    }
  }
}
