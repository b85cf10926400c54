/**
 * Signing in to `carnet serve` (issue 12). Once any active user of the workbook has a password,
 * the page asks who is there, and every command runs as the signed-in user (`ctx.actor`), so the
 * registry enforces that user's rights rather than those of whoever started the server. Whether a
 * login is needed is read from the workbook at each request: an admin may set the first password
 * while the server runs.
 *
 * - Sessions live in this process only (a restart signs everyone out) and end after 12 hours idle,
 *   or as soon as their user is deactivated or removed.
 * - A wrong login and a wrong password get the same answer, after the same scrypt work (an unknown
 *   login is checked against a dummy hash), so neither the answer nor its timing says who exists.
 * - Guessing is slowed per login (5 failures in 15 minutes lock it, 30 s then doubling up to
 *   15 min) and for the whole server (30 failures in a minute lock every login for a minute), so a
 *   script can neither hammer one account nor walk through many.
 *
 * The checks of server.ts (Host, Origin, the X-Carnet-Token…) run before any of this.
 */

import { createHash, randomBytes } from 'node:crypto';
import { accountOf, findUser, type AccessModel, type User } from '../../core/access/model.js';
import { hashPasswordAsync, verifyPasswordAsync, type PasswordHash } from '../../core/access/password.js';
import { readAccess } from '../../core/access/store.js';
import type { Outcome } from '../../core/app/registry.js';
import { fail, toErrorData, type ErrorData } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import { MetaStore } from '../../core/schema/storage.js';
import type { UserInfo, Workbook } from '../../core/workbook.js';
import { runOnFile } from '../run-command.js';

export const SESSION_HEADER = 'x-carnet-session';
export const SESSION_COMMANDS: ReadonlySet<string> = new Set(['session.state', 'session.login', 'session.logout']);
export const SESSION_IDLE_MS = 12 * 60 * 60_000;

const LOGIN_WINDOW_MS = 15 * 60_000;
const LOGIN_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const SERVER_WINDOW_MS = 60_000;
const SERVER_FAILURES = 30;
const SERVER_LOCK_MS = 60_000;

/** Refused before any command runs, with an HTTP status. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly data: ErrorData,
  ) {
    super(data.message);
  }
}

/** What the page learns of a user: never the password hash. */
export interface SessionUser {
  id: string;
  name: string;
  /** null: no account (rights off, or no newcomers' role) — only when no login is required. */
  role: string | null;
}

export interface SessionState {
  loginRequired: boolean;
  user: SessionUser | null;
}

/** A login is required as soon as one active user has a password. */
export function loginRequired(model: AccessModel | undefined): boolean {
  return !!model && model.users.some((u) => u.active && u.password !== undefined);
}

const signInFirst = () => new Refusal(401, { code: 'E_LOGIN', message: say('Sign in: this workbook’s users have passwords.') });
const wrongLogin = () => new Refusal(401, { code: 'E_LOGIN', field: 'password', message: say('Wrong login or password.') });
const tooMany = (message: string) => new Refusal(429, { code: 'E_LOGIN', field: 'user', message });
const seconds = (ms: number) => Math.ceil(ms / 1000);
const publicUser = (u: User): SessionUser => ({ id: u.id, name: u.name, role: u.role });

/**
 * Keyed by the token's SHA-256: a map lookup compares digests, whose timing tells nothing about
 * the token (the constant-time comparison), and the process's memory holds no usable token.
 */
class Sessions {
  private readonly byDigest = new Map<string, { userId: string; seen: number }>();
  constructor(private readonly clock: () => number) {}

  open(userId: string): string {
    const now = this.clock();
    for (const [key, s] of this.byDigest) if (now - s.seen > SESSION_IDLE_MS) this.byDigest.delete(key);
    const token = randomBytes(32).toString('base64url');
    this.byDigest.set(digest(token), { userId, seen: now });
    return token;
  }

