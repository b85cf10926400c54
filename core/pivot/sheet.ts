/**
 * A report's sheet: the table laid out as people read a pivot (a caption, header rows for the
 * column groups and the data fields, one line per row group, totals last), its formats and its
 * chart, written in a constant number of port calls. The sheet is Carnet's whole: Carnet keeps the
 * list of sheets it made for reports in `_carnet`, and refuses to build into any other sheet that
 * has the name, so a team's sheet is never overwritten.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { Crm } from '../records/crm.js';
import { fold } from '../schema/lookup.js';
import { META_SHEET } from '../schema/storage.js';
import type { Lang } from '../schema/types.js';
import type { Cell, CellRange, ChartSpec, SheetFormat, SheetInfo, Visibility } from '../workbook.js';
import { chartData } from './chart-data.js';
import { TOTAL } from './labels.js';
import type { PivotResult } from './types.js';
import { dimensions } from './dimensions.js';

/** Excel's limits on sheet names, which every host accepts. */
const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_NAME = 31;

export interface ReportSheetEntry {
  sheet: string;
  report: string;
}

export function reportSheets(crm: Crm): ReportSheetEntry[] {
  const list = crm.meta.extra.reportSheets;
  return Array.isArray(list) ? (list as ReportSheetEntry[]) : [];
}

/** A sheet name from a report's name: Excel's forbidden characters dropped, 31 characters at most. */
export function sheetNameFor(report: string): string {
  const name = report.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
  return name.slice(0, MAX_NAME).trim() || 'Report';
}

export function checkSheetName(name: string): void {
  const bad = name.match(FORBIDDEN);
  if (name.trim() === '' || name.length > MAX_NAME || bad || /^'|'$/.test(name)) {
    fail({
      code: 'E_BAD_INPUT',
      field: 'sheet',
      value: name,
      message: say('"{name}" cannot be a sheet name: at most {max} characters, not empty, without [ ] : * ? / \\ and not starting or ending with an apostrophe.', { name, max: MAX_NAME }),
    });
  }
}

export interface Laid {
  grid: Cell[][];
  format: SheetFormat;
  charts: ChartSpec[];
  /** Where the table is, for the UI and tests: header rows, first body row, body rows. */
  header: { top: number; rows: number };
  body: { top: number; rows: number };
}

