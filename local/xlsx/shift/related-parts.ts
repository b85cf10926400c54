/**
 * Parts beside a worksheet that know its rows, moved when rows are deleted as Excel moves them:
 * notes (comments, their VML shapes, threaded comments), drawings' anchors (pictures, charts,
 * shapes), tables' ranges; and, anywhere in the workbook, charts' series ranges and pivot caches'
 * source ranges that read the sheet.
 */

import { moveRows } from '../../../core/formula-references.js';
import { say } from '../../../core/messages/say.js';
import { relKind, type XlsxPackage } from '../package.js';
import { parseCell } from '../sheet/cell-ref.js';
import { escapeXml, unescapeXml } from '../xml/text.js';
import { mentionsSheet } from '../mentions.js';
import { shiftAnchors } from './sheet-tail.js';
import { shiftRef, type RowDeletion } from './ranges.js';

/** Relationship kinds of a worksheet this module (or the sheet part itself) keeps right. */
export const HANDLED_SHEET_RELS = new Set([
  'comments', 'vmlDrawing', 'threadedComment', 'drawing', 'table', 'hyperlink', 'printerSettings', 'image',
  'pivotTable', 'customProperty', 'ctrlProp', 'oleObject', 'package', 'slicer', 'timeline', 'webextension',
]);

export interface Refusal {
  what: string;
}

/**
 * What of the sheet's relationships Carnet could not keep right if it deleted rows: a pivot table
 * placed on the sheet itself below the first deleted row (its area would have to move), or a
 * part kind it does not know.
 */
export function cannotShift(pkg: XlsxPackage, sheetPath: string, firstDeleted: number): string[] {
  const out: string[] = [];
  for (const rel of pkg.rels(sheetPath)) {
    const kind = relKind(rel.type);
    if (!HANDLED_SHEET_RELS.has(kind)) {
      out.push(say('a part of kind "{kind}" ({target})', { kind, target: rel.target }));
      continue;
    }
    if (kind === 'pivotTable' && !rel.external && pkg.has(rel.path)) {
      const location = /<(?:[\w.-]+:)?location\b[^>]*\sref\s*=\s*"([^"]+)"/.exec(pkg.text(rel.path))?.[1];
      const end = location?.split(':').pop();
      const cell = end ? parseCell(end) : undefined;
      if (!cell || cell.row + 1 >= firstDeleted) out.push(say('a pivot table ({range}) on the rows that would move', { range: location ?? rel.target }));
    }
  }
  return out;
}

/** Moves the sheet's own related parts for the deletion. */
export function shiftSheetParts(pkg: XlsxPackage, sheetPath: string, d: RowDeletion): void {
  for (const rel of pkg.rels(sheetPath)) {
    if (rel.external || !pkg.has(rel.path)) continue;
    const kind = relKind(rel.type);
    if (kind === 'comments') pkg.write(rel.path, shiftComments(pkg.text(rel.path), 'comment', d));
    else if (kind === 'threadedComment') pkg.write(rel.path, shiftComments(pkg.text(rel.path), 'threadedComment', d));
    else if (kind === 'vmlDrawing') pkg.write(rel.path, shiftVml(pkg.text(rel.path), d));
    else if (kind === 'drawing') pkg.write(rel.path, shiftAnchors(pkg.text(rel.path), d));
    else if (kind === 'table') pkg.write(rel.path, shiftTable(pkg.text(rel.path), d));
  }
}

/** Notes on deleted rows go with them; the others move up. */
function shiftComments(xml: string, element: string, d: RowDeletion): string {
  const re = new RegExp(`<((?:[\\w.-]+:)?)${element}\\b([^>]*?)\\sref\\s*=\\s*"([^"]+)"([^>]*?)(\\/>|>[\\s\\S]*?<\\/\\1${element}>)`, 'g');
  return xml.replace(re, (_m, prefix: string, before: string, ref: string, after: string, rest: string) => {
    const moved = shiftRef(ref, d);
    return moved === undefined ? '' : `<${prefix}${element}${before} ref="${moved}"${after}${rest}`;
  });
}

/**
 * A note's box is a VML shape that names its cell (`<x:Row>`, 0-based) and anchors itself by rows
 * (`<x:Anchor>` col, dx, row, dy, col, dx, row, dy): both follow the note's row; a deleted row's
 * note shape goes with it.
 */
function shiftVml(xml: string, d: RowDeletion): string {
  return xml.replace(/<((?:[\w.-]+:)?)shape\b[\s\S]*?<\/\1shape>/g, (shape: string) => {
    const row = /<((?:[\w.-]+:)?)Row>\s*(\d+)\s*<\/\1Row>/.exec(shape);
    if (!row) return shape;
    const r1 = Number(row[2]) + 1;
    const target = d.map(r1);
    if (target === undefined) return '';
    const delta = target - r1;
    let out = shape.replace(row[0], row[0].replace(/\d+/, String(target - 1)));
    out = out.replace(/(<((?:[\w.-]+:)?)Anchor>)([^<]*)(<\/\2Anchor>)/, (_m, open: string, _p, text: string, close: string) => {
      const n = text.split(',').map((x) => x.trim());
      if (n.length === 8) {
        n[2] = String(Math.max(0, Number(n[2]) + delta));
        n[6] = String(Math.max(0, Number(n[6]) + delta));
      }
      return `${open}${n.join(', ')}${close}`;
    });
    return out;
  });
}

/** A table shrinks by its deleted rows (its header row is never among them: see the caller). */
function shiftTable(xml: string, d: RowDeletion): string {
  return xml.replace(/(<(?:[\w.-]+:)?(?:table|autoFilter|sortState|sortCondition)\b[^>]*?\sref\s*=\s*")([^"]+)(")/g, (m, a: string, ref: string, b: string) => {
    const moved = shiftRef(ref, d);
    return moved === undefined ? m : `${a}${moved}${b}`;
  });
}

/** Charts' ranges (`<c:f>`) and pivot caches' sources that read the sheet, anywhere in the package. */
export function shiftWorkbookParts(pkg: XlsxPackage, sheetName: string, d: RowDeletion): void {
  const map = (row: number) => d.map(row);
  for (const path of pkg.paths()) {
    if (/^xl\/charts\/chart[^/]*\.xml$/i.test(path) || /^xl\/chartsheets\//i.test(path)) {
      const xml = pkg.text(path);
      if (!mentionsSheet(xml, sheetName)) continue;
      const out = xml.replace(/(<((?:[\w.-]+:)?)f>)([^<]*)(<\/\2f>)/g, (_m, open: string, _p, text: string, close: string) =>
        `${open}${escapeXml(moveRows(unescapeXml(text), sheetName, false, map))}${close}`,
      );
      if (out !== xml) pkg.write(path, out);
    } else if (/^xl\/pivotCache\/pivotCacheDefinition[^/]*\.xml$/i.test(path)) {
      const xml = pkg.text(path);
      const out = xml.replace(/<((?:[\w.-]+:)?)worksheetSource\b[^>]*\/?>/g, (tag: string) => {
        const sheet = /\ssheet\s*=\s*"([^"]*)"/.exec(tag)?.[1];
        if (!sheet || unescapeXml(sheet).toLowerCase() !== sheetName.toLowerCase()) return tag;
        return tag.replace(/(\sref\s*=\s*")([^"]+)(")/, (m, a: string, ref: string, b: string) => {
          const moved = shiftRef(ref, d);
          return moved === undefined ? m : `${a}${moved}${b}`;
        });
      });
      if (out !== xml) pkg.write(path, out);
    }
  }
}
