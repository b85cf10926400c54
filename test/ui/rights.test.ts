/**
 * What the sidebar offers from `me` (ui/rights.ts): the same rule as the core's `decide` for what it
 * can see — levels, the delete right, and "own" read from the record's owner field.
 */

import { describe, expect, it } from 'vitest';
import type { RecordJson } from '../../core/records/record-json.js';
import { defaultCrmSchema } from '../../core/schema/default-crm.js';
import { can, isMine, mayCreate, mayDelete, mayEdit, mayView, missingRight, unrestricted, type Me } from '../../ui/rights.js';

const schema = defaultCrmSchema('en');

function me(directories: Me['directories'], rights: Me['rights'] = []): Me {
  return { enforced: true, user: { id: 'max@example.com', name: 'Max', role: 'Manager' }, admin: false, rights, directories };
}

const record = (values: RecordJson['values']): RecordJson => ({ id: 'X-1', row: 2, display: 'X', values });

describe('what the sidebar offers', () => {
  describe('by level', () => {
    const manager = me([
      { key: 'companies', level: 'add', delete: false },
      { key: 'sales', level: 'own', delete: true },
      { key: 'deals', level: 'full', delete: true },
      { key: 'products', level: 'view', delete: false },
      { key: 'tasks', level: 'none', delete: false },
    ]);
    const maxs = record({ owner: 'MAX@example.com ' });
    const zoes = record({ owner: 'zoe@example.com' });

    it('hides a directory at none, shows it from view', () => {
      expect([mayView(manager, 'tasks'), mayView(manager, 'products'), mayView(manager, 'companies')]).toEqual([false, true, true]);
    });

    it('offers adding from add, not at own or view', () => {
      expect([mayCreate(manager, 'companies'), mayCreate(manager, 'sales'), mayCreate(manager, 'products'), mayCreate(manager, 'deals')]).toEqual([true, false, false, true]);
    });

    it('offers editing their own records at own and add, everyone’s at full, none at view', () => {
      expect([mayEdit(manager, schema, 'companies', maxs), mayEdit(manager, schema, 'companies', zoes)]).toEqual([true, false]);
      expect([mayEdit(manager, schema, 'sales', maxs), mayEdit(manager, schema, 'sales', zoes)]).toEqual([true, false]);
      expect(mayEdit(manager, schema, 'deals', zoes)).toBe(true);
      expect(mayEdit(manager, schema, 'products', maxs)).toBe(false);
    });

    it('offers deleting only with the delete right, and then only what they may edit', () => {
      expect([mayDelete(manager, schema, 'companies', maxs), mayDelete(manager, schema, 'sales', maxs), mayDelete(manager, schema, 'sales', zoes), mayDelete(manager, schema, 'deals', zoes)]).toEqual([
        false,
        true,
        false,
        true,
      ]);
    });
  });

  describe('whose a record is', () => {
    const m = me([]);
    it('reads the owner field, else the directory’s first user field (a note’s author), by id or name', () => {
      expect(isMine(m, schema, 'companies', record({ owner: 'max@example.com' }))).toBe(true);
      expect(isMine(m, schema, 'companies', record({ owner: 'max' }))).toBe(true);
      expect(isMine(m, schema, 'notes', record({ author: 'max@example.com' }))).toBe(true);
    });

    it('counts an empty owner as not theirs: the creator is in the audit log, which the sidebar does not read', () => {
      expect(isMine(m, schema, 'companies', record({ owner: null }))).toBe(false);
      expect(isMine(m, schema, 'companies', record({ owner: '  ' }))).toBe(false);
    });
  });

  describe('the screens and their rights', () => {
    it('names the right a screen lacks; Templates opens with either template right', () => {
      const viewer = me([], ['useReports']);
      expect(missingRight(viewer, 'import')).toBe('import');
      expect(missingRight(viewer, 'reports')).toBeUndefined();
      expect(missingRight(viewer, 'templates')).toBe('useTemplates');
      expect(missingRight(me([], ['manageTemplates']), 'templates')).toBeUndefined();
      expect(missingRight(viewer, 'access')).toBe('manageUsers');
      // Check and Tidy up rewrite everyone's rows: configure, as the core's tidy.apply asks.
      expect(missingRight(viewer, 'check')).toBe('configure');
      expect(missingRight(me([], ['configure']), 'check')).toBeUndefined();
      expect([missingRight(viewer, 'rights'), missingRight(viewer, 'settings'), missingRight(viewer, 'home')]).toEqual([undefined, undefined, undefined]);
    });

    it('allows everything where rights are not set up', () => {
      const open = unrestricted({ id: 'ada@example.com', name: 'Ada', role: null });
      expect([can(open, 'manageUsers'), mayEdit(open, schema, 'companies', record({ owner: 'zoe@example.com' })), mayDelete(open, schema, 'sales', record({}))]).toEqual([true, true, true]);
      expect(missingRight(open, 'import')).toBeUndefined();
    });
  });
});
