/**
 * The French team's "Clients" sheet and the helpers the adoption tests share
 * (adopt-plan, adopt-apply, adopt-refusals): a CRM set up in French beside it, snapshots of cells.
 */

import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Lang } from '../../../core/schema/types.js';
import { a1, type Cell, type Grid } from '../../../core/workbook.js';
import { ok } from '../../helpers/commands.js';

export const TODAY = serialFromParts(2026, 11, 27);
export const LAST_CALL = serialFromParts(2026, 3, 4);

/**
 * The sheet a French team keeps by hand: their own headers (an abbreviation, trailing spaces, a
 * personal column), a local phone, a bad email, an upper-case email, a town typed in lower case,
 * the same company twice, and a row with a note only.
 */
export const CLIENTS: Grid = [
  ['Société', 'Tél. ', 'E-mail', 'Ville ', 'Notes perso', 'Dernier appel'],
  ['Dupont SA', '06 12 34 56 78', 'contact@dupont.fr', 'Lyon', 'Client depuis 2019', LAST_CALL],
  ['Bâti Nord', '+33320000000', 'jean.dupont@', 'Lille', null, null],
  ['Dupont SA', null, null, 'Lille', null, null],
  ['Atelier Rivière', '03 20 11 22 33', 'Info@Atelier-Riviere.fr', 'lyon', 'rappeler en mars', null],
  [null, null, null, null, 'Penser à la TVA', null],
];

export async function frenchCrm(rows: Grid = CLIENTS, lang: Lang = 'fr'): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'marie@example.fr', name: 'Marie' });
  await setupCrm(wb, defaultCrmSchema(lang), { ...defaultSeedRows(lang), cities: [{ name: 'Lyon' }] }, { today: TODAY, now: TODAY, user: 'marie@example.fr' });
  await wb.ensureSheet('Clients');
  await wb.write('Clients', 0, 0, rows);
  // Marie reads English (the sidebar's language picked): the messages below are asserted in it;
  // test/core/messages/schema.test.ts asserts them in the workbook's French and in Russian.
  return { wb, ctx: { wb, now: () => TODAY, lang: 'en' } };
}

/** Every non-empty cell of every sheet but Carnet's own, by address. */
export function cells(wb: MemoryWorkbook): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const s of wb.sheetList) {
    if (s.name.startsWith('_carnet') || s.name === 'Audit') continue; // Carnet's own sheets (the audit log grows with every write)
    s.cells.forEach((row, r) => row?.forEach((v, c) => v !== null && v !== undefined && (out[`${s.name}!${a1(r, c)}`] = v)));
  }
  return out;
}

/** What changed between two snapshots: address → [before, after]. */
export function diff(before: Record<string, Cell>, after: Record<string, Cell>): Record<string, [Cell, Cell]> {
  const out: Record<string, [Cell, Cell]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[k] !== after[k]) out[k] = [before[k] ?? null, after[k] ?? null];
  }
  return out;
}

/** The same sheet once the team told its two Dupont apart. */
export const FIXED: Grid = CLIENTS.map((row, r) => (r === 3 ? ['Dupont SA (Lille)', ...row.slice(1)] : row));

export const ALL_WRITES = { addIds: true, addColumns: true, normalize: true, addReferenced: true };

export async function plan(ctx: Context, input: Record<string, unknown> = {}): Promise<any> {
  return ok(ctx, 'directory.adopt.plan', { sheet: 'clients', directory: 'Sociétés', ...input });
}

/** Adopts with the plan's mapping and the given writes, as the sidebar and the CLI do. */
export async function adopt(ctx: Context, writes: Record<string, boolean> = {}): Promise<any> {
  return ok(ctx, 'directory.adopt', (await plan(ctx, writes)).apply);
}

export async function schemaOf(ctx: Context): Promise<any> {
  return ok(ctx, 'schema.get', {});
}
