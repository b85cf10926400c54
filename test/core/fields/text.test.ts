import { describe, expect, it } from 'vitest';
import { normalizeValue } from '../../../core/fields/normalize.js';
import { EN, FR, field } from './helpers.js';

describe('normalizeValue for text-like fields', () => {
  describe('a text field', () => {
    it('trims the ends and changes nothing else', () => {
      expect(normalizeValue(field('text'), '  Acme   SA \n', EN)).toEqual({ ok: true, value: 'Acme   SA' });
    });

    it('keeps a leading = + - @ as typed: the port writes strings as literal text', () => {
      for (const raw of ['=SUM(A1:A3)', '+33 thing', '-15% off', '@handle', '=HYPERLINK("http://x")']) {
        expect(normalizeValue(field('text'), raw, EN)).toEqual({ ok: true, value: raw });
      }
    });

    it('turns a number or boolean from a cell into its text', () => {
      expect(normalizeValue(field('text'), 75001, EN)).toEqual({ ok: true, value: '75001' });
      expect(normalizeValue(field('text'), 1e21, EN)).toEqual({ ok: true, value: '1000000000000000000000' });
      expect(normalizeValue(field('text'), true, EN)).toEqual({ ok: true, value: 'true' });
    });
  });

  describe('a longtext field', () => {
    it('keeps inner line breaks, as \\n, and trims the ends', () => {
      expect(normalizeValue(field('longtext'), '\n Line 1\r\nLine 2\rLine 3\n\n', EN)).toEqual({
        ok: true,
        value: 'Line 1\nLine 2\nLine 3',
      });
    });
  });

  describe('a reference field', () => {
    it('stores the trimmed display key, resolved later by the record store', () => {
      expect(normalizeValue(field('reference', { ref: 'companies' }), '  Acme ', EN)).toEqual({ ok: true, value: 'Acme' });
    });
  });

  describe('a user field', () => {
    it('lower-cases an email-like id and keeps other ids as typed', () => {
      expect(normalizeValue(field('user'), ' Ada@Example.COM ', EN)).toEqual({ ok: true, value: 'ada@example.com' });
      expect(normalizeValue(field('user'), ' Ada Lovelace ', EN)).toEqual({ ok: true, value: 'Ada Lovelace' });
    });
  });

  describe('a choice field', () => {
    const stage = field('choice', { choices: ['Lead', 'Qualified', 'Won', 'Élevé'] });

    it('stores the canonical spelling of a match ignoring case and surrounding spaces', () => {
      expect(normalizeValue(stage, '  qualified ', EN)).toEqual({ ok: true, value: 'Qualified' });
      expect(normalizeValue(stage, 'WON', EN)).toEqual({ ok: true, value: 'Won' });
      expect(normalizeValue(stage, 'élevé', FR)).toEqual({ ok: true, value: 'Élevé' });
      expect(normalizeValue(stage, 'E\u0301leve\u0301', FR)).toEqual({ ok: true, value: 'Élevé' });
    });

    it('matches numbers from cells against numeric choices', () => {
      expect(normalizeValue(field('choice', { choices: ['1', '2', '3'] }), 2, EN)).toEqual({ ok: true, value: '2' });
    });

    it('refuses anything else, listing the allowed values', () => {
      expect(normalizeValue(stage, 'Lost', EN)).toEqual({ ok: false, reason: 'not one of: Lead, Qualified, Won, Élevé' });
      expect(normalizeValue(field('choice'), 'x', EN)).toEqual({
        ok: false,
        reason: 'no choices are defined for this field',
      });
    });
  });
});

