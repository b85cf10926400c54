import { fail } from '../errors.js';
import type { Crm } from './crm.js';
import type { DirectoryTable, StoredRecord } from './directory-table.js';

/** A record by its ID (`CO-000042`) or its display key (`Acme`), ignoring case. */
export function findRecord(crm: Crm, table: DirectoryTable, idOrKey: string): StoredRecord {
  const dir = table.dir;
  const name = dir.labels[crm.schema.lang];
  const byId = table.findById(idOrKey);
  if (byId) return byId;
  const found = table.findByDisplay(idOrKey);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    fail({
      code: 'E_AMBIGUOUS',
      directory: dir.key,
      value: idOrKey,
      message: `${found.length} records in ${name} are named "${idOrKey}" (${found.map((r) => r.id || `row ${r.row + 1}`).join(', ')}); use the ID.`,
    });
  }
  fail({ code: 'E_NOT_FOUND', directory: dir.key, value: idOrKey, message: `${name} has no record "${idOrKey}".` });
}
