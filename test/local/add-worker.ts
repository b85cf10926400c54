/**
 * One writer of the four-writers test (spawned as `node --import tsx test/local/add-worker.ts
 * <file> <id> <count>`): adds <count> companies, one `carnet add` each, as a person's script
 * would. Prints one JSON line: the errors met, and the longest single add in ms.
 */

import { Writable } from 'node:stream';
import { main } from '../../local/cli/main.js';

const [file, id, count] = process.argv.slice(2) as [string, string, string];
const errors: string[] = [];
let longest = 0;
for (let i = 0; i < Number(count); i++) {
  let err = '';
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const capture = new Writable({
    write: (chunk, _e, done) => {
      err += String(chunk);
      done();
    },
  });
  const started = performance.now();
  const code = await main(['add', file, 'companies', '--set', `name=Writer ${id} company ${i}`], sink, capture);
  longest = Math.max(longest, performance.now() - started);
  if (code !== 0) errors.push(err.trim());
}
process.stdout.write(`${JSON.stringify({ errors, longest: Math.round(longest) })}\n`);
