import { jsonValue } from '../fields/normalize.js';
import type { DirectoryDef } from '../schema/types.js';
import type { StoredRecord } from './directory-table.js';

/** A record as commands return it: ids, the sheet row as a person counts it, JSON values by field key. */
export interface RecordJson {
  id: string;
  row: number;
  display: string;
  values: Record<string, string | number | boolean | null>;
}

export function recordJson(dir: DirectoryDef, rec: StoredRecord): RecordJson {
  const values: RecordJson['values'] = {};
  for (const f of dir.fields) {
    if (f.key in rec.values) values[f.key] = jsonValue(f, rec.values[f.key] ?? null);
  }
  const d = dir.display === 'id' ? rec.id : rec.values[dir.display];
  return { id: rec.id, row: rec.row + 1, display: d === null || d === undefined ? '' : String(d), values };
}
