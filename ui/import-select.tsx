/**
 * A labelled select, as the Import and Export screens ask most of their questions: a label
 * above, the choices (value and text), and the value chosen handed back. The directory picker is
 * one of them, listing the schema's directories in the sidebar's language.
 */

import type { ComponentChildren } from 'preact';
import { labelOf, useCarnet } from './context.js';

export interface Choice<T extends string = string> {
  value: T;
  label: string;
}

export function SelectField<T extends string>(props: { id: string; label: ComponentChildren; value: T; choices: readonly Choice<T>[]; onChange(value: T): void; children?: ComponentChildren }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as T)}>
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {props.children}
    </div>
  );
}

export function DirectorySelect(props: { id: string; label: string; value: string; onChange(key: string): void }) {
  const { schema, lang } = useCarnet();
  return <SelectField id={props.id} label={props.label} value={props.value} choices={schema.directories.map((d) => ({ value: d.key, label: labelOf(d, lang) }))} onChange={props.onChange} />;
}
