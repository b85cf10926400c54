/**
 * Email addresses: trimmed and lower-cased entirely (the local part is case-sensitive in theory,
 * never in practice, and one spelling per address is what uniqueness checks and `user` matching
 * need). "Ada Lovelace <ada@example.com>" and "mailto:" links give the address alone.
 */

import type { Cell } from '../workbook.js';
import { say } from '../messages/say.js';
import { fail, ok, type Normalized } from './result.js';

const notAnEmail = (): Normalized => fail(say('not an email address'));

const LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

export function isEmailAddress(address: string): boolean {
  const at = address.indexOf('@');
  if (at < 1 || at !== address.lastIndexOf('@')) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1]);
}

export function normalizeEmail(raw: Cell): Normalized {
  if (typeof raw !== 'string') return notAnEmail();
  let s = raw.trim();
  const named = /<([^<>]*)>$/.exec(s);
  if (named) s = named[1].trim();
  s = s.replace(/^mailto:/i, '').normalize('NFC').toLowerCase();
  return isEmailAddress(s) ? ok(s) : notAnEmail();
}
