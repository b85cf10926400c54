/**
 * A native pivot table from a report's definition, for people who want to turn it around in the
 * spreadsheet itself. Two ways, chosen per host and per definition:
 * - live: over the directory's own sheet, dates grouped by the host (Google Sheets' date-time
 *   grouping rules). Only when the host groups dates, the definition has no filter and no field
 *   through a reference, and each date column is grouped one way (Sheets allows one grouping rule
 *   per source column) by a grouping Sheets has (it has no ISO week);
 * - snapshot: over a hidden sheet Carnet writes with the report's columns, the filtered records
 *   only, references followed, and dates as Carnet's period keys ("2026-03") — Excel's way, since
 *   Office.js cannot group dates, and the fallback everywhere else. Rebuilt at each build.
 * The table goes on its own sheet beside the report's. What a native pivot cannot do (top N,
 * sort by value, shares) is said in `notes`, never silently dropped.
 */

import { fail } from '../errors.js';
import type { Crm } from '../records/crm.js';
import type { Lang } from '../schema/types.js';
import type { Cell, NativeDateGroup, NativePivotField, NativePivotSpec, SheetInfo } from '../workbook.js';
import { preparePivot, type Prepared } from './build.js';
import { dataLabel, groupLabel, stamp } from './labels.js';
import { periodOf } from './periods.js';
import { claimSheet } from './sheet.js';
import type { DateGrouping, GroupField, PivotDefinition } from './types.js';

const NATIVE_GROUPS: ReadonlySet<DateGrouping> = new Set<NativeDateGroup>(['day', 'month', 'quarter', 'year', 'monthOfYear']);

const WORDS: Record<Lang, { none: string; abc: string; distinct: string; caption: (report: string, when: string, live: boolean) => string; top: string; value: string; share: string; pivot: string; data: string }> = {
  en: {
    none: 'Native pivot tables are made by Google Sheets and Excel; in a local .xlsx file the report sheet Carnet built is the table.',
    abc: 'An ABC analysis is Carnet’s own calculation: it has no native pivot table.',
    distinct: 'Excel pivot tables cannot count distinct values: use Carnet’s report, or count instead.',
    caption: (r, w, live) => `Native pivot table of “${r}”, built ${w}${live ? '' : ' from a copy of the records (sheet hidden beside it): build the report again to include new records'}.`,
    top: 'top N',
    value: 'sorting by value',
    share: 'values shown as a share',
    pivot: 'pivot',
    data: 'pivot data',
  },
  fr: {
    none: 'Les tableaux croisés natifs sont ceux de Google Sheets et d’Excel ; dans un fichier .xlsx local, la feuille du rapport construite par Carnet est le tableau.',
    abc: 'Une analyse ABC est un calcul de Carnet : elle n’a pas de tableau croisé natif.',
    distinct: 'Les tableaux croisés d’Excel ne comptent pas les valeurs distinctes : utilisez le rapport de Carnet, ou comptez.',
    caption: (r, w, live) => `Tableau croisé natif de « ${r} », construit le ${w}${live ? '' : ' à partir d’une copie des enregistrements (feuille masquée à côté) : reconstruisez le rapport pour inclure les nouveaux'}.`,
    top: 'les N premiers',
    value: 'le tri par valeur',
    share: 'les valeurs en part',
    pivot: 'TCD',
    data: 'données TCD',
  },
  ru: {
    none: 'Сводные таблицы строят Google Таблицы и Excel; в локальном файле .xlsx таблица — это лист отчёта, построенный Carnet.',
    abc: 'ABC-анализ — расчёт Carnet: у него нет сводной таблицы.',
    distinct: 'Сводные таблицы Excel не считают различные значения: используйте отчёт Carnet или количество.',
    caption: (r, w, live) => `Сводная таблица «${r}», построена ${w}${live ? '' : ' по копии записей (скрытый лист рядом): постройте отчёт заново, чтобы учесть новые записи'}.`,
    top: 'первые N',
    value: 'сортировка по значению',
    share: 'доли',
    pivot: 'сводная',
    data: 'данные сводной',
  },
};

export interface NativeResult {
  sheet: string;
  /** The hidden sheet of the snapshot, when there is one. */
  dataSheet?: string;
  live: boolean;
  /** What the native table does not show the way Carnet's does. */
  notes: string[];
}

/** `Sheet name` + " pivot", cut to Excel's 31 characters. */
function suffixed(sheet: string, suffix: string): string {
  return `${sheet.slice(0, 31 - suffix.length - 1).trim()} ${suffix}`;
}

function canGoLive(crm: Crm, def: PivotDefinition, p: Prepared): boolean {
  if (crm.wb.capabilities.pivotTables !== 'grouping') return false;
  if ((def.filters ?? []).length > 0) return false;
  const groups = [...p.rows, ...p.columns];
  if ([...groups.map((g) => g.path), ...p.data.flatMap((d) => (d.path ? [d.path] : []))].some((x) => x.hops.length > 0 || x.column < 0)) return false;
  if (groups.some((g) => g.spec.by && !NATIVE_GROUPS.has(g.spec.by))) return false;
  const byColumn = new Map<number, string | undefined>();
  for (const g of groups) {
    if (byColumn.has(g.path.column) && byColumn.get(g.path.column) !== g.spec.by) return false;
    byColumn.set(g.path.column, g.spec.by);
  }
  return true;
}

