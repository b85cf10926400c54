/**
 * The sign-in screen's `profile` mode (Excel without Office SSO), in real headless Chromium: the
 * shared UI bundled as a page of its own, over a bridge whose commands run in this process (the
 * registry over an in-memory workbook, as the signed-in profile) and whose session plays the
 * host's: a profile picker, a password asked only for a profile that has one, the host's refusal
 * shown as it words it, then the CRM as that person; "Sign out", or a call refused because the
 * session is over (E_LOGIN), brings the picker back.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import { MemoryWorkbook } from '../../core/memory-workbook.js';
import type { UserInfo } from '../../core/workbook.js';
import { CHROMIUM_ARGS } from '../helpers/browser.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ORIGIN = 'https://taskpane.carnet.test';

/** The page's bridge: commands and the session answered by this process (exposed functions). */
const ENTRY = `
import { mount } from './ui/mount.js';
import { unwrap } from './ui/bridge.js';
const host = (kind, ...args) => window.__host(kind, JSON.stringify(args)).then((json) => unwrap(JSON.parse(json)));
mount(document.getElementById('carnet'), {
  call: (command, input = {}) => host('call', command, input),
  host: 'excel',
  session: {
    state: () => host('state'),
    login: (user, password) => host('login', user, password),
    logout: () => host('logout'),
  },
});
`;

const PROFILES = [
  { id: 'ada@example.com', name: 'Ada', hasPassword: true },
  { id: 'bob@example.com', name: 'Bob', hasPassword: false },
];

describe.skipIf(!HAS_CHROMIUM)('signing in by picking a profile', () => {
  let browser: Browser;
  let page: Page;
  const wb = new MemoryWorkbook({ id: 'ada@example.com', name: 'Ada' });
  let who: UserInfo | undefined;
  const logins: string[] = [];

  beforeAll(async () => {
    const ctx = { wb, now: () => 46_000.5 };
    expect((await dispatch(ctx, 'crm.setup', { lang: 'en' })).ok).toBe(true);
    expect((await dispatch(ctx, 'user.add', { id: 'bob@example.com', name: 'Bob', role: 'Viewer' })).ok).toBe(true);
    const built = await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'silent',
    });
    const css = (await import('node:fs')).readFileSync(join(ROOT, 'ui/styles.css'), 'utf8');
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div id="carnet"></div><script>${built.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 300, height: 720 } });
    await page.exposeFunction('__host', async (kind: string, json: string) => {
      const args = JSON.parse(json) as unknown[];
      const state = () => ({ loginRequired: true, user: who ? { ...who, role: null } : null, mode: 'profile', profiles: PROFILES });
      switch (kind) {
        case 'state':
          return JSON.stringify({ ok: true, result: state() });
        case 'login': {
          const [user, password] = args as [string, string | undefined];
          logins.push(`${user} ${password ?? '(none)'}`);
          const profile = PROFILES.find((p) => p.id === user)!;
          if (profile.hasPassword && password !== 'right') return JSON.stringify({ ok: false, error: { code: 'E_LOGIN', field: 'password', message: `Wrong password for ${user}.` } });
          who = { id: profile.id, name: profile.name };
          return JSON.stringify({ ok: true, result: { id: who.id, name: who.name, role: null } });
        }
        case 'logout':
          who = undefined;
          return JSON.stringify({ ok: true, result: {} });
        default:
          // As the hosts do once a session is over: the call refused, E_LOGIN.
          if (!who) return JSON.stringify({ ok: false, error: { code: 'E_LOGIN', message: 'Sign in again: your session is over.' } });
          return JSON.stringify(await dispatch({ wb, now: () => 46_000.5, ...(who ? { actor: who } : {}) }, args[0] as string, args[1]));
      }
    });
    await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(`${ORIGIN}/taskpane`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('asks for the password of a profile that has one, and shows the refusal as the host words it', async () => {
    await page.getByRole('heading', { name: 'Sign in', level: 2 }).waitFor();
    const picker = page.getByLabel('Profile');
    expect(await picker.locator('option').allTextContents()).toEqual(['Ada (ada@example.com)', 'Bob (bob@example.com)']);
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong password for ada@example.com.');
  });

  it('asks no password of a profile without one, then opens the CRM as that person, who sees what a Viewer may', async () => {
    await page.getByLabel('Profile').selectOption('bob@example.com');
    expect(await page.getByLabel('Password').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('combobox', { name: 'Find a company' }).waitFor();
    expect(logins).toEqual(['ada@example.com wrong', 'bob@example.com (none)']);
    expect(await page.locator('.signed-in').textContent()).toBe('Signed in as Bob. Sign out');
    expect(await page.getByRole('button', { name: '+ New company' }).count()).toBe(0);
    await page.getByRole('button', { name: '⚙ Settings' }).click();
    await page.getByRole('button', { name: 'Your rights' }).click();
    expect(await page.locator('.rights-list li[data-right="export"]').textContent()).toBe('You cannot export: your role Viewer does not have the right “export”. Ask an admin.');
  });

  it('brings the picker back on "Sign out", where Ada signs in with her password', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Profile').waitFor();
    await page.getByLabel('Password').fill('right');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: '+ New company' }).waitFor();
    expect(await page.locator('.signed-in').textContent()).toBe('Signed in as Ada. Sign out');
  });

  it('brings the picker back when a call is refused because the session is over (E_LOGIN)', async () => {
    who = undefined;
    await page.getByRole('button', { name: '↻ Refresh' }).click();
    await page.getByLabel('Profile').waitFor();
    expect(await page.getByRole('combobox', { name: 'Find a company' }).count()).toBe(0);
  });
});
