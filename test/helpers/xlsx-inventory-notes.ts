/**
 * Notes ("comments" in the file format): the comments part gives each note's cell, author and
 * text; the legacy VML drawing gives its box (shown or not, where it is anchored). Both are read
 * into one record per cell, so a note that keeps its text but loses its box is still seen.
 */

import type { Package } from './xlsx-inventory-package.js';
import { cellRef, normalizeSqref } from './xlsx-inventory-refs.js';
import type { Comment, NoteShape } from './xlsx-inventory-types.js';
import { attr, attributeMap, canonical, child, children, hash, NS, textOf, without, type XmlElement } from './xlsx-inventory-xml.js';

export function comments(pkg: Package, path: string): Record<string, Comment> {
  const root = pkg.xml(path);
  const authors = children(child(root, 'authors'), 'author').map(textOf);
  const out: Record<string, Comment> = {};
  for (const c of children(child(root, 'commentList'), 'comment')) {
    const ref = normalizeSqref(attr(c, 'ref') ?? '');
    const text = child(c, 'text');
    const runs = children(text, 'r');
    const comment: Comment = {
      author: authors[Number(attr(c, 'authorId') ?? 0)] ?? '',
      text: children(text, 't').map(textOf).join('') + runs.map((r) => textOf(child(r, 't'))).join(''),
    };
    // Plain runs with no formatting of their own are still runs: keep them, the text alone would
    // hide a change of font. LibreOffice and Excel both write runs, so this compares like with like.
    if (text && runs.length > 0) comment.rich = canonical(text);
    const attributes = attributeMap(c, ['ref', 'authorId']);
    if (Object.keys(attributes).length > 0) comment.attributes = attributes;
    out[ref] = comment;
  }
  return out;
}

/**
 * The notes' shapes, by cell, and the rest of the VML drawing (shape types, form controls),
 * canonical. VML that is not well-formed XML is kept as a hash of its bytes.
 */
export function legacyDrawing(pkg: Package, path: string): { notes: Record<string, NoteShape>; rest: string } {
  const root = pkg.xml(path);
  if (!root) return { notes: {}, rest: `unparsed VML ${hash(pkg.bytes(path) ?? new Uint8Array())}` };
  const notes: Record<string, NoteShape> = {};
  const isNote = (e: XmlElement) => e.uri === NS.v && e.local === 'shape' && attr(child(e, 'ClientData', NS.vx), 'ObjectType') === 'Note';
  for (const shape of children(root).filter(isNote)) {
    const data = child(shape, 'ClientData', NS.vx)!;
    const row = Number(textOf(child(data, 'Row', NS.vx)).trim());
    const col = Number(textOf(child(data, 'Column', NS.vx)).trim());
    const anchorText = textOf(child(data, 'Anchor', NS.vx)).trim();
    const style = styleMap(attr(shape, 'style') ?? '');
    const visible = child(data, 'Visible', NS.vx) !== undefined || style.visibility === 'visible';
    // Where the box is drawn follows from its anchor; visibility is kept apart as `visible`.
    delete style['margin-left'];
    delete style['margin-top'];
    delete style.visibility;
    const rest: XmlElement = {
      ...shape,
      attributes: shape.attributes
        .filter((a) => !(a.uri === '' && a.local === 'style'))
        .concat([{ uri: '', local: 'style', value: Object.entries(style).map(([k, v]) => `${k}:${v}`).sort().join(';') }]),
      children: shape.children.map((c) =>
        c === data ? without(data, (d) => d.uri === NS.vx && ['Row', 'Column', 'Anchor', 'Visible'].includes(d.local)) : c,
      ),
    };
    const note: NoteShape = { visible, xml: canonical(rest) };
    if (anchorText) note.anchor = anchorText.split(',').map((n) => Number(n.trim()));
    notes[cellRef(col + 1, row + 1)] = note;
  }
  return { notes, rest: canonical(without(root, isNote)) };
}

function styleMap(style: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i > 0) out[decl.slice(0, i).trim()] = decl.slice(i + 1).trim();
  }
  return out;
}
