/**
 * Notes on cells (legacy comments, ECMA-376 Part 1 §18.7): the text lives in the sheet's comments
 * part and its box in a VML drawing the sheet names with `<legacyDrawing>` (Excel shows a note
 * only with both). Carnet adds or replaces its own notes (help on header cells) in those parts,
 * creating them when the sheet has none, and leaves the team's notes as they are.
 */

import { CONTENT_TYPE, REL, type XlsxPackage } from './package.js';
import type { SheetPart } from './sheet/sheet-part.js';
import { letters } from './sheet/cell-ref.js';
import { escapeCellText, unescapeCellText } from './xml/text.js';
import { findAll, findElement } from './xml/tags.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const AUTHOR = 'Carnet';

/** The notes of a sheet by 0-based cell, as text. */
export function readNotes(pkg: XlsxPackage, sheetPath: string): Map<string, string> {
  const out = new Map<string, string>();
  const rel = pkg.rel(sheetPath, 'comments');
  if (!rel || !pkg.has(rel.path)) return out;
  const xml = pkg.text(rel.path);
  for (const c of findAll(xml, 'comment')) {
    const ref = /\sref\s*=\s*"([^"]+)"/.exec(c.tag)?.[1];
    if (!ref) continue;
    const body = xml.slice(c.openEnd, c.closeStart);
    let text = '';
    for (const m of body.replace(/<((?:[\w.-]+:)?)rPh[\s>][\s\S]*?<\/\1rPh>/g, '').matchAll(/<((?:[\w.-]+:)?)t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/\1t>)/g)) text += m[2] ?? '';
    out.set(ref.replace(/\$/g, '').toUpperCase(), unescapeCellText(text));
  }
  return out;
}

/** Gives cell (row, column) the note `text`, replacing a note already there. */
export function setNote(pkg: XlsxPackage, sheetPath: string, part: SheetPart, row: number, column: number, text: string): void {
  const ref = `${letters(column)}${row + 1}`;
  // One run, as Excel writes notes (some readers take only runs).
  const body = `<text><r><t xml:space="preserve">${escapeCellText(text)}</t></r></text>`;
  let rel = pkg.rel(sheetPath, 'comments');
  if (!rel) {
    const path = pkg.freeName('xl/comments', '.xml');
    pkg.write(path, pkg.spelled(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>${AUTHOR}</author></authors><commentList></commentList></comments>`));
    pkg.addRel(sheetPath, REL.comments, path);
    pkg.setContentType(path, CONTENT_TYPE.comments);
    rel = pkg.rel(sheetPath, 'comments')!;
  }
  let xml = pkg.text(rel.path);
  const prefix = /<((?:[\w.-]+:)?)comments[\s>]/.exec(xml)?.[1] ?? '';
  const authors = findAll(xml, 'author');
  let authorId = authors.findIndex((a) => xml.slice(a.openEnd, a.closeStart) === AUTHOR);
  if (authorId < 0) {
    const block = findElement(xml, 'authors')!;
    const entry = `<${prefix}author>${AUTHOR}</${prefix}author>`;
    xml = block.selfClosing ? `${xml.slice(0, block.start)}<${block.qname}>${entry}</${block.qname}>${xml.slice(block.end)}` : xml.slice(0, block.closeStart) + entry + xml.slice(block.closeStart);
    authorId = authors.length;
  }
  const prefixed = prefix ? body.replace(/<(\/?)(text|r|t)\b/g, `<$1${prefix}$2`) : body;
  const comment = `<${prefix}comment ref="${ref}" authorId="${authorId}">${prefixed}</${prefix}comment>`;
  const existing = findAll(xml, 'comment').find((c) => (/\sref\s*=\s*"([^"]+)"/.exec(c.tag)?.[1] ?? '').replace(/\$/g, '').toUpperCase() === ref);
  if (existing) xml = xml.slice(0, existing.start) + comment + xml.slice(existing.end);
  else {
    const list = findElement(xml, 'commentList')!;
    xml = list.selfClosing ? `${xml.slice(0, list.start)}<${list.qname}>${comment}</${list.qname}>${xml.slice(list.end)}` : xml.slice(0, list.closeStart) + comment + xml.slice(list.closeStart);
  }
  pkg.write(rel.path, xml);
  ensureShape(pkg, sheetPath, part, row, column);
}

/** The note's box in the sheet's VML drawing, added when the cell has none. */
function ensureShape(pkg: XlsxPackage, sheetPath: string, part: SheetPart, row: number, column: number): void {
  const legacyId = /<(?:[\w.-]+:)?legacyDrawing\b[^>]*\sr:id\s*=\s*"([^"]+)"/.exec(part.tailXml)?.[1];
  let vmlPath = legacyId ? pkg.rels(sheetPath).find((r) => r.id === legacyId)?.path : undefined;
  if (!vmlPath || !pkg.has(vmlPath)) {
    vmlPath = pkg.freeName('xl/drawings/vmlDrawing', '.vml');
    const idmap = freeIdmap(pkg);
    pkg.write(
      vmlPath,
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
        `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPETYPE}</xml>`,
    );
    const id = pkg.addRel(sheetPath, REL.vmlDrawing, vmlPath);
    pkg.setDefaultContentType('vml', CONTENT_TYPE.vml);
    part.placeElement('legacyDrawing', `<${part.prefix}legacyDrawing r:id="${id}"/>`);
    if (!/xmlns:r\s*=/.test(part.headXml)) part.setHead(part.headXml.replace(/<((?:[\w.-]+:)?worksheet)\b/, `<$1 xmlns:r="${pkg.uri('http://schemas.openxmlformats.org/officeDocument/2006/relationships')}"`));
  }
  let vml = pkg.text(vmlPath);
  const has = [...vml.matchAll(/<x:ClientData\b[\s\S]*?<\/x:ClientData>/g)].some(
    (m) => Number(/<x:Row>\s*(\d+)/.exec(m[0])?.[1]) === row && Number(/<x:Column>\s*(\d+)/.exec(m[0])?.[1]) === column,
  );
  if (has) return;
  if (!vml.includes('_x0000_t202')) vml = vml.replace(/<\/xml>\s*$/, `${SHAPETYPE}</xml>`);
  const idmap = Number(/<o:idmap\b[^>]*data\s*=\s*"(\d+)/.exec(vml)?.[1] ?? 1);
  const taken = [...vml.matchAll(/\sid\s*=\s*"_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
  const id = Math.max(idmap * 1024, ...taken) + 1;
  const shape =
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:144pt;height:60pt;z-index:${taken.length + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${column + 1}, 15, ${row}, 2, ${column + 3}, 15, ${row + 4}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`;
  pkg.write(vmlPath, vml.replace(/<\/xml>\s*$/, `${shape}</xml>`));
}

const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** Shape ids are numbered per drawing from 1024 × idmap; a new drawing takes a block no other uses. */
function freeIdmap(pkg: XlsxPackage): number {
  let top = 0;
  for (const p of pkg.paths()) {
    if (!/\.vml$/i.test(p)) continue;
    for (const m of pkg.text(p).matchAll(/<o:idmap\b[^>]*data\s*=\s*"([\d,]+)"/g)) for (const n of m[1]!.split(',')) top = Math.max(top, Number(n));
  }
  return top + 1;
}
