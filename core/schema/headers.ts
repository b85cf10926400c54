import type { Cell } from '../workbook.js';
import { ID_HEADER, type DirectoryDef, type Schema } from './types.js';

/** The header row Carnet writes for a new directory sheet: ID, then field labels in the workbook's language. */
export function headerRow(schema: Schema, dir: DirectoryDef): Cell[] {
  return [ID_HEADER, ...dir.fields.map((f) => f.labels[schema.lang])];
}
