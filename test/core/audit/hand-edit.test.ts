/**
 * Edits typed by hand into a directory's sheet, as audit entries (core/audit/hand-edit.ts): one
 * entry per edited cell of a Carnet column, flagged when the person's rights do not allow it.
 */

import { describe, expect, it } from 'vitest';
import { defaultRoles, type AccessModel } from '../../../core/access/model.js';
import type { AuditEntry } from '../../../core/audit/log.js';
import {
  creatorsFrom,
  HAND_EDIT_COMMAND,
  handEditEntries,
  requireHandEditsAdmin,
  UNKNOWN_OLD,
  type HandEdit,
} from '../../../core/audit/hand-edit.js';
import { CarnetError } from '../../../core/errors.js';
import { defaultCrmSchema } from '../../../core/schema/default-crm.js';
import type { Meta } from '../../../core/schema/storage.js';
import type { Cell } from '../../../core/workbook.js';

const WHEN = 46357.5;
const meta: Meta = { version: 1, schema: defaultCrmSchema('en'), counters: {}, extra: {} };
const model: AccessModel = {
  users: [
    { id: 'ann@example.com', name: 'Ann', role: 'Admin', active: true },
    { id: 'mona@example.com', name: 'Mona', role: 'Manager', active: true },
    { id: 'vic@example.com', name: 'Vic', role: 'Viewer', active: true },
    { id: 'old@example.com', name: 'Old', role: 'Manager', active: false },
  ],
  roles: defaultRoles(),
  newcomers: null,
};

/** Companies: A ID, B Name, C Phone, D Owner, E a team's own column. */
const HEADER: Cell[] = ['ID', 'Name', 'Phone', 'Owner', 'My notes'];
const SHEET: Cell[][] = [
  HEADER,
  ['CO-000001', 'Acme', '+33 1 00 00 00 01', 'mona@example.com', ''],
  ['CO-000002', 'Globex', '+33 1 00 00 00 02', 'bob@example.com', ''],
  ['CO-000003', 'Initech', '', '', ''],
];

/** A single-cell edit by `user` of sheet cell (row, column), 1-based, to `value`. */
function typed(user: string, row: number, column: number, oldValue: Cell | undefined, value: Cell, sheet = SHEET): HandEdit {
  const rows = sheet.map((r) => [...r]);
  rows[row - 1]![column - 1] = value;
  return { when: WHEN, user, sheet: 'Companies', range: { row, column, rows: 1, columns: 1 }, oldValue: oldValue ?? undefined, value, header: rows[0]!, rows: [rows[row - 1]!] };
}

const brief = (e: AuditEntry) => [e.record, e.field, e.old, e.new, e.flag ?? ''];

describe('A hand edit in a directory sheet', () => {
  it('is one entry: (by hand), the directory, the record ID, the field, old → new, who and when', () => {
    expect(handEditEntries(meta, model, typed('mona@example.com', 2, 3, '+33 1 00 00 00 01', '+33 6 12 34 56 78'))).toEqual([
      { when: WHEN, who: 'mona@example.com', command: HAND_EDIT_COMMAND, directory: 'companies', record: 'CO-000001', field: 'phone', old: '+33 1 00 00 00 01', new: '+33 6 12 34 56 78' },
    ]);
  });

  it('on someone else’s record is flagged for a role below full', () => {
    expect(handEditEntries(meta, model, typed('mona@example.com', 3, 2, 'Globex', 'Globex Corp')).map(brief)).toEqual([
      ['CO-000002', 'name', 'Globex', 'Globex Corp', "not allowed: editing another's record needs full (Manager has add)"],
    ]);
    // An admin has full: the same edit is theirs to make.
    expect(handEditEntries(meta, model, typed('ann@example.com', 3, 2, 'Globex', 'Globex Corp'))[0]!.flag).toBeUndefined();
  });

  it('of the ID column is flagged: IDs are Carnet’s, whoever types them (the record is the ID before)', () => {
    expect(handEditEntries(meta, model, typed('ann@example.com', 2, 1, 'CO-000001', 'CO-9')).map(brief)).toEqual([['CO-000001', 'ID', 'CO-000001', 'CO-9', "not allowed: IDs are Carnet's"]]);
  });

  it('by a viewer is flagged', () => {
    expect(handEditEntries(meta, model, typed('vic@example.com', 2, 3, '+33 1 00 00 00 01', '')).map(brief)).toEqual([
      ['CO-000001', 'phone', '+33 1 00 00 00 01', '', 'not allowed: editing Companies needs own (Viewer has view)'],
    ]);
  });

  it('by someone without an account, deactivated, or whom Google did not name, is flagged', () => {
    const flag = (user: string) => handEditEntries(meta, model, typed(user, 2, 3, 'x', 'y'))[0]!.flag;
    expect(flag('eve@example.com')).toBe('no account: eve@example.com has none in this workbook');
    expect(flag('old@example.com')).toBe("no account: old@example.com's account is deactivated");
    expect(flag('')).toBe('no account: Google did not say who made this edit');
  });

  it('of a record without an owner asks the log who created it', () => {
    const log: AuditEntry[] = [
      { when: 1, who: 'mona@example.com', command: 'record.create', directory: 'companies', record: 'CO-000003', field: 'name', old: '', new: 'Initech' },
      { when: 2, who: 'ann@example.com', command: 'record.update', directory: 'companies', record: 'CO-000003', field: 'phone', old: '', new: '1' },
    ];
    expect(handEditEntries(meta, model, typed('mona@example.com', 4, 3, undefined, '+33 1'), creatorsFrom(log))[0]!.flag).toBeUndefined();
    expect(handEditEntries(meta, model, typed('mona@example.com', 4, 3, undefined, '+33 1'))[0]!.flag).toBe("not allowed: editing another's record needs full (Manager has add)");
  });

  it('that hands a record to oneself is judged on its owner before the edit', () => {
    expect(handEditEntries(meta, model, typed('mona@example.com', 3, 4, 'bob@example.com', 'mona@example.com'))[0]!.flag).toBe(
      "not allowed: editing another's record needs full (Manager has add)",
    );
  });

  it('typing a new record in needs add (it has no ID yet: the record is its name)', () => {
    const withRow = [...SHEET, ['', '', '', '', '']];
    expect(handEditEntries(meta, model, typed('mona@example.com', 5, 2, undefined, 'Umbrella', withRow)).map(brief)).toEqual([['Umbrella', 'name', '', 'Umbrella', '']]);
    expect(handEditEntries(meta, model, typed('vic@example.com', 5, 2, undefined, 'Umbrella', withRow))[0]!.flag).toBe('not allowed: adding records to Companies needs add (Viewer has view)');
  });

  it('renaming a header is flagged: fields are renamed through Carnet', () => {
    expect(handEditEntries(meta, model, typed('ann@example.com', 1, 2, 'Name', 'Company')).map(brief)).toEqual([
      ['(header)', 'name', 'Name', 'Company', "not allowed: headers are Carnet's (rename a field through Carnet)"],
    ]);
  });

  it('is only flagged for Carnet’s own cells while rights are off', () => {
    expect(handEditEntries(meta, undefined, typed('vic@example.com', 3, 2, 'Globex', 'G'))[0]!.flag).toBeUndefined();
    expect(handEditEntries(meta, undefined, typed('vic@example.com', 3, 1, 'CO-000002', 'X'))[0]!.flag).toBe("not allowed: IDs are Carnet's");
  });

  it('leaves nothing for a team’s own column, or a value typed again unchanged', () => {
    expect(handEditEntries(meta, model, typed('vic@example.com', 2, 5, '', 'call back'))).toEqual([]);
    expect(handEditEntries(meta, model, typed('vic@example.com', 2, 2, 'Acme', 'Acme'))).toEqual([]);
  });

  it('of one pasted cell (Google gives neither value) logs the old value as not known', () => {
    const paste = { ...typed('mona@example.com', 2, 3, undefined, '+33 9'), value: undefined };
    expect(handEditEntries(meta, model, paste)[0]!.old).toBe(UNKNOWN_OLD);
  });
});

