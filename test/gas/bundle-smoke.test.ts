/**
 * The built add-on, run the way Apps Script runs it: Code.js evaluated in a bare V8 context whose
 * only globals are the Apps Script services (here the fake), then its top-level functions called
 * by name, as the menu and google.script.run do.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGas } from '../../gas-addon/build.js';
import { GLOBALS } from '../../gas-addon/main.js';
import { MENU } from '../../gas-addon/menu.js';
import { REMOTE_SCREENS } from '../../gas-addon/build.js';
import { SIDEBAR_GLOBALS } from '../../gas-addon/sidebar-words.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let code: string;
let sidebar: string;
let screens: string;
let manifest: { runtimeVersion: string; oauthScopes: string[] };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-gas-'));
  await buildGas(root, dir);
  code = await fs.readFile(path.join(dir, 'Code.js'), 'utf8');
  sidebar = await fs.readFile(path.join(dir, 'Sidebar.html'), 'utf8');
  screens = await fs.readFile(path.join(dir, 'Screens.js'), 'utf8');
  manifest = JSON.parse(await fs.readFile(path.join(dir, 'appsscript.json'), 'utf8'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type Globals = Record<string, (...args: unknown[]) => unknown>;

/** A fresh spreadsheet and a fresh script runtime holding only Apps Script's globals. */
function load(fake = new FakeAppsScript({ timeZone: 'Europe/Paris', files: { 'Sidebar.html': sidebar } })) {
  const context = vm.createContext({
    SpreadsheetApp: fake.SpreadsheetApp,
    LockService: fake.LockService,
    Session: fake.Session,
    HtmlService: fake.HtmlService,
    Utilities: fake.Utilities,
    DriveApp: fake.DriveApp,
    ScriptApp: fake.ScriptApp,
  });
  vm.runInContext(code, context, { filename: 'Code.js' });
  // One script project, one global scope: Screens.js beside Code.js, as clasp pushes them.
  vm.runInContext(screens, context, { filename: 'Screens.js' });
  const g = context as unknown as Globals;
  /** carnet() as google.script.run calls it: strings in, a string out, parsed here. */
  const carnet = (command: string, input: unknown) => {
    const out = g.carnet!(command, typeof input === 'string' ? input : JSON.stringify(input));
    expect(typeof out).toBe('string');
    return JSON.parse(out as string) as { ok: boolean; result?: any; error?: any };
  };
  return { fake, g, carnet };
}

