import type { Context } from '../core/app/command.js';
import { serialFromLocalDate } from '../core/dates.js';
import type { Workbook } from '../core/workbook.js';

/** A command context on this computer: the workbook's clock is the machine's local time. */
export function localContext(wb: Workbook): Context {
  return { wb, now: () => serialFromLocalDate(new Date()) };
}
