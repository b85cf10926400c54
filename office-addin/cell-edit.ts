/**
 * While a person edits a cell, Excel holds Carnet's batches until they leave it (`delayForCellEdit`,
 * access.ts). Nothing on screen says so, and clicking in the task pane does not end the edit: the
 * batch "will then continue if the user clicks on another cell in the sheet" (office-js#806). So a
 * batch that has not answered after a moment tells the person what Excel is waiting for, and the
 * note goes when the batches answer. A batch that is merely slow shows the same words, which say
 * "if".
 */

import type { RunBatch } from './excel-api.js';

/** Shown while a batch waits for Excel. */
export const WAITING_FOR_EXCEL =
  'Waiting for Excel… If you are typing in a cell, press Enter or click another cell: Carnet goes on as soon as you leave it.';

export interface WaitNotice {
  /** Milliseconds a batch may take before the note shows. */
  after: number;
  show(text: string): void;
  hide(text: string): void;
}

/** `run`, telling the person through `notice` while one of its batches takes longer than `notice.after`. */
export function noticeWhileHeld(run: RunBatch, notice: WaitNotice): RunBatch {
  let overdue = 0;
  return async (options, batch) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      if (overdue++ === 0) notice.show(WAITING_FOR_EXCEL);
    }, notice.after);
    try {
      return await run(options, batch);
    } finally {
      clearTimeout(timer);
      if (late && --overdue === 0) notice.hide(WAITING_FOR_EXCEL);
    }
  };
}
