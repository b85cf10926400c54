/**
 * Carnet's add-in icons, drawn in code and encoded as PNG with node:zlib: no image tool, no binary
 * source of truth. The build writes them to dist/office/assets; the copies in manifests/assets are
 * kept identical by a test (test/office/build.test.ts), so the source manifest validates too.
 *
 * The drawing: a blue rounded square holding a white notebook with three ruled lines.
 */

import { deflateSync } from 'node:zlib';

/** Sizes the manifest refers to: ribbon 16/32/80, IconUrl 32, HighResolutionIconUrl 64. */
export const ICON_SIZES = [16, 32, 64, 80] as const;

export const iconFile = (size: number) => `icon-${size}.png`;

const BLUE: Rgba = [31, 94, 160, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const RULE: Rgba = [120, 160, 205, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
type Rgba = [number, number, number, number];

/** The colour of pixel (x, y) of a `size`-pixel icon. */
function pixel(x: number, y: number, size: number): Rgba {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  // Rounded square, corner radius 18 % of the side.
  const r = 0.18;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
  // The notebook page.
  const inPage = u > 0.27 && u < 0.75 && v > 0.2 && v < 0.8;
  if (!inPage) return BLUE;
  // Binding holes on the left edge, ruled lines across.
  const line = size >= 32 ? 1.5 / size : 1 / size;
  for (const ly of [0.38, 0.5, 0.62]) if (Math.abs(v - ly) <= line && u > 0.37 && u < 0.68) return RULE;
  if (size >= 32 && u < 0.33 && [0.3, 0.5, 0.7].some((hy) => Math.abs(v - hy) < 0.035)) return BLUE;
  return WHITE;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (8-bit RGBA, no interlace) of the icon at `size` pixels. */
export function iconPng(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y, size), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height from a PNG's IHDR, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47 || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
