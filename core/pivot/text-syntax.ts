/**
 * Report definitions written as text, for the command line:
 *
 *   --rows product,company.city        group fields, comma-separated; each `field[:option]…`
 *   --columns date:month               options: a date grouping (day week month quarter year
 *                                      monthOfYear), `top=N`, `sort=value|label`, `asc`, `desc`
 *   --data quantity:sum                `field:agg[:show]`, or `count`; show is percentOfRow,
 *                                      percentOfColumn or percentOfTotal
 *   --filter "date=this year"          relative: today, this week|month|quarter|year, last
 *                                      month|quarter|year, year to date, last N days|months
 *   --filter "company.city=Lyon|Nantes"   equals one value, or one of several (|)
 *   --filter "amount=100..500"         between, ends included; either end may be left out
 *   --filter "city="  / "city!="       empty / not empty
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { AGGREGATIONS, DATE_GROUPINGS, type Aggregation, type DataField, type DateGrouping, type Filter, type GroupField, type RelativeRange } from './types.js';

function bad(option: string, value: string, message: string): never {
  fail({ code: 'E_BAD_INPUT', field: option, value, message: say('{option} "{value}": {problem}', { option, value, problem: message }) });
}

const GROUPINGS: Record<string, DateGrouping> = Object.fromEntries(DATE_GROUPINGS.map((g) => [g.toLowerCase(), g]));

export function parseGroups(option: string, text: string | undefined): GroupField[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const [field, ...options] = part.split(':').map((s) => s.trim());
    if (!field) bad(option, text, say('a field name is missing.'));
    const g: GroupField = { field };
    for (const o of options) {
      const lower = o.toLowerCase();
      if (GROUPINGS[lower]) g.by = GROUPINGS[lower];
      else if (lower === 'asc' || lower === 'desc') g.order = lower;
      else if (/^sort=(value|label)$/.test(lower)) g.sort = lower.slice(5) as 'value' | 'label';
      else if (/^top=\d+$/.test(lower)) g.top = Number(lower.slice(4));
      else bad(option, part, say('"{option}" is not an option; use a date grouping ({groupings}), top=N, sort=value, sort=label, asc or desc.', { option: o, groupings: DATE_GROUPINGS.join(', ') }));
    }
    return g;
  });
}

const SHOWS = ['value', 'percentOfRow', 'percentOfColumn', 'percentOfTotal'] as const;

export function parseData(option: string, items: string[] | undefined): DataField[] {
  return (items ?? []).flatMap((text) => text.split(',')).map((part) => {
    const bits = part.split(':').map((s) => s.trim());
    if (bits.length === 1 && bits[0]!.toLowerCase() === 'count') return { field: '', agg: 'count' };
    const [field, agg, show] = bits;
    const a = AGGREGATIONS.find((x) => x.toLowerCase() === (agg ?? '').toLowerCase());
    if (!field || !a) bad(option, part, say('write field:aggregation ({aggregations}), e.g. quantity:sum, or count.', { aggregations: AGGREGATIONS.join(', ') }));
    const d: DataField = { field, agg: a as Aggregation };
    if (show !== undefined) {
      const s = SHOWS.find((x) => x.toLowerCase() === show.toLowerCase());
      if (!s) bad(option, part, say('"{show}" is not a way to show values; use {shows}.', { show, shows: SHOWS.join(', ') }));
      d.show = s;
    }
    return d;
  });
}

const RELATIVE: [RegExp, RelativeRange][] = [
  [/^today$/, 'today'],
  [/^this ?week$/, 'thisWeek'],
  [/^this ?month$/, 'thisMonth'],
  [/^last ?month$/, 'lastMonth'],
  [/^this ?quarter$/, 'thisQuarter'],
  [/^last ?quarter$/, 'lastQuarter'],
  [/^this ?year$/, 'thisYear'],
  [/^last ?year$/, 'lastYear'],
  [/^(year ?to ?date|ytd)$/, 'yearToDate'],
];

export function parseFilter(option: string, text: string): Filter {
  const m = /^([^=!]+?)\s*(!?=)\s*(.*)$/.exec(text);
  if (!m) bad(option, text, say('write field=value, field=a|b, field=from..to, field= (empty) or field!= (not empty).'));
  const [, field, op, raw] = m as unknown as [string, string, string, string];
  const value = raw.trim();
  if (op === '!=') {
    if (value !== '') bad(option, text, say('!= takes no value: it means "not empty".'));
    return { field, op: 'notEmpty' };
  }
  if (value === '') return { field, op: 'empty' };
  const lower = value.toLowerCase().replace(/\s+/g, ' ');
  for (const [re, range] of RELATIVE) if (re.test(lower)) return { field, op: 'relative', range };
  const last = /^last (\d+) (days?|months?)$/.exec(lower);
  if (last) return { field, op: 'relative', range: last[2]!.startsWith('day') ? 'lastDays' : 'lastMonths', n: Number(last[1]) };
  const between = /^(.*?)\.\.(.*)$/.exec(value);
  if (between) {
    const num = (s: string) => (s.trim() === '' ? null : /^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : s.trim());
    return { field, op: 'between', from: num(between[1]!), to: num(between[2]!) };
  }
  if (value.includes('|')) return { field, op: 'in', values: value.split('|').map((s) => s.trim()) };
  return { field, op: 'equals', value };
}
