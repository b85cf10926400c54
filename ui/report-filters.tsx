/**
 * The filters of a report: a field, a condition (equals, is one of, between, empty, not empty, in a
 * relative period for dates) and the values it needs. Values are sent as typed: the core reads them
 * by the field's type ("lyon" finds Lyon, 04/03/2026 is a date), and says so when it cannot.
 */

import { useEffect, useState } from 'preact/hooks';
import type { ReportField } from '../core/pivot/fields.js';
import { RELATIVE_RANGES, type Filter, type RelativeRange } from '../core/pivot/types.js';
import type { Cell } from '../core/workbook.js';
import { useCarnet } from './context.js';
import type { MessageKey } from './i18n.js';
import { fieldAt, FieldSelect, Part, RemoveButton, removed, replaced } from './report-pickers.js';

type Op = Filter['op'];

const OP_LABEL: Record<Op, MessageKey> = {
  equals: 'opEquals',
  in: 'opIn',
  between: 'opBetween',
  empty: 'opEmpty',
  notEmpty: 'opNotEmpty',
  relative: 'opRelative',
};
const RANGE_LABEL: Record<RelativeRange, MessageKey> = {
  today: 'rangeToday',
  thisWeek: 'rangeThisWeek',
  thisMonth: 'rangeThisMonth',
  lastMonth: 'rangeLastMonth',
  thisQuarter: 'rangeThisQuarter',
  lastQuarter: 'rangeLastQuarter',
  thisYear: 'rangeThisYear',
  lastYear: 'rangeLastYear',
  yearToDate: 'rangeYearToDate',
  lastDays: 'rangeLastDays',
  lastMonths: 'rangeLastMonths',
};
const OPS: readonly Op[] = ['equals', 'in', 'between', 'empty', 'notEmpty', 'relative'];
/** Written between the values of an "is one of" filter: a comma is a decimal point in French and Russian. */
const LIST_SEPARATOR = ';';

/** Text for a list of values, kept as typed while it is typed (a trailing separator stays). */
function ListInput({ id, label, values, onChange }: { id: string; label: string; values: Cell[]; onChange(values: Cell[]): void }) {
  const joined = values.map((v) => String(v ?? '')).join(`${LIST_SEPARATOR} `);
  const [text, setText] = useState(joined);
  const parse = (s: string) =>
    s
      .split(LIST_SEPARATOR)
      .map((x) => x.trim())
      .filter((x) => x !== '');
  useEffect(() => {
    if (parse(text).join('\u0000') !== values.map(String).join('\u0000')) setText(joined);
  }, [joined]);
  return (
    <>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        value={text}
        onInput={(e) => {
          const s = (e.currentTarget as HTMLInputElement).value;
          setText(s);
          onChange(parse(s));
        }}
      />
    </>
  );
}

function TextValue({ id, label, value, date, onChange }: { id: string; label: string; value: Cell; date: boolean; onChange(v: Cell): void }) {
  const shown = value === null ? '' : String(value);
  const change = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value || null);
  return (
    <>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      {date ? <input id={id} type="date" value={shown} onInput={change} /> : <input id={id} value={shown} onInput={change} />}
    </>
  );
}

/** A filter's new shape when its condition changes: the values it needs, empty. */
function withOp(f: Filter, op: Op): Filter {
  switch (op) {
    case 'equals':
      return { field: f.field, op, value: f.op === 'equals' ? f.value : null };
    case 'in':
      return { field: f.field, op, values: f.op === 'in' ? f.values : [] };
    case 'between':
      return { field: f.field, op, from: null, to: null };
    case 'relative':
      return { field: f.field, op, range: 'thisMonth' };
    case 'empty':
    case 'notEmpty':
      return { field: f.field, op };
  }
}

export interface FilterPartProps {
  /** Prefix of the pickers' ids. */
  id: string;
  filters: Filter[];
  fields: readonly ReportField[];
  /** The name the directory's own fields are listed under. */
  ownGroup: string;
  onChange(filters: Filter[]): void;
}

