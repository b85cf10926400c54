/**
 * What decoded text must not be before it is read as a table: binary (an .xls or .xlsx renamed
 * .csv, a PDF, a picture), or text decoded in the wrong encoding — bytes the encoding cannot
 * read (U+FFFD), or UTF-8 read as a single-byte encoding ("Ð˜Ð¼Ñ" for "Имя"). Each gives one
 * E_SOURCE saying what to do, rather than a table of garbage. Only the text's start is looked at.
 */

import { fail } from '../errors.js';
import { grouped, say } from '../messages/say.js';
import { decodeBytes } from './encoding.js';

const SAMPLE_CHARS = 64 * 1024;
/** The encodings whose reading of UTF-8 is checked for pasted text (no file, so no encoding to trust). */
const PASTED_MOJIBAKE: string[] = ['windows-1252', 'windows-1251'];
const SINGLE_BYTE = new Set(['windows-1251', 'ibm866', 'koi8-r', 'windows-1252', 'iso-8859-1']);

/**
 * E_SOURCE when `text` is not text, or was decoded in the wrong encoding. `what` names the source
 * in messages ("clients.csv", "The pasted text"); `encoding` is the one the bytes were decoded with.
 */
export function refuseNonText(text: string, what: string, encoding: string | undefined): void {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  refuseBinary(sample, what);
  refuseUndecodable(sample, what, encoding);
  for (const single of encoding === undefined ? PASTED_MOJIBAKE : SINGLE_BYTE.has(encoding) ? [encoding] : []) refuseMojibake(sample, what, encoding, single);
}

/**
 * NUL never appears in text; other control characters (but tab and line ends) only by accident,
 * so more than a few of them (1 % of the sample, at least 5) make a binary file.
 */
function refuseBinary(sample: string, what: string): void {
  let nul = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 0) nul++;
    else control++;
  }
  if (nul === 0 && (control < 5 || control * 100 < sample.length)) return;
  const holds = nul > 0 ? say('NUL characters, which text never holds') : say('{count} control characters in its first {length} characters', { count: control, length: grouped(sample.length) });
  fail({ code: 'E_SOURCE', message: say('{what} does not look like text: it holds {holds} (a binary file? an .xls/.xlsx saved with a .csv name?).', { what, holds }) });
}

/** Replacement characters (U+FFFD) for a tenth or more of the non-ASCII characters: the encoding cannot read these bytes. */
function refuseUndecodable(sample: string, what: string, encoding: string | undefined): void {
  let replaced = 0;
  let nonAscii = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) replaced++;
  }
  if (replaced === 0 || replaced * 10 < nonAscii) return;
  const count = replaced === 1 ? say('1 character (shown as {char})', { char: '\uFFFD' }) : say('{count} characters (shown as {char})', { count: replaced, char: '\uFFFD' });
  if (encoding === undefined) {
    fail({ code: 'E_SOURCE', message: say('{what} holds {count} that were lost when it was copied: copy it again from a program that shows it right, or import the file itself.', { what, count }) });
  }
  fail({ code: 'E_SOURCE', value: encoding, message: say('{what} does not look like {encoding} text: {count} cannot be read in that encoding. Pick another encoding.', { what, encoding, count }) });
}

/**
 * UTF-8 read as a single-byte encoding: every non-ASCII character of the sample maps back to a
 * byte of that encoding, and those bytes are valid UTF-8 with at least two multi-byte characters.
 * Real windows-1251 or windows-1252 text almost never is: é alone (0xE9) starts a 3-byte sequence
 * that the next letters do not continue.
 */
function refuseMojibake(sample: string, what: string, encoding: string | undefined, single: string): void {
  const table = byteTable(single);
  const bytes = new Uint8Array(sample.length);
  let multi = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x80) {
      bytes[i] = c;
      continue;
    }
    const b = table.get(c);
    if (b === undefined) return;
    bytes[i] = b;
    if (b >= 0xc2 && b <= 0xf4) multi++;
  }
  if (multi < 2 || !isUtf8(bytes)) return;
  const word = /\S*[^\x00-\x7f]\S*/.exec(sample)!;
  const at = word.index;
  const shown = word[0].slice(0, 30);
  const example = say('"{text}" is "{utf8}" in UTF-8', { text: shown, utf8: new TextDecoder('utf-8').decode(bytes.subarray(at, at + shown.length), { stream: true }) });
  if (encoding === undefined) {
    fail({ code: 'E_SOURCE', message: say('{what} looks garbled: it is UTF-8 text shown in another encoding ({example}). Copy it again from a program that shows it right.', { what, example }) });
  }
  fail({ code: 'E_SOURCE', value: encoding, message: say('{what} does not look like {encoding} text: it reads as UTF-8 ({example}). Pick utf-8.', { what, encoding, example }) });
}

/** stream: a character cut by the sample's end is not an error. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const tables = new Map<string, Map<number, number>>();

/** Character code → byte, for the bytes 0x80–0xFF of a single-byte encoding (as decodeBytes reads them). */
function byteTable(encoding: string): Map<number, number> {
  let table = tables.get(encoding);
  if (!table) {
    table = new Map();
    for (let b = 0x80; b <= 0xff; b++) table.set(decodeBytes(new Uint8Array([b]), encoding).charCodeAt(0), b);
    tables.set(encoding, table);
  }
  return table;
}
