/**
 * A report as the core computed it (a PivotResult): its caption, the table laid out as the report
 * sheet lays it out (column groups over the data fields, one line per row group, totals last and
 * bold) and its SVG chart. Nothing is recomputed here: values, labels, "(blank)" and "Other" are
 * the core's, only the numbers are written in the reader's language.
 */

import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isoDate, isoDateTime } from '../core/dates.js';
import { currencyDigits } from '../core/fields/currency.js';
import { chartData } from '../core/pivot/chart-data.js';
import { TOTAL } from '../core/pivot/labels.js';
import { chartSvg } from '../core/pivot/svg-chart.js';
import type { GroupKey, PivotResult } from '../core/pivot/types.js';
import type { Lang } from '../core/schema/types.js';
import { day, dayTime } from './format.js';
import { localeOf } from './i18n.js';
import { dimensions } from '../core/pivot/dimensions.js';

export type ResultField = PivotResult['dataFields'][number];

/**
 * A value as its data field's number format means it: shares as percents with one decimal, money
 * with its currency's digits (the currency is in the column's header, not in every cell), counts
 * and integers whole, dates (a min or max of dates) as days.
 */
export function formatValue(v: number | null | undefined, d: ResultField, lang: Lang): string {
  if (v === null || v === undefined) return '';
  const locale = localeOf(lang);
  const f = d.numberFormat;
  if (f.includes('%')) return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
  if (/y/.test(f)) return /h/.test(f) ? dayTime(isoDateTime(v), lang) : day(isoDate(v), lang);
  if (d.currency) {
    const digits = currencyDigits(d.currency);
    return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  }
  if (f === '#,##0' || f === '0') return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: f !== '0' }).format(v);
  if (f === '#,##0.00') return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
}

/** Consecutive columns sharing their labels down to `level`: one header cell spans them. */
function spans(columnKeys: GroupKey[][], level: number): { label: string; span: number }[] {
  const out: { label: string; span: number; keys: string }[] = [];
  for (const keys of columnKeys) {
    const id = keys
      .slice(0, level + 1)
      .map((k) => k.label)
      .join('\u0000');
    const last = out[out.length - 1];
    if (last && last.keys === id) last.span++;
    else out.push({ label: keys[level]?.label ?? '', span: 1, keys: id });
  }
  return out;
}

function keyClass(k: GroupKey): string | undefined {
  return k.blank ? 'blank-key' : k.other ? 'other-key' : undefined;
}

function FieldTitle({ d }: { d: ResultField }) {
  return (
    <>
      {d.label}
      {d.currency && !d.numberFormat.includes('%') && <span class="unit"> {d.currency}</span>}
    </>
  );
}

export interface PivotTableProps {
  result: PivotResult;
  /** The reader's language, for numbers. */
  lang: Lang;
  /** The workbook's language, which the result's labels are in ("Total" follows them). */
  workbookLang: Lang;
  /** The element that names the table (the caption above it). */
  labelledBy: string;
}

export function PivotTable({ result, lang, workbookLang, labelledBy }: PivotTableProps) {
  const total = TOTAL[workbookLang];
  const { L, CL, D, R, C, withTotalColumns, withTotalRow } = dimensions(result);
  const fmt = (v: number | null | undefined, d: number) => formatValue(v, result.dataFields[d]!, lang);
  const values = (list: (number | null)[] | undefined, cls?: string) => result.dataFields.map((_, d) => <td class={cls}>{fmt(list?.[d], d)}</td>);

  return (
    // Focusable so that a keyboard can scroll a table wider than the sidebar.
    <div class="pivot-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table class="pivot" aria-labelledby={labelledBy}>
        <thead>
          {Array.from({ length: CL }, (_, k) => (
            <tr key={`level-${k}`}>
              <th scope="col" class="corner">
                {result.columnFields[k]}
              </th>
              {/* Only the first column stays in view when scrolling sideways: the corner spans no more. */}
              {L > 1 && <td colSpan={L - 1} />}
              {spans(result.columnKeys, k).map((g, i) => (
                <th key={i} scope={g.span * D > 1 ? 'colgroup' : 'col'} colSpan={g.span * D}>
                  {g.label}
                </th>
              ))}
              {k === 0 && withTotalColumns && (
                <th scope={D > 1 ? 'colgroup' : 'col'} colSpan={D} rowSpan={CL} class="total">
                  {total}
                </th>
              )}
            </tr>
          ))}
          <tr>
            {result.rowFields.length > 0 ? (
              result.rowFields.map((f, i) => (
                <th key={i} scope="col" class={i === 0 ? 'corner' : undefined}>
                  {f}
                </th>
              ))
            ) : (
              <td class="corner" />
            )}
            {D === 1 && CL > 0 ? (
              // One data field under column groups: its title once, over all of them.
              <th scope="colgroup" colSpan={C + (withTotalColumns ? 1 : 0)} class="data-title">
                <FieldTitle d={result.dataFields[0]!} />
              </th>
            ) : (
              Array.from({ length: C + (withTotalColumns ? 1 : 0) }, (_, c) =>
                result.dataFields.map((d, i) => (
                  <th key={`${c}-${i}`} scope="col" class={c === C ? 'total' : undefined}>
                    <FieldTitle d={d} />
                  </th>
                )),
              )
            )}
          </tr>
        </thead>
        <tbody>
          {result.rowKeys.map((keys, r) => (
            <tr key={r}>
              {keys.length === 0 ? (
                <th scope="row" class="first">
                  {total}
                </th>
              ) : (
                keys.map((k, i) => (
                  <th key={i} scope="row" class={[i === 0 ? 'first' : '', keyClass(k) ?? ''].join(' ').trim() || undefined}>
                    {k.label}
                  </th>
                ))
              )}
              {result.columnKeys.map((_, c) => values(result.cells[r]?.[c]))}
              {withTotalColumns && values(result.rowTotals?.[r], 'total')}
            </tr>
          ))}
        </tbody>
        {withTotalRow && (
          <tfoot>
            <tr class="total">
              <th scope="row" class="first">
                {total}
              </th>
              {L > 1 && <td colSpan={L - 1} />}
              {result.columnKeys.map((_, c) => values(result.columnTotals?.[c]))}
              {withTotalColumns && values(result.grandTotals)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** The chart as the report sheet has it (chart-data.ts), drawn by the core's SVG at the width it is given. */
export function ReportChart({ result, workbookLang }: { result: PivotResult; workbookLang: Lang }) {
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(284);
  const data = useMemo(() => chartData(result, workbookLang), [result, workbookLang]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.round(el.clientWidth) || 284);
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const watch = new ResizeObserver(measure);
    watch.observe(el);
    return () => watch.disconnect();
  }, [!data]);
  // Drawn no narrower than 420 and scaled down to fit: below that the legend's four columns overlap.
  const drawn = Math.max(420, Math.min(width, 1200));
  const svg = useMemo(() => (data ? chartSvg(data, { width: drawn, height: Math.round(Math.max(300, Math.min(480, drawn * 0.7))) }) : ''), [data, drawn]);
  if (!data) return null;
  // chartSvg escapes every label it writes, and its SVG carries role="img" and the title as aria-label.
  return <figure ref={box} class="report-chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}
