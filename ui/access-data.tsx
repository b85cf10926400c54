/**
 * What the Users & rights screen works on: `access.get`'s answer, and the `{users, roles,
 * newcomers}` every change (`user.add`, `role.grant`…) answers with, merged into it.
 */

import type { MessageKey } from './i18n.js';
import type { Level, Right } from './rights.js';

/** Each level's name, as the matrix's selects and the "Your rights" panel show it. */
export const LEVEL_LABEL: Record<Level, MessageKey> = { none: 'levelNone', view: 'levelView', own: 'levelOwn', add: 'levelAdd', full: 'levelFull' };

export interface AccessUser {
  id: string;
  name: string;
  role: string;
  active: boolean;
  /** Passwords never leave the workbook: only whether one is set. */
  hasPassword: boolean;
}

export interface AccessRole {
  name: string;
  /** The admins' role: every right everywhere, not to be changed (E_FORBIDDEN). */
  admin?: boolean;
  /** By directory key, `*` for every other directory. */
  directories: Record<string, { level: Level; delete: boolean }>;
  rights: Right[];
}

/** What each change answers. */
export interface AccessListing {
  users: AccessUser[];
  roles: AccessRole[];
  /** The role of people without an account; null: they may do nothing through Carnet. */
  newcomers: string | null;
}

export interface AccessData extends AccessListing {
  enforced: boolean;
  directories: { key: string; label: string }[];
  levels: Level[];
  rights: Right[];
}

/**
 * One change at a time, each its own command; a refusal is shown beside what it concerns (`key`:
 * "user:max@example.com", "grant:Manager:companies"…) as the core words it.
 */
export interface Changes {
  run(key: string, command: string, input: unknown): Promise<boolean>;
  problem(key: string): string | undefined;
  /** The change under way, if any: the controls wait for it. */
  pending: string | undefined;
  /** What the change under way for `key` sends: its control shows it until the answer comes. */
  sending<T>(key: string): Partial<T>;
}

/** A role's rights on a directory: its own entry, else the one for every other directory (as the core reads it). */
export function entryOf(role: AccessRole, key: string): { level: Level; delete: boolean; inherited: boolean } {
  const own = role.directories[key];
  if (own) return { ...own, inherited: false };
  return { ...(role.directories['*'] ?? { level: 'none', delete: false }), inherited: key !== '*' };
}

/** A refusal, beside what it concerns. */
export function Problem({ text }: { text: string | undefined }) {
  return text ? (
    <p role="alert" class="form-error">
      {text}
    </p>
  ) : null;
}
