import { describe, expect, it } from 'vitest';
import { currencyDigits, normalizeValue } from '../../../core/fields/normalize.js';
import { EN, FR, RU, field } from './helpers.js';

const eur = field('money', { currency: 'EUR' });
const usd = field('money', { currency: 'USD' });
const rub = field('money', { currency: 'RUB' });
const jpy = field('money', { currency: 'JPY' });
const kwd = field('money', { currency: 'KWD' });

describe('currencyDigits', () => {
  it('knows the minor unit of each currency, two by default', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('TND')).toBe(3);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('usd')).toBe(2);
    expect(currencyDigits('XYZ')).toBe(2);
  });
});

describe('normalizeValue for a money field', () => {
  describe('reads amounts with a symbol or code of its currency', () => {
    it.each([
      ['€ 12,50', eur, EN, 12.5],
      ['€ 12,50', eur, FR, 12.5],
      ['12,50 €', eur, FR, 12.5],
      ['12.50 EUR', eur, FR, 12.5],
      ['12.50 USD', usd, EN, 12.5],
      ['12.50 usd', usd, EN, 12.5],
      ['USD 12.50', usd, EN, 12.5],
      ['$1,200', usd, EN, 1200],
      ['US$1,200.5', usd, EN, 1200.5],
      ['-$5', usd, EN, -5],
      ['$-5', usd, EN, -5],
      ['(12.00)', usd, EN, -12],
      ['1 200 ₽', rub, RU, 1200],
      ['1 200,50 руб.', rub, RU, 1200.5],
      ['¥1,235', jpy, EN, 1235],
    ] as const)('%s → %s', (raw, f, ctx, value) => {
      expect(normalizeValue(f, raw, ctx)).toEqual({ ok: true, value });
    });
  });

  it('uses the schema currency when the field names none', () => {
    expect(normalizeValue(field('money'), '12,5 €', FR)).toEqual({ ok: true, value: 12.5 });
    expect(normalizeValue(field('money'), '12.5 €', EN)).toEqual({
      ok: false,
      reason: 'amount is in EUR, field is in USD',
    });
  });

  it('reads "1,200" as twelve hundred even in French, as no cent amount has three decimals', () => {
    expect(normalizeValue(eur, '1,200', FR)).toEqual({ ok: true, value: 1200 });
    expect(normalizeValue(eur, '€1,200', FR)).toEqual({ ok: true, value: 1200 });
  });

  it('keeps a comma before three digits decimal for currencies with three-digit minor units in French', () => {
    expect(normalizeValue(kwd, '1,234', FR)).toEqual({ ok: true, value: 1.234 });
  });

  it('refuses an amount in another currency, naming both', () => {
    expect(normalizeValue(eur, '12.50 USD', EN)).toEqual({ ok: false, reason: 'amount is in USD, field is in EUR' });
    expect(normalizeValue(eur, '$12', EN)).toEqual({ ok: false, reason: 'amount is in USD, field is in EUR' });
    expect(normalizeValue(usd, '£3', EN)).toEqual({ ok: false, reason: 'amount is in GBP, field is in USD' });
  });

  it('accepts a bare dollar sign for any dollar currency', () => {
    expect(normalizeValue(field('money', { currency: 'CAD' }), '$12', EN)).toEqual({ ok: true, value: 12 });
  });

  describe('rounds half away from zero to the minor unit', () => {
    it('without binary float surprises', () => {
      expect(normalizeValue(usd, 1.005, EN)).toEqual({ ok: true, value: 1.01 });
      expect(normalizeValue(usd, '1.005', EN)).toEqual({ ok: true, value: 1.01 });
      expect(normalizeValue(usd, 1.015, EN)).toEqual({ ok: true, value: 1.02 });
      expect(normalizeValue(usd, -1.005, EN)).toEqual({ ok: true, value: -1.01 });
      expect(normalizeValue(usd, 0.1 + 0.2, EN)).toEqual({ ok: true, value: 0.3 });
      expect(normalizeValue(usd, '9.995', EN)).toEqual({ ok: true, value: 10 });
    });

    it('to whole yen and to thousandths of a dinar', () => {
      expect(normalizeValue(jpy, '1234.5', EN)).toEqual({ ok: true, value: 1235 });
      expect(normalizeValue(jpy, -0.5, EN)).toEqual({ ok: true, value: -1 });
      expect(normalizeValue(kwd, '1.2345', EN)).toEqual({ ok: true, value: 1.235 });
    });

    it('never to a negative zero', () => {
      const r = normalizeValue(usd, '-0.001', EN);
      expect(r.ok && Object.is(r.value, 0)).toBe(true);
    });
  });

  it('refuses what is not an amount', () => {
    for (const raw of ['12abc', 'abc', '€', '--5', '1,2,3 €', true, Number.NaN]) {
      expect(normalizeValue(eur, raw, EN)).toEqual({ ok: false, reason: 'not an amount' });
    }
  });
});
