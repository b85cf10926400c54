/**
 * A save writes a new file and renames it over the old one, so the new version is owned by whoever
 * ran Carnet, with the permissions of a new file. On a shared workbook that silently locks the team
 * out (the owner becomes "others", the group write bit is gone) (issue 8). So the new file gets the
 * previous one's owner, group and permissions where the process may set them, and a warning saying
 * who owns it now and how to give it back where it may not.
 */

import { readFileSync, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { say } from '../../core/messages/say.js';

/**
 * Gives the open new file the owner, group and permission bits of `previous`. Returns a warning for
 * a person when the owner or group could not be kept (a process may give a file away only as root,
 * and only to a group it belongs to), undefined otherwise.
 *
 * Only the permission bits are kept: set-user-id, set-group-id and sticky mean nothing on a
 * workbook, and chown clears them anyway.
 */
export async function keepOwnership(handle: FileHandle, previous: Stats, target: string): Promise<string | undefined> {
  // Windows has no POSIX owners, and its mode is a read-only flag the new file already lacks.
  if (process.platform === 'win32') return undefined;
  const mode = previous.mode & 0o777;
  let now = await handle.stat();
  if (now.uid !== previous.uid || now.gid !== previous.gid) {
    // Any refusal (EPERM when not root; EINVAL or ENOTSUP on shares without owners) is reported,
    // never a reason to lose the save.
    await handle.chown(previous.uid, previous.gid).catch(async () => {
      // Not root: the group alone may still be ours to give (we are a member of it).
      if (now.gid !== previous.gid) await handle.chown(-1, previous.gid).catch(() => undefined);
    });
    now = await handle.stat();
  }
  // Explicitly, since the mode given to open() is cut by the umask (and chown may clear bits).
  if ((now.mode & 0o777) !== mode) {
    await handle.chmod(mode).catch(() => undefined);
    now = await handle.stat();
  }
  const warnings: string[] = [];
  if (now.uid !== previous.uid || now.gid !== previous.gid) warnings.push(ownerWarning(target, previous, now));
  if ((now.mode & 0o777) !== mode) warnings.push(modeWarning(target, mode, now.mode & 0o777));
  return warnings.length ? warnings.join(' ') : undefined;
}

function ownerWarning(target: string, previous: Stats, now: Stats): string {
  const was = `${userName(previous.uid)}:${groupName(previous.gid)}`;
  const is = `${userName(now.uid)}:${groupName(now.gid)}`;
  const why =
    now.uid !== previous.uid
      ? say('Carnet runs as {user}, which may not give a file to another user', { user: userName(now.uid) })
      : say('Carnet runs as {user}, which is not in the group {group}', { user: userName(now.uid), group: groupName(previous.gid) });
  return say('{path} was saved, but it now belongs to {now} instead of {was}: {why}. To give it back, run: sudo chown {was} {quoted} (or run Carnet as {user}).', {
    path: target,
    now: is,
    was,
    why,
    quoted: shellQuote(target),
    user: userName(previous.uid),
  });
}

function modeWarning(target: string, was: number, is: number): string {
  const octal = (m: number) => m.toString(8).padStart(3, '0');
  return say('{path} was saved, but its permissions are now {now} instead of {was}: the file system refused to keep them. To restore them, run: chmod {was} {quoted}.', {
    path: target,
    now: octal(is),
    was: octal(was),
    quoted: shellQuote(target),
  });
}

/** Names from the local account files; a number when the account lives elsewhere (LDAP…). */
export function userName(uid: number): string {
  return lookup('/etc/passwd', uid) ?? String(uid);
}

export function groupName(gid: number): string {
  return lookup('/etc/group', gid) ?? String(gid);
}

function lookup(file: string, id: number): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [name, , idText] = line.split(':');
    if (name && Number(idText) === id && idText !== '') return name;
  }
  return undefined;
}

function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
