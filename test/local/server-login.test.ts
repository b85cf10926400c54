import { request as httpRequest } from 'node:http';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import type { UserInfo } from '../../core/workbook.js';
import { localContext } from '../../local/context.js';
import { runOnFile } from '../../local/run-command.js';
import { serveBanner } from '../../local/server/serve-command.js';
import { SESSION_IDLE_MS } from '../../local/server/auth.js';
import { startServer, type RunningServer } from '../../local/server/server.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { tempDir } from '../helpers/cli.js';

interface Reply {
  status: number;
  body: any;
}

/** What the page sends: same origin, JSON, the token header, and the session once signed in. */
function api(server: RunningServer, command: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const all = Object.fromEntries(
    Object.entries({ Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-Carnet-Token': server.token, Origin: server.origin, ...headers }).filter(([, v]) => v !== ''),
  );
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path: `/api/${command}`, method: 'POST', headers: all }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

const as = (session: string) => ({ 'X-Carnet-Session': session });

const ADA: UserInfo = { id: 'ada@example.com', name: 'Ada' };
const PASSWORDS: Record<string, string> = { 'ada@example.com': 'ada-secret-1', 'vic@example.com': 'vic-secret-1', 'max@example.com': 'max-secret-1', 'dee@example.com': 'dee-secret-1' };

/** Runs commands on the file as Ada (its first admin), as another program would. */
async function asAdmin(file: string, steps: [string, unknown][]): Promise<void> {
  const wb = await XlsxWorkbook.open(file, { user: ADA });
  for (const [name, input] of steps) {
    const out = await runOnFile(wb, () => dispatch(localContext(wb), name, input));
    if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
  }
}

const signInFirst = { ok: false, error: { code: 'E_LOGIN', message: 'Sign in: this workbook’s users have passwords.' } };
const wrongLogin = { ok: false, error: { code: 'E_LOGIN', field: 'password', message: 'Wrong login or password.' } };
const tooMany = (login: string, seconds: number) => ({ ok: false, error: { code: 'E_LOGIN', field: 'user', message: `Too many failed sign-ins for ${login}: try again in ${seconds} seconds.` } });

const tmp = tempDir();
const open = join(tmp.dir, 'open.xlsx');
const locked = join(tmp.dir, 'locked.xlsx');
const servers: RunningServer[] = [];
let t = 1_000_000;
const clock = () => t;

async function serve(file: string): Promise<RunningServer> {
  const server = await startServer({ file, user: ADA, clock });
  servers.push(server);
  return server;
}

async function login(server: RunningServer, user: string, password = PASSWORDS[user.toLowerCase()]!): Promise<string> {
  const r = await api(server, 'session.login', { user, password });
  if (r.status !== 200) throw new Error(`login ${user}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.result.session as string;
}

beforeAll(async () => {
  const wb = await XlsxWorkbook.create(open, { user: ADA });
  const setup = await runOnFile(wb, () => dispatch(localContext(wb), 'crm.setup', {}));
  if (!setup.ok) throw new Error(JSON.stringify(setup.error));
  await asAdmin(open, [
    ['user.add', { id: 'vic@example.com', name: 'Vic', role: 'Viewer' }],
    ['user.add', { id: 'max@example.com', name: 'Max', role: 'Manager' }],
  ]);
  copyFileSync(open, locked);
  await asAdmin(locked, [
    ['user.update', { id: 'ada@example.com', password: PASSWORDS['ada@example.com'] }],
    ['user.update', { id: 'vic@example.com', password: PASSWORDS['vic@example.com'] }],
    ['user.update', { id: 'max@example.com', password: PASSWORDS['max@example.com'] }],
    ['user.add', { id: 'nora@example.com', name: 'Nora', role: 'Manager' }],
    ['user.add', { id: 'dee@example.com', name: 'Dee', role: 'Manager', password: PASSWORDS['dee@example.com'] }],
    ['user.update', { id: 'dee@example.com', active: false }],
  ]);
}, 60_000);

afterAll(async () => {
  for (const s of servers) await s.close();
  tmp.cleanup();
});

describe('carnet serve sign-in', () => {
  describe('when no user has a password', () => {
    it('needs no login: commands run as --as', async () => {
      const server = await serve(open);
      expect(await server.loginRequired()).toBe(false);
      expect(serveBanner(server, false)).not.toContain('sign in');
      expect(await api(server, 'session.state', {})).toEqual({ status: 200, body: { ok: true, result: { loginRequired: false, user: { id: 'ada@example.com', name: 'Ada', role: 'Admin' } } } });
      const me = await api(server, 'me', {});
      expect(me.status).toBe(200);
      expect(me.body.result.user).toEqual({ id: 'ada@example.com', name: 'Ada', role: 'Admin' });
    });

    it('asks for one as soon as an admin sets the first password, while it runs', async () => {
      const file = join(tmp.dir, 'first-password.xlsx');
      copyFileSync(open, file);
      const server = await serve(file);
      expect((await api(server, 'me', {})).status).toBe(200);
      await asAdmin(file, [['user.update', { id: 'ada@example.com', password: PASSWORDS['ada@example.com'] }]]);
      expect(await server.loginRequired()).toBe(true);
      expect(await api(server, 'me', {})).toEqual({ status: 401, body: signInFirst });
      expect(await api(server, 'session.state', {})).toEqual({ status: 200, body: { ok: true, result: { loginRequired: true, user: null } } });
    });
  });

  describe('when users have passwords', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await serve(locked);
    });

    it('says so in the banner', async () => {
      expect(await server.loginRequired()).toBe(true);
      expect(serveBanner(server, true)).toContain("This workbook's users have passwords: the page will ask you to sign in.\n");
    });

    it('refuses a command without a session, or with an unknown one', async () => {
      expect(await api(server, 'session.state', {})).toEqual({ status: 200, body: { ok: true, result: { loginRequired: true, user: null } } });
      expect(await api(server, 'card.index', {})).toEqual({ status: 401, body: signInFirst });
      expect(await api(server, 'card.index', {}, as('not-a-session'))).toEqual({ status: 401, body: signInFirst });
    });

    it('refuses a wrong password, an unknown login and a deactivated user with the same answer', async () => {
      expect(await api(server, 'session.login', { user: 'vic@example.com', password: 'wrong-password' })).toEqual({ status: 401, body: wrongLogin });
      expect(await api(server, 'session.login', { user: 'nobody@example.com', password: 'wrong-password' })).toEqual({ status: 401, body: wrongLogin });
      expect(await api(server, 'session.login', { user: 'nobody@example.com', password: 'wrong-password' })).toEqual({ status: 401, body: wrongLogin });
      expect(await api(server, 'session.login', { user: 'dee@example.com', password: PASSWORDS['dee@example.com'] })).toEqual({ status: 401, body: wrongLogin });
    }, 20_000);

    it('tells a user without a password to ask an admin for one', async () => {
      expect(await api(server, 'session.login', { user: 'nora@example.com', password: 'anything-at-all' })).toEqual({
        status: 401,
        body: { ok: false, error: { code: 'E_LOGIN', field: 'password', message: 'nora@example.com has no password yet: ask an admin to set one (carnet user update FILE nora@example.com --password).' } },
      });
    });

    it('refuses a malformed login without echoing the password', async () => {
      expect(await api(server, 'session.login', { user: 'vic@example.com', password: 12345678 })).toEqual({
        status: 200,
        body: { ok: false, error: { code: 'E_BAD_INPUT', field: 'password', message: 'password: expected a text.' } },
      });
    });

    it('keeps the checks of every API call on the session routes', async () => {
      const noToken = await api(server, 'session.login', { user: 'vic@example.com', password: PASSWORDS['vic@example.com'] }, { 'X-Carnet-Token': '' });
      expect(noToken.status).toBe(401);
      expect(noToken.body.error.code).toBe('E_FORBIDDEN');
      const foreign = await api(server, 'session.state', {}, { Origin: 'http://evil.example' });
      expect(foreign.status).toBe(403);
      expect((await api(server, 'session.state', {}, { Host: `evil.example:${server.port}` })).status).toBe(403);
      expect((await api(server, 'session.state', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    });

    it('signs in with the right password, and runs commands as that user', async () => {
      const r = await api(server, 'session.login', { user: 'VIC@example.com', password: PASSWORDS['vic@example.com'] });
      expect(r.status).toBe(200);
      expect(r.body.result.user).toEqual({ id: 'vic@example.com', name: 'Vic', role: 'Viewer' });
      expect(r.body.result.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const vic = r.body.result.session as string;
      expect(await api(server, 'session.state', {}, as(vic))).toEqual({ status: 200, body: { ok: true, result: { loginRequired: true, user: { id: 'vic@example.com', name: 'Vic', role: 'Viewer' } } } });
      expect((await api(server, 'me', {}, as(vic))).body.result.user).toEqual({ id: 'vic@example.com', name: 'Vic', role: 'Viewer' });
      expect(await api(server, 'record.create', { directory: 'companies', values: { name: 'Vic & Co' } }, as(vic))).toEqual({
        status: 200,
        body: {
          ok: false,
          error: { code: 'E_FORBIDDEN', right: 'add', directory: 'companies', message: 'vic@example.com (Viewer) may not add records to Companies: that needs "add" on Companies, and the role Viewer has "view".' },
        },
      });

      const max = await login(server, 'max@example.com');
      const created = await api(server, 'record.create', { directory: 'companies', values: { name: 'Max & Co' } }, as(max));
      expect(created.status).toBe(200);
      expect(created.body.ok).toBe(true);
      expect((await api(server, 'me', {}, as(max))).body.result.user).toEqual({ id: 'max@example.com', name: 'Max', role: 'Manager' });
    }, 20_000);

    it('ends a session at logout', async () => {
      const vic = await login(server, 'vic@example.com');
      expect((await api(server, 'me', {}, as(vic))).status).toBe(200);
      expect(await api(server, 'session.logout', {}, as(vic))).toEqual({ status: 200, body: { ok: true, result: {} } });
      expect(await api(server, 'me', {}, as(vic))).toEqual({ status: 401, body: signInFirst });
      expect(await api(server, 'session.state', {}, as(vic))).toEqual({ status: 200, body: { ok: true, result: { loginRequired: true, user: null } } });
    });

    it('ends a session after 12 hours idle, not before', async () => {
      const vic = await login(server, 'vic@example.com');
      t += SESSION_IDLE_MS;
      expect((await api(server, 'me', {}, as(vic))).status).toBe(200);
      t += SESSION_IDLE_MS + 1;
      expect(await api(server, 'me', {}, as(vic))).toEqual({ status: 401, body: signInFirst });
    });

    it('ends the session of a user deactivated since', async () => {
      const file = join(tmp.dir, 'deactivate.xlsx');
      copyFileSync(locked, file);
      const other = await serve(file);
      const max = await login(other, 'max@example.com');
      expect((await api(other, 'me', {}, as(max))).status).toBe(200);
      await asAdmin(file, [['user.update', { id: 'max@example.com', active: false }]]);
      expect(await api(other, 'me', {}, as(max))).toEqual({ status: 401, body: signInFirst });
      // Ended, not just refused: reactivated, the old session still does not come back.
      await asAdmin(file, [['user.update', { id: 'max@example.com', active: true }]]);
      expect(await api(other, 'me', {}, as(max))).toEqual({ status: 401, body: signInFirst });
    }, 20_000);
  });

  describe('slows down guessing', () => {
    it('locks a login after 5 failures, 30 s then doubling; a success resets it', async () => {
      const server = await serve(locked);
      const wrong = () => api(server, 'session.login', { user: 'Max@Example.com', password: 'guess-guess' });
      for (let i = 0; i < 5; i++) expect(await wrong()).toEqual({ status: 401, body: wrongLogin });
      // Refused even with the right password, whatever the login's case.
      expect(await api(server, 'session.login', { user: 'max@example.com', password: PASSWORDS['max@example.com'] })).toEqual({ status: 429, body: tooMany('max@example.com', 30) });
      expect(await wrong()).toEqual({ status: 429, body: tooMany('Max@Example.com', 30) });
      // Other logins are not locked.
      await login(server, 'vic@example.com');

      t += 30_000;
      expect(await wrong()).toEqual({ status: 401, body: wrongLogin });
      expect(await wrong()).toEqual({ status: 429, body: tooMany('Max@Example.com', 60) });
      t += 59_500;
      expect(await wrong()).toEqual({ status: 429, body: tooMany('Max@Example.com', 1) });
      t += 500;
      await login(server, 'max@example.com');

      for (let i = 0; i < 4; i++) expect(await wrong()).toEqual({ status: 401, body: wrongLogin });
      await login(server, 'max@example.com');
      expect(await wrong()).toEqual({ status: 401, body: wrongLogin });
    }, 30_000);

    it('forgets failures older than 15 minutes', async () => {
      const server = await serve(locked);
      const wrong = () => api(server, 'session.login', { user: 'vic@example.com', password: 'guess-guess' });
      for (let i = 0; i < 4; i++) expect(await wrong()).toEqual({ status: 401, body: wrongLogin });
      t += 15 * 60_000;
      expect(await wrong()).toEqual({ status: 401, body: wrongLogin });
      await login(server, 'vic@example.com');
    }, 30_000);

    it('locks every login for a minute after 30 failures in a minute, so a script cannot walk through logins', async () => {
      const server = await serve(locked);
      for (let i = 0; i < 30; i++) expect(await api(server, 'session.login', { user: `walker${i}@example.com`, password: 'guess-guess' })).toEqual({ status: 401, body: wrongLogin });
      expect(await api(server, 'session.login', { user: 'ada@example.com', password: PASSWORDS['ada@example.com'] })).toEqual({
        status: 429,
        body: { ok: false, error: { code: 'E_LOGIN', field: 'user', message: 'Too many failed sign-ins on this server: try again in 60 seconds.' } },
      });
      t += 60_000;
      await login(server, 'ada@example.com');
    }, 60_000);
  });
});
