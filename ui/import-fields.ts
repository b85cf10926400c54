/**
 * What the Import screen offers in its lists: the fields a column can fill (labelled in the
 * sidebar's language from the schema; the plan's own labels are the workbook's), the encodings and
 * delimiters a person may force. The core decides what fits; these only name the choices.
 */

import type { ImportPlan } from '../core/import/types.js';
import type { DirectoryDef, FieldDef, Lang, Schema } from '../core/schema/types.js';
import { directory, labelOf } from './context.js';
import type { MessageKey } from './i18n.js';

export const DELIMITERS: { value: string; name: MessageKey }[] = [
  { value: ',', name: 'importComma' },
  { value: ';', name: 'importSemicolon' },
  { value: '\t', name: 'importTab' },
  { value: '|', name: 'importPipe' },
];

export const QUOTES: { value: string; name: MessageKey }[] = [
  { value: '"', name: 'importDoubleQuote' },
  { value: "'", name: 'importSingleQuote' },
];

export function delimiterName(value: string | undefined): MessageKey | undefined {
  return DELIMITERS.find((d) => d.value === value)?.name;
}

export type PlanField = ImportPlan['fields'][number];

/**
 * A target's label in the sidebar's language: the field's own, or "Company › City" for a field of
 * the record a reference names. A key the schema does not know keeps the plan's label.
 */
export function targetLabel(schema: Schema, dir: DirectoryDef | undefined, f: Pick<PlanField, 'key' | 'label'>, lang: Lang): string {
  if (f.key === 'id') return 'ID';
  const dot = f.key.indexOf('.');
  const own = dir?.fields.find((x) => x.key === (dot < 0 ? f.key : f.key.slice(0, dot)));
  if (!own) return f.label;
  if (dot < 0) return labelOf(own, lang);
  const target = own.ref ? directory(schema, own.ref)?.fields.find((x) => x.key === f.key.slice(dot + 1)) : undefined;
  return target ? `${labelOf(own, lang)} › ${labelOf(target, lang)}` : f.label;
}

/** The plan's fields as the mapping's select groups them: the directory's own, then one group per reference. */
export function fieldGroups(fields: readonly PlanField[]): { via?: string; fields: PlanField[] }[] {
  const groups: { via?: string; fields: PlanField[] }[] = [{ fields: [] }];
  for (const f of fields) {
    const dot = f.key.indexOf('.');
    if (dot < 0) {
      groups[0]!.fields.push(f);
      continue;
    }
    const via = f.key.slice(0, dot);
    let g = groups.find((x) => x.via === via);
    if (!g) groups.push((g = { via, fields: [] }));
    g.fields.push(f);
  }
  return groups;
}

/** The directory's reference fields: each can have its missing records created by the import. */
export function referenceFields(dir: DirectoryDef | undefined): FieldDef[] {
  return dir?.fields.filter((f) => f.type === 'reference' && !!f.ref) ?? [];
}

/** A contact-like directory: a full-name column can fill first and last name too. */
export function splitsNames(dir: DirectoryDef | undefined): boolean {
  return !!dir && dir.fields.some((f) => f.key === 'first_name') && dir.fields.some((f) => f.key === 'last_name');
}
