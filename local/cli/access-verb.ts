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
  fail({ code: 'E_BAD_INPUT', message: `Usage: carnet ${text}` });
}

async function newPassword(): Promise<string> {
  const fromEnv = process.env.CARNET_NEW_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const first = await readSecret('New password: ');
  if (process.stdin.isTTY) {
    const again = await readSecret('Again: ');
    if (again !== first) fail({ code: 'E_BAD_INPUT', field: 'password', message: 'The two passwords differ; nothing was changed.' });
  }
  return first;
}

function printUsers(l: Listing): string {
  const rows = l.users.map((u) => [u.id, u.name, u.role, u.active ? 'active' : 'deactivated', u.hasPassword ? 'yes' : 'no']);
  return `${table(['User', 'Name', 'Role', 'Status', 'Password'], rows)}People without an account: ${l.newcomers ?? 'may do nothing through Carnet'}\n`;
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
      emit(l, `Added ${u.id} (${u.name}) as ${u.role}${u.hasPassword ? ', with a password' : ''}.\n`);
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
      emit(l, `Updated ${u.id}: ${u.name}, ${u.role}, ${u.active ? 'active' : 'deactivated'}${u.hasPassword ? ', with a password' : ''}.\n`);
      return 0;
    }
    case 'remove': {
      if (!id) usage('user remove <file.xlsx> <email or login>');
      const l = (await call(ctx, 'user.remove', { id })) as Listing;
      emit(l, `Removed ${id}'s account (their records and the audit log keep their name).\n`);
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
      const head = `${role.name}${role.admin ? ' (admins)' : ''} — ${role.users.length ? role.users.join(', ') : 'nobody'}\n`;
      const rows = role.effective.map((d) => [d.label, d.level, d.delete ? 'yes' : 'no']);
      return `${head}${table(['Directory', 'Level', 'Delete'], rows)}Rights: ${role.rights.join(', ') || 'none'}\n`;
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
      emit(r, `Added the role ${rest[0]}${o.from ? `, a copy of ${o.from}` : ''}.\n${printRoles(r)}`);
      return 0;
    }
    case 'remove': {
      if (!rest[0]) usage('role remove <file.xlsx> <name>');
      const l = await call(ctx, 'role.remove', { name: rest[0] });
      emit(l, `Removed the role ${rest[0]}.\n`);
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
      emit(l, `People without an account: ${l.newcomers ?? 'may do nothing through Carnet'}.\n`);
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
  const rows = p.plan.sheets.map((s) => [s.name, s.locked ? 'locked' : 'open', s.editors.join(', ') || '—', (s.warnColumns ?? []).map((c) => c.label).join(', ') || '—']);
  const drift = (applied ? p.fixed : p.drift) ?? [];
  const lines = [
    table(['Sheet', 'Protection', 'May edit by hand (Google)', 'Typed by Carnet'], rows),
    'In this .xlsx file a protected sheet is locked for everybody (the file cannot name editors); Carnet unlocks only for its own writes.',
    drift.length ? `${applied ? 'Fixed' : 'Differs now'}:\n${drift.map((d) => `  ${d.message}`).join('\n')}` : applied ? 'Nothing differed.' : 'The sheets are protected as the rights say.',
    applied ? `Protected ${p.plan.sheets.length} sheets.` : 'Dry run: nothing was changed.',
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
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail({ code: 'E_BAD_INPUT', field: 'limit', value: o.limit, message: '--limit must be a whole number above 0.' });
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
  out.write(`${rows.length ? table(['When', 'Who', 'Command', 'Directory', 'Record', 'Field', 'Old', 'New', 'Batch', 'Flag'], rows) : ''}${r.matching} of ${r.total} entries${r.matching > r.entries.length ? ` (the newest ${r.entries.length} shown; --limit N for more)` : ''}.\n`);
  return 0;
}
