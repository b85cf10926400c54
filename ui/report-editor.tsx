/**
 * The report editor: plain pickers over what `pivot.fields` says a directory offers — rows,
 * columns, values and filters — each change handing a whole new definition up, which the Reports
 * screen runs again. The pickers only offer what makes sense (a sum of numbers, date groupings for
 * dates); whether a definition can be built is still the core's to say, and it says so in words.
 */

import { useState } from 'preact/hooks';
import type { ReportField } from '../core/pivot/fields.js';
import { DATE_GROUPINGS, type Aggregation, type DataField, type DateGrouping, type GroupField, type PivotDefinition } from '../core/pivot/types.js';
import { labelOf, useCarnet } from './context.js';
import type { MessageKey } from './i18n.js';
import { FilterPart } from './report-filters.js';
import { directoryOf, fieldAt, FieldSelect, Part, RemoveButton, removed, replaced } from './report-pickers.js';

type Show = NonNullable<DataField['show']>;

const GROUPING_LABEL: Record<DateGrouping, MessageKey> = {
  day: 'groupDay',
  week: 'groupWeek',
  month: 'groupMonth',
  quarter: 'groupQuarter',
  year: 'groupYear',
  monthOfYear: 'groupMonthOfYear',
};
const AGG_LABEL: Record<Aggregation, MessageKey> = {
  sum: 'aggSum',
  count: 'aggCount',
  countDistinct: 'aggCountDistinct',
  average: 'aggAverage',
  min: 'aggMin',
  max: 'aggMax',
};
const SHOW_LABEL: Record<Show, MessageKey> = {
  value: 'showValue',
  percentOfRow: 'showPercentOfRow',
  percentOfColumn: 'showPercentOfColumn',
  percentOfTotal: 'showPercentOfTotal',
};

/** The calculations a value can use on a field: sums and averages of numbers, min and max of what orders. */
function allowedAggregations(field: ReportField | undefined, path: string): Aggregation[] {
  if (path === '') return ['count'];
  // A path pivot.fields does not list (typed in the CLI by label): everything, for the core to judge.
  if (!field) return ['sum', 'average', 'min', 'max', 'countDistinct', 'count'];
  if (field.numeric) return ['sum', 'average', 'min', 'max', 'countDistinct'];
  if (field.date) return ['min', 'max', 'countDistinct'];
  return ['countDistinct'];
}

let editorCount = 0;

export interface ReportEditorProps {
  definition: PivotDefinition;
  /** What `pivot.fields` gave for the definition's object; undefined while it comes. */
  fields: readonly ReportField[] | undefined;
  onChange(definition: PivotDefinition): void;
}

