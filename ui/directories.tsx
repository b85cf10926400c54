/**
 * Directories (issue 13 §1): any directory of the schema, admin-made ones included (Books, Cities),
 * but those the person may not see (`me`'s level none). Picking one fetches its records once
 * (`record.list`); searching is then local, as you type. A record opens read-only, with Edit and
 * Delete offered only to who may (ui/rights.ts, as on the card); the form is the schema-driven
 * RecordForm (ui/form.tsx), the core's problems beside the fields. A refused delete (E_IN_USE)
 * shows the core's message and every referrer it lists.
 *
 * A screen loaded on demand (ui/lazy.tsx): a chunk in the Excel task pane, a script served by
 * Code.js in the Google sidebar (`carnetScreen`, gas-addon/sidebar-screens.ts).
 */

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ErrorData } from '../core/errors.js';
import type { RecordJson } from '../core/records/record-json.js';
import type { FieldDef } from '../core/schema/types.js';
import { BridgeError } from './bridge.js';
import { directory, labelOf, useCarnet } from './context.js';
import { display } from './format.js';
import { problemsOf, RecordForm } from './form.js';
import { registerWords } from './i18n.js';
import { DIRECTORY_WORDS } from './i18n-directories.js';
import { optionsFor } from './options.js';
import { mayCreate, mayDelete, mayEdit, mayView } from './rights.js';

registerWords(DIRECTORY_WORDS);

/** Enough results to pick from while typing; more letters narrow them. */
const SHOWN = 50;

/** Lower case, without accents: "Écoles" is found by "eco". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** What a record is found by: its display key and every value, folded once per list. */
function searchable(records: readonly RecordJson[]): { record: RecordJson; text: string }[] {
  return records.map((record) => ({ record, text: fold([record.display, ...Object.values(record.values).map((v) => (v === null ? '' : String(v)))].join(' ')) }));
}

/** The records matching every word typed, display-key matches first. */
function search(index: readonly { record: RecordJson; text: string }[], query: string): RecordJson[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return index.map((x) => x.record);
  const hits = index.filter((x) => words.every((w) => x.text.includes(w))).map((x) => x.record);
  const first = (r: RecordJson) => (fold(r.display).startsWith(words[0]!) ? 0 : 1);
  return hits.sort((a, b) => first(a) - first(b));
}

type Mode = { kind: 'list' } | { kind: 'view'; id: string } | { kind: 'edit'; id: string } | { kind: 'create' };

/**
 * `onChanged`: a record was added, changed or deleted — the card's dropdowns (fed by the index)
 * fetch it again, so a product added here can be sold at once.
 */
