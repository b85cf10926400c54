/**
 * Filling a template for one record (`doc.fill`) and handing the document over: the link stays
 * shown, the tags the record had no value for are named in a short note, and a template whose
 * tags are wrong is refused with its problems, which are shown as they are.
 */

import { useState } from 'preact/hooks';
import { BridgeError } from './bridge.js';
import { useCarnet } from './context.js';
import { FileLink, useSavedFile } from './download.js';
import type { FilledDocument, ProblemLike } from './template-answers.js';
import { ProblemList } from './template-problems.js';

/** Each tag once, in the order the template has them. */
function tagsOf(problems: readonly ProblemLike[]): string[] {
  return [...new Set(problems.map((p) => p.tag ?? p.message))];
}

export function FillDocument(props: { template: string | undefined; record: string; disabled?: boolean }) {
  const { bridge, t, announce } = useCarnet();
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<ProblemLike[]>([]);
  const [refusal, setRefusal] = useState<{ message: string; problems: ProblemLike[] } | undefined>();
  const [file, save] = useSavedFile();

  async function fill() {
    if (!props.template) return;
    setBusy(true);
    setRefusal(undefined);
    setMissing([]);
    save(undefined);
    try {
      const filled = await bridge.call<FilledDocument>('doc.fill', { template: props.template, record: props.record });
      save(filled);
      setMissing(filled.missing);
      announce(t('documentSaved', { file: filled.fileName }));
    } catch (e) {
      const problems = e instanceof BridgeError ? (e.data.problems ?? []) : [];
      setRefusal({ message: (e as Error).message, problems });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="document-fill">
      <div class="buttons">
        <button type="button" class="primary" disabled={busy || !props.template || props.disabled || props.record.trim() === ''} onClick={() => void fill()}>
          {busy ? t('documentFilling') : t('documentFill')}
        </button>
      </div>
      {file && (
        <p class="import-link export-done document-done">
          {t('documentReady')} <FileLink file={file} />
        </p>
      )}
      {missing.length > 0 && <p class="document-missing">{t('documentMissing', { tags: tagsOf(missing).join(', ') })}</p>}
      {refusal && (
        <div role="alert" class="form-error">
          {refusal.problems.length > 0 ? (
            <>
              <p>{t('documentRefused')}</p>
              <ProblemList problems={refusal.problems} />
            </>
          ) : (
            <p>{refusal.message}</p>
          )}
        </div>
      )}
    </div>
  );
}
