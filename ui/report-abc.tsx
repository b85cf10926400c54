/**
 * The ABC analysis's own parts of the Reports screen: its thresholds (typed in percent, kept as
 * shares), the field of the customers' directory to write each class to on build, and the ranking
 * the classes come from.
 */

import type { PivotDefinition, PivotResult } from '../core/pivot/types.js';
import { fold } from '../core/schema/lookup.js';
import type { DirectoryDef, Schema } from '../core/schema/types.js';
import { labelOf, useCarnet } from './context.js';
import { formatValue } from './pivot-table.js';
import { directoryOf } from './report-pickers.js';

/** An ABC analysis's customers: the directory its first row field refers to (Sales › Company → Companies). */
function customersOf(schema: Schema, def: PivotDefinition): DirectoryDef | undefined {
  const dir = directoryOf(schema, def.object);
  const path = def.rows[0]?.field;
  if (!dir || !path || path.includes('.')) return undefined;
  const f = dir.fields.find((x) => fold(x.key) === fold(path) || Object.values(x.labels).some((l) => fold(l) === fold(path)));
  return f?.type === 'reference' && f.ref ? schema.directories.find((d) => d.key === f.ref) : undefined;
}

/** A share typed in percent points (80) as the fraction the definition keeps (0.8). */
function percentInput(v: number): string {
  return String(Math.round(v * 1000) / 10);
}

export interface AbcSettingsProps {
  /** Prefix of the inputs' ids. */
  id: string;
  /** A definition with `abc`. */
  definition: PivotDefinition;
  /** The customers' field to write the class to on build, '' for none (not part of the definition). */
  writeClassTo: string;
  onWriteClassTo(field: string): void;
  onChange(definition: PivotDefinition): void;
}

export function AbcSettings({ id, definition, writeClassTo, onWriteClassTo, onChange }: AbcSettingsProps) {
  const { schema, lang, t } = useCarnet();
  const abc = definition.abc!;
  const customers = customersOf(schema, definition);
  // Text, or a choice: what writeAbcClass accepts; the display field names the records.
  const classFields = customers?.fields.filter((f) => (f.type === 'text' || f.type === 'choice') && f.key !== customers.display) ?? [];
  return (
    <fieldset class="editor-part abc">
      <legend>{t('reportAbc')}</legend>
      <div class="abc-shares">
        {(['a', 'b'] as const).map((k) => (
          <div class="field" key={k}>
            <label for={`${id}-${k}`}>{t(k === 'a' ? 'reportAbcA' : 'reportAbcB')}</label>
            <input
              id={`${id}-${k}`}
              type="number"
              min={1}
              max={99}
              step="any"
              value={percentInput(abc[k])}
              onInput={(e) => {
                const v = Number((e.currentTarget as HTMLInputElement).value);
                if ((e.currentTarget as HTMLInputElement).value !== '' && Number.isFinite(v)) onChange({ ...definition, abc: { ...abc, [k]: v / 100 } });
              }}
            />
          </div>
        ))}
      </div>
      <div class="field">
        <label for={`${id}-write`}>{t('reportWriteClass')}</label>
        <select id={`${id}-write`} value={writeClassTo} onChange={(e) => onWriteClassTo((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('reportWriteNowhere')}</option>
          {classFields.map((f) => (
            <option key={f.key} value={f.key}>
              {`${labelOf(customers!, lang)} › ${labelOf(f, lang)}`}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/** The customers an ABC analysis ranked, the class table's detail (also under it in the sheet). */
export function AbcRanking({ result }: { result: PivotResult }) {
  const { lang, t } = useCarnet();
  const ranking = result.abc!;
  const revenue = result.dataFields[2]!;
  const share = result.dataFields[3]!;
  return (
    <details class="abc-ranking">
      <summary>{t('reportRanking', { count: ranking.customers.length })}</summary>
      <div class="pivot-scroll" role="region" aria-label={t('reportRanking', { count: ranking.customers.length })} tabIndex={0}>
        <table class="pivot">
          <thead>
            <tr>
              <th scope="col" class="corner">
                {ranking.customer}
              </th>
              <th scope="col">{revenue.label}</th>
              <th scope="col">{t('reportShare')}</th>
              <th scope="col">{t('reportCumulative')}</th>
              <th scope="col">{t('reportClass')}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.customers.map((c, i) => (
              <tr key={i}>
                <th scope="row" class="first">
                  {c.label}
                </th>
                <td>{formatValue(c.revenue, revenue, lang)}</td>
                <td>{formatValue(c.share, share, lang)}</td>
                <td>{formatValue(c.cumulative, share, lang)}</td>
                <td class="abc-class">{c.class}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
