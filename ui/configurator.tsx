/**
 * Settings → Directories and fields (issue 13 §1), for who may configure: create a directory (its
 * name in the workbook's language, the field that names a record, its ID prefix, its first
 * fields); in a directory, add a field, rename, hide or show one, change its type or its rules
 * (required, unique, default, help text, choices). Each change is the core's configurator command
 * (core/app/schema-commands.ts), run first as a dry run (`preview`) that shows what will be
 * written, then applied; a change that would lose a cell is refused (E_DATA_LOSS) with every
 * offending cell, a list to go through with the keyboard. After a change the sidebar fetches the
 * schema and the index again (`onChanged`).
 *
 * A screen loaded on demand (ui/lazy.tsx): a chunk in the Excel task pane, a script served by
 * Code.js in the Google sidebar (gas-addon/build.ts REMOTE_SCREENS): it takes from the page only
 * the names build.ts's SHARED lists.
 */

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ErrorData } from '../core/errors.js';
import type { DirectoryDef, FieldDef, FieldType } from '../core/schema/types.js';
import { BridgeError } from './bridge.js';
import { directory, labelOf, useCarnet } from './context.js';
import { registerWords, type MessageKey } from './i18n.js';
import { CONFIGURATOR_WORDS } from './i18n-configurator.js';

registerWords(CONFIGURATOR_WORDS);

/** Settings' "Use a sheet the team already keeps" (ui/adopt.tsx) travels with the configurator: out of the first load (ui/settings.tsx). */
export { AdoptSheet } from './adopt.js';

/** A configurator command and its input, previewed then applied. */
interface Plan {
  command: string;
  input: Record<string, unknown>;
}

/** One cell `preview` says the change would write. */
interface Change {
  directory?: string;
  record?: string;
  field?: string;
  old?: unknown;
  new?: unknown;
}

interface PreviewAnswer {
  result?: unknown;
  changes?: Change[];
  /** The sheets it would create, then those it would lay out (a plain list: laid out). */
  sheets?: string[] | { created?: string[]; laidOut?: string[] };
}

/** A field being written in a form: its name, type and, for some types, their options. */
interface Row {
  label: string;
  type: FieldType;
  choices: string;
  ref: string;
}

/** The types a field may have, as core/schema/types.ts lists them (written out: importing the list would move it into a chunk of its own in the task pane's first load). */
const FIELD_TYPES: readonly FieldType[] = ['text', 'longtext', 'integer', 'number', 'money', 'percent', 'date', 'datetime', 'boolean', 'email', 'phone', 'url', 'choice', 'reference', 'user'];

const blankRow = (type: FieldType = 'text'): Row => ({ label: '', type, choices: '', ref: '' });
const splitChoices = (s: string) => s.split('|').map((c) => c.trim()).filter(Boolean);

