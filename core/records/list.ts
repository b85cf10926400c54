import { normalizeValue } from '../fields/normalize.js';
import { fold } from '../schema/lookup.js';
import type { Cell } from '../workbook.js';
import type { Crm } from './crm.js';
import { recordJson, type RecordJson } from './record-json.js';
import { resolveInput } from './validate.js';

/**
 * Records of a directory, optionally filtered by equality on fields. Filter values are
 * normalised like input (`--where date=03/04/2026` finds the serial) and compared ignoring case.
 */
export async function listRecords(crm: Crm, dirKey: string, where: Record<string, Cell> = {}): Promise<RecordJson[]> {
  const dir = crm.directory(dirKey);
  const table = await crm.table(dirKey);
  const filters = [...resolveInput(crm.schema, dir, where)].map(([f, raw]) => {
    const n = normalizeValue(f, raw, crm.schema);
    const wanted = n.ok ? n.value : raw;
    return { key: f.key, wanted: wanted === null ? '' : fold(String(wanted)) };
  });
  return table.records
    .filter((r) => filters.every(({ key, wanted }) => fold(String(r.values[key] ?? '')) === wanted))
    .map((r) => recordJson(dir, r));
}
