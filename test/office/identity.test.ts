/**
 * Who acts in Excel (office-addin/identity.ts), over the fake Excel and a fake `Office.auth`
 * (fake-auth.ts): Office SSO where it works, the profile picked in the sidebar where it does not,
 * passwords checked against the scrypt hashes in `_carnet`, an admin's profile refused without a
 * password, the choice remembered per workbook — and rights enforced by core on whoever that is,
 * through the task pane's bridge.
 *
 * Passwords are hashed here with light scrypt parameters (2^10, 8, 1) so that a test does not pay
 * the real ones' seconds; core's verifyPassword reads the parameters from the stored hash.
 */

import { scrypt } from '@noble/hashes/scrypt.js';
import { describe, expect, it } from 'vitest';
import { defaultRoles, type AccessModel, type User } from '../../core/access/model.js';
import type { PasswordHash } from '../../core/access/password.js';
import { writeAccess } from '../../core/access/store.js';
import type { Context } from '../../core/app/command.js';
import { dispatch } from '../../core/app/registry.js';
import { serialFromParts } from '../../core/dates.js';
import { MetaStore } from '../../core/schema/storage.js';
import { inProcessBridge } from '../../office-addin/bridge.js';
import { OfficeWorkbook } from '../../office-addin/excel-workbook.js';
import { ExcelIdentity, REMEMBERED_PREFIX, rememberedKey } from '../../office-addin/identity.js';
import { memoryStore, saveProfile, type KeyValueStore } from '../../office-addin/profile.js';
import { decodeJwtPayload, SSO_OPTIONS } from '../../office-addin/sso.js';
import { taskPaneBridge } from '../../office-addin/wide-dialog.js';
import { BridgeError, type Bridge } from '../../ui/bridge.js';
import { ok } from '../helpers/commands.js';
import { EVENTS } from './fake-dialog.js';
import { FakeOfficeAuth, unsignedToken } from './fake-auth.js';
import { FakeExcel } from './fake-excel.js';

const NOW = serialFromParts(2026, 11, 27, 10, 30);
const BOOK = 'https://contoso-my.sharepoint.com/personal/ada_contoso_com/Documents/CRM.xlsx';
const OTHER_BOOK = 'https://contoso-my.sharepoint.com/personal/ada_contoso_com/Documents/Other CRM.xlsx';

function lightHash(password: string): PasswordHash {
  const salt = new Uint8Array(16).fill(7);
  const key = scrypt(new TextEncoder().encode(password.normalize('NFC')), salt, { N: 2 ** 10, r: 8, p: 1, dkLen: 32 });
  return { scheme: 'scrypt', logN: 10, r: 8, p: 1, salt: Buffer.from(salt).toString('base64'), hash: Buffer.from(key).toString('base64') };
}

const ADA: User = { id: 'ada@contoso.com', name: 'Ada', role: 'Admin', active: true, password: lightHash('ada-secret-1') };
const BOB: User = { id: 'bob@contoso.com', name: 'Bob', role: 'Manager', active: true };
const CY: User = { id: 'cy@contoso.com', name: 'Cy', role: 'Viewer', active: true };
const DEE: User = { id: 'dee@contoso.com', name: 'Dee', role: 'Manager', active: true, password: lightHash('dee-secret-1') };
const EVE: User = { id: 'eve@contoso.com', name: 'Eve', role: 'Admin', active: true };
const GONE: User = { id: 'gus@contoso.com', name: 'Gus', role: 'Manager', active: false };

/** What an admin does in their own task pane: `_carnet`'s rights replaced by `model` (undefined: rights off). */
async function setRights(excel: FakeExcel, model: AccessModel | undefined): Promise<void> {
  const store = new MetaStore(new OfficeWorkbook({ run: excel.run }));
  const meta = (await store.load())!;
  if (model) writeAccess(meta, model);
  else delete meta.extra.access;
  await store.save(meta);
}

const withRoles = (users: User[]): AccessModel => ({ users, roles: defaultRoles(), newcomers: null });

