/**
 * Who is acting in Excel (issue 12): the task pane's `Bridge.session` and the adapter's `user()`.
 * Rights are decided by core (the registry's `dispatch`); this file only says who the actor is.
 *
 * In this order:
 * 1. **Office SSO**, where the build set it up (sso.ts): the person signed in to Office, by the
 *    token's `preferred_username`. No sign-in screen.
 * 2. **Rights not set up** (no access model in `_carnet`): no sign-in either. The actor is the name
 *    given in the task pane's bar (profile.ts), or "Excel user".
 * 3. **Profile mode** (rights set up, no SSO): the person picks their profile among the workbook's
 *    active users. Until they do, every command is refused with E_LOGIN, which brings the sidebar's
 *    sign-in screen back. A pane that acted under an id while rights were off (the name typed, or
 *    "Excel user": `crm.setup` makes the creator the first admin) goes on as the profile with that
 *    id when it needs no password — what anyone could pick anyway.
 *
 * What picking a profile needs (`passwordNeed`):
 * - a profile with a password: that password, checked against the scrypt hash kept in `_carnet`;
 * - a profile that can change who may do what or the setup (an admin role, or a role with the
 *   right manageUsers or configure) but has no password: refused, saying an admin must set one
 *   first (Settings → Users & rights) — as soon as one such profile has a password. Before that
 *   (the workbook's first admin has just set rights up, no admin has a password yet) it can be
 *   picked, or nobody could ever set the first password from Excel; the bar then says that anyone
 *   can act as that admin until a password is set;
 * - any other profile: nothing. Anyone who opens the workbook can pick it.
 *
 * What is remembered, and where: the profile picked, per workbook (keyed by a SHA-256 of
 * `Office.context.document.url`; Carnet keeps no workbook id of its own), in the task pane origin's
 * localStorage — per person and computer, never in the document, whose settings everyone who
 * opens the file shares. A profile that needs no password comes back when the pane opens again. A
 * password is asked again each time the task pane opens: the sign-in lives in memory only, since
 * anything Carnet could write in the browser's storage a person at that computer could write too.
 * Signing out forgets the choice.
 *
 * The access model is read through core (`MetaStore`, `readAccess`): when the sidebar asks for
 * the session's state, at a sign-in, and — while rights are off and nobody is signed in — before
 * each command (one read of `_carnet` more), so that rights set up meanwhile in another pane
 * apply at once rather than letting the typed name act as an account.
 */

import { accountOf, findUser, roleOf, type AccessModel, type Role, type User } from '../core/access/model.js';
import type { PasswordHash } from '../core/access/password-hash.js';
import { readAccess } from '../core/access/store.js';
import { CarnetError, toErrorData, type ErrorData } from '../core/errors.js';
import { loadMessages } from '../core/messages/load.js';
import { say, speaking } from '../core/messages/say.js';
import type { Lang } from '../core/schema/types.js';
import { MetaStore } from '../core/schema/storage.js';
import type { UserInfo, Workbook } from '../core/workbook.js';
import { BridgeError, type SessionBridge, type SessionState, type SessionUser } from '../ui/bridge.js';
import { ANONYMOUS } from './excel-workbook.js';
import { loadProfile, type KeyValueStore } from './profile.js';
import { signInWithOffice, type OfficeAuth } from './sso.js';

export const REMEMBERED_PREFIX = 'carnet.profile.workbook:';

export interface IdentityOptions {
  /** The adapter: `_carnet` is read through it. */
  wb: Workbook;
  /** The task pane origin's localStorage (browser.ts), or memory. */
  store: KeyValueStore;
  /** `Office.context.document.url` ("null if the URL is unavailable": a workbook never saved). */
  workbookUrl: string | null | undefined;
  /** `Office.auth`, where the build set SSO up and Excel has IdentityAPI 1.3; absent: no SSO. */
  sso?: OfficeAuth;
  /** Runs a session call after the command running now (the bridge's queue); at once by default. */
  serial?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Checks a password against its hash; core's scrypt, loaded on first use (not in the pane's first load). */
  verify?: (password: string, hash: PasswordHash) => boolean | Promise<boolean>;
}

