/**
 * "Use a sheet the team already keeps" (issue 3): an admin in Google Sheets cannot run the CLI,
 * so adopting a sheet happens here. Pick the sheet (`workbook.sheets`) and the directory it holds;
 * Preview asks `directory.adopt.plan`, which writes nothing; every change of a column's field or of
 * a confirmation plans again, so what is shown is always exactly what Adopt would write. Adopt
 * sends the plan's own `apply` input (the mapping resolved by the core, never guessed here) with
 * the confirmations ticked. One command per interaction: the Google host pays ~1 s a round trip.
 */

import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FreeSheet } from '../core/app/adopt-commands.js';
import type { ErrorData } from '../core/errors.js';
import type { AdoptFlag, AdoptOptions, AdoptPlan, AdoptResult, ColumnPlan } from '../core/schema/adopt.js';
import type { FieldDef } from '../core/schema/types.js';
import type { Cell } from '../core/workbook.js';
import { BridgeError } from './bridge.js';
import { labelOf, useCarnet } from './context.js';
import { afterPlace } from './message-place.js';
import type { MessageKey } from './i18n.js';

type Flags = Required<AdoptOptions>;

const NO_FLAGS: Flags = { addIds: false, addColumns: false, normalize: false, addReferenced: false };

/**
 * Each confirmation's checkbox label. Which boxes to show, whether one is needed and what it
 * writes all come from the plan's `confirmations`.
 */
const LABELS: Record<AdoptFlag, MessageKey> = {
  addIds: 'adoptAddIds',
  addColumns: 'adoptAddColumns',
  normalize: 'adoptNormalize',
  addReferenced: 'adoptAddReferenced',
};

/** "Clients!C3: "x" is not an email address." → "C3" and the reason, for a narrow list. */
function cellAndReason(p: ErrorData): { cell: string; reason: string } {
  return { cell: p.cell ?? '', reason: afterPlace(p.message, `${p.sheet}!${p.cell}`) };
}

function sampleText(v: Cell): string {
  const s = String(v).replace(/\s+/g, ' ');
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

/** A list cut at `limit` lines, with a button for the rest (an invalid column can have hundreds; check.tsx's sheets too). */
export function Capped<T>({ items, limit = 5, render, class: cls }: { items: T[]; limit?: number; render(item: T, i: number): ComponentChildren; class?: string }) {
  const { t } = useCarnet();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, limit);
  return (
    <>
      <ul class={cls}>{shown.map(render)}</ul>
      {items.length > shown.length && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t('showMore', { count: items.length - shown.length })}
        </button>
      )}
    </>
  );
}

/** "Column with this header holds this field" ('' for the team's own), as the admin picked it. */
interface Choice {
  header: string;
  field: string;
}

/** Field → header once the choices are applied to the proposal: what the selects show. */
function chosenMapping(proposal: Record<string, string>, choices: readonly Choice[]): Map<string, string> {
  const now = new Map(Object.entries(proposal));
  for (const { header, field } of choices) {
    for (const [key, h] of now) if (h === header) now.delete(key);
    if (field) now.set(field, header);
  }
  return now;
}

/**
 * The `mapping` input for the plan: the proposal with the admin's choices applied in the order
 * they were made (a field picked for a column leaves the column it had), sent as the fields that
 * differ from the proposal. Derived from the proposal each time rather than from the last plan,
 * so arrowing through a column's list (each step re-plans) cannot strip another column's field:
 * only the column's last choice counts.
 */
function mappingInput(proposal: Record<string, string>, choices: readonly Choice[]): Record<string, string | null> {
  const now = chosenMapping(proposal, choices);
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(proposal)) if (now.get(key) !== proposal[key]) out[key] = now.get(key) ?? null;
  for (const [key, header] of now) if (proposal[key] !== header) out[key] = header;
  return out;
}

let adoptCount = 0;

