/**
 * The file a workbook path really names. Teams often keep one shared workbook and give each person
 * a symbolic link to it; renaming a new version over the link would replace the link with a private
 * copy, and the shared file would never get the rows (issue 8). So the save, its `.bak` and its temp
 * file, and the lock, all work beside the link's target.
 */

import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import { errorCode } from './fs-errors.js';

/** Linux gives up after 40 links; so do we, rather than loop on a cycle. */
const MAX_LINKS = 40;

/**
 * `path` with every symbolic link followed, as an absolute path. A link whose target does not
 * exist yet resolves to that target (saving creates it there). Throws the fs error for a cycle.
 */
export async function resolveTarget(path: string): Promise<string> {
  const absolute = nodePath.resolve(path);
  try {
    return await fs.realpath(absolute);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  // The file (or the end of a chain of links) does not exist: follow the links by hand.
  let current = absolute;
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let isLink: boolean;
    try {
      isLink = (await fs.lstat(current)).isSymbolicLink();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return current;
      throw error;
    }
    if (!isLink) return current;
    current = nodePath.resolve(nodePath.dirname(current), await fs.readlink(current));
  }
  throw Object.assign(new Error(`too many symbolic links: ${path}`), { code: 'ELOOP', path });
}
