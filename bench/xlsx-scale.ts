/**
 * The local .xlsx host at the scale of issue 8: a demo of 8,700 companies and about 100,000 sales
 * (≈10 MB), and the 1,000-company demo beside it. The peer is the floor the old host paid on
 * every command: ExcelJS reading (and, for a write, writing) the whole file.
 *
 * - CLI `add`: a real `node local/bin/carnet.mjs add …` process, wall clock, against ExcelJS
 *   read+write of the same file in a fresh node process; each add on a fresh copy of the demo
 *   with a fresh company name, so runs do not drift.
 * - Peak memory of that add (`process.resourceUsage().maxRSS` printed by a child that runs the
 *   CLI's `main()`), against the ExcelJS process's.
 * - Server `sale.add` and `card.get`: one `startServer` in this process, timed `fetch` calls;
 *   the peers run in a worker thread of this process (see _exceljs-peer.ts).
 *
 * Every pair is interleaved (peer, carnet, peer, carnet…), RUNS times; medians and mins printed,
 * the ratio is Carnet's median over the peer's, a target is met when Carnet's median is within it
 * (peak memory: when the highest run is).
 *
 * Run: `npm run bench xlsx-scale` (or `npx tsx bench/xlsx-scale.ts`); BENCH_RUNS=n for more runs,
 * BENCH_SCALE_COMPANIES=n for another size than 8,700 (a quicker try).
 */

import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardIndex } from '../core/app/card-commands.js';
import type { CompanyCard } from '../core/card/card.js';
import { startServer } from '../local/server/server.js';
import { CARNET, CARNET_RSS, EXCELJS_RW, runNode } from './_child.js';
import { startPeerWorker } from './_exceljs-peer.js';
import { RUNS as FLOOR, interleave, mb, ms, ratio, summary, table, time } from './_timing.js';

const RUNS = Math.max(FLOOR, Number(process.env.BENCH_RUNS ?? FLOOR));
const BIG = Number(process.env.BENCH_SCALE_COMPANIES ?? 8700);
const SMALL = 1000;
const GB = 1e9;
/** A running server keeps the garbage of its earlier requests: no forced collection between them (see _timing.ts). */
const SERVER = { settle: false };

