/**
 * The task pane's first load: `taskpane.js` and the chunks it imports statically, which the webview
 * fetches before Carnet starts (issue 11, "Where it runs"). Code behind a dynamic `import()` is a
 * chunk fetched when a screen first needs it, and does not count. `npm run build` prints it against
 * TASKPANE_BUDGET and fails past it (scripts/build.ts); test/office/bundle-budget.test.ts checks
 * which libraries stay out of it.
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Bytes the first load may take. */
export const TASKPANE_BUDGET = 300_000;

/** The files a built module imports statically (`import … from "./x.js"`, `import "./x.js"`). */
export const staticImports = (js: string): string[] => [...js.matchAll(/\bimport\s*(?:[\w${},\s*]+\bfrom\s*)?"(\.\.?\/[^"]+)"/g)].map((m) => m[1]!);

/** The files it imports on demand (`import("./x.js")`). */
export const dynamicImports = (js: string): string[] => [...js.matchAll(/\bimport\(\s*"(\.\.?\/[^"]+)"\s*\)/g)].map((m) => m[1]!);

export interface FirstLoad {
  /** The entry and every chunk it reaches through static imports, relative to the build folder. */
  files: string[];
  /** Their bytes, together. */
  bytes: number;
}

/** The first load of `entry` in the built folder `dir` (dist/office). */
export async function firstLoad(dir: string, entry = 'taskpane.js'): Promise<FirstLoad> {
  const seen = new Set<string>([entry]);
  const todo = [entry];
  let bytes = 0;
  while (todo.length > 0) {
    const file = todo.pop()!;
    const code = await fs.readFile(path.join(dir, file));
    bytes += code.length;
    for (const ref of staticImports(code.toString('utf8'))) {
      const target = path.posix.join(path.posix.dirname(file), ref);
      if (!seen.has(target)) {
        seen.add(target);
        todo.push(target);
      }
    }
  }
  return { files: [...seen], bytes };
}
