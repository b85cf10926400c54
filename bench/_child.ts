/**
 * Fresh node processes, timed by wall clock from spawn to exit, the way a person running a
 * command waits for it. Children that report their peak memory print `maxRSS <kB>` on stderr
 * (`process.resourceUsage().maxRSS`; /usr/bin/time may be absent).
 */

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The real CLI, as a user runs it. */
export const CARNET = join(root, 'local/bin/carnet.mjs');
/** The CLI's `main()` in a process that prints its peak memory. */
export const CARNET_RSS = join(root, 'bench/_carnet-rss.ts');
/** ExcelJS reading and writing a whole file, in a process that prints its peak memory. */
export const EXCELJS_RW = join(root, 'bench/_exceljs-rw.ts');

export interface ChildRun {
  ms: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory in bytes, when the child printed it. */
  maxRss?: number;
}

/** Runs `node [--import tsx] script ...args`; a TypeScript script gets tsx, as bench/run.ts gives it. */
export function runNode(script: string, args: string[]): Promise<ChildRun> {
  const argv = script.endsWith('.ts') ? ['--import', 'tsx', script, ...args] : [script, ...args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0) {
        reject(new Error(`node ${argv.join(' ')} exited ${code}:\n${stderr}`));
        return;
      }
      const rss = /^maxRSS (\d+)$/m.exec(stderr);
      resolve({ ms, stdout, stderr, ...(rss ? { maxRss: Number(rss[1]) * 1024 } : {}) });
    });
  });
}

/** Prints the peak memory of this process on stderr, in the form `runNode` reads. */
export function printMaxRss(): void {
  process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
}
