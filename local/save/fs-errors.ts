/**
 * File-system errors as words a person can act on. Node's errors carry a code (`EACCES`) and the
 * path(s) involved; a message for a person needs neither the stack nor the errno.
 */

import { say } from '../../core/messages/say.js';

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** A file-system error as words a person can act on, without a stack. */
export function describeFsError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return say('no such file or directory');
    case 'EACCES':
    case 'EPERM':
      return say('permission denied');
    case 'EISDIR':
      return say('it is a directory');
    case 'ENOTDIR':
      return say('a part of the path is a file, not a folder');
    case 'ENOSPC':
      return say('the disk is full');
    case 'EDQUOT':
      return say('the disk quota is exceeded');
    case 'EROFS':
      return say('the file system is read-only');
    case 'EBUSY':
      return say('the file is in use by another program');
    case 'ENAMETOOLONG':
      return say('the file name is too long');
    case 'ELOOP':
      return say('too many symbolic links');
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The `path` or `dest` a Node fs error names, if any. */
export function errorPath(error: unknown, field: 'path' | 'dest'): string | undefined {
  const v = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : undefined;
}
