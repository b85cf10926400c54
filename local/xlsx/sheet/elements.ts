/**
 * The top-level elements of a worksheet part, in the order CT_Worksheet requires (ECMA-376
 * Part 1 §18.3.1.99): Carnet adds or replaces one element at its place, and leaves the others
 * exactly as they were. Elements are found at the top level only: an `extLst` nested in an
 * autoFilter is not the worksheet's own.
 */

import { findElement, tagEnd } from '../xml/tags.js';

export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection',
  'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup',
  'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing',
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts',
  'extLst',
];

export interface TopElement {
  local: string;
  start: number;
  end: number;
}

/** Direct children of the element whose content spans [from, until). */
export function topLevel(xml: string, from: number, until: number): TopElement[] {
  const out: TopElement[] = [];
  let p = from;
  while (p < until) {
    const lt = xml.indexOf('<', p);
    if (lt < 0 || lt >= until) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 || c === 63) {
      // comment, CDATA, processing instruction
      p = xml.startsWith('<!--', lt) ? xml.indexOf('-->', lt) + 3 : xml.indexOf('>', lt) + 1;
      continue;
    }
    if (c === 47) break; // the parent's end tag
    let q = lt + 1;
    while (q < until && /[\w.:-]/.test(xml[q]!)) q++;
    const qname = xml.slice(lt + 1, q);
    const local = qname.slice(qname.indexOf(':') + 1);
    const e = findElement(xml, local, lt, until);
    const end = e && e.start === lt ? e.end : tagEnd(xml, q);
    out.push({ local, start: lt, end });
    p = end;
  }
  return out;
}

/**
 * The part with `element` (complete XML, or '' to remove) in place of the first top-level
 * `local` element, or inserted where CT_Worksheet puts it. `rootContent` is the root's content span.
 */
export function placeElement(xml: string, rootContent: { from: number; until: number }, local: string, element: string): string {
  const children = topLevel(xml, rootContent.from, rootContent.until);
  const existing = children.find((c) => c.local === local);
  if (existing) return xml.slice(0, existing.start) + element + xml.slice(existing.end);
  if (element === '') return xml;
  const rank = WORKSHEET_ORDER.indexOf(local);
  const after = children.find((c) => {
    const r = WORKSHEET_ORDER.indexOf(c.local);
    return r > rank || r < 0;
  });
  const at = after ? after.start : rootContent.until;
  return xml.slice(0, at) + element + xml.slice(at);
}
