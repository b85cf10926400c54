/**
 * The sidebar served by `carnet serve` on 127.0.0.1: its bridge is `POST /api/<command>` with the
 * session token. The token arrives once in the page's URL (as Jupyter does), is kept in this tab's
 * session storage and removed from the address bar, so it is not left in history or screenshots.
 */

import { BridgeError, unwrap, type Bridge, type Outcome } from './bridge.js';
import { mount } from './mount.js';

const TOKEN_KEY = 'carnet.token';
export const TOKEN_HEADER = 'X-Carnet-Token';

function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage blocked: the token still works for this page; a reload needs the URL again.
    }
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

export function localBridge(token: string): Bridge {
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
  };
}

mount(document.getElementById('carnet')!, localBridge(takeToken()));
