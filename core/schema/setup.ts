/**
 * Setting up a CRM in a workbook: one sheet per directory with its header, the schema saved in
 * `_carnet`, seed rows, then dropdowns and formats. Sheets the user already has are never
 * touched; running it again on a set-up workbook changes nothing.
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { createRecords } from '../records/create.js';
import { Crm } from '../records/crm.js';
import type { Defaults, RecordInput } from '../records/validate.js';
import type { Workbook } from '../workbook.js';
import { headerRow } from './headers.js';
import { sheetLayout } from './layout.js';
import { fold } from './lookup.js';
import { META_VERSION, MetaStore } from './storage.js';
import type { Schema } from './types.js';

export interface SetupResult {
  /** False when the workbook already held a CRM: nothing was changed. */
  created: boolean;
  sheets: string[];
}

export async function setupCrm(
  wb: Workbook,
  schema: Schema,
  seed: Record<string, RecordInput[]>,
  defaults: Defaults,
): Promise<SetupResult> {
  return wb.transaction(async () => {
    const existing = await new MetaStore(wb).load();
    if (existing) return { created: false, sheets: existing.schema.directories.map((d) => d.sheet) };

    const taken = new Set((await wb.sheets()).map((s) => fold(s.name)));
    const clashes = schema.directories.filter((d) => taken.has(fold(d.sheet)));
    if (clashes.length > 0) {
      fail({
        code: 'E_SCHEMA',
        sheet: clashes[0]!.sheet,
        message:
          clashes.length > 1
            ? say('This workbook already has sheets named {sheets}; Carnet will not touch them. Rename them first.', { sheets: clashes.map((d) => `"${d.sheet}"`).join(', ') })
            : say('This workbook already has a sheet named "{sheet}"; Carnet will not touch it. Rename it first.', { sheet: clashes[0]!.sheet }),
      });
    }

    for (const dir of schema.directories) {
      await wb.ensureSheet(dir.sheet);
      await wb.write(dir.sheet, 0, 0, [headerRow(schema, dir)]);
    }
    const crm = Crm.fresh(wb, { version: META_VERSION, schema, counters: {}, extra: {} });
    await crm.saveMeta();
    for (const dir of schema.directories) {
      const rows = seed[dir.key];
      if (rows?.length) await createRecords(crm, dir.key, rows, defaults);
    }
    await applyLayouts(crm);
    return { created: true, sheets: schema.directories.map((d) => d.sheet) };
  });
}

/**
 * Re-applies directories' layouts (after set-up, a schema change, or a big import). `fields` names,
 * per directory, the only fields (`id` for the ID column) whose columns are laid out: a change to
 * one field lays out that field's column alone, so that formats a person gave cells of the other
 * columns stay theirs.
 */
export async function applyLayouts(crm: Crm, only?: string[], fields?: Record<string, string[]>): Promise<void> {
  const tables = new Map<string, Awaited<ReturnType<Crm['table']>>>();
  for (const dir of crm.schema.directories) tables.set(dir.key, await crm.table(dir.key));
  for (const dir of crm.schema.directories) {
    if (only && !only.includes(dir.key)) continue;
    const table = tables.get(dir.key)!;
    const keys = fields?.[dir.key];
    await crm.wb.layout(dir.sheet, sheetLayout(crm.schema, table, (k) => tables.get(k), keys ? new Set(keys) : undefined));
  }
}