export function FilterPart({ id, filters: items, fields: list, ownGroup, onChange }: FilterPartProps) {
  const { t } = useCarnet();
  const selectProps = { fields: list, ownGroup };
  const put = (i: number, f: Filter) => onChange(replaced(items, i, f));
  const add = () => {
    const first = list.find((f) => !f.via) ?? list[0];
    if (first) onChange([...items, { field: first.path, op: 'notEmpty' }]);
  };
  return (
    <Part legend={t('reportFilters')} add={t('reportAddFilter')} onAdd={add}>
      {items.map((f, i) => {
        const name = t('reportFilterN', { n: i + 1 });
        const field = fieldAt(list, f.field);
        const date = !!field?.date;
        const ops = date || f.op === 'relative' ? OPS : OPS.filter((o) => o !== 'relative');
        const key = `${id}-filter-${i}`;
        const changeField = (path: string) => {
          const next = fieldAt(list, path);
          // A value typed for one field means nothing for another: the condition stays, its values go.
          put(i, withOp({ field: path, op: 'empty' }, f.op === 'relative' && !next?.date ? 'notEmpty' : f.op));
        };
        return (
          <div class="editor-item filter" key={i}>
            <FieldSelect id={key} label={name} value={f.field} onChange={changeField} {...selectProps} />
            <label for={`${key}-op`} class="visually-hidden">
              {t('reportCondition', { what: name })}
            </label>
            <select id={`${key}-op`} value={f.op} onChange={(e) => put(i, withOp(f, (e.currentTarget as HTMLSelectElement).value as Op))}>
              {ops.map((o) => (
                <option key={o} value={o}>
                  {t(OP_LABEL[o])}
                </option>
              ))}
            </select>
            {f.op === 'equals' && <TextValue id={`${key}-value`} label={t('reportValue', { what: name })} value={f.value} date={date} onChange={(value) => put(i, { ...f, value })} />}
            {f.op === 'in' && <ListInput id={`${key}-values`} label={t('reportValues', { what: name })} values={f.values} onChange={(values) => put(i, { ...f, values })} />}
            {f.op === 'between' && (
              <>
                <TextValue id={`${key}-from`} label={t('reportFrom', { what: name })} value={f.from} date={date} onChange={(from) => put(i, { ...f, from })} />
                <TextValue id={`${key}-to`} label={t('reportTo', { what: name })} value={f.to} date={date} onChange={(to) => put(i, { ...f, to })} />
              </>
            )}
            {f.op === 'relative' && (
              <>
                <label for={`${key}-range`} class="visually-hidden">
                  {t('reportRange', { what: name })}
                </label>
                <select
                  id={`${key}-range`}
                  value={f.range}
                  onChange={(e) => {
                    const range = (e.currentTarget as HTMLSelectElement).value as RelativeRange;
                    const counted = range === 'lastDays' || range === 'lastMonths';
                    put(i, { field: f.field, op: 'relative', range, ...(counted ? { n: f.n ?? (range === 'lastDays' ? 30 : 3) } : {}) });
                  }}
                >
                  {RELATIVE_RANGES.map((r) => (
                    <option key={r} value={r}>
                      {t(RANGE_LABEL[r])}
                    </option>
                  ))}
                </select>
                {(f.range === 'lastDays' || f.range === 'lastMonths') && (
                  <>
                    <label for={`${key}-n`} class="visually-hidden">
                      {t(f.range === 'lastDays' ? 'reportDays' : 'reportMonths', { what: name })}
                    </label>
                    <input
                      id={`${key}-n`}
                      type="number"
                      min={1}
                      step={1}
                      value={f.n ?? ''}
                      onInput={(e) => {
                        const n = Number((e.currentTarget as HTMLInputElement).value);
                        const { n: _old, ...rest } = f;
                        put(i, Number.isInteger(n) && n > 0 ? { ...rest, n } : rest);
                      }}
                    />
                  </>
                )}
              </>
            )}
            <RemoveButton what={name} onClick={() => onChange(removed(items, i))} />
          </div>
        );
      })}
    </Part>
  );
}
