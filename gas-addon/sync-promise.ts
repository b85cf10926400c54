/**
 * Why Carnet brings its own Promise to Apps Script.
 *
 * The core is asynchronous (the Excel host needs it), and every command returns a Promise. Apps
 * Script, however, calls a server function and sends back whatever it *returns*, at once: a
 * Promise is not a value it can send, and its jobs (the code after each `await`) run only after the
 * function has returned. `google.script.run` would receive nothing useful.
 *
 * So the Apps Script bundle is built with `async`/`await` lowered to generators (esbuild), and with
 * every `Promise` in it bound to this class (see build.ts). Its jobs wait in a queue that `settle`
 * empties, in order, before `carnet()` returns. All Apps Script services are synchronous, so every
 * promise a command makes is settled once the queue is empty, and `carnet()` can return the JSON.
 *
 * It follows the Promises/A+ resolution procedure and runs jobs first in, first out, like the
 * native microtask queue: the order of side effects is the order they have in Node (tested).
 * The queue is a loop, not recursion, so a command awaiting 100,000 times does not grow the stack.
 */

type Job = () => void;
type Settled = 'pending' | 'fulfilled' | 'rejected';

const queue: (Job | undefined)[] = [];
let head = 0;
let draining = false;

function enqueue(job: Job): void {
  queue.push(job);
}

export class SyncPromise<T> implements PromiseLike<T> {
  private state: Settled = 'pending';
  private value: unknown;
  private reactions: Job[] = [];

  constructor(executor: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void) {
    const { resolve, reject } = this.resolvingFunctions();
    try {
      executor(resolve, reject);
    } catch (e) {
      reject(e);
    }
  }

  /** Runs every queued job, including the ones those jobs queue, until none is left. */
  static drain(): void {
    if (draining) return; // a job that drains: the outer loop carries on
    draining = true;
    try {
      while (head < queue.length) {
        const job = queue[head]!;
        queue[head++] = undefined;
        job();
      }
    } finally {
      queue.length = 0;
      head = 0;
      draining = false;
    }
  }

  static resolve<U>(value: U | PromiseLike<U>): SyncPromise<U> {
    if (value instanceof SyncPromise) return value as SyncPromise<U>;
    return new SyncPromise<U>((resolve) => resolve(value));
  }

  static reject<U = never>(reason?: unknown): SyncPromise<U> {
    return new SyncPromise<U>((_, reject) => reject(reason));
  }

  static all<U>(values: Iterable<U | PromiseLike<U>>): SyncPromise<U[]> {
    return new SyncPromise<U[]>((resolve, reject) => {
      const items = [...values];
      const out: U[] = new Array(items.length);
      let left = items.length;
      if (left === 0) resolve(out);
      items.forEach((item, i) =>
        SyncPromise.resolve(item).then((v) => {
          out[i] = v;
          if (--left === 0) resolve(out);
        }, reject),
      );
    });
  }

  static allSettled<U>(values: Iterable<U | PromiseLike<U>>): SyncPromise<PromiseSettledResult<U>[]> {
    return new SyncPromise<PromiseSettledResult<U>[]>((resolve) => {
      const items = [...values];
      const out: PromiseSettledResult<U>[] = new Array(items.length);
      let left = items.length;
      if (left === 0) resolve(out);
      const done = (i: number, result: PromiseSettledResult<U>) => {
        out[i] = result;
        if (--left === 0) resolve(out);
      };
      items.forEach((item, i) =>
        SyncPromise.resolve(item).then(
          (value) => done(i, { status: 'fulfilled', value }),
          (reason) => done(i, { status: 'rejected', reason }),
        ),
      );
    });
  }

  static race<U>(values: Iterable<U | PromiseLike<U>>): SyncPromise<U> {
    return new SyncPromise<U>((resolve, reject) => {
      for (const item of values) SyncPromise.resolve(item).then(resolve, reject);
    });
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): SyncPromise<R1 | R2> {
    return new SyncPromise<R1 | R2>((resolve, reject) => {
      const react = () => {
        const handler = this.state === 'fulfilled' ? onFulfilled : onRejected;
        if (typeof handler !== 'function') {
          if (this.state === 'fulfilled') resolve(this.value as R1);
          else reject(this.value);
          return;
        }
        try {
          resolve((handler as (value: unknown) => R1 | R2 | PromiseLike<R1 | R2>)(this.value));
        } catch (e) {
          reject(e);
        }
      };
      if (this.state === 'pending') this.reactions.push(react);
      else enqueue(react);
    });
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): SyncPromise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): SyncPromise<T> {
    return this.then(
      (value) => SyncPromise.resolve(onFinally?.()).then(() => value),
      (reason) =>
        SyncPromise.resolve(onFinally?.()).then(() => {
          throw reason;
        }),
    );
  }

  /** A resolve/reject pair of which only the first call counts (Promises/A+ 2.3.3.3.3). */
  private resolvingFunctions(): { resolve: (value: unknown) => void; reject: (reason: unknown) => void } {
    let done = false;
    return {
      resolve: (value) => {
        if (done) return;
        done = true;
        this.resolveWith(value);
      },
      reject: (reason) => {
        if (done) return;
        done = true;
        this.settle('rejected', reason);
      },
    };
  }

  private resolveWith(value: unknown): void {
    if (value === this) {
      this.settle('rejected', new TypeError('A promise cannot be resolved with itself.'));
      return;
    }
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      let then: unknown;
      try {
        then = (value as { then?: unknown }).then;
      } catch (e) {
        this.settle('rejected', e);
        return;
      }
      if (typeof then === 'function') {
        // Adopting a thenable is itself a job, as in the native queue (keeps the same ordering).
        enqueue(() => {
          const { resolve, reject } = this.resolvingFunctions();
          try {
            then.call(value, resolve, reject);
          } catch (e) {
            reject(e);
          }
        });
        return;
      }
    }
    this.settle('fulfilled', value);
  }

  private settle(state: 'fulfilled' | 'rejected', value: unknown): void {
    if (this.state !== 'pending') return;
    this.state = state;
    this.value = value;
    for (const react of this.reactions) enqueue(react);
    this.reactions = [];
  }
}

/**
 * The value of a promise, synchronously: drains the job queue, then returns or throws.
 * Works where `Promise` is SyncPromise (the Apps Script bundle); elsewhere it says so.
 */
export function settle<T>(promise: PromiseLike<T>): T {
  const drain = (Promise as unknown as { drain?: () => void }).drain;
  if (typeof drain !== 'function') {
    throw new Error('settle() runs only in the Apps Script bundle, where Promise is SyncPromise (see gas-addon/build.ts).');
  }
  // An object, not two lets: the callbacks set it, and TypeScript cannot see them run in drain().
  const outcome: { state: Settled; value?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(outcome, { state: 'fulfilled', value }),
    (value) => Object.assign(outcome, { state: 'rejected', value }),
  );
  drain();
  if (outcome.state === 'fulfilled') return outcome.value as T;
  if (outcome.state === 'rejected') throw outcome.value;
  throw new Error('The command did not finish: it waited for something that never comes in Apps Script (a timer or network I/O).');
}
