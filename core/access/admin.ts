/**
 * What the user, role and protection commands do (issue 12), loaded when one runs: the registry
 * (core/app/access-commands.ts) declares them and what they need. Only people with the right "manageUsers" (the
 * Admin role) change them; `me` tells anyone what they may do, so the UI hides the rest.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { checkAdmins, defaultRoles, directoryRights, findUser, initialModel, LEVELS, SPECIAL_RIGHTS, type AccessModel, type Role } from './model.js';
import { PROTECTION_KEY, publicAccess, readAccess, writeAccess } from './store.js';
import { Crm } from '../records/crm.js';
import { directoryNamed, fold } from '../schema/lookup.js';
import type { Context } from '../app/command.js';
import type { Check } from '../app/input.js';
import { inputs } from './admin-inputs.js';

const same = (a: string, b: string) => fold(a) === fold(b);

/** The model to change: the stored one, or — rights being off — one whose first admin is the actor. */
async function modelFor(ctx: Context, crm: Crm): Promise<AccessModel> {
  const stored = readAccess(crm.meta);
  // JSON, not structuredClone: Apps Script's V8 has no structuredClone (it is a web and Node API).
  if (stored) return JSON.parse(JSON.stringify(stored)) as AccessModel;
  const actor = ctx.access?.actor ?? (await ctx.wb.user());
  if (!actor.id.trim()) fail({ code: 'E_FORBIDDEN', right: 'account', message: say('Carnet cannot tell who you are, so it cannot make you the first admin: sign in first.') });
  return initialModel({ id: actor.id, name: actor.name || actor.id });
}

// scrypt and the protection plan's sheets (reports, templates, imports) load when used, not with the registry.
const hashPassword = async (password: string) => (await import('../access/password.js')).hashPassword(password);
const planner = () => import('../access/protection-plan.js');

async function save(crm: Crm, model: AccessModel): Promise<ReturnType<typeof publicAccess>> {
  checkAdmins(model);
  writeAccess(crm.meta, model);
  await crm.saveMeta();
  return publicAccess(model);
}

function needRole(model: AccessModel, name: string): Role {
  const role = model.roles.find((r) => same(r.name, name));
  if (!role) fail({ code: 'E_NOT_FOUND', field: 'role', value: name, message: say('There is no role "{role}" (roles: {roles}).', { role: name, roles: model.roles.map((r) => r.name).join(', ') }) });
  return role;
}

function checkId(id: string): string {
  const t = id.trim();
  if (t.length > 200 || /[\u0000-\u001f]/.test(t)) fail({ code: 'E_BAD_INPUT', field: 'id', value: id, message: say('A user is an email address or a login: one line, at most {max} characters.', { max: 200 }) });
  return t;
}

/** What one user may do, directory by directory: what the UI needs to hide what is not theirs. */
function summary(ctx: Context, crm: Crm) {
  const access = ctx.access!;
  const directories = crm.schema.directories.map((d) => {
    // No role: rights off (everything), or no account (nothing).
    const r = access.role ? directoryRights(access.role, d.key) : access.enforced ? { level: 'none' as const, delete: false } : { level: 'full' as const, delete: true };
    return { key: d.key, level: r.level, delete: r.delete };
  });
  return {
    enforced: access.enforced,
    user: { id: access.actor.id, name: access.user?.name ?? access.actor.name, role: access.role?.name ?? null },
    admin: !access.enforced || !!access.role?.admin,
    rights: access.role ? access.role.rights : access.enforced ? [] : [...SPECIAL_RIGHTS],
    directories,
  };
}


type In<C> = C extends Check<infer T> ? T : never;

