/**
 * Users, roles, protection and the audit log on the command line (issue 12):
 *   carnet user add|update|remove|list <file.xlsx> <email or login> [--name N] [--role R] [--password]
 *   carnet role add|remove|grant|allow|newcomers|show <file.xlsx> …
 *   carnet protect <file.xlsx> [--dry-run]
 *   carnet audit <file.xlsx> [--record ID] [--user U] [--directory D] [--since DATE] [--until DATE]
 * Each is one registry command, so it is refused what the acting user (`--as`) may not do.
 * A new password is read from CARNET_NEW_PASSWORD, else asked twice on a terminal, else read from
 * the first line of standard input: never from the command line, where `ps` and shell history see it.
 */

import type { Context } from '../../core/app/command.js';
import type { AuditEntry } from '../../core/audit/log.js';
import { fail } from '../../core/errors.js';
import type { ProtectionPlan } from '../../core/workbook.js';
import type { Call } from './adopt-verb.js';
import { readSecret } from './secret.js';
import { say } from '../../core/messages/say.js';
import { table } from './print.js';

export interface AccessArgs {
  name?: string;
  role?: string;
  password?: boolean;
  'no-password'?: boolean;
  activate?: boolean;
  deactivate?: boolean;
  from?: string;
  delete?: boolean;
  'no-delete'?: boolean;
  deny?: boolean;
  'dry-run'?: boolean;
  record?: string;
  user?: string;
  directory?: string;
  since?: string;
  until?: string;
  limit?: string;
}

interface PublicUser {
  id: string;
  name: string;
  role: string;
  active: boolean;
  hasPassword: boolean;
}

interface Listing {
  users: PublicUser[];
  roles: { name: string }[];
  newcomers: string | null;
}

function usage(text: string): never {
  fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: text }) });
}

async function newPassword(): Promise<string> {
  const fromEnv = process.env.CARNET_NEW_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const first = await readSecret(say('New password: '));
  if (process.stdin.isTTY) {
    const again = await readSecret(say('Again: '));
    if (again !== first) fail({ code: 'E_BAD_INPUT', field: 'password', message: say('The two passwords differ; nothing was changed.') });
  }
  return first;
}

function printUsers(l: Listing): string {
  const rows = l.users.map((u) => [u.id, u.name, u.role, u.active ? say('active') : say('deactivated'), u.hasPassword ? say('yes') : say('no')]);
  return `${table([say('User'), say('Name'), say('Role'), say('Status'), say('Password')], rows)}${newcomers(l)}\n`;
}

/** Who people without an account act as. */
function newcomers(l: Listing): string {
  return l.newcomers === null ? say('People without an account: may do nothing through Carnet') : say('People without an account: {role}', { role: l.newcomers });
}

