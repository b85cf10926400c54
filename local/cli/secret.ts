/**
 * Reading a password: on a terminal without echoing it, otherwise the next line of standard input
 * (scripts pipe it in). Never from an argument, where `ps` and the shell's history would keep it.
 */

import { fail } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';

let buffered: string[] | undefined;

async function stdinLines(): Promise<string[]> {
  if (buffered) return buffered;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  buffered = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  return buffered;
}

export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines = await stdinLines();
    const line = lines.shift();
    if (line === undefined || (line === '' && lines.length === 0)) fail({ code: 'E_BAD_INPUT', field: 'password', message: say('No password given: type it on a terminal, pipe it on standard input, or set CARNET_NEW_PASSWORD / CARNET_PASSWORD.') });
    return line;
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let text = '';
      const onData = (s: string) => {
        for (const ch of s) {
          if (ch === '\r' || ch === '\n') {
            input.off('data', onData);
            process.stderr.write('\n');
            resolve(text);
            return;
          }
          if (ch === '\u0003') {
            input.off('data', onData);
            process.stderr.write('\n');
            reject(Object.assign(new Error(say('Cancelled.')), { code: 'E_BAD_INPUT' }));
            return;
          }
          if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
          else text += ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}
