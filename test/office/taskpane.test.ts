/**
 * The task pane's parts that decide something: the host check, the in-process bridge, the
 * profile, the view a ribbon button opens and the way a file reaches the person. The `Office` object is
 * office-addin-mock's OfficeMockObject, which models a declared Office object well.
 */

import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../core/app/registry.js';
import type { Context } from '../../core/app/command.js';
import { MemoryWorkbook } from '../../core/memory-workbook.js';
import { BridgeError } from '../../ui/bridge.js';
import { inProcessBridge } from '../../office-addin/bridge.js';
import { chooseDelivery, deliver, fromBase64, parseFragment, toBase64, URL_LIMIT, type DeliveryEnvironment, type FileToSave } from '../../office-addin/download.js';
import { loadProfile, memoryStore, PROFILE_KEY, saveProfile } from '../../office-addin/profile.js';
import { checkHost, type RequirementProbe } from '../../office-addin/requirements.js';
import { RIBBON_VIEWS, viewFromUrl, viewUrl } from '../../office-addin/ribbon.js';

/** An Office object whose host supports ExcelApi up to `excelApi` and the listed other sets. */
function officeMock(excelApi: number, others: Record<string, string> = {}): { context: { requirements: RequirementProbe } } {
  const supported: Record<string, string> = { ExcelApi: `1.${excelApi}`, ...others };
  return new OfficeMockObject({
    context: {
      requirements: {
        isSetSupported(name: string, version = '1.1') {
          const have = supported[name];
          if (!have) return false;
          const [hMajor, hMinor] = have.split('.').map(Number);
          const [wMajor, wMinor] = version.split('.').map(Number);
          return hMajor! > wMajor! || (hMajor === wMajor && hMinor! >= wMinor!);
        },
      },
    },
  }) as unknown as { context: { requirements: RequirementProbe } };
}

