/**
 * Removing a part the way it was added (Open Packaging Conventions, ECMA-376 Part 2 §9.3): the
 * relationship that points at it, the part, its own relationships part, its content-type override,
 * and the parts only it pointed at (a drawing's charts, a chart's style and colour parts), so that
 * no part is left that nothing relates to. A part some other relationship still points at stays.
 */

import nodePath from 'node:path/posix';
import { fold, relsPath, type XlsxPackage } from './package.js';

/** Removes `source`'s relationship `id` and, when nothing else points at its target, the target's tree. */
export function removeRelated(pkg: XlsxPackage, source: string, id: string): void {
  const rel = pkg.rels(source).find((r) => r.id === id);
  pkg.removeRel(source, id);
  // A relationships part left without relationships goes too (§9.3: it is optional).
  const own = relsPath(source);
  if (pkg.has(own) && pkg.rels(source).length === 0) pkg.remove(own);
  if (!rel || rel.external || !pkg.has(rel.path)) return;
  if (!pointedAt(pkg, rel.path)) removeTree(pkg, rel.path);
}

/** Removes a part and, depth first, the parts only it related to. */
export function removeTree(pkg: XlsxPackage, path: string): void {
  const children = pkg.rels(path).filter((r) => !r.external && r.path !== '');
  const own = relsPath(path);
  if (pkg.has(own)) pkg.remove(own);
  pkg.remove(path);
  pkg.removeContentType(path);
  for (const child of children) {
    if (pkg.has(child.path) && !pointedAt(pkg, child.path)) removeTree(pkg, child.path);
  }
}

/** True when some relationship of the package (its own, or any part's) still points at `path`. */
function pointedAt(pkg: XlsxPackage, path: string): boolean {
  const target = fold(path);
  for (const p of pkg.paths()) {
    if (!/(^|\/)_rels\/[^/]*\.rels$/i.test(p)) continue;
    const source = sourceOf(p);
    if (source !== '' && !pkg.has(source)) continue;
    if (pkg.rels(source).some((r) => !r.external && fold(r.path) === target)) return true;
  }
  return false;
}

/** `xl/worksheets/_rels/sheet1.xml.rels` → `xl/worksheets/sheet1.xml`; `_rels/.rels` → ''. */
function sourceOf(rels: string): string {
  const dir = nodePath.dirname(nodePath.dirname(rels));
  const name = nodePath.basename(rels).replace(/\.rels$/i, '');
  if (name === '') return '';
  return dir === '.' ? name : `${dir}/${name}`;
}
