/**
 * Users, roles and the protection plan (issue 12). Only people with the right "manageUsers" (the
 * Admin role) change them; `me` tells anyone what they may do, so the UI hides the rest. The code
 * (core/access/admin.ts, with scrypt and the protection plan) loads when one of them runs.
 */

import { inputs } from '../access/admin-inputs.js';
import { anyone, right } from '../access/needs.js';
import { command } from './command.js';

const admin = () => import('../access/admin.js');

export const accessCommands = [
  command({ name: 'access.profiles', access: anyone('names only, for picking a profile'), summary: 'The active accounts (names, and whether each has a password), for picking a profile where the host cannot tell who you are', input: inputs.accessProfiles }, async (ctx, input) => (await admin()).handlers.accessProfiles(ctx, input)),
  command({ name: 'me', access: anyone('what the user may do'), summary: 'Who you are in this workbook, your role, and what it lets you do', input: inputs.me }, async (ctx, input) => (await admin()).handlers.me(ctx, input)),
  command({ name: 'access.get', access: right('manageUsers', false), summary: 'Users and roles (passwords never leave the workbook: only whether one is set)', input: inputs.accessGet }, async (ctx, input) => (await admin()).handlers.accessGet(ctx, input)),
  command({
      name: 'user.add',
      access: right('manageUsers', true),
      summary: 'Give someone an account: email or login, name, role (the first one added makes you the first admin)',
      input: inputs.userAdd,
    }, async (ctx, input) => (await admin()).handlers.userAdd(ctx, input)),
  command({
      name: 'user.update',
      access: right('manageUsers', true),
      summary: "Change someone's name, role, password, or deactivate them; the last admin stays",
      input: inputs.userUpdate,
    }, async (ctx, input) => (await admin()).handlers.userUpdate(ctx, input)),
  command({ name: 'user.remove', access: right('manageUsers', true), summary: "Remove someone's account (their records and the log keep their name); the last admin stays", input: inputs.userRemove }, async (ctx, input) => (await admin()).handlers.userRemove(ctx, input)),
  command({ name: 'user.list', access: right('manageUsers', false), summary: 'The accounts of this workbook', input: inputs.userList }, async (ctx, input) => (await admin()).handlers.userList(ctx, input)),
  command({ name: 'role.add', access: right('manageUsers', true), summary: 'A new role, empty or as a copy of another', input: inputs.roleAdd }, async (ctx, input) => (await admin()).handlers.roleAdd(ctx, input)),
  command({ name: 'role.remove', access: right('manageUsers', true), summary: 'Remove a role nobody has', input: inputs.roleRemove }, async (ctx, input) => (await admin()).handlers.roleRemove(ctx, input)),
  command({
      name: 'role.grant',
      access: right('manageUsers', true),
      summary: 'Set a role\'s level on a directory (or on "*", every other one): none, view, own, add, full; and its delete right',
      input: inputs.roleGrant,
    }, async (ctx, input) => (await admin()).handlers.roleGrant(ctx, input)),
  command({ name: 'role.allow', access: right('manageUsers', true), summary: 'Give a role a special right, or take it back (allowed: false)', input: inputs.roleAllow }, async (ctx, input) => (await admin()).handlers.roleAllow(ctx, input)),
  command({ name: 'role.newcomers', access: right('manageUsers', true), summary: 'The role of people without an account (or none: they may do nothing through Carnet)', input: inputs.roleNewcomers }, async (ctx, input) => (await admin()).handlers.roleNewcomers(ctx, input)),
  command({ name: 'role.show', access: right('manageUsers', false), summary: 'A role (or every role): its level per directory and its rights', input: inputs.roleShow }, async (ctx, input) => (await admin()).handlers.roleShow(ctx, input)),
  command({ name: 'protect.plan', access: right('manageUsers', false), summary: 'What protecting the sheets from the rights would set, and how the sheets differ from it now', input: inputs.protectPlan }, async (ctx, input) => (await admin()).handlers.protectPlan(ctx, input)),
  command({ name: 'protect.apply', access: right('manageUsers', true), summary: 'Protect the sheets as the rights say (applying it twice changes nothing)', input: inputs.protectApply }, async (ctx, input) => (await admin()).handlers.protectApply(ctx, input)),
];