/** The report as a grid of values with its formats and chart; pure. */
export function layReport(result: PivotResult, lang: Lang, chartName: string): Laid {
  const { L, CL, D, R, C, withTotalColumns, withTotalRow } = dimensions(result);
  const width = L + C * D + (withTotalColumns ? D : 0);
  const headerTop = 2;
  const headerRows = CL + 1;
  const bodyTop = headerTop + headerRows;
  const grid: Cell[][] = [];
  const line = () => new Array<Cell>(width).fill(null);
  grid.push(line(), line());
  grid[0]![0] = result.caption;
  if (result.skippedCount > 0) {
    const cells = result.skipped.map((s) => `${s.sheet}!${s.cell} ${JSON.stringify(s.value)}`).join(', ');
    grid[1]![0] = SKIPPED[lang](result.skippedCount, cells);
  }

  // Header: one row per column level, then the data fields' titles with the row fields' names.
  for (let k = 0; k < CL; k++) {
    const row = line();
    row[0] = result.columnFields[k]!;
    result.columnKeys.forEach((keys, c) => {
      const previous = result.columnKeys[c - 1];
      // A group's label is written once, over its first column (like a pivot's header).
      const same = previous && keys.slice(0, k + 1).every((x, i) => x.label === previous[i]?.label);
      if (!same) row[L + c * D] = keys[k]!.label;
    });
    if (withTotalColumns && k === 0) row[L + C * D] = TOTAL[lang];
    grid.push(row);
  }
  const titles = line();
  result.rowFields.forEach((f, i) => (titles[i] = f));
  for (let c = 0; c < C; c++) for (let d = 0; d < D; d++) titles[L + c * D + d] = result.dataFields[d]!.label;
  if (withTotalColumns) for (let d = 0; d < D; d++) titles[L + C * D + d] = result.dataFields[d]!.label;
  grid.push(titles);

  result.rowKeys.forEach((keys, r) => {
    const row = line();
    if (keys.length === 0) row[0] = TOTAL[lang];
    keys.forEach((k, i) => (row[i] = k.label));
    for (let c = 0; c < C; c++) for (let d = 0; d < D; d++) row[L + c * D + d] = result.cells[r]![c]![d] ?? null;
    if (withTotalColumns) for (let d = 0; d < D; d++) row[L + C * D + d] = result.rowTotals![r]![d] ?? null;
    grid.push(row);
  });
  if (withTotalRow) {
    const row = line();
    row[0] = TOTAL[lang];
    for (let c = 0; c < C; c++) for (let d = 0; d < D; d++) row[L + c * D + d] = result.columnTotals![c]![d] ?? null;
    if (withTotalColumns) for (let d = 0; d < D; d++) row[L + C * D + d] = result.grandTotals?.[d] ?? null;
    grid.push(row);
  }
  const tableBottom = grid.length - 1;

  const rng = (top: number, left: number, bottom: number, right: number): CellRange => ({ top, left, bottom, right });
  const bold: CellRange[] = [rng(0, 0, 0, 0), rng(headerTop, 0, bodyTop - 1, width - 1)];
  if (withTotalRow) bold.push(rng(tableBottom, 0, tableBottom, width - 1));
  if (withTotalColumns) bold.push(rng(bodyTop, L + C * D, tableBottom, width - 1));
  const numberFormats: SheetFormat['numberFormats'] = [];
  if (tableBottom >= bodyTop) {
    for (let d = 0; d < D; d++) {
      const format = result.dataFields[d]!.numberFormat;
      for (let c = 0; c < C + (withTotalColumns ? 1 : 0); c++) {
        const col = L + c * D + d;
        numberFormats.push({ range: rng(bodyTop, col, tableBottom, col), format });
      }
    }
  }
  const widths: { column: number; width: number }[] = [];
  for (let col = 0; col < width; col++) {
    let w = col < L ? 10 : 12;
    for (let r = headerTop; r <= tableBottom; r++) {
      const v = grid[r]![col];
      if (typeof v === 'string') w = Math.max(w, v.length + 2);
    }
    widths.push({ column: col, width: Math.min(w, col < L ? 40 : 24) });
  }
  const format: SheetFormat = { frozenRows: bodyTop, frozenColumns: L, bold, numberFormats, widths };

  if (result.abc) {
    const top = layAbcRanking(result, lang, grid, width);
    const bottom = grid.length - 1;
    bold.push(rng(top - 2, 0, top - 1, 4));
    if (bottom >= top) {
      numberFormats.push({ range: rng(top, 1, bottom, 1), format: result.dataFields[2]!.numberFormat }, { range: rng(top, 2, bottom, 3), format: '0.0%' });
    }
  }

  const charts: ChartSpec[] = [];
  const chart = chartData(result, lang);
  if (chart) {
    const bottom = bodyTop + chart.categories.length - 1;
    charts.push({
      name: chartName,
      kind: chart.kind,
      title: chart.title,
      anchor: { row: headerTop, column: width + 1, width: 640, height: 360 },
      categories: rng(bodyTop, L - 1, bottom, L - 1),
      series: chart.series.map((x) => ({ name: x.name, values: rng(bodyTop, L + x.column, bottom, L + x.column) })),
    });
  }
  return { grid: rectangle(grid), format, charts, header: { top: headerTop, rows: headerRows }, body: { top: bodyTop, rows: R } };
}

const SKIPPED: Record<Lang, (n: number, cells: string) => string> = {
  en: (n, cells) => `${n} cell(s) left out: text where a number was expected (${cells}${n > 20 ? ', …' : ''}).`,
  fr: (n, cells) => `${n} cellule(s) ignorée(s) : du texte là où un nombre était attendu (${cells}${n > 20 ? ', …' : ''}).`,
  ru: (n, cells) => `Пропущено ячеек: ${n} — текст вместо числа (${cells}${n > 20 ? ', …' : ''}).`,
};

