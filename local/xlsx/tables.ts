/** Tables (ListObjects, ECMA-376 Part 1 §18.5) of a worksheet: their names and ranges. */

import { relKind, type XlsxPackage } from './package.js';
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
