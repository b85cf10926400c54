/**
 * Stands in for Microsoft's office.js in the browser smoke test (taskpane.e2e.test.ts): an
 * `Office` object and an `Excel.run` backed by the fake Excel, bundled by the test and served at
 * the CDN's address. `globalThis.__carnetStub` (set before the page loads) picks the host's
 * ExcelApi version, platform and DialogApi version.
 *
 * The dialog API is played with an iframe over the task pane, as Excel on the web shows a dialog
 * with `displayInIframe`: `displayDialogAsync` loads the page in it, `messageParent` and
 * `messageChild` hand strings across (later, with the sender's origin), and the iframe's `Office`
 * is this same stub, which knows it is the dialog by having a parent window.
 */

import { FakeExcel } from './fake-excel.js';

interface StubConfig {
  excelApi?: number;
  platform?: string;
  /** "1.2" by default; null: no DialogApi at all. */
  dialogApi?: string | null;
}

type Handler = (args: unknown) => void;

// The page's DOM, typed here: this file is type-checked in the root project, which has no DOM library.
interface FrameElement {
  id: string;
  title: string;
  src: string;
  style: { cssText: string };
  readonly contentWindow: Record<string, unknown> | null;
  remove(): void;
}

const g = globalThis as unknown as Record<string, unknown>;
const config = (g.__carnetStub ?? {}) as StubConfig;
const excelApi = config.excelApi ?? 18;
const dialogApi = config.dialogApi === undefined ? '1.2' : config.dialogApi;
// getMergedAreasOrNullObject is ExcelApi 1.13: an older stub refuses it, as such an Excel would.
const excel = new FakeExcel({ mergedAreas: excelApi >= 13 });
g.__fakeExcel = excel;
g.Excel = { run: excel.run };

const EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived', DialogParentMessageReceived: 'dialogParentMessageReceived' };
const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };
const later = (fn: () => void) => setTimeout(fn, 0);
const document = g.document as { createElement(tag: 'iframe'): FrameElement; body: { append(element: FrameElement): void } };
const location = g.location as { origin: string };
/** In the dialog: the task pane's window, where its stub listens. */
const parentStub = (g.window as { parent: Record<string, unknown> }).parent;

const ui = {
  openBrowserWindow: (url: string) => ((g.__opened ??= [] as string[]) as string[]).push(url),

  // The task pane's side.
  displayDialogAsync(url: string, options: { width?: number; height?: number }, callback: (result: unknown) => void) {
    const handlers: Record<string, Handler[]> = {};
    const frame = document.createElement('iframe');
    frame.id = 'office-dialog';
    frame.title = 'Office dialog';
    frame.style.cssText = `position:fixed;left:0;top:0;width:${options.width ?? 80}vw;height:${options.height ?? 80}vh;background:#fff;border:1px solid #888`;
    frame.src = url;
    document.body.append(frame);
    ((g.__dialogs ??= [] as unknown[]) as unknown[]).push({ url, options });
    g.__carnetDialogToParent = (message: string) => later(() => (handlers[EventType.DialogMessageReceived] ?? []).forEach((h) => h({ message, origin: location.origin })));
    const dialog = {
      addEventHandler: (type: string, handler: Handler) => void (handlers[type] ??= []).push(handler),
      messageChild: (message: string) => {
        const deliver = frame.contentWindow?.__carnetDeliver as ((m: string) => void) | undefined;
        deliver?.(message);
      },
      close: () => frame.remove(),
    };
    later(() => callback({ status: AsyncResultStatus.Succeeded, value: dialog }));
  },

  // The dialog's side.
  messageParent(message: string) {
    (parentStub.__carnetDialogToParent as (m: string) => void)(message);
  },
  addHandlerAsync(type: string, handler: Handler, callback: (result: unknown) => void) {
    if (type === EventType.DialogParentMessageReceived) g.__carnetDeliver = (message: string) => later(() => handler({ message, origin: location.origin, type }));
    later(() => callback({ status: AsyncResultStatus.Succeeded }));
  },
};

const context = {
  platform: config.platform ?? 'OfficeOnline',
  // The profile picked is remembered per workbook, by this address (office-addin/identity.ts).
  document: { url: 'https://contoso-my.sharepoint.com/personal/ada_contoso_com/Documents/CRM.xlsx' },
  requirements: {
    isSetSupported(name: string, version = '1.1') {
      const minor = Number(version.split('.')[1] ?? 0);
      if (name === 'ExcelApi') return minor <= excelApi;
      if (name === 'DialogApi') return dialogApi !== null && minor <= Number(dialogApi.split('.')[1]);
      return false;
    },
  },
  ui,
};
g.Office = {
  HostType: { Excel: 'Excel' },
  EventType,
  AsyncResultStatus,
  context,
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: 'Excel', platform: context.platform };
    setTimeout(() => callback?.(info), 0);
    return Promise.resolve(info);
  },
};
