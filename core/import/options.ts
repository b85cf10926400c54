/**
 * An import's options checked against the workbook before any row is read: match keys, the
 * country, defaults for unmapped fields, reference fields whose missing records may be created,
 * the deal stage and the segment. Each refusal names the option and lists what would be accepted.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { normalizeValue, type NormalizeContext } from '../fields/normalize.js';
import type { Crm } from '../records/crm.js';
import { fieldNamed, fold } from '../schema/lookup.js';
import { ID_HEADER, type DirectoryDef, type FieldDef } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import type { ImportMode, ImportRequest } from './types.js';

/** The ID column as a field a column can map to (a Carnet export re-imported keeps its IDs). */
export const ID_FIELD: FieldDef = { key: 'id', type: 'text', labels: { en: ID_HEADER, fr: ID_HEADER, ru: ID_HEADER } };

export interface CheckedOptions {
  mode: ImportMode;
  match: FieldDef[];
  context: NormalizeContext;
  defaults: Map<FieldDef, Cell>;
  createMissing: Set<string>;
  dealStage?: string;
  segment?: { field: FieldDef; name: string; create: boolean };
}

function fieldOrId(dir: DirectoryDef, name: string): FieldDef | undefined {
  return fold(name) === 'id' ? ID_FIELD : fieldNamed(dir, name);
}

function names(fields: FieldDef[]): string {
  return fields.map((f) => named(f.labels)).join(', ');
}

export async function checkOptions(crm: Crm, dir: DirectoryDef, req: ImportRequest): Promise<CheckedOptions> {
  const schema = crm.schema;
  const lang = schema.lang;
  const mode = req.mode ?? 'upsert';
  const matchNames = req.match?.length ? req.match : [dir.display === 'id' ? 'id' : dir.display];
  const match = matchNames.map((name, i) => {
    const f = fieldOrId(dir, name);
    if (!f) fail({ code: 'E_UNKNOWN_FIELD', directory: dir.key, field: `match[${i}]`, value: name, message: say('Match by: {directory} has no field "{name}" (fields: ID, {fields}).', { directory: named(dir.labels), name, fields: names(dir.fields) }) });
    return f;
  });

  const country = (req.country ?? schema.country).trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) fail({ code: 'E_BAD_INPUT', field: 'country', value: req.country, message: say('Country "{country}": expected a two-letter country code such as RU, FR or US.', { country: String(req.country) }) });
  const context: NormalizeContext = { country, currency: schema.currency, dateOrder: schema.dateOrder, lang };

  const defaults = new Map<FieldDef, Cell>();
  for (const [name, raw] of Object.entries(req.defaults ?? {})) {
    const f = fieldNamed(dir, name);
    if (!f) fail({ code: 'E_UNKNOWN_FIELD', directory: dir.key, field: `defaults.${name}`, value: name, message: say('Default value: {directory} has no field "{name}" (fields: {fields}).', { directory: named(dir.labels), name, fields: names(dir.fields) }) });
    const n = normalizeValue(f, raw, context);
    if (!n.ok) fail({ code: 'E_INVALID_VALUE', directory: dir.key, field: `defaults.${f.key}`, value: raw, message: say('Default {field}: "{value}" is {reason}.', { field: named(f.labels), value: String(raw), reason: n.reason }) });
    if (n.value !== null) defaults.set(f, n.value);
  }

  const createMissing = new Set<string>();
  for (const [i, name] of (req.createMissing ?? []).entries()) {
    const f = fieldNamed(dir, name);
    if (!f || f.type !== 'reference') {
      const refs = dir.fields.filter((x) => x.type === 'reference');
      fail({ code: 'E_BAD_INPUT', directory: dir.key, field: `createMissing[${i}]`, value: name, message: refs.length ? say('Create missing: "{name}" is not a reference field of {directory} (references: {references}).', { name, directory: named(dir.labels), references: names(refs) }) : say('Create missing: "{name}" is not a reference field of {directory}, which has none.', { name, directory: named(dir.labels) }) });
    }
    createMissing.add(f.key);
  }

  const out: CheckedOptions = { mode, match, context, defaults, createMissing };

  if (req.dealStage !== undefined) {
    if (!schema.directories.some((d) => d.key === 'deals') || !schema.directories.some((d) => d.key === 'stages')) {
      fail({ code: 'E_BAD_INPUT', field: 'dealStage', value: req.dealStage, message: say('This workbook has no Deals or Stages directory, so no deal can be created.') });
    }
    if (dir.key !== 'companies' && !dir.fields.some((f) => f.type === 'reference' && f.ref === 'companies')) {
      fail({ code: 'E_BAD_INPUT', field: 'dealStage', value: req.dealStage, message: say('A deal belongs to a company; {directory} have no company to give it.', { directory: named(dir.labels) }) });
    }
    const stages = await crm.table('stages');
    const stage = stages.findByDisplay(req.dealStage)[0];
    if (!stage) {
      const known = stages.records.map((r) => `"${stages.displayOf(r)}"`).join(', ');
      fail({ code: 'E_REFERENCE', directory: 'stages', field: 'dealStage', value: req.dealStage, message: known ? say('Deal stage: there is no stage "{stage}" (stages: {stages}).', { stage: req.dealStage, stages: known }) : say('Deal stage: there is no stage "{stage}": no stages are defined.', { stage: req.dealStage }) });
    }
    out.dealStage = stages.displayOf(stage);
  }

  if (req.segment !== undefined && req.segment.trim() !== '') {
    const field = dir.fields.find((f) => f.type === 'reference' && f.ref === 'segments');
    if (!field) fail({ code: 'E_BAD_INPUT', directory: dir.key, field: 'segment', value: req.segment, message: say('{directory} have no Segment field; add one, or import into a directory that has it (Companies).', { directory: named(dir.labels) }) });
    const segments = await crm.table('segments');
    const found = segments.findByDisplay(req.segment)[0];
    out.segment = { field, name: found ? segments.displayOf(found) : req.segment.trim().replace(/\s+/g, ' '), create: !found };
  }
  return out;
}
