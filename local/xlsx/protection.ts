/**
 * Sheet protection (`<sheetProtection>`, ECMA-376 Part 1 §18.3.1.85): one flag and an optional
 * password for everybody (`perUserProtection` is false). A protection the team set with a password
 * is theirs: Carnet neither replaces it nor removes it.
 */

import type { Book } from './book.js';
import type { SheetEntry } from './workbook-part.js';

export function protectSheet(book: Book, entry: SheetEntry, locked: boolean): void {
  const part = book.part(entry);
  const current = part.tailElement('sheetProtection');
  const withPassword = !!current && /\s(password|hashValue)\s*=/.test(current);
  if (withPassword) return;
  // No password from Carnet: an xlsx password is a speed bump anyone can remove, and one Carnet
  // would have to store somewhere readable. Selecting cells stays allowed (the attributes are
  // "disallow" flags, absent means allowed).
  if (locked) {
    if (current && /\ssheet\s*=\s*"(1|true)"/.test(current)) return;
    part.placeElement('sheetProtection', `<${part.prefix}sheetProtection sheet="1" objects="1" scenarios="1"/>`);
  } else if (current) {
    part.placeElement('sheetProtection', '');
  }
}

/** True when the sheet is protected (tests). */
export function isProtected(book: Book, entry: SheetEntry): boolean {
  const current = book.part(entry).tailElement('sheetProtection');
  return !!current && /\ssheet\s*=\s*"(1|true)"/.test(current);
}
