/**
 * `npx carnet serve` killed through npx (issue 13, §4): npx does not pass the signal on, so the
 * server used to keep running, unseen. Here a launcher starts `carnet serve` as its child and is
 * killed outright: the server notices it was orphaned and stops, its port freed.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { carnet, tempDir } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '../..');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('carnet serve under a launcher', () => {
  it('stops when the launcher that started it is killed', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'crm.xlsx');
    expect((await carnet('init', file)).code).toBe(0);
    // The launcher: a node process that starts the CLI and prints its output, like npx.
    const launcher = spawn(
      process.execPath,
      ['-e', `const c = require('node:child_process').spawn(process.execPath, [${JSON.stringify(join(ROOT, 'local/bin/carnet.mjs'))}, 'serve', ${JSON.stringify(file)}], { stdio: ['ignore', 'inherit', 'inherit'] }); console.log('server pid ' + c.pid); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    launcher.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
      launcher.stdout.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    expect(await portOpen(port)).toBe(true);
    const pid = Number(/server pid (\d+)/.exec(out)?.[1]);
    try {
      launcher.kill('SIGKILL');
      await expect.poll(() => portOpen(port), { timeout: 10_000, interval: 250 }).toBe(false);
    } finally {
      // Whatever happened, no server is left running after the test.
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      tmp.cleanup();
    }
  }, 60_000);
});
