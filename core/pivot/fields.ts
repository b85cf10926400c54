/**
 * The fields a report can use on a directory, for the Reports screen's pickers: its own fields,
 * then, under each reference's name, the fields of the directory it points to (two references
 * deep: sales → company → city → country). Each with what it can do: be grouped by date, be summed.
 */

import type { Schema, DirectoryDef, FieldType } from '../schema/types.js';

export interface ReportField {
  /** What a definition names: `product`, `company.city`, `company.city.country`. */
  path: string;
  /** "Company › City" in the workbook's language. */
  label: string;
  /** The reference it is reached through, for grouping the picker ("Company"); absent for own fields. */
  via?: string;
  type: FieldType;
  /** Can be grouped by day, week, month… */
  date: boolean;
  /** Can be summed and averaged. */
  numeric: boolean;
}

const NUMERIC = new Set<FieldType>(['integer', 'number', 'money', 'percent']);
const MAX_HOPS = 2;

export function reportFields(schema: Schema, dir: DirectoryDef): ReportField[] {
  const lang = schema.lang;
  const out: ReportField[] = [];
  const walk = (d: DirectoryDef, prefix: string, labelPrefix: string, via: string | undefined, hops: number, seen: Set<string>) => {
    for (const f of d.fields) {
      const path = prefix ? `${prefix}.${f.key}` : f.key;
      const label = labelPrefix ? `${labelPrefix} › ${f.labels[lang]}` : f.labels[lang];
      out.push({ path, label, ...(via ? { via } : {}), type: f.type, date: f.type === 'date' || f.type === 'datetime', numeric: NUMERIC.has(f.type) });
    }
    if (hops >= MAX_HOPS) return;
    for (const f of d.fields) {
      if (f.type !== 'reference' || !f.ref || seen.has(f.ref)) continue;
      const target = schema.directories.find((x) => x.key === f.ref);
      if (!target) continue;
      const path = prefix ? `${prefix}.${f.key}` : f.key;
      const label = labelPrefix ? `${labelPrefix} › ${f.labels[lang]}` : f.labels[lang];
      // The target's display field is the reference itself (company.name is company): left out.
      const before = out.length;
      walk(target, path, label, label, hops + 1, new Set([...seen, f.ref]));
      const displayPath = `${path}.${target.display}`;
      const i = out.findIndex((x, k) => k >= before && x.path === displayPath);
      if (i >= 0) out.splice(i, 1);
    }
  };
  walk(dir, '', '', undefined, 0, new Set([dir.key]));
  return out;
}