export async function userVerb(call: Call, ctx: Context, sub: string | undefined, id: string | undefined, o: AccessArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const emit = (value: unknown, text: string) => out.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
  switch (sub) {
    case 'list': {
      const l = (await call(ctx, 'user.list', {})) as Listing;
      emit(l, printUsers(l));
      return 0;
    }
    case 'add': {
      if (!id) usage('user add <file.xlsx> <email or login> [--name N] [--role R] [--password]');
      const input = { id, ...(o.name ? { name: o.name } : {}), ...(o.role ? { role: o.role } : {}), ...(o.password ? { password: await newPassword() } : {}) };
      const l = (await call(ctx, 'user.add', input)) as Listing;
      const u = l.users.find((x) => x.id.toLowerCase() === id.trim().toLowerCase())!;
      const added = { user: u.id, name: u.name, role: u.role };
      emit(l, `${u.hasPassword ? say('Added {user} ({name}) as {role}, with a password.', added) : say('Added {user} ({name}) as {role}.', added)}\n`);
      return 0;
    }
    case 'update': {
      if (!id) usage('user update <file.xlsx> <email or login> [--name N] [--role R] [--password|--no-password] [--activate|--deactivate]');
      if (o.activate && o.deactivate) usage('user update: --activate or --deactivate, not both');
      const input = {
        id,
        ...(o.name ? { name: o.name } : {}),
        ...(o.role ? { role: o.role } : {}),
        ...(o.activate ? { active: true } : o.deactivate ? { active: false } : {}),
        ...(o.password ? { password: await newPassword() } : {}),
        ...(o['no-password'] ? { clearPassword: true } : {}),
      };
      const l = (await call(ctx, 'user.update', input)) as Listing;
      const u = l.users.find((x) => x.id.toLowerCase() === id.trim().toLowerCase())!;
      const updated = { user: u.id, name: u.name, role: u.role, status: u.active ? say('active') : say('deactivated') };
      emit(l, `${u.hasPassword ? say('Updated {user}: {name}, {role}, {status}, with a password.', updated) : say('Updated {user}: {name}, {role}, {status}.', updated)}\n`);
      return 0;
    }
    case 'remove': {
      if (!id) usage('user remove <file.xlsx> <email or login>');
      const l = (await call(ctx, 'user.remove', { id })) as Listing;
      emit(l, `${say("Removed {user}'s account (their records and the audit log keep their name).", { user: id })}\n`);
      return 0;
    }
    default:
      usage('user add|update|remove|list <file.xlsx> …');
  }
}

interface RoleShow {
  roles: { name: string; admin?: boolean; rights: string[]; users: string[]; effective: { key: string; label: string; level: string; delete: boolean }[] }[];
}

function printRoles(r: RoleShow): string {
  return r.roles
    .map((role) => {
      const users = role.users.length ? role.users.join(', ') : say('nobody');
      const head = `${role.admin ? say('{role} (admins) — {users}', { role: role.name, users }) : `${role.name} — ${users}`}\n`;
      const rows = role.effective.map((d) => [d.label, d.level, d.delete ? say('yes') : say('no')]);
      return `${head}${table([say('Directory'), say('Level'), say('Delete')], rows)}${say('Rights: {rights}', { rights: role.rights.join(', ') || say('none') })}\n`;
    })
    .join('\n');
}

export async function roleVerb(call: Call, ctx: Context, sub: string | undefined, rest: string[], o: AccessArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const emit = (value: unknown, text: string) => out.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
  const show = async (name?: string) => (await call(ctx, 'role.show', name ? { name } : {})) as RoleShow;
  switch (sub) {
    case 'show': {
      const r = await show(rest[0]);
      emit(r, printRoles(r));
      return 0;
    }
    case 'add': {
      if (!rest[0]) usage('role add <file.xlsx> <name> [--from ROLE]');
      await call(ctx, 'role.add', { name: rest[0], ...(o.from ? { from: o.from } : {}) });
      const r = await show(rest[0]);
      emit(r, `${o.from ? say('Added the role {role}, a copy of {from}.', { role: rest[0], from: o.from }) : say('Added the role {role}.', { role: rest[0] })}\n${printRoles(r)}`);
      return 0;
    }
    case 'remove': {
      if (!rest[0]) usage('role remove <file.xlsx> <name>');
      const l = await call(ctx, 'role.remove', { name: rest[0] });
      emit(l, `${say('Removed the role {role}.', { role: rest[0] })}\n`);
      return 0;
    }
    case 'grant': {
      const [role, directory, level] = rest;
      if (!role || !directory || !level) usage('role grant <file.xlsx> <role> <directory|*> <none|view|own|add|full> [--delete|--no-delete]');
      if (o.delete && o['no-delete']) usage('role grant: --delete or --no-delete, not both');
      await call(ctx, 'role.grant', { role, directory, level, ...(o.delete ? { delete: true } : o['no-delete'] ? { delete: false } : {}) });
      const r = await show(role);
      emit(r, printRoles(r));
      return 0;
    }
    case 'allow': {
      const [role, right] = rest;
      if (!role || !right) usage('role allow <file.xlsx> <role> <import|export|useTemplates|manageTemplates|useReports|manageReports|configure|manageUsers> [--deny]');
      await call(ctx, 'role.allow', { role, right, allowed: !o.deny });
      const r = await show(role);
      emit(r, printRoles(r));
      return 0;
    }
    case 'newcomers': {
      if (!rest[0]) usage('role newcomers <file.xlsx> <role|none>');
      const l = (await call(ctx, 'role.newcomers', { role: rest[0] })) as Listing;
      emit(l, `${newcomers(l)}.\n`);
      return 0;
    }
    default:
      usage('role add|remove|grant|allow|newcomers|show <file.xlsx> …');
  }
}

