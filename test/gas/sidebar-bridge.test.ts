import { describe, expect, it } from 'vitest';
import { saveToDrive } from '../../gas-addon/drive.js';
import { runCommand } from '../../gas-addon/server.js';
import { scriptRunBridge, servedScreen, type ScriptRunner } from '../../gas-addon/sidebar-bridge.js';
import { screenOutcome } from '../../gas-addon/sidebar-screens.js';
import { carnetWords } from '../../gas-addon/sidebar-words.js';
import { showWideDialog } from '../../gas-addon/wide-dialog.js';
import { BridgeError } from '../../ui/bridge.js';
import { WORDS as FRENCH } from '../../ui/i18n-fr.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

type Server = (command: string, json: string, lang?: string) => Promise<unknown>;

/** Screens.js as the build writes it, with scripts that fill `CarnetScreens` as a built screen does. */
const SCREENS: Record<string, string> = {
  hello: 'globalThis.CarnetScreens = { ...globalThis.CarnetScreens, hello: { Hello: globalThis.CarnetShared.greeting + " world" } };',
  broken: '/* starts nothing */',
};

/**
 * `google.script.run` as the browser sees it: each runner collects handlers, then calls the server
 * function asynchronously and hands its return value (or a thrown error) to them.
 */
function googleScriptRun(
  server: Server,
  sent: string[] = [],
  showReportsDialog: (json: string) => Promise<unknown> = async () => JSON.stringify({ ok: true, result: null }),
  carnetSaveToDrive: (fileName: string, mime: string, base64: string) => Promise<unknown> = async () => JSON.stringify({ ok: true, result: null }),
) {
  let runners = 0;
  const run = (): ScriptRunner => {
    runners++;
    let ok: (v: unknown) => void = () => undefined;
    let fail: (e: unknown) => void = () => undefined;
    const runner: ScriptRunner = {
      withSuccessHandler: (h) => ((ok = h), runner),
      withFailureHandler: (h) => ((fail = h), runner),
      carnet: (command, json, lang) => {
        sent.push(json);
        setTimeout(() => server(command, json, lang).then(ok, fail), 0);
      },
      showReportsDialog: (json) => {
        sent.push(json);
        setTimeout(() => showReportsDialog(json).then(ok, fail), 0);
      },
      carnetSaveToDrive: (fileName, mime, base64) => {
        sent.push(`${fileName} ${mime} ${base64}`);
        setTimeout(() => carnetSaveToDrive(fileName, mime, base64).then(ok, fail), 0);
      },
      carnetWords: (lang) => {
        sent.push(`words ${lang}`);
        setTimeout(() => ok(carnetWords(lang)), 0);
      },
      carnetScreen: (name) => {
        sent.push(`screen ${name}`);
        setTimeout(() => ok(screenOutcome(SCREENS, name)), 0);
      },
    };
    return runner;
  };
  return { run, runners: () => runners };
}

