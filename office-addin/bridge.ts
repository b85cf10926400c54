/**
 * The task pane's Bridge: commands run in the page itself, against Excel through Office.js.
 *
 * Calls are queued one after another. Excel offers no lock, and the adapter's transactions join
 * whatever transaction is open on the workbook: running one command at a time keeps each
 * transaction to the command that opened it (a double click cannot interleave two saves). The
 * session's calls (identity.ts) wait in the same queue, so a sign-in reads `_carnet` between
 * commands, never in the middle of one.
 */

import type { Context } from '../core/app/command.js';
import type { Outcome } from '../core/app/registry.js';
import type { Lang } from '../core/schema/types.js';
import { unwrap, type Bridge } from '../ui/bridge.js';

export type Dispatch = (ctx: Context, command: string, input: unknown) => Promise<Outcome>;

export interface InProcessBridge extends Bridge {
  /** Runs `fn` after the calls already queued, and before the ones queued after it. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves when the queue is empty. */
  idle(): Promise<void>;
  /**
   * Milliseconds since the queue last emptied; 0 while a call runs or waits. Tells the changes
   * Carnet's own commands make from a person's (tidy-watch.ts).
   */
  quietFor(): number;
}

export function inProcessBridge(context: () => Context, dispatch: Dispatch): InProcessBridge {
  let last: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let emptiedAt = 0;
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    pending++;
    const next = last.then(fn, fn).finally(() => {
      if (--pending === 0) emptiedAt = Date.now();
    });
    last = next.catch(() => undefined);
    return next;
  };
  return {
    call<T>(command: string, input: unknown = {}, lang?: Lang): Promise<T> {
      return serial(async () => unwrap<T>(await dispatch(lang ? { ...context(), lang } : context(), command, input)));
    },
    serial,
    async idle() {
      await last;
    },
    quietFor: () => (pending > 0 ? 0 : Date.now() - emptiedAt),
  };
}
