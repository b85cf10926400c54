/**
 * `npm run bench`: every benchmark script in bench/, one after the other, each in its own
 * process so one's memory does not skew the next. Benchmarks print figures; they never fail on
 * a time (timings are not assertions). Files starting with `_` are helpers, files ending in
 * `-data.ts` generators (`import-data.ts`): neither is a benchmark.
 */

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_') && !f.endsWith('-data.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const s of scripts) {
  console.log(`\n=== bench/${s} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, s)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
