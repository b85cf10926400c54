/**
 * A separate process for the save tests (spawned as `node --import tsx test/local/save-worker.ts`):
 * to save as another user, and to be killed in the middle of a save.
 *
 *   save <file> <text>     saves <text>; prints one JSON line: the warnings, or the error.
 *   loop <file> <bytes>    saves <bytes> of `a`, then of `b`, and so on until killed; prints
 *                          `saving` before the first.
 *   clean <file>           cleans the leftovers; prints one JSON line: the report and the warnings.
 */

import { saveAtomically } from '../../local/save/atomic.js';
import { cleanLeftovers } from '../../local/save/leftovers.js';
import { CarnetError } from '../../core/errors.js';

const [mode, file, arg] = process.argv.slice(2) as [string, string, string];

if (mode === 'save') {
  const warnings: string[] = [];
  try {
    await saveAtomically(file, Buffer.from(arg), { onWarning: (m) => warnings.push(m) });
    process.stdout.write(`${JSON.stringify({ warnings })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error instanceof CarnetError ? error.data : String(error) })}\n`);
  }
} else if (mode === 'loop') {
  const versions = [Buffer.alloc(Number(arg), 'a'), Buffer.alloc(Number(arg), 'b')];
  process.stdout.write('saving\n');
  for (let i = 0; ; i++) await saveAtomically(file, versions[i % 2]!);
} else if (mode === 'clean') {
  const warnings: string[] = [];
  const report = await cleanLeftovers(file, { onWarning: (m) => warnings.push(m) });
  process.stdout.write(`${JSON.stringify({ ...report, warnings })}\n`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
