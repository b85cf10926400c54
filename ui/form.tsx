/**
 * A form built from a directory's fields, so a field added with the configurator appears without
 * code changes: hidden fields are left out, a choice is a select, a reference an input with a
 * dropdown of the values fetched once, a date a date input, a yes/no a checkbox.
 *
 * The form sends only what the person changed, as typed; the core normalises and validates, and a
 * refusal comes back as located problems shown beside each field (`BridgeError.data.problems`).
 * Keyboard: every input has its label, Enter saves (Shift+Enter for a new line in long text),
 * Escape cancels.
 */

import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ErrorData } from '../core/errors.js';
import type { RecordJson } from '../core/records/record-json.js';
import type { FieldDef } from '../core/schema/types.js';
import { BridgeError } from './bridge.js';
import { directory, labelOf, useCarnet } from './context.js';
import { initialInput, toInput, type InputValue } from './format.js';

export type FormValues = Record<string, InputValue>;

export interface RecordFormProps {
  dirKey: string;
  title: string;
  /** Fields the command fills itself (the company the card is about, computed amounts). */
  omit?: readonly string[];
  /** Fields shown first, in this order (the note's text before its contact); the rest keep schema order. */
  first?: readonly string[];
  /** The record being edited; absent for a new one. */
  record?: RecordJson;
  /** Starting values for a new record (today's date on a sale). */
  initial?: FormValues;
  /** Values offered in a reference or user field's dropdown. */
  options?: (f: FieldDef) => readonly string[] | undefined;
  /** A line of help under a field, computed from what is being typed (the product's price). */
  hint?: (f: FieldDef, values: FormValues) => string | undefined;
  /** Saves the changed values; rejects with a BridgeError to show the core's problems. */
  onSubmit(changed: FormValues): Promise<void>;
  onCancel(): void;
  /** Content shown above the buttons (a summary, a warning). */
  children?: ComponentChildren;
}

let formCount = 0;

export function problemsOf(error: ErrorData): ErrorData[] {
  return error.problems?.length ? error.problems : [error];
}

