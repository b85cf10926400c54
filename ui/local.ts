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
 *
 * Signing in (issue 12): once the workbook's users have passwords, the server asks who is there
 * (`session.state`); `session.login` answers a session, kept beside the token in this tab's session
 * storage (and handed to wide tabs with it), and sent with every call as `X-Carnet-Session`. A call
 * refused with 401 E_LOGIN (the server restarted, 12 hours idle, the account deactivated) forgets
 * it, and the sidebar shows the sign-in screen again.
 */

import type { Lang } from '../core/schema/types.js';
import { BridgeError, unwrap, type Bridge, type Outcome, type SessionUser, type WideView } from './bridge.js';
import { mount } from './mount.js';

const TOKEN_KEY = 'carnet.token';
export const TOKEN_HEADER = 'X-Carnet-Token';
const SESSION_KEY = 'carnet.session';
export const SESSION_HEADER = 'X-Carnet-Session';
/** The language the person picked: the server says core's messages in it (local/server/server.ts). */
export const LANG_HEADER = 'X-Carnet-Lang';
const WIDE_HELLO = 'carnet:wide-hello';
const WIDE_REPLY = 'carnet:wide-view';
/** How long a wide tab waits for its opener before making do without it. */
const OPENER_WAIT_MS = 1500;

function remember(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked: the token (or session) still works for this page; a reload needs the URL (or a sign-in) again.
  }
}

function recall(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

const rememberToken = (token: string) => remember(TOKEN_KEY, token);

function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    rememberToken(fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return recall(TOKEN_KEY) ?? '';
}

/** What the wide tab gets from its opener. */
interface HandOver {
  token: string;
  session?: string;
  view: WideView;
}

/** The wide tab's side of the hand-over: the token and view from the tab that opened it, if it answers. */
function askOpener(): Promise<HandOver | undefined> {
  const opener = window.opener as Window | null;
  if (!opener) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (answer: HandOver | undefined) => {
      removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(answer);
    };
    const onMessage = (e: MessageEvent) => {
      if (e.source !== opener || e.origin !== location.origin) return;
      const data = e.data as { type?: unknown; token?: unknown; session?: unknown; view?: unknown } | null;
      if (data?.type === WIDE_REPLY && typeof data.token === 'string') {
        done({ token: data.token, ...(typeof data.session === 'string' ? { session: data.session } : {}), view: data.view as WideView });
      }
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
  /** The session of who signed in here, if anyone did. */
  let session = recall(SESSION_KEY);
  const keep = (s: string | undefined) => {
    session = s;
    remember(SESSION_KEY, s);
  };

  /** The wide tabs this page opened, and what each shows: the only windows given the token. */
  const opened = new WeakMap<object, WideView>();
  addEventListener('message', (e) => {
    const source = e.source as Window | null;
    if (e.origin !== location.origin || !source || !opened.has(source)) return;
    if ((e.data as { type?: unknown } | null)?.type !== WIDE_HELLO) return;
    source.postMessage({ type: WIDE_REPLY, token, session, view: opened.get(source) }, location.origin);
  });

  async function post<T>(command: string, input: unknown, lang?: Lang): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(command)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token, ...(session ? { [SESSION_HEADER]: session } : {}), ...(lang ? { [LANG_HEADER]: lang } : {}) },
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
    // The session is over (or never was): forget it; the sidebar asks to sign in again.
    if (response.status === 401 && !outcome.ok && outcome.error.code === 'E_LOGIN' && command !== 'session.login') keep(undefined);
    return unwrap<T>(outcome);
  }

  return {
    host: 'local',
    call: <T>(command: string, input: unknown = {}, lang?: Lang) => post<T>(command, input, lang),

    session: {
      async state() {
        return { ...(await post<{ loginRequired: boolean; user: SessionUser | null }>('session.state', {})), mode: 'password' };
      },
      async login(user: string, password = '') {
        const answer = await post<{ session: string; user: SessionUser }>('session.login', { user, password });
        keep(answer.session);
        return answer.user;
      },
      async logout() {
        try {
          await post('session.logout', {});
        } finally {
          keep(undefined);
        }
      },
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
      if (answer.session) remember(SESSION_KEY, answer.session);
    }
    const report = answer?.view.report ?? url.searchParams.get('report') ?? undefined;
    wide = { screen, ...(report ? { report } : {}), ...(answer?.view.definition ? { definition: answer.view.definition } : {}) };
  }
  mount(document.getElementById('carnet')!, localBridge(token), { screen, wide });
}

void start();
