/**
 * Shared formulas (ECMA-376 Part 1 §18.3.1.40): Excel stores a filled-down formula once, in the
 * group's first cell, and lets the other cells derive theirs by offset. When rows move, or the
 * first cell is overwritten, derived formulas would point elsewhere; so those groups are written
 * out, each cell with its own full formula, which is what the group meant.
 */

import { translate } from './formula-refs.js';
import type { SheetPart } from './sheet/sheet-part.js';
import { splitRow, joinRow } from './sheet/rows.js';
import { unescapeXml, escapeXml } from './xml/text.js';

const SHARED = /<((?:[\w.-]+:)?)f\b([^>]*?)\st\s*=\s*["']shared["']([^>]*?)(\/>|>([^<]*)<\/\1f>)/;

/**
 * Expands every shared group of the part whose first formula `wanted` accepts (all by default),
 * or only the groups `only` names (their `si`).
 */
export function expandShared(part: SheetPart, wanted: (formula: string) => boolean = () => true, only?: ReadonlySet<string>): void {
  const masters = new Map<string, { row: number; column: number; formula: string }>();
  for (const [r, xml] of part.rows()) {
    if (!xml.includes('shared')) continue;
    for (const c of splitRow(xml, part.prefix).cells) {
      const m = SHARED.exec(c.body);
      if (!m || m[5] === undefined || m[5] === '') continue;
      const si = /\ssi\s*=\s*["'](\d+)["']/.exec(m[0])?.[1];
      const formula = unescapeXml(m[5]);
      if (si !== undefined && wanted(formula) && (!only || only.has(si))) masters.set(si, { row: r - 1, column: c.column, formula });
    }
  }
  if (masters.size === 0) return;
  part.mapRows((r, xml) => {
    if (!xml.includes('shared')) return xml;
    const split = splitRow(xml, part.prefix);
    let changed = false;
    for (const c of split.cells) {
      const m = SHARED.exec(c.body);
      if (!m) continue;
      const si = /\ssi\s*=\s*["'](\d+)["']/.exec(m[0])?.[1];
      const master = si === undefined ? undefined : masters.get(si);
      if (!master) continue;
      const text = translate(master.formula, r - 1 - master.row, c.column - master.column);
      const body = c.body.replace(m[0], `<${m[1]}f>${escapeXml(text)}</${m[1]}f>`);
      c.xml = `${c.tag}${body}</${part.prefix}c>`;
      changed = true;
    }
    return changed ? joinRow(split, part.prefix) : xml;
  });
}
