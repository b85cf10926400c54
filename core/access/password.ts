/**
 * Passwords of the local mode's login and of Excel's admin actions (issue 12). Only a scrypt hash
 * is stored (in `_carnet`, with the user), with a salt of its own per user: anyone who can open
 * the file can read it, so it must cost an attacker scrypt's memory and time per guess.
 *
 * @noble/hashes is pure JavaScript, so the same code hashes in Node (the CLI, the local server)
 * and in Excel's task pane, with the same bytes as Node's `crypto.scrypt` (RFC 7914).
 */

import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { PasswordHash } from './password-hash.js';

export type { PasswordHash } from './password-hash.js';

/** 2^15 × 8 × 128 bytes = 32 MiB and ~0.1 s per guess here; OWASP's minimum for scrypt is 2^17/8/1 or 2^15/8/3. */
const PARAMS = { logN: 15, r: 8, p: 3 } as const;
const KEY_BYTES = 32;
export const MIN_PASSWORD = 8;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function derive(password: string, salt: Uint8Array, params: { logN: number; r: number; p: number }): Uint8Array {
  return scrypt(new TextEncoder().encode(password.normalize('NFC')), salt, { N: 2 ** params.logN, r: params.r, p: params.p, dkLen: KEY_BYTES, maxmem: 2 ** 30 });
}

/** Refuses a password too short to be one, naming the rule. */
export function checkPasswordRule(password: string, field = 'password'): void {
  if ([...password].length < MIN_PASSWORD) {
    fail({ code: 'E_BAD_INPUT', field, message: say('A password needs at least {min} characters.', { min: MIN_PASSWORD }) });
  }
}

/** A fresh salt; refused where there is no secure random source (Apps Script: Google knows who you are there). */
function freshSalt(): Uint8Array {
  if (typeof crypto === 'undefined' || typeof crypto.getRandomValues !== 'function') {
    fail({ code: 'E_BAD_INPUT', field: 'password', message: say('Passwords are for the local mode and Excel; in Google Sheets Carnet knows who you are from your Google account.') });
  }
  return crypto.getRandomValues(new Uint8Array(16));
}

export function hashPassword(password: string, salt: Uint8Array = freshSalt()): PasswordHash {
  checkPasswordRule(password);
  return { scheme: 'scrypt', ...PARAMS, salt: toBase64(salt), hash: toBase64(derive(password, salt, PARAMS)) };
}

/** Constant-time comparison of the derived key with the stored one. */
export function verifyPassword(password: string, stored: PasswordHash): boolean {
  if (stored.scheme !== 'scrypt') return false;
  const expected = fromBase64(stored.hash);
  const actual = derive(password, fromBase64(stored.salt), stored);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}


/**
 * The same check without blocking: scrypt's ~0.3 s runs in slices between other work, so the
 * local server keeps answering and Excel's task pane stays responsive while a password is checked.
 */
export async function verifyPasswordAsync(password: string, stored: PasswordHash): Promise<boolean> {
  if (stored.scheme !== 'scrypt') return false;
  const expected = fromBase64(stored.hash);
  const actual = await scryptAsync(new TextEncoder().encode(password.normalize('NFC')), fromBase64(stored.salt), { N: 2 ** stored.logN, r: stored.r, p: stored.p, dkLen: KEY_BYTES, maxmem: 2 ** 30 });
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

export async function hashPasswordAsync(password: string, salt: Uint8Array = freshSalt()): Promise<PasswordHash> {
  checkPasswordRule(password);
  const hash = await scryptAsync(new TextEncoder().encode(password.normalize('NFC')), salt, { N: 2 ** PARAMS.logN, r: PARAMS.r, p: PARAMS.p, dkLen: KEY_BYTES, maxmem: 2 ** 30 });
  return { scheme: 'scrypt', ...PARAMS, salt: toBase64(salt), hash: toBase64(hash) };
}