/** What no native pivot table can be made of, refused before anything is written. */
export function checkNative(crm: Crm, def: PivotDefinition): void {
  const w = WORDS[crm.schema.lang];
  if (crm.wb.capabilities.pivotTables === 'none') fail({ code: 'E_BAD_INPUT', field: 'native', message: w.none });
  if (def.abc) fail({ code: 'E_BAD_INPUT', field: 'native', message: w.abc });
  if (crm.wb.capabilities.pivotTables === 'plain' && def.data.some((d) => d.agg === 'countDistinct')) fail({ code: 'E_BAD_INPUT', field: 'native', message: w.distinct });
}

export async function placeNativePivot(crm: Crm, def: PivotDefinition, report: string, reportSheet: string, now: number, sheets: SheetInfo[]): Promise<NativeResult> {
  const lang = crm.schema.lang;
  const w = WORDS[lang];
  checkNative(crm, def);
  // A data field asked twice (as a value and as a share) is one native value.
  const seen = new Set<string>();
  const data = def.data.filter((d) => {
    const k = `${d.agg}:${d.field}`;
    return !seen.has(k) && !!seen.add(k);
  });
  const p = await preparePivot(crm, { ...def, data }, now);
  const live = canGoLive(crm, def, p);
  const notes: string[] = [];
  const groups: GroupField[] = [...def.rows, ...def.columns];
  if (groups.some((g) => g.top)) notes.push(w.top);
  if (groups.some((g) => g.sort === 'value')) notes.push(w.value);
  if (def.data.some((d) => d.show && d.show !== 'value')) notes.push(w.share);

  const target = await claimSheet(crm, report, suffixed(reportSheet, w.pivot), sheets);
  let source: NativePivotSpec['source'];
  let field: (g: { spec: GroupField; path: Prepared['rows'][number]['path'] }, i: number) => NativePivotField;
  let value: (i: number) => number;
  let dataSheet: string | undefined;
  if (live) {
    const width = Math.max(1, p.grid[0]?.length ?? 1);
    source = { sheet: p.dir.sheet, range: { top: 0, left: 0, bottom: Math.max(1, p.grid.length - 1), right: width - 1 } };
    field = (g) => ({ column: g.path.column, ...(g.spec.by ? { by: g.spec.by as NativeDateGroup } : {}) });
    value = (i) => p.data[i]!.path?.column ?? p.table.idColumn;
  } else {
    const claimed = await claimSheet(crm, report, suffixed(reportSheet, w.data), sheets, { visibility: 'hidden' });
    dataSheet = claimed.name;
    const grid = snapshot(p, lang);
    await crm.wb.write(dataSheet, 0, 0, grid);
    source = { sheet: dataSheet, range: { top: 0, left: 0, bottom: grid.length - 1, right: grid[0]!.length - 1 } };
    const G = p.rows.length + p.columns.length;
    field = (_g, i) => ({ column: i });
    value = (i) => G + i;
  }
  const rowsCount = p.rows.length;
  const when = stamp(now);
  await crm.wb.write(target.name, 0, 0, [[w.caption(report, when, live)]]);
  await crm.wb.pivotTable({
    name: `Carnet ${report}`.slice(0, 100),
    source,
    target: { sheet: target.name, row: 2, column: 0 },
    rows: p.rows.map((g, i) => field(g, i)),
    columns: p.columns.map((g, i) => field(g, rowsCount + i)),
    values: p.data.map((d, i) => ({ column: value(i), agg: d.spec.agg, label: d.spec.label?.trim() || dataLabel(lang, d.spec.agg, d.path?.label ?? '', 'value') })),
  });
  return { sheet: target.name, ...(dataSheet ? { dataSheet } : {}), live, notes };
}

/**
 * The snapshot: a header (the fields as the report names them), then one line per record that
 * passes the filters — group values as Carnet groups them (period keys for dates, "(blank)"
 * left empty), data values as numbers (text in a number column left empty, as Carnet leaves it
 * out), and the record's ID for counts.
 */
function snapshot(p: Prepared, lang: Lang): Cell[][] {
  const groups = [...p.rows, ...p.columns];
  // Header texts name the pivot's fields (Excel finds its hierarchies by them): unique.
  const taken = new Set<string>();
  const unique = (label: string) => {
    let name = label;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${label} (${i})`;
    taken.add(name.toLowerCase());
    return name;
  };
  const header: Cell[] = [...groups.map((g) => unique(groupLabel(lang, g.path.label, g.spec.by))), ...p.data.map((d) => unique(d.path?.label ?? 'ID'))];
  const readGroup = groups.map((g) => p.read(g.path));
  const readData = p.data.map((d) => (d.path ? p.read(d.path) : (row: number) => (p.table.idColumn >= 0 ? (p.grid[row]![p.table.idColumn] ?? null) : row)));
  const numeric = p.data.map((d) => d.spec.agg !== 'count' && d.spec.agg !== 'countDistinct');
  const out: Cell[][] = [header];
  for (let r = 1; r < p.grid.length; r++) {
    if (!p.isRecord(r) || (p.test && !p.test(r))) continue;
    const line: Cell[] = [];
    let ok = true;
    groups.forEach((g, i) => {
      const v = readGroup[i]!(r);
      if (g.spec.by && v !== null && v !== '') {
        if (typeof v !== 'number') ok = false;
        else line.push(periodOf(v, g.spec.by, lang).key);
      } else line.push(v === '' ? null : v);
    });
    if (!ok) continue;
    p.data.forEach((_, i) => {
      const v = readData[i]!(r);
      line.push(numeric[i] ? (typeof v === 'number' ? v : null) : v === '' ? null : v);
    });
    out.push(line);
  }
  return out;
}
