/**
 * Web addresses. A bare domain ("example.com/path", "www.example.com") gets `https://`; only
 * http, https, ftp and mailto are accepted, so a cell can never hold a `javascript:` link that a
 * sheet or the sidebar would render as clickable. Scheme and host are lower-cased (they are
 * case-insensitive), the path is kept as typed.
 */

import type { Cell } from '../workbook.js';
import { isEmailAddress } from './email.js';
import { say } from '../messages/say.js';
import { fail, ok, type Normalized } from './result.js';

const notAUrl = (): Normalized => fail(say('not a web address'));

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function isHost(host: string): boolean {
  if (IPV4.test(host)) return host.split('.').every((n) => Number(n) <= 255);
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1]);
}

/** `user@host:port` and the rest of a URL after `//`; null when the host is not a real-looking one. */
function authorityAndRest(s: string): string | null {
  const m = /^(?:([^/?#@]+)@)?([^/?#:@]+)(:\d{1,5})?([/?#].*)?$/u.exec(s);
  if (!m) return null;
  const host = m[2].normalize('NFC').toLowerCase();
  if (!isHost(host)) return null;
  return `${m[1] !== undefined ? `${m[1]}@` : ''}${host}${m[3] ?? ''}${m[4] ?? ''}`;
}

export function normalizeUrl(raw: Cell): Normalized {
  if (typeof raw !== 'string') return notAUrl();
  const s = raw.trim();
  if (/\s/.test(s)) return notAUrl();
  const mailto = /^mailto:(.*)$/i.exec(s);
  if (mailto) {
    const [address, query] = mailto[1].split(/(?=\?)/);
    return isEmailAddress(address.toLowerCase()) ? ok(`mailto:${address.toLowerCase()}${query ?? ''}`) : notAUrl();
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(s);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (!['http', 'https', 'ftp'].includes(name)) return notAUrl();
    const rest = authorityAndRest(scheme[2]);
    return rest === null ? notAUrl() : ok(`${name}://${rest}`);
  }
  const rest = authorityAndRest(s.replace(/^\/\//, ''));
  return rest === null ? notAUrl() : ok(`https://${rest}`);
}
