/**
 * Applying an import chunk by chunk: the file is parsed once in the browser, then each chunk goes
 * to `import.apply` as rows (the header first) with the same mapping and options, adding to the
 * batch the first chunk opened. Chunks are used in every host, the local server included: one
 * path to test, a progress bar everywhere, and the local server's 1 MB body limit is a payload
 * ceiling too. A refused or failed chunk stops the run where it is; `applyChunks` given the
 * stopped run sends the rest to the same batch (Resume), and the batch can be undone whole at any
 * point (issue 10: an import is never left half-applied without the person being told).
 */

import type { ErrorData } from '../core/errors.js';
import type { ImportRequest, ImportResult } from '../core/import/types.js';
import { BridgeError, type Bridge } from './bridge.js';
import type { Chunk } from './import-chunks.js';

/** What every chunk's request shares: the target, the mapping and the options, not the rows. */
export type ApplyRequest = Omit<ImportRequest, 'source' | 'parse' | 'batch' | 'chunk' | 'detail'>;

export interface ApplyRun {
  header: string[];
  chunks: Chunk[];
  /** The source's name (the saved mapping and the batch list show it) and sheet. */
  name?: string;
  sheet?: string;
  totalRows: number;
  /** The next chunk to send: `chunks.length` when every one went. */
  next: number;
  /** The batch the first chunk opened; absent while nothing is applied. */
  batch?: string;
  /** The chunks' results so far, added up. */
  result?: ImportResult;
  /** Why the run stopped before its end. */
  error?: ErrorData;
}

export function startRun(header: string[], chunks: Chunk[], source: { name?: string; sheet?: string }): ApplyRun {
  return { header, chunks, totalRows: chunks.reduce((n, c) => n + c.rows.length, 0), next: 0, ...(source.name ? { name: source.name } : {}), ...(source.sheet ? { sheet: source.sheet } : {}) };
}

function sum(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * Two chunks' results as one. A chunk reports its own counts, rows and records; how far the batch
 * has got (applied rows, complete) is the batch's, so the last chunk's word is kept.
 */
export function addResults(before: ImportResult | undefined, chunk: ImportResult): ImportResult {
  if (!before) return chunk;
  return {
    ...chunk,
    counts: sum(before.counts, chunk.counts) as ImportResult['counts'],
    rows: [...before.rows, ...chunk.rows],
    created: sum(before.created, chunk.created),
    updated: sum(before.updated, chunk.updated),
  };
}

function errorOf(e: unknown): ErrorData {
  return e instanceof BridgeError ? e.data : { code: 'E_INTERNAL', message: (e as Error).message };
}

/**
 * Sends the run's remaining chunks in order, reporting after each; resolves with the run as it
 * ended: every chunk sent, or stopped at the first that failed (its `error` says why).
 */
export async function applyChunks(bridge: Bridge, request: ApplyRequest, start: ApplyRun, onProgress: (run: ApplyRun) => void): Promise<ApplyRun> {
  let run: ApplyRun = { ...start };
  delete run.error;
  while (run.next < run.chunks.length) {
    const chunk = run.chunks[run.next]!;
    try {
      const result = await bridge.call<ImportResult>('import.apply', {
        ...request,
        source: { kind: 'rows', rows: [run.header, ...chunk.rows], ...(run.name ? { name: run.name } : {}), ...(run.sheet ? { sheet: run.sheet } : {}) },
        parse: { header: true },
        ...(run.batch ? { batch: run.batch } : {}),
        chunk: { firstRow: chunk.firstRow, totalRows: run.totalRows },
      });
      run = { ...run, next: run.next + 1, batch: result.batch, result: addResults(run.result, result) };
    } catch (e) {
      run = { ...run, error: errorOf(e) };
      onProgress(run);
      return run;
    }
    onProgress(run);
  }
  return run;
}

/** Rows the run has sent and the core applied (0 before the first chunk's answer). */
export function appliedRows(run: ApplyRun): number {
  return run.result?.appliedRows ?? 0;
}
