/**
 * What is in an .xlsx, feature by feature, as plain JSON: the tool that proves the local host's
 * first promise — a save keeps everything Carnet did not write. Take the inventory of a file
 * before and after a Carnet command, state what Carnet was allowed to change (withoutCells,
 * afterRowDeletion, ignoringCachedValues, ignoringParts, ignoringProperties), and
 * diffInventories must come back empty.
 *
 * The comparison is semantic: zip order and compression, XML prefixes, attribute order, style
 * table numbering, shared-string order and relationship ids do not count; anything a person or a
 * program could see or use does. Modules: -xml (canonical XML), -package (parts, relationships),
 * -styles, -cells, -sheet, -notes, -drawing, -tables, -workbook; -diff; -allowances and
 * -row-deletion (what Carnet may change).
 */

import { sharedStrings } from './xlsx-inventory-cells.js';
import { Package } from './xlsx-inventory-package.js';
import { sheetInventory } from './xlsx-inventory-sheet.js';
import { Styles } from './xlsx-inventory-styles.js';
import type { Inventory } from './xlsx-inventory-types.js';
import { workbookInventory, workbookParts } from './xlsx-inventory-workbook.js';

export type * from './xlsx-inventory-types.js';
export { diffInventories } from './xlsx-inventory-diff.js';
export { ignoringCachedValues, ignoringParts, ignoringProperties, withoutCells } from './xlsx-inventory-allowances.js';
export { afterRowDeletion } from './xlsx-inventory-row-deletion.js';

export async function inventory(bytes: Uint8Array): Promise<Inventory> {
  const pkg = await Package.open(bytes);
  const parts = workbookParts(pkg);
  const styles = new Styles(pkg, parts.stylesPath);
  if (parts.stylesPath) pkg.describe(parts.stylesPath, 'cell styles');
  const strings = sharedStrings(parts.sharedStringsPath ? pkg.xml(parts.sharedStringsPath) : undefined);
  const workbook = { ...workbookInventory(pkg, parts), styles: styles.rest(), defaultStyle: styles.defaultStyle };
  const sheets = parts.sheets.map((s) => sheetInventory(pkg, s, styles, strings));

  const inventoryParts: Inventory['parts'] = {};
  for (const path of [...pkg.files.keys()].sort()) {
    const contentType = pkg.contentType(path);
    let by = pkg.described.get(path);
    // A part's relationships are described with the part: each feature resolved the ids it uses.
    if (by === undefined && path === '_rels/.rels') by = 'relationships of the package';
    const rels = /^(.*?)_rels\/([^/]+)\.rels$/.exec(path);
    if (by === undefined && rels) {
      const sourceBy = pkg.described.get(pkg.path(rels[1]! + rels[2]!) ?? '');
      if (sourceBy !== undefined) by = `relationships of ${sourceBy}`;
    }
    inventoryParts[path] = by === undefined ? { contentType, hash: pkg.hashOf(path) } : { contentType, describedBy: by };
  }
  return { sheets, workbook, parts: inventoryParts };
}
