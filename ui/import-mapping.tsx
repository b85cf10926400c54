/**
 * The mapping table: each column of the file, a few of its values, and the field it fills (or
 * "ignore"), with where the suggestion came from — the mapping saved by an earlier import of a
 * file with the same headers, the header's name, or the values. A full-name column can also fill
 * first and last name (in either order); a date column shows the order it is read in and whether
 * the file could not tell. Every change goes to the parent, which plans again.
 */

import type { ColumnMap, ColumnReport, DateOrder, ImportPlan, NameSplit, Suggestion } from '../core/import/types.js';
import type { Cell } from '../core/workbook.js';
import { directory, useCarnet } from './context.js';
import { fieldGroups, splitsNames, targetLabel } from './import-fields.js';
import type { MessageKey } from './i18n.js';

const FROM: Record<Suggestion, MessageKey | undefined> = {
  saved: 'importFromSaved',
  given: 'importFromGiven',
  header: 'importFromHeader',
  samples: 'importFromSamples',
  none: undefined,
};

const ORDERS: { value: DateOrder; name: MessageKey }[] = [
  { value: 'dmy', name: 'importDmy' },
  { value: 'mdy', name: 'importMdy' },
  { value: 'ymd', name: 'importYmd' },
];

function sample(v: Cell): string {
  const s = String(v).replace(/\s+/g, ' ');
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

/**
 * The mapping with one column changed (an undefined option is removed; another field drops the
 * name split); a field taken by another column leaves it, since the core refuses a field twice.
 */
export function remap(mapping: readonly ColumnMap[], column: number, change: Partial<ColumnMap>): ColumnMap[] {
  const field = change.field;
  return mapping.map((m) => {
    if (m.column === column) {
      const next: ColumnMap = { ...m, ...change };
      if ('field' in change && change.field !== m.field) delete next.split;
      if (next.split === undefined) delete next.split;
      if (next.dateOrder === undefined) delete next.dateOrder;
      return next;
    }
    return field && m.field === field ? { column: m.column, field: null } : m;
  });
}

export function MappingTable(props: { id: string; plan: ImportPlan; mapping: readonly ColumnMap[]; suggested: readonly ColumnReport[]; onChange(mapping: ColumnMap[]): void }) {
  const { schema, lang, t } = useCarnet();
  const { id, plan, mapping } = props;
  const dir = directory(schema, plan.directory);
  const groups = fieldGroups(plan.fields);
  const names = splitsNames(dir);

  return (
    <section class="import-part" aria-labelledby={`${id}-mapping`}>
      <h3 id={`${id}-mapping`}>{t('importMapping')}</h3>
      <ol class="import-cols">
        {plan.columns.map((col) => {
          const m = mapping.find((x) => x.column === col.column) ?? { column: col.column, field: null };
          const suggestion = props.suggested.find((s) => s.column === col.column);
          const from: Suggestion = suggestion && suggestion.field === m.field ? suggestion.from : m.field === null ? 'none' : 'given';
          const fromKey = FROM[from];
          const select = `${id}-col-${col.column}`;
          const header = col.header.trim();
          return (
            <li key={col.column} class={m.field === null ? 'import-col ignored' : 'import-col'}>
              <div class="import-col-head">
                <span class="col-header" title={header}>
                  {header || t('importColumnN', { n: col.column + 1 })}
                </span>
                <span aria-hidden="true">→</span>
                <label for={select} class="visually-hidden">
                  {t('importColumnFills', { header: header || t('importColumnN', { n: col.column + 1 }) })}
                </label>
                <select id={select} value={m.field ?? ''} onChange={(e) => props.onChange(remap(mapping, col.column, { field: (e.currentTarget as HTMLSelectElement).value || null }))}>
                  <option value="">{t('importIgnore')}</option>
                  {groups.map((g) => {
                    const options = g.fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {targetLabel(schema, dir, f, lang)}
                        {f.required ? ' *' : ''}
                      </option>
                    ));
                    return g.via ? (
                      <optgroup key={g.via} label={targetLabel(schema, dir, { key: g.via, label: g.via }, lang)}>
                        {options}
                      </optgroup>
                    ) : (
                      options
                    );
                  })}
                </select>
              </div>
              <p class="import-col-info">
                {col.samples.length > 0 && <span class="muted">{t('adoptSamples', { list: col.samples.map(sample).join(' · ') })}</span>}
                {fromKey && <span class="badge">{t(fromKey)}</span>}
              </p>
              {names && (m.field === dir?.display || m.split || col.split) && m.field !== null && (
                <div class="import-col-extra">
                  <label for={`${select}-split`}>{t('importSplit')}</label>
                  <select id={`${select}-split`} value={m.split ?? ''} onChange={(e) => {
                    const v = (e.currentTarget as HTMLSelectElement).value as NameSplit | '';
                    props.onChange(remap(mapping, col.column, { split: v || undefined }));
                  }}>
                    <option value="">{t('importNoSplit')}</option>
                    <option value="first-last">{t('importFirstLast')}</option>
                    <option value="last-first">{t('importLastFirst')}</option>
                  </select>
                </div>
              )}
              {col.dates && m.field !== null && (
                <div class="import-col-extra">
                  <label for={`${select}-dates`}>{t('importDateOrder')}</label>
                  <select id={`${select}-dates`} value={m.dateOrder ?? col.dates.order} onChange={(e) => props.onChange(remap(mapping, col.column, { dateOrder: (e.currentTarget as HTMLSelectElement).value as DateOrder }))}>
                    {ORDERS.map((o) => (
                      <option key={o.value} value={o.value}>
                        {t(o.name)}
                      </option>
                    ))}
                  </select>
                  <p class={col.dates.ambiguous && !m.dateOrder ? 'import-note warn' : 'import-note'}>
                    {col.dates.ambiguous && !m.dateOrder && <b>{t('importAmbiguous')} </b>}
                    {col.dates.note}
                  </p>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
