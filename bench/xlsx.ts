/**
 * The local .xlsx host at team scale: a demo CRM of 1,000 companies (≈20,000 rows over 13
 * sheets). Each Carnet command opens the file, works, and saves it atomically; the peer is the
 * floor any xlsx tool pays: ExcelJS reading (and, for a write, writing) the same file with no
 * logic at all. Everything runs in this process (the CLI's `main()`), interleaved: peer read+write,
 * add, rename, peer read, list, check, then again, RUNS times.
 *
 * The work file grows by one company per round (an add), and one demo company is renamed each
 * round, so its references in contacts, sales and notes cascade every time.
 */

import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../local/cli/main.js';
import { RUNS, interleave, ms, row, time, timed } from './_timing.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
const file = join(dir, 'big.xlsx');
let printed = '';
const sink = { write: (s: string) => ((printed = String(s)), true) } as unknown as NodeJS.WritableStream;
const cli = async (...args: string[]) => {
  const code = await main(args, sink, process.stderr);
  if (code > 1) throw new Error(`carnet ${args.join(' ')} exited ${code}`);
};

try {
  const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 1000);
  const build = await time(() => cli('demo', file, '--companies', String(COMPANIES)));
  console.log(`demo workbook: ${COMPANIES} companies, ${(statSync(file).size / 1e6).toFixed(1)} MB, built in ${ms(build.ms)}`);

  const work = join(dir, 'work.xlsx');
  copyFileSync(file, work);
  const RENAMED = 'CO-000001';
  let n = 0;
  let cascade = '';
  const runs = await interleave(RUNS, {
    peerReadWrite: timed(async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      await book.xlsx.writeFile(join(dir, 'peer.xlsx'));
    }),
    add: timed(() => cli('add', work, 'companies', '--set', `name=Bench ${++n}`, '--set', 'email=bench@example.com')),
    rename: timed(async () => {
      await cli('update', work, 'companies', RENAMED, '--set', `name=Renamed Bench ${n}`);
      cascade = printed.trim().replace(/^.*References renamed: /, '');
    }),
    peerRead: timed(async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
    }),
    list: timed(() => cli('list', work, 'sales', '--where', 'quantity=3', '--json')),
    check: timed(() => cli('check', work, '--json')),
  });

  console.log(`interleaved, ${RUNS} runs each; ratio = Carnet's median over the peer's`);
  console.log(row('peer: ExcelJS read + write, no logic', runs.peerReadWrite));
  console.log(row('peer: ExcelJS read only', runs.peerRead));
  console.log(row('carnet add (open, validate, allocate id, save)', runs.add, runs.peerReadWrite));
  console.log(row(`carnet update ${RENAMED}'s name, cascading`, runs.rename, runs.peerReadWrite));
  console.log(`  (each rename: ${cascade})`);
  console.log(row('carnet list sales --where (read only)', runs.list, runs.peerRead));
  console.log(row('carnet check (every cell of every sheet)', runs.check, runs.peerRead));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
