/**
 * Column properties (`<cols>`, ECMA-376 Part 1 §18.3.1.13): the style a new cell of a column
 * takes, and setting one column's width or style. A `<col>` covering several columns is split so
 * that only the column asked for changes; every other column keeps its element as it was.
 */

import { attribute, findAll, findElement, withAttribute } from '../xml/tags.js';

export interface Col {
  min: number;
  max: number;
  tag: string;
}

/** The `<col>` elements of a sheet's head (1-based min/max, as in the file). */
export function parseCols(head: string): Col[] {
  const block = findElement(head, 'cols');
  if (!block || block.selfClosing) return [];
  return findAll(head, 'col', block.openEnd, block.closeStart).map((e) => ({
    min: Number(attribute(e.tag, 'min') ?? 1),
    max: Number(attribute(e.tag, 'max') ?? attribute(e.tag, 'min') ?? 1),
    tag: e.tag.endsWith('/>') ? e.tag : `${e.tag.slice(0, -1)}/>`,
  }));
}

/** The style index column `column` (0-based) gives new cells, if it has one. */
export function columnStyle(cols: Col[], column: number): number | undefined {
  const c = cols.find((x) => x.min <= column + 1 && column + 1 <= x.max);
  const s = c ? attribute(c.tag, 'style') : undefined;
  return s === undefined ? undefined : Number(s);
}

export function columnWidth(cols: Col[], column: number): number | undefined {
  const c = cols.find((x) => x.min <= column + 1 && column + 1 <= x.max);
  const w = c && attribute(c.tag, 'customWidth') !== '0' ? attribute(c.tag, 'width') : undefined;
  return w === undefined ? undefined : Number(w);
}

/**
 * The `<cols>` element with column `column` (0-based) given `changes` (attribute → value), the
 * element split around it when it covered more columns. `prefix` is the part's namespace prefix.
 */
export function setColumn(cols: Col[], column: number, changes: Record<string, string>, prefix: string): string {
  const n = column + 1;
  const out: Col[] = [];
  let done = false;
  for (const c of cols) {
    if (c.max < n || c.min > n) {
      out.push(c);
      continue;
    }
    if (c.min < n) out.push({ min: c.min, max: n - 1, tag: withRange(c.tag, c.min, n - 1) });
    let tag = withRange(c.tag, n, n);
    for (const [k, v] of Object.entries(changes)) tag = withAttribute(tag, k, v);
    out.push({ min: n, max: n, tag });
    if (c.max > n) out.push({ min: n + 1, max: c.max, tag: withRange(c.tag, n + 1, c.max) });
    done = true;
  }
  if (!done) {
    let tag = `<${prefix}col min="${n}" max="${n}"/>`;
    // A width is required on every <col> (§18.3.1.13): Excel's default for new columns.
    if (!('width' in changes)) tag = withAttribute(tag, 'width', '9.140625');
    for (const [k, v] of Object.entries(changes)) tag = withAttribute(tag, k, v);
    out.push({ min: n, max: n, tag });
  }
  out.sort((a, b) => a.min - b.min);
  return `<${prefix}cols>${out.map((c) => c.tag).join('')}</${prefix}cols>`;
}

function withRange(tag: string, min: number, max: number): string {
  return withAttribute(withAttribute(tag, 'min', String(min)), 'max', String(max));
}
