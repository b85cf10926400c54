import { CarnetError, fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { referencesTo } from './cascade.js';
import type { Crm } from './crm.js';
import { findRecord } from './find.js';
import { recordJson, type RecordJson } from './record-json.js';
import { identity, relocate } from './sheet-writes.js';

/**
 * Deleting a record other records still reference would leave dangling names in the sheets:
 * it is refused with the list of referencing rows.
 */
export async function deleteRecord(crm: Crm, dirKey: string, idOrKey: string): Promise<RecordJson> {
  return crm.wb.transaction(async () => {
    crm.forget(dirKey);
    const dir = crm.directory(dirKey);
    const table = await crm.table(dirKey);
    const rec = findRecord(crm, table, idOrKey);
    const display = table.displayOf(rec);
    const refs = await referencesTo(crm, dir.key, display);
    if (refs.length > 0) {
      const name = (r: { directory: string }) => named(crm.directory(r.directory).labels);
      const shown = refs.slice(0, 5).map((r) => say('{directory} row {row}', { directory: name(r), row: r.row }));
      const list = `${shown.join(', ')}${refs.length > 5 ? ', …' : ''}`;
      fail({
        code: 'E_IN_USE',
        directory: dir.key,
        row: rec.row + 1,
        value: display,
        message:
          refs.length > 1
            ? say('"{value}" is still referenced {count} times ({list}); change or delete those first.', { value: display, count: refs.length, list })
            : say('"{value}" is still referenced 1 time ({list}); change or delete those first.', { value: display, list }),
        problems: refs.map((r) => ({
          code: 'E_IN_USE' as const,
          directory: r.directory,
          field: r.field,
          row: r.row,
          value: display,
          message: say('{directory} row {row} references "{value}".', { directory: name(r), row: r.row, value: display }),
        })),
      });
    }
    // The row must still hold the record: a colleague may have sorted or inserted rows since it
    // was read. Then it is found again by its ID, once.
    let here = rec;
    for (let attempt = 0; ; attempt++) {
      try {
        await crm.wb.deleteRows(dir.sheet, [here.row], identity(await crm.table(dirKey), here));
        break;
      } catch (error) {
        crm.forget(dirKey);
        if (attempt > 0 || !(error instanceof CarnetError) || error.data.code !== 'E_CONFLICT') throw error;
        const again = relocate(await crm.table(dirKey), rec);
        if (!again) throw error;
        here = again;
      }
    }
    crm.forget(dirKey);
    crm.forgetMerges(dirKey);
    return recordJson(dir, here);
  });
}
