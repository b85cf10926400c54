/**
 * The pickers the report editor is made of: a field picker listing the directory's own fields
 * under its name and the fields reached through each reference under the reference's name
 * (`<optgroup>`), a part of the definition (rows, columns…) with its add button, and a remove button.
 */

import type { ComponentChildren } from 'preact';
import type { ReportField } from '../core/pivot/fields.js';
import { fold } from '../core/schema/lookup.js';
import type { DirectoryDef, Schema } from '../core/schema/types.js';
import { useCarnet } from './context.js';

/** The directory a definition names, by key or by label in any language (`sales`, `Ventes`). */
export function directoryOf(schema: Schema, name: string): DirectoryDef | undefined {
  const f = fold(name);
  return schema.directories.find((d) => fold(d.key) === f || Object.values(d.labels).some((l) => fold(l) === f));
}

/** The field a definition names, by its path in any case. */
export function fieldAt(fields: readonly ReportField[], path: string): ReportField | undefined {
  const f = fold(path);
  return fields.find((x) => fold(x.path) === f);
}

export function replaced<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, k) => (k === i ? item : x));
}

export function removed<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, k) => k !== i);
}

export interface FieldSelectProps {
  id: string;
  label: string;
  value: string;
  fields: readonly ReportField[];
  /** The directory's own fields are listed under its name; the others under the reference they go through. */
  ownGroup: string;
  /** The first entry, for "no field" (a count of records). */
  none?: string;
  onChange(path: string): void;
}

export function FieldSelect({ id, label, value, fields, ownGroup, none, onChange }: FieldSelectProps) {
  const groups: { label: string; fields: ReportField[] }[] = [];
  for (const f of fields) {
    const name = f.via ?? ownGroup;
    const group = groups.find((g) => g.label === name);
    if (group) group.fields.push(f);
    else groups.push({ label: name, fields: [f] });
  }
  const known = value === '' ? none !== undefined : !!fieldAt(fields, value);
  const selected = value === '' ? '' : (fieldAt(fields, value)?.path ?? value);
  return (
    <>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <select id={id} value={selected} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {none !== undefined && <option value="">{none}</option>}
        {!known && <option value={value}>{value || '—'}</option>}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.fields.map((f) => (
              <option key={f.path} value={f.path}>
                {f.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}

export function Part({ legend, children, onAdd, add }: { legend: string; children: ComponentChildren; onAdd(): void; add: string }) {
  return (
    <fieldset class="editor-part">
      <legend>{legend}</legend>
      {children}
      <button type="button" class="link" onClick={onAdd}>
        + {add}
      </button>
    </fieldset>
  );
}

export function RemoveButton({ what, onClick }: { what: string; onClick(): void }) {
  const { t } = useCarnet();
  const label = t('reportRemove', { what });
  return (
    <button type="button" class="link remove" aria-label={label} title={label} onClick={onClick}>
      ✕
    </button>
  );
}
