import { describe, expect, it } from 'vitest';
import { serialFromParts } from '../../../core/dates.js';
import { FIELD_TYPES } from '../../../core/schema/types.js';
import { formatEntry, formatterApplies, formatterAppliesTo, type ValueType } from '../../../core/templates/formatters.js';
import { FORMATTERS, type DocumentLocale, type Formatter } from '../../../core/templates/types.js';
import type { Cell } from '../../../core/workbook.js';

const US: DocumentLocale = { lang: 'en', country: 'US', currency: 'USD' };
const GB: DocumentLocale = { lang: 'en', country: 'GB', currency: 'GBP' };
const FR: DocumentLocale = { lang: 'fr', country: 'FR', currency: 'EUR' };
const RU: DocumentLocale = { lang: 'ru', country: 'RU', currency: 'RUB' };
const LOCALES: Record<string, DocumentLocale> = { US, GB, FR, RU };

/** U+00A0 no-break space, U+202F narrow no-break space: written as escapes so each test asserts the code point. */
const NBSP = '\u00A0';
const NNBSP = '\u202F';

const entry = (type: ValueType, value: Cell, currency?: string) => ({ kind: 'value' as const, type, value, currency, label: type });
const write = (type: ValueType, value: Cell, locale: DocumentLocale, formatter?: Formatter, currency?: string) =>
  formatEntry(entry(type, value, currency), formatter, locale);

const MARCH_4 = serialFromParts(2026, 3, 4);
const MARCH_4_AT_14_05 = serialFromParts(2026, 3, 4, 14, 5, 30);

const ALL_TYPES: ValueType[] = [...FIELD_TYPES, 'computed-text', 'computed-money', 'computed-date', 'computed-number'];