/** What the task pane's bar shows beside the sidebar. */
export interface IdentityView {
  /** `sso`: signed in to Office; `name`: rights off, the name typed in the bar; `profile`: the sidebar's sign-in. */
  kind: 'sso' | 'name' | 'profile';
  /** Who acts, when someone does. */
  user?: SessionUser;
  /** A warning or an explanation (an admin without a password, why SSO did not sign in). */
  notice?: string;
}

const defaultVerify = async (password: string, hash: PasswordHash) => (await import('../core/access/password.js')).verifyPasswordAsync(password, hash);

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function asBridgeError<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw new BridgeError(toErrorData(e));
  }
}

function loginError(data: Omit<ErrorData, 'code'>): CarnetError {
  return new CarnetError({ code: 'E_LOGIN', ...data });
}

/** A role that changes who may do what, or the setup: its profile must have a password in Excel. */
export function changesRightsOrSetup(role: Role | undefined): boolean {
  return !!role && (!!role.admin || role.rights.includes('manageUsers') || role.rights.includes('configure'));
}

/** Whether a profile that changes rights or the setup has a password: from then on, such profiles need one. */
export function adminsSecured(model: AccessModel): boolean {
  return model.users.some((u) => u.active && u.password !== undefined && changesRightsOrSetup(roleOf(model, u)));
}

/**
 * What picking `user` needs: `own` its password; `missing` a password it does not have yet (a
 * profile that changes rights or the setup, once such profiles have passwords); nothing otherwise.
 */
export function passwordNeed(model: AccessModel, user: User): 'own' | 'missing' | undefined {
  if (user.password !== undefined) return 'own';
  if (changesRightsOrSetup(roleOf(model, user)) && adminsSecured(model)) return 'missing';
  return undefined;
}

/**
 * The key of a workbook's remembered profile: a digest of its address, so the storage lists no file
 * paths. Workbooks Excel gives no address for (never saved) share one key.
 */
export async function rememberedKey(workbookUrl: string | null | undefined): Promise<string> {
  const url = workbookUrl ?? '';
  try {
    const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(url)));
    return REMEMBERED_PREFIX + Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    // No WebCrypto (the task pane is https, where it is always there): the address itself.
    return REMEMBERED_PREFIX + encodeURIComponent(url);
  }
}

export class ExcelIdentity {
  /** Who Office signed in, when SSO did. */
  private office: UserInfo | undefined;
  private officeProblem: string | undefined;
  /** The profile picked in this pane, and whether its password was given. */
  private signedIn: { user: User; withPassword: boolean } | undefined;
  /** After "Sign out", the typed name or the remembered profile no longer signs in by itself. */
  private picking = false;
  private enforced = false;
  private notice: string | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly serial: <T>(fn: () => Promise<T>) => Promise<T>;
  private readonly verify: (password: string, hash: PasswordHash) => boolean | Promise<boolean>;

  private constructor(
    private readonly options: IdentityOptions,
    private readonly key: string,
  ) {
    this.serial = options.serial ?? ((fn) => fn());
    this.verify = options.verify ?? defaultVerify;
  }

  /** Asks Office first, where SSO is set up; whatever it answers, the identity is usable. */
  static async start(options: IdentityOptions): Promise<ExcelIdentity> {
    const identity = new ExcelIdentity(options, await rememberedKey(options.workbookUrl));
    if (options.sso) {
      const answer = await signInWithOffice(options.sso);
      if (answer.ok) identity.office = answer.user;
      else identity.officeProblem = answer.problem;
    }
    return identity;
  }

