/**
 * The local .xlsx host at team scale: a demo CRM of 1,000 companies (≈20,000 rows over 13
 * sheets). Each Carnet command opens the file, works, and saves it atomically; the peer is the
 * floor any xlsx tool pays: ExcelJS reading and writing the same file with no logic at all.
 */

import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../local/cli/main.js';
import { best, row, time } from './_timing.js';

const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-'));
const file = join(dir, 'big.xlsx');
const sink = { write: () => true } as unknown as NodeJS.WritableStream;
const cli = async (...args: string[]) => {
  const code = await main(args, sink, process.stderr);
  if (code > 1) throw new Error(`carnet ${args.join(' ')} exited ${code}`);
};

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 1000);
const build = await time(() => cli('demo', file, '--companies', String(COMPANIES)));
const size = statSync(file).size;
console.log(`demo workbook: ${COMPANIES} companies, ${(size / 1e6).toFixed(1)} MB`);

const peer = await best(3, async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  await book.xlsx.writeFile(join(dir, 'peer.xlsx'));
});
const peerRead = await best(3, async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
});

let n = 0;
const work = join(dir, 'work.xlsx');
copyFileSync(file, work);
const add = await best(3, () => cli('add', work, 'companies', '--set', `name=Bench ${n++}`, '--set', 'email=bench@example.com'));
const rename = await best(3, () => cli('update', work, 'companies', `Bench ${n - 1}`, '--set', `name=Bench ${n++}`));
const list = await best(3, () => cli('list', work, 'sales', '--where', 'quantity=3', '--json'));
const check = await best(3, () => cli('check', work, '--json'));

console.log(row('peer: ExcelJS read + write, no logic', peer));
console.log(row('peer: ExcelJS read only', peerRead));
console.log(row(`carnet demo (build ${COMPANIES} companies from nothing)`, build.ms));
console.log(row('carnet add (open, validate, allocate id, save)', add, peer));
console.log(row('carnet update with a rename cascading to sales/notes', rename, peer));
console.log(row('carnet list sales --where (read only)', list, peerRead));
console.log(row('carnet check (every cell of every sheet)', check, peerRead));
rmSync(dir, { recursive: true, force: true });