interface PlanResult {
  plan: ProtectionPlan;
  drift?: { sheet: string; message: string }[];
  fixed?: { sheet: string; message: string }[];
  perUserProtection: boolean;
}

function printPlan(p: PlanResult, applied: boolean): string {
  const rows = p.plan.sheets.map((s) => [s.name, s.locked ? say('locked') : say('open'), s.editors.join(', ') || '—', (s.warnColumns ?? []).map((c) => c.label).join(', ') || '—']);
  const drift = (applied ? p.fixed : p.drift) ?? [];
  const lines = [
    table([say('Sheet'), say('Protection'), say('May edit by hand (Google)'), say('Typed by Carnet')], rows),
    say('In this .xlsx file a protected sheet is locked for everybody (the file cannot name editors); Carnet unlocks only for its own writes.'),
    drift.length ? `${applied ? say('Fixed:') : say('Differs now:')}\n${drift.map((d) => `  ${d.message}`).join('\n')}` : applied ? say('Nothing differed.') : say('The sheets are protected as the rights say.'),
    applied ? say('Protected {count} sheets.', { count: p.plan.sheets.length }) : say('Dry run: nothing was changed.'),
  ];
  return `${lines.join('\n')}\n`;
}

export async function protectVerb(call: Call, ctx: Context, o: AccessArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const dry = o['dry-run'] === true;
  const result = (await call(ctx, dry ? 'protect.plan' : 'protect.apply', {})) as PlanResult;
  out.write(json ? `${JSON.stringify(result, null, 2)}\n` : printPlan({ ...result, perUserProtection: result.perUserProtection ?? false }, !dry));
  return 0;
}

export async function auditVerb(call: Call, ctx: Context, o: AccessArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail({ code: 'E_BAD_INPUT', field: 'limit', value: o.limit, message: say('--limit must be a whole number above 0.') });
  const input = {
    ...(o.record ? { record: o.record } : {}),
    ...(o.user ? { user: o.user } : {}),
    ...(o.directory ? { directory: o.directory } : {}),
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
    ...(limit ? { limit } : {}),
  };
  const r = (await call(ctx, 'audit.list', input)) as { total: number; matching: number; entries: (AuditEntry & { when: number })[] };
  if (json) {
    out.write(`${JSON.stringify(r, null, 2)}\n`);
    return 0;
  }
  const { isoDateTime } = await import('../../core/dates.js');
  const rows = r.entries.map((e) => [isoDateTime(e.when).replace('T', ' '), e.who, e.command, e.directory, e.record, e.field, e.old, e.new, e.batch ?? '', e.flag ?? '']);
  const header = [say('When'), say('Who'), say('Command'), say('Directory'), say('Record'), say('Field'), say('Old'), say('New'), say('Batch'), say('Flag')];
  const counts = { matching: r.matching, total: r.total, shown: r.entries.length };
  const tail = r.matching > r.entries.length ? say('{matching} of {total} entries (the newest {shown} shown; --limit N for more).', counts) : say('{matching} of {total} entries.', { matching: r.matching, total: r.total });
  out.write(`${rows.length ? table(header, rows) : ''}${tail}\n`);
  return 0;
}
