import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { xlsxOptions } from '../../local/open-options.js';

class Terminal extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _e: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const waiting = { lockPath: '/crm/book.xlsx.lock', displayName: 'book.xlsx', waitedMs: 12_000, ahead: 1 };

describe('How the CLI opens a workbook', () => {
  it('shows, on a terminal, one line that says who is being waited for, and clears it when done', () => {
    const tty = new Terminal(true);
    const { options, done } = xlsxOptions({}, tty);
    options.lock!.onWait!(waiting);
    options.lock!.onWait!({ ...waiting, waitedMs: 13_000 });
    done();
    expect(tty.text).toBe(
      '\rwaiting for 1 other Carnet command to finish saving book.xlsx (12 s)\x1b[K' +
        '\rwaiting for 1 other Carnet command to finish saving book.xlsx (13 s)\x1b[K' +
        '\r\x1b[K',
    );
  });

  it('writes nothing of the wait into a log (not a terminal), but every warning', () => {
    const log = new Terminal(false);
    const { options, done } = xlsxOptions({ as: 'ada', force: true }, log);
    options.lock!.onWait!(waiting);
    options.onWarning!('book.xlsx now belongs to root.');
    done();
    expect(log.text).toBe('carnet: warning: book.xlsx now belongs to root.\n');
    expect(options.user).toEqual({ id: 'ada', name: 'ada' });
    expect(options.force).toBe(true);
  });
});
