import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../core/workbook.js';
import { chunksOf, utf8Length } from '../../ui/import-chunks.js';

const header = ['Name', 'Email'];
const rows = (n: number, width = 1): Cell[][] => Array.from({ length: n }, (_, i) => [`Person ${i}`, 'x'.repeat(width)]);
/** The JSON a chunk is sent as: its header and rows, as the apply sends them. */
const sent = (chunkRows: Cell[][]) => utf8Length(JSON.stringify([header, ...chunkRows]));

describe('cutting an import into chunks', () => {
  it('keeps a small table in one chunk starting at its first data row', () => {
    expect(chunksOf({ header, rows: rows(3), firstRow: 2 }, { maxRows: 2000, maxBytes: 1e6 })).toEqual([{ firstRow: 2, rows: rows(3) }]);
  });

  it('cuts at the row limit, numbering each chunk by the file’s rows', () => {
    const chunks = chunksOf({ header, rows: rows(5), firstRow: 2 }, { maxRows: 2, maxBytes: 1e6 });
    expect(chunks.map((c) => [c.firstRow, c.rows.length])).toEqual([
      [2, 2],
      [4, 2],
      [6, 1],
    ]);
  });

  it('cuts at the byte limit, counting the header each chunk carries', () => {
    const chunks = chunksOf({ header, rows: rows(10, 100), firstRow: 2 }, { maxRows: 2000, maxBytes: 400 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(sent(c.rows)).toBeLessThanOrEqual(400);
  });

  it('counts bytes of UTF-8, not characters: Cyrillic takes two each', () => {
    expect(utf8Length('Петрова')).toBe(14);
    expect(utf8Length('a€😀')).toBe(1 + 3 + 4);
    const cyrillic = rows(10, 0).map((r) => [r[0], 'ж'.repeat(50)]);
    for (const c of chunksOf({ header, rows: cyrillic, firstRow: 2 }, { maxRows: 2000, maxBytes: 300 })) expect(sent(c.rows)).toBeLessThanOrEqual(300);
  });

  it('gives a row larger than the byte limit a chunk of its own rather than losing it', () => {
    const table = { header, rows: [['a', 'b'], ['big', 'y'.repeat(1000)], ['c', 'd']], firstRow: 2 };
    expect(chunksOf(table, { maxRows: 2000, maxBytes: 200 }).map((c) => c.firstRow)).toEqual([2, 3, 4]);
  });

  it('makes no chunk of an empty table', () => {
    expect(chunksOf({ header, rows: [], firstRow: 2 }, { maxRows: 10, maxBytes: 1000 })).toEqual([]);
  });

  it('puts every row back in order, under both limits, whatever the table', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 50, max: 2000 }), fc.integer({ min: 1, max: 3 }), (table, maxRows, maxBytes, firstRow) => {
        const chunks = chunksOf({ header, rows: table, firstRow }, { maxRows, maxBytes });
        expect(chunks.flatMap((c) => c.rows)).toEqual(table);
        let next = firstRow;
        for (const c of chunks) {
          expect(c.firstRow).toBe(next);
          next += c.rows.length;
          expect(c.rows.length).toBeGreaterThan(0);
          expect(c.rows.length).toBeLessThanOrEqual(maxRows);
          if (c.rows.length > 1) expect(sent(c.rows)).toBeLessThanOrEqual(maxBytes);
        }
      }),
    );
  });
});
