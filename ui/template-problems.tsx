/**
 * What is wrong with a template, as a person finds it in Word: the tag as written, where it is
 * (paragraph, or table cell), the text around it, and the plain explanation ("did you mean
 * {City}?"); and the template back with these problems as Word comments, to fix them in place.
 */

import { useState } from 'preact/hooks';
import { useCarnet } from './context.js';
import { FileLink, useSavedFile } from './download.js';
import type { ProblemLike, TemplateChecked } from './template-answers.js';

/** A command's refusal or failure, said where it happened; nothing when there is none. */
export function Failure({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" class="form-error">
      {message}
    </p>
  ) : null;
}

export function ProblemList({ problems }: { problems: readonly ProblemLike[] }) {
  return (
    <ul class="template-problems">
      {problems.map((p, i) => (
        <li key={i}>
          {p.tag && <code class="template-tag">{p.tag}</code>}
          {p.place && <span class="muted"> {p.place.where}</span>}
          <div>{p.message}</div>
          {p.place?.around && <q class="template-around">{p.place.around}</q>}
        </li>
      ))}
    </ul>
  );
}

/** A stored template's problems, with its copy annotated by `template.check`. */
export function TemplateProblems({ template, problems }: { template: string; problems: readonly ProblemLike[] }) {
  const { bridge, t } = useCarnet();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [file, save] = useSavedFile();

  async function annotate() {
    setBusy(true);
    setFailure(undefined);
    try {
      const checked = await bridge.call<TemplateChecked>('template.check', { template, annotate: true });
      if (checked.base64 && checked.fileName && checked.mime) save({ fileName: checked.fileName, mime: checked.mime, base64: checked.base64 });
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (problems.length === 0) return <p class="template-ok">{t('templateNoProblems')}</p>;
  return (
    <div class="template-check">
      <p class="template-problems-title">{t('templateProblems', { count: problems.length })}</p>
      <ProblemList problems={problems} />
      <div class="buttons">
        <button type="button" disabled={busy} onClick={() => void annotate()}>
          {busy ? t('templateAnnotating') : t('templateAnnotate')}
        </button>
      </div>
      <Failure message={failure} />
      {file && (
        <p class="import-link">
          <FileLink file={file} />
        </p>
      )}
    </div>
  );
}
