/**
 * The `.xlsx` file host of the port. Its code lives in `xlsx/`, one concept a file
 * (`workbook.ts` holds the class); this facade keeps the import path the CLI, the server, the
 * tests and the bench already use.
 */

export { XlsxWorkbook, type XlsxOptions } from './xlsx/workbook.js';
export { type StoredColumnLayout, type StoredLayout } from '../core/stored-layout.js';
export { LISTS_SHEET } from './xlsx/validations.js';
