/**
 * Who may do what (issue 12): users, roles, a level per directory, a separate delete right, and
 * special rights. This file is the model and its one decision function, `decide`; the command
 * registry's enforcement (enforce.ts), the protection plan and the audit log build on it.
 *
 * Levels, from least to most:
 * - none: the directory is not shown at all;
 * - view: read only;
 * - own: edit the records the user owns (no new ones);
 * - add: create records, and edit the ones the user owns;
 * - full: create, and edit everyone's records.
 * Deleting is a separate right per directory, and deleting someone else's record also needs full.
 * A record's owner is its owner / manager field (a `user` field named owner), else its creator.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { PasswordHash } from './password-hash.js';

export const LEVELS = ['none', 'view', 'own', 'add', 'full'] as const;
export type Level = (typeof LEVELS)[number];

export const SPECIAL_RIGHTS = ['import', 'export', 'useTemplates', 'manageTemplates', 'useReports', 'manageReports', 'configure', 'manageUsers'] as const;
export type SpecialRight = (typeof SPECIAL_RIGHTS)[number];

/** `*` is every directory a role does not name. */
export type DirectoryRights = Record<string, { level: Level; delete: boolean }>;

export interface Role {
  name: string;
  directories: DirectoryRights;
  rights: SpecialRight[];
  /** Admin is the role that can never be left without an active user. */
  admin?: boolean;
}

export interface User {
  /** Email (Google), login or profile name (Excel, local), compared case-insensitively. */
  id: string;
  name: string;
  role: string;
  active: boolean;
  /** Local login and Excel's admin actions: a scrypt hash only (password.ts). */
  password?: PasswordHash;
}

export interface AccessModel {
  users: User[];
  roles: Role[];
  /**
   * The role of someone opening the workbook without an account (a colleague the sheet is shared
   * with, before an admin adds them); null: they may do nothing through Carnet. A new workbook
   * says Viewer: they can read every sheet anyway (see the README's threat model).
   */
  newcomers?: string | null;
}

/** What an action needs. */
export type Need =
  | { kind: 'directory'; directory: string; action: 'view' | 'create' | 'edit' | 'delete'; owner?: string | null }
  | { kind: 'right'; right: SpecialRight };

export type Decision = { allowed: true } | { allowed: false; missing: string };

const rank = (l: Level) => LEVELS.indexOf(l);
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The three roles every workbook starts with; admins can add more. */
export function defaultRoles(): Role[] {
  return [
    { name: 'Admin', admin: true, directories: { '*': { level: 'full', delete: true } }, rights: [...SPECIAL_RIGHTS] },
    {
      name: 'Manager',
      directories: {
        '*': { level: 'view', delete: false },
        companies: { level: 'add', delete: false },
        contacts: { level: 'add', delete: false },
        sales: { level: 'add', delete: false },
        notes: { level: 'add', delete: false },
        deals: { level: 'add', delete: false },
        tasks: { level: 'add', delete: false },
      },
      rights: ['export', 'useTemplates', 'useReports'],
    },
    { name: 'Viewer', directories: { '*': { level: 'view', delete: false } }, rights: ['useReports'] },
  ];
}

/** A new workbook's model: its creator is the first admin. */
export function initialModel(creator: { id: string; name: string }): AccessModel {
  return { users: [{ id: creator.id, name: creator.name, role: 'Admin', active: true }], roles: defaultRoles(), newcomers: 'Viewer' };
}

export function findUser(model: AccessModel, id: string): User | undefined {
  return model.users.find((u) => same(u.id, id));
}

/** The account of `id`, or — without one — a newcomer's with the newcomers' role, if any. */
export function accountOf(model: AccessModel, id: string): User | undefined {
  const user = findUser(model, id);
  if (user) return user;
  if (!id.trim() || !model.newcomers) return undefined;
  return { id, name: id, role: model.newcomers, active: true };
}

export function roleOf(model: AccessModel, user: User): Role | undefined {
  return model.roles.find((r) => same(r.name, user.role));
}

/** A role's rights on one directory: its own entry, else its `*` entry, else none. */
export function directoryRights(role: Role, directory: string): { level: Level; delete: boolean } {
  return role.directories[directory] ?? role.directories['*'] ?? { level: 'none', delete: false };
}

/**
 * Whether `userId` may do what `need` says. An unknown or inactive user may do nothing. Editing or
 * deleting a record someone else owns needs `full`; a record with no owner counts as someone else's.
 */
export function decide(model: AccessModel, userId: string, need: Need): Decision {
  const user = accountOf(model, userId);
  if (!user || !user.active) return { allowed: false, missing: user ? say('an active account ({id} is deactivated)', { id: user.id }) : say('an account in this workbook ({id} has none)', { id: userId }) };
  const role = roleOf(model, user);
  if (!role) return { allowed: false, missing: say('a role ({id}\'s role "{role}" does not exist)', { id: user.id, role: user.role }) };
  if (need.kind === 'right') return role.rights.includes(need.right) ? { allowed: true } : { allowed: false, missing: say('the right "{right}"', { right: need.right }) };
  const { level, delete: canDelete } = directoryRights(role, need.directory);
  const mine = need.owner !== undefined && need.owner !== null && same(need.owner, user.id);
  const atLeast = (l: Level): Decision => (rank(level) >= rank(l) ? { allowed: true } : { allowed: false, missing: say('{level} on {directory}', { level: l, directory: need.directory }) });
  switch (need.action) {
    case 'view':
      return atLeast('view');
    case 'create':
      return atLeast('add');
    case 'edit':
      return mine ? atLeast('own') : atLeast('full');
    case 'delete':
      if (!canDelete) return { allowed: false, missing: say('delete on {directory}', { directory: need.directory }) };
      return mine ? atLeast('own') : atLeast('full');
  }
}

/** The directories a user may see (lists, searches, the card, reports, exports, documents). */
export function visibleDirectories(model: AccessModel, userId: string, directories: readonly string[]): string[] {
  return directories.filter((d) => decide(model, userId, { kind: 'directory', directory: d, action: 'view' }).allowed);
}

/** Refuses a change of users or roles that would leave no active admin. */
export function checkAdmins(next: AccessModel): void {
  const adminRoles = new Set(next.roles.filter((r) => r.admin).map((r) => r.name.toLowerCase()));
  const admins = next.users.filter((u) => u.active && adminRoles.has(u.role.toLowerCase()));
  if (admins.length === 0) {
    fail({ code: 'E_FORBIDDEN', field: 'users', message: say('The last admin cannot be removed, deactivated or given another role: make someone else an admin first.') });
  }
}