export function Directories({ onChanged }: { onChanged?: () => void }) {
  const c = useCarnet();
  const { bridge, schema, lang, t, me } = c;
  const dirs = schema.directories.filter((d) => mayView(me, d.key));
  const [dirKey, setDirKey] = useState('');
  const [records, setRecords] = useState<RecordJson[] | undefined>();
  /** Display keys of referenced directories the index does not carry, fetched when a form needs them. */
  const [lists, setLists] = useState<Record<string, string[]>>({});
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ErrorData | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const dir = directory(schema, dirKey);
  const index = useMemo(() => searchable(records ?? []), [records]);
  const hits = useMemo(() => search(index, query), [index, query]);
  const open = mode.kind === 'view' || mode.kind === 'edit' ? records?.find((r) => r.id === mode.id) : undefined;

  /** Runs one command at a time; a refusal is shown as the core words it. */
  async function run(then: () => Promise<unknown>) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await then();
    } catch (e) {
      setError(e instanceof BridgeError ? e.data : { code: 'E_INTERNAL', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  function pick(key: string) {
    setDirKey(key);
    setRecords(undefined);
    setQuery('');
    setMode({ kind: 'list' });
    setConfirming(false);
    setError(undefined);
    if (key) void run(async () => setRecords((await bridge.call<{ records: RecordJson[] }>('record.list', { directory: key })).records));
  }

  // A form's reference fields: the values of directories the index has no list for, fetched once each.
  useEffect(() => {
    if (mode.kind !== 'edit' && mode.kind !== 'create') return;
    const base = optionsFor(c, undefined);
    const wanted = (dir?.fields ?? []).filter((f) => f.type === 'reference' && f.ref && !base(f) && !lists[f.ref]).map((f) => f.ref!);
    for (const ref of new Set(wanted))
      bridge.call<{ records: RecordJson[] }>('record.list', { directory: ref }).then(
        (answer) => setLists((l) => ({ ...l, [ref]: answer.records.map((r) => r.display) })),
        () => undefined,
      );
  }, [mode.kind, dirKey]);

  // A record opened, saved or closed: its name (or the search box) is where the reader lands.
  useLayoutEffect(() => {
    if (mode.kind === 'view') heading.current?.focus();
  }, [mode]);

  /** A reference to the directory shown offers its records as they are now; others, the index's lists or those fetched. */
  const options = (f: FieldDef) =>
    f.type === 'reference' && f.ref === dirKey && records ? records.map((r) => r.display) : (optionsFor(c, undefined)(f) ?? (f.ref ? lists[f.ref] : undefined));
  const replace = (record: RecordJson) => setRecords((rs) => [...(rs ?? []).filter((r) => r.id !== record.id), record]);

  return (
    <article class="directories-screen" aria-labelledby="directories-title" aria-busy={busy}>
      <h2 id="directories-title">{t('directories')}</h2>
      <p>
        <label for="dir-pick">{t('dirPick')}</label>{' '}
        <select id="dir-pick" value={dirKey} onChange={(e) => pick((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('dirPickNone')}</option>
          {dirs.map((d) => (
            <option key={d.key} value={d.key}>
              {labelOf(d, lang)}
            </option>
          ))}
        </select>
      </p>
      {error && (
        <div role="alert" class="form-error">
          <p>{error.message}</p>
          {error.problems?.length ? (
            <ul class="dir-problems">
              {problemsOf(error).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {dir && records && mode.kind === 'create' && (
        <RecordForm
          dirKey={dir.key}
          title={`${t('dirNew')} · ${labelOf(dir, lang)}`}
          options={options}
          onCancel={() => setMode({ kind: 'list' })}
          onSubmit={async (values) => {
            const created = await bridge.call<RecordJson>('record.create', { directory: dir.key, values });
            replace(created);
            c.announce(t('saved'));
            onChanged?.();
            setMode({ kind: 'view', id: created.id });
          }}
        />
      )}
      {dir && open && mode.kind === 'edit' && (
        <RecordForm
          dirKey={dir.key}
          title={`${t('dirEdit')} · ${open.display}`}
          record={open}
          options={options}
          onCancel={() => setMode({ kind: 'view', id: open.id })}
          onSubmit={async (values) => {
            const { record } = await bridge.call<{ record: RecordJson }>('record.update', { directory: dir.key, id: open.id, values });
            replace(record);
            c.announce(t('saved'));
            onChanged?.();
            setMode({ kind: 'view', id: record.id });
          }}
        />
      )}
      {dir && open && mode.kind === 'view' && (
        <section class="dir-record" aria-labelledby="dir-record-title">
          <div class="item-head">
            <h3 id="dir-record-title" ref={heading} tabIndex={-1}>
              {open.display || open.id}
            </h3>
            <div class="row-actions">
              {mayEdit(me, schema, dir.key, open) && (
                <button type="button" class="link" onClick={() => (setConfirming(false), setError(undefined), setMode({ kind: 'edit', id: open.id }))}>
                  {t('dirEdit')}
                </button>
              )}
              {mayDelete(me, schema, dir.key, open) && (
                <button type="button" class="link" aria-expanded={confirming} onClick={() => setConfirming(!confirming)}>
                  {t('dirDelete')}
                </button>
              )}
              <button type="button" class="link" onClick={() => (setConfirming(false), setError(undefined), setMode({ kind: 'list' }))}>
                {t('dirClose')}
              </button>
            </div>
          </div>
          {confirming && (
            <p class="dir-confirm">
              {t('dirDeleteConfirm', { name: open.display || open.id })}{' '}
              <button
                type="button"
                class="danger"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    await bridge.call('record.delete', { directory: dir.key, id: open.id });
                    setRecords((rs) => (rs ?? []).filter((r) => r.id !== open.id));
                    setConfirming(false);
                    setMode({ kind: 'list' });
                    c.announce(t('dirDeleted'));
                    onChanged?.();
                  }).then(() => setConfirming(false))
                }
              >
                {t('dirDeleteYes')}
              </button>
            </p>
          )}
          <dl class="dir-values">
            {dir.fields
              .filter((f) => !f.hidden)
              .map((f) => {
                const v = open.values[f.key] ?? null;
                return (
                  <div key={f.key}>
                    <dt>{labelOf(f, lang)}</dt>
                    <dd>{v === null || v === '' ? '—' : (open.shown?.[f.key] ?? display(f, v, lang, schema.currency))}</dd>
                  </div>
                );
              })}
          </dl>
        </section>
      )}
      {dir && records && (mode.kind === 'list' || mode.kind === 'view') && (
        <section class="dir-list">
          <div class="item-head">
            <label for="dir-search" class="visually-hidden">
              {t('dirSearch', { directory: labelOf(dir, lang) })}
            </label>
            <input
              id="dir-search"
              type="search"
              autoComplete="off"
              spellcheck={false}
              placeholder={t('dirSearch', { directory: labelOf(dir, lang) })}
              value={query}
              onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
            />
            {mayCreate(me, dir.key) && (
              <button type="button" class="link" onClick={() => (setError(undefined), setMode({ kind: 'create' }))}>
                + {t('dirNew')}
              </button>
            )}
          </div>
          <p class="muted" role="status">
            {records.length ? t('dirCount', { shown: Math.min(hits.length, SHOWN), count: records.length }) : t('dirEmpty')}
          </p>
          <ul class="results dir-results">
            {hits.slice(0, SHOWN).map((r) => (
              <li key={r.id} class={open?.id === r.id ? 'active' : ''}>
                <button type="button" class="link" onClick={() => (setConfirming(false), setError(undefined), setMode({ kind: 'view', id: r.id }))}>
                  {r.display || r.id}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
