/**
 * The company card: what the sidebar shows and records. Every write returns the fresh card with the
 * record it made, so the screen updates from the same round trip (0.3–1.5 s each in Google Sheets).
 */

import { addContact, addNote, createCompany, updateCompany, updateContact } from '../card/actions.js';
import { companyCard, type CompanyCard } from '../card/card.js';
import { buildCompanyIndex, type CompanyIndexRow } from '../card/index-rows.js';
import { formOptions } from '../card/options.js';
import { Crm } from '../records/crm.js';
import type { RecordJson } from '../records/record-json.js';
import type { Schema } from '../schema/types.js';
import { salesCurrency } from '../sales/fields.js';
import type { UserInfo } from '../workbook.js';
import { anyone, onDirectory } from '../access/needs.js';
import { canView, command, type Context } from './command.js';
import { defaultsOf } from './defaults.js';
import { cell, dict, object, str } from './input.js';

export interface CardIndex {
  schema: Schema;
  user: UserInfo;
  currency: string;
  companies: CompanyIndexRow[];
  /** Directory key → display values, for the forms' dropdowns (see core/card/options.ts). */
  options: Record<string, string[]>;
  /** Product name → list unit price. */
  prices: Record<string, number>;
}

/** What a write from the card returns: the record written and the card as it now is. */
export interface CardWrite {
  record: RecordJson;
  /** Null only when the record belongs to no company any more (a contact moved out of every company). */
  card: CompanyCard | null;
}

const values = dict(cell);

/** The card after a write, read in the same command (the write dropped the stale caches). */
export async function cardAfter(ctx: Context, crm: Crm, company: string, record: RecordJson): Promise<CardWrite> {
  return { record, card: company.trim() === '' ? null : await companyCard(crm, company, ctx.now(), (key) => canView(ctx, key)) };
}

export const cardCommands = [
  command(
    {
      name: 'card.index',
      access: anyone('only the directories the user may view are sent'),
      summary: 'Everything the sidebar searches and offers in dropdowns, fetched once: companies, lookups, prices',
      input: object({}),
    },
    async (ctx): Promise<CardIndex> => {
      const crm = await Crm.open(ctx.wb);
      const visible = (key: string) => canView(ctx, key);
      const contacts = crm.schema.directories.some((d) => d.key === 'contacts') && visible('contacts') ? await crm.table('contacts') : undefined;
      return {
        schema: crm.schema,
        user: await ctx.wb.user(),
        currency: salesCurrency(crm.schema),
        companies: visible('companies') ? buildCompanyIndex(await crm.table('companies'), contacts) : [],
        ...(await formOptions(crm, visible)),
      };
    },
  ),
  command(
    {
      name: 'card.get',
      access: onDirectory('view', () => 'companies'),
      summary: "A company's card: fields, contacts, notes, sales with totals, open deals and tasks",
      input: object({ company: str }),
    },
    async (ctx, input): Promise<CompanyCard> => companyCard(await Crm.open(ctx.wb), input.company, ctx.now(), (key) => canView(ctx, key)),
  ),
  command(
    {
      name: 'company.create',
      access: onDirectory('create', () => 'companies'),
      summary: 'Create a company; owner and creation date default to you and today',
      input: object({ values }),
    },
    async (ctx, input): Promise<CardWrite> => {
      return ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const record = await createCompany(crm, input.values, await defaultsOf(ctx));
        return cardAfter(ctx, crm, record.id, record);
      });
    },
  ),
  command(
    {
      name: 'company.update',
      access: onDirectory('edit', () => 'companies', (i) => i.company),
      summary: "Change a company's fields; a new name follows into every reference",
      input: object({ company: str, values }),
    },
    async (ctx, input): Promise<CardWrite> => {
      return ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const { record } = await updateCompany(crm, input.company, input.values, await defaultsOf(ctx));
        return cardAfter(ctx, crm, record.id || record.display, record);
      });
    },
  ),
  command(
    {
      name: 'contact.add',
      access: onDirectory('create', () => 'contacts'),
      summary: "Add a contact to a company; the full name is made from first and last names if left empty",
      input: object({ company: str, values }),
    },
    async (ctx, input): Promise<CardWrite> => {
      return ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        return cardAfter(ctx, crm, input.company, await addContact(crm, input.company, input.values, await defaultsOf(ctx)));
      });
    },
  ),
  command(
    {
      name: 'contact.update',
      access: onDirectory('edit', () => 'contacts', (i) => i.contact),
      summary: "Change a contact; a full name made from first and last names follows them",
      input: object({ contact: str, values }),
    },
    async (ctx, input): Promise<CardWrite> => {
      return ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        const { record } = await updateContact(crm, input.contact, input.values, await defaultsOf(ctx));
        return cardAfter(ctx, crm, String(record.values.company ?? ''), record);
      });
    },
  ),
  command(
    {
      name: 'note.add',
      access: onDirectory('create', () => 'notes'),
      summary: "Add a note to a company's timeline, dated now and signed by you",
      input: object({ company: str, values }),
    },
    async (ctx, input): Promise<CardWrite> => {
      return ctx.wb.transaction(async () => {
        const crm = await Crm.open(ctx.wb);
        return cardAfter(ctx, crm, input.company, await addNote(crm, input.company, input.values, await defaultsOf(ctx)));
      });
    },
  ),
];
