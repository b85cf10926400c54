/**
 * The words of a report, in the workbook's language: data field titles ("Sum of Quantity"),
 * groupings ("Date (month)"), totals, and the caption that says what was built, from which
 * filters, and when.
 */

import { isoDate, partsFromSerial } from '../dates.js';
import type { Lang } from '../schema/types.js';
import type { Aggregation, DateGrouping, Filter, RelativeRange } from './types.js';

const AGG: Record<Lang, Record<Aggregation, (field: string) => string>> = {
  en: {
    sum: (f) => `Sum of ${f}`,
    count: () => 'Count',
    countDistinct: (f) => `Distinct ${f}`,
    average: (f) => `Average ${f}`,
    min: (f) => `Min ${f}`,
    max: (f) => `Max ${f}`,
  },
  fr: {
    sum: (f) => `Somme de ${f}`,
    count: () => 'Nombre',
    countDistinct: (f) => `${f} distincts`,
    average: (f) => `Moyenne de ${f}`,
    min: (f) => `Min de ${f}`,
    max: (f) => `Max de ${f}`,
  },
  ru: {
    sum: (f) => `Сумма: ${f}`,
    count: () => 'Количество записей',
    countDistinct: (f) => `Различных: ${f}`,
    average: (f) => `Среднее: ${f}`,
    min: (f) => `Минимум: ${f}`,
    max: (f) => `Максимум: ${f}`,
  },
};

const SHARE: Record<Lang, Record<'percentOfRow' | 'percentOfColumn' | 'percentOfTotal', string>> = {
  en: { percentOfRow: '% of row', percentOfColumn: '% of column', percentOfTotal: '% of total' },
  fr: { percentOfRow: '% de la ligne', percentOfColumn: '% de la colonne', percentOfTotal: '% du total' },
  ru: { percentOfRow: '% строки', percentOfColumn: '% столбца', percentOfTotal: '% итога' },
};

