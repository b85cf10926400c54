import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorData } from '../../../core/errors.js';
import { decodeSingleByte, encodeText, encodingNamed, portableUtf8, utf8Length, type ExportEncoding } from '../../../core/export/encode.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const all = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The whole error data a CarnetError carries. */
const carnetError = (data: ErrorData) => expect.objectContaining({ name: 'CarnetError', data });

/**
 * The Encoding Standard's windows-1252 bytes 0x80–0x9F (index-windows-1252.txt). Node 20.18.3+
 * decodes them as Latin-1 (nodejs/node#60888), so they are spelled out here rather than asked of it.
 */
const WINDOWS_1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

describe('single-byte encodings', () => {
  it.each(['windows-1251', 'koi8-r', 'ibm866'] as const)('%s writes every upper-half character as the byte WHATWG decodes it from', (encoding) => {
    const decoder = new TextDecoder(encoding);
    for (const b of all(0x80, 0xff)) expect(encodeText(decoder.decode(bytes(b)), encoding), `byte ${b.toString(16)}`).toEqual(bytes(b));
  });

  it('writes ASCII as itself in every one of them', () => {
    const ascii = String.fromCharCode(...all(0, 0x7f));
    for (const e of ['windows-1251', 'koi8-r', 'ibm866', 'windows-1252', 'iso-8859-1'] as const) expect(encodeText(ascii, e)).toEqual(bytes(...all(0, 0x7f)));
  });

  it('windows-1252 follows the Encoding Standard: € is 0x80, curly quotes 0x91–0x94, Latin-1 above 0xA0', () => {
    expect(encodeText(String.fromCodePoint(...WINDOWS_1252_80_9F), 'windows-1252')).toEqual(bytes(...all(0x80, 0x9f)));
    expect(encodeText(String.fromCharCode(...all(0xa0, 0xff)), 'windows-1252')).toEqual(bytes(...all(0xa0, 0xff)));
  });

  it('iso-8859-1 writes what it shares with windows-1252, and refuses € and C1 control characters', () => {
    expect(encodeText('Café déjà vu ÿ', 'iso-8859-1')).toEqual(Uint8Array.from('Café déjà vu ÿ', (c) => c.charCodeAt(0)));
    expect(() => encodeText('5 €', 'iso-8859-1')).toThrow(/ISO-8859-1 cannot hold/);
    expect(() => encodeText('\u0085', 'iso-8859-1')).toThrow(/U\+0085, which ISO-8859-1 cannot hold/);
  });

  it('reads back as the same text through a WHATWG decoder, for any text the encoding holds', () => {
    for (const encoding of ['windows-1251', 'koi8-r', 'ibm866'] as const) {
      const decoder = new TextDecoder(encoding);
      // Node's ICU maps three ASCII control bytes of ibm866 elsewhere; Chromium and the standard do not.
      const repertoire = decoder.decode(bytes(...all(0x20, 0x7e), ...all(0x80, 0xff)));
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...repertoire)).map((cs) => cs.join('')), (text) => {
          expect(decoder.decode(encodeText(text, encoding))).toBe(text);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('refuses a character it cannot hold with a whole, located error, from the caller’s locator', () => {
    const encode = () =>
      encodeText('ID,Name\r\nCO-000002,Café €\r\n', 'windows-1251', {
        locate: (char) => ({ where: `Companies!B3 (Name of CO-000002, "Café €")`, row: 3, field: 'Name', sheet: 'Companies', cell: 'B3', value: `Café ${char}` }),
      });
    expect(encode).toThrow(carnetError({
      code: 'E_INVALID_VALUE',
      row: 3,
      field: 'Name',
      sheet: 'Companies',
      cell: 'B3',
      value: 'Café é',
      message: 'Companies!B3 (Name of CO-000002, "Café €") holds "é" (U+00E9), which Windows-1251 cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell.',
    }));
  });

  it('without a locator, names the character and where it is in the text; an emoji by its code point', () => {
    expect(() => encodeText('ab😀', 'koi8-r')).toThrow(
      carnetError({
        code: 'E_INVALID_VALUE',
        message: 'The text, at character 3, holds "😀" (U+1F600), which KOI8-R cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell.',
      }),
    );
  });
});

describe('decodeSingleByte', () => {
  it('reads every byte as the Encoding Standard does (where Node 20 does not: windows-1252 0x80–0x9F)', () => {
    for (const encoding of ['windows-1251', 'koi8-r', 'ibm866'] as const) {
      expect(decodeSingleByte(bytes(...all(0x80, 0xff)), encoding)).toBe(new TextDecoder(encoding).decode(bytes(...all(0x80, 0xff))));
    }
    expect(decodeSingleByte(bytes(...all(0x80, 0x9f)), 'windows-1252')).toBe(String.fromCodePoint(...WINDOWS_1252_80_9F));
    expect(decodeSingleByte(bytes(0x80, 0x41, 0xe9), 'iso-8859-1')).toBe('€Aé');
    expect(decodeSingleByte(bytes(...all(0, 0x7f)), 'ibm866')).toBe(String.fromCharCode(...all(0, 0x7f)));
  });

  it('undoes encodeText', () => {
    for (const encoding of ['windows-1251', 'koi8-r', 'ibm866', 'windows-1252', 'iso-8859-1'] as const) {
      const text = decodeSingleByte(bytes(...all(0, 0x7f), ...all(0xa0, 0xff)), encoding);
      expect(decodeSingleByte(encodeText(text, encoding), encoding)).toBe(text);
    }
  });
});

describe('Unicode encodings', () => {
  const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

  it('UTF-8 starts with a BOM unless told not to', () => {
    expect(encodeText('a', 'utf-8')).toEqual(bytes(0xef, 0xbb, 0xbf, 0x61));
    expect(encodeText('a', 'utf-8', { bom: false })).toEqual(bytes(0x61));
  });

  it('UTF-8 bytes, where the host has no TextEncoder, are the ones TextEncoder writes, lone surrogates (U+FFFD) included', () => {
    fc.assert(
      fc.property(text, (s) => {
        const expected = new TextEncoder().encode(s);
        expect(portableUtf8(s)).toEqual(expected);
        expect(utf8Length(s)).toBe(expected.length);
      }),
      { numRuns: 2000 },
    );
    expect(portableUtf8('\uD800x\uDC00')).toEqual(new TextEncoder().encode('\uD800x\uDC00'));
  });

  it.each([
    ['utf-16le', [0xff, 0xfe, 0x41, 0x00, 0x16, 0x04]],
    ['utf-16be', [0xfe, 0xff, 0x00, 0x41, 0x04, 0x16]],
  ] as const)('%s starts with its BOM and reads back through TextDecoder', (encoding, expected) => {
    expect(encodeText('AЖ', encoding)).toEqual(bytes(...expected));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(new TextDecoder(encoding).decode(encodeText(s, encoding))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodingNamed', () => {
  it('knows the usual spellings', () => {
    const names: [string, ExportEncoding][] = [
      ['UTF-8', 'utf-8'],
      ['utf8', 'utf-8'],
      ['UTF-16LE', 'utf-16le'],
      ['cp1251', 'windows-1251'],
      ['Windows-1251', 'windows-1251'],
      ['CP866', 'ibm866'],
      ['koi8-r', 'koi8-r'],
      ['cp1252', 'windows-1252'],
      ['latin1', 'iso-8859-1'],
      ['ISO_8859-1', 'iso-8859-1'],
    ];
    for (const [name, encoding] of names) expect(encodingNamed(name), name).toBe(encoding);
    expect(encodingNamed('ebcdic')).toBeUndefined();
  });
});
