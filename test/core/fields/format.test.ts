import { describe, expect, it } from 'vitest';
import { serialFromParts } from '../../../core/dates.js';
import { formatValue, jsonValue, numberFormatFor } from '../../../core/fields/normalize.js';
import type { FieldType } from '../../../core/schema/types.js';
import { EN, FR, RU, field } from './helpers.js';

const MARCH_4 = serialFromParts(2026, 3, 4);

describe('formatValue', () => {
  it('shows an empty cell as empty text', () => {
    expect(formatValue(field('date'), null, EN)).toBe('');
  });

  it('shows dates as ISO and date-times to the minute, with seconds only when there are some', () => {
    expect(formatValue(field('date'), MARCH_4, EN)).toBe('2026-03-04');
    expect(formatValue(field('datetime'), serialFromParts(2026, 3, 4, 14, 5), EN)).toBe('2026-03-04 14:05');
    expect(formatValue(field('datetime'), serialFromParts(2026, 3, 4, 14, 5, 30), EN)).toBe('2026-03-04 14:05:30');
    expect(formatValue(field('datetime'), MARCH_4, EN)).toBe('2026-03-04 00:00');
  });

  it('shows percentages in points, exactly', () => {
    expect(formatValue(field('percent'), 0.15, EN)).toBe('15%');
    expect(formatValue(field('percent'), 0.125, FR)).toBe('12.5%');
    expect(formatValue(field('percent'), 0.07, EN)).toBe('7%');
    expect(formatValue(field('percent'), -0.005, EN)).toBe('-0.5%');
  });

  it('shows money with the minor-unit digits of its currency, without symbol or grouping', () => {
    expect(formatValue(field('money'), 1234.5, EN)).toBe('1234.50');
    expect(formatValue(field('money', { currency: 'JPY' }), 1235, EN)).toBe('1235');
    expect(formatValue(field('money', { currency: 'KWD' }), 1.5, EN)).toBe('1.500');
    expect(formatValue(field('money'), -0.1, FR)).toBe('-0.10');
  });

  it('shows numbers as plain digits, never with an exponent', () => {
    expect(formatValue(field('integer'), 1234, EN)).toBe('1234');
    expect(formatValue(field('number'), 1e21, EN)).toBe('1000000000000000000000');
    expect(formatValue(field('number'), 1e-7, EN)).toBe('0.0000001');
  });

  it('shows booleans in the workbook language', () => {
    expect([formatValue(field('boolean'), true, EN), formatValue(field('boolean'), false, EN)]).toEqual(['yes', 'no']);
    expect([formatValue(field('boolean'), true, FR), formatValue(field('boolean'), false, FR)]).toEqual(['oui', 'non']);
    expect([formatValue(field('boolean'), true, RU), formatValue(field('boolean'), false, RU)]).toEqual(['да', 'нет']);
  });

  it('shows text-like values as stored', () => {
    expect(formatValue(field('phone'), '+14155552671;ext=123', EN)).toBe('+14155552671;ext=123');
    expect(formatValue(field('text'), '=1+1', EN)).toBe('=1+1');
    expect(formatValue(field('text'), 75001, EN)).toBe('75001');
  });

  it('shows a cell that holds the wrong kind of value as it is', () => {
    expect(formatValue(field('date'), 'next week', EN)).toBe('next week');
    expect(formatValue(field('money'), 'TBD', EN)).toBe('TBD');
    expect(formatValue(field('boolean'), 'maybe', EN)).toBe('maybe');
  });
});

describe('jsonValue', () => {
  it('gives dates and date-times as ISO strings', () => {
    expect(jsonValue(field('date'), MARCH_4)).toBe('2026-03-04');
    expect(jsonValue(field('datetime'), serialFromParts(2026, 3, 4, 14, 5))).toBe('2026-03-04T14:05:00');
  });

  it('gives numbers as numbers and booleans as booleans', () => {
    expect(jsonValue(field('money'), 12.5)).toBe(12.5);
    expect(jsonValue(field('percent'), 0.15)).toBe(0.15);
    expect(jsonValue(field('integer'), 3)).toBe(3);
    expect(jsonValue(field('boolean'), false)).toBe(false);
  });

  it('gives text-like values as strings, even when a cell held a number', () => {
    expect(jsonValue(field('phone'), 79898775544)).toBe('79898775544');
    expect(jsonValue(field('text'), 'Acme')).toBe('Acme');
  });

  it('gives null for empty and passes a mistyped cell through', () => {
    expect(jsonValue(field('date'), null)).toBeNull();
    expect(jsonValue(field('date'), 'next week')).toBe('next week');
  });
});

describe('numberFormatFor', () => {
  const USD = { currency: 'USD' };

  it.each([
    ['money', '#,##0.00'],
    ['percent', '0.##%'],
    ['date', 'yyyy-mm-dd'],
    ['datetime', 'yyyy-mm-dd hh:mm'],
    ['integer', '0'],
    ['number', 'General'],
    ['boolean', undefined],
    ['text', '@'],
    ['longtext', '@'],
    ['email', '@'],
    ['phone', '@'],
    ['url', '@'],
    ['choice', '@'],
    ['reference', '@'],
    ['user', '@'],
  ] as [FieldType, string | undefined][])('%s → %s', (type, format) => {
    expect(numberFormatFor(field(type), USD)).toBe(format);
  });

  it('follows the minor unit of the field currency, or else the schema currency', () => {
    expect(numberFormatFor(field('money', { currency: 'JPY' }), USD)).toBe('#,##0');
    expect(numberFormatFor(field('money', { currency: 'KWD' }), USD)).toBe('#,##0.000');
    expect(numberFormatFor(field('money'), { currency: 'JPY' })).toBe('#,##0');
  });
});