/** A fake Excel holding a CRM set up by Ada, with `users` as its accounts (undefined: rights off). */
async function excelWith(users: User[] | AccessModel | undefined, lang: 'en' | 'fr' = 'en'): Promise<FakeExcel> {
  const excel = new FakeExcel();
  const creator = new OfficeWorkbook({ run: excel.run, user: () => ({ id: ADA.id, name: ADA.name }), features: { notes: true, merges: true } });
  await ok({ wb: creator, now: () => NOW }, 'crm.setup', { lang });
  await setRights(excel, Array.isArray(users) ? withRoles(users) : users);
  return excel;
}

/** A task pane over `excel`: its adapter acting as the identity's user, its bridge with the session. */
async function taskPane(excel: FakeExcel, options: { store?: KeyValueStore; url?: string | null; sso?: FakeOfficeAuth } = {}) {
  let identity: ExcelIdentity | undefined;
  const wb = new OfficeWorkbook({ run: excel.run, user: () => identity!.user(), features: { notes: true, merges: true } });
  const inProcess = inProcessBridge((): Context => ({ wb, now: () => NOW }), dispatch);
  identity = await ExcelIdentity.start({
    wb,
    store: options.store ?? memoryStore(),
    workbookUrl: options.url === undefined ? BOOK : options.url,
    serial: inProcess.serial,
    ...(options.sso ? { sso: options.sso } : {}),
  });
  const bridge: Bridge = taskPaneBridge(
    inProcess,
    { wideDialog: false, capabilities: { nativePivots: true }, session: identity.session },
    { ui: { displayDialogAsync: () => undefined }, events: EVENTS, taskpaneUrl: 'https://carnet.test/taskpane.html', origin: 'https://carnet.test' },
  );
  return { identity, bridge, session: bridge.session! };
}

async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(BridgeError);
  return (e as BridgeError).data;
}

const PROFILES = [
  { id: ADA.id, name: 'Ada', hasPassword: true },
  { id: BOB.id, name: 'Bob', hasPassword: false },
  { id: CY.id, name: 'Cy', hasPassword: false },
  { id: DEE.id, name: 'Dee', hasPassword: true },
  { id: EVE.id, name: 'Eve', hasPassword: false },
];

const NEW_COMPANY = { directory: 'companies', values: { name: 'Zephyr' } };

