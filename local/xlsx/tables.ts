/** Tables (ListObjects, ECMA-376 Part 1 §18.5) of a worksheet: their names and ranges. */

import { relKind, type XlsxPackage } from './package.js';
import { formatRange, parseRange } from './sheet/cell-ref.js';
import { attribute, findElement } from './xml/tags.js';

export interface TablePart {
  /** The name formulas use (`displayName`). */
  name: string;
  ref: string;
  path: string;
  /** Rows of totals at the bottom (`totalsRowCount`). */
  totals: number;
}

export function tablesOf(pkg: XlsxPackage, sheetPath: string): TablePart[] {
  const out: TablePart[] = [];
  for (const rel of pkg.rels(sheetPath)) {
    if (relKind(rel.type) !== 'table' || rel.external || !pkg.has(rel.path)) continue;
    const root = findElement(pkg.text(rel.path), 'table');
    if (!root) continue;
    out.push({
      name: attribute(root.tag, 'displayName') ?? attribute(root.tag, 'name') ?? '',
      ref: attribute(root.tag, 'ref') ?? '',
      path: rel.path,
      totals: Number(attribute(root.tag, 'totalsRowCount') ?? 0),
    });
  }
  return out;
}

/**
 * A table grows over rows written right below it, as Excel's tables do when a row is typed under
 * them, so that a team's new records are in its table (its filters, its structured references
 * `Clients[Revenue]`). Tables with a totals row keep their shape: a row below the totals is no row
 * of theirs. `rows` are the 0-based rows written, `columns` the columns written.
 */
export function extendTables(pkg: XlsxPackage, sheetPath: string, rows: number[], columns: number[]): void {
  if (rows.length === 0) return;
  const written = new Set(rows);
  for (const t of tablesOf(pkg, sheetPath)) {
    if (t.totals > 0) continue;
    const range = parseRange(t.ref);
    if (!range || !columns.some((c) => c >= range.left && c <= range.right)) continue;
    let bottom = range.bottom;
    while (written.has(bottom + 1)) bottom++;
    if (bottom === range.bottom) continue;
    const ref = formatRange({ ...range, bottom });
    const xml = pkg.text(t.path);
    const out = xml.replace(/(<(?:[\w.-]+:)?(?:table|autoFilter)\b[^>]*?\sref\s*=\s*")([^"]+)(")/g, (m, a: string, old: string, b: string) => (old === t.ref ? `${a}${ref}${b}` : m));
    if (out !== xml) pkg.write(t.path, out);
  }
}