  /** The adapter's `user()`: who acts in the command starting now; E_LOGIN while a profile must be picked. */
  async user(): Promise<UserInfo> {
    if (this.office) return this.office;
    if (this.signedIn) return { id: this.signedIn.user.id, name: this.signedIn.user.name };
    const model = await this.model();
    if (!model) return loadProfile(this.options.store) ?? ANONYMOUS;
    const adopted = this.adopt(model);
    this.changed();
    if (adopted) return { id: this.signedIn!.user.id, name: this.signedIn!.user.name };
    throw loginError({ message: say('Rights are set up in this workbook: pick your profile first.') });
  }

  /** The task pane's `Bridge.session`: refusals as BridgeErrors carrying core's error data, as commands' are. */
  readonly session: SessionBridge = {
    state: () => this.serial(() => asBridgeError(this.spoken(() => this.state()))),
    login: (user, password) => this.serial(() => asBridgeError(this.spoken(() => this.login(user, password)))),
    logout: () => this.serial(() => asBridgeError(this.logout())),
  };

  /** Switches the sign-in's words to the workbook's language once its settings are read (`model`). */
  private speak: ((lang: Lang) => void) | undefined;

  /**
   * Runs a sign-in step outside any command, its refusals said in the workbook's language: known
   * from the settings the step reads anyway (no extra sync).
   */
  private spoken<T>(fn: () => Promise<T>): Promise<T> {
    return speaking(undefined, async (speak) => {
      this.speak = speak;
      try {
        return await fn();
      } finally {
        this.speak = undefined;
      }
    });
  }

  /** For the bar, as of the last state, sign-in or command. */
  view(): IdentityView {
    if (this.office) return { kind: 'sso', user: { ...this.office, role: null }, notice: say('Signed in to Office as {id}.', { id: this.office.id }) };
    if (!this.enforced) return { kind: 'name', ...(this.officeProblem ? { notice: this.officeProblem } : {}) };
    const notice = [this.officeProblem, this.notice].filter(Boolean).join(' ');
    return { kind: 'profile', ...(this.signedIn ? { user: this.publicUser(this.signedIn.user) } : {}), ...(notice ? { notice } : {}) };
  }

  /** Called when who acts (or what the bar says) changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async state(): Promise<SessionState> {
    const model = await this.model();
    if (this.office) {
      const role = model ? (accountOf(model, this.office.id)?.role ?? null) : null;
      return { loginRequired: false, user: { ...this.office, role }, mode: 'profile' };
    }
    if (!model) {
      this.signedIn = undefined;
      this.changed();
      const named = loadProfile(this.options.store) ?? ANONYMOUS;
      return { loginRequired: false, user: { ...named, role: null }, mode: 'profile', profiles: [] };
    }
    this.recheck(model);
    if (!this.signedIn) this.adopt(model);
    this.changed();
    return {
      loginRequired: true,
      user: this.signedIn ? this.publicUser(this.signedIn.user) : null,
      mode: 'profile',
      profiles: model.users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name, hasPassword: u.password !== undefined })),
    };
  }

  private async login(id: string, password?: string): Promise<SessionUser> {
    if (this.office) throw loginError({ field: 'user', message: say('Office signed you in as {id}: there is no profile to pick.', { id: this.office.id }) });
    const model = await this.model();
    if (!model) throw loginError({ field: 'user', message: say('Rights are not set up in this workbook: there is no profile to pick. Carnet labels your changes with the name given in the task pane.') });
    const user = findUser(model, id);
    if (!user || !user.active) {
      const names = model.users.filter((u) => u.active).map((u) => u.name || u.id);
      throw loginError({
        field: 'user',
        value: id,
        message: user
          ? say('{name}’s profile is deactivated: ask an admin.', { name: user.name || user.id })
          : say('There is no profile "{id}" in this workbook (profiles: {profiles}).', { id, profiles: names.join(', ') }),
      });
    }
    const need = passwordNeed(model, user);
    const who = user.name || user.id;
    if (need === 'missing') {
      throw loginError({
        field: 'password',
        value: user.id,
        message: say('{name} can change rights or the setup (role {role}), so in Excel Carnet asks for {name}’s password, and {name} has none yet. An admin must set one first, in Settings → Users & rights.', { name: who, role: user.role }),
      });
    }
    if (need === 'own') {
      if (!password) throw loginError({ field: 'password', value: user.id, message: say('{name}’s profile has a password: enter it.', { name: who }) });
      if (!(await this.verify(password, user.password!))) throw loginError({ field: 'password', value: user.id, message: say('Wrong password for {name}.', { name: who }) });
    }
    this.signIn(model, user, need === 'own');
    this.changed();
    return this.publicUser(user);
  }

  private async logout(): Promise<void> {
    if (this.office) return; // Carnet cannot sign anyone out of Office.
    this.signedIn = undefined;
    this.picking = true;
    this.notice = undefined;
    this.forget();
    this.changed();
  }

  /**
   * Without anyone signed in: the profile remembered for this workbook, else the one that has the
   * id this pane acted as while rights were off (the name typed in the bar, or "Excel user": the
   * workbook's creator becomes its first admin) — only when it needs no password, so only what
   * anyone could pick.
   */
  private adopt(model: AccessModel): boolean {
    this.enforced = true;
    if (this.picking) return false;
    const before = loadProfile(this.options.store) ?? ANONYMOUS;
    for (const id of [this.remembered(), before.id]) {
      const user = id ? findUser(model, id) : undefined;
      if (user?.active && passwordNeed(model, user) === undefined) {
        this.signIn(model, user, false);
        return true;
      }
    }
    return false;
  }

