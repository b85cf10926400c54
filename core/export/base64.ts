/**
 * Bytes ↔ base64 (RFC 4648 §4, with padding), host-free: a file crosses every host's string
 * transport this way (`google.script.run` carries strings, not bytes), and Apps Script has neither
 * `btoa` nor `Buffer`. Written in chunks of characters so that a 50 MB file does not build one
 * string a character at a time.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Characters per chunk handed to String.fromCharCode at once (well under engines' argument limits). */
const CHUNK = 8192;

export function encodeBase64(bytes: Uint8Array): string {
  const codes = new Array<number>(ALPHABET.length);
  for (let i = 0; i < ALPHABET.length; i++) codes[i] = ALPHABET.charCodeAt(i);
  const parts: string[] = [];
  const buffer = new Uint16Array(CHUNK);
  let used = 0;
  const flush = () => {
    parts.push(String.fromCharCode.apply(null, buffer.subarray(0, used) as unknown as number[]));
    used = 0;
  };
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    buffer[used++] = codes[n >> 18]!;
    buffer[used++] = codes[(n >> 12) & 63]!;
    buffer[used++] = codes[(n >> 6) & 63]!;
    buffer[used++] = codes[n & 63]!;
    if (used === CHUNK) flush();
  }
  if (used) flush();
  const rest = bytes.length - whole;
  if (rest === 1) {
    const n = bytes[whole]! << 16;
    parts.push(`${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}==`);
  } else if (rest === 2) {
    const n = (bytes[whole]! << 16) | (bytes[whole + 1]! << 8);
    parts.push(`${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}${ALPHABET[(n >> 6) & 63]}=`);
  }
  return parts.join('');
}

/** The bytes of base64 text; whitespace is ignored, anything else outside the alphabet is refused. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new Error('Not base64 text.');
  const values = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) values[ALPHABET.charCodeAt(i)] = i;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      (values[clean.charCodeAt(i)]! << 18) |
      (values[clean.charCodeAt(i + 1)]! << 12) |
      ((values[clean.charCodeAt(i + 2)]! & 63) << 6) |
      (values[clean.charCodeAt(i + 3)]! & 63);
    out[at++] = n >> 16;
    if (at < out.length) out[at++] = (n >> 8) & 255;
    if (at < out.length) out[at++] = n & 255;
  }
  return out;
}
