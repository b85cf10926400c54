/**
 * The elements around a worksheet's rows after rows are deleted, as Excel and LibreOffice move
 * them: merged cells, conditional formats, data validations, hyperlinks, the autofilter and its
 * sort, page breaks, protected ranges, ignored errors, x14 extensions (`xm:sqref`, `xm:f`) and the
 * anchors of controls and OLE objects. Formulas inside them follow the rows like cell formulas.
 */

import { unescapeXml, escapeXml } from '../xml/text.js';
import { shiftRef, shiftSqref, type RowDeletion } from './ranges.js';

/** Elements that disappear with their range (their sqref lists only deleted cells). */
const DROPPED_WITH_RANGE = ['conditionalFormatting', 'dataValidation', 'protectedRange', 'ignoredError', 'scenario'];

/**
 * The tail (or head) text after the deletion. `formula` rewrites a formula's text (references to
 * deleted rows become #REF!, ranges shrink); `onHome` says whether these elements belong to the
 * sheet whose rows were deleted (otherwise only formulas naming it change).
 */
export function shiftElements(xml: string, d: RowDeletion, formula: (text: string) => string, onHome: boolean): string {
  let out = xml;
  // Formulas inside elements: conditional formats, validations, x14 extensions.
  out = out.replace(/(<((?:[\w.-]+:)?)(formula|formula1|formula2|f)(\s[^>]*)?>)([^<]*)(<\/\2\3>)/g, (_m, open: string, _p, _n, _a, text: string, close: string) => {
    const after = formula(unescapeXml(text));
    return `${open}${escapeXml(after)}${close}`;
  });
  if (!onHome) return out;

  for (const name of DROPPED_WITH_RANGE) {
    const re = new RegExp(`<((?:[\\w.-]+:)?)${name}\\b([^>]*?)\\ssqref\\s*=\\s*"([^"]*)"([^>]*?)(\\/>|>[\\s\\S]*?<\\/\\1${name}>)`, 'g');
    out = out.replace(re, (m, prefix: string, before: string, sqref: string, after: string, rest: string) => {
      const moved = shiftSqref(sqref, d);
      if (moved === '') return '';
      return `<${prefix}${name}${before} sqref="${moved}"${after}${rest}`;
    });
  }
  // x14 extensions keep their ranges as element text.
  out = out.replace(/(<((?:[\w.-]+:)?)sqref>)([^<]*)(<\/\2sqref>)/g, (_m, open: string, _p, sqref: string, close: string) => `${open}${shiftSqref(sqref, d)}${close}`);
  // Elements with one `ref`: gone with their cells (a merge of deleted rows, a hyperlink on one).
  out = out.replace(/<((?:[\w.-]+:)?)(mergeCell|hyperlink)\b([^>]*?)\sref\s*=\s*"([^"]*)"([^>]*?)(\/>|>[\s\S]*?<\/\1\2>)/g, (m, prefix: string, name: string, before: string, ref: string, after: string, rest: string) => {
    const moved = shiftRef(ref, d);
    if (moved === undefined) return '';
    // A merge left with one cell is no merge.
    if (name === 'mergeCell' && !moved.includes(':')) return '';
    return `<${prefix}${name}${before} ref="${moved}"${after}${rest}`;
  });
  out = out.replace(/(<(?:[\w.-]+:)?(?:autoFilter|sortState|sortCondition|dataRef)\b[^>]*?\sref\s*=\s*")([^"]*)(")/g, (m, a: string, ref: string, b: string) => {
    const moved = shiftRef(ref, d);
    return moved === undefined ? m : `${a}${moved}${b}`;
  });
  // Page breaks name the row above which they fall; they stay with that row, or the next one left.
  out = out.replace(/(<(?:[\w.-]+:)?rowBreaks\b[\s\S]*?<\/(?:[\w.-]+:)?rowBreaks>)/g, (block: string) =>
    block.replace(/(<(?:[\w.-]+:)?brk\b[^>]*?\sid\s*=\s*")(\d+)(")/g, (_m, a: string, id: string, b: string) => `${a}${Number(id) - d.above(Number(id) + 1)}${b}`),
  );
  // Anchors of controls and OLE objects (0-based rows in <xdr:row>).
  out = shiftAnchors(out, d);
  out = recount(out, ['mergeCells', 'dataValidations', 'hyperlinks']);
  // A container left empty is invalid (mergeCells needs one mergeCell, §18.3.1.55).
  out = out.replace(/<((?:[\w.-]+:)?)(mergeCells|dataValidations|hyperlinks)\b[^>]*>\s*<\/\1\2>/g, '');
  return out;
}

/** `count` attributes of containers after children were removed. */
function recount(xml: string, containers: string[]): string {
  let out = xml;
  for (const name of containers) {
    out = out.replace(new RegExp(`(<((?:[\\w.-]+:)?)${name}\\b)([^>]*)>([\\s\\S]*?)(<\\/\\2${name}>)`, 'g'), (_m, open: string, _p, attrs: string, body: string, close: string) => {
      const child = name === 'mergeCells' ? 'mergeCell' : name === 'dataValidations' ? 'dataValidation' : 'hyperlink';
      const n = (body.match(new RegExp(`<(?:[\\w.-]+:)?${child}[\\s>/]`, 'g')) ?? []).length;
      const a = /\scount\s*=/.test(attrs) ? attrs.replace(/\scount\s*=\s*"\d*"/, ` count="${n}"`) : attrs;
      return `${open}${a}>${body}${close}`;
    });
  }
  return out;
}

/**
 * Drawing anchors (`<xdr:from>`/`<xdr:to>` with a 0-based `<xdr:row>`), as in drawings, controls
 * and OLE objects: an object below the deleted rows moves up; one spanning them shrinks; one whose
 * rows are all gone sits on the next row left (spreadsheets delete such objects only when asked).
 */
export function shiftAnchors(xml: string, d: RowDeletion): string {
  return xml.replace(/(<((?:[\w.-]+:)?)(from|to)>[\s\S]*?<\2row>)(\d+)(<\/\2row>)/g, (_m, head: string, _p, _side, row: string, tail: string) => {
    const r1 = Number(row) + 1;
    let target = d.map(r1);
    if (target === undefined) {
      let next = r1;
      while (d.gone.has(next)) next++;
      target = next - d.above(next);
    }
    return `${head}${target - 1}${tail}`;
  });
}
