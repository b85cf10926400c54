/**
 * `import.apply`: the plan, run again inside the transaction (so it is the sheet as it is now that
 * decides), then written: missing referenced records first (the companies contacts link to), the
 * segment, the new records, the updated cells, the deals. Before anything is written the batch log
 * gets the IDs about to be created and the old value of every cell about to be overwritten, so a
 * crash, Apps Script's time limit or a closed sidebar leaves a batch that undo can take back.
 * A constant number of host calls per chunk: one read per sheet involved, one write per sheet.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { Crm } from '../records/crm.js';
import { cellsFor, type FormulaHook } from '../records/create.js';
import { cascadeRename } from '../records/cascade.js';
import { allocateIds, idNumber } from '../records/ids.js';
import { guardedWrite, identity, relocate, type CellWrite } from '../records/sheet-writes.js';
import { defaultFor, type Defaults } from '../records/validate.js';
import { empty } from '../records/directory-table.js';
import { fold } from '../schema/lookup.js';
import type { DirectoryDef } from '../schema/types.js';
import type { Cell, ExpectedCell } from '../workbook.js';
import { auditBatch } from '../audit/recorder.js';
import { BatchLog, fingerprint, summarize, type CreatedLog, type LogEntry, type UpdatedLog } from './batch-log.js';
import { headerSignature, SAVED_MAPPINGS, type SavedMappings } from './mapping.js';
import { planImport, type WorkRow } from './plan.js';
import type { ImportRequest, ImportResult } from './types.js';

const BATCH_SEQ = 'importSeq';

interface NewRecord {
  id: string;
  values: Record<string, Cell>;
  /** Carnet's own formulas for the row (a sale's computed amount). */
  formulas?: FormulaHook;
}

/** New records' cells, below everything in the sheet, in one guarded write. */
async function writeNew(crm: Crm, dirKey: string, records: NewRecord[]): Promise<void> {
  if (records.length === 0) return;
  await guardedWrite(crm, dirKey, (t, merges) => {
    const rows = t.freeRows(records.length, merges);
    const cells = records.flatMap((r, i) => cellsFor(t, rows[i]!, r.id, r.values, r.formulas?.(t, rows[i]!, r.values)));
    return { cells, expect: cells.map((c): ExpectedCell => ({ row: c.row, column: c.column, value: null })) };
  });
}

/** Changed cells of matched records, on their rows as they are now (found again by ID if moved). */
async function writeChanges(crm: Crm, dir: DirectoryDef, rows: WorkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await guardedWrite(crm, dir.key, (t) => {
    const cells: CellWrite[] = [];
    const expect: ExpectedCell[] = [];
    for (const r of rows) {
      const here = relocate(t, r.existing!);
      if (!here) fail({ code: 'E_CONFLICT', directory: dir.key, row: r.row, message: say('Row {row} of the file matched {record}, which someone deleted or changed meanwhile; nothing was written. Import again.', { row: r.row, record: r.existing!.id || say('a record') }) });
      for (const k of r.changes!) cells.push({ row: here.row, column: t.columns.get(k)!, value: r.values[k] ?? null });
      expect.push(...identity(t, here));
    }
    return { cells, expect };
  });
}

function nextBatch(crm: Crm): string {
  const n = ((crm.meta.extra[BATCH_SEQ] as number | undefined) ?? 0) + 1;
  crm.meta.extra[BATCH_SEQ] = n;
  return `IM-${String(n).padStart(6, '0')}`;
}

/** A deal name not yet taken: the record's name, then "Name (2)", "Name (3)"… */
function freeName(base: string, taken: (k: string) => boolean): string {
  let name = base;
  for (let i = 2; taken(fold(name)); i++) name = `${base} (${i})`;
  return name;
}

