/**
 * Carnet's charts on a report's sheet: a DrawingML drawing part related to the sheet
 * (`<drawing r:id>`, ECMA-376 Part 1 §18.3.1.36; `xl/drawings/drawingN.xml`, a `xdr:wsDr`,
 * §20.5.2.35), one anchor per chart holding a graphic frame that points at a chart part
 * (chart-part.ts) through the drawing's relationships: sheet → drawing → chart, each part with its
 * content type.
 *
 * Each chart is anchored at its top-left cell with its size in EMUs (`xdr:oneCellAnchor`, §20.5.2.24:
 * `xdr:from` and `xdr:ext`), the anchor openpyxl gives every chart it writes
 * (openpyxl/drawing/spreadsheet_drawing.py, `_check_anchor`: "If not create a OneCellAnchor using
 * the provided coordinate"), so that no column width or row height needs knowing. The frame is
 * as XlsxWriter writes it (xlsxwriter/drawing.py, `_write_graphic_frame`: `xdr:nvGraphicFramePr`
 * with `xdr:cNvPr id name`, `xdr:xfrm`, `a:graphic` / `a:graphicData uri=".../chart"` / `c:chart r:id`).
 *
 * Carnet's charts are told from a team's by their name (`xdr:cNvPr name`, the name Excel shows in
 * the Selection pane and LibreOffice in the Navigator), which starts with "Carnet:". A later call
 * removes exactly those anchors, their chart parts, relationships and content types, and keeps
 * any other object of the drawing; a drawing left empty goes with the sheet's `<drawing>` element.
 */

import { checkChartSpec, type CellRange, type ChartSpec } from '../../core/workbook.js';
import type { Book } from './book.js';
import { CHART_NS, chartPartXml, DRAWING_MAIN_NS, readChartPart, SPREADSHEET_DRAWING_NS, type ChartSource, type ChartSummary } from './chart-part.js';
import type { XlsxPackage } from './package.js';
import { removeRelated } from './part-tree.js';
import { topLevel } from './sheet/elements.js';
import type { SheetPart } from './sheet/sheet-part.js';
import type { SheetEntry } from './workbook-part.js';
import { attribute, findElement } from './xml/tags.js';
import { escapeAttribute } from './xml/text.js';

/** The start of the name of every chart Carnet places (see ChartSpec.name). */
export const CARNET_CHART_PREFIX = 'Carnet:';

const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_DRAWING = `${RELATIONSHIPS_NS}/drawing`;
const REL_CHART = `${RELATIONSHIPS_NS}/chart`;
export const CONTENT_TYPE_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CONTENT_TYPE_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

/** DrawingML measures in EMUs: 914,400 an inch, 96 pixels an inch. */
const EMU_PER_PIXEL = 9525;

/** The name a chart is given: Carnet's prefix first, so that a later call finds it. */
export function carnetChartName(name: string): string {
  return name.startsWith(CARNET_CHART_PREFIX) ? name : `${CARNET_CHART_PREFIX} ${name}`;
}

/** A part Carnet makes, its namespaces as this package spells them (strict packages use other URIs). */
function spelled(pkg: XlsxPackage, xml: string): string {
  const out = pkg.spelled(xml);
  if (!pkg.strict) return out;
  return out.replace(/http:\/\/schemas\.openxmlformats\.org\/drawingml\/2006\/(spreadsheetDrawing|main|chart)/g, 'http://purl.oclc.org/ooxml/drawingml/$1');
}

/** The sheet's drawing, when its `<drawing r:id>` points at one. */
function sheetDrawing(pkg: XlsxPackage, sheetPath: string, part: SheetPart): { id: string; path: string } | undefined {
  const element = part.tailElement('drawing');
  const id = element ? /\s(?:[\w.-]+:)id\s*=\s*"([^"]*)"/.exec(element)?.[1] : undefined;
  const rel = id === undefined ? undefined : pkg.rels(sheetPath).find((r) => r.id === id);
  return rel && !rel.external && pkg.has(rel.path) ? { id: rel.id, path: rel.path } : undefined;
}

interface Anchor {
  start: number;
  end: number;
  /** The graphic frame's name, when the anchor holds one. */
  name?: string;
  /** The relationship id of the chart the frame shows, when it shows one. */
  chart?: string;
}

/** The anchors of a drawing (the root's children), with the chart each one shows. */
function anchorsOf(xml: string): { root: { openEnd: number; closeStart: number; qname: string; selfClosing: boolean }; anchors: Anchor[] } | undefined {
  const root = findElement(xml, 'wsDr');
  if (!root) return undefined;
  const anchors = topLevel(xml, root.openEnd, root.closeStart).map((e): Anchor => {
    const frame = findElement(xml, 'graphicFrame', e.start, e.end);
    if (!frame) return { start: e.start, end: e.end };
    const nv = findElement(xml, 'cNvPr', frame.openEnd, frame.closeStart);
    const chart = findElement(xml, 'chart', frame.openEnd, frame.closeStart);
    const name = nv ? attribute(nv.tag, 'name') : undefined;
    const rid = chart ? /\s(?:[\w.-]+:)id\s*=\s*"([^"]*)"/.exec(chart.tag)?.[1] : undefined;
    return { start: e.start, end: e.end, ...(name !== undefined ? { name } : {}), ...(rid !== undefined ? { chart: rid } : {}) };
  });
  return { root, anchors };
}

