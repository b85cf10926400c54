/**
 * A separate process for the lock tests (spawned as `node --import tsx test/local/lock-worker.ts`),
 * since a lock between processes can only be tested between processes.
 *
 *   contend <lock> <counter> <log> <id> <times> <holdMs>
 *       takes the lock <times> times; each time a read-modify-write of the counter file that takes
 *       <holdMs>, and its id appended to the log, in lock order. Prints one JSON line: the errors.
 *   hold <lock> <holdMs> <heartbeatMs> <staleMs>
 *       takes the lock, prints `held`, keeps it <holdMs>, prints `released <epoch ms>`, exits.
 *   try <lock>
 *       takes the lock once and releases it; prints one JSON line: `{}`, or the error.
 */

import { promises as fs } from 'node:fs';
import { acquireLock } from '../../local/file-lock.js';
import { CarnetError } from '../../core/errors.js';

const [mode, ...args] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (mode === 'contend') {
  const [lockPath, counterPath, logPath, id, times, holdMs] = args as [string, string, string, string, string, string];
  const errors: string[] = [];
  for (let i = 0; i < Number(times); i++) {
    try {
      const lock = await acquireLock(lockPath, 'book.xlsx', { timeoutMs: 60_000 });
      try {
        const before = Number(await fs.readFile(counterPath, 'utf8'));
        await sleep(Number(holdMs));
        await fs.writeFile(counterPath, String(before + 1));
        await fs.appendFile(logPath, `${id}\n`);
      } finally {
        await lock.release();
      }
    } catch (error) {
      errors.push(error instanceof CarnetError ? `${error.data.code}: ${error.message}` : String(error));
    }
  }
  process.stdout.write(`${JSON.stringify({ id, errors })}\n`);
} else if (mode === 'hold') {
  const [lockPath, holdMs, heartbeatMs, staleMs] = args.map((a, i) => (i === 0 ? a : Number(a))) as [string, number, number, number];
  const lock = await acquireLock(lockPath, 'book.xlsx', { heartbeatMs, staleMs });
  process.stdout.write('held\n');
  await sleep(holdMs);
  await lock.release();
  process.stdout.write(`released ${Date.now()}\n`);
} else if (mode === 'try') {
  try {
    await (await acquireLock(args[0]!, 'book.xlsx', { timeoutMs: 1_000 })).release();
    process.stdout.write('{}\n');
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error instanceof CarnetError ? error.data : String(error) })}\n`);
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
