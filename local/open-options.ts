/**
 * The options the CLI and the server open a workbook with: who acts, `--force`, and where a
 * person reads about waiting for the lock and about warnings after a save.
 */

import { describeWait } from './file-lock.js';
import type { XlsxOptions } from './xlsx-workbook.js';

export interface OpenArgs {
  as?: string;
  force?: boolean;
}

/** The options, and `done()` to clear a waiting line left on the terminal. */
export function xlsxOptions(args: OpenArgs, err: NodeJS.WritableStream): { options: XlsxOptions; done: () => void } {
  const tty = (err as { isTTY?: boolean }).isTTY === true;
  let waiting = false;
  const options: XlsxOptions = {
    ...(args.as ? { user: { id: args.as, name: args.as } } : {}),
    ...(args.force ? { force: true } : {}),
    onWarning: (message) => err.write(`carnet: warning: ${message}\n`),
    lock: {
      // On a terminal, one line that updates about once a second; in a log, nothing.
      onWait: (info) => {
        if (!tty) return;
        waiting = true;
        err.write(`\r${describeWait(info)}\x1b[K`);
      },
    },
  };
  return {
    options,
    done: () => {
      if (waiting) err.write('\r\x1b[K');
      waiting = false;
    },
  };
}