/**
 * Puts `specs` on the sheet in place of the charts Carnet put there before. `source` gives the
 * cells' current values for the charts' caches.
 */
export function placeCharts(book: Book, entry: SheetEntry, specs: readonly ChartSpec[], source: ChartSource): void {
  specs.forEach(checkChartSpec);
  const pkg = book.pkg;
  const part = book.part(entry);
  let drawing = sheetDrawing(pkg, entry.path, part);
  let xml = drawing ? pkg.text(drawing.path) : undefined;
  let kept = 0;
  if (drawing && xml !== undefined) {
    const found = anchorsOf(xml);
    if (found) {
      const mine = found.anchors.filter((a) => a.name?.startsWith(CARNET_CHART_PREFIX));
      for (const a of [...mine].reverse()) {
        xml = xml.slice(0, a.start) + xml.slice(a.end);
        if (a.chart !== undefined) removeRelated(pkg, drawing.path, a.chart);
      }
      kept = found.anchors.length - mine.length;
    }
  }
  if (specs.length === 0 && kept === 0) {
    if (drawing) {
      removeRelated(pkg, entry.path, drawing.id);
      part.placeElement('drawing', '');
    }
    return;
  }
  if (!drawing || xml === undefined) {
    const path = pkg.freeName('xl/drawings/drawing', '.xml');
    xml = spelled(pkg, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${SPREADSHEET_DRAWING_NS}" xmlns:a="${DRAWING_MAIN_NS}"></xdr:wsDr>`);
    pkg.write(path, xml);
    pkg.setContentType(path, CONTENT_TYPE_DRAWING);
    const id = pkg.addRel(entry.path, REL_DRAWING, path);
    drawing = { id, path };
    part.placeElement('drawing', `<${part.prefix}drawing r:id="${id}"/>`);
    if (!/xmlns:r\s*=/.test(part.headXml)) part.setHead(part.headXml.replace(/<((?:[\w.-]+:)?worksheet)\b/, `<$1 xmlns:r="${pkg.uri(RELATIONSHIPS_NS)}"`));
  }
  let nextId = Math.max(1, ...[...xml.matchAll(/<(?:[\w.-]+:)?cNvPr\b[^>]*\sid\s*=\s*"(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const added: string[] = [];
  for (const spec of specs) {
    const chartPath = pkg.freeName('xl/charts/chart', '.xml');
    pkg.write(chartPath, spelled(pkg, chartPartXml(spec, source)));
    pkg.setContentType(chartPath, CONTENT_TYPE_CHART);
    const rid = pkg.addRel(drawing.path, REL_CHART, chartPath);
    added.push(spelled(pkg, anchorXml(nextId++, spec, rid)));
  }
  const found = anchorsOf(xml)!;
  const at = found.root.selfClosing ? -1 : found.root.closeStart;
  xml = at < 0 ? xml.replace(/\/>\s*$/, `>${added.join('')}</${found.root.qname}>`) : xml.slice(0, at) + added.join('') + xml.slice(at);
  pkg.write(drawing.path, xml);
}

/** One chart's anchor, its namespaces declared on itself so that it reads the same in any drawing. */
function anchorXml(id: number, spec: ChartSpec, rid: string): string {
  const { row, column, width, height } = spec.anchor;
  const name = escapeAttribute(carnetChartName(spec.name));
  return (
    `<xdr:oneCellAnchor xmlns:xdr="${SPREADSHEET_DRAWING_NS}" xmlns:a="${DRAWING_MAIN_NS}">` +
    `<xdr:from><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${Math.round(width * EMU_PER_PIXEL)}" cy="${Math.round(height * EMU_PER_PIXEL)}"/>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${name}" title="${escapeAttribute(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" xmlns:r="${RELATIONSHIPS_NS}" r:id="${rid}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>'
  );
}

/** Every chart drawn on the sheet (Carnet's and a team's), with its frame's name. */
export function sheetCharts(book: Book, entry: SheetEntry): (ChartSummary & { name: string })[] {
  const pkg = book.pkg;
  const drawing = sheetDrawing(pkg, entry.path, book.part(entry));
  if (!drawing) return [];
  const found = anchorsOf(pkg.text(drawing.path));
  if (!found) return [];
  const rels = pkg.rels(drawing.path);
  const out: (ChartSummary & { name: string })[] = [];
  for (const a of found.anchors) {
    const rel = a.chart === undefined ? undefined : rels.find((r) => r.id === a.chart);
    if (!rel || rel.external || !pkg.has(rel.path)) continue;
    out.push({ name: a.name ?? '', ...readChartPart(pkg.text(rel.path)) });
  }
  return out;
}
