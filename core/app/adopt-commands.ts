/**
 * Adopting a sheet the team already keeps as a directory's sheet: first a read-only plan (the
 * proposed mapping, each cell's verdict, every change applying would make), then the adoption of
 * the mapping the admin confirmed. See core/schema/adopt.ts.
 */

import { adoptSheet, planAdoption } from '../schema/adopt.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { bool, dict, object, optional, str, type Check } from './input.js';

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

export const adoptCommands = [
  command(
    {
      name: 'directory.adopt.plan',
      right: 'admin',
      summary: "Propose how a team's own sheet would become a directory's sheet; changes nothing",
      input: object({ ...options, mapping: optional(dict(header)) }),
    },
    async (ctx, input) => {
      return planAdoption(ctx.wb, input);
    },
  ),
  command(
    {
      name: 'directory.adopt',
      right: 'admin',
      summary: "Make a team's own sheet a directory's sheet, with the mapping and writes confirmed",
      input: object({ ...options, mapping: dict(header) }),
    },
    async (ctx, input) => {
      return adoptSheet(ctx.wb, input, await defaultsOf(ctx));
    },
  ),
];
