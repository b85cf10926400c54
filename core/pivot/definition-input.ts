/**
 * A report definition as it arrives from the UI, the CLI or `_carnet`: checked in shape (unknown
 * keys refused, so a typo never passes), each bad part named by its path (`rows[1].by`).
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { array, bool, cell, int, object, oneOf, optional, str, type Check } from '../app/input.js';
import { AGGREGATIONS, DATE_GROUPINGS, RELATIVE_RANGES, type DataField, type Filter, type GroupField, type PivotDefinition } from './types.js';

const num: Check<number> = (v, p) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  fail({ code: 'E_BAD_INPUT', field: p, value: v, message: say('{path}: expected a number, got {value}.', { path: p, value: String(JSON.stringify(v)) }) });
};

const fieldPath: Check<string> = (v, p) => {
  if (typeof v === 'string') return v;
  fail({ code: 'E_BAD_INPUT', field: p, value: v ?? null, message: v === undefined ? say('{path}: expected a field name, got nothing.', { path: p }) : say('{path}: expected a field name, got {value}.', { path: p, value: JSON.stringify(v) }) });
};

export const groupField: Check<GroupField> = object({
  field: str,
  by: optional(oneOf(DATE_GROUPINGS)),
  sort: optional(oneOf(['label', 'value'] as const)),
  order: optional(oneOf(['asc', 'desc'] as const)),
  top: optional(int),
});

export const dataField: Check<DataField> = (v, p) => {
  const d = object({ field: optional(fieldPath), agg: oneOf(AGGREGATIONS), show: optional(oneOf(['value', 'percentOfRow', 'percentOfColumn', 'percentOfTotal'] as const)), label: optional(str) })(v, p);
  return { ...d, field: d.field ?? '' };
};

const OPS = ['equals', 'in', 'between', 'empty', 'notEmpty', 'relative'] as const;

export const filter: Check<Filter> = (v, p) => {
  const op = typeof v === 'object' && v !== null ? (v as { op?: unknown }).op : undefined;
  oneOf(OPS)(op, p ? `${p}.op` : 'op');
  switch (op as (typeof OPS)[number]) {
    case 'equals':
      return object({ field: str, op: oneOf(['equals'] as const), value: cell })(v, p) as Filter;
    case 'in':
      return object({ field: str, op: oneOf(['in'] as const), values: array(cell) })(v, p) as Filter;
    case 'between': {
      const f = object({ field: str, op: oneOf(['between'] as const), from: optional(cell), to: optional(cell) })(v, p);
      return { field: f.field, op: 'between', from: f.from ?? null, to: f.to ?? null };
    }
    case 'empty':
    case 'notEmpty':
      return object({ field: str, op: oneOf(['empty', 'notEmpty'] as const) })(v, p) as Filter;
    case 'relative':
      return object({ field: str, op: oneOf(['relative'] as const), range: oneOf(RELATIVE_RANGES), n: optional(int) })(v, p) as Filter;
  }
};

export const definition: Check<PivotDefinition> = (v, p) => {
  const d = object({
    object: fieldPath,
    rows: optional(array(groupField)),
    columns: optional(array(groupField)),
    data: array(dataField),
    filters: optional(array(filter)),
    totals: optional(object({ rows: optional(bool), columns: optional(bool) })),
    chart: optional(oneOf(['bar', 'line', 'none'] as const)),
    abc: optional(object({ a: num, b: num })),
  })(v, p);
  return { ...d, rows: d.rows ?? [], columns: d.columns ?? [] } as PivotDefinition;
};
