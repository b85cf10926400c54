/** The one way this host fails: a coded CarnetError, E_FILE unless the caller's input is at fault. */

import { CarnetError } from '../../core/errors.js';

export function fail(message: string, code: 'E_FILE' | 'E_BAD_INPUT' = 'E_FILE'): never {
  throw new CarnetError({ code, message });
}
