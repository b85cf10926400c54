import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding, KNOWN_ENCODINGS, knownEncoding } from '../../../core/import/encoding.js';
import { thrownData } from '../../helpers/error-data.js';
import { encodeText } from '../../helpers/iconv.js';

/** What a Russian Excel saves as "CSV (разделители — точки с запятой)". */
const RUSSIAN = [
  'Имя;Телефон;Город;Компания',
  'Анна Петрова;+7 916 123-45-67;Москва;ООО Ромашка',
  'Борис Иванов;+7 921 555-01-02;Санкт-Петербург;АО Северсталь',
  'Ольга Смирнова;+7 343 222-33-44;Екатеринбург;ИП Смирнова О. В.',
].join('\r\n');
const FRENCH = ['Société;Téléphone;Ville', 'Élise Dupré;+33 1 23 45 67 89;Besançon', 'François Müller;+33 6 12 34 56 78;Orléans'].join('\r\n');

describe('decoding a file', () => {
  it.each([
    ['utf-8', RUSSIAN],
    ['utf-16le', RUSSIAN],
    ['utf-16be', RUSSIAN],
    ['windows-1251', RUSSIAN],
    ['ibm866', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['windows-1252', FRENCH],
    ['iso-8859-1', FRENCH],
  ])('reads %s text back as it was written', (encoding, text) => {
    expect(decodeBytes(encodeText(text, encoding), encoding)).toBe(text);
  });

  it('drops a byte order mark', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...encodeText('Имя', 'utf-8')]);
    expect(decodeBytes(utf8, 'utf-8')).toBe('Имя');
    const utf16 = new Uint8Array([0xff, 0xfe, ...encodeText('Имя', 'utf-16le')]);
    expect(decodeBytes(utf16, 'utf-16le')).toBe('Имя');
  });

  it('reads iso-8859-1 as windows-1252, as browsers do (0x80 is €, not a control character)', () => {
    expect(decodeBytes(new Uint8Array([0x80, 0x41]), 'iso-8859-1')).toBe('€A');
  });

  it("reads windows-1252's 0x80–0x9F as browsers do, where Node's TextDecoder does not", () => {
    const text = 'L’œuvre – « 5 € » … “oui”';
    expect(decodeBytes(encodeText(text, 'windows-1252'), 'windows-1252')).toBe(text);
  });

  it('reads the Russian quotes and dashes windows-1251 has', () => {
    const text = 'ООО «Ромашка» — № 5';
    expect(decodeBytes(encodeText(text, 'windows-1251'), 'windows-1251')).toBe(text);
  });

  it('knows the encodings by their other names, case aside', () => {
    expect(['CP1251', 'cp866', 'UTF8', 'latin1', 'KOI8-R', ' Windows-1252 '].map(knownEncoding)).toEqual(['windows-1251', 'ibm866', 'utf-8', 'iso-8859-1', 'koi8-r', 'windows-1252']);
  });

  it('refuses an encoding it does not know, listing those it does', () => {
    expect(thrownData(() => decodeBytes(new Uint8Array([0x41]), 'shift_jis'))).toEqual({
      code: 'E_SOURCE',
      value: 'shift_jis',
      message: 'Unknown encoding "shift_jis". Known encodings: utf-8, utf-16le, utf-16be, windows-1251, ibm866, koi8-r, windows-1252, iso-8859-1.',
    });
  });
});