/** What the core takes for a field: choices and the referenced directory only where the type has them. */
function typeOptions(row: Pick<Row, 'type' | 'choices' | 'ref'>): Record<string, unknown> {
  return { type: row.type, ...(row.type === 'choice' ? { choices: splitChoices(row.choices) } : {}), ...(row.type === 'reference' && row.ref ? { ref: row.ref } : {}) };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const cut = (s: string) => (s.length > 100 ? `${s.slice(0, 99)}…` : s);

/**
 * A cell's old and new value as the preview shows them, one short line each: of a long value (the
 * schema's JSON) only the part that changes.
 */
function shown(old: unknown, now: unknown): [string, string] {
  const a = text(old);
  const b = text(now);
  if (a.length <= 100 && b.length <= 100) return [a, b];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  // Identical where the log cuts long values (the schema): the summary above says what changes.
  if (a === b) return ['', ''];
  const part = (s: string) => (s.length - q > p ? `${p ? '…' : ''}${cut(s.slice(p, s.length - q))}${q ? '…' : ''}` : '');
  return [part(a), part(b)];
}

export function Configurator({ onChanged }: { onChanged(): void }) {
  const { bridge, schema, lang, t, announce } = useCarnet();
  /** '' is a new directory. */
  const [dirKey, setDirKey] = useState('');
  const [pending, setPending] = useState<{ plan: Plan; answer?: PreviewAnswer }>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  /** Bumped after a change: the forms start again from the fresh schema. */
  const [round, setRound] = useState(0);
  const dir = dirKey ? directory(schema, dirKey) : undefined;

  const failed = (e: unknown) => setError(e instanceof BridgeError ? e.data : { code: 'E_INTERNAL', message: (e as Error).message });

  async function preview(plan: Plan) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setPending(undefined);
    try {
      setPending({ plan, answer: await bridge.call<PreviewAnswer>('preview', plan) });
    } catch (e) {
      // A core without the dry run: say so, and let Apply run the change (still refused if a cell would be lost).
      if (e instanceof BridgeError && e.data.code === 'E_UNKNOWN_COMMAND') setPending({ plan });
      else failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (busy || !pending) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await bridge.call<DirectoryDef | FieldDef>(pending.plan.command, pending.plan.input);
      if (pending.plan.command === 'directory.create') setDirKey(result.key);
      setPending(undefined);
      setRound((n) => n + 1);
      announce(t('cfgApplied'));
      onChanged();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  const edited = () => (setPending(undefined), setError(undefined));

  return (
    <article class="configurator" aria-labelledby="cfg-title" aria-busy={busy}>
      <h2 id="cfg-title">{t('cfgTitle')}</h2>
      <p>
        <label for="cfg-dir">{t('cfgDirectory')}</label>{' '}
        <select id="cfg-dir" value={dirKey} onChange={(e) => (edited(), setDirKey((e.currentTarget as HTMLSelectElement).value))}>
          <option value="">{t('cfgNewDirectory')}</option>
          {schema.directories.map((d) => (
            <option key={d.key} value={d.key}>
              {labelOf(d, lang)}
            </option>
          ))}
        </select>
      </p>
      {!dirKey ? (
        <NewDirectory key={round} onEdit={edited} onPreview={(plan) => void preview(plan)} busy={busy} />
      ) : dir ? (
        <FieldChange key={`${dirKey}:${round}`} dir={dir} onEdit={edited} onPreview={(plan) => void preview(plan)} busy={busy} />
      ) : (
        <p class="muted">{t('loading')}</p>
      )}
      {error && <Refusal error={error} />}
      {pending && (
        <section class="panel cfg-preview" aria-labelledby="cfg-preview-title">
          <h3 id="cfg-preview-title">{t('cfgPreviewTitle')}</h3>
          {pending.answer ? <Changes answer={pending.answer} /> : <p class="muted">{t('cfgPreviewUnavailable')}</p>}
          <div class="buttons">
            <button type="button" class="primary" disabled={busy} onClick={() => void apply()}>
              {t('cfgApply')}
            </button>
            <button type="button" disabled={busy} onClick={() => setPending(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </section>
      )}
    </article>
  );
}

/** A field as the change leaves it: its name, type and rules. */
function describe(f: FieldDef, t: ReturnType<typeof useCarnet>['t'], lang: ReturnType<typeof useCarnet>['lang']): string {
  const rules = [t(`type_${f.type}` as MessageKey), ...(f.choices?.length ? [f.choices.join(' | ')] : []), ...(f.required ? [t('cfgRequired')] : []), ...(f.unique ? [t('cfgUnique')] : []), ...(f.hidden ? [t('cfgHidden')] : [])];
  return `${labelOf(f, lang)} (${rules.join(', ')})`;
}

/** What the dry run's result says the directory or field will be, then the sheets it would create or lay out, then each cell, old → new. */
function Changes({ answer }: { answer: PreviewAnswer }) {
  const { t, lang } = useCarnet();
  const result = answer.result as Partial<DirectoryDef & FieldDef> | undefined;
  const changes = answer.changes ?? [];
  const sheets = Array.isArray(answer.sheets) ? { laidOut: answer.sheets } : (answer.sheets ?? {});
  return (
    <>
      {result?.labels && Array.isArray(result.fields) ? (
        <p class="cfg-result">
          <strong>
            {labelOf(result as DirectoryDef, lang)} ({result.idPrefix}-…)
          </strong>
          : {(result.fields as FieldDef[]).map((f) => describe(f, t, lang)).join('; ')}
        </p>
      ) : result?.labels && result.type ? (
        <p class="cfg-result">
          <strong>{describe(result as FieldDef, t, lang)}</strong>
        </p>
      ) : null}
      {sheets.created?.length ? <p>{t('cfgSheetsCreated', { list: sheets.created.join(', ') })}</p> : null}
      {sheets.laidOut?.length ? <p>{t('cfgSheets', { list: sheets.laidOut.join(', ') })}</p> : null}
      {changes.length ? (
        <>
          <p class="muted">{t('cfgChangeCount', { count: changes.length })}</p>
          <ul class="cfg-changes" style={{ overflowWrap: 'anywhere' }}>
            {changes.map((c, i) => {
              const [old, now] = shown(c.old, c.new);
              return (
                <li key={i}>
                  <strong>{[c.directory, c.record, c.field].filter(Boolean).join(' › ')}</strong>:{' '}
                  {old || now ? (
                    <>
                      {old ? <del>{old}</del> : null} → <ins>{now}</ins>
                    </>
                  ) : (
                    <span class="muted">{t('cfgLong')}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p class="muted">{t('cfgNoChanges')}</p>
      )}
    </>
  );
}

/** A refusal: the core's message, and for a change that would lose cells each cell, focusable, arrows moving between them. */
function Refusal({ error }: { error: ErrorData }) {
  const { t } = useCarnet();
  const list = useRef<HTMLUListElement>(null);
  const problems = error.problems ?? [];
  useLayoutEffect(() => (list.current?.querySelector('li') as HTMLElement | null)?.focus(), [error]);
  const move = (e: KeyboardEvent) => {
    const item = e.target as HTMLElement;
    const to = e.key === 'ArrowDown' ? item.nextElementSibling : e.key === 'ArrowUp' ? item.previousElementSibling : null;
    if (to) {
      e.preventDefault();
      (to as HTMLElement).focus();
    }
  };
  return (
    <div role="alert" class="form-error">
      <p>{error.message}</p>
      {problems.length ? (
        <>
          <p>{t('cfgRefused')}</p>
          <ul class="cfg-problems" ref={list} onKeyDown={move}>
            {problems.map((p, i) => (
              <li key={i} tabIndex={0}>
                {p.cell ? <strong>{p.sheet ? `${p.sheet}!${p.cell}` : p.cell}</strong> : null} {p.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** A field's type and, for a choice or a reference, its options. */
function TypeInputs({ id, row, set }: { id: string; row: Row; set(patch: Partial<Row>): void }) {
  const { t, schema, lang } = useCarnet();
  return (
    <>
      <div class="field">
        <label for={`${id}-type`}>{t('cfgType')}</label>
        <select id={`${id}-type`} value={row.type} onChange={(e) => set({ type: (e.currentTarget as HTMLSelectElement).value as FieldType })}>
          {FIELD_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`type_${type}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      {row.type === 'choice' && (
        <div class="field">
          <label for={`${id}-choices`}>{t('cfgChoices')}</label>
          <input id={`${id}-choices`} value={row.choices} placeholder="Fiction|Essay" onInput={(e) => set({ choices: (e.currentTarget as HTMLInputElement).value })} />
        </div>
      )}
      {row.type === 'reference' && (
        <div class="field">
          <label for={`${id}-ref`}>{t('cfgRef')}</label>
          <select id={`${id}-ref`} value={row.ref} onChange={(e) => set({ ref: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">—</option>
            {schema.directories.map((d) => (
              <option key={d.key} value={d.key}>
                {labelOf(d, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

interface FormProps {
  busy: boolean;
  /** Something was typed: a preview shown no longer matches. */
  onEdit(): void;
  onPreview(plan: Plan): void;
}

/** A new directory: its name (in the workbook's language), ID prefix, first fields and the one that names a record. */
function NewDirectory({ busy, onEdit, onPreview }: FormProps) {
  const { t } = useCarnet();
  const [label, setLabel] = useState('');
  const [idPrefix, setIdPrefix] = useState('');
  const [rows, setRows] = useState<Row[]>([blankRow()]);
  const [display, setDisplay] = useState('');
  const named = rows.filter((r) => r.label.trim());
  const setRow = (i: number, patch: Partial<Row>) => (onEdit(), setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r))));

  function submit(e: Event) {
    e.preventDefault();
    const shownDisplay = display && named.some((r) => r.label.trim() === display) ? display : named.find((r) => r.type === 'text')?.label.trim();
    onPreview({
      command: 'directory.create',
      input: {
        label: label.trim(),
        fields: named.map((r) => ({ label: r.label.trim(), ...typeOptions(r) })),
        ...(shownDisplay ? { display: shownDisplay } : {}),
        ...(idPrefix.trim() ? { idPrefix: idPrefix.trim().toUpperCase() } : {}),
      },
    });
  }

  return (
    <form class="record-form cfg-new" onSubmit={submit} noValidate>
      <div class="field">
        <label for="cfg-new-label">{t('cfgLabel')}</label>
        <input id="cfg-new-label" value={label} required onInput={(e) => (onEdit(), setLabel((e.currentTarget as HTMLInputElement).value))} />
      </div>
      <div class="field">
        <label for="cfg-new-prefix">{t('cfgIdPrefix')}</label>
        <input id="cfg-new-prefix" value={idPrefix} maxLength={6} aria-describedby="cfg-new-prefix-hint" onInput={(e) => (onEdit(), setIdPrefix((e.currentTarget as HTMLInputElement).value))} />
        <p class="field-hint" id="cfg-new-prefix-hint">
          {t('cfgIdPrefixHint')}
        </p>
      </div>
      <fieldset>
        <legend>{t('cfgFields')}</legend>
        {rows.map((row, i) => (
          <div class="cfg-row" key={i}>
            <div class="field">
              <label for={`cfg-row${i}-label`}>{t('cfgFieldLabel')}</label>
              <input id={`cfg-row${i}-label`} value={row.label} onInput={(e) => setRow(i, { label: (e.currentTarget as HTMLInputElement).value })} />
            </div>
            <TypeInputs id={`cfg-row${i}`} row={row} set={(patch) => setRow(i, patch)} />
            {rows.length > 1 && (
              <button type="button" class="link" onClick={() => (onEdit(), setRows((rs) => rs.filter((_, j) => j !== i)))}>
                {t('cfgRemoveRow')}
              </button>
            )}
          </div>
        ))}
        <button type="button" class="link" onClick={() => (onEdit(), setRows((rs) => [...rs, blankRow()]))}>
          {t('cfgAddRow')}
        </button>
      </fieldset>
      {named.length > 0 && (
        <div class="field">
          <label for="cfg-new-display">{t('cfgDisplay')}</label>
          <select id="cfg-new-display" value={display} onChange={(e) => (onEdit(), setDisplay((e.currentTarget as HTMLSelectElement).value))}>
            <option value="">—</option>
            {named.map((r, i) => (
              <option key={i} value={r.label.trim()}>
                {r.label.trim()}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || !label.trim() || !named.length}>
          {t('cfgPreview')}
        </button>
      </div>
    </form>
  );
}

type Action = 'add' | 'rename' | 'hide' | 'retype' | 'rules';

/** One change to a directory's fields: which field, what change, then that change's inputs. */
function FieldChange({ dir, busy, onEdit, onPreview }: FormProps & { dir: DirectoryDef }) {
  const { t, lang } = useCarnet();
  const [action, setAction] = useState<Action>('add');
  const [fieldKey, setFieldKey] = useState(dir.fields[0]?.key ?? '');
  const f = dir.fields.find((x) => x.key === fieldKey);
  const actions: [Action, MessageKey][] = [
    ['add', 'cfgAdd'],
    ['rename', 'cfgRename'],
    ['hide', f?.hidden ? 'cfgShow' : 'cfgHide'],
    ['retype', 'cfgRetype'],
    ['rules', 'cfgRules'],
  ];
  return (
    <div class="record-form cfg-change">
      <div class="field">
        <label for="cfg-action">{t('cfgAction')}</label>
        <select id="cfg-action" value={action} onChange={(e) => (onEdit(), setAction((e.currentTarget as HTMLSelectElement).value as Action))}>
          {actions.map(([a, word]) => (
            <option key={a} value={a}>
              {t(word)}
            </option>
          ))}
        </select>
      </div>
      {action !== 'add' && (
        <div class="field">
          <label for="cfg-field">{t('cfgField')}</label>
          <select id="cfg-field" value={fieldKey} onChange={(e) => (onEdit(), setFieldKey((e.currentTarget as HTMLSelectElement).value))}>
            {dir.fields.map((x) => (
              <option key={x.key} value={x.key}>
                {labelOf(x, lang)} ({t(`type_${x.type}` as MessageKey)}
                {x.hidden ? `, ${t('cfgHidden')}` : ''})
              </option>
            ))}
          </select>
        </div>
      )}
      {(action === 'add' || f) && <ChangeInputs key={`${action}:${fieldKey}`} dir={dir} field={f} action={action} busy={busy} onEdit={onEdit} onPreview={onPreview} />}
    </div>
  );
}

/** The inputs of one change, started from the field as it is. */
function ChangeInputs({ dir, field, action, busy, onEdit, onPreview }: FormProps & { dir: DirectoryDef; field: FieldDef | undefined; action: Action }) {
  const { t, schema, lang } = useCarnet();
  const [row, setRow] = useState<Row>(() => (field && action === 'retype' ? { label: '', type: field.type, choices: (field.choices ?? []).join('|'), ref: field.ref ?? '' } : blankRow()));
  const [label, setLabel] = useState(field ? labelOf(field, lang) : '');
  const [required, setRequired] = useState(!!field?.required);
  const [unique, setUnique] = useState(!!field?.unique);
  const [dflt, setDefault] = useState(field?.default === undefined || field.default === null ? '' : String(field.default));
  const [help, setHelp] = useState(field?.help?.[schema.lang] ?? '');
  const [choices, setChoices] = useState((field?.choices ?? []).join('|'));
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => (onEdit(), set(v));
  const base = { directory: dir.key, ...(field ? { field: field.key } : {}) };

  function plan(): Plan | undefined {
    if (action === 'add') return row.label.trim() ? { command: 'field.add', input: { directory: dir.key, field: { label: row.label.trim(), ...typeOptions(row), ...(required ? { required } : {}) } } } : undefined;
    if (!field) return undefined;
    if (action === 'rename') return label.trim() ? { command: 'field.rename', input: { ...base, label: label.trim(), lang } } : undefined;
    if (action === 'hide') return { command: 'field.hide', input: { ...base, hidden: !field.hidden } };
    if (action === 'retype') return { command: 'field.retype', input: { ...base, ...typeOptions(row) } };
    const rules: Record<string, unknown> = {};
    if (required !== !!field.required) rules.required = required;
    if (unique !== !!field.unique) rules.unique = unique;
    if (dflt !== (field.default === undefined || field.default === null ? '' : String(field.default))) rules.default = dflt === '' ? null : dflt;
    if (help !== (field.help?.[schema.lang] ?? '')) rules.help = help;
    if (field.type === 'choice' && choices !== (field.choices ?? []).join('|')) rules.choices = splitChoices(choices);
    return { command: 'field.set', input: { ...base, ...rules } };
  }

  const ready = plan();
  const check = (id: string, word: MessageKey, value: boolean, set: (v: boolean) => void) => (
    <div class="field">
      <label>
        <input id={id} type="checkbox" checked={value} onChange={(e) => edit(set)((e.currentTarget as HTMLInputElement).checked)} /> {t(word)}
      </label>
    </div>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onPreview(ready);
      }}
      noValidate
    >
      {action === 'add' && (
        <>
          <div class="field">
            <label for="cfg-add-label">{t('cfgFieldLabel')}</label>
            <input id="cfg-add-label" value={row.label} onInput={(e) => edit(setRow)({ ...row, label: (e.currentTarget as HTMLInputElement).value })} />
          </div>
          <TypeInputs id="cfg-add" row={row} set={(patch) => edit(setRow)({ ...row, ...patch })} />
          {check('cfg-add-required', 'cfgRequired', required, setRequired)}
        </>
      )}
      {action === 'rename' && (
        <div class="field">
          <label for="cfg-rename">{t('cfgNewLabel')}</label>
          <input id="cfg-rename" value={label} onInput={(e) => edit(setLabel)((e.currentTarget as HTMLInputElement).value)} />
        </div>
      )}
      {action === 'retype' && <TypeInputs id="cfg-retype" row={row} set={(patch) => edit(setRow)({ ...row, ...patch })} />}
      {action === 'rules' && field && (
        <>
          {check('cfg-required', 'cfgRequired', required, setRequired)}
          {check('cfg-unique', 'cfgUnique', unique, setUnique)}
          <div class="field">
            <label for="cfg-default">{t('cfgDefault')}</label>
            <input id="cfg-default" value={dflt} onInput={(e) => edit(setDefault)((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="cfg-help">{t('cfgHelpText')}</label>
            <input id="cfg-help" value={help} onInput={(e) => edit(setHelp)((e.currentTarget as HTMLInputElement).value)} />
          </div>
          {field.type === 'choice' && (
            <div class="field">
              <label for="cfg-rule-choices">{t('cfgChoices')}</label>
              <input id="cfg-rule-choices" value={choices} onInput={(e) => edit(setChoices)((e.currentTarget as HTMLInputElement).value)} />
            </div>
          )}
        </>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || !ready}>
          {t('cfgPreview')}
        </button>
      </div>
    </form>
  );
}