const dir = mkdtempSync(join(tmpdir(), 'carnet-bench-scale-'));
try {
  await bench();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function bench(): Promise<void> {
  const big = join(dir, `demo-${BIG}.xlsx`);
  const small = join(dir, `demo-${SMALL}.xlsx`);
  for (const [file, companies] of [[big, BIG], [small, SMALL]] as const) {
    const built = await runNode(CARNET, ['demo', file, '--companies', String(companies)]);
    console.log(`demo ${companies} companies: ${(statSync(file).size / 1e6).toFixed(1)} MB, built in ${ms(built.ms)} (${built.stdout.trim().replace(/^.*?: /, '')})`);
  }

  // --- CLI: fresh processes ---------------------------------------------------------------
  let copies = 0;
  let names = 0;
  /** A fresh copy of a demo, removed once the child is done. */
  const onCopy = async (of: string, run: (file: string) => Promise<number>) => {
    const file = join(dir, `work-${++copies}.xlsx`);
    copyFileSync(of, file);
    try {
      return await run(file);
    } finally {
      rmSync(file, { force: true });
    }
  };
  const addArgs = (file: string) => ['add', file, 'companies', '--set', `name=Scale Bench ${++names}`, '--set', 'email=bench@example.com'];
  const peerOut = join(dir, 'peer-out.xlsx');
  const peerRss: number[] = [];
  const cliBig = await interleave(RUNS, {
    peer: async () => {
      const r = await runNode(EXCELJS_RW, [big, peerOut]);
      peerRss.push(r.maxRss!);
      return r.ms;
    },
    carnet: () => onCopy(big, async (file) => (await runNode(CARNET, addArgs(file))).ms),
    carnetRss: () => onCopy(big, async (file) => (await runNode(CARNET_RSS, addArgs(file))).maxRss!),
  });
  const cliSmall = await interleave(RUNS, {
    peer: async () => (await runNode(EXCELJS_RW, [small, peerOut])).ms,
    carnet: () => onCopy(small, async (file) => (await runNode(CARNET, addArgs(file))).ms),
  });

  // --- Server: one running server, timed fetch calls -----------------------------------------
  const served = join(dir, 'served.xlsx');
  copyFileSync(big, served);
  const token = 'bench-token';
  const server = await startServer({ file: served, token });
  const peer = await startPeerWorker();
  try {
    const call = async <T>(command: string, input: unknown): Promise<{ ms: number; value: T }> =>
      time(async () => {
        const res = await fetch(`${server.origin}/api/${command}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Carnet-Token': token, Origin: server.origin },
          body: JSON.stringify(input),
        });
        const out = (await res.json()) as { ok: true; result: T } | { ok: false; error: { message: string } };
        if (!out.ok) throw new Error(`${command}: ${out.error.message}`);
        return out.result;
      });

    const index = await call<CardIndex>('card.index', {});
    const company = index.value.companies[index.value.companies.length >> 1]!.name;
    const product = Object.keys(index.value.prices)[0]!;
    const sale = { company, values: { product, quantity: 2 } };
    const cardSheets = await peer.sheetsRead(big, 'card.get', { company });

    const warmCard = await call<CompanyCard>('card.get', { company });
    const warmSale = await call('sale.add', sale);

    // card.get: the old server held the ExcelJS workbook and rebuilt each grid the card reads.
    const load = await peer.load(big);
    let lines = 0;
    let cells = 0;
    const cardGet = await interleave(RUNS, {
      peer: async () => {
        const r = await peer.grids(cardSheets);
        cells = r.cells;
        return r.ms;
      },
      carnet: async () => {
        const r = await call<CompanyCard>('card.get', { company });
        lines = r.value.sales.lines.length;
        return r.ms;
      },
    }, SERVER);
    await peer.unload();

    // sale.add: the old server read and wrote the whole file for each write.
    const peerWrite: number[] = [];
    const saleAdd = await interleave(RUNS, {
      peer: async () => {
        const r = await peer.readWrite(big, peerOut);
        peerWrite.push(r.write);
        return r.read + r.write;
      },
      carnet: async () => (await call('sale.add', sale)).ms,
    }, SERVER);

    report({
      cliBig,
      cliSmall,
      peerRss,
      cardGet,
      saleAdd,
      notes: [
        `Interleaved peer, Carnet, peer, Carnet… ${RUNS} runs each; median (min); ratio = Carnet median / peer median; met = Carnet median within the target (memory: its highest run).`,
        `CLI rows: each Carnet add on a fresh copy of the demo (copied before the process starts, untimed) with a fresh company name; both sides are a fresh \`node\` process, wall clock from spawn to exit (the peer runs bench/_exceljs-rw.ts under tsx, as carnet.mjs runs the CLI); memory from separate runs of the CLI's main() (bench/_carnet-rss.ts), interleaved with the others.`,
        `Server: one startServer on a copy of the ${BIG}-company demo; card.index first (${ms(index.ms)}) to pick the company "${company}" (${lines} sales on its card) and the product "${product}"; warm-up, not counted: card.get ${ms(warmCard.ms)}, sale.add ${ms(warmSale.ms)}. The file grows by one sale per sale.add (${RUNS + 1} rows over the demo's sales). No forced garbage collection between requests (CLI rows: one before each process starts).`,
        `Server peers run in a worker thread of the bench process (its own heap). card.get peer: the grids of the ${cardSheets.length} sheets card.get reads (${cardSheets.join(', ')}; ${cells.toLocaleString('en')} cells) rebuilt from an ExcelJS workbook loaded once (${ms(load)}, not counted). sale.add peer: read + write of the demo, of which the write alone: median ${ms(summary(peerWrite).median)}.`,
      ],
    });
  } finally {
    await peer.close();
    await server.close();
  }
}

interface Results {
  cliBig: { peer: number[]; carnet: number[]; carnetRss: number[] };
  cliSmall: { peer: number[]; carnet: number[] };
  peerRss: number[];
  cardGet: { peer: number[]; carnet: number[] };
  saleAdd: { peer: number[]; carnet: number[] };
  notes: string[];
}

function report(r: Results): void {
  const cell = (xs: number[], unit: (x: number) => string) => {
    const s = summary(xs);
    return `${unit(s.median)} (${unit(s.min)})`;
  };
  type Line = [what: string, peer: number[], carnet: number[], target: string, met: boolean, unit?: (x: number) => string];
  const lines: Line[] = [
    [`CLI \`add\` company, ${BIG.toLocaleString('en')} companies (process wall clock)`, r.cliBig.peer, r.cliBig.carnet, '≤ 3 s', summary(r.cliBig.carnet).median <= 3000],
    ['server `sale.add` (HTTP, per request)', r.saleAdd.peer, r.saleAdd.carnet, '≤ 1.5 s', summary(r.saleAdd.carnet).median <= 1500],
    ['server `card.get` (HTTP, warm server)', r.cardGet.peer, r.cardGet.carnet, '≤ 150 ms', summary(r.cardGet.carnet).median <= 150],
    [`peak memory (max RSS) of a CLI \`add\`, ${BIG.toLocaleString('en')} companies`, r.peerRss, r.cliBig.carnetRss, '≤ 1 GB', summary(r.cliBig.carnetRss).max <= GB, mb],
    [`CLI \`add\` company, ${SMALL.toLocaleString('en')} companies`, r.cliSmall.peer, r.cliSmall.carnet, 'no slower than the floor', ratio(r.cliSmall.carnet, r.cliSmall.peer) <= 1],
  ];
  console.log('');
  console.log(
    table(
      ['what', 'peer: ExcelJS floor, median (min)', 'Carnet, median (min)', 'Carnet/peer', 'target', 'met'],
      lines.map(([what, p, c, target, met, unit = ms]) => [what, cell(p, unit), cell(c, unit), `×${ratio(c, p).toFixed(2)}`, target, met ? 'yes' : 'NO']),
    ),
  );
  console.log('');
  for (const n of r.notes) console.log(`- ${n}`);
}
