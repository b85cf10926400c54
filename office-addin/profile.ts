/**
 * The name typed in the task pane, for workbooks without rights set up (identity.ts decides when it
 * acts). An Excel add-in is told nothing about the person (no email: that is Outlook's
 * `userProfile`; Office SSO only where the add-in is built for it), so the person says who they are
 * once. It is kept in this browser's localStorage — per person and per computer, not in the
 * workbook, so colleagues sharing the file each keep their own. It is a label for "Owner" fields
 * and history, not a proof of identity.
 */

import { say } from '../core/messages/say.js';
import type { UserInfo } from '../core/workbook.js';

/** The slice of `localStorage` used; an in-memory map where storage is blocked. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PROFILE_KEY = 'carnet.profile';

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

export function loadProfile(store: KeyValueStore): UserInfo | undefined {
  try {
    const raw = store.getItem(PROFILE_KEY);
    if (!raw) return undefined;
    const p = JSON.parse(raw) as Partial<UserInfo>;
    return typeof p.id === 'string' && p.id && typeof p.name === 'string' && p.name ? { id: p.id, name: p.name } : undefined;
  } catch {
    return undefined; // unreadable: ask again
  }
}

/** Validates and stores a profile; returns the error to show, if any. */
export function saveProfile(store: KeyValueStore, name: string, email: string): { profile?: UserInfo; error?: string } {
  const n = name.trim().replace(/\s+/g, ' ');
  const e = email.trim().toLowerCase();
  if (!n) return { error: say('Please enter your name.') };
  if (e && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) return { error: say('"{value}" is not an email address.', { value: email.trim() }) };
  // The email is the id where given, as on Google; otherwise the name.
  const profile: UserInfo = { id: e || n, name: n };
  store.setItem(PROFILE_KEY, JSON.stringify(profile));
  return { profile };
}
