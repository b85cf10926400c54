/**
 * Protections of the fake spreadsheet (test/gas/fake-spreadsheet-app.ts): a sheet's one protection
 * and its range protections, as the Apps Script reference describes them
 * (https://developers.google.com/apps-script/reference/spreadsheet/protection,
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect,
 * https://developers.google.com/apps-script/reference/spreadsheet/range#protect), and the ordered
 * record of every change made to them, for tests (`FakeSpreadsheet.protectionLog`).
 *
 * Modelled:
 * - `Sheet.protect()` makes the sheet's protection, or gives back the one it has ("If the sheet is
 *   already protected, this method returns an object representing its existing protection
 *   settings"); `Range.protect()` makes a new one each time.
 * - A new protection's editors mirror the spreadsheet's (`Spreadsheet.getEditors()`, the owner
 *   among them, following later changes to them) "Until the script actually changes the list of
 *   editors" — addEditors, removeEditors, or setDomainEdit —, "which effectively means that the
 *   sheet remains unprotected": until then it stops nobody. The first change starts from that list.
 * - removeEditors keeps, without a word, the owner and the current (effective) user: "Neither the
 *   owner of the spreadsheet nor the current user can be removed".
 * - getEditors and canDomainEdit throw when the effective user may not edit the protection (not
 *   the owner, not one of its editors, not of its domain when the domain may edit): "Throws an
 *   exception if the user does not have permission to edit the protected range or sheet". The
 *   changes and remove() throw then too: the reference's samples ask canEdit() before remove(), and
 *   the fake takes the pessimistic reading. The exact wordings are not documented; the fake's own
 *   say so.
 * - Domain editing exists only in a Workspace domain (FakeOptions.workspaceDomain): a new
 *   protection there lets the domain edit, as the spreadsheet does; setDomainEdit "Throws an
 *   exception if the spreadsheet does not belong to a Google Workspace domain", where canDomainEdit
 *   is false.
 * - Warning-only protections stop no edit ("every user can edit data in the area, except editing
 *   prompts a warning"); a strict sheet protection refuses setValues and RangeList.setValue by
 *   people who may not edit it (FakeAppsScript.canEdit).
 * Not modelled: which cells a strict *range* protection covers for writes (fake-range.ts asks the
 * sheet only: such a protection is recorded and read back, and blocks nothing), ranges following
 * inserted or deleted rows, unprotected regions, named ranges, groups and target audiences.
 */

import type { CellRange } from '../../core/workbook.js';
import type { ProtectionApi, UserApi } from '../../gas-addon/apps-script-api.js';
import { PROTECTION_TYPE } from './fake-calls.js';
import { FakeRange, rangeA1 } from './fake-range.js';
import { FakeUser } from './fake-services.js';
import type { FakeSheet } from './fake-sheet.js';

type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

/** One change to a protection, in the order the script made them (not counted: tests read it). */
export interface ProtectionChange {
  /** `Contacts` for a sheet's protection, `Contacts!A1:A1000` for a range's. */
  on: string;
  call: 'protect' | 'addEditors' | 'removeEditors' | 'setDomainEdit' | 'setWarningOnly' | 'setDescription' | 'remove';
  /** The call's arguments: a list of emails, a flag, a description. */
  args: unknown[];
}

export class FakeProtection implements ProtectionApi {
  description = '';
  warningOnly = false;
  /** Its own editors once a script changed them; undefined while it mirrors the spreadsheet's. */
  private own: string[] | undefined;
  /** Set by setDomainEdit; until then the domain may edit where it may edit the spreadsheet. */
  private domainEditSet: boolean | undefined;

  /** `box`: the protected cells (0-based) of a range protection; none for the sheet's. */
  constructor(
    readonly sheet: FakeSheet,
    readonly box: CellRange | undefined,
  ) {}

  private count(method: string): void {
    this.sheet.fake.calls.count(`Protection.${method}`);
  }

  private record(call: ProtectionChange['call'], args: unknown[]): void {
    this.sheet.book.protectionLog.push({ on: this.where, call, args });
  }

  /** The calls the reference says throw for someone who may not edit the protection, and the changes. */
  private requireEditable(method: string): void {
    const me = this.sheet.fake.effectiveUser;
    if (!this.allows(me)) {
      throw new Error(
        `Exception: fake Protection.${method}: ${me || 'the user'} does not have permission to edit the protected range or sheet (the reference says it throws; its wording is not known here).`,
      );
    }
  }

  /** The first change to the editors starts from the list it mirrored. */
  private ownEditors(): string[] {
    return (this.own ??= this.sheet.book.editorsWithOwner());
  }

  // -- test helpers (not counted) --

  /** Where it is, as the change log names it. */
  get where(): string {
    return this.box ? `${this.sheet.name}!${rangeA1(this.box)}` : this.sheet.name;
  }

  /** Its editors now: its own, or the spreadsheet's while it mirrors them. */
  get editors(): string[] {
    return this.own ? [...this.own] : this.sheet.book.editorsWithOwner();
  }

