import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../local/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in-process, capturing what a terminal would show. */
export async function carnet(...args: string[]): Promise<CliResult> {
  const out = new Capture();
  const err = new Capture();
  const code = await main(args, out as NodeJS.WritableStream, err as NodeJS.WritableStream);
  return { code, stdout: out.text, stderr: err.text };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
