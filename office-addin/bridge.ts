/**
 * The task pane's Bridge: commands run in the page itself, against Excel through Office.js.
 *
 * Calls are queued one after another. Excel offers no lock, and the adapter's transactions join
 * whatever transaction is open on the workbook: running one command at a time keeps each
 * transaction to the command that opened it (a double click cannot interleave two saves).
 */

import type { Context } from '../core/app/command.js';
import type { Outcome } from '../core/app/registry.js';
import { unwrap, type Bridge } from '../ui/bridge.js';

export type Dispatch = (ctx: Context, command: string, input: unknown) => Promise<Outcome>;

export function inProcessBridge(context: () => Context, dispatch: Dispatch): Bridge & { idle(): Promise<void> } {
  let last: Promise<unknown> = Promise.resolve();
  return {
    call<T>(command: string, input: unknown = {}): Promise<T> {
      const run = async () => unwrap<T>(await dispatch(context(), command, input));
      const next = last.then(run, run);
      last = next.catch(() => undefined);
      return next;
    },
    async idle() {
      await last;
    },
  };
}
