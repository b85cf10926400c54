import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guardCell } from '../../../core/export/csv-guard.js';
import { writeDelimited } from '../../../core/export/csv-write.js';

/** Papaparse's reading of the text, without the empty row after the last line end. */
function parse(text: string, delimiter: string): string[][] {
  const rows = Papa.parse<string[]>(text, { delimiter, newline: '\r\n', quoteChar: '"', skipEmptyLines: false }).data;
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1);
}

const cellText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', 'a,b', 'a;b', 'a\tb', 'a|b', '"', '""', 'line\nbreak', 'cr\rhere', 'crlf\r\nhere', ' lead', 'trail ', "'=1+1", '=1+1'),
);

describe('writeDelimited', () => {
  it('quotes as RFC 4180 says, and ends every row with CRLF', () => {
    expect(writeDelimited([['a', 'b,c', 'say "hi"', 'two\nlines'], ['', ' x', 'y ', "'=1+1"]])).toBe(
      'a,"b,c","say ""hi""","two\nlines"\r\n," x","y ","\'=1+1"\r\n',
    );
  });

  it('writes numbers without exponent or grouping, booleans as TRUE/FALSE, null as nothing', () => {
    expect(writeDelimited([[1e21, -0.5, 1234567.25, true, false, null]])).toBe('1000000000000000000000,-0.5,1234567.25,TRUE,FALSE,\r\n');
  });

  it('writes a row of one empty field as "", so that it is not a blank line', () => {
    expect(writeDelimited([['a'], [''], ['b']])).toBe('a\r\n""\r\nb\r\n');
  });

  it('quotes only for its own delimiter', () => {
    expect(writeDelimited([['a,b', 'c;d']], { delimiter: ';' })).toBe('a,b;"c;d"\r\n');
    expect(writeDelimited([['a|b', 'c d']], { delimiter: '|' })).toBe('"a|b"|c d\r\n');
  });

  it('gives back every cell when papaparse reads it, whatever the delimiter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t', '|'),
        fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })),
        (delimiter, rows) => {
          expect(parse(writeDelimited(rows, { delimiter }), delimiter)).toEqual(rows);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('keeps guarded cells quoted and intact through papaparse', () => {
    const rows = [['=1+1', '+33 6', '-2', '@SUM(A1)', '\tx', "'=x"].map(guardCell)];
    const text = writeDelimited(rows);
    expect(text).toBe(`"'=1+1","'+33 6","'-2","'@SUM(A1)","'\tx","''=x"\r\n`);
    expect(parse(text, ',')).toEqual(rows);
  });

  it('refuses a delimiter that is the quote or a line break', () => {
    expect(() => writeDelimited([['a']], { delimiter: '"' })).toThrow(/two different single characters/);
    expect(() => writeDelimited([['a']], { delimiter: '\n' })).toThrow(/line breaks/);
  });
});