export const handlers = {
  /** The profiles a person may pick where the host cannot tell who they are (Excel without SSO). */
  accessProfiles: async (ctx: Context, _input?: unknown) => {
    const crm = await Crm.open(ctx.wb);
    const model = readAccess(crm.meta);
    return { enforced: !!model, profiles: (model?.users ?? []).filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, hasPassword: u.password !== undefined })) };
  },
  me: async (ctx: Context, _input?: unknown) => summary(ctx, await Crm.open(ctx.wb)),
  accessGet: async (ctx: Context, _input?: unknown) => {
      const crm = await Crm.open(ctx.wb);
      const model = readAccess(crm.meta);
      return { enforced: !!model, ...publicAccess(model ?? { users: [], roles: defaultRoles() }), directories: crm.schema.directories.map((d) => ({ key: d.key, label: d.labels[crm.schema.lang] })), levels: LEVELS, rights: SPECIAL_RIGHTS };
    },
  userAdd: async (ctx: Context, input: In<typeof inputs.userAdd>) => {
      const crm = await Crm.open(ctx.wb);
      const model = await modelFor(ctx, crm);
      const id = checkId(input.id);
      if (findUser(model, id)) fail({ code: 'E_UNIQUE', field: 'id', value: id, message: say('{id} already has an account here (change it with user.update).', { id }) });
      const role = needRole(model, input.role ?? 'Viewer');
      model.users.push({ id, name: input.name?.trim() || id, role: role.name, active: true, ...(input.password !== undefined ? { password: await hashPassword(input.password) } : {}) });
      return save(crm, model);
    },
  userUpdate: async (ctx: Context, input: In<typeof inputs.userUpdate>) => {
      const crm = await Crm.open(ctx.wb);
      const model = await modelFor(ctx, crm);
      const user = findUser(model, input.id);
      if (!user) fail({ code: 'E_NOT_FOUND', field: 'id', value: input.id, message: say('{id} has no account here (users: {users}).', { id: input.id, users: model.users.map((u) => u.id).join(', ') }) });
      if (input.name !== undefined) user.name = input.name.trim();
      if (input.role !== undefined) user.role = needRole(model, input.role).name;
      if (input.active !== undefined) user.active = input.active;
      if (input.password !== undefined) user.password = await hashPassword(input.password);
      if (input.clearPassword) delete user.password;
      return save(crm, model);
    },
  userRemove: async (ctx: Context, input: In<typeof inputs.userRemove>) => {
    const crm = await Crm.open(ctx.wb);
    const model = await modelFor(ctx, crm);
    if (!findUser(model, input.id)) fail({ code: 'E_NOT_FOUND', field: 'id', value: input.id, message: say('{id} has no account here.', { id: input.id }) });
    model.users = model.users.filter((u) => !same(u.id, input.id));
    return save(crm, model);
  },
  userList: async (ctx: Context, _input?: unknown) => {
    const crm = await Crm.open(ctx.wb);
    return publicAccess(readAccess(crm.meta) ?? { users: [], roles: defaultRoles() });
  },
  roleAdd: async (ctx: Context, input: In<typeof inputs.roleAdd>) => {
    const crm = await Crm.open(ctx.wb);
    const model = await modelFor(ctx, crm);
    if (model.roles.some((r) => same(r.name, input.name))) fail({ code: 'E_UNIQUE', field: 'name', value: input.name, message: say('There is already a role "{role}".', { role: input.name }) });
    const base = input.from !== undefined ? needRole(model, input.from) : undefined;
    model.roles.push({ name: input.name.trim(), directories: base ? (JSON.parse(JSON.stringify(base.directories)) as Role['directories']) : { '*': { level: 'view', delete: false } }, rights: base ? [...base.rights] : [] });
    return save(crm, model);
  },
  roleRemove: async (ctx: Context, input: In<typeof inputs.roleRemove>) => {
    const crm = await Crm.open(ctx.wb);
    const model = await modelFor(ctx, crm);
    const role = needRole(model, input.name);
    const users = model.users.filter((u) => same(u.role, role.name));
    if (role.admin) fail({ code: 'E_FORBIDDEN', field: 'role', value: role.name, right: 'manageUsers', message: say("The role {role} is the admins' and cannot be removed.", { role: role.name }) });
    if (users.length) {
      const message = users.length === 1
        ? say('{user} still has the role {role}: give them another first.', { user: users[0]!.id, role: role.name })
        : say('{users} still have the role {role}: give them another first.', { users: users.map((u) => u.id).join(', '), role: role.name });
      fail({ code: 'E_IN_USE', field: 'role', value: role.name, message });
    }
    model.roles = model.roles.filter((r) => r !== role);
    return save(crm, model);
  },
  roleGrant: async (ctx: Context, input: In<typeof inputs.roleGrant>) => {
      const crm = await Crm.open(ctx.wb);
      const model = await modelFor(ctx, crm);
      const role = needRole(model, input.role);
      if (role.admin) fail({ code: 'E_FORBIDDEN', field: 'role', value: role.name, right: 'manageUsers', message: say("The role {role} is the admins': it keeps full rights everywhere.", { role: role.name }) });
      const key = input.directory === '*' ? '*' : directoryNamed(crm.schema, input.directory)?.key;
      if (!key) fail({ code: 'E_UNKNOWN_DIRECTORY', value: input.directory, message: say('There is no directory "{directory}" (directories: {directories}, or * for all the others).', { directory: input.directory, directories: crm.schema.directories.map((d) => named(d.labels)).join(', ') }) });
      const before = directoryRights(role, key);
      role.directories[key] = { level: input.level, delete: input.delete ?? before.delete };
      return save(crm, model);
    },
  roleAllow: async (ctx: Context, input: In<typeof inputs.roleAllow>) => {
      const crm = await Crm.open(ctx.wb);
      const model = await modelFor(ctx, crm);
      const role = needRole(model, input.role);
      if (role.admin) fail({ code: 'E_FORBIDDEN', field: 'role', value: role.name, right: 'manageUsers', message: say("The role {role} is the admins': it keeps every right.", { role: role.name }) });
      const allowed = input.allowed ?? true;
      role.rights = allowed ? [...new Set([...role.rights, input.right])] : role.rights.filter((r) => r !== input.right);
      return save(crm, model);
    },
  roleNewcomers: async (ctx: Context, input: In<typeof inputs.roleNewcomers>) => {
      const crm = await Crm.open(ctx.wb);
      const model = await modelFor(ctx, crm);
      model.newcomers = input.role === undefined || fold(input.role) === 'none' ? null : needRole(model, input.role).name;
      if (model.newcomers && model.roles.find((r) => r.name === model.newcomers)?.admin) fail({ code: 'E_FORBIDDEN', field: 'role', value: input.role, right: 'manageUsers', message: say('People without an account cannot be admins.') });
      return save(crm, model);
    },
  roleShow: async (ctx: Context, input: In<typeof inputs.roleShow>) => {
    const crm = await Crm.open(ctx.wb);
    const model = readAccess(crm.meta) ?? { users: [], roles: defaultRoles() };
    const roles = input.name !== undefined ? [needRole(model, input.name)] : model.roles;
    return {
      roles: roles.map((r) => ({
        ...r,
        effective: crm.schema.directories.map((d) => ({ key: d.key, label: d.labels[crm.schema.lang], ...directoryRights(r, d.key) })),
        users: model.users.filter((u) => same(u.role, r.name)).map((u) => u.id),
      })),
    };
  },
  protectPlan: async (ctx: Context, _input?: unknown) => {
    const crm = await Crm.open(ctx.wb);
    const model = readAccess(crm.meta);
    if (!model) fail({ code: 'E_BAD_INPUT', message: say('Rights are not set up in this workbook yet: add a user first (`carnet user add`).') });
    const { protectionDrift, protectionPlan } = await planner();
    const plan = await protectionPlan(crm, model);
    const state = await ctx.wb.protections(plan.sheets.map((s) => s.name));
    return { plan, drift: protectionDrift(plan, state, model, ctx.wb.capabilities.perUserProtection), perUserProtection: ctx.wb.capabilities.perUserProtection };
  },
  protectApply: async (ctx: Context, _input?: unknown) => {
    const crm = await Crm.open(ctx.wb);
    const model = readAccess(crm.meta);
    if (!model) fail({ code: 'E_BAD_INPUT', message: say('Rights are not set up in this workbook yet: add a user first (`carnet user add`).') });
    const { protectionDrift, protectionPlan } = await planner();
    const plan = await protectionPlan(crm, model);
    const before = await ctx.wb.protections(plan.sheets.map((s) => s.name));
    const drift = protectionDrift(plan, before, model, ctx.wb.capabilities.perUserProtection);
    await ctx.wb.protect(plan);
    // From now on `check` reports a protection that differs from the rights (drift).
    crm.meta.extra[PROTECTION_KEY] = { applied: ctx.now(), by: (ctx.access?.actor ?? (await ctx.wb.user())).id };
    await crm.saveMeta();
    return { plan, fixed: drift };
  },
};
