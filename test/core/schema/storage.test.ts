import { describe, expect, it } from 'vitest';
import { CarnetError } from '../../../core/errors.js';
import { decodeMeta, encodeMeta, type Meta } from '../../../core/schema/storage.js';
import { miniSchema } from '../../helpers/schemas.js';

function meta(extra: Record<string, unknown> = {}): Meta {
  return { version: 1, schema: miniSchema(), counters: { companies: 7 }, extra };
}

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof CarnetError) return e.data;
    throw e;
  }
  throw new Error('no error');
}

describe("Carnet's settings sheet", () => {
  it('round-trips the schema, counters and entries written by a newer Carnet', () => {
    const m = meta({ reports: [{ name: 'Sales by month' }] });
    expect(decodeMeta(encodeMeta(m))).toEqual(m);
  });

  it('splits long entries into chunks every spreadsheet accepts in a cell', () => {
    const m = meta({ templates: 'x'.repeat(100_000) });
    const grid = encodeMeta(m);
    for (const row of grid) expect(String(row[2]).length).toBeLessThanOrEqual(32_767);
    expect(grid.filter((r) => r[0] === 'templates').length).toBeGreaterThan(3);
    // Rows may come back in any order (a person sorted the sheet): parts are put back by number.
    const shuffled = [grid[0]!, ...grid.slice(1).reverse()];
    expect(decodeMeta(shuffled)).toEqual(m);
  });

  it('is no CRM when empty', () => {
    expect(decodeMeta([])).toBeUndefined();
  });

  it('reports a damaged entry', () => {
    const grid = encodeMeta(meta());
    const row = grid.find((r) => r[0] === 'schema')!;
    row[2] = String(row[2]).slice(0, 20);
    const e = errorOf(() => decodeMeta(grid));
    expect({ ...e, message: e.message.replace(/\(.*\)/, '(…)') }).toEqual({
      code: 'E_CORRUPT',
      sheet: '_carnet',
      field: 'schema',
      message: 'Carnet\'s settings sheet "_carnet" is damaged: entry "schema" is not valid JSON (…). Restore it from the backup or version history.',
    });
  });

  it.each([
    [{ directories: 'none' }, 'schema.directories', 'is not a list'],
    [{ directories: [{ key: 1 }] }, 'schema.directories[0].key', 'is not a text'],
    [{ directories: [{ key: 'books', labels: { en: 'Books', fr: 'Livres', ru: 'Книги' }, sheet: 'Books', idPrefix: 'BK', display: 'title', fields: [{ key: 'title', type: 'novel', labels: { en: 'T', fr: 'T', ru: 'T' } }] }] }, 'schema.directories[0].fields[0].type', 'is not a field type'],
    [{ directories: [{ key: 'books', labels: { en: 'Books' }, sheet: 'Books', idPrefix: 'BK', display: 'title', fields: [] }] }, 'schema.directories[0].labels.fr', 'is not a text'],
  ])('names the key of a schema of the wrong shape (%j)', (schemaPart, key, what) => {
    const grid = encodeMeta(meta());
    const row = grid.find((r) => r[0] === 'schema')!;
    row[2] = JSON.stringify({ ...miniSchema(), ...schemaPart });
    expect(errorOf(() => decodeMeta(grid))).toEqual({
      code: 'E_CORRUPT',
      sheet: '_carnet',
      field: key,
      message: `Carnet's settings sheet "_carnet" is damaged: ${key} ${what}. Restore it from the backup or version history.`,
    });
  });

  it('names the counters when they are not numbers', () => {
    const grid = encodeMeta(meta());
    grid.find((r) => r[0] === 'counters')![2] = '{"companies":"seven"}';
    expect(errorOf(() => decodeMeta(grid))).toMatchObject({ code: 'E_CORRUPT', field: 'counters.companies' });
  });

  it('refuses a format from a newer Carnet rather than misreading it', () => {
    const grid = encodeMeta({ ...meta(), version: 9 });
    expect(errorOf(() => decodeMeta(grid))).toEqual({
      code: 'E_CORRUPT',
      sheet: '_carnet',
      message: 'This workbook was saved by a newer Carnet (format 9; this one reads up to 1). Update Carnet.',
    });
  });
});
