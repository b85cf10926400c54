/**
 * Text → the bytes of a file, in the encodings issue 10 names: UTF-8 (with a byte-order mark by
 * default: Excel reads a CSV without one in the computer's code page), UTF-16 LE/BE (with a BOM),
 * and the single-byte code pages Russian and Western European teams' programs still expect:
 * Windows-1251, CP866, KOI8-R, Windows-1252, ISO-8859-1.
 *
 * Host-free: Apps Script, where core runs for the Google add-on, has neither TextEncoder nor
 * TextDecoder (UTF-8 uses the host's TextEncoder where there is one, for speed, and the same
 * bytes otherwise), and Node's TextDecoder is not WHATWG's for two of these labels (Node 20.18.3+
 * decodes windows-1252 as Latin-1, nodejs/node#60888; its ICU maps three ASCII control bytes of
 * ibm866 elsewhere). So the code pages are not read from a TextDecoder: the upper halves below are
 * the Encoding Standard's indexes (encoding.spec.whatwg.org, as Chromium decodes them), 16 bytes a
 * line from 0x80; the lower half of each is ASCII. test/core/export/encode.test.ts checks them.
 *
 * ISO-8859-1 is written as the part it shares with Windows-1252 (ASCII and U+00A0–U+00FF): the
 * web, and so the import, reads the label as Windows-1252, a strict ISO reader has no € or curly
 * quotes, and C1 control characters have no business in a CRM; those bytes mean the same in both.
 *
 * A character an encoding cannot hold is refused, whole and located, before anything is written:
 * a `?` in place of a name would be data lost without a word.
 */

import { CarnetError } from '../errors.js';
import { say } from '../messages/say.js';

export const EXPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'ibm866', 'koi8-r', 'windows-1252', 'iso-8859-1'] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];
export type SingleByte = Exclude<ExportEncoding, 'utf-8' | 'utf-16le' | 'utf-16be'>;

/** How people and messages name each encoding. */
export const ENCODING_NAMES: Record<ExportEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1251': 'Windows-1251',
  ibm866: 'CP866',
  'koi8-r': 'KOI8-R',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1',
};

/** Other spellings people type (`cp1251`, `UTF8`, `latin1`), folded: lower case, no spaces, `_` or `-`. */
const ALIASES: Record<string, ExportEncoding> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  windows1251: 'windows-1251',
  cp1251: 'windows-1251',
  ibm866: 'ibm866',
  cp866: 'ibm866',
  koi8r: 'koi8-r',
  koi8: 'koi8-r',
  windows1252: 'windows-1252',
  cp1252: 'windows-1252',
  iso88591: 'iso-8859-1',
  latin1: 'iso-8859-1',
};

/** The encoding a person named, in any usual spelling; undefined when it is none of them. */
export function encodingNamed(name: string): ExportEncoding | undefined {
  return ALIASES[name.toLowerCase().replace(/[\s_-]/g, '')];
}

/** Stands for "no character" in an upper half. */
const NONE = '\uFFFF';

const WINDOWS_1252 =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F' +
  '\u0090‘’“”•–—˜™š›œ\u009DžŸ' +
  '\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯' +
  '°±²³´µ¶·¸¹º»¼½¾¿' +
  'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ' +
  'ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß' +
  'àáâãäåæçèéêëìíîï' +
  'ðñòóôõö÷øùúûüýþÿ';

const UPPER_HALVES: Record<SingleByte, string> = {
  'windows-1251':
    'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏ' +
    'ђ‘’“”•–—\u0098™љ›њќћџ' +
    '\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї' +
    '°±Ііґµ¶·ё№є»јЅѕї' +
    'АБВГДЕЖЗИЙКЛМНОП' +
    'РСТУФХЦЧШЩЪЫЬЭЮЯ' +
    'абвгдежзийклмноп' +
    'рстуфхцчшщъыьэюя',
  ibm866:
    'АБВГДЕЖЗИЙКЛМНОП' +
    'РСТУФХЦЧШЩЪЫЬЭЮЯ' +
    'абвгдежзийклмноп' +
    '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
    '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
    '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
    'рстуфхцчшщъыьэюя' +
    'ЁёЄєЇїЎў°∙·√№¤■\u00A0',
  'koi8-r':
    '─│┌┐└┘├┤┬┴┼▀▄█▌▐' +
    '░▒▓⌠■∙√≈≤≥\u00A0⌡°²·÷' +
    '═║╒ё╓╔╕╖╗╘╙╚╛╜╝╞' +
    '╟╠╡Ё╢╣╤╥╦╧╨╩╪╫╬©' +
    'юабцдефгхийклмно' +
    'пярстужвьызшэщчъ' +
    'ЮАБЦДЕФГХИЙКЛМНО' +
    'ПЯРСТУЖВЬЫЗШЭЩЧЪ',
  'windows-1252': WINDOWS_1252,
  'iso-8859-1': NONE.repeat(32) + WINDOWS_1252.slice(32),
};

