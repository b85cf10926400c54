/**
 * The task pane's first load (issue 11, "Where it runs"): taskpane.js and the chunks it imports
 * statically, which the webview fetches before Carnet starts. Heavy libraries are in chunks that
 * `import()` fetches when a screen or a command first needs them: the template engine
 * (docxtemplater, pizzip, @xmldom/xmldom), the import's readers (papaparse), the exporter.
 *
 * The budget is 300 KB. What brought it there: the Import, Export and Reports screens' words come
 * with their screens (`registerWords`, ui/i18n.ts), and libphonenumber-js with its country data is
 * loaded by the first command (`loadPhoneRules`, core/fields/phone.ts). Signing in to a profile
 * (office-addin/identity.ts) brings scrypt (@noble/hashes) only when a password is checked.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforceBudgets } from '../../scripts/budgets.js';
import { buildOffice } from '../../office-addin/build.js';
import { dynamicImports, firstLoad, TASKPANE_BUDGET } from '../../office-addin/first-load.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Library-specific strings: each appears in its library's code only. */
const DOCXTEMPLATER = 'scopeparser_compilation_failed';
const PAPAPARSE = 'UndetectableDelimiter';
const LIBPHONENUMBER = 'INVALID_COUNTRY';
const SCRYPT = 'limit was hit: memUsed';

describe('The task pane’s first load', () => {
  let dir: string;
  /** Path (relative to the output) → code, for every JavaScript file written. */
  const files = new Map<string, string>();
  /** taskpane.js and the chunks it reaches through static imports. */
  const first = new Set<string>();

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-office-budget-'));
    await buildOffice(ROOT, { outDir: dir });
    for (const name of ['taskpane.js', ...(await fs.readdir(path.join(dir, 'chunks'))).map((c) => `chunks/${c}`)]) {
      files.set(name, await fs.readFile(path.join(dir, name), 'utf8'));
    }
    // What `npm run build` measures against the budget (office-addin/first-load.ts).
    const load = await firstLoad(dir);
    for (const f of load.files) first.add(f);
    const size = (name: string) => Buffer.byteLength(files.get(name)!, 'utf8');
    const total = [...first].reduce((n, f) => n + size(f), 0);
    firstLoadBytes = load.bytes;
    summedBytes = total;
    const later = [...files.keys()].filter((f) => !first.has(f)).sort((a, b) => size(b) - size(a));
    console.log(
      [
        `taskpane.js: ${size('taskpane.js')} bytes; first load (with ${first.size - 1} chunks it imports statically): ${total} bytes`,
        `${later.length} chunks loaded on demand, largest first:`,
        ...later.map((f) => `  ${f}: ${size(f)} bytes`),
      ].join('\n'),
    );
  }, 120_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** Bytes of taskpane.js and the chunks it imports statically, as the build measures them and as summed here. */
  let firstLoadBytes = 0;
  let summedBytes = 0;

  const inFirstLoad = (needle: string) => [...first].filter((f) => files.get(f)!.includes(needle));
  const inChunks = (needle: string) => [...files.keys()].filter((f) => !first.has(f) && files.get(f)!.includes(needle));

  it('stays within 300 KB: taskpane.js and the chunks it imports statically', () => {
    expect(TASKPANE_BUDGET).toBe(300_000);
    expect(firstLoadBytes).toBeGreaterThan(0);
    expect(firstLoadBytes).toBe(summedBytes);
    expect(firstLoadBytes).toBeLessThanOrEqual(TASKPANE_BUDGET);
  });

  it('does not carry the phone rules: libphonenumber-js is in a chunk loaded on demand', () => {
    expect(inFirstLoad(LIBPHONENUMBER)).toEqual([]);
    expect(inChunks(LIBPHONENUMBER).length).toBeGreaterThan(0);
  });

  it('does not carry the template engine: docxtemplater is in a chunk loaded on demand', () => {
    expect(inFirstLoad(DOCXTEMPLATER)).toEqual([]);
    expect(inChunks(DOCXTEMPLATER)).toHaveLength(1);
  });

  it('does not carry scrypt: the password check of a profile (identity.ts) loads it on demand', () => {
    expect(inFirstLoad(SCRYPT)).toEqual([]);
    expect(inChunks(SCRYPT)).toHaveLength(1);
  });

  it('does not carry the import’s CSV reader: papaparse is in a chunk loaded on demand', () => {
    expect(inFirstLoad(PAPAPARSE)).toEqual([]);
    expect(inChunks(PAPAPARSE).length).toBeGreaterThan(0);
  });

  it('writes every chunk an import() of the entry or of a chunk names', () => {
    const demanded = new Set<string>();
    for (const [file, js] of files) for (const ref of dynamicImports(js)) demanded.add(path.posix.join(path.posix.dirname(file), ref));
    expect(demanded.size).toBeGreaterThan(0);
    for (const chunk of demanded) expect(files.has(chunk), chunk).toBe(true);
  });
});

describe('npm run build’s budgets', () => {
  it('prints each bundle’s size against its budget, and passes when every one is within it', () => {
    const lines: string[] = [];
    enforceBudgets(
      [
        { name: 'dist/gas/Sidebar.html', bytes: 231_500, budget: 250_000 },
        { name: 'dist/office first load (taskpane.js + 12 chunks)', bytes: 300_000, budget: 300_000 },
      ],
      (line) => lines.push(line),
    );
    expect(lines).toEqual([
      '  dist/gas/Sidebar.html: 231,500 bytes of 250,000 (93%)',
      '  dist/office first load (taskpane.js + 12 chunks): 300,000 bytes of 300,000 (100%)',
    ]);
  });

  it('fails past a budget, naming every bundle over it and by how much', () => {
    const lines: string[] = [];
    expect(() =>
      enforceBudgets(
        [
          { name: 'dist/gas/Sidebar.html', bytes: 250_001, budget: 250_000 },
          { name: 'dist/office first load (taskpane.js + 3 chunks)', bytes: 299_999, budget: 300_000 },
        ],
        (line) => lines.push(line),
      ),
    ).toThrow('Over budget: dist/gas/Sidebar.html is 250,001 bytes, 1 over its 250,000. Move code behind a dynamic import() or cut it.');
    expect(lines[0]).toBe('✗ dist/gas/Sidebar.html: 250,001 bytes of 250,000 (101%): 1 over');
  });

  it('measures the task pane’s first load as the budget test does: taskpane.js and what it imports statically', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-first-load-'));
    try {
      await fs.mkdir(path.join(dir, 'chunks'));
      await fs.writeFile(path.join(dir, 'taskpane.js'), 'import{a}from"./chunks/a-1.js";import"./chunks/b-2.js";const c=()=>import("./chunks/c-3.js");');
      await fs.writeFile(path.join(dir, 'chunks', 'a-1.js'), 'import"./b-2.js";export const a=1;');
      await fs.writeFile(path.join(dir, 'chunks', 'b-2.js'), 'export{};');
      await fs.writeFile(path.join(dir, 'chunks', 'c-3.js'), 'x'.repeat(10_000));
      const load = await firstLoad(dir);
      expect(load.files.sort()).toEqual(['chunks/a-1.js', 'chunks/b-2.js', 'taskpane.js']);
      expect(load.bytes).toBe(93 + 34 + 9);
      expect(TASKPANE_BUDGET).toBe(300_000);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
