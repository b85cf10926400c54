/**
 * Filling a template from the Templates screen, for a record of its directory named by the
 * person: a name or an ID, typed with the names the sidebar already holds offered as a list
 * (companies from the search index, lookups from the dropdowns' values), so any directory's
 * record can be filled, not only a company from its card.
 */

import { useState } from 'preact/hooks';
import { directory, labelOf, useCarnet, type Carnet } from './context.js';
import type { TemplateInfo } from './template-answers.js';
import { FillDocument } from './template-fill.js';

let recordCount = 0;

/** The names the sidebar fetched once for a directory; none for a directory it does not list. */
function namesOf(c: Carnet, dirKey: string): readonly string[] {
  if (dirKey === 'companies') return c.index.companies.map((r) => r.name);
  return c.index.options[dirKey] ?? [];
}

export function RecordFill({ template }: { template: TemplateInfo }) {
  const c = useCarnet();
  const { schema, lang, t } = c;
  const [id] = useState(() => `record-fill-${++recordCount}`);
  const [record, setRecord] = useState('');
  const dir = directory(schema, template.directory);
  const names = namesOf(c, template.directory);
  return (
    <div class="template-record">
      <div class="field">
        <label for={`${id}-record`}>{t('documentRecord', { directory: dir ? labelOf(dir, lang) : template.directory })}</label>
        <input id={`${id}-record`} value={record} list={names.length ? `${id}-names` : undefined} autoComplete="off" onInput={(e) => setRecord((e.currentTarget as HTMLInputElement).value)} />
        {names.length > 0 && (
          <datalist id={`${id}-names`}>
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        )}
      </div>
      <FillDocument template={template.name} record={record.trim()} />
    </div>
  );
}
