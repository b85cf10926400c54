/**
 * Writing a zip archive: entries Carnet did not change are copied with their compressed bytes as
 * they were (no inflate, no deflate, same CRC); changed or new parts are deflated. The output has
 * no data descriptors and no extra fields, which every zip reader accepts (APPNOTE 4.3.7, 4.3.12).
 */

import type { ZipEntry } from './read.js';

/** A part to write: either an entry copied from the archive read, or new content already deflated. */
export type ZipOutput = { copy: ZipEntry } | { name: string; size: number; crc: number; data: Buffer; time?: Date };

/** The archive as a list of chunks, to write without concatenating them first. */
export function writeZip(outputs: ZipOutput[]): Buffer[] {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const out of outputs) {
    const e = 'copy' in out ? out.copy : fresh(out.name, out.size, out.crc, out.data, out.time ?? new Date());
    if (offset > 0xfffffffe || e.compressedSize > 0xfffffffe || e.size > 0xfffffffe) {
      throw new Error('This workbook is larger than 4 GB, which Carnet cannot write.');
    }
    // Bit 3 (sizes in a data descriptor) is cleared: the sizes are in the header. Bit 11 (UTF-8 names) is kept.
    const flags = e.flags & ~0x8 & 0xffff;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.versionNeeded, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressedSize, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, e.nameBytes, e.data);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(e.versionMadeBy, 4);
    header.writeUInt16LE(e.versionNeeded, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(e.method, 10);
    header.writeUInt16LE(e.time, 12);
    header.writeUInt16LE(e.date, 14);
    header.writeUInt32LE(e.crc >>> 0, 16);
    header.writeUInt32LE(e.compressedSize, 20);
    header.writeUInt32LE(e.size, 24);
    header.writeUInt16LE(e.nameBytes.length, 28);
    header.writeUInt16LE(0, 30);
    header.writeUInt16LE(e.comment.length, 32);
    header.writeUInt16LE(0, 34);
    header.writeUInt16LE(e.internalAttributes, 36);
    header.writeUInt32LE(e.externalAttributes >>> 0, 38);
    header.writeUInt32LE(offset, 42);
    central.push(header, e.nameBytes, e.comment);
    offset += 30 + e.nameBytes.length + e.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (outputs.length > 0xfffe) throw new Error('This workbook has more than 65,534 parts, which Carnet cannot write.');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(outputs.length, 8);
  end.writeUInt16LE(outputs.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return [...chunks, ...central, end];
}

function fresh(name: string, size: number, crc: number, data: Buffer, time: Date): ZipEntry {
  const nameBytes = Buffer.from(name, 'utf8');
  const ascii = nameBytes.length === name.length;
  return {
    name,
    nameBytes,
    flags: ascii ? 0 : 0x800,
    method: 8,
    time: (time.getHours() << 11) | (time.getMinutes() << 5) | Math.floor(time.getSeconds() / 2),
    date: (Math.max(0, time.getFullYear() - 1980) << 9) | ((time.getMonth() + 1) << 5) | time.getDate(),
    crc,
    compressedSize: data.length,
    size,
    versionMadeBy: 20,
    versionNeeded: 20,
    internalAttributes: 0,
    externalAttributes: 0,
    comment: Buffer.alloc(0),
    data,
  };
}
