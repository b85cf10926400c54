/**
 * A sheet's drawing (xdr:wsDr): each anchored object — picture, chart, shape or text box, group,
 * connector — with where it is anchored and what it holds: the picture's bytes by hash, the chart
 * part canonical, the shape's text.
 */

import type { Package } from './xlsx-inventory-package.js';
import type { DrawingObject } from './xlsx-inventory-types.js';
import { attr, attributeMap, canonical, child, children, descendants, hash, nameOf, NS, textOf, transform, type XmlElement } from './xlsx-inventory-xml.js';

const KINDS: Record<string, string> = { pic: 'picture', sp: 'shape', grpSp: 'group', cxnSp: 'connector', graphicFrame: 'graphicFrame', contentPart: 'contentPart' };
const ANCHORS: Record<string, DrawingObject['anchor']> = { twoCellAnchor: 'twoCell', oneCellAnchor: 'oneCell', absoluteAnchor: 'absolute' };

export function drawingObjects(pkg: Package, path: string, by: string): DrawingObject[] {
  const root = pkg.xml(path);
  const resolveAny = pkg.resolver(path, by);
  // A chart's content is in `chart`; a hash of the part here would repeat it, unnormalized.
  const resolve = (id: string) => (pkg.relationship(path, id)?.type === 'chart' ? 'chart' : resolveAny(id));
  return children(root).map((anchor) => {
    const kind = ANCHORS[anchor.local];
    if (anchor.uri !== NS.xdr || !kind) {
      return { anchor: 'other', attributes: {}, kind: nameOf(anchor), xml: canonical(anchor, { relationship: resolve }) };
    }
    const object = children(anchor).find((c) => !['from', 'to', 'ext', 'pos', 'clientData'].includes(c.local));
    const out: DrawingObject = {
      anchor: kind,
      attributes: attributeMap(anchor),
      kind: object ? (KINDS[object.local] ?? nameOf(object)) : 'empty',
      xml: object ? canonical(withoutPlacement(object), { relationship: resolve }) : '',
    };
    const from = child(anchor, 'from', NS.xdr);
    const to = child(anchor, 'to', NS.xdr);
    if (from) out.from = marker(from);
    if (to) out.to = marker(to);
    const extent = [child(anchor, 'pos', NS.xdr), child(anchor, 'ext', NS.xdr)].filter((e): e is XmlElement => e !== undefined);
    if (extent.length > 0) out.extent = extent.map((e) => canonical(e)).join('');
    const clientData = child(anchor, 'clientData', NS.xdr);
    if (clientData && clientData.attributes.length > 0) out.attributes.clientData = canonical(clientData);
    if (!object) return out;
    const nv = children(object).find((c) => c.local.startsWith('nv'));
    const name = attr(child(nv, 'cNvPr', NS.xdr), 'name');
    if (name !== undefined) out.name = name;
    if (object.local === 'pic') {
      const embed = attr(descendants(object, 'blip', NS.a)[0], 'embed', NS.r);
      const rel = embed === undefined ? undefined : pkg.relationship(path, embed);
      if (rel && !rel.external) out.image = hash(pkg.bytes(rel.target) ?? new Uint8Array());
      else if (rel) out.image = `linked ${rel.target}`;
    }
    const chartRef = descendants(object, 'chart', NS.c)[0];
    if (chartRef) {
      out.kind = 'chart';
      const rel = pkg.relationship(path, attr(chartRef, 'id', NS.r) ?? '');
      if (rel && !rel.external && pkg.xml(rel.target)) {
        pkg.describe(rel.target, by);
        out.chart = canonical(numberedAxes(pkg.xml(rel.target)!), { relationship: pkg.resolver(rel.target, by) });
      }
    }
    const paragraphs = descendants(object, 'p', NS.a);
    if (paragraphs.length > 0) out.text = paragraphs.map((p) => descendants(p, 't', NS.a).map(textOf).join('')).join('\n');
    return out;
  });
}

/**
 * Axis ids are only names for the chart's axes to point at each other (LibreOffice draws new
 * random ones on every save): numbered in order of appearance, the links stay and the noise goes.
 */
function numberedAxes(chart: XmlElement): XmlElement {
  const numbers = new Map<string, string>();
  return transform(chart, (e) => {
    if (e.uri !== NS.c || (e.local !== 'axId' && e.local !== 'crossAx')) return e;
    return {
      ...e,
      attributes: e.attributes.map((a) => {
        if (a.local !== 'val' || a.uri !== '') return a;
        if (!numbers.has(a.value)) numbers.set(a.value, `axis ${numbers.size + 1}`);
        return { ...a, value: numbers.get(a.value)! };
      }),
    };
  });
}

function marker(e: XmlElement): { col: number; colOff: number; row: number; rowOff: number } {
  const n = (local: string) => Number(textOf(child(e, local, NS.xdr)).trim());
  return { col: n('col'), colOff: n('colOff'), row: n('row'), rowOff: n('rowOff') };
}

/**
 * The object without its own a:off and a:ext: in an anchored drawing they only repeat the
 * anchor (Excel and LibreOffice place the object by the anchor and recompute them on save).
 */
function withoutPlacement(object: XmlElement): XmlElement {
  const props = children(object).find((c) => ['spPr', 'grpSpPr', 'xfrm'].includes(c.local));
  if (!props) return object;
  const strip = (xfrm: XmlElement): XmlElement => ({ ...xfrm, children: xfrm.children.filter((c) => typeof c === 'string' || !(c.uri === NS.a && (c.local === 'off' || c.local === 'ext'))) });
  const newProps =
    props.local === 'xfrm'
      ? strip(props)
      : { ...props, children: props.children.map((c) => (typeof c !== 'string' && c.uri === NS.a && c.local === 'xfrm' ? strip(c) : c)) };
  return { ...object, children: object.children.map((c) => (c === props ? newProps : c)) };
}
