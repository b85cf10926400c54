/**
 * Sheet protection (`<sheetProtection>`, ECMA-376 Part 1 §18.3.1.85): one flag and an optional
 * password for everybody (`perUserProtection` is false), so a plan's editors have no place in the
 * file and its warning-only columns are covered by the sheet's lock. A protection the team set
 * with a password is theirs: Carnet neither replaces it nor removes it, and refuses a plan that
 * would (issue 12).
 */

import { CarnetError } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import type { ProtectionState } from '../../core/workbook.js';
import type { Book } from './book.js';
import { attribute, tagEnd } from './xml/tags.js';
import type { SheetEntry } from './workbook-part.js';

/** One sheet of a plan, resolved to the workbook's sheet. */
export interface SheetLock {
  entry: SheetEntry;
  locked: boolean;
}

/** What a sheet's `<sheetProtection>` says now. */
interface Current {
  locked: boolean;
  /** Set with a password (legacy `password` hash or the agile `hashValue`). */
  password: boolean;
}

function current(book: Book, entry: SheetEntry): Current {
  const element = book.part(entry).tailElement('sheetProtection');
  if (!element) return { locked: false, password: false };
  // The start tag only: the attributes are all there (the element has no children).
  const tag = element.slice(0, tagEnd(element, 1));
  const sheet = attribute(tag, 'sheet');
  return {
    locked: sheet === '1' || sheet === 'true',
    password: attribute(tag, 'password') !== undefined || attribute(tag, 'hashValue') !== undefined,
  };
}

/**
 * Applies the plan's sheets, or refuses it whole (E_FORBIDDEN, nothing changed) when it would lock
 * or unlock a sheet protected with a password Carnet was not given. A sheet already as the plan
 * says is left byte for byte, so applying a plan twice changes no part.
 */
export function protectSheets(book: Book, sheets: readonly SheetLock[]): void {
  const now = sheets.map((s) => ({ ...s, current: current(book, s.entry) }));
  const theirs = now.find((s) => s.current.password && s.current.locked !== s.locked);
  if (theirs) {
    const name = theirs.entry.name;
    throw new CarnetError({
      code: 'E_FORBIDDEN',
      sheet: name,
      message: theirs.locked
        ? say('"{sheet}" carries a protection password Carnet was not given, so Carnet cannot lock it; nothing was changed. Remove that password in Excel or LibreOffice, then apply the protection again.', { sheet: name })
        : say('"{sheet}" carries a protection password Carnet was not given, so Carnet cannot unlock it; nothing was changed. Remove that password in Excel or LibreOffice, then apply the protection again.', { sheet: name }),
    });
  }
  for (const { entry, locked, current } of now) {
    // Already as the plan says (a team's password-protected sheet always is, once past the check
    // above): a lock keeps the flags a person chose, an inert `sheet="0"` element stays.
    if (current.locked === locked) continue;
    const part = book.part(entry);
    // No password from Carnet: an xlsx password is a speed bump anyone can remove, and one Carnet
    // would have to store somewhere readable. Selecting cells stays allowed (the attributes are
    // "disallow" flags, absent means allowed).
    part.placeElement('sheetProtection', locked ? `<${part.prefix}sheetProtection sheet="1" objects="1" scenarios="1"/>` : '');
  }
}

/**
 * How these sheets are protected now, missing ones left out: the file names no editors and has no
 * warning-only columns.
 */
export function protectionsOf(book: Book, names: readonly string[]): ProtectionState[] {
  return names.flatMap((name) => {
    const entry = book.find(name);
    return entry ? [{ name: entry.name, locked: current(book, entry).locked, editors: null, warnColumns: [] }] : [];
  });
}
