import { describe, expect, it } from 'vitest';
import { checkAdmins, decide, initialModel, LEVELS, visibleDirectories, type AccessModel, type Level } from '../../../core/access/model.js';

function team(): AccessModel {
  const model = initialModel({ id: 'Anna@Example.com', name: 'Anna' });
  model.users.push({ id: 'max@example.com', name: 'Max', role: 'Manager', active: true });
  model.users.push({ id: 'vera@example.com', name: 'Vera', role: 'Viewer', active: true });
  model.users.push({ id: 'old@example.com', name: 'Old', role: 'Admin', active: false });
  return model;
}

describe('decide', () => {
  it('a Viewer cannot add; a Manager edits only their own records; the creator is the first admin', () => {
    const m = team();
    expect(decide(m, 'vera@example.com', { kind: 'directory', directory: 'companies', action: 'create' })).toEqual({ allowed: false, missing: 'add on companies' });
    expect(decide(m, 'vera@example.com', { kind: 'directory', directory: 'companies', action: 'view' })).toEqual({ allowed: true });
    expect(decide(m, 'max@example.com', { kind: 'directory', directory: 'companies', action: 'create' })).toEqual({ allowed: true });
    expect(decide(m, 'max@example.com', { kind: 'directory', directory: 'companies', action: 'edit', owner: 'MAX@example.com' })).toEqual({ allowed: true });
    expect(decide(m, 'max@example.com', { kind: 'directory', directory: 'companies', action: 'edit', owner: 'anna@example.com' })).toEqual({ allowed: false, missing: 'full on companies' });
    expect(decide(m, 'max@example.com', { kind: 'directory', directory: 'companies', action: 'edit', owner: null })).toEqual({ allowed: false, missing: 'full on companies' });
    expect(decide(m, 'max@example.com', { kind: 'directory', directory: 'companies', action: 'delete', owner: 'max@example.com' })).toEqual({ allowed: false, missing: 'delete on companies' });
    expect(decide(m, 'anna@example.com', { kind: 'directory', directory: 'products', action: 'delete' })).toEqual({ allowed: true });
    expect(decide(m, 'max@example.com', { kind: 'right', right: 'import' })).toEqual({ allowed: false, missing: 'the right "import"' });
    expect(decide(m, 'anna@example.com', { kind: 'right', right: 'import' })).toEqual({ allowed: true });
  });

  it('refuses unknown and deactivated users, and users of a role that does not exist', () => {
    const m = team();
    m.users.push({ id: 'ghost@example.com', name: 'Ghost', role: 'Intern', active: true });
    const need = { kind: 'directory', directory: 'companies', action: 'view' } as const;
    // A new workbook lets people without an account view, as newcomers (they can read the sheets anyway).
    expect(decide(m, 'nobody@example.com', need)).toEqual({ allowed: true });
    expect(decide(m, 'nobody@example.com', { kind: 'directory', directory: 'companies', action: 'create' })).toEqual({ allowed: false, missing: 'add on companies' });
    m.newcomers = null;
    expect(decide(m, 'nobody@example.com', need)).toEqual({ allowed: false, missing: 'an account in this workbook (nobody@example.com has none)' });
    expect(decide(m, 'old@example.com', need)).toEqual({ allowed: false, missing: 'an active account (old@example.com is deactivated)' });
    expect(decide(m, 'ghost@example.com', need)).toEqual({ allowed: false, missing: 'a role (ghost@example.com\'s role "Intern" does not exist)' });
  });

  it('orders the levels: each allows what the ones below it allow', () => {
    const actions = ['view', 'create', 'edit'] as const;
    const allowed = (level: Level) => {
      const m: AccessModel = { users: [{ id: 'u', name: 'U', role: 'R', active: true }], roles: [{ name: 'R', directories: { books: { level, delete: false } }, rights: [] }] };
      return actions.map((action) => [decide(m, 'u', { kind: 'directory', directory: 'books', action, owner: 'u' }).allowed, decide(m, 'u', { kind: 'directory', directory: 'books', action, owner: 'other' }).allowed]);
    };
    expect(LEVELS.map((l) => [l, allowed(l)])).toEqual([
      ['none', [[false, false], [false, false], [false, false]]],
      ['view', [[true, true], [false, false], [false, false]]],
      ['own', [[true, true], [false, false], [true, false]]],
      ['add', [[true, true], [true, true], [true, false]]],
      ['full', [[true, true], [true, true], [true, true]]],
    ]);
  });

  it('shows a user only the directories they may view', () => {
    const m = team();
    m.roles.push({ name: 'Sales only', directories: { '*': { level: 'none', delete: false }, sales: { level: 'add', delete: false } }, rights: [] });
    m.users.push({ id: 'sam@example.com', name: 'Sam', role: 'Sales only', active: true });
    expect(visibleDirectories(m, 'sam@example.com', ['companies', 'sales', 'products'])).toEqual(['sales']);
  });
});

describe('checkAdmins', () => {
  it('refuses to leave the workbook without an active admin', () => {
    const m = team();
    const demoted = { ...m, users: m.users.map((u) => (u.id === 'Anna@Example.com' ? { ...u, role: 'Manager' } : u)) };
    let error: unknown;
    try {
      checkAdmins(demoted);
    } catch (e) {
      error = (e as { data: unknown }).data;
    }
    expect(error).toEqual({ code: 'E_FORBIDDEN', field: 'users', message: 'The last admin cannot be removed, deactivated or given another role: make someone else an admin first.' });
    expect(() => checkAdmins(m)).not.toThrow();
  });
});
