/**
 * What the preview and the result both show: the count of rows per outcome, and every row not
 * imported with its row number (as the file numbers it: the header is row 1) and its reason, with
 * a button that hands the rejected rows back as a CSV to fix and import again.
 */

import { useEffect, useState } from 'preact/hooks';
import type { Outcome, RowPlan } from '../core/import/types.js';
import type { SourceTable } from '../core/import/source-types.js';
import { directory, labelOf, useCarnet } from './context.js';
import { CSV_MIME, DOWNLOAD_TARGET, blobDownload, rejectedCsv, startDownload, type Download } from './import-download.js';
import type { MessageKey } from './i18n.js';

const OUTCOMES: { outcome: Outcome; name: MessageKey; cls: string }[] = [
  { outcome: 'create', name: 'importOutcomeCreate', cls: 'ok' },
  { outcome: 'update', name: 'importOutcomeUpdate', cls: 'ok' },
  { outcome: 'unchanged', name: 'importOutcomeUnchanged', cls: '' },
  { outcome: 'skip', name: 'importOutcomeSkip', cls: 'warn' },
  { outcome: 'reject', name: 'importOutcomeReject', cls: 'bad' },
];

export function OutcomeCounts({ counts, label }: { counts: Record<Outcome, number>; label: string }) {
  const { t, lang } = useCarnet();
  return (
    <dl class="totals import-counts" aria-label={label}>
      {OUTCOMES.map((o) => (
        <div key={o.outcome} class={counts[o.outcome] > 0 ? o.cls : 'none'}>
          <dt>{t(o.name)}</dt>
          <dd>{(counts[o.outcome] ?? 0).toLocaleString(lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** How many rows the list shows before "Show more": a bad file can reject thousands. */
const SHOWN = 10;

/** The rows skipped or rejected, each with its number and reason (and the fields at fault). */
/** `fromCsv`: the rows came from text (a CSV, a paste), whose cells the import reads without Carnet's guard. */
export function ProblemRows({ rows, table, fileName, fromCsv }: { rows: readonly RowPlan[]; table: Pick<SourceTable, 'header' | 'rows' | 'firstRow'> | undefined; fileName: string; fromCsv: boolean }) {
  const { t } = useCarnet();
  const [all, setAll] = useState(false);
  const [download, setDownload] = useState<Download | undefined>();
  const problems = rows.filter((r) => r.outcome === 'skip' || r.outcome === 'reject');
  const rejected = problems.filter((r) => r.outcome === 'reject').length;
  const shown = all ? problems : problems.slice(0, SHOWN);

  // A new list makes the last file stale; a file's address is released when it is replaced or left.
  useEffect(() => setDownload(undefined), [rows]);
  useEffect(() => () => download && URL.revokeObjectURL(download.url), [download]);

  if (problems.length === 0) return null;

  function save() {
    if (!table) return;
    const d = blobDownload(rejectedCsv(table, rows, t('importReason'), fromCsv), fileName, CSV_MIME);
    setDownload(d);
    startDownload(d);
  }

  return (
    <div class="import-problems">
      <h4>{t('importProblemRows', { count: problems.length })}</h4>
      <ul class="import-problem-list">
        {shown.map((r) => (
          <li key={r.row} class={r.outcome}>
            <b>{t('importRowN', { n: r.row })}</b> <span class="badge">{t(r.outcome === 'reject' ? 'importOutcomeReject' : 'importOutcomeSkip')}</span> {r.reason ?? ''}
            {r.problems && r.problems.length > 0 && (!r.reason || r.problems.length > 1) && (
              <ul>
                {r.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {problems.length > shown.length && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t('showMore', { count: problems.length - shown.length })}
        </button>
      )}
      {rejected > 0 && table && (
        <div class="buttons">
          <button type="button" onClick={save}>
            ⤓ {t('importDownloadRejected')}
          </button>
        </div>
      )}
      {download && (
        <p class="import-link">
          {t('importDownloadBlocked')}{' '}
          <a href={download.url} download={download.fileName} target={DOWNLOAD_TARGET}>
            {download.fileName}
          </a>
        </p>
      )}
    </div>
  );
}

/** "Contacts: 3 · Companies: 1" for a count per directory key; nothing when every count is 0. */
export function DirectoryCounts({ counts, title }: { counts: Record<string, number>; title: MessageKey }) {
  const { schema, lang, t } = useCarnet();
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) return null;
  const label = (key: string) => {
    const d = directory(schema, key);
    return d ? labelOf(d, lang) : key;
  };
  return (
    <p class="import-dir-counts">
      {t(title)}: {entries.map(([k, n]) => `${label(k)} ${n.toLocaleString(lang)}`).join(' · ')}
    </p>
  );
}
