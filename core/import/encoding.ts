/**
 * Which encoding a text file's bytes are in, and decoding them. A Russian Excel saves "CSV" in
 * windows-1251, old DOS programs in CP866, mail and Unix tools in KOI8-R, a French Excel in
 * windows-1252; everything newer in UTF-8 or UTF-16. Nothing in a CSV says which, so the bytes
 * are read the ways they could be and each reading is scored for how much it looks like text.
 *
 * Decoding uses the WHATWG `TextDecoder` (browsers and Node alike). WHATWG decodes the label
 * `iso-8859-1` as windows-1252: the two differ only in 0x80–0x9F, control characters in
 * ISO-8859-1 that real text never holds, printable (€ “ ” …) in windows-1252. So "iso-8859-1" is
 * offered (people know the name) and reads as windows-1252 does, as it does in every browser.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';

export const KNOWN_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'ibm866', 'koi8-r', 'windows-1252', 'iso-8859-1'] as const;
export type KnownEncoding = (typeof KNOWN_ENCODINGS)[number];

/** Other names people and programs use for the same encodings. */
const ALIASES: Record<string, KnownEncoding> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  cp1251: 'windows-1251',
  'cp-1251': 'windows-1251',
  cp866: 'ibm866',
  'ibm-866': 'ibm866',
  koi8r: 'koi8-r',
  cp1252: 'windows-1252',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
};

export interface EncodingCandidate {
  encoding: KnownEncoding;
  /** The first ~200 characters as this encoding reads them, for a person to judge. */
  sample: string;
}

export interface EncodingDetection {
  encoding: KnownEncoding;
  /** The bytes start with a byte order mark (which decoding drops). */
  bom: boolean;
  /**
   * bom: a byte order mark says so; certain: the bytes are valid UTF-8 (or plain ASCII, which every
   * encoding here reads alike); likely: one reading is clearly better; guess: the best of close ones.
   */
  confidence: 'bom' | 'certain' | 'likely' | 'guess';
  /** Every known encoding, the most plausible first, each with its sample. */
  candidates: EncodingCandidate[];
}

/** The known name for `encoding` (case and aliases forgiven), or E_SOURCE listing the known ones. */
export function knownEncoding(encoding: string): KnownEncoding {
  const name = encoding.trim().toLowerCase();
  if ((KNOWN_ENCODINGS as readonly string[]).includes(name)) return name as KnownEncoding;
  const alias = ALIASES[name];
  if (alias) return alias;
  return fail({ code: 'E_SOURCE', value: encoding, message: say('Unknown encoding "{encoding}". Known encodings: {known}.', { encoding, known: KNOWN_ENCODINGS.join(', ') }) });
}

/** The text of `bytes` in `encoding`, without a byte order mark. Undecodable bytes become U+FFFD. */
export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  const text = decode(bytes, knownEncoding(encoding));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** windows-1252's 0x80–0x9F, as WHATWG reads them (the five bytes it leaves undefined stay C1 controls). */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
let c1Broken: boolean | undefined;

/**
 * TextDecoder, corrected where Node's is wrong: since 20.18.3 and 22.13.0 it reads windows-1252
 * (and so iso-8859-1) as Latin-1, 0x80–0x9F as C1 controls where browsers read € ’ “ ” … œ
 * (nodejs/node#56542, #60888). French text is full of ’ and œ; the fix is a no-op where the
 * decoder is right.
 * `stream`: a character cut at the end of `bytes` is held back (for samples).
 */
function decode(bytes: Uint8Array, encoding: KnownEncoding, stream = false): string {
  const text = new TextDecoder(encoding).decode(bytes, { stream });
  if (encoding !== 'windows-1252' && encoding !== 'iso-8859-1') return text;
  c1Broken ??= new TextDecoder('windows-1252').decode(new Uint8Array([0x80])) !== '€';
  return c1Broken && /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!) : text;
}

/** How much text detection scores, and how much a sample shows. */
const SCORED_BYTES = 64 * 1024;
const SAMPLE_CHARS = 200;

export function detectEncoding(bytes: Uint8Array): EncodingDetection {
  const bom = bomOf(bytes);
  if (bom) return result(bytes, bom, true, 'bom', [bom]);
  const utf16 = utf16ByZeros(bytes);
  if (utf16) return result(bytes, utf16, false, 'likely', [utf16]);
  const singleByte = rankSingleByte(bytes);
  if (isUtf8(bytes)) return result(bytes, 'utf-8', false, 'certain', ['utf-8', ...singleByte.ranked]);
  return result(bytes, singleByte.ranked[0]!, false, singleByte.clear ? 'likely' : 'guess', singleByte.ranked);
}

function result(bytes: Uint8Array, encoding: KnownEncoding, bom: boolean, confidence: EncodingDetection['confidence'], first: KnownEncoding[]): EncodingDetection {
  const order = [...new Set<KnownEncoding>([...first, ...KNOWN_ENCODINGS])];
  const head = bytes.subarray(0, SAMPLE_CHARS * 4);
  const candidates = order.map((e) => ({ encoding: e, sample: sampleOf(head, e) }));
  return { encoding, bom, confidence, candidates };
}

function sampleOf(head: Uint8Array, encoding: KnownEncoding): string {
  // stream: a character cut by the end of `head` is held back, not shown as U+FFFD.
  const text = decode(head, encoding, true);
  return [...text].slice(0, SAMPLE_CHARS).join('');
}

