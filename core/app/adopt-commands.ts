/**
 * Adopting a sheet the team already keeps as a directory's sheet: first a read-only plan (the
 * proposed mapping, each cell's verdict, every change applying would make), then the adoption of
 * the mapping the admin confirmed. See core/schema/adopt.ts. `workbook.sheets` lists the sheets
 * that could be adopted, for the sidebar's picker.
 */

import { Crm } from '../records/crm.js';
import { fold } from '../schema/lookup.js';
import { META_SHEET } from '../schema/storage.js';
import { right } from '../access/needs.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { bool, dict, object, optional, str, type Check } from './input.js';

/**
 * Adoption's code (about 30 KB with its header synonyms) is loaded when an admin first adopts a
 * sheet: a chunk of its own in the Excel task pane, whose first load has a budget (scripts/budgets.ts).
 */
const adoption = () => import('../schema/adopt.js');

/** A header, or null to leave the field without a column. */
const header: Check<string | null> = (v, p) => (v === null ? null : str(v, p));

const options = {
  sheet: str,
  directory: str,
  addIds: optional(bool),
  addColumns: optional(bool),
  normalize: optional(bool),
  addReferenced: optional(bool),
};

/** A sheet no directory uses, as `workbook.sheets` lists it. */
export interface FreeSheet {
  name: string;
  /** Rows and columns of the used range, counted from A1 (the header row included). */
  rows: number;
  columns: number;
}

export const adoptCommands = [
  command(
    {
      name: 'workbook.sheets',
      // Read: anyone who opens the spreadsheet sees its tabs; adopting one stays an admin's act.
      access: right('configure', false),
      summary: 'The visible sheets no directory uses (the sheets a team keeps by hand), in tab order',
      input: object({}),
    },
    async (ctx): Promise<{ sheets: FreeSheet[] }> => {
      const crm = await Crm.open(ctx.wb);
      const used = new Set(crm.schema.directories.map((d) => fold(d.sheet)));
      const sheets = (await ctx.wb.sheets())
        .filter((s) => s.visibility === 'visible' && !used.has(fold(s.name)) && !s.name.toLowerCase().startsWith(META_SHEET))
        .map((s) => ({ name: s.name, rows: s.rows, columns: s.columns }));
      return { sheets };
    },
  ),
  command(
    {
      name: 'directory.adopt.plan',
      access: right('configure', false),
      summary: "Propose how a team's own sheet would become a directory's sheet; changes nothing",
      input: object({ ...options, mapping: optional(dict(header)) }),
    },
    async (ctx, input) => {
      return (await adoption()).planAdoption(ctx.wb, input);
    },
  ),
  command(
    {
      name: 'directory.adopt',
      access: right('configure', true),
      summary: "Make a team's own sheet a directory's sheet, with the mapping and writes confirmed",
      input: object({ ...options, mapping: dict(header) }),
    },
    async (ctx, input) => {
      return (await adoption()).adoptSheet(ctx.wb, input, await defaultsOf(ctx));
    },
  ),
];
