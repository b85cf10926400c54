/**
 * Tiny Scope implementations for template tests: a record as a plain object, its names matched as
 * Carnet's data does (case and spaces ignored). A string, number, boolean or null is a field;
 * `field(type, value)` one of another type; a nested object a referenced record; an array a list
 * of records; NO_RECORD an empty reference.
 */

import type { ValueType } from '../../core/templates/formatters.js';
import type { Entry, Scope } from '../../core/templates/types.js';
import type { Cell } from '../../core/workbook.js';

export const NO_RECORD = Symbol('no record');

class Field {
  constructor(
    readonly type: ValueType,
    readonly value: Cell,
    readonly currency?: string,
  ) {}
}

export function field(type: ValueType, value: Cell, currency?: string): Field {
  return new Field(type, value, currency);
}

export interface Data {
  [name: string]: Cell | Field | Data | Data[] | typeof NO_RECORD;
}

const folded = (name: string) => name.toLowerCase().replace(/\s+/g, '');

export function scope(data: Data): Scope {
  const byName = new Map(Object.keys(data).map((k) => [folded(k), k]));
  return {
    names: () => Object.keys(data),
    get(name: string): Entry | undefined {
      const key = byName.get(folded(name));
      if (key === undefined) return undefined;
      const v = data[key]!;
      if (v === NO_RECORD) return { kind: 'record', scope: undefined, label: key, display: '' };
      if (v instanceof Field) return { kind: 'value', type: v.type, value: v.value, label: key, ...(v.currency ? { currency: v.currency } : {}) };
      if (Array.isArray(v)) return { kind: 'list', items: v.map(scope), label: key };
      if (v !== null && typeof v === 'object') return { kind: 'record', scope: scope(v), label: key, display: String(v.Name ?? '') };
      return { kind: 'value', type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text', value: v, label: key };
    },
  };
}

export const EN = { lang: 'en', currency: 'EUR', country: 'FR' } as const;

/** The directory of companies a check runs against: every name, no value, each list with one item. */
export function companySchema(): Scope {
  return scope({
    Name: null,
    City: null,
    Email: null,
    Overdue: field('boolean', null),
    Date: field('date', null),
    Total: field('computed-money', null, 'EUR'),
    Contact: { Name: null, Phone: null },
    Sales: [{ Product: null, Quantity: field('integer', null), Price: field('money', null, 'EUR'), Company: { Name: null, City: null } }],
    Contacts: [{ Name: null, Email: null }],
  });
}

/** One company as a fill would see it. */
export function acme(): Scope {
  return scope({
    Name: 'Acme & Sons <Ltd>',
    City: 'Paris',
    Email: '',
    Overdue: field('boolean', true),
    Date: field('date', 46000),
    Total: field('computed-money', 1234.5, 'EUR'),
    Contact: { Name: 'Zoé "Zo" O’Brien', Phone: null },
    Sales: [
      { Product: 'Widget', Quantity: field('integer', 2), Price: field('money', 10, 'EUR'), Company: { Name: 'Acme & Sons <Ltd>', City: 'Paris' } },
      { Product: 'Гаджет', Quantity: field('integer', 1), Price: field('money', 1214.5, 'EUR'), Company: { Name: 'Acme & Sons <Ltd>', City: 'Paris' } },
    ],
    Contacts: [],
  });
}
