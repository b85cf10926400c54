import { describe, expect, it } from 'vitest';
import { normalizeValue } from '../../../core/fields/normalize.js';
import { EN, FR, RU, field } from './helpers.js';

const integer = field('integer');
const number = field('number');
const percent = field('percent');

describe('normalizeValue', () => {
  describe('for every type, an empty value', () => {
    it('is stored as null, whatever the type', () => {
      for (const type of ['text', 'integer', 'money', 'date', 'boolean', 'phone', 'email', 'choice'] as const) {
        for (const raw of ['', '   ', '\u00A0\t', null]) {
          expect(normalizeValue(field(type, { choices: ['A'] }), raw, EN)).toEqual({ ok: true, value: null });
        }
      }
    });
  });

  describe('an integer field', () => {
    it('accepts numbers and whole-number text with thousands separators', () => {
      expect(normalizeValue(integer, 42, EN)).toEqual({ ok: true, value: 42 });
      expect(normalizeValue(integer, '1 234', EN)).toEqual({ ok: true, value: 1234 });
      expect(normalizeValue(integer, '1,234', EN)).toEqual({ ok: true, value: 1234 });
      expect(normalizeValue(integer, '-5', EN)).toEqual({ ok: true, value: -5 });
      expect(normalizeValue(integer, '+7', EN)).toEqual({ ok: true, value: 7 });
      expect(normalizeValue(integer, '1\u202F234\u00A0567', FR)).toEqual({ ok: true, value: 1234567 });
    });

    it('reads "1,234" as a thousand and more even in French, where nobody means a whole 1.234', () => {
      expect(normalizeValue(integer, '1,234', FR)).toEqual({ ok: true, value: 1234 });
    });

    it('refuses fractions as "not a whole number"', () => {
      expect(normalizeValue(integer, 1.5, EN)).toEqual({ ok: false, reason: 'not a whole number' });
      expect(normalizeValue(integer, '1.5', EN)).toEqual({ ok: false, reason: 'not a whole number' });
      expect(normalizeValue(integer, '1,5', FR)).toEqual({ ok: false, reason: 'not a whole number' });
    });

    it('refuses text and booleans as "not a number"', () => {
      expect(normalizeValue(integer, '12abc', EN)).toEqual({ ok: false, reason: 'not a number' });
      expect(normalizeValue(integer, true, EN)).toEqual({ ok: false, reason: 'not a number' });
      expect(normalizeValue(integer, '12 34', EN)).toEqual({ ok: false, reason: 'not a number' });
    });

    it('refuses integers past 2^53, which would not be stored as typed', () => {
      expect(normalizeValue(integer, '123456789012345678', EN)).toEqual({ ok: false, reason: 'number too large' });
    });
  });

  describe('a number field', () => {
    it('reads a decimal comma in French and Russian', () => {
      expect(normalizeValue(number, '1 234,56', FR)).toEqual({ ok: true, value: 1234.56 });
      expect(normalizeValue(number, '1\u00A0234,56', RU)).toEqual({ ok: true, value: 1234.56 });
      expect(normalizeValue(number, '0,125', FR)).toEqual({ ok: true, value: 0.125 });
    });

    it('reads a comma before three digits as thousands in English, and as decimal otherwise', () => {
      expect(normalizeValue(number, '1,234', EN)).toEqual({ ok: true, value: 1234 });
      expect(normalizeValue(number, '1,5', EN)).toEqual({ ok: true, value: 1.5 });
      expect(normalizeValue(number, '1234,567', EN)).toEqual({ ok: true, value: 1234.567 });
      expect(normalizeValue(number, '1,234', FR)).toEqual({ ok: true, value: 1.234 });
    });

    it('takes the last of comma and dot as the decimal separator when both appear', () => {
      expect(normalizeValue(number, '1,234.56', EN)).toEqual({ ok: true, value: 1234.56 });
      expect(normalizeValue(number, '1,234.56', FR)).toEqual({ ok: true, value: 1234.56 });
      expect(normalizeValue(number, '1.234,56', EN)).toEqual({ ok: true, value: 1234.56 });
      expect(normalizeValue(number, '1.234.567', FR)).toEqual({ ok: true, value: 1234567 });
    });

    it('reads a single dot as decimal in every language', () => {
      expect(normalizeValue(number, '1.234', FR)).toEqual({ ok: true, value: 1.234 });
    });

    it('accepts a leading plus, a unicode minus, apostrophes, exponents and a bare fraction', () => {
      expect(normalizeValue(number, '+3.5', EN)).toEqual({ ok: true, value: 3.5 });
      expect(normalizeValue(number, '\u22123.5', EN)).toEqual({ ok: true, value: -3.5 });
      expect(normalizeValue(number, "1'234.5", EN)).toEqual({ ok: true, value: 1234.5 });
      expect(normalizeValue(number, '1.5e3', EN)).toEqual({ ok: true, value: 1500 });
      expect(normalizeValue(number, '.5', EN)).toEqual({ ok: true, value: 0.5 });
    });

    it('never stores a negative zero', () => {
      const r = normalizeValue(number, '-0', EN);
      expect(r.ok && Object.is(r.value, 0)).toBe(true);
    });

    it('refuses what is not a plain number', () => {
      for (const raw of ['12abc', 'abc', '1,2,3', '12,34,5', '1..2', '--1', '5.', '1.2.3,4', Number.NaN, Infinity]) {
        expect(normalizeValue(number, raw, EN)).toEqual({ ok: false, reason: 'not a number' });
      }
    });
  });

  describe('a percent field', () => {
    it('stores a fraction, reading text in percentage points with or without the sign', () => {
      expect(normalizeValue(percent, '15%', EN)).toEqual({ ok: true, value: 0.15 });
      expect(normalizeValue(percent, '15 %', FR)).toEqual({ ok: true, value: 0.15 });
      expect(normalizeValue(percent, '15', EN)).toEqual({ ok: true, value: 0.15 });
      expect(normalizeValue(percent, '12,5 %', FR)).toEqual({ ok: true, value: 0.125 });
      expect(normalizeValue(percent, '0.5', EN)).toEqual({ ok: true, value: 0.005 });
      expect(normalizeValue(percent, '-5%', EN)).toEqual({ ok: true, value: -0.05 });
      expect(normalizeValue(percent, '250%', EN)).toEqual({ ok: true, value: 2.5 });
    });

    it('keeps a number as the fraction a spreadsheet cell holds', () => {
      expect(normalizeValue(percent, 0.15, EN)).toEqual({ ok: true, value: 0.15 });
      expect(normalizeValue(percent, 2, EN)).toEqual({ ok: true, value: 2 });
    });

    it('scales without float noise (7% is 0.07, not 0.07000000000000001)', () => {
      expect(normalizeValue(percent, '7%', EN)).toEqual({ ok: true, value: 0.07 });
      expect(normalizeValue(percent, '29%', EN)).toEqual({ ok: true, value: 0.29 });
    });

    it('refuses what is not a percentage', () => {
      expect(normalizeValue(percent, 'lots', EN)).toEqual({ ok: false, reason: 'not a percentage' });
      expect(normalizeValue(percent, '%', EN)).toEqual({ ok: false, reason: 'not a percentage' });
      expect(normalizeValue(percent, true, EN)).toEqual({ ok: false, reason: 'not a percentage' });
    });
  });
});