describe('formatEntry', () => {
  describe('writes money with its currency as people write it', () => {
    it.each([
      [1234.5, 'USD', 'US', '$1,234.50'],
      [1234.5, 'EUR', 'US', '€1,234.50'],
      [1234.5, 'GBP', 'GB', '£1,234.50'],
      [1234.5, 'JPY', 'US', '¥1,235'],
      [1234.5, 'RUB', 'US', `1,234.50${NBSP}RUB`],
      [1234.5, 'EUR', 'FR', `1${NNBSP}234,50${NBSP}€`],
      [1234.5, 'USD', 'FR', `1${NNBSP}234,50${NBSP}$US`],
      [1234.5, 'CHF', 'FR', `1${NNBSP}234,50${NBSP}CHF`],
      [1234.5, 'RUB', 'RU', `1${NBSP}234,50${NBSP}₽`],
      [1234.5, 'EUR', 'RU', `1${NBSP}234,50${NBSP}€`],
      [1234.5, 'KZT', 'RU', `1${NBSP}234,50${NBSP}KZT`],
      [1234567.891, 'USD', 'US', '$1,234,567.89'],
      [1.2345, 'KWD', 'US', `1.235${NBSP}KWD`],
      [0, 'USD', 'US', '$0.00'],
      [999, 'EUR', 'FR', `999,00${NBSP}€`],
    ])('%d %s in %s → %j', (value, currency, locale, text) => {
      expect(write('money', value, LOCALES[locale], undefined, currency)).toBe(text);
    });

    it('rounds half away from zero to the currency digits', () => {
      expect(write('money', 1.005, US, undefined, 'USD')).toBe('$1.01');
      expect(write('money', -1.005, US, undefined, 'USD')).toBe('-$1.01');
      expect(write('money', -0.001, US, undefined, 'USD')).toBe('$0.00');
    });

    it('puts the minus sign first', () => {
      expect(write('money', -1234.5, US, undefined, 'USD')).toBe('-$1,234.50');
      expect(write('money', -1234.5, FR, undefined, 'EUR')).toBe(`-1${NNBSP}234,50${NBSP}€`);
      expect(write('money', -1234.5, RU, undefined, 'RUB')).toBe(`-1${NBSP}234,50${NBSP}₽`);
    });

    it("takes the workbook's currency when the field names none, in any case", () => {
      expect(write('money', 10, FR)).toBe(`10,00${NBSP}€`);
      expect(write('money', 10, FR, undefined, 'usd')).toBe(`10,00${NBSP}$US`);
    });

    it('writes a computed amount like a money field', () => {
      expect(write('computed-money', 1234.5, RU)).toBe(`1${NBSP}234,50${NBSP}₽`);
      expect(write('computed-money', 1234.5, US, 'words')).toBe('one thousand two hundred thirty-four dollars and 50 cents');
    });

    it('writes the bare grouped amount with |number', () => {
      expect(write('money', 1234.5, US, 'number')).toBe('1,234.50');
      expect(write('money', 1234.5, FR, 'number')).toBe(`1${NNBSP}234,50`);
      expect(write('money', 1234.5, RU, 'number', 'JPY')).toBe(`1${NBSP}235`);
    });

    it('writes the amount in words with |words, in the currency of the field', () => {
      expect(write('money', 1234.5, FR, 'words')).toBe('mille deux cent trente-quatre euros et cinquante centimes');
      expect(write('money', 1234.5, RU, 'words')).toBe('одна тысяча двести тридцать четыре рубля 50 копеек');
      expect(write('money', 21, RU, 'words', 'USD')).toBe('двадцать один доллар 00 центов');
    });

    it('writes digits for an amount too large for words, rather than failing the document', () => {
      expect(write('money', 1e13, US, 'words')).toBe('$10,000,000,000,000.00');
    });
  });

  describe('writes numbers grouped by language, with the decimals as stored', () => {
    it.each([
      ['number', 1234.5, 'US', '1,234.5'],
      ['number', 1234.5, 'FR', `1${NNBSP}234,5`],
      ['number', 1234.5, 'RU', `1${NBSP}234,5`],
      ['number', 1234567.125, 'FR', `1${NNBSP}234${NNBSP}567,125`],
      ['number', 0.1, 'US', '0.1'],
      ['number', 12, 'US', '12'],
      ['number', -1234, 'RU', `-1${NBSP}234`],
      ['number', 1e21, 'US', '1,000,000,000,000,000,000,000'],
      ['integer', 1234, 'US', '1,234'],
      ['integer', 999, 'FR', '999'],
      ['integer', 1000, 'RU', `1${NBSP}000`],
      ['computed-number', 1234567, 'US', '1,234,567'],
    ] as const)('%s %d in %s → %j', (type, value, locale, text) => {
      expect(write(type, value, LOCALES[locale])).toBe(text);
    });

    it('writes them in words with |words, and the same digits with |number', () => {
      expect(write('integer', 2001, FR, 'words')).toBe('deux mille un');
      expect(write('number', 1234.5, US, 'words')).toBe('one thousand two hundred thirty-four and 5/10');
      expect(write('computed-number', 21, RU, 'words')).toBe('двадцать один');
      expect(write('number', 1234.5, FR, 'number')).toBe(`1${NNBSP}234,5`);
      expect(write('integer', 1234, US, 'number')).toBe('1,234');
    });
  });

  describe('writes percentages from their stored fraction', () => {
    it.each([
      [0.15, 'US', '15%'],
      [0.15, 'FR', `15${NBSP}%`],
      [0.15, 'RU', `15${NBSP}%`],
      [0.125, 'US', '12.5%'],
      [0.125, 'FR', `12,5${NBSP}%`],
      [12.5, 'US', '1,250%'],
      [-0.05, 'RU', `-5${NBSP}%`],
      [0.07, 'US', '7%'],
    ])('%d in %s → %j', (value, locale, text) => {
      expect(write('percent', value, LOCALES[locale])).toBe(text);
    });
  });

  describe('writes dates in the form of the language and country', () => {
    it.each([
      ['US', undefined, '03/04/2026'],
      ['GB', undefined, '04/03/2026'],
      ['FR', undefined, '04/03/2026'],
      ['RU', undefined, '04.03.2026'],
      ['US', 'short', '03/04/2026'],
      ['RU', 'short', '04.03.2026'],
      ['US', 'long', 'March 4, 2026'],
      ['GB', 'long', '4 March 2026'],
      ['FR', 'long', '4 mars 2026'],
      ['RU', 'long', `4 марта 2026${NBSP}г.`],
      ['US', 'year', '2026'],
      ['RU', 'year', '2026'],
      ['US', 'month', 'March 2026'],
      ['FR', 'month', 'mars 2026'],
      ['RU', 'month', 'март 2026'],
    ] as const)('in %s with |%s → %j', (locale, formatter, text) => {
      expect(write('date', MARCH_4, LOCALES[locale], formatter)).toBe(text);
      expect(write('computed-date', MARCH_4, LOCALES[locale], formatter)).toBe(text);
    });

    it('writes the first of the month as "1er" in French', () => {
      expect(write('date', serialFromParts(2026, 5, 1), FR, 'long')).toBe('1er mai 2026');
      expect(write('date', serialFromParts(2026, 5, 11), FR, 'long')).toBe('11 mai 2026');
    });

    it.each([
      [1, '1 января 2026'],
      [5, '1 мая 2026'],
      [8, '1 августа 2026'],
      [12, '1 декабря 2026'],
    ])('gives the Russian month %d its genitive: %j', (month, text) => {
      expect(write('date', serialFromParts(2026, month, 1), RU, 'long')).toBe(`${text}${NBSP}г.`);
    });

    it('pads day and month and keeps the year whole', () => {
      expect(write('date', serialFromParts(1999, 12, 31), US)).toBe('12/31/1999');
      expect(write('date', serialFromParts(2026, 1, 9), RU)).toBe('09.01.2026');
    });

    it('writes a date and time with the time of day, and the date alone with a formatter', () => {
      expect(write('datetime', MARCH_4_AT_14_05, US)).toBe('03/04/2026 14:05');
      expect(write('datetime', MARCH_4_AT_14_05, FR)).toBe('04/03/2026 14:05');
      expect(write('datetime', MARCH_4_AT_14_05, RU)).toBe('04.03.2026 14:05');
      expect(write('datetime', serialFromParts(2026, 3, 4, 9, 0), GB)).toBe('04/03/2026 09:00');
      expect(write('datetime', MARCH_4_AT_14_05, FR, 'long')).toBe('4 mars 2026');
      expect(write('datetime', MARCH_4_AT_14_05, US, 'short')).toBe('03/04/2026');
      expect(write('datetime', MARCH_4_AT_14_05, RU, 'month')).toBe('март 2026');
      expect(write('datetime', MARCH_4_AT_14_05, GB, 'year')).toBe('2026');
    });
  });

  describe('writes yes and no in the language', () => {
    it.each([
      [true, 'US', undefined, 'Yes'],
      [false, 'US', undefined, 'No'],
      [true, 'FR', undefined, 'Oui'],
      [false, 'FR', undefined, 'Non'],
      [true, 'RU', undefined, 'Да'],
      [false, 'RU', undefined, 'Нет'],
      [true, 'US', 'upper', 'YES'],
      [false, 'RU', 'upper', 'НЕТ'],
      [true, 'FR', 'lower', 'oui'],
    ] as const)('%s in %s with |%s → %j', (value, locale, formatter, text) => {
      expect(write('boolean', value, LOCALES[locale], formatter)).toBe(text);
    });
  });

  describe('writes phone numbers as people dial them', () => {
    it.each([
      ['+14155552671', 'US', '(415) 555-2671'],
      ['+14155552671', 'FR', '+1 415 555 2671'],
      ['+33612345678', 'FR', '06 12 34 56 78'],
      ['+33612345678', 'RU', '+33 6 12 34 56 78'],
      ['+79898775544', 'RU', '8 (989) 877-55-44'],
      ['+79898775544', 'US', '+7 989 877 55 44'],
      ['+442071234567', 'GB', '020 7123 4567'],
    ])('%s in %s → %j: national in its own country, international elsewhere', (stored, locale, text) => {
      expect(write('phone', stored, LOCALES[locale])).toBe(text);
    });

    it('keeps the extension, named in the language', () => {
      expect(write('phone', '+14155552671;ext=123', US)).toBe('(415) 555-2671 ext. 123');
      expect(write('phone', '+33612345678;ext=12', FR)).toBe('06 12 34 56 78 poste 12');
      expect(write('phone', '+79898775544;ext=7', RU)).toBe('8 (989) 877-55-44 доб. 7');
    });

    it('writes a phone it cannot read as stored', () => {
      expect(write('phone', 'ask reception', US)).toBe('ask reception');
      expect(write('phone', '+1', US)).toBe('+1');
    });
  });

  describe('writes text-like values as stored', () => {
    const odd = 'A&B <Ltd> "quoted"\n\tСергей — Élodie';
    it.each(['text', 'longtext', 'email', 'url', 'choice', 'reference', 'user', 'computed-text'] as const)('%s, exactly', (type) => {
      expect(write(type, odd, RU)).toBe(odd);
    });

    it('changes case with |upper and |lower, Cyrillic and accents included', () => {
      expect(write('text', 'Société Générale', FR, 'upper')).toBe('SOCIÉTÉ GÉNÉRALE');
      expect(write('reference', 'ООО «Ромашка»', RU, 'upper')).toBe('ООО «РОМАШКА»');
      expect(write('email', 'Anna@Example.COM', US, 'lower')).toBe('anna@example.com');
      expect(write('computed-text', 'INV-0042', US, 'lower')).toBe('inv-0042');
    });
  });

  describe('writes an empty value as nothing', () => {
    it.each(ALL_TYPES)('%s, with or without a formatter', (type) => {
      expect(write(type, null, US)).toBe('');
      expect(write(type, '', FR)).toBe('');
      for (const formatter of FORMATTERS) expect(write(type, null, RU, formatter)).toBe('');
    });
  });

  describe("shows a value that is not its field's kind as it is", () => {
    it.each([
      ['date', 'soon', 'soon'],
      ['date', 1e12, '1000000000000'],
      ['datetime', 'tbd', 'tbd'],
      ['money', 'on request', 'on request'],
      ['percent', 'n/a', 'n/a'],
      ['integer', 'many', 'many'],
      ['boolean', 'maybe', 'maybe'],
      ['text', 75001, '75001'],
      ['phone', 79898775544, '79898775544'],
    ] as const)('%s holding %j → %j', (type, value, text) => {
      expect(write(type, value, US)).toBe(text);
    });
  });

  describe('ignores a formatter that does not apply to the type', () => {
    it.each([
      ['date', MARCH_4, 'words', '03/04/2026'],
      ['date', MARCH_4, 'upper', '03/04/2026'],
      ['text', 'Acme', 'long', 'Acme'],
      ['text', '1234', 'words', '1234'],
      ['money', 1234.5, 'upper', '$1,234.50'],
      ['money', 1234.5, 'year', '$1,234.50'],
      ['percent', 0.15, 'words', '15%'],
      ['percent', 0.15, 'number', '15%'],
      ['phone', '+14155552671', 'upper', '(415) 555-2671'],
      ['boolean', true, 'words', 'Yes'],
    ] as const)('%s %j with |%s → %j, as if there were none', (type, value, formatter, text) => {
      expect(write(type, value, US, formatter)).toBe(text);
    });
  });

  describe('agrees with CLDR as this Node knows it', () => {
    const hasLocales = Intl.NumberFormat.supportedLocalesOf(['fr', 'ru']).length === 2;
    it.skipIf(!hasLocales).each([
      ['en', 'USD', US],
      ['fr', 'EUR', FR],
      ['ru', 'RUB', RU],
      ['ru', 'EUR', RU],
    ] as const)('money in %s with %s', (lang, currency, locale) => {
      for (const value of [0, 1234.5, -9876543.21]) {
        const intl = new Intl.NumberFormat(lang, { style: 'currency', currency }).format(value);
        expect(write('money', value, locale, undefined, currency)).toBe(intl);
      }
    });

    it.skipIf(!hasLocales).each([
      ['en', US],
      ['fr', FR],
      ['ru', RU],
    ] as const)('numbers and percentages in %s', (lang, locale) => {
      for (const value of [7, 1234.5, 1234567.125, -42000]) {
        expect(write('number', value, locale)).toBe(new Intl.NumberFormat(lang, { maximumFractionDigits: 20 }).format(value));
      }
      expect(write('percent', 0.15, locale)).toBe(new Intl.NumberFormat(lang, { style: 'percent' }).format(0.15));
    });
  });
});

