/**
 * Where the rights live: the `access` entry of `_carnet` (core/schema/storage.ts keeps entries it
 * does not know, so an older Carnet never drops them). A workbook without it has rights switched
 * off, as every workbook made before issue 12: everything is allowed until an admin adds a user
 * (`user.add`), which makes the person doing it the first admin. `crm.setup` starts a new
 * workbook with its creator as admin.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { Meta } from '../schema/storage.js';
import { LEVELS, SPECIAL_RIGHTS, type AccessModel, type Role, type User } from './model.js';
import { isPasswordHash } from './password-hash.js';

export const ACCESS_KEY = 'access';
/** When and by whom the sheets were last protected from the rights (`protect.apply`). */
export const PROTECTION_KEY = 'protection';

function corrupt(detail: string): never {
  fail({
    code: 'E_CORRUPT',
    sheet: '_carnet',
    field: ACCESS_KEY,
    message: say('Carnet\'s settings sheet "_carnet" is damaged: its "{entry}" entry {detail}. Restore it from the backup or version history.', { entry: ACCESS_KEY, detail }),
  });
}

function checkUser(u: unknown, i: number): User {
  const x = u as User;
  if (typeof x !== 'object' || x === null || typeof x.id !== 'string' || typeof x.name !== 'string' || typeof x.role !== 'string' || typeof x.active !== 'boolean') {
    corrupt(say('has a user #{n} without an id, name, role and active flag', { n: i + 1 }));
  }
  if (x.password !== undefined && !isPasswordHash(x.password)) corrupt(say('has a password of {id} that is not a scrypt hash', { id: x.id }));
  return x;
}

function checkRole(r: unknown, i: number): Role {
  const x = r as Role;
  if (typeof x !== 'object' || x === null || typeof x.name !== 'string' || typeof x.directories !== 'object' || x.directories === null || !Array.isArray(x.rights)) {
    corrupt(say('has a role #{n} without a name, directories and rights', { n: i + 1 }));
  }
  for (const [dir, d] of Object.entries(x.directories)) {
    if (!d || !(LEVELS as readonly string[]).includes(d.level) || typeof d.delete !== 'boolean') corrupt(say('gives role "{role}" an unknown level on "{directory}"', { role: x.name, directory: dir }));
  }
  for (const right of x.rights) if (!(SPECIAL_RIGHTS as readonly string[]).includes(right)) corrupt(say('gives role "{role}" an unknown right "{right}"', { role: x.name, right: String(right) }));
  return x;
}

/** The model, or undefined when rights are off; E_CORRUPT naming the entry when it is malformed. */
export function readAccess(meta: Meta): AccessModel | undefined {
  const raw = meta.extra[ACCESS_KEY];
  if (raw === undefined) return undefined;
  const x = raw as AccessModel;
  if (typeof x !== 'object' || x === null || !Array.isArray(x.users) || !Array.isArray(x.roles)) corrupt(say('is not a list of users and roles'));
  if (x.newcomers !== undefined && x.newcomers !== null && typeof x.newcomers !== 'string') corrupt(say('names the newcomers\' role with something else than a role name'));
  return { users: x.users.map(checkUser), roles: x.roles.map(checkRole), newcomers: x.newcomers ?? null };
}

export function writeAccess(meta: Meta, model: AccessModel): void {
  meta.extra[ACCESS_KEY] = model;
}

/** The model without password hashes, for anything shown or sent to a UI. */
export function publicAccess(model: AccessModel): { users: (Omit<User, 'password'> & { hasPassword: boolean })[]; roles: Role[]; newcomers: string | null } {
  return {
    users: model.users.map(({ password, ...u }) => ({ ...u, hasPassword: password !== undefined })),
    roles: model.roles,
    newcomers: model.newcomers ?? null,
  };
}
