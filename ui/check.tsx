/**
 * Check and Tidy up (issue 13 §2), for who may configure (Settings, or a host's "Check": screen
 * `check`). `crm.check` lists what in the sheets does not fit the CRM, sheet by sheet, errors
 * first, each problem with its cell. Tidy up asks `tidy.plan`, which writes nothing, and shows
 * every cell it would write — old → new, and why — and what it cannot fix. Apply sends the plan's
 * `token` back as `confirmed`: what is written is what was shown, and sheets someone changed
 * meanwhile are refused (E_CONFLICT) with the core's message and a way to plan again. After a
 * tidy, the check runs again and shows what is left for a person.
 */

import { useEffect, useState } from 'preact/hooks';
import type { CheckProblem, CheckReport } from '../core/check/check.js';
import { isoDate, isoDateTime } from '../core/dates.js';
import type { ErrorData } from '../core/errors.js';
import type { FieldDef } from '../core/schema/types.js';
import type { TidyDirectory, TidyKind, TidyPlan, TidyResult } from '../core/tidy/types.js';
import type { Cell } from '../core/workbook.js';
import { Capped } from './adopt.js';
import { BridgeError } from './bridge.js';
import { fieldOf, labelOf, useCarnet } from './context.js';
import { display } from './format.js';
import { afterPlace } from './message-place.js';
import { registerWords, type MessageKey } from './i18n.js';
import { CHECK_WORDS } from './i18n-check.js';

registerWords(CHECK_WORDS);

const KIND: Record<TidyKind, MessageKey> = { id: 'tidyKindId', normalize: 'tidyKindNormalize', default: 'tidyKindDefault' };

/** Enough lines per sheet to see what is wrong; "Show more" gives the rest (a sheet typed by hand can have hundreds). */
const LIMIT = 10;

/**
 * Where the reader (and the keyboard) goes: the title, then what came back — the plan, what was
 * done, "Plan again". Each gets the focus as it appears; one function, so that a re-render does
 * not call it again.
 */
const focus = (el: HTMLElement | null) => el?.focus();

/** What runs now: one command at a time (the Google host pays ~1 s a round trip). */
type Busy = '' | 'check' | 'plan' | 'apply';

/** The problems by sheet, in the order the core found them, errors first; sheets with errors first. */
function bySheet(problems: readonly CheckProblem[]): [string, CheckProblem[], number][] {
  const groups = new Map<string, CheckProblem[]>();
  for (const p of problems) groups.set(p.sheet, [...(groups.get(p.sheet) ?? []), p]);
  const sorted = [...groups].map(([sheet, ps]): [string, CheckProblem[], number] => {
    const errors = ps.filter((p) => p.severity === 'error');
    return [sheet, [...errors, ...ps.filter((p) => p.severity !== 'error')], errors.length];
  });
  return [...sorted.filter((g) => g[2] > 0), ...sorted.filter((g) => g[2] === 0)];
}