const reverseTables = new Map<SingleByte, Map<number, number>>();

/** Code point → byte, built on first use of the encoding. */
function reverseTable(encoding: SingleByte): Map<number, number> {
  let table = reverseTables.get(encoding);
  if (table) return table;
  table = new Map();
  const upper = UPPER_HALVES[encoding];
  for (let i = 0; i < 128; i++) {
    table.set(i, i);
    if (upper[i] !== NONE) table.set(upper.charCodeAt(i), 0x80 + i);
  }
  reverseTables.set(encoding, table);
  return table;
}

/**
 * Bytes of a single-byte code page → text, by the same tables: what an import can use where the
 * host's TextDecoder is not WHATWG's (Node 20's windows-1252). ISO-8859-1 reads as the web reads
 * it, as Windows-1252.
 */
export function decodeSingleByte(bytes: Uint8Array, encoding: SingleByte): string {
  const upper = UPPER_HALVES[encoding === 'iso-8859-1' ? 'windows-1252' : encoding];
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    text += b < 0x80 ? String.fromCharCode(b) : upper[b - 0x80];
  }
  return text;
}

/** Where a character sits, as the caller (who knows the cells) names it. */
export interface CharPlace {
  /** The cell for people: `Companies!B7 (Name of CO-000006)`. */
  where: string;
  row?: number;
  field?: string;
  sheet?: string;
  cell?: string;
  value?: string;
}

export interface EncodeOptions {
  /** UTF-8 and UTF-16 start with a byte-order mark; default true. Single-byte encodings have none. */
  bom?: boolean;
  /** The place of the first character the encoding cannot hold, for the error. */
  locate?: (char: string) => CharPlace | undefined;
}

export function hasBom(encoding: ExportEncoding, options: Pick<EncodeOptions, 'bom'>): boolean {
  return encoding.startsWith('utf-') && options.bom !== false;
}

export function encodeText(text: string, encoding: ExportEncoding, options: EncodeOptions = {}): Uint8Array {
  const bom = hasBom(encoding, options);
  switch (encoding) {
    case 'utf-8':
      return utf8Bytes(bom ? `\uFEFF${text}` : text);
    case 'utf-16le':
    case 'utf-16be':
      return utf16Bytes(bom ? `\uFEFF${text}` : text, encoding === 'utf-16le');
    default:
      return singleBytes(text, encoding, options);
  }
}

/** Bytes `text` takes in UTF-8 (a lone surrogate counts as U+FFFD, 3 bytes), without encoding it. */
export function utf8Length(text: string): number {
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      size += 4;
      i++;
    } else size += 3;
  }
  return size;
}

/** The host's native encoder where there is one (Node, browsers: about 5× faster); Apps Script has none. */
const native = (globalThis as { TextEncoder?: new () => { encode(text: string): Uint8Array } }).TextEncoder;
const nativeEncoder = native ? new native() : undefined;

/** UTF-8 bytes of `text`; a lone surrogate, which no encoding can write, becomes U+FFFD. */
export function utf8Bytes(text: string): Uint8Array {
  return nativeEncoder ? nativeEncoder.encode(text) : portableUtf8(text);
}

/** UTF-8 in two passes (measure, then write into one buffer), for hosts without TextEncoder; the same bytes. */
export function portableUtf8(text: string): Uint8Array {
  const out = new Uint8Array(utf8Length(text));
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
    } else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[at++] = 0xf0 | (c >> 18);
      out[at++] = 0x80 | ((c >> 12) & 0x3f);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function utf16Bytes(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const [lo, hi] = littleEndian ? [0, 1] : [1, 0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + lo] = c & 0xff;
    out[2 * i + hi] = c >> 8;
  }
  return out;
}

function singleBytes(text: string, encoding: SingleByte, options: EncodeOptions): Uint8Array {
  const table = reverseTable(encoding);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const byte = c < 0x80 ? c : table.get(c);
    if (byte === undefined) throw unencodable(text, i, encoding, options);
    out[i] = byte;
  }
  return out;
}

/** `"€" (U+20AC)`; an invisible character by its code alone. */
function describeChar(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? `"${char}" (${code})` : code;
}

function unencodable(text: string, index: number, encoding: SingleByte, options: EncodeOptions): CarnetError {
  const code = text.codePointAt(index)!;
  const char = String.fromCodePoint(code);
  const { where, ...located } = options.locate?.(char) ?? { where: say('The text, at character {index},', { index: index + 1 }) };
  return new CarnetError({
    code: 'E_INVALID_VALUE',
    ...located,
    message: say('{where} holds {char}, which {encoding} cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell.', { where, char: describeChar(char), encoding: ENCODING_NAMES[encoding] }),
  });
}
