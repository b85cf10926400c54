/**
 * How a file Carnet generated (a filled document, an export) reaches the person.
 *
 * - Everywhere a task pane may download: a Blob behind an `<a download>` link.
 * - Excel for Mac and iPad: the task pane is a WKWebView that ignores downloads — by design
 *   (OfficeDev/office-js#2700, #3385; WebKit bug 174076). Microsoft's advice (office-js#3662) is
 *   `Office.context.ui.openBrowserWindow(url)` on a page of the add-in's own site, and to build the
 *   file there. Carnet's static site has no storage, so the file travels in the URL's fragment
 *   (`download.html#…`): the fragment is never sent to a server, and the page turns it back into
 *   a download in the person's browser. URLs are only safe up to a couple of megabytes, so larger
 *   files fall back to the clipboard when they are text (CSV), or to a clear explanation.
 */

import { say } from '../core/messages/say.js';

export interface FileToSave {
  name: string;
  /** MIME type. */
  type: string;
  bytes: Uint8Array;
}

export type Delivery =
  | { kind: 'anchor' }
  | { kind: 'browser'; url: string }
  | { kind: 'clipboard' }
  | { kind: 'unavailable'; message: string };

export interface DeliveryEnvironment {
  /** `Office.context.platform`: "PC", "OfficeOnline", "Mac", "iOS", "Android", "Universal". */
  platform: string;
  /** OpenBrowserWindowApi 1.1 is supported. */
  openBrowserWindow: boolean;
  /** Absolute URL of download.html beside the task pane. */
  pageUrl: string;
  /** The clipboard can take text (navigator.clipboard.writeText exists). */
  clipboard: boolean;
}

/** Longest URL handed to the browser: Chromium's limit is 2 MB, Safari's is larger. */
export const URL_LIMIT = 1_800_000;

/** Platforms whose task pane webview does not download. */
const NO_DOWNLOADS = new Set(['Mac', 'iOS']);

const TEXT_TYPES = /^(text\/|application\/(json|csv))/;

export function chooseDelivery(file: FileToSave, env: DeliveryEnvironment): Delivery {
  if (!NO_DOWNLOADS.has(env.platform)) return { kind: 'anchor' };
  if (env.openBrowserWindow) {
    const url = `${env.pageUrl}#${fragmentFor(file)}`;
    if (url.length <= URL_LIMIT) return { kind: 'browser', url };
  }
  if (env.clipboard && TEXT_TYPES.test(file.type)) return { kind: 'clipboard' };
  return {
    kind: 'unavailable',
    message: env.openBrowserWindow
      ? say('Excel for Mac does not let add-ins save files, and "{name}" is too large to hand over to your browser. Open this workbook in Excel on the web or on Windows to save it.', { name: file.name })
      : say('Excel for Mac does not let add-ins save files, and "{name}" cannot be handed over to your browser by this version of Excel. Open this workbook in Excel on the web or on Windows to save it.', { name: file.name }),
  };
}

/** What the page needs to rebuild the file, URL-safe. */
export function fragmentFor(file: FileToSave): string {
  return `name=${encodeURIComponent(file.name)}&type=${encodeURIComponent(file.type)}&data=${encodeURIComponent(toBase64(file.bytes))}`;
}

export function parseFragment(hash: string): FileToSave | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const name = params.get('name');
  const type = params.get('type');
  const data = params.get('data');
  if (!name || !type || data === null) return undefined;
  try {
    return { name, type, bytes: fromBase64(data) };
  } catch {
    return undefined;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...hugeArray) overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The browser actions a delivery needs (injected: the decision is tested without a DOM). */
export interface DownloadActions {
  anchor(file: FileToSave): void;
  openBrowserWindow(url: string): void;
  copyText(text: string): Promise<void>;
}

/** Delivers the file; resolves with what was done, for the UI to say so. */
export async function deliver(file: FileToSave, env: DeliveryEnvironment, actions: DownloadActions): Promise<Delivery> {
  const how = chooseDelivery(file, env);
  if (how.kind === 'anchor') actions.anchor(file);
  else if (how.kind === 'browser') actions.openBrowserWindow(how.url);
  else if (how.kind === 'clipboard') await actions.copyText(new TextDecoder().decode(file.bytes));
  return how;
}