const RANKING: Record<Lang, { title: string; revenue: string; share: string; cumulative: string; cls: string }> = {
  en: { title: 'Customers ranked by revenue', revenue: 'Revenue', share: 'Share', cumulative: 'Cumulative share', cls: 'Class' },
  fr: { title: 'Clients classés par chiffre d’affaires', revenue: 'CA', share: 'Part', cumulative: 'Part cumulée', cls: 'Classe' },
  ru: { title: 'Клиенты по убыванию выручки', revenue: 'Выручка', share: 'Доля', cumulative: 'Накопленная доля', cls: 'Класс' },
};

/** The ABC ranking under the class table: each customer, its revenue, share, cumulative share and class. */
function layAbcRanking(result: PivotResult, lang: Lang, grid: Cell[][], width: number): number {
  const w = RANKING[lang];
  const pad = (row: Cell[]) => [...row, ...new Array<Cell>(Math.max(0, width - row.length)).fill(null)];
  grid.push(pad([]), pad([w.title]), pad([result.abc!.customer, w.revenue, w.share, w.cumulative, w.cls]));
  const top = grid.length;
  for (const c of result.abc!.customers) grid.push(pad([c.label, c.revenue, c.share, c.cumulative, c.class]));
  return top;
}

function rectangle(grid: Cell[][]): Cell[][] {
  const width = Math.max(...grid.map((r) => r.length));
  return grid.map((r) => (r.length === width ? r : [...r, ...new Array<Cell>(width - r.length).fill(null)]));
}

/**
 * A sheet Carnet may empty and fill for a report: new, or one Carnet made for a report before.
 * Refused when the name is a team's sheet, a directory's or Carnet's settings. Empties it (or
 * creates it) and records it as Carnet's; the caller saves `_carnet` when `claimed.changed`.
 */
export async function claimSheet(crm: Crm, report: string, sheet: string, sheets: SheetInfo[], options: { visibility?: Visibility } = {}): Promise<{ name: string; changed: boolean }> {
  checkSheetName(sheet);
  const owned = reportSheets(crm);
  const mine = owned.find((e) => fold(e.sheet) === fold(sheet));
  const directory = crm.schema.directories.find((d) => fold(d.sheet) === fold(sheet));
  if (directory || fold(sheet) === fold(META_SHEET)) {
    fail({
      code: 'E_SHEET_TAKEN',
      sheet,
      message: directory
        ? say('"{sheet}" is the sheet of the directory {directory}; a report is never built into it. Choose another sheet name for the report.', { sheet, directory: named(directory.labels) })
        : say('"{sheet}" is Carnet\'s settings sheet; a report is never built into it. Choose another sheet name for the report.', { sheet }),
    });
  }
  const existing = sheets.find((s) => fold(s.name) === fold(sheet));
  if (existing && !mine) {
    fail({
      code: 'E_SHEET_TAKEN',
      sheet: existing.name,
      message: say('A sheet named "{sheet}" already exists and Carnet did not make it, so the report is not built there: it would overwrite your team\'s sheet. Rename that sheet, or build the report into another sheet.', { sheet: existing.name }),
    });
  }
  const name = existing?.name ?? sheet;
  if (existing) await crm.wb.clearSheet(name);
  else await crm.wb.ensureSheet(name, options.visibility ? { visibility: options.visibility } : {});
  const changed = !mine || mine.report !== report || mine.sheet !== name;
  if (changed) crm.meta.extra.reportSheets = [...owned.filter((e) => fold(e.sheet) !== fold(name)), { sheet: name, report }];
  return { name, changed };
}

/**
 * Writes the report into its sheet (see claimSheet). Costs sheets(), ensureSheet or clearSheet,
 * write, formatSheet, charts, and a save of `_carnet` when the sheet is new: the same six calls
 * for ten rows or a million.
 */
export async function writeReportSheet(crm: Crm, report: string, result: PivotResult, sheet: string, sheets?: SheetInfo[]): Promise<Laid & { sheet: string; changed: boolean }> {
  const { name, changed } = await claimSheet(crm, report, sheet, sheets ?? (await crm.wb.sheets()));
  const laid = layReport(result, crm.schema.lang, `carnet-report-${fold(report).replace(/[^\p{L}\p{N}]+/gu, '-')}`);
  await crm.wb.write(name, 0, 0, laid.grid);
  await crm.wb.formatSheet(name, laid.format);
  await crm.wb.charts(name, laid.charts);
  return { ...laid, sheet: name, changed };
}