  /** The user of a live session (which this use keeps alive); an idle one ends. */
  userOf(token: string | undefined): string | undefined {
    if (!token) return undefined;
    const key = digest(token);
    const session = this.byDigest.get(key);
    if (!session) return undefined;
    const now = this.clock();
    if (now - session.seen > SESSION_IDLE_MS) {
      this.byDigest.delete(key);
      return undefined;
    }
    session.seen = now;
    return session.userId;
  }

  end(token: string | undefined): void {
    if (token) this.byDigest.delete(digest(token));
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64');
}

interface Failures {
  /** When each failure in the window happened. */
  times: number[];
  /** How many locks this run of failures earned: each one lasts twice the one before. */
  locks: number;
  until: number;
}

class Limiter {
  private readonly logins = new Map<string, Failures>();
  private recent: number[] = [];
  private serverUntil = 0;
  constructor(private readonly clock: () => number) {}

  /** Why an attempt for `login` is refused right now, if it is. */
  refusal(login: string): Refusal | undefined {
    const now = this.clock();
    if (now < this.serverUntil) return tooMany(say('Too many failed sign-ins on this server: try again in {seconds} seconds.', { seconds: seconds(this.serverUntil - now) }));
    const f = this.current(keyOf(login), now);
    if (f && now < f.until) return tooMany(say('Too many failed sign-ins for {login}: try again in {seconds} seconds.', { login: login.trim(), seconds: seconds(f.until - now) }));
    return undefined;
  }

  failed(login: string): void {
    const now = this.clock();
    this.recent = this.recent.filter((t) => now - t < SERVER_WINDOW_MS);
    this.recent.push(now);
    if (this.recent.length >= SERVER_FAILURES) {
      this.serverUntil = now + SERVER_LOCK_MS;
      this.recent = [];
    }
    const key = keyOf(login);
    const f = this.current(key, now) ?? { times: [], locks: 0, until: 0 };
    f.times.push(now);
    if (f.times.length >= LOGIN_FAILURES) {
      f.locks++;
      f.until = now + Math.min(FIRST_LOCK_MS * 2 ** (f.locks - 1), MAX_LOCK_MS);
    }
    this.logins.set(key, f);
    // Logins are whatever a script sends: forget the stale ones so the map stays small.
    for (const k of this.logins.keys()) this.current(k, now);
  }

  succeeded(login: string): void {
    this.logins.delete(keyOf(login));
  }

  /** A login's failures still in the window; forgotten once none is and no lock runs. */
  private current(key: string, now: number): Failures | undefined {
    const f = this.logins.get(key);
    if (!f) return undefined;
    f.times = f.times.filter((t) => now - t < LOGIN_WINDOW_MS);
    if (f.times.length === 0 && now >= f.until) {
      this.logins.delete(key);
      return undefined;
    }
    return f;
  }
}

const keyOf = (login: string) => login.trim().toLowerCase();

/** `{user, password}`; the password is never echoed in an error. */
function loginInput(input: unknown): { user: string; password: string } {
  const x = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  if (typeof x.user !== 'string' || x.user.trim() === '') fail({ code: 'E_BAD_INPUT', field: 'user', message: say('user: expected a login, the id of your account in this workbook.') });
  if (typeof x.password !== 'string') fail({ code: 'E_BAD_INPUT', field: 'password', message: say('password: expected a text.') });
  const extra = Object.keys(x).find((k) => k !== 'user' && k !== 'password');
  if (extra !== undefined) fail({ code: 'E_BAD_INPUT', field: extra, message: say('{key}: unknown key (session.login takes user and password).', { key: extra }) });
  return { user: x.user, password: x.password };
}

/** The sign-in of one server: its sessions and its limits. `clock` is in milliseconds. */
export class SignIn {
  private readonly sessions: Sessions;
  private readonly limiter: Limiter;
  private dummy: PasswordHash | undefined;

  constructor(
    private readonly wb: Workbook,
    clock: () => number = Date.now,
  ) {
    this.sessions = new Sessions(clock);
    this.limiter = new Limiter(clock);
  }

