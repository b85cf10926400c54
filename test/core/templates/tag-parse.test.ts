import { describe, expect, it } from 'vitest';
import { parseTag } from '../../../core/templates/tag-parse.js';

describe('parseTag', () => {
  describe('reads names, paths and formatters', () => {
    it.each([
      ['City', { path: ['City'] }],
      ['Company.City', { path: ['Company', 'City'] }],
      [' Date | long ', { path: ['Date'], formatter: 'long' }],
      ['Amount|WORDS', { path: ['Amount'], formatter: 'words' }],
      ['Tax  ID', { path: ['Tax ID'] }],
      ['Company . Post-code', { path: ['Company', 'Post-code'] }],
      ['tax_id', { path: ['tax_id'] }],
      ['Дата договора|long', { path: ['Дата договора'], formatter: 'long' }],
      ['Numéro', { path: ['Numéro'] }],
      ['Nume\u0301ro', { path: ['Numéro'] }],
      ['Адрес 2', { path: ['Адрес 2'] }],
    ])('%j', (text, parsed) => {
      expect(parseTag(text)).toEqual(parsed);
    });

    it('undoes what word processors type: smart apostrophes, no-break and zero-width spaces', () => {
      expect(parseTag('Company’s\u00A0City')).toEqual({ path: ["Company's City"] });
      expect(parseTag('Aujourd‘hui\u202F|\u200Blong')).toEqual({ path: ["Aujourd'hui"], formatter: 'long' });
    });
  });

  describe('refuses anything else as not a field name', () => {
    it.each([
      ['a+b', 'not a field name: "+" cannot be part of a name'],
      ['process.exit()', 'not a field name: "(" cannot be part of a name'],
      ['= 1+1', 'not a field name: "=" cannot be part of a name'],
      ['"Name"', `not a field name: '"' cannot be part of a name`],
      ['“Name”', `not a field name: '"' cannot be part of a name`],
      ['Name[0]', 'not a field name: "[" cannot be part of a name'],
      ['a; b', 'not a field name: ";" cannot be part of a name'],
      ['constructor', 'not a field name: "constructor" is reserved'],
      ['Name.constructor', 'not a field name: "constructor" is reserved'],
      ['__proto__', 'not a field name: "__proto__" is reserved'],
      ['__defineGetter__', 'not a field name: "__defineGetter__" is reserved'],
      ['this', 'not a field name: "this" is reserved'],
      ['Company..City', 'not a field name: a name is missing (an empty tag, or two dots in a row)'],
      ['', 'not a field name: a name is missing (an empty tag, or two dots in a row)'],
      ['.', 'not a field name: a name is missing (an empty tag, or two dots in a row)'],
      ["''", `not a field name: "''" has no letter or digit`],
      ['Name|long|short', 'not a field name: only one |formatter may follow the name'],
    ])('%j', (text, error) => {
      expect(parseTag(text)).toEqual({ kind: 'syntax', error });
    });

    it('refuses a formatter outside the closed set, suggesting the nearest', () => {
      expect(parseTag('Amount|wrods')).toEqual({ kind: 'bad-formatter', error: 'unknown formatter "wrods" — did you mean |words? (formatters: long, short, words, number, upper, lower, year, month)' });
      expect(parseTag('Name | toString')).toEqual({ kind: 'bad-formatter', error: 'unknown formatter "toString" (formatters: long, short, words, number, upper, lower, year, month)' });
    });
  });
});