function bomOf(b: Uint8Array): KnownEncoding | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 without a byte order mark: a table's delimiters, digits and line ends are ASCII, whose
 * UTF-16 has a zero high byte, so zeros fill one byte position (odd offsets for little endian)
 * and almost never the other. Single-byte text has no zeros at all, binary files have them in both.
 */
function utf16ByZeros(bytes: Uint8Array): KnownEncoding | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  const order: KnownEncoding | undefined = odd >= pairs * 0.1 && even * 20 <= odd ? 'utf-16le' : even >= pairs * 0.1 && odd * 20 <= even ? 'utf-16be' : undefined;
  if (!order) return undefined;
  try {
    new TextDecoder(order, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
    return order;
  } catch {
    return undefined;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const SINGLE_BYTE: KnownEncoding[] = ['windows-1251', 'koi8-r', 'ibm866', 'windows-1252'];

/**
 * The single-byte encodings, best reading first. Scored: the bytes from the first non-ASCII one,
 * up to 64 KiB, each reading's non-ASCII characters scored by `plausibility`. Clear: the winner's
 * lead is at least one unit (≈ e times likelier) a character over at least 8 characters.
 */
function rankSingleByte(bytes: Uint8Array): { ranked: KnownEncoding[]; clear: boolean } {
  let first = 0;
  while (first < bytes.length && bytes[first]! < 0x80) first++;
  if (first === bytes.length) return { ranked: SINGLE_BYTE, clear: false };
  const start = Math.max(0, first - 256);
  const sample = bytes.subarray(start, start + SCORED_BYTES);
  let high = 0;
  for (const b of sample) if (b >= 0x80) high++;
  const scored = SINGLE_BYTE.map((encoding, order) => ({ encoding, order, score: plausibility(decode(sample, encoding)) }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const lead = (scored[0]!.score - scored[1]!.score) / high;
  return { ranked: scored.map((s) => s.encoding), clear: high >= 8 && lead >= 1 };
}

/**
 * Russian letter frequencies, per thousand letters (case folded). Ukrainian and Belarusian letters
 * of windows-1251 are given a small share, so that their text is not read as garbage.
 */
const RUSSIAN: Record<string, number> = {
  о: 110, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30, п: 28, у: 26, я: 20, ы: 19, ь: 17,
  г: 17, з: 16, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7, ю: 6, ц: 5, щ: 4, э: 3, ф: 3, ъ: 0.4, ё: 0.4,
  і: 5, ї: 1, є: 1, ґ: 0.5, ў: 0.5,
};
const LOG_RUSSIAN = new Map(Object.entries(RUSSIAN).map(([letter, perMille]) => [letter, Math.log(perMille / 1000)]));
/** Punctuation a text of either script holds: no-break space, « » „ “ ” ‘ ’ – — … № € ° §. */
const PUNCTUATION = new Set('\u00a0«»„“”‘’–—…№€°§'.split(''));

const LN_PUNCTUATION = Math.log(0.01);
const LN_SYMBOL = Math.log(0.0002);
/** A Cyrillic letter beside a Latin one ("Soci\u0439t\u0439": French read as windows-1251). */
const LN_MIXED_SCRIPT = Math.log(0.01);
/** A capital after a small letter inside a word ("хЛЪ": windows-1251 read as KOI8-R, whose cases are swapped). */
const LN_CAPITAL_INSIDE = Math.log(0.03);
/** An accented Latin letter inside a word of ASCII letters ("Société", "Müller"). */
const LN_ACCENTED_IN_WORD = Math.log(0.05);
/** An accented Latin letter with no ASCII letter beside it ("Èìÿ": windows-1251 read as windows-1252). */
const LN_ACCENTED_ALONE = Math.log(0.0005);

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isCyrillic = (c: number) => c >= 0x400 && c <= 0x4ff;
const isLatinAccented = (c: number) => (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) || c === 0x152 || c === 0x153 || c === 0x160 || c === 0x161 || c === 0x17d || c === 0x17e || c === 0x178;

/**
 * A log-likelihood that `text` is Russian, Ukrainian or Western European text, summed over its
 * non-ASCII characters (each reading of the same bytes has as many, so sums compare): a Cyrillic
 * letter scores its frequency, less if it is a capital inside a word or touches a Latin letter;
 * an accented Latin letter scores well inside an ASCII word and badly alone; punctuation scores
 * modestly; anything else (box drawing, C1 controls, rare symbols) very badly. A text read in the
 * wrong Cyrillic encoding gets rare letters, capitals inside words and box drawing characters.
 */
function plausibility(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
    const ch = text[i]!;
    if (isCyrillic(c)) {
      const lower = ch.toLowerCase();
      score += LOG_RUSSIAN.get(lower) ?? LN_SYMBOL;
      if (lower !== ch && isCyrillic(prev) && text[i - 1]!.toLowerCase() === text[i - 1]) score += LN_CAPITAL_INSIDE;
      if (isAsciiLetter(prev) || isAsciiLetter(next)) score += LN_MIXED_SCRIPT;
    } else if (isLatinAccented(c)) {
      score += isAsciiLetter(prev) || isAsciiLetter(next) ? LN_ACCENTED_IN_WORD : LN_ACCENTED_ALONE;
    } else score += PUNCTUATION.has(ch) ? LN_PUNCTUATION : LN_SYMBOL;
  }
  return score;
}
