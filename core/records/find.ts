import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { Crm } from './crm.js';
import type { DirectoryTable, StoredRecord } from './directory-table.js';

/** A record by its ID (`CO-000042`) or its display key (`Acme`), ignoring case. */
export function findRecord(crm: Crm, table: DirectoryTable, idOrKey: string): StoredRecord {
  const dir = table.dir;
  const name = named(dir.labels);
  const byId = table.findById(idOrKey);
  if (byId) return byId;
  const found = table.findByDisplay(idOrKey);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    fail({
      code: 'E_AMBIGUOUS',
      directory: dir.key,
      value: idOrKey,
      message: say('{count} records in {directory} are named "{value}" ({records}); use the ID.', {
        count: found.length,
        directory: name,
        value: idOrKey,
        records: found.map((r) => r.id || say('row {row}', { row: r.row + 1 })).join(', '),
      }),
    });
  }
  fail({ code: 'E_NOT_FOUND', directory: dir.key, value: idOrKey, message: say('{directory} has no record "{value}".', { directory: name, value: idOrKey }) });
}