  /** Whether the workbook, as last saved, asks for a login. */
  async required(): Promise<boolean> {
    return runOnFile(this.wb, async () => loginRequired(await this.model()));
  }

  /**
   * Inside a command's transaction: who it runs as — the session's user when a login is required
   * (else a 401), undefined when not (the host's user: `--as` or the OS user).
   */
  async actor(token: string | undefined): Promise<UserInfo | undefined> {
    const model = await this.model();
    if (!model || !loginRequired(model)) return undefined;
    const user = this.sessionUser(model, token);
    if (!user) throw signInFirst();
    return { id: user.id, name: user.name };
  }

  /** `session.state`, `session.login`, `session.logout`: a 401 or 429 is thrown as a Refusal. */
  async answer(command: string, input: unknown, token: string | undefined): Promise<Outcome> {
    try {
      switch (command) {
        case 'session.state':
          return { ok: true, result: await this.state(token) };
        case 'session.login':
          return { ok: true, result: await this.login(input) };
        default:
          this.sessions.end(token);
          return { ok: true, result: {} };
      }
    } catch (error) {
      if (error instanceof Refusal) throw error;
      return { ok: false, error: toErrorData(error) };
    }
  }

  private async state(token: string | undefined): Promise<SessionState> {
    return runOnFile(this.wb, async () => {
      const model = await this.model();
      if (model && loginRequired(model)) {
        const user = this.sessionUser(model, token);
        return { loginRequired: true, user: user ? publicUser(user) : null };
      }
      const actor = await this.wb.user();
      const account = model ? findUser(model, actor.id) : undefined;
      return { loginRequired: false, user: { id: actor.id, name: account?.name ?? actor.name, role: (model && accountOf(model, actor.id)?.role) ?? null } };
    });
  }

  private async login(input: unknown): Promise<{ session: string; user: SessionUser }> {
    const { user: login, password } = loginInput(input);
    // Read under the lock, checked outside it: scrypt's time must not hold up the other tabs.
    const model = await runOnFile(this.wb, () => this.model());
    // Each attempt counts as a failure before its check awaits (below), so concurrent ones are limited too.
    const refused = this.limiter.refusal(login);
    if (refused) throw refused;
    const user = model ? findUser(model, login) : undefined;
    if (user?.active && user.password === undefined) {
      this.limiter.failed(login);
      throw new Refusal(401, {
        code: 'E_LOGIN',
        field: 'password',
        message: say('{user} has no password yet: ask an admin to set one (carnet user update FILE {user} --password).', { user: user.id }),
      });
    }
    // Counted as a failure before the (asynchronous) check, so attempts made in parallel cannot
    // slip past the limit while scrypt runs; a success then clears the count.
    this.limiter.failed(login);
    const matches = user?.password ? await verifyPasswordAsync(password, user.password) : await this.dummyCheck(password);
    if (!user || !user.active || !matches) throw wrongLogin();
    this.limiter.succeeded(login);
    return { session: this.sessions.open(user.id), user: publicUser(user) };
  }

  /** The same scrypt work as checking a real password (the first time: making the dummy hash). */
  private async dummyCheck(password: string): Promise<false> {
    if (!this.dummy) this.dummy = await hashPasswordAsync(randomBytes(24).toString('base64url'));
    else await verifyPasswordAsync(password, this.dummy);
    return false;
  }

  /** The session's user, if it is live and still an active account; otherwise the session ends. */
  private sessionUser(model: AccessModel, token: string | undefined): User | undefined {
    const id = this.sessions.userOf(token);
    if (id === undefined) return undefined;
    const user = findUser(model, id);
    if (user?.active) return user;
    this.sessions.end(token);
    return undefined;
  }

  /** Inside a transaction, so that the file's latest saved version is read. */
  private async model(): Promise<AccessModel | undefined> {
    const meta = await new MetaStore(this.wb).load();
    return meta ? readAccess(meta) : undefined;
  }
}
