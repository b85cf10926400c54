/**
 * `import.undo`: removes exactly the rows a batch created and puts back the values it overwrote.
 * A record someone edited since (its cells no longer what the import wrote) is listed, and nothing
 * is done until the user says whether to keep those edits or revert them too. A created record that
 * other records now refer to (a company someone added a sale to) stays, and is reported. Works on a
 * batch left half-applied by a crash: only what is there is taken back.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { Crm } from '../records/crm.js';
import type { DirectoryTable, StoredRecord } from '../records/directory-table.js';
import { guardedWrite, identity, type CellWrite } from '../records/sheet-writes.js';
import { fold } from '../schema/lookup.js';
import type { Cell, ExpectedCell } from '../workbook.js';
import { auditBatch } from '../audit/recorder.js';
import { BatchLog, fingerprint, summarize, type CreatedLog, type UpdatedLog } from './batch-log.js';
import type { EditedRecord, UndoResult } from './types.js';

export type EditedChoice = 'ask' | 'keep' | 'revert';

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  const x = a === undefined || a === '' ? null : a;
  const y = b === undefined || b === '' ? null : b;
  return x === y;
}

export async function undoImport(crm: Crm, batch: string, choice: EditedChoice, at: number, user: string): Promise<UndoResult> {
  return crm.wb.transaction(async () => {
    crm.forgetAll();
    const log = new BatchLog(crm.wb);
    const entries = await log.batch(batch);
    auditBatch(crm.wb, batch);
    const summary = summarize(batch, entries);
    if (!summary) fail({ code: 'E_NOT_FOUND', field: 'batch', value: batch, message: say('There is no import batch "{batch}" (see `carnet imports`).', { batch }) });
    if (summary.status === 'undone') fail({ code: 'E_BAD_INPUT', field: 'batch', value: batch, message: say('Import {batch} has already been undone.', { batch }) });

    const created = new Map<string, CreatedLog[]>();
    const updated = new Map<string, UpdatedLog[]>();
    for (const e of entries) {
      if (e.kind !== 'chunk') continue;
      for (const [d, c] of Object.entries(e.created)) created.set(d, [...(created.get(d) ?? []), c]);
      for (const [d, u] of Object.entries(e.updated)) updated.set(d, [...(updated.get(d) ?? []), ...u]);
    }

    const edited: EditedRecord[] = [];
    const toDelete = new Map<string, StoredRecord[]>();
    const toRestore = new Map<string, { rec: StoredRecord; values: Record<string, Cell> }[]>();
    const tables = new Map<string, DirectoryTable>();
    for (const d of new Set([...created.keys(), ...updated.keys()])) tables.set(d, await crm.table(d));

    for (const [d, logs] of created) {
      const t = tables.get(d)!;
      const list: StoredRecord[] = [];
      for (const c of logs) {
        for (const [id, print] of c.records) {
          const rec = t.findById(id);
          if (!rec) continue;
          const now = fingerprint(c.fields, rec.values);
          if (now !== print) {
            // The log keeps a fingerprint of a created record, not its values: which field changed is not known.
            edited.push({ directory: d, id, kind: 'created', fields: [] });
            if (choice === 'keep') continue;
          }
          list.push(rec);
        }
      }
      toDelete.set(d, list);
    }
    for (const [d, list] of updated) {
      const t = tables.get(d)!;
      const out: { rec: StoredRecord; values: Record<string, Cell> }[] = [];
      for (const u of list) {
        const rec = t.findById(u.id);
        if (!rec) continue;
        const values: Record<string, Cell> = {};
        const changed: string[] = [];
        for (const [f, v] of Object.entries(u.new)) {
          const cur = rec.values[f];
          if (same(cur, v)) values[f] = u.old[f] ?? null;
          else if (!same(cur, u.old[f])) {
            changed.push(f);
            if (choice === 'revert') values[f] = u.old[f] ?? null;
          }
        }
        if (changed.length) edited.push({ directory: d, id: u.id, kind: 'updated', fields: changed });
        if (Object.keys(values).length) out.push({ rec, values });
      }
      toRestore.set(d, out);
    }
    const result: UndoResult = { batch, done: false, edited, deleted: {}, restored: {}, kept: [] };
    if (edited.length && choice === 'ask') return result;

    // A created record still referred to by a record the batch did not create stays.
    const deleting = new Map<string, Set<string>>();
    for (const [d, list] of toDelete) deleting.set(d, new Set(list.map((r) => r.id)));
    for (const [d, list] of toDelete) {
      const dir = crm.directory(d);
      if (dir.display === 'id') continue;
      const referrers = crm.schema.directories.flatMap((x) => x.fields.filter((f) => f.type === 'reference' && f.ref === d).map((f) => ({ dir: x, field: f })));
      const keep = new Set<string>();
      for (const { dir: from, field } of referrers) {
        const ft = await crm.table(from.key);
        const idx = ft.index(field.key);
        for (const rec of list) {
          // Referrers the undo deletes, or whose reference it puts back, do not hold a record.
          const reverting = (r: StoredRecord) => toRestore.get(from.key)?.some((x) => x.rec.id === r.id && field.key in x.values) ?? false;
          const by = (idx.get(fold(String(rec.values[dir.display] ?? ''))) ?? []).find((r) => !deleting.get(from.key)?.has(r.id) && !reverting(r));
          if (by && !keep.has(rec.id)) {
            keep.add(rec.id);
            result.kept.push({ directory: d, id: rec.id, reason: say('{directory} {record} refers to it', { directory: named(from.labels), record: by.id || say('row {row}', { row: by.row + 1 }) }) });
          }
        }
      }
      if (keep.size) toDelete.set(d, list.filter((r) => !keep.has(r.id)));
    }

    for (const [d, list] of toRestore) {
      if (list.length === 0) continue;
      await guardedWrite(crm, d, (t) => {
        const cells: CellWrite[] = [];
        const expect: ExpectedCell[] = [];
        for (const { rec, values } of list) {
          const here = t.findById(rec.id);
          if (!here) continue;
          for (const [f, v] of Object.entries(values)) {
            const c = t.columns.get(f);
            if (c !== undefined) cells.push({ row: here.row, column: c, value: v });
          }
          expect.push(...identity(t, here));
        }
        return { cells, expect };
      });
      result.restored[d] = list.length;
    }
    for (const [d, list] of toDelete) {
      if (list.length === 0) continue;
      const t = await crm.table(d);
      const rows = list.map((r) => t.findById(r.id)).filter((r): r is StoredRecord => r !== undefined);
      const expect = rows.flatMap((r) => identity(t, r));
      await crm.wb.deleteRows(crm.directory(d).sheet, rows.map((r) => r.row).sort((a, b) => a - b), expect);
      crm.forget(d);
      crm.forgetMerges(d);
      result.deleted[d] = rows.length;
    }
    await log.append([{ kind: 'undo', batch, at, user, deleted: result.deleted, restored: result.restored }]);
    result.done = true;
    return result;
  });
}
