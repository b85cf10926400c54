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
import { buildOffice } from '../../office-addin/build.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The files a built module imports statically (`import … from "./x.js"`, `import "./x.js"`). */
const staticImports = (js: string) => [...js.matchAll(/\bimport\s*(?:[\w${},\s*]+\bfrom\s*)?"(\.\.?\/[^"]+)"/g)].map((m) => m[1]!);
/** The files it imports on demand (`import("./x.js")`). */
const dynamicImports = (js: string) => [...js.matchAll(/\bimport\(\s*"(\.\.?\/[^"]+)"\s*\)/g)].map((m) => m[1]!);

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
    const todo = ['taskpane.js'];
    first.add('taskpane.js');
    while (todo.length) {
      const file = todo.pop()!;
      for (const ref of staticImports(files.get(file)!)) {
        const target = path.posix.join(path.posix.dirname(file), ref);
        if (!first.has(target)) {
          first.add(target);
          todo.push(target);
        }
      }
    }
    const size = (name: string) => Buffer.byteLength(files.get(name)!, 'utf8');
    const total = [...first].reduce((n, f) => n + size(f), 0);
    firstLoad = total;
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

  /** Bytes of taskpane.js and the chunks it imports statically. */
  let firstLoad = 0;

  const inFirstLoad = (needle: string) => [...first].filter((f) => files.get(f)!.includes(needle));
  const inChunks = (needle: string) => [...files.keys()].filter((f) => !first.has(f) && files.get(f)!.includes(needle));

  it('stays within 300 KB: taskpane.js and the chunks it imports statically', () => {
    expect(firstLoad).toBeGreaterThan(0);
    expect(firstLoad).toBeLessThanOrEqual(300_000);
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
