/**
 * The parts of a zip archive (an .xlsx), read from its central directory, for a reader that runs
 * anywhere: the bytes are a Uint8Array and inflating is handed in (the browser's
 * DecompressionStream('deflate-raw'), node:zlib in tests), so only the parts asked for are
 * inflated. Stored (0) and deflated (8) entries are read; zip64 directories too, which some
 * tools write even for small files. Format: PKWARE APPNOTE.TXT 6.3, sections 4.3.7 (local
 * header), 4.3.12 (central directory header), 4.3.14–4.3.16 (end records), 4.5.3 (zip64 extra).
 */

import { say } from '../messages/say.js';

export type InflateRaw = (data: Uint8Array) => Promise<Uint8Array>;

export interface ZipPart {
  name: string;
  method: number;
  encrypted: boolean;
  size: number;
  /** The stored bytes (compressed for method 8), a view into the archive. */
  data: Uint8Array;
}

/** Why an archive cannot be read, in words that finish "not an .xlsx workbook (…)". */
export class ZipProblem extends Error {}

const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SATURATED = 0xffffffff;

export function zipParts(bytes: Uint8Array): Map<string, ZipPart> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const end = endRecord(view);
  let entries = u16(end + 10);
  let directory = u32(end + 16);
  const locator = end - 20;
  if (locator >= 0 && u32(locator) === SIG_ZIP64_LOCATOR) {
    const at = u64(locator + 8);
    if (at + 56 > bytes.length || u32(at) !== SIG_ZIP64_END) throw new ZipProblem(say('its zip64 directory is damaged'));
    entries = u64(at + 32);
    directory = u64(at + 48);
  }
  const parts = new Map<string, ZipPart>();
  const names = new TextDecoder('utf-8');
  let p = directory;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > bytes.length || u32(p) !== SIG_CENTRAL) throw new ZipProblem(say('its central directory is damaged'));
    const flags = u16(p + 8);
    const nameLength = u16(p + 28);
    const extraLength = u16(p + 30);
    const fields = { compressed: u32(p + 20), size: u32(p + 24), local: u32(p + 42) };
    const extra = p + 46 + nameLength;
    if (fields.compressed === SATURATED || fields.size === SATURATED || fields.local === SATURATED) readZip64Extra(view, extra, extra + extraLength, fields);
    // Office writes ASCII part names; bit 11 says UTF-8, without it CP437 agrees with ASCII there.
    const name = names.decode(bytes.subarray(p + 46, extra));
    const local = fields.local;
    if (local + 30 > bytes.length || u32(local) !== SIG_LOCAL) throw new ZipProblem(say('its part {name} is damaged', { name }));
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + fields.compressed > bytes.length) throw new ZipProblem(say('its part {name} is cut short (an incomplete download?)', { name }));
    parts.set(name, { name, method: u16(p + 10), encrypted: (flags & 1) !== 0, size: fields.size, data: bytes.subarray(start, start + fields.compressed) });
    p = extra + extraLength + u16(p + 32);
  }
  return parts;
}

/** The uncompressed bytes of a part. */
export async function partBytes(part: ZipPart, inflateRaw: InflateRaw): Promise<Uint8Array> {
  if (part.encrypted) throw new ZipProblem(say('its part {name} is encrypted', { name: part.name }));
  if (part.method === 0) return part.data;
  if (part.method !== 8) throw new ZipProblem(say('its part {name} is compressed with method {method}, which Carnet cannot read', { name: part.name, method: part.method }));
  const out = await inflateRaw(part.data);
  if (out.length !== part.size) throw new ZipProblem(say('its part {name} inflates to {size} bytes, not {expected}', { name: part.name, size: out.length, expected: part.size }));
  return out;
}

/** The end of central directory record: 22 bytes and a comment of at most 65,535 bytes, last in the file. */
function endRecord(view: DataView): number {
  const last = view.byteLength - 22;
  for (let p = last; p >= 0 && p >= last - 0xffff; p--) {
    if (view.getUint32(p, true) === SIG_END) return p;
  }
  throw new ZipProblem(say('not a zip archive, or one cut short'));
}

/** Zip64 extended information: only the fields saturated in the header are there, in this order. */
function readZip64Extra(view: DataView, from: number, to: number, fields: { compressed: number; size: number; local: number }): void {
  for (let p = from; p + 4 <= to; p += 4 + view.getUint16(p + 2, true)) {
    if (view.getUint16(p, true) !== 0x0001) continue;
    let at = p + 4;
    const next = () => {
      const v = Number(view.getBigUint64(at, true));
      at += 8;
      return v;
    };
    if (fields.size === SATURATED) fields.size = next();
    if (fields.compressed === SATURATED) fields.compressed = next();
    if (fields.local === SATURATED) fields.local = next();
    return;
  }
  throw new ZipProblem(say('its zip64 sizes are missing'));
}
