/**
 * The import's options: create, update or both (upsert); the fields that recognise a record
 * already there; the country of phone numbers written without +; a value for every row that
 * leaves a field empty; whether missing referenced records (a contact's company) are created;
 * a deal per imported record at a stage; a segment for every imported record. Lists of values come
 * from the index the sidebar fetched once (stages, segments, cities…), so choosing costs no call.
 */

import { useState } from 'preact/hooks';
import type { ColumnMap, ImportMode, ImportPlan, ImportRequest } from '../core/import/types.js';
import type { Cell } from '../core/workbook.js';
import { directory, labelOf, useCarnet, type Carnet } from './context.js';
import { referenceFields, targetLabel } from './import-fields.js';
import type { MessageKey } from './i18n.js';
import { SelectField } from './import-select.js';

export interface ImportOptions {
  mode: ImportMode;
  /** Undefined: the plan's default (the directory's display field). */
  match?: string[];
  country: string;
  defaults: Record<string, Cell>;
  createMissing: string[];
  dealStage: string;
  segment: string;
}

export const NO_OPTIONS: ImportOptions = { mode: 'upsert', country: '', defaults: {}, createMissing: [], dealStage: '', segment: '' };

/** The options as `import.plan` and `import.apply` take them; what is left at its default is not sent. */
export function optionsInput(o: ImportOptions): Partial<ImportRequest> {
  return {
    mode: o.mode,
    ...(o.match && o.match.length > 0 ? { match: o.match } : {}),
    ...(o.country.trim() ? { country: o.country.trim().toUpperCase() } : {}),
    ...(Object.keys(o.defaults).length > 0 ? { defaults: o.defaults } : {}),
    ...(o.createMissing.length > 0 ? { createMissing: o.createMissing } : {}),
    ...(o.dealStage ? { dealStage: o.dealStage } : {}),
    ...(o.segment.trim() ? { segment: o.segment.trim() } : {}),
  };
}

const MODES: { value: ImportMode; name: MessageKey }[] = [
  { value: 'upsert', name: 'importUpsert' },
  { value: 'create', name: 'importCreate' },
  { value: 'update', name: 'importUpdate' },
];

/** Values a field's default can take from the lists fetched once: a lookup's records, the acting user. */
function suggestionsFor(c: Carnet, dirKey: string, key: string): readonly string[] {
  const f = directory(c.schema, dirKey)?.fields.find((x) => x.key === key);
  if (!f) return [];
  if (f.type === 'user') return [c.index.user.id];
  if (f.type === 'choice') return f.choices ?? [];
  if (f.type !== 'reference' || !f.ref) return [];
  if (f.ref === 'companies') return c.index.companies.map((r) => r.name);
  return c.index.options[f.ref] ?? [];
}

