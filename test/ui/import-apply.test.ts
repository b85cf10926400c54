import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../core/import/types.js';
import { BridgeError, type Bridge } from '../../ui/bridge.js';
import { applyChunks, startRun } from '../../ui/import-apply.js';
import { chunksOf } from '../../ui/import-chunks.js';

const header = ['Name', 'Email'];
const rows = Array.from({ length: 5 }, (_, i) => [`Person ${i}`, `p${i}@example.com`]);
const request = { directory: 'contacts', mapping: [{ column: 0, field: 'name' }, { column: 1, field: 'email' }], match: ['email'] };

/** A bridge that applies chunks as the core would answer, refusing the calls numbered in `fail`. */
function fakeCore(fail: number[] = []) {
  const calls: Record<string, unknown>[] = [];
  let applied = 0;
  const bridge: Bridge = {
    async call<T>(command: string, input?: unknown): Promise<T> {
      const i = input as { source: { rows: unknown[][] }; batch?: string; chunk: { totalRows: number } };
      calls.push({ command, ...(input as object) });
      if (fail.includes(calls.length)) throw new BridgeError({ code: 'E_LOCKED', message: 'Someone else is saving.' });
      const n = i.source.rows.length - 1;
      applied += n;
      const result: ImportResult = {
        batch: i.batch ?? 'IM-000001',
        counts: { create: n, update: 0, unchanged: 0, skip: 0, reject: 0 },
        rows: [],
        created: { contacts: n },
        updated: {},
        complete: applied === i.chunk.totalRows,
        appliedRows: applied,
        totalRows: i.chunk.totalRows,
      };
      return result as T;
    },
  };
  return { bridge, calls };
}

describe('applying an import chunk by chunk', () => {
  const chunks = chunksOf({ header, rows, firstRow: 2 }, { maxRows: 2, maxBytes: 1e6 });

  it('sends each chunk as rows under the header, into the batch the first one opened, and adds up the results', async () => {
    const { bridge, calls } = fakeCore();
    const seen: number[] = [];
    const end = await applyChunks(bridge, request, startRun(header, chunks, { name: 'contacts.csv' }), (r) => seen.push(r.result?.appliedRows ?? 0));
    expect(calls).toEqual([
      { command: 'import.apply', ...request, source: { kind: 'rows', rows: [header, ...rows.slice(0, 2)], name: 'contacts.csv' }, parse: { header: true }, chunk: { firstRow: 2, totalRows: 5 } },
      { command: 'import.apply', ...request, source: { kind: 'rows', rows: [header, ...rows.slice(2, 4)], name: 'contacts.csv' }, parse: { header: true }, batch: 'IM-000001', chunk: { firstRow: 4, totalRows: 5 } },
      { command: 'import.apply', ...request, source: { kind: 'rows', rows: [header, rows[4]], name: 'contacts.csv' }, parse: { header: true }, batch: 'IM-000001', chunk: { firstRow: 6, totalRows: 5 } },
    ]);
    expect(seen).toEqual([2, 4, 5]);
    expect(end).toMatchObject({ next: 3, batch: 'IM-000001', result: { counts: { create: 5 }, created: { contacts: 5 }, appliedRows: 5, complete: true } });
    expect(end.error).toBeUndefined();
  });

  it('stops at a failed chunk with what is in, and resumes with the rest into the same batch', async () => {
    const { bridge, calls } = fakeCore([2]);
    const stopped = await applyChunks(bridge, request, startRun(header, chunks, {}), () => {});
    expect(stopped).toMatchObject({ next: 1, batch: 'IM-000001', error: { code: 'E_LOCKED', message: 'Someone else is saving.' }, result: { appliedRows: 2, complete: false } });

    const resumed = await applyChunks(bridge, request, stopped, () => {});
    expect(calls.slice(2).map((c) => [c.batch, (c.chunk as { firstRow: number }).firstRow])).toEqual([
      ['IM-000001', 4],
      ['IM-000001', 6],
    ]);
    expect(resumed).toMatchObject({ next: 3, result: { appliedRows: 5, complete: true, counts: { create: 5 } } });
    expect(resumed.error).toBeUndefined();
  });
});
