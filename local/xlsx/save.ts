/**
 * Interim atomic save of bytes (temp file, fsync, `.bak`, rename); replaced by local/save/ when
 * the files-around-the-save work lands.
 */

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import { CarnetError } from '../../core/errors.js';
import { describeFsError } from '../file-lock.js';
import { fail } from './errors.js';
import { stampOf, statOrUndefined, type DiskStamp } from './files.js';

export async function saveBytes(path: string, chunks: Buffer[], expect?: DiskStamp): Promise<DiskStamp> {
  const target = nodePath.resolve(path);
  const dir = nodePath.dirname(target);
  const base = nodePath.basename(target);
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temp = nodePath.join(dir, `.${base}.${tag}.tmp`);
  const bakTemp = nodePath.join(dir, `.${base}.${tag}.bak.tmp`);
  try {
    const previous = await statOrUndefined(target);
    const handle = await fs.open(temp, 'wx', previous ? previous.mode & 0o777 : 0o666);
    try {
      for (const c of chunks) await handle.write(c);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (previous && expect && (previous.ino !== expect.ino || previous.size !== expect.size || previous.mtimeMs !== expect.mtimeMs)) {
      throw new CarnetError({
        code: 'E_CONFLICT',
        message: `${path} was saved by another program while Carnet was working; nothing was saved. Run the command again.`,
      });
    }
    if (previous) {
      await fs.copyFile(target, bakTemp);
      await fs.rename(bakTemp, `${target}.bak`);
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    await fs.rm(bakTemp, { force: true });
    if (error instanceof CarnetError) throw error;
    // Name the file at fault when it is not the workbook itself (a `.bak` turned into a folder…).
    const field = (f: 'dest' | 'path') => {
      const v = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[f] : undefined;
      return typeof v === 'string' ? v : undefined;
    };
    const culprit = [field('dest'), field('path')].find((p) => p !== undefined && p !== temp && p !== bakTemp && p !== target);
    fail(`Could not save ${path}: ${describeFsError(error)}${culprit ? ` (${culprit})` : ''}`);
  }
  return stampOf(await fs.stat(target));
}
