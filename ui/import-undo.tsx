/**
 * Undoing an import (`import.undo`): the rows it created are removed and the values it overwrote
 * put back. When someone has edited an imported record since, the core does nothing and lists
 * those records; the person then chooses to keep their edits or to revert them too, and the
 * command is sent again with that answer.
 */

import { useState } from 'preact/hooks';
import type { UndoResult } from '../core/import/types.js';
import { directory, fieldOf, labelOf, useCarnet } from './context.js';
import { DirectoryCounts } from './import-rows.js';

function message(e: unknown): string {
  return (e as Error).message;
}

export function UndoImport(props: { batch: string; label?: string; onUndone(result: UndoResult): void }) {
  const { bridge, schema, lang, t, announce } = useCarnet();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<UndoResult | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<UndoResult | undefined>();

  async function undo(edited: 'ask' | 'keep' | 'revert') {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await bridge.call<UndoResult>('import.undo', { batch: props.batch, edited });
      if (!result.done) {
        setAsking(result);
        return;
      }
      setAsking(undefined);
      setDone(result);
      announce(t('importUndone'));
      props.onUndone(result);
    } catch (e) {
      setProblem(message(e));
    } finally {
      setBusy(false);
    }
  }

  const dirLabel = (key: string) => {
    const d = directory(schema, key);
    return d ? labelOf(d, lang) : key;
  };
  const fieldLabels = (dirKey: string, keys: string[]) =>
    keys
      .map((k) => {
        const f = fieldOf(schema, dirKey, k);
        return f ? labelOf(f, lang) : k;
      })
      .join(', ');

  if (done) {
    return (
      <div class="import-undone" role="status">
        <p>{t('importUndoneBatch', { batch: props.batch })}</p>
        <DirectoryCounts counts={done.deleted} title="importRemoved" />
        <DirectoryCounts counts={done.restored} title="importRestored" />
        {done.kept.length > 0 && (
          <>
            <p>{t('importKept')}</p>
            <ul class="import-notes">
              {done.kept.map((k) => (
                <li key={`${k.directory}:${k.id}`}>
                  {dirLabel(k.directory)} {k.id}: {k.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }

  return (
    <div class="import-undo">
      {!asking && (
        <button type="button" disabled={busy} onClick={() => void undo('ask')}>
          ↶ {busy ? t('importUndoing') : (props.label ?? t('importUndo'))}
        </button>
      )}
      {asking && (
        <div class="import-ask" role="alertdialog" aria-labelledby={`undo-${props.batch}-ask`}>
          <p id={`undo-${props.batch}-ask`}>
            <b>{t('importEditedSince', { count: asking.edited.length })}</b>
          </p>
          <ul class="import-notes">
            {asking.edited.map((r) => (
              <li key={`${r.directory}:${r.id}`}>
                {dirLabel(r.directory)} <b>{r.id}</b> — {t(r.kind === 'created' ? 'importEditedCreated' : 'importEditedUpdated', { fields: fieldLabels(r.directory, r.fields) })}
              </li>
            ))}
          </ul>
          <div class="buttons">
            <button type="button" disabled={busy} onClick={() => void undo('keep')}>
              {t('importKeepEdited')}
            </button>
            <button type="button" class="danger-outline" disabled={busy} onClick={() => void undo('revert')}>
              {t('importRevertEdited')}
            </button>
            <button type="button" class="link" disabled={busy} onClick={() => setAsking(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p role="alert" class="form-error">
          {problem}
        </p>
      )}
    </div>
  );
}
