/**
 * A zip archive of stored (uncompressed) entries, host-free: what an .xlsx export needs where no
 * deflate is at hand (Apps Script has none; core imports no node:zlib). Every zip reader accepts
 * method 0; the file is larger than a deflated one, never less readable.
 *
 * Format: PKWARE APPNOTE.TXT 6.3.x, 4.3.7 (local file header), 4.3.12 (central directory header),
 * 4.3.16 (end of central directory). No data descriptors, no extra fields, no zip64: an export
 * over 4 GB is refused. Entry times are fixed (1980-01-01 00:00, the first DOS date), so the same
 * rows give the same bytes.
 */

export interface ZipPart {
  /** ASCII path inside the archive (`xl/workbook.xml`). */
  name: string;
  /** The content, whole or in chunks written one after the other (a large sheet is never one buffer twice). */
  data: Uint8Array | readonly Uint8Array[];
}

const chunksOf = (data: ZipPart['data']): readonly Uint8Array[] => (data instanceof Uint8Array ? [data] : data);

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, the polynomial 0xEDB88320 reflected), as zip stores it; `previous` continues one over chunks. */
export function crc32(data: Uint8Array, previous = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** DOS date of 1980-01-01: (year − 1980) << 9 | month << 5 | day. */
const DOS_DATE = (1 << 5) | 1;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;

export function writeStoredZip(parts: readonly ZipPart[]): Uint8Array {
  const chunks = parts.map((p) => chunksOf(p.data));
  const sizes = chunks.map((list) => list.reduce((n, c) => n + c.length, 0));
  const names = parts.map((p) => {
    if (!/^[\x20-\x7e]+$/.test(p.name)) throw new Error(`A zip entry name must be printable ASCII: ${JSON.stringify(p.name)}`);
    return Uint8Array.from(p.name, (ch) => ch.charCodeAt(0));
  });
  let size = END_RECORD;
  parts.forEach((_, i) => (size += LOCAL_HEADER + CENTRAL_HEADER + 2 * names[i]!.length + sizes[i]!));
  if (size > 0xffffffff || parts.length > 0xffff) throw new Error('This export is larger than 4 GB, which an .xlsx without zip64 cannot hold.');

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  const crcs = chunks.map((list) => list.reduce((crc, c) => crc32(c, crc), 0));
  let at = 0;
  /** The fields local and central headers share, from "version needed" to "name length". */
  const common = (i: number) => {
    view.setUint16(at, 10, true); // version needed: 1.0, stored entries
    view.setUint16(at + 2, 0, true); // flags
    view.setUint16(at + 4, 0, true); // method: stored
    view.setUint16(at + 6, 0, true); // time 00:00
    view.setUint16(at + 8, DOS_DATE, true);
    view.setUint32(at + 10, crcs[i]!, true);
    view.setUint32(at + 14, sizes[i]!, true); // compressed size
    view.setUint32(at + 18, sizes[i]!, true); // size
    view.setUint16(at + 22, names[i]!.length, true);
    view.setUint16(at + 24, 0, true); // extra field length
    at += 26;
  };
  parts.forEach((_, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    at += 4;
    common(i);
    out.set(names[i]!, at);
    at += names[i]!.length;
    for (const c of chunks[i]!) {
      out.set(c, at);
      at += c.length;
    }
  });
  const central = at;
  parts.forEach((_, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // version made by: 2.0, MS-DOS attributes
    at += 6;
    common(i);
    view.setUint16(at, 0, true); // comment length
    view.setUint16(at + 2, 0, true); // disk number
    view.setUint16(at + 4, 0, true); // internal attributes
    view.setUint32(at + 6, 0, true); // external attributes
    view.setUint32(at + 10, offsets[i]!, true);
    at += 14;
    out.set(names[i]!, at);
    at += names[i]!.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 4, 0, true); // this disk
  view.setUint16(at + 6, 0, true); // disk with the central directory
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  view.setUint16(at + 20, 0, true); // comment length
  return out;
}