  /** True until a script changes its editors or its domain setting. */
  get mirrorsSpreadsheet(): boolean {
    return this.own === undefined;
  }

  get domainEdit(): boolean {
    return this.domainEditSet ?? this.sheet.book.workspaceDomain !== undefined;
  }

  /** May this person edit the protected cells, and the protection itself? */
  allows(email: string): boolean {
    if (this.warningOnly || this.own === undefined) return true;
    const lower = email.toLowerCase();
    if (lower === '') return false;
    const book = this.sheet.book;
    if (lower === book.fake.owner.toLowerCase()) return true;
    if (this.own.some((e) => e.toLowerCase() === lower)) return true;
    return this.domainEdit && book.workspaceDomain !== undefined && lower.endsWith(`@${book.workspaceDomain.toLowerCase()}`);
  }

  // -- Protection --

  setDescription(description: string): FakeProtection {
    this.count('setDescription');
    this.requireEditable('setDescription');
    this.description = description;
    this.record('setDescription', [description]);
    return this;
  }

  getDescription(): string {
    this.count('getDescription');
    return this.description;
  }

  getEditors(): UserApi[] {
    this.count('getEditors');
    this.requireEditable('getEditors');
    return this.editors.map((e) => new FakeUser(e, this.sheet.fake.calls));
  }

  addEditors(emailAddresses: string[]): FakeProtection {
    this.count('addEditors');
    this.requireEditable('addEditors');
    const list = this.ownEditors();
    for (const e of emailAddresses) if (!list.some((x) => x.toLowerCase() === e.toLowerCase())) list.push(e);
    this.record('addEditors', [[...emailAddresses]]);
    return this;
  }

  removeEditors(emailAddresses: string[]): FakeProtection {
    this.count('removeEditors');
    this.requireEditable('removeEditors');
    const fake = this.sheet.fake;
    const kept = new Set([fake.owner, fake.effectiveUser].map((e) => e.toLowerCase()));
    const gone = new Set(emailAddresses.map((e) => e.toLowerCase()).filter((e) => !kept.has(e)));
    this.own = this.ownEditors().filter((e) => !gone.has(e.toLowerCase()));
    this.record('removeEditors', [[...emailAddresses]]);
    return this;
  }

  canDomainEdit(): boolean {
    this.count('canDomainEdit');
    this.requireEditable('canDomainEdit');
    return this.domainEdit;
  }

  setDomainEdit(editable: boolean): FakeProtection {
    this.count('setDomainEdit');
    this.requireEditable('setDomainEdit');
    if (this.sheet.book.workspaceDomain === undefined) {
      throw new Error('Exception: fake Protection.setDomainEdit: the spreadsheet does not belong to a Google Workspace domain (the reference says it throws; its wording is not known here).');
    }
    this.ownEditors();
    this.domainEditSet = editable;
    this.record('setDomainEdit', [editable]);
    return this;
  }

  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.count('setWarningOnly');
    this.requireEditable('setWarningOnly');
    this.warningOnly = warningOnly;
    this.record('setWarningOnly', [warningOnly]);
    return this;
  }

  isWarningOnly(): boolean {
    this.count('isWarningOnly');
    return this.warningOnly;
  }

  /** Real Protection#canEdit: may the effective user edit it? */
  canEdit(): boolean {
    this.count('canEdit');
    return this.allows(this.sheet.fake.effectiveUser);
  }

  getProtectionType(): ProtectionType {
    this.count('getProtectionType');
    return this.box ? PROTECTION_TYPE.RANGE : PROTECTION_TYPE.SHEET;
  }

  getRange(): FakeRange {
    this.count('getRange');
    const b = this.box ?? { top: 0, left: 0, bottom: this.sheet.maxRows - 1, right: this.sheet.maxColumns - 1 };
    return new FakeRange(this.sheet, b.top + 1, b.left + 1, b.bottom - b.top + 1, b.right - b.left + 1);
  }

  remove(): void {
    this.count('remove');
    this.requireEditable('remove');
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this);
    this.sheet.rangeProtections = this.sheet.rangeProtections.filter((p) => p !== this);
    this.record('remove', []);
  }
}

// -------------------------------------------------------------------------------------------------
// Range.protect()

/*
 * Range.protect() lives here with the rest of the protections: fake-range.ts stays as it was, and
 * FakeRange gets the method by module augmentation, the TypeScript handbook's pattern for adding a
 * method to a class from another module (https://www.typescriptlang.org/docs/handbook/declaration-merging.html#module-augmentation).
 * fake-range.ts imports nothing that imports this file, so FakeRange exists when this runs.
 */

declare module './fake-range.js' {
  interface FakeRange {
    protect(): FakeProtection;
  }
}

FakeRange.prototype.protect = function protect(this: FakeRange): FakeProtection {
  this.sheet.fake.calls.count('Range.protect');
  const p = new FakeProtection(this.sheet, this.box);
  this.sheet.rangeProtections.push(p);
  this.sheet.book.protectionLog.push({ on: p.where, call: 'protect', args: [] });
  return p;
};
