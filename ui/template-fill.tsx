/**
 * Filling a template for one record (`doc.fill`) and handing the document over: the link stays
 * shown, the tags the record had no value for are named in a short note, and a template whose
 * tags are wrong is refused with its problems, which are shown as they are. Where the host keeps
 * files in the person's cloud storage (`bridge.saveToDrive`: Google Drive), the document can also
 * be saved there, and the saved file's link is shown, or why it could not be saved.
 */

import { useState } from 'preact/hooks';
import { BridgeError } from './bridge.js';
import { useCarnet } from './context.js';
import { FileLink, useSavedFile, type FileAnswer } from './download.js';
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
  const [answer, setAnswer] = useState<FileAnswer | undefined>();
  const [drive, setDrive] = useState<{ busy: true } | { saved: { name: string; url: string } } | { error: string } | undefined>();

  async function saveToDrive() {
    if (!answer || !bridge.saveToDrive) return;
    setDrive({ busy: true });
    try {
      const saved = await bridge.saveToDrive({ fileName: answer.fileName, mime: answer.mime, base64: answer.base64 });
      setDrive({ saved });
      announce(`${t('documentDriveReady')} ${saved.name}`);
    } catch (e) {
      setDrive({ error: (e as Error).message });
    }
  }

  async function fill() {
    if (!props.template) return;
    setBusy(true);
    setRefusal(undefined);
    setMissing([]);
    save(undefined);
    setAnswer(undefined);
    setDrive(undefined);
    try {
      const filled = await bridge.call<FilledDocument>('doc.fill', { template: props.template, record: props.record });
      save(filled);
      setAnswer({ fileName: filled.fileName, mime: filled.mime, base64: filled.base64 });
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
      {answer && bridge.saveToDrive && (
        <div class="document-drive">
          <div class="buttons">
            <button type="button" disabled={drive !== undefined && 'busy' in drive} onClick={() => void saveToDrive()}>
              {drive !== undefined && 'busy' in drive ? t('saving') : t('documentDriveSave')}
            </button>
          </div>
          {drive !== undefined && 'saved' in drive && (
            <p class="import-link export-done document-drive-done">
              {t('documentDriveReady')}{' '}
              <a href={drive.saved.url} target="_blank" rel="noopener noreferrer">
                {drive.saved.name}
              </a>
            </p>
          )}
          {drive !== undefined && 'error' in drive && (
            <p role="alert" class="form-error">
              {drive.error}
            </p>
          )}
        </div>
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
