/** The error data a call refuses with, for tests that assert errors whole. */

import { CarnetError, type ErrorData } from '../../core/errors.js';

/** What `fn` throws, as error data; fails when it returns or throws something other than a CarnetError. */
export function thrownData(fn: () => unknown): ErrorData {
  try {
    fn();
  } catch (error) {
    if (error instanceof CarnetError) return error.data;
    throw error;
  }
  throw new Error('expected a CarnetError, and nothing was thrown');
}

/** What `promise` rejects with, as error data. */
export async function rejectedData(promise: Promise<unknown>): Promise<ErrorData> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CarnetError) return error.data;
    throw error;
  }
  throw new Error('expected a CarnetError, and the promise resolved');
}