export function RecordForm(props: RecordFormProps) {
  const { schema, lang, t } = useCarnet();
  const dir = directory(schema, props.dirKey);
  const fields = useMemo(() => {
    const shown = (dir?.fields ?? []).filter((f) => !f.hidden && !props.omit?.includes(f.key));
    const rank = (key: string) => {
      const i = props.first?.indexOf(key) ?? -1;
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    return shown.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.key) - rank(b.f.key) || a.i - b.i).map((x) => x.f);
  }, [dir, props.omit, props.first]);
  const start = useMemo(() => {
    const out: FormValues = {};
    for (const f of fields) out[f.key] = props.record ? toInput(f, props.record.values[f.key]) : (props.initial?.[f.key] ?? initialInput(f));
    return out;
  }, [fields, props.record]);
  const [values, setValues] = useState<FormValues>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = useMemo(() => `form-${++formCount}`, []);
  const formRef = useRef<HTMLFormElement>(null);

  // Focus in the same commit as the form appears (not after paint), so fast typing loses no key.
  useLayoutEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, []);

  function focusField(key: string) {
    formRef.current?.querySelector<HTMLElement>(`#${id}-${key}`)?.focus();
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const changed: FormValues = {};
    for (const f of fields) {
      const before = props.record ? start[f.key] : initialInput(f);
      if (values[f.key] !== before) changed[f.key] = values[f.key]!;
    }
    setBusy(true);
    setGeneral(undefined);
    try {
      await props.onSubmit(changed);
      setErrors({});
    } catch (error) {
      if (!(error instanceof BridgeError)) {
        setGeneral((error as Error).message);
        return;
      }
      const byField: Record<string, string> = {};
      const elsewhere: string[] = [];
      for (const p of problemsOf(error.data)) {
        const key = p.field?.replace(/^values\./, '');
        if (key && fields.some((f) => f.key === key)) byField[key] = byField[key] ? `${byField[key]} ${p.message}` : p.message;
        else elsewhere.push(p.message);
      }
      setErrors(byField);
      setGeneral(elsewhere.length ? elsewhere.join(' ') : Object.keys(byField).length ? t('problemsSummary') : undefined);
      const firstBad = fields.find((f) => byField[f.key]);
      if (firstBad) setTimeout(() => focusField(firstBad.key), 0);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onCancel();
    }
  }

  const set = (key: string, v: InputValue) => setValues((old) => ({ ...old, [key]: v }));

  return (
    // The title's id has a `--`, which no field key has: a field keyed `title` (a Books directory's) keeps its label.
    <form ref={formRef} class="record-form" aria-labelledby={`${id}--title`} aria-busy={busy} noValidate onSubmit={submit} onKeyDown={onKeyDown}>
      <h3 id={`${id}--title`}>{props.title}</h3>
      {general && (
        <p class="form-error" role="alert">
          {general}
        </p>
      )}
      {fields.map((f) => (
        <FieldInput
          key={f.key}
          formId={id}
          field={f}
          label={labelOf(f, lang)}
          value={values[f.key]!}
          error={errors[f.key]}
          hint={props.hint?.(f, values) ?? f.help?.[lang]}
          options={props.options?.(f)}
          onChange={(v) => set(f.key, v)}
          onEnter={() => formRef.current?.requestSubmit()}
        />
      ))}
      {props.children}
      <p class="form-hint">{t('enterHint')}</p>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

interface FieldInputProps {
  formId: string;
  field: FieldDef;
  label: string;
  value: InputValue;
  error?: string;
  hint?: string;
  options?: readonly string[];
  onChange(v: InputValue): void;
  onEnter(): void;
}

/** Text-like inputs; dates have their own branch (a date input takes no dropdown list). */
const INPUT_TYPE: Partial<Record<FieldDef['type'], 'email' | 'tel' | 'url'>> = {
  email: 'email',
  phone: 'tel',
  url: 'url',
};

/** Numbers are typed as text (the core reads "12,50" and "1 200"), with a numeric keypad on phones. */
const INPUT_MODE: Partial<Record<FieldDef['type'], 'decimal' | 'numeric'>> = {
  integer: 'numeric',
  number: 'decimal',
  money: 'decimal',
  percent: 'decimal',
};

function FieldInput({ formId, field: f, label, value, error, hint, options, onChange, onEnter }: FieldInputProps) {
  const id = `${formId}-${f.key}`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const common = {
    id,
    name: f.key,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': f.required ? true : undefined,
  };
  const text = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value);
  let input;
  if (f.type === 'boolean') {
    input = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />;
  } else if (f.type === 'choice') {
    input = (
      <select {...common} value={String(value)} onChange={text}>
        <option value="" />
        {(f.choices ?? []).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (f.type === 'longtext') {
    input = (
      <textarea
        {...common}
        rows={3}
        value={String(value)}
        onInput={text}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            onEnter();
          }
        }}
      />
    );
  } else if (f.type === 'date' || f.type === 'datetime') {
    input = <input {...common} type={f.type === 'date' ? 'date' : 'datetime-local'} value={String(value)} onInput={text} />;
  } else {
    const listId = options ? `${id}-list` : undefined;
    input = (
      <>
        <input
          {...common}
          type={INPUT_TYPE[f.type] ?? 'text'}
          inputMode={INPUT_MODE[f.type]}
          autoComplete="off"
          list={listId}
          value={String(value)}
          onInput={text}
        />
        {options && (
          <datalist id={listId}>
            {options.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        )}
      </>
    );
  }
  return (
    <div class={`field field-${f.type}${error ? ' invalid' : ''}`}>
      {f.type === 'boolean' ? (
        <label class="check">
          {input} {label}
        </label>
      ) : (
        <>
          <label for={id}>
            {label}
            {f.required && <span aria-hidden="true"> *</span>}
          </label>
          {input}
        </>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {hint && !error && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
