/**
 * The sidebar served by `carnet serve` on 127.0.0.1: its bridge is `POST /api/<command>` with the
 * session token. The token arrives once in the page's URL (as Jupyter does), is kept in this tab's
 * session storage and removed from the address bar, so it is not left in history or screenshots.
 *
 * "Open wide" opens this page again in a new tab (`?screen=reports&wide=1&report=…`), without the
 * token. The new tab asks the tab that opened it, by `postMessage`, which answers only a window of
 * its own origin that it opened itself, with the token and the view (the definition being edited,
 * unsaved). Not in the new tab's URL: the token would sit in a history entry and in session restore,
 * and a definition can outgrow a URL. Not in localStorage: every tab and every later session would
 * share it. A reload of the wide tab asks again; with its opener closed it falls back to its own
 * session storage and the report named in its URL.
 */

import { BridgeError, unwrap, type Bridge, type Outcome, type WideView } from './bridge.js';
import { mount } from './mount.js';

const TOKEN_KEY = 'carnet.token';
export const TOKEN_HEADER = 'X-Carnet-Token';
const WIDE_HELLO = 'carnet:wide-hello';
const WIDE_REPLY = 'carnet:wide-view';
/** How long a wide tab waits for its opener before making do without it. */
const OPENER_WAIT_MS = 1500;

function rememberToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage blocked: the token still works for this page; a reload needs the URL again.
  }
}

function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    rememberToken(fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The wide tab's side of the hand-over: the token and view from the tab that opened it, if it answers. */
function askOpener(): Promise<{ token: string; view: WideView } | undefined> {
  const opener = window.opener as Window | null;
  if (!opener) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (answer: { token: string; view: WideView } | undefined) => {
      removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(answer);
    };
    const onMessage = (e: MessageEvent) => {
      if (e.source !== opener || e.origin !== location.origin) return;
      const data = e.data as { type?: unknown; token?: unknown; view?: unknown } | null;
      if (data?.type === WIDE_REPLY && typeof data.token === 'string') done({ token: data.token, view: data.view as WideView });
    };
    addEventListener('message', onMessage);
    const timer = setTimeout(() => done(undefined), OPENER_WAIT_MS);
    try {
      opener.postMessage({ type: WIDE_HELLO }, location.origin);
    } catch {
      done(undefined);
    }
  });
}

export function localBridge(token: string): Bridge {
  /** The wide tabs this page opened, and what each shows: the only windows given the token. */
  const opened = new WeakMap<object, WideView>();
  addEventListener('message', (e) => {
    const source = e.source as Window | null;
    if (e.origin !== location.origin || !source || !opened.has(source)) return;
    if ((e.data as { type?: unknown } | null)?.type !== WIDE_HELLO) return;
    source.postMessage({ type: WIDE_REPLY, token, view: opened.get(source) }, location.origin);
  });

  return {
    async call<T>(command: string, input: unknown = {}): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(command)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
      } catch (e) {
        throw new BridgeError({ code: 'E_INTERNAL', message: `Carnet is not answering (is \`carnet serve\` still running?): ${(e as Error).message}` });
      }
      let outcome: Outcome;
      try {
        outcome = (await response.json()) as Outcome;
      } catch {
        throw new BridgeError({ code: 'E_INTERNAL', message: `Carnet answered ${response.status} ${response.statusText}.` });
      }
      return unwrap<T>(outcome);
    },

    // Not async before window.open: a browser allows a new tab only during the click that asked for it.
    openWide(view: WideView): Promise<void> {
      const url = new URL('/', location.href);
      url.searchParams.set('screen', view.screen);
      url.searchParams.set('wide', '1');
      if (view.report) url.searchParams.set('report', view.report);
      const tab = window.open(url.href, '_blank');
      if (!tab) {
        return Promise.reject(new BridgeError({ code: 'E_INTERNAL', message: 'The browser blocked the new tab: allow pop-ups for this page, then press the button again.' }));
      }
      opened.set(tab, view);
      return Promise.resolve();
    },
  };
}

async function start(): Promise<void> {
  const url = new URL(location.href);
  const screen = url.searchParams.get('screen') ?? undefined;
  let token = takeToken();
  let wide: WideView | undefined;
  if (url.searchParams.get('wide') === '1' && screen === 'reports') {
    const answer = await askOpener();
    if (answer) {
      token = answer.token;
      rememberToken(token);
    }
    const report = answer?.view.report ?? url.searchParams.get('report') ?? undefined;
    wide = { screen, ...(report ? { report } : {}), ...(answer?.view.definition ? { definition: answer.view.definition } : {}) };
  }
  mount(document.getElementById('carnet')!, localBridge(token), { screen, wide });
}

void start();
