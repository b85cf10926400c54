/**
 * The Documents action of a record (issue 11): the templates that fill from its directory
 * (`template.list`: the team's and Carnet's built-ins), one picked, filled and downloaded.
 */

import { useEffect, useState } from 'preact/hooks';
import { directory, labelOf, useCarnet } from './context.js';
import type { TemplateInfo, TemplateList } from './template-answers.js';
import { FillDocument } from './template-fill.js';
import { Failure } from './template-problems.js';

let panelCount = 0;

/** The templates of one directory, the team's first (they are why an admin uploaded them). */
export function templatesFor(all: readonly TemplateInfo[], dirKey: string): TemplateInfo[] {
  const of = all.filter((x) => x.directory === dirKey);
  return [...of.filter((x) => !x.builtin), ...of.filter((x) => x.builtin)];
}

export function DocumentsPanel(props: { dirKey: string; record: string; title: string; onClose(): void }) {
  const { bridge, schema, lang, t } = useCarnet();
  const [id] = useState(() => `documents-${++panelCount}`);
  const [templates, setTemplates] = useState<TemplateInfo[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [picked, setPicked] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    bridge.call<TemplateList>('template.list').then(
      (list) => {
        if (!current) return;
        const mine = templatesFor(list.templates, props.dirKey);
        setTemplates(mine);
        setPicked(mine[0]?.name);
      },
      (e: unknown) => current && setFailure((e as Error).message),
    );
    return () => {
      current = false;
    };
  }, [props.dirKey]);

  const dir = directory(schema, props.dirKey);
  return (
    <section class="documents" aria-labelledby={`${id}-title`}>
      <div class="item-head">
        <h3 id={`${id}-title`}>{t('documentsTitle', { name: props.title })}</h3>
        <button type="button" class="link" onClick={props.onClose}>
          {t('close')}
        </button>
      </div>
      {failure ? (
        <Failure message={failure} />
      ) : !templates ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : templates.length === 0 ? (
        <p class="muted">{t('documentsNone', { directory: dir ? labelOf(dir, lang) : props.dirKey })}</p>
      ) : (
        <>
          <fieldset class="documents-pick">
            <legend>{t('documentsPick')}</legend>
            {templates.map((x) => (
              <label key={x.name} class="check">
                <input type="radio" name={`${id}-template`} value={x.name} checked={picked === x.name} onChange={() => setPicked(x.name)} />
                {x.name}
                {x.builtin && <span class="badge">{t('templateBuiltin')}</span>}
              </label>
            ))}
          </fieldset>
          <FillDocument key={picked} template={picked} record={props.record} />
        </>
      )}
    </section>
  );
}
