/** Commands over records of any directory. */

import { createRecords } from '../records/create.js';
import { Crm } from '../records/crm.js';
import { deleteRecord } from '../records/remove.js';
import { findRecord } from '../records/find.js';
import { listRecords } from '../records/list.js';
import { recordJson } from '../records/record-json.js';
import { updateRecord } from '../records/update.js';
import { createSaleRecord, hasSaleRules, updateSaleRecord } from '../sales/sale.js';
import { requireDirectory } from '../schema/lookup.js';
import { onDirectory } from '../access/needs.js';
import { command } from './command.js';
import { defaultsOf } from './defaults.js';
import { cell, dict, object, optional, str } from './input.js';

export const recordCommands = [
  command(
    {
    name: 'record.list',
    access: onDirectory('view', (i) => i.directory),
    summary: 'Records of a directory, optionally filtered by field values',
    input: object({ directory: str, where: optional(dict(cell)) }),
    },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const dir = requireDirectory(crm.schema, input.directory);
      return { directory: dir.key, records: await listRecords(crm, dir.key, input.where) };
    },
  ),
  command(
    {
    name: 'record.get',
    access: onDirectory('view', (i) => i.directory),
    summary: 'One record by ID or display key',
    input: object({ directory: str, id: str }),
    },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const dir = requireDirectory(crm.schema, input.directory);
      return recordJson(dir, findRecord(crm, await crm.table(dir.key), input.id));
    },
  ),
  command(
    {
    name: 'record.create',
    access: onDirectory('create', (i) => i.directory),
    summary: 'Create a record; fields by key or label',
    input: object({ directory: str, values: dict(cell) }),
    },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const dir = requireDirectory(crm.schema, input.directory);
      // Sales keep their rules (price from the product, discount, amount formula) whichever way they come in.
      if (dir.key === 'sales' && hasSaleRules(crm)) return createSaleRecord(crm, input.values, await defaultsOf(ctx));
      const [created] = await createRecords(crm, dir.key, [input.values], await defaultsOf(ctx));
      return created;
    },
  ),
  command(
    {
    name: 'record.update',
    access: onDirectory('edit', (i) => i.directory, (i) => i.id),
    summary: 'Change fields of a record; renaming its key updates every reference to it',
    input: object({ directory: str, id: str, values: dict(cell) }),
    },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const dir = requireDirectory(crm.schema, input.directory);
      if (dir.key === 'sales' && hasSaleRules(crm)) return updateSaleRecord(crm, input.id, input.values, await defaultsOf(ctx));
      return updateRecord(crm, dir.key, input.id, input.values, await defaultsOf(ctx));
    },
  ),
  command(
    {
    name: 'record.delete',
    access: onDirectory('delete', (i) => i.directory, (i) => i.id),
    summary: 'Delete a record no other record references',
    input: object({ directory: str, id: str }),
    },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const dir = requireDirectory(crm.schema, input.directory);
      return deleteRecord(crm, dir.key, input.id);
    },
  ),
];