describe('The task pane', () => {
  describe('host check', () => {
    it('accepts Excel with ExcelApi 1.8 and reports the optional features it has', () => {
      const office = officeMock(18, { ExcelApiOnline: '1.1', DialogApi: '1.2' });
      expect(checkHost(office.context.requirements)).toEqual({
        ok: true,
        missing: [],
        features: { notes: true, merges: true, allowEditRanges: true, openBrowserWindow: false, wideDialog: true, sso: false },
        excelApi: '1.18',
        message: undefined,
      });
    });

    it('refuses an Excel below ExcelApi 1.8 with a message that says what to do', () => {
      const support = checkHost(officeMock(7).context.requirements);
      expect(support.ok).toBe(false);
      expect(support.missing.map((m) => `${m.name} ${m.version}`)).toEqual(['ExcelApi 1.8']);
      expect(support.message).toBe(
        'This version of Excel is too old for Carnet. Carnet needs ExcelApi 1.8 (dropdown lists (data validation, 1.8), sheet protection with a password and frozen headers (1.7), very hidden sheets), and this Excel offers ExcelApi 1.7. Use Microsoft 365, Excel 2019 or later, or Excel on the web.',
      );
    });
  });

  describe('bridge', () => {
    const context: Context = { wb: new MemoryWorkbook(), now: () => 46000 };

    it('returns a command’s result and turns a refusal into a BridgeError with the core’s data', async () => {
      const dispatch = async (_ctx: Context, command: string): Promise<Outcome> =>
        command === 'good' ? { ok: true, result: { n: 1 } } : { ok: false, error: { code: 'E_FORBIDDEN', message: 'No.' } };
      const bridge = inProcessBridge(() => context, dispatch);
      expect(await bridge.call('good')).toEqual({ n: 1 });
      const refused = await bridge.call('bad').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(BridgeError);
      expect((refused as BridgeError).data).toEqual({ code: 'E_FORBIDDEN', message: 'No.' });
    });

    it('hands core the language the task pane speaks: its refusal comes back in it, else in the workbook’s', async () => {
      const { dispatch } = await import('../../core/app/registry.js');
      const wb = new MemoryWorkbook({ id: 'ada@example.com', name: 'Ada' });
      const bridge = inProcessBridge(() => ({ wb, now: () => 46000 }), dispatch);
      await bridge.call('crm.setup', { lang: 'fr' });
      const bad = { directory: 'contacts', values: { name: 'Jean', email: 'bad' } };
      const refusal = async (lang?: 'ru') => ((await bridge.call('record.create', bad, lang).catch((e: unknown) => e)) as BridgeError).data;
      const error = { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: 'bad' };
      expect(await refusal()).toEqual({ ...error, message: 'Contacts › E-mail\u00a0: «\u00a0bad\u00a0» n’est pas une adresse e-mail.' });
      expect(await refusal('ru')).toEqual({ ...error, message: 'Контакты › Эл. почта: «bad» не является адресом электронной почты.' });
    });

    it('runs commands one at a time, in the order they were called, even after a failure', async () => {
      const log: string[] = [];
      const dispatch = async (_ctx: Context, command: string): Promise<Outcome> => {
        log.push(`${command} in`);
        await new Promise((r) => setTimeout(r, command === 'slow' ? 20 : 1));
        log.push(`${command} out`);
        return command === 'fails' ? { ok: false, error: { code: 'E_INTERNAL', message: 'x' } } : { ok: true, result: command };
      };
      const bridge = inProcessBridge(() => context, dispatch);
      const calls = [bridge.call('slow'), bridge.call('fails').catch(() => 'caught'), bridge.call('fast')];
      expect(await Promise.all(calls)).toEqual(['slow', 'caught', 'fast']);
      expect(log).toEqual(['slow in', 'slow out', 'fails in', 'fails out', 'fast in', 'fast out']);
    });
  });

  describe('profile', () => {
    it('is saved with the email as id, and read back', () => {
      const store = memoryStore();
      expect(saveProfile(store, '  Ada   Lovelace ', ' Ada@Example.com ')).toEqual({ profile: { id: 'ada@example.com', name: 'Ada Lovelace' } });
      expect(loadProfile(store)).toEqual({ id: 'ada@example.com', name: 'Ada Lovelace' });
    });

    it('uses the name as id when no email is given', () => {
      const store = memoryStore();
      expect(saveProfile(store, 'Reception', '').profile).toEqual({ id: 'Reception', name: 'Reception' });
    });

    it('refuses an empty name or a malformed email, and stores nothing', () => {
      const store = memoryStore();
      expect(saveProfile(store, ' ', '')).toEqual({ error: 'Please enter your name.' });
      expect(saveProfile(store, 'Ada', 'ada@')).toEqual({ error: '"ada@" is not an email address.' });
      expect(loadProfile(store)).toBeUndefined();
    });

    it('is asked again when what is stored cannot be read', () => {
      const store = memoryStore();
      store.setItem(PROFILE_KEY, '{not json');
      expect(loadProfile(store)).toBeUndefined();
    });
  });

  describe('the view a ribbon button opens', () => {
    const PANE = 'https://carnet.example.org/excel/taskpane.html';

    it('is read from the page’s ?view=, for each button', () => {
      for (const view of Object.values(RIBBON_VIEWS)) {
        expect(viewUrl(PANE, view)).toBe(`${PANE}?view=${view}`);
        expect(viewFromUrl(viewUrl(PANE, view))).toBe(view);
      }
    });

    it('is none for the plain page, an unknown view or the wide dialog, whatever else Office adds to the address', () => {
      expect(viewFromUrl(PANE)).toBeUndefined();
      expect(viewFromUrl(`${PANE}?view=format-disk`)).toBeUndefined();
      expect(viewFromUrl(`${PANE}?screen=reports&wide=1`)).toBeUndefined();
      expect(viewFromUrl('not a url')).toBeUndefined();
      // Office may add its own parameters (`_host_Info`) to the page's query.
      expect(viewFromUrl(`${PANE}?view=import&_host_Info=Excel$Win32$16.01$en-US$$$$0`)).toBe('import');
    });
  });

  describe('saving a generated file', () => {
    const csv: FileToSave = { name: 'companies.csv', type: 'text/csv', bytes: new TextEncoder().encode('ID,Name\nCO-1,Zoë\n') };
    const docx: FileToSave = { name: 'Quote 42.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: new Uint8Array([80, 75, 3, 4, 0, 255]) };
    const env = (platform: string, extra: Partial<DeliveryEnvironment> = {}): DeliveryEnvironment => ({
      platform,
      openBrowserWindow: true,
      pageUrl: 'https://carnet.example/download.html',
      clipboard: true,
      ...extra,
    });

    it('downloads through a link on Windows and on the web', () => {
      expect(chooseDelivery(docx, env('PC'))).toEqual({ kind: 'anchor' });
      expect(chooseDelivery(docx, env('OfficeOnline'))).toEqual({ kind: 'anchor' });
    });

    describe('on Excel for Mac, whose task pane cannot download', () => {
      it('hands the file to the browser in the URL fragment, from which it comes back byte for byte', () => {
        const how = chooseDelivery(docx, env('Mac'));
        expect(how.kind).toBe('browser');
        const url = new URL((how as { url: string }).url);
        expect(url.origin + url.pathname).toBe('https://carnet.example/download.html');
        expect(url.search).toBe(''); // nothing in the part a server would see
        expect(parseFragment(url.hash)).toEqual(docx);
      });

      it('copies a text file too big for a URL to the clipboard', () => {
        const big = { ...csv, bytes: new Uint8Array(URL_LIMIT).fill(65) };
        expect(chooseDelivery(big, env('Mac'))).toEqual({ kind: 'clipboard' });
      });

      it('explains, for a binary file it cannot hand over', () => {
        expect(chooseDelivery(docx, env('Mac', { openBrowserWindow: false }))).toEqual({
          kind: 'unavailable',
          message:
            'Excel for Mac does not let add-ins save files, and "Quote 42.docx" cannot be handed over to your browser by this version of Excel. Open this workbook in Excel on the web or on Windows to save it.',
        });
      });

      it('does what it chose', async () => {
        const actions = { anchor: vi.fn(), openBrowserWindow: vi.fn(), copyText: vi.fn(async () => undefined) };
        await deliver(docx, env('PC'), actions);
        expect(actions.anchor).toHaveBeenCalledWith(docx);
        await deliver(docx, env('Mac'), actions);
        expect(actions.openBrowserWindow).toHaveBeenCalledWith(expect.stringMatching(/^https:\/\/carnet\.example\/download\.html#name=Quote%2042\.docx&/));
        await deliver(csv, env('Mac', { openBrowserWindow: false }), actions);
        expect(actions.copyText).toHaveBeenCalledWith('ID,Name\nCO-1,Zoë\n');
      });
    });

    it('encodes bytes to base64 and back, large files included', () => {
      const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      expect(parseFragment('#name=x&type=text%2Fplain')).toBeUndefined();
    });
  });
});
