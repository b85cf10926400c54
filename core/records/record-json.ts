import { jsonValue } from '../fields/normalize.js';
import { phoneForReading } from '../fields/phone.js';
import type { DirectoryDef } from '../schema/types.js';
import type { StoredRecord } from './directory-table.js';

/** A record as commands return it: ids, the sheet row as a person counts it, JSON values by field key. */
export interface RecordJson {
  id: string;
  row: number;
  display: string;
  values: Record<string, string | number | boolean | null>;
  /** Values as people read them where that differs from the stored one: phones grouped (`+44 20 7946 0979`). */
  shown?: Record<string, string>;
}

export function recordJson(dir: DirectoryDef, rec: StoredRecord): RecordJson {
  const values: RecordJson['values'] = {};
  let shown: Record<string, string> | undefined;
  for (const f of dir.fields) {
    if (!(f.key in rec.values)) continue;
    const v = jsonValue(f, rec.values[f.key] ?? null);
    values[f.key] = v;
    if (f.type === 'phone' && typeof v === 'string' && v.startsWith('+')) {
      const read = phoneForReading(v);
      if (read !== v) (shown ??= {})[f.key] = read;
    }
  }
  const d = dir.display === 'id' ? rec.id : rec.values[dir.display];
  return { id: rec.id, row: rec.row + 1, display: d === null || d === undefined ? '' : String(d), values, ...(shown ? { shown } : {}) };
}