describe('Who acts in Excel', () => {
  describe('with Office SSO set up', () => {
    it('is the person Office signed in, by the token’s preferred_username: no sign-in, and core decides their rights', async () => {
      const excel = await excelWith([ADA, BOB, CY]);
      const sso = new FakeOfficeAuth({ signedIn: { preferred_username: 'Bob@Contoso.com', name: 'Bob Martin', oid: '6467882c' } });
      const { bridge, session, identity } = await taskPane(excel, { sso });
      expect(sso.calls).toEqual([{ allowSignInPrompt: true, allowConsentPrompt: true }]);
      expect(await session.state()).toEqual({ loginRequired: false, user: { id: 'Bob@Contoso.com', name: 'Bob Martin', role: 'Manager' }, mode: 'profile' });
      expect(await bridge.call('me')).toMatchObject({ enforced: true, user: { id: 'Bob@Contoso.com', role: 'Manager' } });
      expect(await bridge.call('record.create', NEW_COMPANY)).toMatchObject({ id: expect.stringMatching(/^CO-/) });
      expect(identity.view()).toEqual({ kind: 'sso', user: { id: 'Bob@Contoso.com', name: 'Bob Martin', role: null }, notice: 'Signed in to Office as Bob@Contoso.com.' });
    });

    it('signs in at Office’s prompt when nobody was signed in to Office', async () => {
      const excel = await excelWith([ADA, BOB, CY]);
      const sso = new FakeOfficeAuth({ atPrompt: { preferred_username: 'cy@contoso.com', name: 'Cy' } });
      const { session } = await taskPane(excel, { sso });
      expect((await session.state()).user).toEqual({ id: 'cy@contoso.com', name: 'Cy', role: 'Viewer' });
    });

    it.each([
      ['the manifest has no WebApplicationInfo (13000)', new FakeOfficeAuth({ configured: false }), 'Office could not sign you in (13000): this Office or this add-in is not set up for it.'],
      ['the person cancels Office’s sign-in (13002)', new FakeOfficeAuth({}), 'Office could not sign you in (13002): the sign-in was cancelled.'],
      ['the account is an on-premises one (13003)', new FakeOfficeAuth({ error: 13003 }), 'Office could not sign you in (13003): this kind of account cannot sign in to add-ins.'],
      ['the token names nobody', new FakeOfficeAuth({ signedIn: { name: 'No Username' } }), 'Office signed you in, but its token names no user (no preferred_username).'],
    ])('falls back to the profile mode when %s, and says why', async (_case, sso, problem) => {
      const excel = await excelWith([ADA, BOB, CY, DEE, EVE]);
      const { session, identity, bridge } = await taskPane(excel, { sso });
      expect(await session.state()).toEqual({ loginRequired: true, user: null, mode: 'profile', profiles: PROFILES });
      expect(identity.view()).toEqual({ kind: 'profile', notice: problem });
      expect(await session.login(BOB.id)).toEqual({ id: BOB.id, name: 'Bob', role: 'Manager' });
      expect(await bridge.call('me')).toMatchObject({ user: { id: BOB.id, role: 'Manager' } });
    });

    it('reads the token’s payload only: base64url, UTF-8, anything that is not a JWT is nothing', () => {
      expect(decodeJwtPayload(unsignedToken({ preferred_username: 'zoë@contoso.com', name: 'Zoë Ünal' }))).toMatchObject({ preferred_username: 'zoë@contoso.com', name: 'Zoë Ünal' });
      expect(decodeJwtPayload('not a token')).toBeUndefined();
      expect(decodeJwtPayload('a.%%%.c')).toBeUndefined();
      expect(SSO_OPTIONS).toEqual({ allowSignInPrompt: true, allowConsentPrompt: true });
    });
  });

  describe('in profile mode (rights set up, no SSO)', () => {
    it('lists the active profiles and refuses every command until one is picked', async () => {
      const excel = await excelWith([ADA, BOB, CY, DEE, EVE, GONE]);
      const { session, bridge } = await taskPane(excel);
      expect(await session.state()).toEqual({ loginRequired: true, user: null, mode: 'profile', profiles: PROFILES });
      expect(await refusal(bridge.call('card.index'))).toEqual({ code: 'E_LOGIN', message: 'Rights are set up in this workbook: pick your profile first.' });
      expect(bridge.host).toBe('excel');
    });

    it('needs the password of a profile that has one: none and a wrong one are refused, the right one signs in', async () => {
      const excel = await excelWith([ADA, BOB, CY, DEE]);
      const { session, bridge } = await taskPane(excel);
      expect(await refusal(session.login(DEE.id))).toEqual({ code: 'E_LOGIN', field: 'password', value: DEE.id, message: 'Dee’s profile has a password: enter it.' });
      expect(await refusal(session.login(DEE.id, 'not-dees-password'))).toEqual({ code: 'E_LOGIN', field: 'password', value: DEE.id, message: 'Wrong password for Dee.' });
      expect(await refusal(bridge.call('me'))).toMatchObject({ code: 'E_LOGIN' });
      expect(await session.login('DEE@contoso.com', 'dee-secret-1')).toEqual({ id: DEE.id, name: 'Dee', role: 'Manager' });
      expect(await bridge.call('me')).toMatchObject({ user: { id: DEE.id, role: 'Manager' } });
      expect((await session.state()).user).toEqual({ id: DEE.id, name: 'Dee', role: 'Manager' });
    });

    it('says its refusals in the workbook’s language, read with the profiles (a French workbook)', async () => {
      const excel = await excelWith([ADA, BOB, CY, DEE], 'fr');
      const { session } = await taskPane(excel);
      expect(await refusal(session.login(DEE.id))).toEqual({ code: 'E_LOGIN', field: 'password', value: DEE.id, message: 'Le profil de Dee a un mot de passe\u00a0: saisissez-le.' });
      expect(await refusal(session.login(DEE.id, 'not-dees-password'))).toEqual({ code: 'E_LOGIN', field: 'password', value: DEE.id, message: 'Mot de passe incorrect pour Dee.' });
    });

    it('refuses an admin’s profile without a password once admins have passwords, saying an admin must set one first', async () => {
      const excel = await excelWith([ADA, BOB, EVE]);
      const { session } = await taskPane(excel);
      expect(await refusal(session.login(EVE.id))).toEqual({
        code: 'E_LOGIN',
        field: 'password',
        value: EVE.id,
        message: 'Eve can change rights or the setup (role Admin), so in Excel Carnet asks for Eve’s password, and Eve has none yet. An admin must set one first, in Settings → Users & rights.',
      });
      // The same for a role that may configure or manage users without being the Admin role.
      const fay: User = { id: 'fay@contoso.com', name: 'Fay', role: 'Setup', active: true };
      const setup = { name: 'Setup', directories: { '*': { level: 'view' as const, delete: false } }, rights: ['configure' as const] };
      const pane = await taskPane(await excelWith({ users: [ADA, fay], roles: [...defaultRoles(), setup], newcomers: null }));
      expect(await refusal(pane.session.login('fay@contoso.com'))).toMatchObject({ code: 'E_LOGIN', field: 'password', message: expect.stringContaining('Fay can change rights or the setup (role Setup)') });
    });

    it('lets the first admin in without a password while no admin has one — or nobody could set it — and warns', async () => {
      const excel = await excelWith([{ ...ADA, password: undefined }, BOB]);
      const { session, identity, bridge } = await taskPane(excel);
      expect(await session.login(ADA.id)).toEqual({ id: ADA.id, name: 'Ada', role: 'Admin' });
      expect(identity.view()).toEqual({
        kind: 'profile',
        user: { id: ADA.id, name: 'Ada', role: 'Admin' },
        notice: 'Ada can change rights and has no password: anyone who opens this workbook can act as Ada through Carnet. Set a password in Settings → Users & rights.',
      });
      expect(await bridge.call('me')).toMatchObject({ admin: true });
    });

    it('refuses a profile that does not exist or is deactivated', async () => {
      const excel = await excelWith([ADA, BOB, GONE]);
      const { session } = await taskPane(excel);
      expect(await refusal(session.login('zed@contoso.com'))).toEqual({ code: 'E_LOGIN', field: 'user', value: 'zed@contoso.com', message: 'There is no profile "zed@contoso.com" in this workbook (profiles: Ada, Bob).' });
      expect(await refusal(session.login(GONE.id))).toEqual({ code: 'E_LOGIN', field: 'user', value: GONE.id, message: 'Gus’s profile is deactivated: ask an admin.' });
    });

    it('refuses a Viewer’s record.create through the bridge, with core’s E_FORBIDDEN', async () => {
      const excel = await excelWith([ADA, BOB, CY]);
      const { session, bridge } = await taskPane(excel);
      await session.login(CY.id);
      expect(await refusal(bridge.call('record.create', NEW_COMPANY))).toEqual({
        code: 'E_FORBIDDEN',
        right: 'add',
        directory: 'companies',
        message: 'cy@contoso.com (Viewer) may not add records to Companies: that needs "add" on Companies, and the role Viewer has "view".',
      });
      await session.logout();
      await session.login(BOB.id);
      expect(await bridge.call('record.create', NEW_COMPANY)).toMatchObject({ id: expect.stringMatching(/^CO-/) });
    });

    describe('remembers the choice per workbook, in the browser’s storage only', () => {
      it('brings back a profile without a password in the same workbook, not in another one', async () => {
        const excel = await excelWith([ADA, BOB, CY]);
        const store = memoryStore();
        await (await taskPane(excel, { store })).session.login(BOB.id);
        const again = await taskPane(excel, { store });
        expect((await again.session.state()).user).toEqual({ id: BOB.id, name: 'Bob', role: 'Manager' });
        expect(await again.bridge.call('me')).toMatchObject({ user: { id: BOB.id } });
        const elsewhere = await taskPane(excel, { store, url: OTHER_BOOK });
        expect((await elsewhere.session.state()).user).toBeNull();
      });

      it('keeps it under a digest of the workbook’s address, never in the document', async () => {
        const excel = await excelWith([ADA, BOB]);
        const store = memoryStore();
        const before = JSON.stringify(await new MetaStore(new OfficeWorkbook({ run: excel.run })).load());
        await (await taskPane(excel, { store })).session.login(BOB.id);
        const key = await rememberedKey(BOOK);
        expect(key).toMatch(new RegExp(`^${REMEMBERED_PREFIX}[0-9a-f]{32}$`));
        expect(store.getItem(key)).toBe(JSON.stringify({ id: BOB.id }));
        expect(JSON.stringify(await new MetaStore(new OfficeWorkbook({ run: excel.run })).load())).toBe(before);
      });

      it('asks a password again each time the task pane opens', async () => {
        const excel = await excelWith([ADA, BOB, DEE]);
        const store = memoryStore();
        await (await taskPane(excel, { store })).session.login(DEE.id, 'dee-secret-1');
        const again = await taskPane(excel, { store });
        expect((await again.session.state()).user).toBeNull();
        expect(await refusal(again.bridge.call('me'))).toMatchObject({ code: 'E_LOGIN' });
      });

      it('forgets it on sign-out', async () => {
        const excel = await excelWith([ADA, BOB]);
        const store = memoryStore();
        const pane = await taskPane(excel, { store });
        await pane.session.login(BOB.id);
        await pane.session.logout();
        expect((await pane.session.state()).user).toBeNull();
        expect((await (await taskPane(excel, { store })).session.state()).user).toBeNull();
      });

      it('does not bring back a profile that has been given a password since', async () => {
        const excel = await excelWith([ADA, BOB]);
        const store = memoryStore();
        const pane = await taskPane(excel, { store });
        await pane.session.login(BOB.id);
        await setRights(excel, withRoles([ADA, { ...BOB, password: lightHash('bob-secret-1') }]));
        expect((await pane.session.state()).user).toBeNull();
        expect((await (await taskPane(excel, { store })).session.state()).user).toBeNull();
      });
    });
  });

  describe('without rights set up', () => {
    it('asks no sign-in: the name typed in the bar acts, else “Excel user”', async () => {
      const excel = await excelWith(undefined);
      const store = memoryStore();
      const pane = await taskPane(excel, { store });
      expect(await pane.session.state()).toEqual({ loginRequired: false, user: { id: 'excel-user', name: 'Excel user', role: null }, mode: 'profile', profiles: [] });
      saveProfile(store, 'Ada Lovelace', 'ada@example.com');
      expect(await pane.session.state()).toMatchObject({ loginRequired: false, user: { id: 'ada@example.com', name: 'Ada Lovelace' } });
      expect(await pane.bridge.call('me')).toMatchObject({ enforced: false, user: { id: 'ada@example.com' } });
      expect(pane.identity.view()).toEqual({ kind: 'name' });
      expect(await refusal(pane.session.login('ada@example.com'))).toMatchObject({ code: 'E_LOGIN', field: 'user' });
    });

    it('lets the typed name act as its profile once rights are set up, if that needs no password; else asks', async () => {
      const excel = await excelWith(undefined);
      const store = memoryStore();
      saveProfile(store, 'Bob', BOB.id);
      const pane = await taskPane(excel, { store });
      const typedAda = memoryStore();
      saveProfile(typedAda, 'Ada', ADA.id);
      const asAda = await taskPane(excel, { store: typedAda });
      expect(await pane.bridge.call('me')).toMatchObject({ enforced: false, user: { id: BOB.id } });
      // Ada sets rights up in her own pane meanwhile: the next command of each pane knows.
      await setRights(excel, withRoles([ADA, BOB]));
      expect(await pane.bridge.call('me')).toMatchObject({ enforced: true, user: { id: BOB.id, role: 'Manager' } });
      expect(await refusal(asAda.bridge.call('me'))).toEqual({ code: 'E_LOGIN', message: 'Rights are set up in this workbook: pick your profile first.' });
    });

    it('keeps the workbook’s creator acting as its first admin after “Set up CRM”', async () => {
      const excel = new FakeExcel();
      const { bridge, session } = await taskPane(excel);
      await bridge.call('crm.setup', { lang: 'en' });
      expect(await bridge.call('me')).toMatchObject({ enforced: true, admin: true, user: { id: 'excel-user' } });
      expect(await session.state()).toMatchObject({ loginRequired: true, user: { id: 'excel-user', role: 'Admin' } });
    });
  });
});