describe('formatterApplies', () => {
  const expected: Record<Formatter, ValueType[]> = {
    long: ['date', 'datetime', 'computed-date'],
    short: ['date', 'datetime', 'computed-date'],
    year: ['date', 'datetime', 'computed-date'],
    month: ['date', 'datetime', 'computed-date'],
    words: ['integer', 'number', 'money', 'computed-number', 'computed-money'],
    number: ['integer', 'number', 'money', 'computed-number', 'computed-money'],
    upper: ['text', 'longtext', 'email', 'url', 'choice', 'reference', 'user', 'boolean', 'computed-text'],
    lower: ['text', 'longtext', 'email', 'url', 'choice', 'reference', 'user', 'boolean', 'computed-text'],
  };

  it.each(FORMATTERS)('knows which types |%s applies to', (formatter) => {
    expect(ALL_TYPES.filter((type) => formatterApplies(type, formatter)).sort()).toEqual([...expected[formatter]].sort());
  });

  it('names them in plain words for the checker', () => {
    expect(FORMATTERS.map((f) => `|${f} applies to ${formatterAppliesTo(f)}`)).toEqual([
      '|long applies to dates',
      '|short applies to dates',
      '|words applies to numbers and money',
      '|number applies to numbers and money',
      '|upper applies to text',
      '|lower applies to text',
      '|year applies to dates',
      '|month applies to dates',
    ]);
  });

  it('changes the text of every type it applies to, in every language', () => {
    const samples: Record<ValueType, Cell> = {
      text: 'Acme', longtext: 'Line\nline', integer: 1234, number: 1234.5, money: 1234.5, percent: 0.15,
      date: MARCH_4, datetime: MARCH_4_AT_14_05, boolean: true, email: 'Anna@Acme.example', phone: '+14155552671',
      url: 'https://Acme.example', choice: 'Won', reference: 'Acme', user: 'Anna', 'computed-text': 'Acme',
      'computed-money': 1234.5, 'computed-date': MARCH_4, 'computed-number': 1234.5,
    };
    // By design the default already: the short form of a date, the grouped digits of a number.
    const isDefault = (type: ValueType, formatter: Formatter) =>
      (formatter === 'short' && type !== 'datetime') || (formatter === 'number' && !type.endsWith('money'));
    for (const locale of [US, FR, RU]) {
      for (const formatter of FORMATTERS) {
        for (const type of expected[formatter]) {
          const text = write(type, samples[type], locale, formatter);
          const plain = write(type, samples[type], locale);
          expect(text, `${type}|${formatter} in ${locale.lang}`).not.toBe('');
          if (isDefault(type, formatter)) expect(text).toBe(plain);
          else expect(text, `${type}|${formatter} in ${locale.lang}`).not.toBe(plain);
        }
      }
    }
  });
});
