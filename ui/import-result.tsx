/**
 * An import being applied and once applied: a progress bar over the chunks; when a chunk fails,
 * what is already in (the batch, the rows) with Resume and Undo; at the end the counts, the
 * records created and updated per directory, the rows not imported, and Undo.
 */

import { useLayoutEffect, useRef } from 'preact/hooks';
import type { SourceTable } from '../core/import/source-types.js';
import type { UndoResult } from '../core/import/types.js';
import { useCarnet } from './context.js';
import { appliedRows, type ApplyRun } from './import-apply.js';
import { rejectedName } from './import-preview.js';
import { DirectoryCounts, OutcomeCounts, ProblemRows } from './import-rows.js';
import { UndoImport } from './import-undo.js';

export function ImportProgress(props: { id: string; run: ApplyRun; applying: boolean; table: SourceTable | undefined; fromCsv: boolean; onResume(): void; onUndone(result: UndoResult): void; onAgain(): void }) {
  const { lang, t } = useCarnet();
  const { id, run } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const applied = appliedRows(run);
  const finished = run.next >= run.chunks.length && !run.error;
  const result = run.result;

  // The end of the run (or its stop): the reader lands on what happened.
  useLayoutEffect(() => {
    if (!props.applying) heading.current?.focus();
  }, [props.applying]);

  const of = { applied: applied.toLocaleString(lang), total: run.totalRows.toLocaleString(lang) };

  return (
    <section class="import-part import-result" aria-labelledby={`${id}-result`} aria-busy={props.applying}>
      <h3 id={`${id}-result`} tabIndex={-1} ref={heading}>
        {props.applying ? t('importApplying') : finished ? t('importDone') : t('importStopped')}
      </h3>
      <div class="import-progress">
        <progress max={run.totalRows} value={applied} aria-label={t('importProgress')} />
        <span>{t('importAppliedOf', of)}</span>
      </div>

      {run.error && !props.applying && (
        <div class="import-stopped" role="alert">
          <p class="form-error">{run.error.message}</p>
          <p>{run.batch ? t('importStoppedAt', { ...of, batch: run.batch }) : t('importNothingApplied')}</p>
          <div class="buttons">
            <button type="button" class="primary" onClick={props.onResume}>
              {t('importResume', { count: (run.totalRows - applied).toLocaleString(lang) })}
            </button>
          </div>
        </div>
      )}

      {result && (
        <>
          <OutcomeCounts counts={result.counts} label={t('importDone')} />
          <DirectoryCounts counts={result.created} title="importCreatedTitle" />
          <DirectoryCounts counts={result.updated} title="importUpdatedTitle" />
          <ProblemRows rows={result.rows} table={props.table} fromCsv={props.fromCsv} fileName={rejectedName(run.name)} />
        </>
      )}

      {!props.applying && (
        <div class="buttons">
          {run.batch && <UndoImport batch={run.batch} label={finished ? t('importUndo') : t('importUndoPart')} onUndone={props.onUndone} />}
          <button type="button" class="link" onClick={props.onAgain}>
            {t('importAnother')}
          </button>
        </div>
      )}
    </section>
  );
}
