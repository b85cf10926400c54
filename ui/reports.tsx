/**
 * The Reports screen (issue 9): pick a report (`report.list`: Carnet's built-ins and the team's
 * own; those this workbook cannot build are listed disabled, with the reason), see its table and
 * chart (`pivot.run`), edit it, build it into its own sheet, save it. Every edit runs the report
 * again after a short pause rather than per keystroke: in Google Sheets a run is a round trip of up
 * to a second and a half. Opened wide (a tab, a host's dialog) the editor sits beside the table.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PivotBuild } from '../core/app/pivot-commands.js';
import type { ReportField } from '../core/pivot/fields.js';
import type { ReportListing } from '../core/pivot/reports.js';
import type { PivotDefinition, PivotResult, SavedReport } from '../core/pivot/types.js';
import { fold } from '../core/schema/lookup.js';
import type { Schema } from '../core/schema/types.js';
import type { WideView } from './bridge.js';
import { useCarnet } from './context.js';
import { PivotTable, ReportChart } from './pivot-table.js';
import { AbcRanking, AbcSettings } from './report-abc.js';
import { BuildOutcome, NativeOption, offersNative } from './report-build.js';
import { ReportEditor } from './report-editor.js';
import { can } from './rights.js';
import { registerWords } from './i18n.js';
import { REPORT_WORDS } from './i18n-reports.js';

// This screen's words travel with it, not in the task pane's first load (ui/i18n.ts).
registerWords(REPORT_WORDS);

type Listing = ReportListing & { lastSheet?: string };

/** Long enough to type a word or arrow through a list; short enough to feel like it follows. */
const RUN_DELAY_MS = 400;
/** The picker's values: a report is `report:` and its name, so that no name can pass for "new". */
const NEW = 'new';
const PICK = 'report:';

function message(e: unknown): string {
  return (e as Error).message;
}

