/**
 * Phone numbers → E.164 (`+79898775544`), read with libphonenumber-js and its default ("min")
 * metadata: enough to tell possible lengths and valid prefixes per country, at a fraction of the
 * bundle size of "max" (which adds number types we do not use).
 *
 * Extensions are kept, in the RFC 3966 spelling libphonenumber reads back: `+14155552671;ext=123`.
 * Dropping them would lose what a person typed; the stored text still starts with the E.164 number.
 *
 * Readings tried, best first:
 * 1. national or international, with the workbook's country as default ("8 (989) 877-55-44" in RU);
 * 2. "00" as the international prefix even where the country's own is different (US 011, RU 810),
 *    since 00 is what most of the world dials;
 * 3. bare digits as an international number that lost its "+" (a spreadsheet that turned
 *    +79898775544 into the number 79898775544), only when reading 1 is not even possible.
 * A valid reading wins over a merely possible one; nothing possible is refused.
 *
 * The library and its country data (about 120 KB) are loaded on demand, by `loadPhoneRules`, so
 * that they stay out of the Excel task pane's first load (issue 11): the command registry
 * (core/app/registry.ts) awaits it before every command, and the Node hosts (local/) at start.
 * In Apps Script the bundler inlines the import and SyncPromise resolves it at once.
 */

import type { CountryCode, PhoneNumber } from 'libphonenumber-js/min';
import type { Cell } from '../workbook.js';
import { plainDecimal } from './decimal.js';
import { say } from '../messages/say.js';
import { fail, ok, type Normalized } from './result.js';

const notAPhone = (): Normalized => fail(say('not a phone number'));

type PhoneRules = Pick<typeof import('libphonenumber-js/min'), 'isSupportedCountry' | 'parsePhoneNumberFromString'>;

let rules: PhoneRules | undefined;
let loading: Promise<void> | undefined;

/** Loads libphonenumber-js (a chunk of its own in the task pane); resolves at once once loaded. */
export function loadPhoneRules(): Promise<void> {
  if (rules) return Promise.resolve();
  loading ??= import('libphonenumber-js/min').then(
    (lib) => {
      rules = lib;
    },
    (e: unknown) => {
      // A chunk that failed to arrive (offline) is fetched again by the next command.
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

function phoneRules(): PhoneRules {
  if (!rules) throw new Error('The phone rules are not loaded yet: loadPhoneRules() (core/fields/phone.ts) must resolve before a phone number is read.');
  return rules;
}

function parse(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  try {
    // extract: false so that "call +1 213 373 4253 now" is not silently cut down to a number.
    return phoneRules().parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
  } catch {
    return undefined;
  }
}

/**
 * A reading whose E.164 form reads back as itself. Some digit runs are "possible" only by dropping
 * a trunk prefix: +49000000 reads as +4900000, which reads as +490000… A stored phone must be a
 * fixed point, or every `check` and re-import would change it again (found by the property test).
 */
function stable(n: PhoneNumber | undefined): PhoneNumber | undefined {
  if (!n) return undefined;
  let fixed = STABLE.get(n.number);
  if (fixed === undefined) {
    // Remembered (bounded): an import asks this of the same switchboard numbers again and again.
    if (STABLE.size >= 50_000) STABLE.clear();
    fixed = parse(n.number, undefined)?.number === n.number;
    STABLE.set(n.number, fixed);
  }
  return fixed ? n : undefined;
}

const STABLE = new Map<string, boolean>();

/**
 * A number written with its country code ("+7 861…") whose reading is only possible, not valid:
 * it is kept only if every digit written is in it. libphonenumber drops a trunk prefix it finds
 * after the country code ("+7 8 61…" → +761…), which silently changes a number nobody can dial.
 */
function keepsDigits(text: string, n: PhoneNumber): boolean {
  if (!/^\s*(\+|00)/.test(text)) return true;
  const written = text.replace(/(;|\s)?(ext\.?|x|доб\.?|#).*$/i, '').replace(/\D/g, '').replace(/^00/, '');
  return written === `${n.countryCallingCode}${n.nationalNumber}`;
}

export function normalizePhone(raw: Cell, country: string): Normalized {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw <= 0) return notAPhone();
    text = plainDecimal(raw);
  } else if (typeof raw === 'string') {
    text = raw.trim().replace(/^tel:/i, '');
  } else {
    return notAPhone();
  }
  const { isSupportedCountry } = phoneRules();
  const code = country.trim().toUpperCase();
  const defaultCountry = isSupportedCountry(code) ? code : undefined;

  const national = stable(parse(text, defaultCountry));
  let chosen: PhoneNumber | undefined = national?.isValid() ? national : undefined;
  if (!chosen && /^\s*00/.test(text)) {
    const international = stable(parse(text.replace(/^\s*00\s*/, '+'), undefined));
    if (international?.isValid()) chosen = international;
  }
  if (!chosen && national?.isPossible() && keepsDigits(text, national)) chosen = national;
  if (!chosen && /^\d{8,15}$/.test(text)) {
    const lostPlus = stable(parse(`+${text}`, undefined));
    if (lostPlus?.isPossible()) chosen = lostPlus;
  }
  if (!chosen) return notAPhone();
  return ok(chosen.ext ? `${chosen.number};ext=${chosen.ext}` : chosen.number);
}

/**
 * A stored phone (+E.164, `;ext=` kept) the way people read it: `+442079460979` → `+44 20 7946 0979`
 * (issue 13, §3). Storage stays E.164 — good for matching and dialling; normalising what this
 * returns gives the stored value back. Text that is not a phone number comes back as it is.
 */
export function phoneForReading(stored: string): string {
  const [number, ext] = stored.split(';ext=');
  const p = stable(parse(number!, undefined));
  if (!p || !p.isPossible()) return stored;
  const shown = p.formatInternational();
  return ext ? `${shown} ext. ${ext}` : shown;
}