export function Check({ onChanged }: { onChanged(): void }) {
  const { bridge, t } = useCarnet();
  const [report, setReport] = useState<CheckReport | undefined>();
  const [plan, setPlan] = useState<TidyPlan | undefined>();
  const [done, setDone] = useState<TidyResult | undefined>();
  const [error, setError] = useState<ErrorData | undefined>();
  const [busy, setBusy] = useState<Busy>('');

  /** Runs one command; a refusal is shown as the core words it. */
  async function run<T>(what: Busy, command: string, input: object, then: (answer: T) => unknown) {
    if (busy) return;
    setBusy(what);
    setError(undefined);
    try {
      await then(await bridge.call<T>(command, input));
    } catch (e) {
      const refusal: ErrorData = e instanceof BridgeError ? e.data : { code: 'E_INTERNAL', message: (e as Error).message };
      // The sheets changed since this plan: it no longer says what Apply would write.
      if (refusal.code === 'E_CONFLICT') setPlan(undefined);
      setError(refusal);
    } finally {
      setBusy('');
    }
  }

  const check = () => run('check', 'crm.check', {}, setReport);
  const tidy = () => (setDone(undefined), setPlan(undefined), run('plan', 'tidy.plan', {}, setPlan));
  const apply = (token: string) =>
    run<TidyResult>('apply', 'tidy.apply', { confirmed: token }, async (result) => {
      setPlan(undefined);
      onChanged();
      // What is left, shown with what was done: never the problems tidy just fixed under "What is left".
      try {
        setReport(await bridge.call<CheckReport>('crm.check', {}));
      } finally {
        setDone(result);
      }
    });

  useEffect(() => void check(), []);

  const button = (what: Busy, label: MessageKey, onClick: () => unknown, primary = false) => (
    <button type="button" class={primary ? 'primary' : ''} aria-disabled={busy !== ''} onClick={onClick}>
      {busy && busy === what ? t(what === 'apply' ? 'saving' : 'loading') : t(label)}
    </button>
  );

  return (
    <article class="settings check-screen" aria-labelledby="check-title" aria-busy={busy !== ''}>
      <h2 id="check-title" tabIndex={-1} ref={focus}>
        {t('checkTitle')}
      </h2>
      {done && (
        <div class="adopt-done" role="status" tabIndex={-1} ref={focus}>
          <p>{done.message}</p>
        </div>
      )}
      {report && (
        <>
          <p class="check-counts">{t('checkCounts', { errors: report.errors, warnings: report.warnings, records: report.records, directories: report.directories })}</p>
          {report.problems.length === 0 ? (
            <p>{t('checkClean')}</p>
          ) : (
            <>
              <h3>{t(done ? 'tidyLeftAfter' : 'checkProblems')}</h3>
              <BySheet problems={report.problems} level={4} />
            </>
          )}
        </>
      )}
      <div class="buttons">{button('check', 'checkAgain', check)}</div>

      <section class="settings-part" aria-labelledby="tidy-title">
        <h3 id="tidy-title">{t('tidyButton')}</h3>
        <p class="muted">{t('tidyIntro')}</p>
        <div class="buttons">{button('plan', 'tidyButton', tidy, !plan)}</div>
        {plan && (
          <section class="adopt-plan tidy-plan" aria-labelledby="tidy-plan-title">
            <h4 id="tidy-plan-title" tabIndex={-1} ref={focus}>
              {t('tidyPlanTitle')}
            </h4>
            <p class="muted">{t('tidyCells', { count: plan.changes })}</p>
            {plan.directories.map((d) => d.changes.length > 0 && <Changes key={d.directory} entry={d} />)}
            {plan.problems.length > 0 && (
              <>
                <h5>{t('tidyLeft')}</h5>
                <BySheet problems={plan.problems} level={6} />
              </>
            )}
            {plan.changes > 0 && (
              <div class="buttons">
                {button('apply', 'tidyApply', () => apply(plan.token), true)}
                {button('', 'cancel', () => setPlan(undefined))}
              </div>
            )}
          </section>
        )}
        {error && (
          <div role="alert" class="form-error">
            <p>{error.message}</p>
            {error.code === 'E_CONFLICT' && !plan && (
              <button type="button" ref={focus} onClick={tidy}>
                {t('tidyPlanAgain')}
              </button>
            )}
          </div>
        )}
      </section>
    </article>
  );
}

/** One sheet's problems after another, under the sheet's name; each line its severity in words, its cell, the core's reason. */
function BySheet({ problems, level }: { problems: readonly CheckProblem[]; level: 4 | 6 }) {
  const { t } = useCarnet();
  const Heading = level === 4 ? 'h4' : 'h6';
  return (
    <>
      {bySheet(problems).map(([sheet, list]) => (
        <section key={sheet} class="check-sheet">
          <Heading>{sheet}</Heading>
          <Capped
            items={list}
            limit={LIMIT}
            class="check-list"
            render={(p, i) => {
              // "Sociétés!I3: "x" is not an email address.": the sheet heads the group, the cell leads the line.
              const place = `${p.sheet}${p.cell ? `!${p.cell}` : ''}`;
              return (
                <li key={i} class={p.severity}>
                  <span class="sev">{t(p.severity === 'error' ? 'checkError' : 'checkWarning')}</span> {p.cell && <b>{p.cell}</b>}{' '}
                  {afterPlace(p.message, place)}
                </li>
              );
            }}
          />
        </section>
      ))}
    </>
  );
}

/** The cells tidy writes in one directory's sheet: cell, field, old → new, and why; and what is worth knowing. */
function Changes({ entry }: { entry: TidyDirectory }) {
  const { schema, lang, t } = useCarnet();
  /** What was typed as typed; what tidy writes as the field shows it (a date's serial as the day). */
  const value = (f: FieldDef | undefined, v: Cell) => {
    const date = typeof v === 'number' && (f?.type === 'date' ? isoDate(v) : f?.type === 'datetime' ? isoDateTime(v) : undefined);
    const text = v === null || v === '' ? '' : !f || typeof v === 'string' ? String(v) : display(f, date || v, lang, schema.currency);
    return text ? <q>{text}</q> : <span class="muted">{t('tidyEmpty')}</span>;
  };
  return (
    <div class="tidy-directory">
      <h5>{entry.sheet === entry.label ? entry.label : `${entry.label} (${entry.sheet})`}</h5>
      <Capped
        items={entry.changes}
        limit={LIMIT}
        class="check-list"
        render={(c, i) => {
          const f = c.field === 'id' ? undefined : fieldOf(schema, entry.directory, c.field);
          return (
            <li key={i}>
              <b>{c.cell}</b> <span class="muted">{f ? labelOf(f, lang) : 'ID'}</span> {value(f, c.from)} → {value(f, c.to)} <span class="badge">{t(KIND[c.kind])}</span>
            </li>
          );
        }}
      />
      {entry.notes.length > 0 && (
        <ul class="adopt-notes">
          {entry.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