  /** A signed-in profile that is gone, deactivated, or now needs a password it was not given, is signed out. */
  private recheck(model: AccessModel): void {
    if (!this.signedIn) return;
    const user = findUser(model, this.signedIn.user.id);
    const need = user ? passwordNeed(model, user) : undefined;
    if (!user || !user.active || need === 'missing' || (need === 'own' && !this.signedIn.withPassword)) {
      this.signedIn = undefined;
      this.notice = undefined;
      return;
    }
    this.signIn(model, user, this.signedIn.withPassword);
  }

  private signIn(model: AccessModel, user: User, withPassword: boolean): void {
    this.signedIn = { user, withPassword };
    this.picking = false;
    this.enforced = true;
    this.remember(user.id);
    const who = user.name || user.id;
    this.notice =
      user.password === undefined && changesRightsOrSetup(roleOf(model, user))
        ? `${who} can change rights and has no password: anyone who opens this workbook can act as ${who} through Carnet. Set a password in Settings → Users & rights.`
        : undefined;
  }

  private publicUser(user: User): SessionUser {
    return { id: user.id, name: user.name, role: user.role };
  }

  private async model(): Promise<AccessModel | undefined> {
    const meta = await new MetaStore(this.options.wb).load();
    if (meta && this.speak) {
      await loadMessages(meta.schema.lang);
      this.speak(meta.schema.lang);
    }
    const model = meta ? readAccess(meta) : undefined;
    this.enforced = !!model;
    return model;
  }

  private remembered(): string | undefined {
    try {
      const raw = this.options.store.getItem(this.key);
      const id = raw ? (JSON.parse(raw) as { id?: unknown }).id : undefined;
      return typeof id === 'string' && id ? id : undefined;
    } catch {
      return undefined; // unreadable: pick again
    }
  }

  private remember(id: string): void {
    if (this.remembered() !== undefined && same(this.remembered()!, id)) return;
    try {
      this.options.store.setItem(this.key, JSON.stringify({ id }));
    } catch {
      // Storage full or blocked: the choice holds for this pane only.
    }
  }

  private forget(): void {
    try {
      this.options.store.removeItem(this.key);
    } catch {
      // nothing to forget
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
