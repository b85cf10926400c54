import { serialFromParts } from '../../core/dates.js';
import type { FieldDef } from '../../core/schema/types.js';
import type { Cell } from '../../core/workbook.js';

/**
 * Commands return dates as ISO text (JSON has no dates); the CLI turns them back into serials
 * to print them with the same formatter as every other value.
 */
export function isoToSerialCell(f: FieldDef, v: string | number | boolean | null): Cell {
  if ((f.type === 'date' || f.type === 'datetime') && typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
    if (m) return serialFromParts(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  return v;
}
