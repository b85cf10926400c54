/**
 * The dispatcher's check (issue 12): before a command runs, each requirement its registry entry
 * declares (needs.ts) is decided against the acting user's role; the first one missing refuses the
 * command with E_FORBIDDEN naming the right or level, and the directory. Edits and deletes of a
 * record look up its owner (owner.ts). Commands get an `AccessView` to filter what they show.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { Crm } from '../records/crm.js';
import { directoryNamed } from '../schema/lookup.js';
import type { Meta } from '../schema/storage.js';
import type { UserInfo, Workbook } from '../workbook.js';
import { accountOf, directoryRights, LEVELS, roleOf, type AccessModel, type Level, type Role, type SpecialRight, type User } from './model.js';
import type { Access, Requirement } from './needs.js';
import { ownerOf } from './owner.js';
import { readAccess } from './store.js';

export interface AccessView {
  actor: UserInfo;
  /** False when the workbook has no rights set up yet: everything is allowed. */
  enforced: boolean;
  user?: User;
  role?: Role;
  /** Whether the user may see a directory (by key): lists, searches, the card, reports, exports. */
  canView(directory: string): boolean;
  /** A requirement a command learns only while running (a built-in template's directory). */
  require(req: Requirement): Promise<void>;
}

const rank = (l: Level) => LEVELS.indexOf(l);
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Everything allowed: a workbook before rights, or before Carnet. */
export function openView(actor: UserInfo): AccessView {
  return { actor, enforced: false, canView: () => true, require: async () => undefined };
}

function who(actor: UserInfo, user?: User, role?: Role): string {
  const id = actor.id || say('someone Google did not name');
  const as = role?.name ?? user?.role;
  return as === undefined ? id : say('{id} ({role})', { id, role: as });
}

function refuse(message: string, right: string, directory?: string, value?: string): never {
  fail({ code: 'E_FORBIDDEN', message, right, ...(directory ? { directory } : {}), ...(value !== undefined ? { value } : {}) });
}

/** The account behind the actor, or a refusal saying why there is none. */
function account(model: AccessModel, actor: UserInfo): { user: User; role: Role } {
  if (!actor.id.trim()) {
    refuse(say('Carnet cannot tell who you are (the spreadsheet gave no email address or login), so it cannot check your rights. Sign in to your account, or ask an admin.'), 'account');
  }
  const user = accountOf(model, actor.id);
  if (!user) refuse(say('{id} has no account in this workbook: ask an admin to add you (Settings → Users & rights, or `carnet user add`).', { id: actor.id }), 'account', undefined, actor.id);
  if (!user.active) refuse(say("{id}'s account in this workbook is deactivated: ask an admin.", { id: user.id }), 'account', undefined, user.id);
  const role = roleOf(model, user);
  if (!role) refuse(say('{id}\'s role "{role}" does not exist in this workbook: ask an admin to give them another.', { id: user.id, role: user.role }), 'role', undefined, user.id);
  return { user, role };
}

async function decideOne(crm: Crm, model: AccessModel, actor: UserInfo, user: User, role: Role, req: Requirement): Promise<void> {
  const by = who(actor, user, role);
  if ('right' in req) {
    if (!role.rights.includes(req.right as SpecialRight)) refuse(say('{who} may not do this: it needs the right "{right}", which the role {role} does not have.', { who: by, right: req.right, role: role.name }), req.right);
    return;
  }
  const dir = directoryNamed(crm.schema, req.directory);
  if (!dir) return; // the command itself says the directory does not exist
  const { level, delete: canDelete } = directoryRights(role, dir.key);
  const directory = named(dir.labels);
  const need = (l: Level, what: string) => {
    if (rank(level) < rank(l)) refuse(say('{who} may not {what}: that needs "{need}" on {directory}, and the role {role} has "{level}".', { who: by, what, need: l, directory, role: role.name, level }), l, dir.key);
  };
  switch (req.action) {
    case 'view':
      return need('view', say('see {directory}', { directory }));
    case 'create':
      return need('add', say('add records to {directory}', { directory }));
    case 'edit':
    case 'delete': {
      const edit = req.action === 'edit';
      if (!edit && !canDelete) refuse(say('{who} may not delete records from {directory}: the role {role} has no delete right there.', { who: by, directory, role: role.name }), 'delete', dir.key);
      if (rank(level) >= rank('full')) return;
      if (req.record === undefined) return need('full', edit ? say('edit {directory} records of others', { directory }) : say('delete records from {directory} records of others', { directory }));
      const owned = await ownerOf(crm, dir, req.record);
      // no such record: the command says so, if allowed at all
      if (!owned) return need('own', edit ? say('edit {directory}', { directory }) : say('delete records from {directory}', { directory }));
      const record = owned.record;
      const mine = owned.owner !== null && (same(owned.owner, user.id) || same(owned.owner, user.name));
      if (mine) return need('own', edit ? say('edit {record} in {directory}', { record, directory }) : say('delete records from {record} in {directory}', { record, directory }));
      const what = edit ? say('edit {record} in {directory}', { record, directory }) : say('delete {record} in {directory}', { record, directory });
      refuse(
        owned.owner
          ? say('{who} may not {what}: it is {owner}\'s, and changing others\' records needs "full" (the role {role} has "{level}").', { who: by, what, owner: owned.owner, role: role.name, level })
          : say('{who} may not {what}: it is nobody’s, and changing others\' records needs "full" (the role {role} has "{level}").', { who: by, what, role: role.name, level }),
        'full',
        dir.key,
        owned.record,
      );
    }
  }
}

/**
 * Checks a command's declared needs for `actor`. `meta` undefined (no Carnet yet) or without an
 * `access` entry: rights are off, everything is allowed.
 */
export async function enforce(wb: Workbook, meta: Meta | undefined, access: Access, input: unknown, actor: UserInfo): Promise<AccessView> {
  const model = meta ? readAccess(meta) : undefined;
  if (!meta || !model) return openView(actor);
  const crm = Crm.fresh(wb, meta);
  const needs = await access.needs(input, crm);
  // A command that needs nothing (`me`, the profiles to pick from) runs without an account; it sees nothing.
  if (needs.length === 0 && !accountOf(model, actor.id)?.active) {
    return {
      actor,
      enforced: true,
      canView: () => false,
      require: async () => {
        account(model, actor);
      },
    };
  }
  const { user, role } = account(model, actor);
  for (const req of needs) await decideOne(crm, model, actor, user, role, req);
  return {
    actor,
    enforced: true,
    user,
    role,
    canView: (directory) => rank(directoryRights(role, directory).level) >= rank('view'),
    require: (req) => decideOne(crm, model, actor, user, role, req),
  };
}