/** JSON with sorted keys: an edit that reorders keys is not a change. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function blankDefinition(schema: Schema): PivotDefinition {
  const object = schema.directories.find((d) => d.key === 'sales')?.key ?? schema.directories[0]?.key ?? '';
  return { object, rows: [], columns: [], data: [{ field: '', agg: 'count' }] };
}

let reportsCount = 0;

export function Reports({ wide }: { wide?: WideView | undefined }) {
  const { bridge, schema, lang, t, announce, me } = useCarnet();
  // Saving and deleting reports is for who may manage them; everyone here runs and builds them.
  const manages = can(me, 'manageReports');
  const [id] = useState(() => `reports-${++reportsCount}`);
  const [reports, setReports] = useState<Listing[] | undefined>();
  const [listProblem, setListProblem] = useState<string | undefined>();
  /** The report picked, by the name report.list gives it; '' for a new one; undefined before a pick. */
  const [name, setName] = useState<string | undefined>(wide ? (wide.report ?? '') : undefined);
  const [definition, setDefinition] = useState<PivotDefinition | undefined>(wide?.definition);
  const [fieldsOf, setFieldsOf] = useState<Record<string, ReportField[]>>({});
  const [fieldsProblem, setFieldsProblem] = useState<string | undefined>();
  const [result, setResult] = useState<PivotResult | undefined>();
  const [runProblem, setRunProblem] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const [sheet, setSheet] = useState('');
  const [writeClassTo, setWriteClassTo] = useState('');
  /** "Also make a native pivot table": kept from one report to the next, as a preference. */
  const [native, setNative] = useState(false);
  const [busy, setBusy] = useState<'build' | 'save' | 'delete' | undefined>();
  const [actionProblem, setActionProblem] = useState<string | undefined>();
  const [built, setBuilt] = useState<PivotBuild | undefined>();
  const [newName, setNewName] = useState<string | undefined>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const lastRun = useRef(0);
  /** The next run starts at once (a report picked), not after the pause an edit waits. */
  const immediate = useRef(true);

  const listing = name ? reports?.find((r) => fold(r.name) === fold(name)) : undefined;
  const dirty = !!listing && !!definition && canonical(listing.definition) !== canonical(definition);
  const fields = definition ? fieldsOf[fold(definition.object)] : undefined;

  useLayoutEffect(() => heading.current?.focus(), []);

  async function loadList(): Promise<Listing[] | undefined> {
    try {
      const list = await bridge.call<Listing[]>('report.list');
      setReports(list);
      setListProblem(undefined);
      return list;
    } catch (e) {
      setListProblem(message(e));
      return undefined;
    }
  }

  useEffect(() => {
    void loadList().then((list) => {
      // A wide view opened on a saved report without its edits: the report as saved.
      if (list && wide?.report && !wide.definition) choose(PICK + wide.report, list);
    });
  }, []);

  const object = definition?.object;
  useEffect(() => {
    if (!object || fieldsOf[fold(object)]) return;
    setFieldsProblem(undefined);
    bridge.call<ReportField[]>('pivot.fields', { object }).then(
      (list) => setFieldsOf((m) => ({ ...m, [fold(object)]: list })),
      (e: unknown) => setFieldsProblem(message(e)),
    );
  }, [object]);

  /** Only the run asked for last is shown, whatever order the answers come back in. */
  async function run(ticket: number, report: string | undefined, def: PivotDefinition) {
    setRunning(true);
    try {
      const out = await bridge.call<PivotResult>('pivot.run', { ...(report ? { report } : {}), definition: def });
      if (ticket !== lastRun.current) return;
      setResult(out);
      setRunProblem(undefined);
    } catch (e) {
      if (ticket !== lastRun.current) return;
      setResult(undefined);
      setRunProblem(message(e));
    } finally {
      if (ticket === lastRun.current) setRunning(false);
    }
  }

  useEffect(() => {
    if (!definition) return;
    const ticket = ++lastRun.current;
    const timer = setTimeout(() => void run(ticket, name, definition), immediate.current ? 0 : RUN_DELAY_MS);
    immediate.current = false;
    return () => clearTimeout(timer);
  }, [definition, name]);

  function choose(value: string, list = reports) {
    setBuilt(undefined);
    setActionProblem(undefined);
    setNewName(undefined);
    setConfirmingDelete(false);
    setSheet('');
    setWriteClassTo('');
    setResult(undefined);
    setRunProblem(undefined);
    immediate.current = true;
    if (value === NEW) {
      setName('');
      setDefinition(blankDefinition(schema));
      return;
    }
    const picked = value.startsWith(PICK) ? list?.find((r) => fold(r.name) === fold(value.slice(PICK.length))) : undefined;
    setName(picked?.name);
    setDefinition(picked ? copy(picked.definition) : undefined);
  }

  function edit(def: PivotDefinition) {
    setBuilt(undefined);
    setDefinition(def);
  }

  async function act(what: 'build' | 'save' | 'delete', fn: () => Promise<void>) {
    setBusy(what);
    setActionProblem(undefined);
    setBuilt(undefined);
    try {
      await fn();
    } catch (e) {
      setActionProblem(message(e));
    } finally {
      setBusy(undefined);
    }
  }

  const nativeOffered = offersNative(bridge.capabilities?.nativePivots, !!definition?.abc);
  const build = () =>
    act('build', async () => {
      const out = await bridge.call<PivotBuild>('pivot.build', {
        ...(name ? { report: name } : {}),
        definition,
        ...(sheet.trim() ? { sheet: sheet.trim() } : {}),
        ...(definition?.abc && writeClassTo ? { writeClassTo } : {}),
        ...(nativeOffered && native ? { native: true } : {}),
      });
      setResult(out.result);
      setBuilt(out);
      announce(t('reportBuilt', { sheet: out.sheet }));
      void loadList();
    });

  const save = (as: string) =>
    act('save', async () => {
      const saved = await bridge.call<SavedReport>('report.save', { name: as, definition, ...(listing?.sheet && fold(as) === fold(listing.name) ? { sheet: listing.sheet } : {}) });
      await loadList();
      setName(saved.name);
      setNewName(undefined);
      announce(t('saved'));
    });

  const remove = () =>
    act('delete', async () => {
      await bridge.call('report.delete', { name });
      await loadList();
      choose('');
      announce(t('deleted'));
    });

  function openWide() {
    if (!bridge.openWide || !definition) return;
    bridge.openWide({ screen: 'reports', ...(name ? { report: name } : {}), definition }).catch((e: unknown) => setActionProblem(message(e)));
  }

  const builtIns = reports?.filter((r) => r.builtIn) ?? [];
  const own = reports?.filter((r) => !r.builtIn) ?? [];
  const unavailable = reports?.filter((r) => !r.available) ?? [];
  const option = (r: Listing) => (
    <option key={r.name} value={PICK + r.name} disabled={!r.available}>
      {r.available ? r.name : `${r.name} — ${t('reportUnavailable')}`}
    </option>
  );
  const pickValue = name === undefined ? '' : name === '' ? NEW : listing ? PICK + listing.name : '';
  const exists = newName !== undefined && !!reports?.some((r) => fold(r.name) === fold(newName));
  const abc = definition?.abc;
  const captionId = `${id}-caption`;

  return (
    <article class={wide ? 'reports wide' : 'reports'} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {t('reports')}
      </h2>

      <div class="field report-pick">
        <label for={`${id}-pick`}>{t('reportPick')}</label>
        <select id={`${id}-pick`} value={pickValue} disabled={!reports} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{reports ? t('reportChoose') : t('loading')}</option>
          {builtIns.length > 0 && <optgroup label={t('reportBuiltIns')}>{builtIns.map(option)}</optgroup>}
          {own.length > 0 && <optgroup label={t('reportOwn')}>{own.map(option)}</optgroup>}
          <option value={NEW}>+ {t('reportNew')}</option>
        </select>
        {listProblem && (
          <p role="alert" class="form-error">
            {listProblem}
          </p>
        )}
        {unavailable.length > 0 && (
          <details class="report-unavailable">
            <summary>{t('reportUnavailableCount', { count: unavailable.length })}</summary>
            <ul>
              {unavailable.map((r) => (
                <li key={r.name}>
                  <b>{r.name}</b>: {r.problem}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>

      {definition === undefined ? (
        <p class="muted">{t('reportHint')}</p>
      ) : (
        <>
          <details class="report-edit" open={wide !== undefined || name === ''}>
            <summary>{t('reportEdit')}</summary>
            {fieldsProblem && (
              <p role="alert" class="form-error">
                {fieldsProblem}
              </p>
            )}
            <ReportEditor definition={definition} fields={fields} onChange={edit} />
          </details>

          <section class="report-result" aria-busy={running} aria-label={t('reportResult')}>
            <p class="muted running" aria-live="polite">
              {running ? t('reportRunning') : ''}
            </p>
            {runProblem && (
              <p role="alert" class="form-error">
                {runProblem}
              </p>
            )}
            {result && (
              <>
                <p id={captionId} class="report-caption">
                  {result.caption}
                </p>
                {result.skippedCount > 0 && (
                  <p class="report-skipped">
                    {t('reportSkipped', {
                      count: result.skippedCount,
                      cells: result.skipped.map((s) => `${s.sheet}!${s.cell} ${JSON.stringify(s.value)}`).join(', ') + (result.skippedCount > result.skipped.length ? ', …' : ''),
                    })}
                  </p>
                )}
                {result.rowKeys.length === 0 ? <p class="muted">{t('reportNoRows')}</p> : <PivotTable result={result} lang={lang} workbookLang={schema.lang} labelledBy={captionId} />}
                {result.rowKeys.length > 0 && <ReportChart result={result} workbookLang={schema.lang} />}
                {result.abc && <AbcRanking result={result} />}
              </>
            )}
          </section>

          {abc && <AbcSettings id={`${id}-abc`} definition={definition} writeClassTo={writeClassTo} onWriteClassTo={setWriteClassTo} onChange={edit} />}

          <div class="report-actions">
            <div class="field">
              <label for={`${id}-sheet`}>
                {t('reportSheet')} <span class="muted">{t('optional')}</span>
              </label>
              <input id={`${id}-sheet`} value={sheet} placeholder={listing?.sheet ?? listing?.lastSheet ?? ''} onInput={(e) => setSheet((e.currentTarget as HTMLInputElement).value)} />
            </div>
            {nativeOffered && <NativeOption id={`${id}-native`} checked={native} onChange={setNative} />}
            <div class="buttons">
              <button type="button" class="primary" disabled={busy !== undefined} onClick={() => void build()}>
                {busy === 'build' ? t('reportBuilding') : t('reportBuild')}
              </button>
              {bridge.openWide && !wide && (
                <button type="button" title={t('reportOpenWideHelp')} onClick={openWide}>
                  ⤢ {t('reportOpenWide')}
                </button>
              )}
            </div>
            {built && <BuildOutcome built={built} />}
            {actionProblem && (
              <p role="alert" class="form-error">
                {actionProblem}
              </p>
            )}
            {manages && (
              <>
                <div class="buttons">
                  {listing && (
                    <button type="button" disabled={!dirty || busy !== undefined} onClick={() => void save(listing.name)}>
                      {t('save')}
                    </button>
                  )}
                  <button type="button" disabled={busy !== undefined} onClick={() => setNewName(newName === undefined ? '' : undefined)} aria-expanded={newName !== undefined}>
                    {t('reportSaveAs')}
                  </button>
                  {listing && !listing.builtIn && !confirmingDelete && (
                    <button type="button" class="link danger" disabled={busy !== undefined} onClick={() => setConfirmingDelete(true)}>
                      {t('delete')}
                    </button>
                  )}
                </div>
                {confirmingDelete && (
                  <div class="buttons">
                    <button type="button" class="link danger" onClick={() => void remove()}>
                      {t('reportReallyDelete', { name: listing?.name ?? '' })}
                    </button>
                    <button type="button" class="link" onClick={() => setConfirmingDelete(false)}>
                      {t('cancel')}
                    </button>
                  </div>
                )}
                {newName !== undefined && (
                  <form
                    class="report-save-as"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void save(newName);
                    }}
                  >
                    <label for={`${id}-new-name`}>{t('reportNewName')}</label>
                    <input id={`${id}-new-name`} value={newName} autoFocus onInput={(e) => setNewName((e.currentTarget as HTMLInputElement).value)} onKeyDown={(e) => e.key === 'Escape' && setNewName(undefined)} />
                    <div class="buttons">
                      <button type="submit" class="primary" disabled={busy !== undefined}>
                        {exists ? t('reportReplace', { name: newName.trim() }) : t('save')}
                      </button>
                      <button type="button" class="link" onClick={() => setNewName(undefined)}>
                        {t('cancel')}
                      </button>
                    </div>
                  </form>
                )}
              </>
            )}
          </div>
        </>
      )}
    </article>
  );
}
