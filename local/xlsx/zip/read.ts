/**
 * Reading a zip archive (an .xlsx package) from its central directory, without inflating
 * anything: each entry keeps its compressed bytes, so a save can copy the parts Carnet did not
 * change exactly as they were, and a command inflates only the parts it reads.
 *
 * Format: PKWARE APPNOTE.TXT 6.3.x, sections 4.3.7 (local file header), 4.3.12 (central directory
 * header), 4.3.14–4.3.16 (zip64 end of central directory record and locator, end of central
 * directory record). Zip64 is read (some tools write it for small files too); encrypted entries
 * are refused, and entries with a compression method other than stored/deflate can be copied
 * but not read.
 */

import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** The name as stored (UTF-8 when the language flag is set; Office part names are ASCII anyway). */
  name: string;
  /** The raw name bytes, written back unchanged. */
  nameBytes: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Central directory fields kept as they were. */
  versionMadeBy: number;
  versionNeeded: number;
  internalAttributes: number;
  externalAttributes: number;
  comment: Buffer;
  /** The compressed bytes, a view into the archive. */
  data: Buffer;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Every entry of the archive, in central directory order. */
export function readZip(buffer: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buffer);
  let count = buffer.readUInt16LE(eocd + 10);
  let size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && buffer.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const at = Number(buffer.readBigUInt64LE(locator + 8));
    if (at + 56 > buffer.length || buffer.readUInt32LE(at) !== ZIP64_EOCD) throw new ZipFormatError('damaged zip64 directory');
    count = Number(buffer.readBigUInt64LE(at + 32));
    size = Number(buffer.readBigUInt64LE(at + 40));
    offset = Number(buffer.readBigUInt64LE(at + 48));
  }
  if (offset + size > buffer.length) throw new ZipFormatError('the central directory lies past the end of the file (truncated?)');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('damaged central directory');
    const flags = buffer.readUInt16LE(p + 8);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    let compressedSize = buffer.readUInt32LE(p + 20);
    let uncompressed = buffer.readUInt32LE(p + 24);
    let local = buffer.readUInt32LE(p + 42);
    const nameBytes = Buffer.from(buffer.subarray(p + 46, p + 46 + nameLength));
    const extra = buffer.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    // Zip64 extended information (APPNOTE 4.5.3): only the fields saturated above are present, in order.
    if (uncompressed === 0xffffffff || compressedSize === 0xffffffff || local === 0xffffffff) {
      const z = zip64Extra(extra);
      let k = 0;
      if (uncompressed === 0xffffffff) uncompressed = Number(z.readBigUInt64LE(8 * k++));
      if (compressedSize === 0xffffffff) compressedSize = Number(z.readBigUInt64LE(8 * k++));
      if (local === 0xffffffff) local = Number(z.readBigUInt64LE(8 * k++));
    }
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    if (flags & 0x1) throw new ZipFormatError(`entry ${name} is encrypted`);
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL) throw new ZipFormatError(`damaged entry ${name}`);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    if (start + compressedSize > buffer.length) throw new ZipFormatError(`entry ${name} is truncated`);
    entries.push({
      name,
      nameBytes,
      flags,
      method: buffer.readUInt16LE(p + 10),
      time: buffer.readUInt16LE(p + 12),
      date: buffer.readUInt16LE(p + 14),
      crc: buffer.readUInt32LE(p + 16),
      compressedSize,
      size: uncompressed,
      versionMadeBy: buffer.readUInt16LE(p + 4),
      versionNeeded: buffer.readUInt16LE(p + 6),
      internalAttributes: buffer.readUInt16LE(p + 36),
      externalAttributes: buffer.readUInt32LE(p + 38),
      comment: Buffer.from(buffer.subarray(p + 46 + nameLength + extraLength, p + 46 + nameLength + extraLength + commentLength)),
      data: buffer.subarray(start, start + compressedSize),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of an entry. */
export function inflateEntry(entry: ZipEntry): Buffer {
  if (entry.method === 0) return Buffer.from(entry.data);
  if (entry.method === 8) {
    const out = inflateRawSync(entry.data);
    if (out.length !== entry.size) throw new ZipFormatError(`entry ${entry.name} inflates to ${out.length} bytes, not ${entry.size}`);
    return out;
  }
  throw new ZipFormatError(`entry ${entry.name} uses compression method ${entry.method}, which Carnet cannot read`);
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const last = buffer.length - 22;
  const stop = Math.max(0, last - 0xffff);
  for (let p = last; p >= stop; p--) {
    if (buffer.readUInt32LE(p) === EOCD && p + 22 + buffer.readUInt16LE(p + 20) === buffer.length) return p;
  }
  for (let p = last; p >= stop; p--) if (buffer.readUInt32LE(p) === EOCD) return p;
  throw new ZipFormatError('no zip directory (truncated or not a zip archive)');
}

function zip64Extra(extra: Buffer): Buffer {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 0x0001) return extra.subarray(p + 4, p + 4 + length);
    p += 4 + length;
  }
  throw new ZipFormatError('zip64 sizes missing');
}