export function ImportOptionsPart(props: { id: string; plan: ImportPlan; mapping: readonly ColumnMap[]; options: ImportOptions; onChange(options: ImportOptions): void }) {
  const carnet = useCarnet();
  const { schema, lang, t, index } = carnet;
  const { id, plan, options } = props;
  const dir = directory(schema, plan.directory);
  const set = (change: Partial<ImportOptions>) => props.onChange({ ...options, ...change });
  const own = plan.fields.filter((f) => !f.key.includes('.'));
  const match = options.match ?? plan.match;
  const mapped = new Set(props.mapping.map((m) => m.field?.split('.')[0]).filter((k): k is string => !!k));
  // A split full name fills first and last name too (core/import/types.ts, ColumnMap.split).
  if (props.mapping.some((m) => m.field !== null && m.split)) for (const k of ['first_name', 'last_name']) mapped.add(k);
  // Only what the file fills can recognise a record (and the keys already chosen, to untick them).
  const keys = [{ key: 'id' }, ...own.filter((f) => f.key !== 'id')].filter((f) => mapped.has(f.key) || match.includes(f.key));
  const unmapped = own.filter((f) => f.key !== 'id' && !mapped.has(f.key) && !(f.key in options.defaults));
  const references = referenceFields(dir).filter((f) => mapped.has(f.key) || f.key in options.defaults);
  const stages = schema.directories.some((d) => d.key === 'deals') && plan.directory !== 'deals' ? (index.options.stages ?? []) : [];
  const segments = schema.directories.some((d) => d.key === 'segments');
  const label = (key: string) => targetLabel(schema, dir, { key, label: key }, lang);

  return (
    <section class="import-part import-options" aria-labelledby={`${id}-options`}>
      <h3 id={`${id}-options`}>{t('importOptions')}</h3>
      <SelectField id={`${id}-mode`} label={t('importMode')} value={options.mode} choices={MODES.map((m) => ({ value: m.value, label: t(m.name) }))} onChange={(mode) => set({ mode })} />

      <fieldset class="import-match">
        <legend>{t('importMatch')}</legend>
        <p class="field-hint">{t('importMatchHint')}</p>
        <div class="import-checks">
          {keys.map((f) => (
            <label key={f.key} class="check">
              <input
                type="checkbox"
                checked={match.includes(f.key)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  set({ match: on ? [...match, f.key] : match.filter((k) => k !== f.key) });
                }}
              />
              {label(f.key)}
            </label>
          ))}
        </div>
      </fieldset>

      <div class="field">
        <label for={`${id}-country`}>{t('importCountry')}</label>
        <input id={`${id}-country`} class="short" value={options.country} maxLength={2} placeholder={schema.country} autoComplete="off" onInput={(e) => set({ country: (e.currentTarget as HTMLInputElement).value })} />
        <p class="field-hint">{t('importCountryHint', { country: schema.country })}</p>
      </div>

      <Defaults id={`${id}-defaults`} unmapped={unmapped.map((f) => f.key)} defaults={options.defaults} label={label} suggestions={(key) => suggestionsFor(carnet, plan.directory, key)} onChange={(defaults) => {
        // A reference whose default is removed and whose column is not mapped has nothing left to create.
        set({ defaults, createMissing: options.createMissing.filter((k) => mapped.has(k) || k in defaults) });
      }} />

      {references.length > 0 && (
        <fieldset class="import-match">
          <legend>{t('importCreateMissingTitle')}</legend>
          {references.map((f) => {
            const target = f.ref ? directory(schema, f.ref) : undefined;
            return (
              <label key={f.key} class="check">
                <input
                  type="checkbox"
                  checked={options.createMissing.includes(f.key)}
                  onChange={(e) => {
                    const on = (e.currentTarget as HTMLInputElement).checked;
                    set({ createMissing: on ? [...options.createMissing, f.key] : options.createMissing.filter((k) => k !== f.key) });
                  }}
                />
                {t('importCreateMissing', { directory: target ? labelOf(target, lang) : labelOf(f, lang) })}
              </label>
            );
          })}
        </fieldset>
      )}

      {stages.length > 0 && (
        <SelectField id={`${id}-stage`} label={t('importDealStage')} value={options.dealStage} choices={[{ value: '', label: t('importNoDeal') }, ...stages.map((s) => ({ value: s, label: s }))]} onChange={(dealStage) => set({ dealStage })} />
      )}

      {segments && (
        <div class="field">
          <label for={`${id}-segment`}>
            {t('importSegment')} <span class="muted">{t('optional')}</span>
          </label>
          <input id={`${id}-segment`} value={options.segment} list={`${id}-segments`} autoComplete="off" onInput={(e) => set({ segment: (e.currentTarget as HTMLInputElement).value })} />
          <datalist id={`${id}-segments`}>
            {(index.options.segments ?? []).map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
      )}
    </section>
  );
}

/** Defaults for fields no column fills: the ones set, each removable, and a line to add another. */
function Defaults(props: { id: string; unmapped: string[]; defaults: Record<string, Cell>; label(key: string): string; suggestions(key: string): readonly string[]; onChange(defaults: Record<string, Cell>): void }) {
  const { t } = useCarnet();
  const { id, defaults } = props;
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  const chosen = props.unmapped.includes(field) ? field : (props.unmapped[0] ?? '');
  const set = Object.entries(defaults);

  function add() {
    if (!chosen || value.trim() === '') return;
    props.onChange({ ...defaults, [chosen]: value.trim() });
    setValue('');
    setField('');
  }

  return (
    <fieldset class="import-match import-defaults">
      <legend>{t('importDefaults')}</legend>
      <p class="field-hint">{t('importDefaultsHint')}</p>
      {set.length > 0 && (
        <ul class="import-default-list">
          {set.map(([k, v]) => (
            <li key={k}>
              <span>
                {props.label(k)} = <b>{String(v)}</b>
              </span>
              <button type="button" class="remove" aria-label={t('importRemoveDefault', { field: props.label(k) })} onClick={() => {
                const next = { ...defaults };
                delete next[k];
                props.onChange(next);
              }}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {props.unmapped.length > 0 && (
        <form
          class="import-default-add"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <label for={`${id}-field`} class="visually-hidden">
            {t('importDefaultField')}
          </label>
          <select id={`${id}-field`} value={chosen} onChange={(e) => setField((e.currentTarget as HTMLSelectElement).value)}>
            {props.unmapped.map((k) => (
              <option key={k} value={k}>
                {props.label(k)}
              </option>
            ))}
          </select>
          <label for={`${id}-value`} class="visually-hidden">
            {t('importDefaultValue')}
          </label>
          <input id={`${id}-value`} value={value} list={`${id}-values`} autoComplete="off" onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
          <datalist id={`${id}-values`}>
            {props.suggestions(chosen).map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <button type="submit" disabled={value.trim() === ''}>
            {t('importAddDefault')}
          </button>
        </form>
      )}
    </fieldset>
  );
}
