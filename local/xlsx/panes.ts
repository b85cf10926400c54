/**
 * Frozen panes of a report's sheet: rows at the top and columns at the left, in the first sheet
 * view (`<pane xSplit ySplit topLeftCell activePane state="frozen">`, ECMA-376 Part 1 §18.3.1.66,
 * with the selection of the pane that scrolls, §18.3.1.78). layout.ts freezes a directory's header
 * row the same way and keeps whatever columns were frozen; a report's sheet is Carnet's whole, so
 * here both are set.
 */

import { letters } from './sheet/cell-ref.js';
import type { SheetPart } from './sheet/sheet-part.js';
import { attribute } from './xml/tags.js';

const PANE = /<(?:[\w.-]+:)?pane\b[^>]*\/>/;

/** The frozen rows and columns of the first sheet view (0 and 0 when there is no frozen pane). */
export function frozenPanes(part: SheetPart): { rows: number; columns: number } {
  const pane = PANE.exec(part.headElement('sheetViews') ?? '')?.[0];
  if (!pane || !attribute(pane, 'state')?.startsWith('frozen')) return { rows: 0, columns: 0 };
  return { rows: Number(attribute(pane, 'ySplit') ?? 0), columns: Number(attribute(pane, 'xSplit') ?? 0) };
}

/** Freezes `rows` at the top and `columns` at the left (0 and 0 unfreeze); nothing changes when they already are. */
export function setPanes(part: SheetPart, rows: number, columns: number): void {
  const current = frozenPanes(part);
  const views = part.headElement('sheetViews');
  const hasPane = views !== undefined && PANE.test(views);
  if (current.rows === rows && current.columns === columns && (hasPane || (rows === 0 && columns === 0))) return;
  const p = part.prefix;
  const view = views ? /<(?:[\w.-]+:)?sheetView\b[^>]*?(\/>|>[\s\S]*?<\/(?:[\w.-]+:)?sheetView>)/.exec(views) : null;
  const viewXml = view?.[0] ?? `<${p}sheetView workbookViewId="0"/>`;
  const open = /^<[^>]*?(?=\/?>)/.exec(viewXml)![0];
  let body = viewXml.endsWith('/>') ? '' : viewXml.slice(viewXml.indexOf('>') + 1, viewXml.lastIndexOf('</'));
  // The old pane goes, and with it the selections of panes that may no longer exist.
  body = body.replace(PANE, '').replace(/<(?:[\w.-]+:)?selection\b[^>]*\spane\s*=\s*"[^"]*"[^>]*\/>/g, '');
  if (rows > 0 || columns > 0) {
    const active = rows > 0 && columns > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
    const topLeft = `${letters(columns)}${rows + 1}`;
    const pane = `<${p}pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>`;
    // CT_SheetView: pane first, then selections (a selection without a pane belongs to the top-left one).
    body = `${pane}<${p}selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>${body.replace(/^\s*<(?:[\w.-]+:)?selection\b[^>]*\/>/, '')}`;
  }
  const newView = body ? `${open}>${body}</${p}sheetView>` : `${open}/>`;
  const newViews = views && view ? views.replace(view[0], newView) : `<${p}sheetViews>${newView}</${p}sheetViews>`;
  part.placeElement('sheetViews', newViews);
}
