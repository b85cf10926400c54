/**
 * The audit log (issue 12), for who may manage users: one line per changed field, newest first,
 * filtered by record, user and dates (`audit.list`). A company card's "History" opens it filtered
 * on the company's ID.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isoDateTime } from '../core/dates.js';
import { Problem } from './access-data.js';
import { directory, labelOf, useCarnet } from './context.js';
import { dayTime } from './format.js';
import { registerWords } from './i18n.js';
import { ACCESS_WORDS } from './i18n-access.js';

registerWords(ACCESS_WORDS);

interface AuditEntry {
  /** Date-time serial, days since 1899-12-30, in the workbook's clock. */
  when: number;
  who: string;
  command: string;
  directory: string;
  record: string;
  field: string;
  old: string;
  new: string;
  batch?: string;
  flag?: string;
}

interface AuditList {
  total: number;
  matching: number;
  entries: AuditEntry[];
}

/** Enough to read in a sidebar; narrower filters find the rest. */
const LIMIT = 200;

export function Audit({ record: start }: { record?: string | undefined }) {
  const { bridge, schema, lang, t } = useCarnet();
  const [filter, setFilter] = useState({ record: start ?? '', user: '', since: '', until: '' });
  const [list, setList] = useState<AuditList | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => heading.current?.focus(), []);

  /** Only the answer to the last search is shown. */
  const ticket = useRef(0);
  async function search() {
    const mine = ++ticket.current;
    setBusy(true);
    setProblem(undefined);
    const input: Record<string, string | number> = { limit: LIMIT };
    for (const [k, v] of Object.entries(filter)) if (v.trim()) input[k] = v.trim();
    try {
      const answer = await bridge.call<AuditList>('audit.list', input);
      if (mine === ticket.current) setList(answer);
    } catch (e) {
      if (mine === ticket.current) setProblem((e as Error).message);
    } finally {
      if (mine === ticket.current) setBusy(false);
    }
  }

  useEffect(() => {
    void search();
  }, []);

  const input = (key: keyof typeof filter, label: string, date = false) => {
    const props = { id: `audit-${key}`, autoComplete: 'off', value: filter[key], onInput: (e: Event) => setFilter({ ...filter, [key]: (e.currentTarget as HTMLInputElement).value }) };
    return (
      <div class="field">
        <label for={`audit-${key}`}>{label}</label>
        {date ? <input type="date" {...props} /> : <input type="text" {...props} />}
      </div>
    );
  };

  return (
    <article class="audit" aria-labelledby="audit-title" aria-busy={busy}>
      <h2 id="audit-title" tabIndex={-1} ref={heading}>
        {t('auditTitle')}
      </h2>
      <form
        class="audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        {input('record', t('auditRecord'))}
        {input('user', t('auditUser'))}
        <div class="import-pair">
          {input('since', t('auditSince'), true)}
          {input('until', t('auditUntil'), true)}
        </div>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {t('auditShow')}
          </button>
        </div>
      </form>
      <Problem text={problem} />
      {list && (
        <>
          <p class="muted" role="status">
            {t('auditCount', { shown: list.entries.length, matching: list.matching, total: list.total })}
          </p>
          <ol class="timeline audit-list">
            {list.entries.map((e, i) => {
              const dir = directory(schema, e.directory);
              // A field by its label; `(created)` and `(deleted)` say it of the whole record.
              const field = dir?.fields.find((f) => f.key === e.field);
              return (
                <li key={i}>
                  <p class="meta">
                    {dayTime(isoDateTime(e.when), lang)} · {e.who} · <code>{e.command}</code>
                  </p>
                  <p>
                    {dir ? labelOf(dir, lang) : e.directory} <strong>{e.record}</strong>
                    {e.field && <> · {field ? labelOf(field, lang) : e.field}</>}
                    {(e.old || e.new) && (
                      <>
                        : <del>{e.old || '∅'}</del> → <ins>{e.new || '∅'}</ins>
                      </>
                    )}
                  </p>
                  {(e.batch || e.flag) && <p class="muted">{[e.batch && t('auditBatch', { batch: e.batch }), e.flag].filter(Boolean).join(' · ')}</p>}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </article>
  );
}