describe('normalizeValue for a boolean field', () => {
  const flag = field('boolean');

  it.each(['true', 'TRUE', '1', 'yes', 'Y', 'oui', 'Да', 'x', 'X', '✓', 'vrai', 'ИСТИНА', ' yes '])('%s is true', (raw) => {
    expect(normalizeValue(flag, raw, EN)).toEqual({ ok: true, value: true });
  });

  it.each(['false', 'False', '0', 'no', 'N', 'non', 'НЕТ', 'faux', 'ложь'])('%s is false', (raw) => {
    expect(normalizeValue(flag, raw, EN)).toEqual({ ok: true, value: false });
  });

  it('takes booleans and 1/0 from cells', () => {
    expect(normalizeValue(flag, true, EN)).toEqual({ ok: true, value: true });
    expect(normalizeValue(flag, false, EN)).toEqual({ ok: true, value: false });
    expect(normalizeValue(flag, 1, EN)).toEqual({ ok: true, value: true });
    expect(normalizeValue(flag, 0, EN)).toEqual({ ok: true, value: false });
  });

  it('refuses anything else rather than guess false', () => {
    for (const raw of ['maybe', '2', 2, 'yess', '-']) {
      expect(normalizeValue(flag, raw, EN)).toEqual({ ok: false, reason: 'not yes or no' });
    }
  });
});

describe('normalizeValue for an email field', () => {
  const email = field('email');

  it('trims and lower-cases the whole address', () => {
    expect(normalizeValue(email, '  Ada.Lovelace@Example.COM ', EN)).toEqual({ ok: true, value: 'ada.lovelace@example.com' });
  });

  it('takes the address out of "Name <address>" and mailto: links', () => {
    expect(normalizeValue(email, 'Ada Lovelace <Ada@Example.com>', EN)).toEqual({ ok: true, value: 'ada@example.com' });
    expect(normalizeValue(email, '"Lovelace, Ada" <ada@example.com>', EN)).toEqual({ ok: true, value: 'ada@example.com' });
    expect(normalizeValue(email, 'mailto:ada@example.com', EN)).toEqual({ ok: true, value: 'ada@example.com' });
  });

  it('accepts plus addressing, subdomains and international domains', () => {
    for (const raw of ['a+crm@mail.example.co.uk', 'o\'brien@example.ie', 'иван@пример.рф', 'x@xn--e1afmkfd.xn--p1ai']) {
      expect(normalizeValue(email, raw, EN)).toEqual({ ok: true, value: raw.toLowerCase() });
    }
  });

  it('refuses what is not an email address', () => {
    for (const raw of ['ada', 'ada@', '@example.com', 'ada@example', 'ada@example.c', 'a b@example.com', 'a@b@example.com', 'ada@exa mple.com', '.ada@example.com', 'a..b@example.com', 'ada@-example.com', 'ada@example.123', 42]) {
      expect(normalizeValue(email, raw, EN)).toEqual({ ok: false, reason: 'not an email address' });
    }
  });
});

describe('normalizeValue for a url field', () => {
  const url = field('url');

  it('adds https:// to a bare domain', () => {
    expect(normalizeValue(url, 'example.com/path', EN)).toEqual({ ok: true, value: 'https://example.com/path' });
    expect(normalizeValue(url, ' www.Example.com ', EN)).toEqual({ ok: true, value: 'https://www.example.com' });
    expect(normalizeValue(url, 'example.com:8080/a?b=C#D', EN)).toEqual({ ok: true, value: 'https://example.com:8080/a?b=C#D' });
  });

  it('keeps http, https, ftp and mailto, lower-casing scheme and host but not the path', () => {
    expect(normalizeValue(url, 'HTTP://Example.COM/Some/Path', EN)).toEqual({ ok: true, value: 'http://example.com/Some/Path' });
    expect(normalizeValue(url, 'https://example.com', EN)).toEqual({ ok: true, value: 'https://example.com' });
    expect(normalizeValue(url, 'ftp://files.example.org/x.zip', EN)).toEqual({ ok: true, value: 'ftp://files.example.org/x.zip' });
    expect(normalizeValue(url, 'mailto:Ada@Example.com?subject=Hi', EN)).toEqual({
      ok: true,
      value: 'mailto:ada@example.com?subject=Hi',
    });
    expect(normalizeValue(url, 'http://192.168.1.10:8080/', EN)).toEqual({ ok: true, value: 'http://192.168.1.10:8080/' });
  });

  it('refuses spaces, hosts without a dot and other schemes', () => {
    for (const raw of ['example', 'http://localhost', 'exa mple.com', 'javascript:alert(1)', 'file:///etc/passwd', 'https://', '1.5', 'data:text/html,x', 'mailto:nobody', 42]) {
      expect(normalizeValue(url, raw, EN)).toEqual({ ok: false, reason: 'not a web address' });
    }
  });
});