const GROUPING: Record<Lang, Record<DateGrouping, string>> = {
  en: { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year', monthOfYear: 'month of year' },
  fr: { day: 'jour', week: 'semaine', month: 'mois', quarter: 'trimestre', year: 'année', monthOfYear: 'mois de l’année' },
  ru: { day: 'день', week: 'неделя', month: 'месяц', quarter: 'квартал', year: 'год', monthOfYear: 'месяц года' },
};

export const TOTAL: Record<Lang, string> = { en: 'Total', fr: 'Total', ru: 'Итого' };
export const YES_NO: Record<Lang, [string, string]> = { en: ['Yes', 'No'], fr: ['Oui', 'Non'], ru: ['Да', 'Нет'] };

export function dataLabel(lang: Lang, agg: Aggregation, field: string, show: 'value' | 'percentOfRow' | 'percentOfColumn' | 'percentOfTotal'): string {
  const base = AGG[lang][agg](field);
  return show === 'value' ? base : `${base} (${SHARE[lang][show]})`;
}

export function groupLabel(lang: Lang, field: string, by: DateGrouping | undefined): string {
  return by && by !== 'day' ? `${field} (${GROUPING[lang][by]})` : field;
}

const RANGE: Record<Lang, Record<RelativeRange, (n?: number) => string>> = {
  en: {
    today: () => 'today',
    thisWeek: () => 'this week',
    thisMonth: () => 'this month',
    lastMonth: () => 'last month',
    thisQuarter: () => 'this quarter',
    lastQuarter: () => 'last quarter',
    thisYear: () => 'this year',
    lastYear: () => 'last year',
    yearToDate: () => 'year to date',
    lastDays: (n) => `the last ${n} days`,
    lastMonths: (n) => `the last ${n} months`,
  },
  fr: {
    today: () => 'aujourd’hui',
    thisWeek: () => 'cette semaine',
    thisMonth: () => 'ce mois-ci',
    lastMonth: () => 'le mois dernier',
    thisQuarter: () => 'ce trimestre',
    lastQuarter: () => 'le trimestre dernier',
    thisYear: () => 'cette année',
    lastYear: () => 'l’année dernière',
    yearToDate: () => 'depuis le début de l’année',
    lastDays: (n) => `les ${n} derniers jours`,
    lastMonths: (n) => `les ${n} derniers mois`,
  },
  ru: {
    today: () => 'сегодня',
    thisWeek: () => 'эта неделя',
    thisMonth: () => 'этот месяц',
    lastMonth: () => 'прошлый месяц',
    thisQuarter: () => 'этот квартал',
    lastQuarter: () => 'прошлый квартал',
    thisYear: () => 'этот год',
    lastYear: () => 'прошлый год',
    yearToDate: () => 'с начала года',
    lastDays: (n) => `последние ${n} дн.`,
    lastMonths: (n) => `последние ${n} мес.`,
  },
};

const WORDS: Record<Lang, { empty: string; notEmpty: string; between: string; and: string; in: string; built: string; filters: string; none: string; from: string; to: string }> = {
  en: { empty: 'is empty', notEmpty: 'is not empty', between: 'from', and: 'to', in: 'is one of', built: 'built', filters: 'filters', none: 'all records', from: 'from', to: 'up to' },
  fr: { empty: 'est vide', notEmpty: 'n’est pas vide', between: 'du', and: 'au', in: 'parmi', built: 'construit le', filters: 'filtres', none: 'tous les enregistrements', from: 'à partir de', to: 'jusqu’à' },
  ru: { empty: 'пусто', notEmpty: 'не пусто', between: 'с', and: 'по', in: 'одно из', built: 'построено', filters: 'фильтры', none: 'все записи', from: 'с', to: 'по' },
};

const shown = (v: unknown, date: boolean): string => (typeof v === 'number' && date ? isoDate(v) : String(v));

export function filterText(lang: Lang, f: Filter, label: string, date: boolean): string {
  const w = WORDS[lang];
  switch (f.op) {
    case 'equals':
      return `${label} = ${shown(f.value, date)}`;
    case 'in':
      return `${label} ${w.in} ${f.values.map((v) => shown(v, date)).join(', ')}`;
    case 'between':
      if (f.from === null || f.from === '') return `${label} ${w.to} ${shown(f.to, date)}`;
      if (f.to === null || f.to === '') return `${label} ${w.from} ${shown(f.from, date)}`;
      return `${label} ${w.between} ${shown(f.from, date)} ${w.and} ${shown(f.to, date)}`;
    case 'empty':
      return `${label} ${w.empty}`;
    case 'notEmpty':
      return `${label} ${w.notEmpty}`;
    case 'relative':
      return `${label}: ${RANGE[lang][f.range](f.n)}`;
  }
}

/** "Shipments by product — Sales — filters: Date: this year — 1,234 records — built 2026-12-01 10:52". */
/** "1 record", "2 records"; Russian has three forms (1 запись, 2 записи, 5 записей). */
const RECORDS: Record<Lang, Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }> = {
  en: { one: 'record', other: 'records' },
  fr: { one: 'enregistrement', other: 'enregistrements' },
  ru: { one: 'запись', few: 'записи', many: 'записей', other: 'записи' },
};

/** "2026-12-01 10:52": when a report was built, on the workbook's clock. */
export function stamp(now: number): string {
  const p = partsFromSerial(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDate(now)} ${pad(p.hours)}:${pad(p.minutes)}`;
}

export function caption(lang: Lang, title: string, object: string, filters: string[], records: number, now: number): string {
  const w = WORDS[lang];
  const when = stamp(now);
  const scope = filters.length ? `${w.filters}: ${filters.join('; ')}` : w.none;
  return `${title} — ${object} — ${scope} — ${records.toLocaleString(lang)} ${RECORDS[lang][new Intl.PluralRules(lang).select(records)] ?? RECORDS[lang].other} — ${w.built} ${when}`;
}
