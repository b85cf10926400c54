/**
 * Earlier imports (`import.list`): each batch with who ran it and when, how far it got (an
 * interrupted one says so: issue 10 wants no half-applied import left unsaid), what it created and
 * updated, and Undo. Fetched when the list is opened and again after an import or an undo.
 */

import { useEffect, useState } from 'preact/hooks';
import { isoDateTime } from '../core/dates.js';
import type { BatchSummary } from '../core/import/types.js';
import { directory, labelOf, useCarnet } from './context.js';
import { dayTime } from './format.js';
import { DirectoryCounts } from './import-rows.js';
import { UndoImport } from './import-undo.js';
import type { MessageKey } from './i18n.js';

const STATUS: Record<BatchSummary['status'], MessageKey> = {
  complete: 'importStatusComplete',
  incomplete: 'importStatusIncomplete',
  undone: 'importStatusUndone',
};

export function EarlierImports(props: { id: string; refresh: number; onUndone(): void }) {
  const { bridge, schema, lang, t } = useCarnet();
  const [open, setOpen] = useState(false);
  const [batches, setBatches] = useState<BatchSummary[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    if (!open) return;
    let current = true;
    setProblem(undefined);
    bridge.call<{ batches: BatchSummary[] }>('import.list', {}).then(
      (r) => current && setBatches(r.batches),
      (e: unknown) => current && setProblem((e as Error).message),
    );
    return () => {
      current = false;
    };
  }, [open, props.refresh]);

  return (
    <details class="import-part import-batches" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary id={`${props.id}-batches`}>{t('importEarlier')}</summary>
      {problem && (
        <p role="alert" class="form-error">
          {problem}
        </p>
      )}
      {open && !batches && !problem && <p aria-busy="true">{t('loading')}</p>}
      {batches && batches.length === 0 && <p class="muted">{t('importNoEarlier')}</p>}
      {batches && batches.length > 0 && (
        <ul class="import-batch-list">
          {[...batches].sort((a, b) => b.started - a.started).map((b) => {
            const d = directory(schema, b.directory);
            return (
              <li key={b.batch} class={b.status}>
                <p>
                  <b>{b.name ?? b.batch}</b> → {d ? labelOf(d, lang) : b.directory} <span class={`badge ${b.status}`}>{t(STATUS[b.status])}</span>
                </p>
                <p class="muted">
                  {dayTime(isoDateTime(b.started), lang)} · {b.user} · {b.batch}
                </p>
                <p class="muted">{t('importAppliedOf', { applied: b.appliedRows.toLocaleString(lang), total: b.totalRows.toLocaleString(lang) })}</p>
                <DirectoryCounts counts={b.created} title="importCreatedTitle" />
                <DirectoryCounts counts={b.updated} title="importUpdatedTitle" />
                {b.status !== 'undone' && <UndoImport batch={b.batch} onUndone={props.onUndone} />}
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
