/**
 * First come, first served across processes. Retrying a lock file at random intervals lets a
 * newcomer overtake a writer that has been waiting for a while; with four writers on one workbook,
 * a quarter of the commands waited past their timeout (issue 8). So a writer first takes a numbered
 * ticket in a folder beside the lock, and tries the lock only while its ticket is the oldest live
 * one. Tickets of waiters that died (or hung) are skipped and removed.
 *
 * Numbers come from the folder itself: a new ticket is numbered one past the highest one present.
 * A waiting writer's ticket is present the whole time it waits, so every later writer gets a
 * higher number; two writers numbering at the same instant are ordered by their random part.
 */

import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import { errorCode } from './fs-errors.js';
import type { FreshnessWatch } from './heartbeat.js';
import { parseTicket, ticketName } from './names.js';
import { isAbandoned, ownerText, readOwnerFile, type OwnerRecord, type Timing } from './owner-file.js';
import { livenessOf } from './processes.js';

export class QueueTicket {
  private lastBeat = Date.now();

  private constructor(
    readonly path: string,
    private readonly dir: string,
    private readonly owner: OwnerRecord,
  ) {}

  /** Takes a ticket at the end of the queue in `dir` (created when missing). Throws fs errors. */
  static async take(dir: string, owner: OwnerRecord): Promise<QueueTicket> {
    for (let attempt = 0; ; attempt++) {
      await fs.mkdir(dir, { recursive: true });
      const seq = 1 + Math.max(0, ...(await listTickets(dir)).map((t) => t.seq));
      const ticket = new QueueTicket(nodePath.join(dir, ticketName(seq, owner.token)), dir, owner);
      try {
        await ticket.write();
        return ticket;
      } catch (error) {
        // The last holder removes the folder when the queue is empty; it may do so between our
        // mkdir and our ticket. Make it again.
        if (errorCode(error) !== 'ENOENT' || attempt >= 20) throw error;
      }
    }
  }

  private async write(): Promise<void> {
    await fs.writeFile(this.path, ownerText(this.owner), { flag: 'wx' });
  }

  /**
   * How many live tickets are ahead of this one (0: this writer may try the lock). Removes the
   * tickets of waiters that are gone, and puts this ticket back, in its place, if someone removed
   * it (a cleaner that misjudged us, a person tidying the folder).
   */
  async ahead(watch: FreshnessWatch, timing: Timing): Promise<number> {
    const mine = parseTicket(nodePath.basename(this.path))!;
    const tickets = await listTickets(this.dir).catch(() => []);
    if (!tickets.some((t) => t.token === mine.token)) {
      // Best effort: a writer that cannot put its ticket back still waits, just out of line.
      await fs.mkdir(this.dir, { recursive: true }).catch(() => undefined);
      await this.write().catch(() => undefined);
    }
    let count = 0;
    for (const t of tickets) {
      if (t.seq > mine.seq || (t.seq === mine.seq && t.token >= mine.token)) break;
      const path = nodePath.join(this.dir, t.name);
      const file = await readOwnerFile(path);
      if (!file) continue; // it just took the lock, or gave up
      if (isAbandoned(path, file, watch, timing)) {
        // Ticket names are never reused (random part), so this removes exactly the dead one.
        await fs.rm(path, { force: true }).catch(() => undefined);
        watch.forget(path);
        continue;
      }
      count++;
    }
    return count;
  }

  /** Keeps this ticket's heartbeat fresh; called from the wait loop. */
  async beat(heartbeatMs: number): Promise<void> {
    if (Date.now() - this.lastBeat < heartbeatMs) return;
    this.lastBeat = Date.now();
    await fs.utimes(this.path, new Date(), new Date()).catch(() => undefined);
  }

  async leave(): Promise<void> {
    await fs.rm(this.path, { force: true }).catch(() => undefined);
  }
}

interface Listed {
  name: string;
  seq: number;
  token: string;
}

/** The tickets in `dir`, oldest first. */
async function listTickets(dir: string): Promise<Listed[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const tickets: Listed[] = [];
  for (const name of names) {
    const t = parseTicket(name);
    if (t) tickets.push({ name, ...t });
  }
  return tickets.sort((a, b) => a.seq - b.seq || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
}

/** A look-once cleaner cannot watch a heartbeat; a ticket untouched this long is abandoned anyway. */
const UNTOUCHED_MS = 15 * 60_000;
/** Nor can it watch an empty ticket fill up; one empty for a minute was left by a crash. */
const EMPTY_MS = 60_000;

/**
 * Removes, for the leftover cleaner (which looks only once), the tickets of waiters that are
 * certainly gone: dead or reused pid, long untouched, or left empty; and the folder when nothing
 * is left in it. Returns the paths removed.
 */
export async function removeDeadTickets(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const t of await listTickets(dir).catch(() => [])) {
    const path = nodePath.join(dir, t.name);
    const file = await readOwnerFile(path);
    if (!file) continue;
    const age = Date.now() - file.state.mtimeMs;
    const dead = file.owner ? livenessOf(file.owner) === 'gone' || age > UNTOUCHED_MS : age > EMPTY_MS;
    if (!dead) continue;
    await fs.rm(path, { force: true });
    removed.push(path);
  }
  await fs.rmdir(dir).catch(() => undefined);
  return removed;
}