describe('The built Google Sheets add-on', () => {
  describe('Code.js', () => {
    it('declares one top-level function per name in GLOBALS and SIDEBAR_GLOBALS, and nothing else callable', () => {
      const { g } = load();
      for (const name of [...GLOBALS, ...SIDEBAR_GLOBALS]) expect(typeof g[name], name).toBe('function');
      const declared = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
      expect(declared).toEqual([...GLOBALS, ...SIDEBAR_GLOBALS]);
    });

    it("serves the sidebar's French and Russian words (carnetWords), which Sidebar.html leaves out", () => {
      const { g } = load();
      const fr = JSON.parse(g.carnetWords!('fr') as string) as { ok: boolean; result: Record<string, string> };
      expect(fr.ok).toBe(true);
      expect(fr.result.loading).toBe('Chargement…');
      expect(JSON.parse(g.carnetWords!('ru') as string).result.signOut).toBe('Выйти');
      expect(JSON.parse(g.carnetWords!('de') as string)).toMatchObject({ ok: false, error: { code: 'E_BAD_INPUT', field: 'lang' } });
    });

    it('serves the sidebar screens Sidebar.html leaves out (carnetScreen), as scripts from Screens.js', () => {
      const { g } = load();
      for (const name of Object.keys(REMOTE_SCREENS)) {
        const served = JSON.parse(g.carnetScreen!(name) as string) as { ok: boolean; result: string };
        expect(served.ok, name).toBe(true);
        // The screen fills CarnetScreens with its module and takes Preact from the page, not a copy of its own.
        expect(served.result).toMatch(new RegExp(`CarnetScreens\\|\\|\\{\\}\\)\\.${name}=`));
        expect(served.result).toContain('CarnetShared["preact/hooks"]');
        expect(served.result).not.toContain('__H');
        expect(served.result).not.toContain('useCarnet outside');
      }
      expect(JSON.parse(g.carnetScreen!('nowhere') as string)).toMatchObject({ ok: false, error: { code: 'E_BAD_INPUT', field: 'name', value: 'nowhere' } });
    });

    it('needs nothing from Node or a browser', () => {
      expect(code).not.toMatch(/\brequire\(\s*["']/);
      expect(code).not.toMatch(/["']node:/);
      expect(code).not.toMatch(/\bprocess\.(env|argv|cwd)/);
      // The DOM's `document`, not a Word file's part name ("word/document.xml", "…wordprocessingml.document.main+xml").
      expect(code).not.toMatch(/(?<![\w$/.])document\.(?!xml\b|main\b|macroEnabled\b)/);
      // `window` appears only inside the script tag texts that showSidebar and the wide dialog append
      // to the page; in papaparse's look-up of its global object, behind a `typeof` guard; and in
      // pizzip's Blob output, which Carnet never asks for (it generates Uint8Arrays). `x.window`
      // (a compressor's field) and its message "invalid window size" are no global.
      const allowed = [/typeof window !== ["']undefined["']\)\s*\{\s*return window;?\s*\}/g, /window\.BlobBuilder \|\| window\.WebKitBlobBuilder \|\| window\.MozBlobBuilder \|\| window\.MSBlobBuilder/g, /"invalid window size"/g];
      const rest = allowed.reduce((c, re) => c.replace(re, ''), code.replace(/<script>window\.CARNET_SCREEN=/g, '').replace(';window.CARNET_WIDE=', ''));
      expect(rest).not.toMatch(/(?<![.\w$])window\b/);
    });

    it('runs async code on SyncPromise: no native async function is left in it', () => {
      expect(code).not.toMatch(/\basync\s+(function\b|\(|[\w$]+\s*=>)/);
      expect(code).not.toMatch(/\bawait\b/);
    });

    it('carries no comments but the header ones', () => {
      const comments = code.split('\n').filter((l) => /^\s*(\/\/|\/\*)/.test(l));
      expect(comments).toHaveLength(4);
    });
  });

  describe('onOpen', () => {
    it('adds the Carnet menu with every item bound to a global function', () => {
      const { fake, g } = load();
      g.onOpen!({ authMode: 'FULL' });
      expect(fake.ui.menus).toEqual([
        {
          items: [
            { caption: 'Set up CRM in this spreadsheet', functionName: 'menuSetUp' },
            { caption: 'Open card', functionName: 'menuOpenCard' },
            { caption: 'Directories', functionName: 'menuDirectories' },
            { caption: 'Reports', functionName: 'menuReports' },
            { caption: 'Import', functionName: 'menuImport' },
            { caption: 'Documents', functionName: 'menuDocuments' },
            { caption: 'Check', functionName: 'menuCheck' },
            { caption: 'Settings', functionName: 'menuSettings' },
            { caption: 'Directories and fields', functionName: 'menuDirectoriesAndFields' },
            { caption: 'Record hand edits in the audit log', functionName: 'menuRecordHandEdits' },
            { caption: 'Stop recording hand edits', functionName: 'menuStopRecordingHandEdits' },
            { caption: 'Keep typed rows tidy', functionName: 'menuKeepTypedRowsTidy' },
            { caption: 'Stop keeping typed rows tidy', functionName: 'menuStopKeepingTypedRowsTidy' },
          ],
        },
      ]);
      for (const item of MENU) expect(GLOBALS as readonly string[]).toContain(item.functionName);
    });

    it('touches nothing but the menu (it may run before the user authorised Carnet)', () => {
      const { fake, g } = load();
      g.onOpen!({ authMode: 'NONE' });
      expect(Object.keys(fake.calls.snapshot())).toEqual(['Menu.addItem', 'Menu.addToUi', 'SpreadsheetApp.getUi', 'Ui.createAddonMenu']);
    });
  });

  describe('carnet(command, json)', () => {
    it('sets up the CRM in French, then gives its schema', () => {
      const { fake, carnet } = load();
      const setup = carnet('crm.setup', '{"lang":"fr"}');
      expect(setup.ok).toBe(true);
      expect(setup.result.created).toBe(true);
      expect(setup.result.sheets).toContain('Sociétés');
      expect(fake.spreadsheet.sheetList.map((s) => s.name)).toContain('_carnet');
      expect(fake.spreadsheet.sheet('_carnet').hidden).toBe(true);

      const schema = carnet('schema.get', '{}');
      expect(schema.ok).toBe(true);
      expect(schema.result.lang).toBe('fr');
      expect(schema.result.directories.map((d: { key: string }) => d.key)).toContain('companies');
      expect(fake.lock.holder).toBeUndefined();
    });

    it('says core’s messages in the workbook’s French, or in the language the sidebar sends (the catalogs are in Code.js)', () => {
      const { g, carnet } = load();
      carnet('crm.setup', { lang: 'fr' });
      const bad = JSON.stringify({ directory: 'contacts', values: { name: 'Jean', email: 'bad' } });
      const error = { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: 'bad' };
      expect(JSON.parse(g.carnet!('record.create', bad) as string)).toEqual({ ok: false, error: { ...error, message: 'Contacts › E-mail\u00a0: «\u00a0bad\u00a0» n’est pas une adresse e-mail.' } });
      expect(JSON.parse(g.carnet!('record.create', bad, 'ru') as string)).toEqual({ ok: false, error: { ...error, message: 'Контакты › Эл. почта: «bad» не является адресом электронной почты.' } });
    });

    it('is idempotent for set-up: the second run changes nothing', () => {
      const { fake, carnet } = load();
      carnet('crm.setup', { lang: 'en' });
      const sheetsBefore = fake.spreadsheet.sheetList.map((s) => s.name);
      const again = carnet('crm.setup', { lang: 'en' });
      expect(again).toEqual({ ok: true, result: { created: false, sheets: expect.any(Array) } });
      expect(fake.spreadsheet.sheetList.map((s) => s.name)).toEqual(sheetsBefore);
    });

    it('creates a record whose formula-like name is stored as text', () => {
      const { fake, carnet } = load();
      carnet('crm.setup', { lang: 'en' });
      const created = carnet('record.create', { directory: 'companies', values: { name: '=HYPERLINK("http://evil.example","x")', phone: '+33 6 12 34 56 78' } });
      expect(created.ok).toBe(true);
      expect(created.result.id).toBe('CO-000001');
      const companies = fake.spreadsheet.sheet('Companies');
      const header = companies.rows[0]!.map((c) => c?.value);
      const row = companies.rows[1]!;
      const nameCell = row[header.indexOf('Name')]!;
      expect(nameCell.formula).toBeUndefined();
      expect(nameCell.value).toBe('=HYPERLINK("http://evil.example","x")');
      expect(carnet('record.get', { directory: 'companies', id: 'CO-000001' }).result.values.name).toBe('=HYPERLINK("http://evil.example","x")');
    });

    it('fills a Word document in Apps Script itself (no Drive, no documents quota): docxtemplater and pizzip run without Node or a browser', () => {
      const { carnet } = load();
      carnet('crm.setup', { lang: 'en' });
      expect(carnet('record.create', { directory: 'companies', values: { name: 'Acme & Sons <Ltd>' } }).ok).toBe(true);
      expect(carnet('record.create', { directory: 'products', values: { code: 'D1', name: 'Desk', unit_price: 200 } }).ok).toBe(true);
      expect(carnet('sale.add', { company: 'CO-000001', values: { product: 'Desk', quantity: 2, date: '2026-03-04' } }).ok).toBe(true);
      const filled = carnet('doc.fill', { template: 'Invoice', record: 'CO-000001' });
      expect(filled.ok).toBe(true);
      expect(filled.result.fileName).toBe('Invoice 2026-0001 Acme & Sons Ltd.docx');
      const body = new PizZip(Buffer.from(filled.result.base64, 'base64')).file('word/document.xml')!.asText();
      expect(body).toContain('Acme &amp; Sons &lt;Ltd&gt;');
      expect(body).toContain('Desk');
      expect(body).toContain('$400.00');
    });

    it('saves a filled document into Drive through carnetSaveToDrive, asking for drive.file first', () => {
      const { fake, g, carnet } = load();
      expect(carnet('crm.setup', { lang: 'en' }).ok).toBe(true);
      expect(carnet('record.create', { directory: 'companies', values: { name: 'Acme' } }).ok).toBe(true);
      const filled = carnet('doc.fill', { template: 'Invoice', record: 'CO-000001' });
      expect(filled.ok).toBe(true);
      const out = g.carnetSaveToDrive!(filled.result.fileName, filled.result.mime, filled.result.base64);
      expect(typeof out).toBe('string');
      expect(JSON.parse(out as string)).toEqual({ ok: true, result: { name: filled.result.fileName, url: 'https://drive.google.com/file/d/fake-drive-1/view?usp=drivesdk' } });
      expect(fake.consent.requests.map((r) => r.scopes)).toEqual([['https://www.googleapis.com/auth/drive.file']]);
      expect(Buffer.from(fake.DriveApp.files[0]!.bytes).toString('base64')).toBe(filled.result.base64);
    });

    it('returns errors as data, never throws', () => {
      const { carnet } = load();
      expect(carnet('schema.get', '{}')).toMatchObject({ ok: false, error: { code: 'E_NOT_CARNET' } });
      expect(carnet('no.such.command', '{}')).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_COMMAND', value: 'no.such.command' } });
      expect(carnet('schema.get', 'not json')).toMatchObject({ ok: false, error: { code: 'E_BAD_INPUT' } });
    });

    it('says "try again" when someone else holds the document lock', () => {
      const { fake, carnet } = load();
      fake.lock.holdElsewhere();
      expect(carnet('crm.setup', { lang: 'en' })).toEqual({
        ok: false,
        error: { code: 'E_LOCKED', message: 'Someone else is saving; try again in a moment.' },
      });
    });
  });

  describe('the menu items', () => {
    it('open the sidebar on their screen', () => {
      const { fake, g } = load();
      g.menuReports!();
      expect(fake.ui.sidebars).toHaveLength(1);
      expect(fake.ui.sidebars[0]!.title).toBe('Carnet');
      expect(fake.ui.sidebars[0]!.content).toContain('<script>window.CARNET_SCREEN="reports"</script>');
    });

    it('include Reports, whose "Open wide" opens the same page as a 1000 × 700 dialog on the view', () => {
      const { fake, g } = load();
      const view = { screen: 'reports', report: 'Shipments by product' };
      expect(JSON.parse(g.showReportsDialog!(JSON.stringify(view)) as string)).toEqual({ ok: true, result: null });
      expect(fake.ui.dialogs.map((d) => ({ title: d.title, width: d.html.width, height: d.html.height }))).toEqual([{ title: 'Carnet — Shipments by product', width: 1000, height: 700 }]);
      expect(fake.ui.dialogs[0]!.html.content).toBe(`${sidebar}<script>window.CARNET_SCREEN="reports";window.CARNET_WIDE=${JSON.stringify(view)}</script>`);
    });

    it('open Directories and Directories and fields on those screens of the sidebar', () => {
      const { fake, g } = load();
      g.menuDirectories!();
      g.menuDirectoriesAndFields!();
      expect(fake.ui.sidebars.map((s) => /CARNET_SCREEN="(\w+)"/.exec(s.content)?.[1])).toEqual(['directories', 'configurator']);
    });

    it("open Check as the sidebar's Check screen, with Tidy up", () => {
      const { fake, g } = load();
      g.menuCheck!();
      expect(fake.ui.sidebars).toHaveLength(1);
      expect(fake.ui.sidebars[0]!.content).toContain('<script>window.CARNET_SCREEN="check"</script>');
    });
  });

  describe('Sidebar.html', () => {
    it('inlines the UI and its styles: no external script or stylesheet', () => {
      expect(sidebar).not.toMatch(/<script[^>]+src=/i);
      expect(sidebar).not.toMatch(/<link[^>]+stylesheet/i);
      expect(sidebar).toContain('<div id="carnet"></div>');
      expect(sidebar).toContain('.carnet h1');
      expect(sidebar.match(/<script>/g)).toHaveLength(1);
      // The inlined bundle cannot close its own tag early.
      const script = sidebar.slice(sidebar.indexOf('<script>') + 8, sidebar.lastIndexOf('</script>'));
      expect(script).not.toMatch(/<\/script/i);
    });

    it('stays within its budget, 250 KB (issue 11), and carries no template engine (that runs in Code.js)', () => {
      const bytes = Buffer.byteLength(sidebar, 'utf8');
      console.log(`Sidebar.html: ${bytes} bytes`);
      expect(bytes).toBeLessThanOrEqual(250_000);
      // docxtemplater's own error code: the engine is Code.js's, never the sidebar's.
      expect(sidebar).not.toContain('scopeparser_compilation_failed');
      // Nor the French and Russian words, which Code.js serves (carnetWords).
      expect(sidebar).not.toContain('Chargement…');
      expect(sidebar).not.toContain('Загрузка…');
      // Nor the screens Code.js serves (carnetScreen): the Directories screen's own words.
      expect(sidebar).not.toContain('Delete for good');
    });
  });

  describe('appsscript.json', () => {
    it('runs on V8 with the narrowest scopes, plus the email scope user() needs, drive.file for Save to Drive and script.scriptapp for the hand-edit trigger', () => {
      expect(manifest.runtimeVersion).toBe('V8');
      expect(manifest.oauthScopes).toEqual([
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/userinfo.email',
        'https://www.googleapis.com/auth/drive.file',
        'https://www.googleapis.com/auth/script.scriptapp',
      ]);
    });
  });
});