describe('A multi-cell hand edit (a paste, a fill)', () => {
  const rows = [
    ['CO-000001', 'Acme', '+33 1', 'mona@example.com', 'mine'],
    ['CO-000002', 'Globex', '+33 2', 'bob@example.com', 'mine'],
  ];
  const paste = (column: number, columns: number): HandEdit => ({ when: WHEN, user: 'mona@example.com', sheet: 'companies', range: { row: 2, column, rows: 2, columns }, header: HEADER, rows });

  it('is one entry per cell of a Carnet column, the old value not known (Google gives it for single cells only)', () => {
    expect(handEditEntries(meta, model, paste(3, 1)).map(brief)).toEqual([
      ['CO-000001', 'phone', UNKNOWN_OLD, '+33 1', ''],
      ['CO-000002', 'phone', UNKNOWN_OLD, '+33 2', "not allowed: editing another's record needs full (Manager has add)"],
    ]);
  });

  it('over the owner column leaves whose each record was unknown: a role below full is flagged', () => {
    expect(handEditEntries(meta, model, { ...paste(3, 3), range: { row: 2, column: 3, rows: 1, columns: 3 }, rows: [rows[0]!] }).map(brief)).toEqual([
      ['CO-000001', 'phone', UNKNOWN_OLD, '+33 1', "not allowed: editing another's record needs full (Manager has add)"],
      ['CO-000001', 'owner', UNKNOWN_OLD, 'mona@example.com', "not allowed: editing another's record needs full (Manager has add)"],
    ]);
  });
});

describe('An edit outside directory sheets', () => {
  it('leaves no entry', () => {
    expect(handEditEntries(meta, model, { ...typed('vic@example.com', 2, 2, 'a', 'b'), sheet: 'My sheet' })).toEqual([]);
    expect(handEditEntries(meta, model, { ...typed('vic@example.com', 2, 2, 'a', 'b'), sheet: 'Audit' })).toEqual([]);
  });
});

describe('Turning the recording of hand edits on or off', () => {
  const refusal = (actor: { id: string; name: string }, m: AccessModel | undefined) => {
    try {
      requireHandEditsAdmin(m, actor);
    } catch (e) {
      return (e as CarnetError).data;
    }
    return undefined;
  };

  it('is for admins (the right manageUsers) only', () => {
    expect(refusal({ id: 'ann@example.com', name: 'Ann' }, model)).toBeUndefined();
    expect(refusal({ id: 'mona@example.com', name: 'Mona' }, model)).toEqual({
      code: 'E_FORBIDDEN',
      right: 'manageUsers',
      value: 'mona@example.com',
      message: 'mona@example.com may not turn the recording of hand edits on or off: that needs the right "manageUsers", which admins have.',
    });
    expect(refusal({ id: '', name: '' }, model)).toMatchObject({ code: 'E_FORBIDDEN', right: 'account' });
    expect(refusal({ id: 'ann@example.com', name: 'Ann' }, undefined)).toMatchObject({ code: 'E_FORBIDDEN', right: 'manageUsers' });
  });
});