describe('detecting the encoding', () => {
  it('trusts a byte order mark', () => {
    const cases: [number[], string][] = [
      [[0xef, 0xbb, 0xbf], 'utf-8'],
      [[0xff, 0xfe], 'utf-16le'],
      [[0xfe, 0xff], 'utf-16be'],
    ];
    for (const [bom, encoding] of cases) {
      const bytes = new Uint8Array([...bom, ...encodeText(RUSSIAN, encoding)]);
      const d = detectEncoding(bytes);
      expect([d.encoding, d.bom, d.confidence]).toEqual([encoding, true, 'bom']);
      expect(d.candidates[0]!.sample).toBe(RUSSIAN.slice(0, 200));
    }
  });

  it('is certain of UTF-8 when the bytes are valid UTF-8, and of plain ASCII', () => {
    for (const text of [RUSSIAN, FRENCH, 'Name,Phone\r\nAnn,+1 555 0100\r\n']) {
      const d = detectEncoding(encodeText(text, 'utf-8'));
      expect([d.encoding, d.bom, d.confidence]).toEqual(['utf-8', false, 'certain']);
    }
  });

  it('tells UTF-16 without a byte order mark by where its zero bytes are', () => {
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const d = detectEncoding(encodeText(RUSSIAN, encoding));
      expect([d.encoding, d.bom, d.confidence]).toEqual([encoding, false, 'likely']);
    }
  });

  it.each(['windows-1251', 'koi8-r', 'ibm866'])('tells a short Russian file in %s from the other Cyrillic encodings', (encoding) => {
    const d = detectEncoding(encodeText(RUSSIAN, encoding));
    expect([d.encoding, d.confidence]).toEqual([encoding, 'likely']);
    expect(d.candidates[0]).toEqual({ encoding, sample: RUSSIAN.slice(0, 200) });
  });

  it('tells the smallest realistic file: a header and one row', () => {
    const text = 'Имя;Город\r\nАнна;Москва\r\n';
    for (const encoding of ['windows-1251', 'koi8-r', 'ibm866']) expect(detectEncoding(encodeText(text, encoding)).encoding).toBe(encoding);
  });

  it('reads capitals only right too, though it is only a guess then', () => {
    const text = 'ИМЯ;ТЕЛЕФОН;ГОРОД\r\nАННА ПЕТРОВА;+7 916 123-45-67;МОСКВА\r\n';
    for (const encoding of ['windows-1251', 'koi8-r', 'ibm866']) expect(detectEncoding(encodeText(text, encoding)).encoding).toBe(encoding);
  });

  it('reads Ukrainian in windows-1251', () => {
    const text = "Ім'я;Місто\r\nОлена Ковальчук;Київ\r\nІгор Шевченко;Львів\r\nЄвгенія Ґудзь;Одеса\r\n";
    expect(detectEncoding(encodeText(text, 'windows-1251')).encoding).toBe('windows-1251');
  });

  it('reads French and German in windows-1252: accented letters inside Latin words', () => {
    const german = 'Firma;Straße;Ort\r\nMüller GmbH;Hauptstraße 5;München\r\nSchäfer & Söhne;Königsallee 12;Düsseldorf\r\n';
    for (const text of [FRENCH, german]) expect(detectEncoding(encodeText(text, 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', confidence: 'likely' });
  });

  it('gets generated contact lists of one to four rows right in each Cyrillic encoding', () => {
    const first = ['Анна', 'Борис', 'Ольга', 'Дмитрий', 'Елена', 'Сергей', 'Юлия', 'Фёдор', 'Щукин', 'Эльвира'];
    const last = ['Петрова', 'Иванов', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Жуков', 'Цветкова', 'Шевчук'];
    const cities = ['Москва', 'Казань', 'Новосибирск', 'Екатеринбург', 'Самара', 'Уфа', 'Пермь', 'Воронеж', 'Тюмень', 'Чита'];
    let seed = 7;
    const pick = <T>(list: T[]) => list[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % list.length]!;
    const wrong: string[] = [];
    for (let file = 0; file < 60; file++) {
      const rows = ['ФИО;Город;Телефон'];
      for (let r = 0; r <= file % 4; r++) rows.push(`${pick(last)} ${pick(first)};${pick(cities)};+7 9${file}${r} 000-00-00`);
      const text = rows.join('\r\n');
      for (const encoding of ['windows-1251', 'koi8-r', 'ibm866']) {
        const got = detectEncoding(encodeText(text, encoding)).encoding;
        if (got !== encoding) wrong.push(`${encoding} read as ${got}: ${text}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists every known encoding once as a candidate, the detected one first, each with the start of its reading', () => {
    const bytes = encodeText(RUSSIAN.repeat(3), 'windows-1251');
    const d = detectEncoding(bytes);
    expect(d.candidates.map((c) => c.encoding).sort()).toEqual([...KNOWN_ENCODINGS].sort());
    expect(d.candidates[0]!.encoding).toBe('windows-1251');
    for (const c of d.candidates) expect([...c.sample].length).toBeLessThanOrEqual(200);
    expect(d.candidates.find((c) => c.encoding === 'koi8-r')!.sample.slice(0, 3)).toBe('хЛЪ');
  });

  it('does not show half a character at the end of a sample', () => {
    const d = detectEncoding(encodeText('Я'.repeat(500), 'utf-8'));
    expect(d.candidates[0]!.sample).toBe('Я'.repeat(200));
  });
});
