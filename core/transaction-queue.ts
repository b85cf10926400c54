/**
 * One process's transactions, one at a time: outermost calls wait their turn (as a document lock
 * would make them), nested calls join the running one. Hosts whose commands run one at a time
 * (the in-memory host, an Excel task pane) need nothing more; the file and Apps Script hosts add
 * a lock other processes see.
 */
export class TransactionQueue {
  private depth = 0;
  private queue: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    const run = async () => {
      this.depth++;
      try {
        return await fn();
      } finally {
        this.depth--;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
