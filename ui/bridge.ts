/**
 * The only way the sidebar talks to Carnet. Each host supplies one: `google.script.run` in
 * Google Sheets, an in-process call in Excel, `fetch('/api/…')` on the local server.
 * A refused command rejects with a BridgeError carrying the core's error data.
 */

import type { ErrorData } from '../core/errors.js';

export interface Bridge {
  call<T = unknown>(command: string, input?: unknown): Promise<T>;
}

export class BridgeError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
    this.name = 'BridgeError';
  }
}

/** What every host's transport returns: the registry's outcome. */
export type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorData };

export function unwrap<T>(outcome: Outcome): T {
  if (!outcome.ok) throw new BridgeError(outcome.error);
  return outcome.result as T;
}