export async function applyImport(crm: Crm, req: ImportRequest, defaults: Defaults): Promise<ImportResult> {
  return crm.wb.transaction(async () => {
    crm.forgetAll();
    const work = await planImport(crm, req, defaults);
    const { dir, options } = work;
    if (work.plan.mapping.every((m) => m.field === null)) {
      fail({ code: 'E_BAD_INPUT', field: 'mapping', directory: dir.key, message: say('No column of the file is mapped to a field of {directory} (columns: {columns}); map at least one. Nothing was imported.', { directory: named(dir.labels), columns: work.source.header.map((h) => `"${h}"`).join(', ') }) });
    }
    const log = new BatchLog(crm.wb);
    const totalRows = req.chunk?.totalRows ?? work.source.rows.length;

    let batch = req.batch;
    const entries: LogEntry[] = [];
    let seq = 0;
    if (batch !== undefined) {
      const earlier = await log.batch(batch);
      const summary = summarize(batch, earlier);
      if (!summary) fail({ code: 'E_NOT_FOUND', field: 'batch', value: batch, message: say('There is no import batch "{batch}".', { batch }) });
      if (summary.status === 'undone') fail({ code: 'E_BAD_INPUT', field: 'batch', value: batch, message: say('Import {batch} was undone; start a new import.', { batch }) });
      if (summary.directory !== dir.key) fail({ code: 'E_BAD_INPUT', field: 'batch', value: batch, message: say('Import {batch} is into {directory}, not {other}.', { batch, directory: named(crm.directory(summary.directory).labels), other: named(dir.labels) }) });
      seq = earlier.filter((e) => e.kind === 'chunk').length;
    } else {
      batch = nextBatch(crm);
      entries.push({ kind: 'start', batch, directory: dir.key, ...(req.source.name ? { name: req.source.name } : {}), user: defaults.user, started: defaults.now, totalRows });
    }
    auditBatch(crm.wb, batch);

    const creates = work.rows.filter((r) => r.outcome === 'create');
    const updates = work.rows.filter((r) => r.outcome === 'update');
    const created: Record<string, CreatedLog> = {};
    const fresh = new Map<string, NewRecord[]>();
    const add = async (d: DirectoryDef, list: Record<string, Cell>[], given: (string | undefined)[] = [], formulas: (FormulaHook | undefined)[] = []) => {
      if (list.length === 0) return;
      const table = await crm.table(d.key);
      // IDs a file brings (a Carnet export) are kept; the counter moves past them so none is handed out twice.
      const top = Math.max(0, ...given.map((id) => (id === undefined ? 0 : (idNumber(d.idPrefix, id) ?? 0))));
      if (top > (crm.meta.counters[d.key] ?? 0)) crm.meta.counters[d.key] = top;
      const ids = allocateIds(crm, d, table, list.length - given.filter((g) => g !== undefined).length);
      let next = 0;
      const records = list.map((values, i): NewRecord => ({ id: given[i] ?? ids[next++]!, values, ...(formulas[i] ? { formulas: formulas[i] } : {}) }));
      fresh.set(d.key, [...(fresh.get(d.key) ?? []), ...records]);
      const fields = d.fields.map((f) => f.key);
      const entry = (created[d.key] ??= { fields, records: [] });
      for (const r of records) entry.records.push([r.id, fingerprint(fields, r.values)]);
    };
    const withDefaults = (d: DirectoryDef, values: Record<string, Cell>) => {
      for (const f of d.fields) {
        if (!empty(values[f.key])) continue;
        const v = defaultFor(f, defaults);
        if (v !== undefined && v !== null) values[f.key] = v;
      }
      return values;
    };

    for (const link of work.links) {
      const list = [...link.create.values()].map((c) => withDefaults(link.dir, { ...c.values, [link.dir.display]: c.display }));
      await add(link.dir, list);
    }
    if (options.segment?.create && creates.length + updates.length > 0) await add(crm.directory('segments'), [withDefaults(crm.directory('segments'), { name: options.segment.name })]);
    await add(dir, creates.map((r) => {
      const { id: _id, ...values } = r.values;
      return values;
    }), creates.map((r) => (r.values.id === undefined ? undefined : String(r.values.id))), creates.map((r) => (r.formula ? work.sales?.formulas : undefined)));

    const deals: Record<string, Cell>[] = [];
    if (options.dealStage) {
      const dealsDir = crm.directory('deals');
      const dealTable = await crm.table('deals');
      const taken = new Set<string>();
      for (const r of creates) {
        const company = dir.key === 'companies' ? r.values[dir.display] : r.values.company;
        if (empty(company)) continue;
        const base = String(dir.display === 'id' ? company : r.values[dir.display]);
        const name = freeName(base, (k) => taken.has(k) || dealTable.findByDisplay(k).length > 0);
        taken.add(fold(name));
        deals.push(withDefaults(dealsDir, { name, company, stage: options.dealStage, ...(dir.key === 'contacts' ? { contact: r.values.name ?? null } : {}), ...(empty(r.values.owner) ? {} : { owner: r.values.owner! }) }));
      }
      await add(dealsDir, deals);
    }

    const updated: Record<string, UpdatedLog[]> = {};
    if (updates.length) {
      updated[dir.key] = updates.map((r) => ({
        id: r.existing!.id,
        old: Object.fromEntries(r.changes!.map((k) => [k, r.existing!.values[k] ?? null])),
        new: Object.fromEntries(r.changes!.map((k) => [k, r.values[k] ?? null])),
      }));
    }
    const counts = work.plan.counts;
    entries.push({ kind: 'chunk', batch, seq, firstRow: work.source.firstRow, rows: work.source.rows.length, created, updated, counts });
    // Logged before written: whatever happens next, undo knows what this chunk set out to do.
    await log.append(entries);

    for (const [key, records] of fresh) if (key !== dir.key && key !== 'deals') await writeNew(crm, key, records);
    await writeNew(crm, dir.key, fresh.get(dir.key) ?? []);
    await writeChanges(crm, dir, updates);
    if (dir.key !== 'deals') await writeNew(crm, 'deals', fresh.get('deals') ?? []);

    // A matched record renamed by the file: its references follow, as they do for an edit.
    if (dir.display !== 'id') {
      for (const r of updates) {
        if (!r.changes!.includes(dir.display)) continue;
        const before = r.existing!.values[dir.display];
        if (!empty(before)) await cascadeRename(crm, dir.key, String(before), String(r.values[dir.display]));
      }
    }

    const saved = ((crm.meta.extra[SAVED_MAPPINGS] as SavedMappings | undefined) ?? {});
    saved[headerSignature(dir.key, work.signature.header)] = work.plan.mapping;
    crm.meta.extra[SAVED_MAPPINGS] = saved;
    await crm.saveMeta();
    await log.append([{ kind: 'done', batch, seq }]);
    crm.forgetAll();

    const summary = summarize(batch, await log.batch(batch))!;
    return {
      batch,
      counts,
      rows: work.rows.filter((r) => r.outcome === 'skip' || r.outcome === 'reject').map(({ existing: _e, formula: _f, ...r }) => r),
      created: Object.fromEntries(Object.entries(created).map(([k, c]) => [k, c.records.length])),
      updated: Object.fromEntries(Object.entries(updated).map(([k, u]) => [k, u.length])),
      complete: summary.status === 'complete',
      appliedRows: summary.appliedRows,
      totalRows,
    };
  });
}