export function ReportEditor({ definition, fields, onChange }: ReportEditorProps) {
  const { schema, lang, t } = useCarnet();
  const [id] = useState(() => `report-editor-${++editorCount}`);
  const dir = directoryOf(schema, definition.object);
  const ownGroup = dir ? labelOf(dir, lang) : definition.object;
  const set = (patch: Partial<PivotDefinition>) => onChange({ ...definition, ...patch });
  const list = fields ?? [];
  const selectProps = { fields: list, ownGroup };

  const groupPart = (where: 'rows' | 'columns') => {
    const items = definition[where];
    const itemName = (i: number) => t(where === 'rows' ? 'reportRowN' : 'reportColumnN', { n: i + 1 });
    const add = () => {
      // Rows default to something to group by, columns to time, as most pivots read.
      const pick = where === 'columns' ? (list.find((f) => f.date && !f.via) ?? list.find((f) => !f.numeric)) : list.find((f) => !f.date && !f.numeric);
      if (!pick) return;
      set({ [where]: [...items, pick.date ? { field: pick.path, by: 'month' } : { field: pick.path }] });
    };
    return (
      <Part legend={t(where === 'rows' ? 'reportRows' : 'reportColumns')} add={t(where === 'rows' ? 'reportAddRow' : 'reportAddColumn')} onAdd={add}>
        {items.map((g, i) => {
          const name = itemName(i);
          const field = fieldAt(list, g.field);
          const change = (path: string) => {
            const next = fieldAt(list, path);
            const { by, ...rest } = g;
            const item: GroupField = next?.date ? { ...rest, field: path, by: by ?? 'month' } : { ...rest, field: path };
            set({ [where]: replaced(items, i, item) });
          };
          return (
            <div class="editor-item group" key={i}>
              <FieldSelect id={`${id}-${where}-${i}`} label={name} value={g.field} onChange={change} {...selectProps} />
              {field?.date && (
                <>
                  <label for={`${id}-${where}-${i}-by`} class="visually-hidden">
                    {t('reportDatesBy', { what: name })}
                  </label>
                  <select
                    id={`${id}-${where}-${i}-by`}
                    value={g.by ?? 'day'}
                    onChange={(e) => set({ [where]: replaced(items, i, { ...g, by: (e.currentTarget as HTMLSelectElement).value as DateGrouping }) })}
                  >
                    {DATE_GROUPINGS.map((b) => (
                      <option key={b} value={b}>
                        {t(GROUPING_LABEL[b])}
                      </option>
                    ))}
                  </select>
                </>
              )}
              <RemoveButton what={name} onClick={() => set({ [where]: removed(items, i) })} />
            </div>
          );
        })}
      </Part>
    );
  };

  const dataPart = () => {
    const items = definition.data;
    return (
      <Part legend={t('reportData')} add={t('reportAddData')} onAdd={() => set({ data: [...items, { field: '', agg: 'count' }] })}>
        {items.map((d, i) => {
          const name = t('reportDataN', { n: i + 1 });
          const field = d.field ? fieldAt(list, d.field) : undefined;
          const allowed = allowedAggregations(field, d.field);
          // A definition saved elsewhere may pair them otherwise: shown as it is, for the core to judge.
          const aggs = allowed.includes(d.agg) ? allowed : [...allowed, d.agg];
          const change = (path: string) => {
            const next = allowedAggregations(fieldAt(list, path), path);
            set({ data: replaced(items, i, { ...d, field: path, agg: next.includes(d.agg) ? d.agg : next[0]! }) });
          };
          return (
            <div class="editor-item data" key={i}>
              <FieldSelect id={`${id}-data-${i}`} label={t('reportFieldOf', { what: name })} value={d.field} none={t('reportRecords')} onChange={change} {...selectProps} />
              <label for={`${id}-data-${i}-agg`} class="visually-hidden">
                {t('reportCalculation', { what: name })}
              </label>
              <select id={`${id}-data-${i}-agg`} value={d.agg} onChange={(e) => set({ data: replaced(items, i, { ...d, agg: (e.currentTarget as HTMLSelectElement).value as Aggregation }) })}>
                {aggs.map((a) => (
                  <option key={a} value={a}>
                    {t(AGG_LABEL[a])}
                  </option>
                ))}
              </select>
              <label for={`${id}-data-${i}-show`} class="visually-hidden">
                {t('reportShowAs', { what: name })}
              </label>
              <select id={`${id}-data-${i}-show`} value={d.show ?? 'value'} onChange={(e) => set({ data: replaced(items, i, { ...d, show: (e.currentTarget as HTMLSelectElement).value as Show }) })}>
                {(Object.keys(SHOW_LABEL) as Show[]).map((s) => (
                  <option key={s} value={s}>
                    {t(SHOW_LABEL[s])}
                  </option>
                ))}
              </select>
              {items.length > 1 && <RemoveButton what={name} onClick={() => set({ data: removed(items, i) })} />}
            </div>
          );
        })}
      </Part>
    );
  };

  return (
    <div class="report-editor" aria-busy={fields === undefined}>
      <div class="field">
        <label for={`${id}-object`}>{t('reportObject')}</label>
        <select
          id={`${id}-object`}
          value={dir?.key ?? definition.object}
          onChange={(e) => onChange({ object: (e.currentTarget as HTMLSelectElement).value, rows: [], columns: [], data: [{ field: '', agg: 'count' }], ...(definition.chart ? { chart: definition.chart } : {}) })}
        >
          {!dir && <option value={definition.object}>{definition.object}</option>}
          {schema.directories.map((d) => (
            <option key={d.key} value={d.key}>
              {labelOf(d, lang)}
            </option>
          ))}
        </select>
      </div>
      {fields === undefined ? (
        <p class="muted">{t('loading')}</p>
      ) : (
        <>
          {groupPart('rows')}
          {groupPart('columns')}
          {dataPart()}
          <FilterPart id={id} filters={definition.filters ?? []} fields={list} ownGroup={ownGroup} onChange={(filters) => set({ filters })} />
          <div class="field">
            <label for={`${id}-chart`}>{t('reportChart')}</label>
            <select
              id={`${id}-chart`}
              value={definition.chart ?? ''}
              onChange={(e) => {
                const chart = (e.currentTarget as HTMLSelectElement).value as '' | 'bar' | 'line' | 'none';
                const { chart: _old, ...rest } = definition;
                onChange(chart ? { ...rest, chart } : rest);
              }}
            >
              <option value="">{t('chartAuto')}</option>
              <option value="bar">{t('chartBar')}</option>
              <option value="line">{t('chartLine')}</option>
              <option value="none">{t('chartNone')}</option>
            </select>
          </div>
        </>
      )}
    </div>
  );
}
