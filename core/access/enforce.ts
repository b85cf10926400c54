/**
 * The dispatcher's check (issue 12): before a command runs, each requirement its registry entry
 * declares (needs.ts) is decided against the acting user's role; the first one missing refuses the
 * command with E_FORBIDDEN naming the right or level, and the directory. Edits and deletes of a
 * record look up its owner (owner.ts). Commands get an `AccessView` to filter what they show.
 */

import { fail } from '../errors.js';
import { Crm } from '../records/crm.js';
import { directoryNamed } from '../schema/lookup.js';
import type { Meta } from '../schema/storage.js';
import type { DirectoryDef } from '../schema/types.js';
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

const ACTION_WORDS: Record<string, string> = {
  view: 'see',
  create: 'add records to',
  edit: 'edit',
  delete: 'delete records from',
};

/** Everything allowed: a workbook before rights, or before Carnet. */
export function openView(actor: UserInfo): AccessView {
  return { actor, enforced: false, canView: () => true, require: async () => undefined };
}

function who(actor: UserInfo, user?: User, role?: Role): string {
  return `${actor.id || 'someone Google did not name'}${role ? ` (${role.name})` : user ? ` (${user.role})` : ''}`;
}

function refuse(message: string, right: string, directory?: string, value?: string): never {
  fail({ code: 'E_FORBIDDEN', message, right, ...(directory ? { directory } : {}), ...(value !== undefined ? { value } : {}) });
}

/** The account behind the actor, or a refusal saying why there is none. */
function account(model: AccessModel, actor: UserInfo): { user: User; role: Role } {
  if (!actor.id.trim()) {
    refuse('Carnet cannot tell who you are (the spreadsheet gave no email address or login), so it cannot check your rights. Sign in to your account, or ask an admin.', 'account');
  }
  const user = accountOf(model, actor.id);
  if (!user) refuse(`${actor.id} has no account in this workbook: ask an admin to add you (Settings → Users & rights, or \`carnet user add\`).`, 'account', undefined, actor.id);
  if (!user.active) refuse(`${user.id}'s account in this workbook is deactivated: ask an admin.`, 'account', undefined, user.id);
  const role = roleOf(model, user);
  if (!role) refuse(`${user.id}'s role "${user.role}" does not exist in this workbook: ask an admin to give them another.`, 'role', undefined, user.id);
  return { user, role };
}

function label(crm: Crm, dir: DirectoryDef): string {
  return dir.labels[crm.schema.lang];
}

async function decideOne(crm: Crm, model: AccessModel, actor: UserInfo, user: User, role: Role, req: Requirement): Promise<void> {
  if ('right' in req) {
    if (!role.rights.includes(req.right as SpecialRight)) refuse(`${who(actor, user, role)} may not do this: it needs the right "${req.right}", which the role ${role.name} does not have.`, req.right);
    return;
  }
  const dir = directoryNamed(crm.schema, req.directory);
  if (!dir) return; // the command itself says the directory does not exist
  const { level, delete: canDelete } = directoryRights(role, dir.key);
  const name = label(crm, dir);
  const need = (l: Level, what: string) => {
    if (rank(level) < rank(l)) refuse(`${who(actor, user, role)} may not ${what}: that needs "${l}" on ${name}, and the role ${role.name} has "${level}".`, l, dir.key);
  };
  switch (req.action) {
    case 'view':
      return need('view', `see ${name}`);
    case 'create':
      return need('add', `add records to ${name}`);
    case 'edit':
    case 'delete': {
      if (req.action === 'delete' && !canDelete) refuse(`${who(actor, user, role)} may not delete records from ${name}: the role ${role.name} has no delete right there.`, 'delete', dir.key);
      if (rank(level) >= rank('full')) return;
      const verb = ACTION_WORDS[req.action];
      if (req.record === undefined) return need('full', `${verb} ${name} records of others`);
      const owned = await ownerOf(crm, dir, req.record);
      if (!owned) return need('own', `${verb} ${name}`); // no such record: the command says so, if allowed at all
      const mine = owned.owner !== null && (same(owned.owner, user.id) || same(owned.owner, user.name));
      if (mine) return need('own', `${verb} ${owned.record} in ${name}`);
      refuse(
        `${who(actor, user, role)} may not ${req.action} ${owned.record} in ${name}: it is ${owned.owner ? `${owned.owner}'s` : 'nobody’s'}, and changing others' records needs "full" (the role ${role.name} has "${level}").`,
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
