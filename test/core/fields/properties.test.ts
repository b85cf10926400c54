import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyDigits, formatValue, normalizeValue } from '../../../core/fields/normalize.js';
import { FIELD_TYPES, type FieldDef, type FieldType } from '../../../core/schema/types.js';
import type { Cell } from '../../../core/workbook.js';
import { EN, FR, RU, UK, field, type Ctx } from './helpers.js';

const contexts: Ctx[] = [EN, FR, RU, UK, { ...EN, dateOrder: 'ymd' }];
const ctxArb = fc.constantFrom(...contexts);
const fieldFor = (type: FieldType): FieldDef =>
  field(type, type === 'choice' ? { choices: ['Lead', 'Won', 'Élevé', '1'] } : {});

const MAX_SERIAL = 2958465;
const dateSerial = fc.integer({ min: 1, max: MAX_SERIAL });
const datetimeSerial = fc.integer({ min: 86_400, max: MAX_SERIAL * 86_400 }).map((s) => s / 86_400);
const currency = fc.constantFrom('USD', 'EUR', 'RUB', 'JPY', 'KWD', 'CLF');
const money = currency.chain((code) =>
  fc
    .integer({ min: -1e12, max: 1e12 })
    .map((minor) => ({ code, value: Number((minor / 10 ** currencyDigits(code)).toFixed(currencyDigits(code))) })),
);
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,9}$/), fc.stringMatching(/^\d{0,6}$/))
  .map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f ? `.${f}` : ''}`);
const email = fc.emailAddress();

/** Inputs of every shape normalizeValue may meet: cells, near-miss text, random text. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  decimalText,
  decimalText.map((d) => `${d.replace('.', ',')} €`),
  decimalText.map((d) => `${d}%`),
  dateSerial.map((s) => String(s)),
  fc.constantFrom('2026-03-04', '04/03/2026', '4 марта 2026', '2026-03-04 14:05', 'yes', 'OUI', '+7 989 877 55 44', '8 (989) 877-55-44', 'example.com', 'won', '$1,200', '1 234,56'),
  email,
  fc.webUrl(),
);

describe('normalizeValue, for any input', () => {
  it('never throws and always answers ok with a cell or a reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELD_TYPES), anyCell, ctxArb, (type, raw, ctx) => {
        const r = normalizeValue(fieldFor(type), raw, ctx);
        if (r.ok) expect(['string', 'number', 'boolean'].includes(typeof r.value) || r.value === null).toBe(true);
        else expect(r.reason).toMatch(/^[a-z]/);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent: normalising a stored value gives it back', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELD_TYPES), anyCell, ctxArb, (type, raw, ctx) => {
        const f = fieldFor(type);
        const once = normalizeValue(f, raw, ctx);
        if (!once.ok) return;
        expect(normalizeValue(f, once.value, ctx)).toEqual(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('never stores a number that is not finite', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELD_TYPES), anyCell, ctxArb, (type, raw, ctx) => {
        const r = normalizeValue(fieldFor(type), raw, ctx);
        if (r.ok && typeof r.value === 'number') expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('money never carries float noise', () => {
  it('whatever number or decimal text comes in, the stored amount has at most the minor-unit digits', () => {
    fc.assert(
      fc.property(currency, fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), decimalText), (code, raw) => {
        const digits = currencyDigits(code);
        const r = normalizeValue(field('money', { currency: code }), raw, EN);
        expect(r.ok).toBe(true);
        if (!r.ok || typeof r.value !== 'number') return;
        const fraction = String(r.value).split('.')[1] ?? '';
        expect(fraction.length).toBeLessThanOrEqual(digits);
        // value × 10^digits is an integer up to the multiplication's own rounding: dividing that
        // integer back gives exactly the stored double.
        expect(Math.round(r.value * 10 ** digits) / 10 ** digits).toBe(r.value);
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds half away from zero at exactly half a minor unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (cents) => {
        const text = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}5`;
        const expected = (cents < 0 ? -1 : 1) * (Math.abs(cents) + 1) / 100;
        expect(normalizeValue(field('money', { currency: 'USD' }), text, EN)).toEqual({ ok: true, value: expected });
      }),
    );
  });
});

describe('formatValue then normalizeValue gives the stored value back', () => {
  const roundTrip = (f: FieldDef, stored: Cell, ctx: Ctx) => {
    const shown = formatValue(f, stored, ctx);
    expect(normalizeValue(f, shown, ctx)).toEqual({ ok: true, value: stored });
  };

  it('for dates', () => {
    fc.assert(fc.property(dateSerial, ctxArb, (s, ctx) => roundTrip(field('date'), s, ctx)));
  });

  it('for date-times', () => {
    fc.assert(fc.property(datetimeSerial, ctxArb, (s, ctx) => roundTrip(field('datetime'), s, ctx)));
  });

  it('for money in any currency and language', () => {
    fc.assert(
      fc.property(money, ctxArb, ({ code, value }, ctx) => roundTrip(field('money', { currency: code }), value, ctx)),
    );
  });

  it('for integers', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), ctxArb, (n, ctx) => roundTrip(field('integer'), n, ctx)));
  });

  it('for any finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), ctxArb, (n, ctx) =>
        roundTrip(field('number'), n === 0 ? 0 : n, ctx),
      ),
    );
  });

  it('for percentages, including fractions from cells with many digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), ctxArb, (n, ctx) =>
        roundTrip(field('percent'), n === 0 ? 0 : n, ctx),
      ),
    );
  });

  it('for booleans in every language', () => {
    fc.assert(fc.property(fc.boolean(), ctxArb, (b, ctx) => roundTrip(field('boolean'), b, ctx)));
  });

  it('for emails', () => {
    fc.assert(
      fc.property(email, ctxArb, (raw, ctx) => {
        const stored = normalizeValue(field('email'), raw, ctx);
        if (stored.ok) roundTrip(field('email'), stored.value, ctx);
      }),
    );
  });

  it('for phones', () => {
    const samples = ['+79898775544', '+33612345678', '+14155552671;ext=123', '+442079460958'];
    for (const ctx of contexts) for (const p of samples) roundTrip(field('phone'), p, ctx);
  });
});

describe('number reading', () => {
  it('reads any plainly written decimal the same in every language when it has a dot', () => {
    fc.assert(
      fc.property(decimalText, ctxArb, (text, ctx) => {
        expect(normalizeValue(field('number'), text, ctx)).toEqual({ ok: true, value: Number(text) || 0 });
      }),
    );
  });

  it('reads French-written decimals with a comma and spaces in French', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.stringMatching(/^\d{1,4}$/), (int, frac) => {
        const grouped = String(int).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202F');
        expect(normalizeValue(field('number'), `${grouped},${frac}`, FR)).toEqual({ ok: true, value: Number(`${int}.${frac}`) });
      }),
    );
  });
});
