/**
 * The preview: what `import.plan` (a dry run, nothing written) says the import would do — rows
 * per outcome, the records it would create in referenced directories (a contact's new company),
 * the deals and the segment, the core's warnings, and every row it would skip or reject, why.
 */

import type { ImportPlan } from '../core/import/types.js';
import type { SourceTable } from '../core/import/source-types.js';
import { directory, labelOf, useCarnet } from './context.js';
import { OutcomeCounts, ProblemRows } from './import-rows.js';

/** "contacts.csv" → "contacts-rejected.csv": the file the person fixes and imports again. */
export function rejectedName(name: string | undefined): string {
  const base = (name ?? 'import').replace(/\.[^.]*$/, '');
  return `${base}-rejected.csv`;
}

export function ImportPreview(props: { id: string; plan: ImportPlan; table: SourceTable | undefined; fromCsv: boolean; planning: boolean }) {
  const { schema, lang, t } = useCarnet();
  const { id, plan } = props;
  const dirLabel = (key: string) => {
    const d = directory(schema, key);
    return d ? labelOf(d, lang) : key;
  };

  return (
    <section class="import-part import-preview" aria-labelledby={`${id}-preview`} aria-busy={props.planning}>
      <h3 id={`${id}-preview`}>{t('importPreview')}</h3>
      <p class="muted">{t('importPreviewIntro', { count: plan.source.rows, directory: dirLabel(plan.directory) })}</p>
      <OutcomeCounts counts={plan.counts} label={t('importPreview')} />
      {(plan.links.some((l) => l.create.length > 0) || plan.deals > 0 || plan.segment) && (
        <ul class="import-notes">
          {plan.links
            .filter((l) => l.create.length > 0)
            .map((l) => (
              <li key={l.field}>
                {t('importLinksCreate', { count: l.create.length, directory: dirLabel(l.directory), list: l.create.slice(0, 5).join(', ') + (l.create.length > 5 ? ', …' : '') })}
              </li>
            ))}
          {plan.deals > 0 && <li>{t('importDealsCreate', { count: plan.deals })}</li>}
          {plan.segment && <li>{t(plan.segment.create ? 'importSegmentNew' : 'importSegmentSet', { name: plan.segment.name })}</li>}
        </ul>
      )}
      {plan.warnings.length > 0 && (
        <ul class="import-notes warn">
          {plan.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <ProblemRows rows={plan.rows} table={props.table} fromCsv={props.fromCsv} fileName={rejectedName(plan.source.name)} />
    </section>
  );
}