describe('The google.script.run bridge', () => {
  const fake = new FakeAppsScript();
  const server = (command: string, json: string) => runCommand(fake.services, command, json);

  it('turns a refused command into a BridgeError carrying the core’s error data', async () => {
    const bridge = scriptRunBridge(googleScriptRun(server).run);
    const error = await bridge.call('schema.get').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).data.code).toBe('E_NOT_CARNET');
  });

  it('resolves with the command’s result, one server call and one fresh runner per call', async () => {
    const gsr = googleScriptRun(server);
    const bridge = scriptRunBridge(gsr.run);
    expect(await bridge.call('crm.setup', { lang: 'en' })).toMatchObject({ created: true });
    const schema = await bridge.call<{ lang: string }>('schema.get');
    expect(schema.lang).toBe('en');
    expect(gsr.runners()).toBe(2);
  });

  it('sends dates as ISO strings (google.script.run refuses Date objects)', async () => {
    const sent: string[] = [];
    const bridge = scriptRunBridge(googleScriptRun(async () => JSON.stringify({ ok: true, result: null }), sent).run);
    await bridge.call('record.list', { when: new Date(Date.UTC(2026, 10, 27)) });
    expect(sent).toEqual(['{"when":"2026-11-27T00:00:00.000Z"}']);
  });

  it('reports a failure of Apps Script itself (time limit, authorisation) as E_INTERNAL', async () => {
    const bridge = scriptRunBridge(googleScriptRun(async () => Promise.reject(new Error('Exceeded maximum execution time'))).run);
    const error = (await bridge.call('crm.check').catch((e: unknown) => e)) as BridgeError;
    expect(error.data).toEqual({ code: 'E_INTERNAL', message: 'Google Apps Script could not run Carnet: Exceeded maximum execution time' });
  });

  it('reports a server answer that is not JSON instead of crashing the sidebar', async () => {
    const bridge = scriptRunBridge(googleScriptRun(async () => undefined).run);
    const error = (await bridge.call('crm.check').catch((e: unknown) => e)) as BridgeError;
    expect(error.data.code).toBe('E_INTERNAL');
    expect(error.data.message).toMatch(/^Carnet's server answered something that is not JSON/);
  });

  it('carries the sidebar’s language: core’s refusal comes back in it, and in the workbook’s without one', async () => {
    const french = new FakeAppsScript();
    const bridge = scriptRunBridge(googleScriptRun((command, json, lang) => runCommand(french.services, command, json, lang)).run);
    await bridge.call('crm.setup', { lang: 'fr' });
    const bad = { directory: 'contacts', values: { name: 'Jean', email: 'bad' } };
    const refusal = async (lang?: 'en' | 'ru') => ((await bridge.call('record.create', bad, lang).catch((e: unknown) => e)) as BridgeError).data;
    const error = { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: 'bad' };
    expect(await refusal()).toEqual({ ...error, message: 'Contacts › E-mail\u00a0: «\u00a0bad\u00a0» n’est pas une adresse e-mail.' });
    expect(await refusal('ru')).toEqual({ ...error, message: 'Контакты › Эл. почта: «bad» не является адресом электронной почты.' });
    expect(await refusal('en')).toEqual({ ...error, message: 'Contacts › Email: "bad" is not an email address.' });
  });

  it('says the host makes native pivot tables, so the Reports screen offers one', () => {
    expect(scriptRunBridge(googleScriptRun(server).run).capabilities).toEqual({ nativePivots: true });
  });

  describe('the words of a language other than English', () => {
    it('come from Code.js in one server call: Sidebar.html carries English only', async () => {
      const sent: string[] = [];
      const gsr = googleScriptRun(server, sent);
      expect(await scriptRunBridge(gsr.run).words!('fr')).toEqual(FRENCH);
      expect(sent).toEqual(['words fr']);
      expect(gsr.runners()).toBe(1);
    });

    it('are refused, with the server’s error data, for a language Code.js does not hold', async () => {
      const error = (await scriptRunBridge(googleScriptRun(server).run).words!('en').catch((e: unknown) => e)) as BridgeError;
      expect(error).toBeInstanceOf(BridgeError);
      expect(error.data).toEqual({ code: 'E_BAD_INPUT', field: 'lang', value: 'en', message: 'No words for the language "en" here (French and Russian are; English is the page\'s own).' });
    });
  });

  describe('opening wide', () => {
    const view = { screen: 'reports' as const, report: 'Shipments by product', definition: { object: 'sales', rows: [{ field: 'product' }], columns: [], data: [{ field: 'quantity', agg: 'sum' as const }] } };

    it('sends the view to showReportsDialog in one server call, which opens the dialog on it', async () => {
      const dialogs = new FakeAppsScript({ files: { Sidebar: '<div id="carnet"></div>' } });
      const sent: string[] = [];
      const gsr = googleScriptRun(server, sent, async (json) => showWideDialog(dialogs.services, json));
      await scriptRunBridge(gsr.run).openWide!(view);
      expect(sent).toEqual([JSON.stringify(view)]);
      expect(gsr.runners()).toBe(1);
      expect(dialogs.ui.dialogs.map((d) => d.title)).toEqual(['Carnet — Shipments by product']);
    });

    it('rejects with the server’s error data when the dialog cannot be opened, and with E_INTERNAL when Apps Script fails', async () => {
      const refused = scriptRunBridge(googleScriptRun(server, [], async (json) => showWideDialog(new FakeAppsScript().services, json)).run);
      const error = (await refused.openWide!(view).catch((e: unknown) => e)) as BridgeError;
      expect(error).toBeInstanceOf(BridgeError);
      expect(error.data).toEqual({ code: 'E_INTERNAL', message: 'Internal error: Exception: No HTML file named Sidebar was found.' });
      const broken = scriptRunBridge(googleScriptRun(server, [], async () => Promise.reject(new Error('Authorization is required to perform that action.'))).run);
      expect(((await broken.openWide!(view).catch((e: unknown) => e)) as BridgeError).data).toEqual({
        code: 'E_INTERNAL',
        message: 'Google Sheets could not open the wide view: Authorization is required to perform that action.',
      });
    });
  });

  describe('saving to Drive', () => {
    const file = { fileName: 'Invoice 2026-0001.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', base64: Buffer.from('PK\u0003\u0004 bytes').toString('base64') };

    it('sends the file to carnetSaveToDrive in one server call and resolves with its name and link', async () => {
      const drive = new FakeAppsScript();
      const sent: string[] = [];
      const gsr = googleScriptRun(server, sent, undefined, async (n, m, b) => saveToDrive(drive.services, n, m, b));
      expect(await scriptRunBridge(gsr.run).saveToDrive!(file)).toEqual({ name: 'Invoice 2026-0001.docx', url: 'https://drive.google.com/file/d/fake-drive-1/view?usp=drivesdk' });
      expect(sent).toEqual([`${file.fileName} ${file.mime} ${file.base64}`]);
      expect(gsr.runners()).toBe(1);
      expect(Buffer.from(drive.DriveApp.files[0]!.bytes).toString()).toBe('PK\u0003\u0004 bytes');
    });

    it('rejects with E_FILE when the user declines the Drive scope', async () => {
      const declined = new FakeAppsScript({ declinedScopes: ['https://www.googleapis.com/auth/drive.file'] });
      const bridge = scriptRunBridge(googleScriptRun(server, [], undefined, async (n, m, b) => saveToDrive(declined.services, n, m, b)).run);
      const error = (await bridge.saveToDrive!(file).catch((e: unknown) => e)) as BridgeError;
      expect(error).toBeInstanceOf(BridgeError);
      expect(error.data.code).toBe('E_FILE');
    });
  });

  describe('a screen Sidebar.html leaves out (carnetScreen)', () => {
    // The page's script element, played by the global scope here.
    const evaluate = (js: string) => new Function(js)();

    it('fetches its script once, runs it with the shared modules, and gives its module', async () => {
      const sent: string[] = [];
      const { run } = googleScriptRun(server, sent);
      const first = await servedScreen(run, 'hello', { greeting: 'hello' }, evaluate);
      expect(first.Hello).toBe('hello world');
      expect(await servedScreen(run, 'hello', { greeting: 'hello' }, evaluate)).toBe(first);
      expect(sent.filter((s) => s === 'screen hello')).toHaveLength(1);
    });

    it('refuses a screen Code.js does not have, and one whose script starts nothing, and asks again on retry', async () => {
      const sent: string[] = [];
      const { run } = googleScriptRun(server, sent);
      const unknown = await servedScreen(run, 'nowhere', {}, evaluate).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(BridgeError);
      expect((unknown as BridgeError).data).toMatchObject({ code: 'E_BAD_INPUT', field: 'name', value: 'nowhere' });
      const broken = await servedScreen(run, 'broken', {}, evaluate).catch((e: unknown) => e);
      expect((broken as BridgeError).data).toEqual({ code: 'E_INTERNAL', message: 'The screen "broken" Code.js sent did not start.' });
      await servedScreen(run, 'broken', {}, evaluate).catch(() => undefined);
      expect(sent.filter((s) => s === 'screen broken')).toHaveLength(2);
    });
  });
});