export function AdoptSheet({ onAdopted }: { onAdopted(result: AdoptResult): void }) {
  const { bridge, schema, lang, t } = useCarnet();
  const id = useMemo(() => `adopt-${++adoptCount}`, []);
  const [sheets, setSheets] = useState<FreeSheet[] | undefined>();
  const [sheet, setSheet] = useState('');
  const [dirKey, setDirKey] = useState(() => (schema.directories.some((d) => d.key === 'companies') ? 'companies' : (schema.directories[0]?.key ?? '')));
  /** The first plan's mapping (field → header), which the admin's choices change. */
  const [proposal, setProposal] = useState<Record<string, string>>({});
  const [choices, setChoices] = useState<Choice[]>([]);
  const [flags, setFlags] = useState<Flags>(NO_FLAGS);
  const [plan, setPlan] = useState<AdoptPlan | undefined>();
  const [planning, setPlanning] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const [problem, setProblem] = useState<ErrorData | undefined>();
  const [result, setResult] = useState<AdoptResult | undefined>();
  const planHeading = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const focusPlan = useRef(false);
  const lastPlan = useRef(0);

  async function loadSheets() {
    setSheets(undefined);
    try {
      const list = (await bridge.call<{ sheets: FreeSheet[] }>('workbook.sheets')).sheets;
      setSheets(list);
      setSheet((s) => (list.some((x) => x.name === s) ? s : (list[0]?.name ?? '')));
    } catch (e) {
      setSheets([]);
      setProblem(errorOf(e));
    }
  }

  useEffect(() => {
    void loadSheets();
  }, []);

  // A fresh preview or an adoption: the reader (and the keyboard) lands on what came back.
  useLayoutEffect(() => {
    if (plan && focusPlan.current) {
      focusPlan.current = false;
      planHeading.current?.focus();
    }
  }, [plan]);
  useLayoutEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  /** Plans again; only the answer to the last request is shown. False when it was refused. */
  async function preview(next: { mapping: Record<string, string | null>; flags: Flags }, fresh = false): Promise<boolean> {
    const ticket = ++lastPlan.current;
    setPlanning(true);
    setProblem(undefined);
    if (fresh) setResult(undefined);
    try {
      const input = { sheet, directory: dirKey, ...next.flags, ...(Object.keys(next.mapping).length ? { mapping: next.mapping } : {}) };
      const answer = await bridge.call<AdoptPlan>('directory.adopt.plan', input);
      if (ticket !== lastPlan.current) return true;
      focusPlan.current = fresh;
      if (fresh) setProposal(answer.apply.mapping);
      setPlan(answer);
      return true;
    } catch (e) {
      if (ticket === lastPlan.current) setProblem(errorOf(e));
      return false;
    } finally {
      if (ticket === lastPlan.current) setPlanning(false);
    }
  }

  /** Another sheet or directory: a new question, nothing of the last plan carries over. */
  function pick(setter: (v: string) => void, value: string) {
    setter(value);
    lastPlan.current++;
    setPlanning(false);
    setPlan(undefined);
    setChoices([]);
    setFlags(NO_FLAGS);
    setProblem(undefined);
  }

  /** A column's new field: the column's latest choice replaces its earlier one. A refused re-plan keeps the last plan and its choices. */
  async function mapColumn(col: ColumnPlan, field: string) {
    const next: Choice[] = [...choices.filter((c) => c.header !== col.header), { header: col.header, field }];
    const before = choices;
    setChoices(next);
    if (!(await preview({ mapping: mappingInput(proposal, next), flags }))) setChoices(before);
  }

  async function toggle(flag: AdoptFlag, on: boolean) {
    const next = { ...flags, [flag]: on };
    const before = flags;
    setFlags(next);
    if (!(await preview({ mapping: mappingInput(proposal, choices), flags: next }))) setFlags(before);
  }

  async function adopt() {
    if (!plan || busy) return;
    setAdopting(true);
    setProblem(undefined);
    try {
      // Only the confirmations this plan offers: a box ticked for an earlier mapping writes nothing unseen.
      const chosen = { ...NO_FLAGS, ...Object.fromEntries(plan.confirmations.map((c) => [c.flag, flags[c.flag]])) };
      const done = await bridge.call<AdoptResult>('directory.adopt', { ...plan.apply, ...chosen });
      setPlan(undefined);
      setChoices([]);
      setFlags(NO_FLAGS);
      setResult(done);
      onAdopted(done);
      void loadSheets();
    } catch (e) {
      setProblem(errorOf(e));
    } finally {
      setAdopting(false);
    }
  }

  const dir = schema.directories.find((d) => d.key === dirKey);
  // The selects show the choices at once, not the last plan's mapping: the next plan is on its way,
  // and a select reset to the old value under the arrow keys would fight the person using it.
  const shown = chosenMapping(proposal, choices);
  const fieldOfColumn = (col: ColumnPlan) => [...shown].find(([, h]) => h === col.header)?.[0] ?? '';
  const offered = plan?.confirmations ?? [];
  const busy = planning || adopting;

  return (
    <div class="adopt" aria-busy={busy}>
      <p class="muted">{t('adoptIntro')}</p>
      <form
        class="adopt-pick"
        onSubmit={(e) => {
          e.preventDefault();
          if (!sheet || !dirKey || busy) return;
          setChoices([]);
          setFlags(NO_FLAGS);
          void preview({ mapping: {}, flags: NO_FLAGS }, true);
        }}
      >
        <div class="field">
          <label for={`${id}-sheet`}>{t('adoptSheet')}</label>
          {sheets === undefined ? (
            <p aria-busy="true">{t('loading')}</p>
          ) : sheets.length === 0 ? (
            <>
              <p>{t('adoptNoSheets')}</p>
              <button type="button" onClick={() => void loadSheets()}>
                {t('adoptReloadSheets')}
              </button>
            </>
          ) : (
            <select id={`${id}-sheet`} value={sheet} onChange={(e) => pick(setSheet, (e.currentTarget as HTMLSelectElement).value)}>
              {sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </div>
        <div class="field">
          <label for={`${id}-dir`}>{t('adoptDirectory')}</label>
          <select id={`${id}-dir`} value={dirKey} onChange={(e) => pick(setDirKey, (e.currentTarget as HTMLSelectElement).value)}>
            {schema.directories.map((d) => (
              <option key={d.key} value={d.key}>
                {labelOf(d, lang)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" aria-disabled={!sheet || busy}>
          {t('preview')}
        </button>{' '}
        <span class="muted" role="status">
          {planning ? t('loading') : ''}
        </span>
      </form>


      {result && (
        <div class="adopt-done" role="status" tabIndex={-1} ref={resultRef}>
          <p>{result.message}</p>
        </div>
      )}

      {plan && dir && (
        <section class="adopt-plan" aria-labelledby={`${id}-plan`}>
          <h4 id={`${id}-plan`} tabIndex={-1} ref={planHeading}>
            {t('adoptPlanTitle', { sheet: plan.sheet, directory: labelOf(dir, lang) })}
          </h4>
          <p class="muted">{t('adoptRecords', { count: plan.records })}</p>

          <h5>{t('adoptColumns')}</h5>
          <ol class="adopt-cols">
            {plan.columns.map((col) => (
              <ColumnRow key={col.column} col={col} field={fieldOfColumn(col)} plan={plan} fields={dir.fields} selectId={`${id}-col-${col.column}`} onMap={(f) => void mapColumn(col, f)} />
            ))}
          </ol>
          {plan.fieldsWithoutColumn.length > 0 && (
            <p class="muted">{t('adoptFieldsWithoutColumn', { list: plan.fieldsWithoutColumn.map((f) => (f.column ? `${f.label} (→ ${f.column})` : f.label)).join(', ') })}</p>
          )}

          {offered.length > 0 && (
            <fieldset class="adopt-confirm">
              <legend>{t('adoptConfirm')}</legend>
              {offered.map((c) => {
                const on = flags[c.flag];
                const box = `${id}-${c.flag}`;
                return (
                  <div class="confirm" key={c.flag}>
                    <label class="check" for={box}>
                      <input type="checkbox" id={box} name={c.flag} checked={on} aria-describedby={`${box}-what`} onChange={(e) => void toggle(c.flag, (e.currentTarget as HTMLInputElement).checked)} />
                      <span>
                        {t(LABELS[c.flag])}
                        {c.needed && <span class={on ? 'badge' : 'badge needed'}>{t('adoptNeeded')}</span>}
                      </span>
                    </label>
                    <p id={`${box}-what`} class="confirm-what">
                      {c.message}
                    </p>
                  </div>
                );
              })}
            </fieldset>
          )}

          <h5>{t('adoptChanges')}</h5>
          <ol class="adopt-changes">
            {plan.changes.map((ch, i) => (
              <li key={i}>{ch.message}</li>
            ))}
          </ol>
          <p class="muted">{plan.untouched}</p>

          {plan.hints.length > 0 && (
            <>
              <h5>{t('adoptHints')}</h5>
              <ul class="adopt-notes">
                {plan.hints.map((h, i) => (
                  <li key={i}>{h}</li>
                ))}
              </ul>
            </>
          )}

          {plan.blockers.length > 0 && (
            <>
              <h5>{t('adoptBlockers')}</h5>
              <ul class="adopt-notes blockers">
                {plan.blockers.map((b, i) => (
                  <li key={i}>
                    {b.message}
                    {b.problems && b.problems.length > 0 && <Capped items={b.problems} class="adopt-cells" render={(p, j) => <CellProblem key={j} problem={p} />} />}
                  </li>
                ))}
              </ul>
            </>
          )}

          {problem && <Problem error={problem} />}
          <div class="buttons">
            <button type="button" class="primary" aria-disabled={busy} onClick={() => void adopt()}>
              {adopting ? t('adopting') : t('adoptButton', { sheet: plan.sheet, directory: labelOf(dir, lang) })}
            </button>
          </div>
        </section>
      )}
      {problem && !plan && <Problem error={problem} />}
    </div>
  );
}

/** One column of the team's sheet: its header, the field it would hold (a select), samples and verdicts. */
function ColumnRow(props: { col: ColumnPlan; field: string; plan: AdoptPlan; fields: FieldDef[]; selectId: string; onMap(field: string): void }) {
  const { t, lang } = useCarnet();
  const { col } = props;
  const header = col.header.trim();
  const guess = col.guess ? props.fields.find((f) => f.key === col.guess) : undefined;
  const invalid = col.invalid ?? [];
  return (
    <li class={col.field === null ? 'adopt-col own' : 'adopt-col'}>
      <div class="adopt-col-head">
        <span class="col-letter">{col.column}</span>
        <span class="col-header" title={header}>
          {header || <span class="muted">{t('adoptNoHeader')}</span>}
        </span>
        <span aria-hidden="true">→</span>
        {col.field === 'id' ? (
          <span class="col-field">{t('adoptIdColumn')}</span>
        ) : header === '' ? (
          <span class="col-field muted">{t('adoptNoHeaderHint')}</span>
        ) : (
          <>
            <label for={props.selectId} class="visually-hidden">
              {t('adoptColumnHolds', { column: col.column, header })}
            </label>
            <select id={props.selectId} value={props.field} onChange={(e) => props.onMap((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('adoptTeamColumn')}</option>
              {props.fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {labelOf(f, lang)}
                  {f.required ? ' *' : ''}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {col.samples.length > 0 && <p class="adopt-samples">{t('adoptSamples', { list: col.samples.map(sampleText).join(' · ') })}</p>}
      {guess && <p class="adopt-samples">{t('adoptGuess', { field: labelOf(guess, lang) })}</p>}
      {col.field === 'id' && props.plan.idColumn && (
        <p class="adopt-counts">{t('adoptIdCounts', { filled: props.plan.idColumn.filled, empty: props.plan.idColumn.empty })}</p>
      )}
      {col.fine !== undefined && (
        <p class="adopt-counts">
          <span class="ok">{t('adoptFine', { count: col.fine })}</span>
          {(col.normalize?.length ?? 0) > 0 && (
            <>
              {' · '}
              <span class="warn">{t('adoptToNormalise', { count: col.normalize!.length })}</span>
            </>
          )}
          {invalid.length > 0 && (
            <>
              {' · '}
              <span class="bad">{t('adoptInvalid', { count: invalid.length })}</span>
            </>
          )}
        </p>
      )}
      {invalid.length > 0 && <Capped items={invalid} class="adopt-cells" render={(p, i) => <CellProblem key={i} problem={p} />} />}
    </li>
  );
}

function CellProblem({ problem }: { problem: ErrorData }) {
  const { cell, reason } = cellAndReason(problem);
  return (
    <li>
      {cell && <b>{cell}</b>} {reason}
    </li>
  );
}

/** A refusal: the core's message, and its located problems when it has several. */
function Problem({ error }: { error: ErrorData }) {
  return (
    <div role="alert" class="form-error">
      <p>{error.message}</p>
      {error.problems && error.problems.length > 1 && <Capped items={error.problems} class="adopt-cells" render={(p, i) => <CellProblem key={i} problem={p} />} />}
    </div>
  );
}

function errorOf(e: unknown): ErrorData {
  return e instanceof BridgeError ? e.data : { code: 'E_INTERNAL', message: (e as Error).message };
}
