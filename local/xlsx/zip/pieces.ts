/**
 * Deflating a part in pieces, so that a save costs what it changed. A part is cut into 1 MiB
 * pieces, each deflated on its own and ended with a sync flush (byte-aligned, no final block);
 * the pieces, joined and closed by an empty final block, are one valid deflate stream (RFC 1951
 * §3.2.3; the way pigz compresses in parallel). A piece equal to the one the last save wrote is
 * not deflated again: appending a sale to a 36 MB sheet re-deflates its last piece or two. The
 * pieces of one save are deflated in parallel on libuv's thread pool.
 */

import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);
const PIECE = 1 << 20;
/** An empty final block with fixed codes: BFINAL=1, BTYPE=01, end-of-block; 2 bytes. */
const FINAL = Buffer.from([0x03, 0x00]);

export interface Piece {
  raw: Buffer;
  deflated: Buffer;
}

export interface Deflated {
  data: Buffer;
  crc: number;
  pieces: Piece[];
}

export async function deflateInPieces(content: Buffer, previous: readonly Piece[] = []): Promise<Deflated> {
  const jobs: Promise<Piece>[] = [];
  for (let i = 0, at = 0; at < content.length || i === 0; i++, at += PIECE) {
    const raw = content.subarray(at, Math.min(content.length, at + PIECE));
    const known = previous[i];
    if (known && known.raw.equals(raw)) jobs.push(Promise.resolve(known));
    else {
      // Pieces kept for the next save are copies: the content buffer is not ours to hold.
      const copy = Buffer.from(raw);
      jobs.push(deflate(copy, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }).then((deflated) => ({ raw: copy, deflated })));
    }
    if (at + PIECE >= content.length) break;
  }
  const pieces = await Promise.all(jobs);
  return { data: Buffer.concat([...pieces.map((p) => p.deflated), FINAL]), crc: crc32(content), pieces };
}
