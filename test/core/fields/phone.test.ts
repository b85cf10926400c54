import { describe, expect, it, vi } from 'vitest';
import { normalizeValue } from '../../../core/fields/normalize.js';
import { EN, FR, RU, UK, field, type Ctx } from './helpers.js';

const phone = field('phone');

describe('normalizeValue for a phone field', () => {
  describe('stores E.164', () => {
    it.each([
      ['8 (989) 877-55-44', RU, '+79898775544'],
      ['+7 989 877-55-44', RU, '+79898775544'],
      ['+33 1 23 45 67 89', RU, '+33123456789'],
      ['06 12 34 56 78', FR, '+33612345678'],
      ['(415) 555-2671', EN, '+14155552671'],
      ['415.555.2671', EN, '+14155552671'],
      ['00 44 20 7946 0958', FR, '+442079460958'],
      ['00 44 20 7946 0958', EN, '+442079460958'],
      ['00 44 20 7946 0958', RU, '+442079460958'],
      ['011 44 20 7946 0958', EN, '+442079460958'],
      ['020 7946 0958', UK, '+442079460958'],
      ['tel:+14155552671', FR, '+14155552671'],
    ] as const)('%s in %s', (raw, ctx: Ctx, value) => {
      expect(normalizeValue(phone, raw, ctx)).toEqual({ ok: true, value });
    });
  });

  it('recovers the "+" a spreadsheet dropped when it read the number as a number', () => {
    expect(normalizeValue(phone, 79898775544, FR)).toEqual({ ok: true, value: '+79898775544' });
    expect(normalizeValue(phone, '79898775544', FR)).toEqual({ ok: true, value: '+79898775544' });
    expect(normalizeValue(phone, 33612345678, FR)).toEqual({ ok: true, value: '+33612345678' });
  });

  it('refuses a number with its country code whose digits the reading would change', () => {
    // libphonenumber reads "+7 8…" by dropping the trunk prefix 8: +761896085312345, a number nobody wrote.
    expect(normalizeValue(phone, '+7 861 896 08 5312345', RU)).toEqual({ ok: false, reason: 'not a phone number' });
  });

  it('keeps an extension in the RFC 3966 spelling', () => {
    for (const raw of ['+1 415 555 2671 ext. 123', '(415) 555-2671 x123', '+14155552671;ext=123']) {
      expect(normalizeValue(phone, raw, EN)).toEqual({ ok: true, value: '+14155552671;ext=123' });
    }
  });

  it('works without a usable default country when the number is international', () => {
    const nowhere = { ...EN, country: '' };
    expect(normalizeValue(phone, '+33 6 12 34 56 78', nowhere)).toEqual({ ok: true, value: '+33612345678' });
    expect(normalizeValue(phone, '06 12 34 56 78', nowhere)).toEqual({ ok: false, reason: 'not a phone number' });
  });

  it('refuses digits that only read as a phone by losing one, so that a stored phone never changes again', () => {
    // +49000000 read as +4900000, then +490000…: found by the idempotence property test.
    expect(normalizeValue(phone, 490000000, EN)).toEqual({ ok: false, reason: 'not a phone number' });
    expect(normalizeValue(phone, '+49000000', EN)).toEqual({ ok: false, reason: 'not a phone number' });
  });

  it('refuses what is not a possible phone number', () => {
    for (const raw of ['12', 'abc', '555-2671', 'call +1 213 373 4253 now', '+999 1234', '1-800-FLOWERS', true, 1.5, -5]) {
      expect(normalizeValue(phone, raw, EN)).toEqual({ ok: false, reason: 'not a phone number' });
    }
  });
});

describe('the phone rules, loaded on demand (issue 11: kept out of the task pane’s first load)', () => {
  it('refuses to read a phone before loadPhoneRules, then reads it, and loading again is a no-op', async () => {
    vi.resetModules();
    const fresh = await import('../../../core/fields/phone.js');
    expect(() => fresh.normalizePhone('+7 989 877-55-44', 'RU')).toThrow(/loadPhoneRules/);
    await fresh.loadPhoneRules();
    await fresh.loadPhoneRules();
    expect(fresh.normalizePhone('+7 989 877-55-44', 'RU')).toEqual({ ok: true, value: '+79898775544' });
  });
});
