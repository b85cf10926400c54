/**
 * The Templates screen (issue 11): the templates of this spreadsheet and Carnet's built-ins, each
 * with the directory it fills from and its file-name pattern; an admin uploads one (its problems
 * shown at once) or removes one; anyone checks one, fills one for a record, or reads a directory's
 * tag catalogue and downloads its sample document. Uploading and removing are offered to who may
 * manage templates, checking and filling to who may use them; the commands refuse the rest.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { encodeBase64 } from '../core/export/base64.js';
import { directory, labelOf, useCarnet } from './context.js';
import { DirectorySelect } from './import-select.js';
import { can } from './rights.js';
import type { TemplateAdded, TemplateChecked, TemplateInfo, TemplateList } from './template-answers.js';
import { Failure, TemplateProblems } from './template-problems.js';
import { RecordFill } from './template-record.js';
import { TagCatalogue } from './template-tags.js';

let templatesCount = 0;

/** What is open under a template of the list. */
type Opened = { name: string; what: 'check' | 'fill' | 'remove' };

function message(e: unknown): string {
  return (e as Error).message;
}

/** `template.check` of a stored template, run when opened. */
function TemplateCheck({ template }: { template: string }) {
  const { bridge, t } = useCarnet();
  const [checked, setChecked] = useState<TemplateChecked | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  useEffect(() => {
    let current = true;
    bridge.call<TemplateChecked>('template.check', { template }).then(
      (c) => current && setChecked(c),
      (e: unknown) => current && setFailure(message(e)),
    );
    return () => {
      current = false;
    };
  }, [template]);

  if (failure) return <Failure message={failure} />;
  if (!checked) return <p aria-busy="true">{t('templateChecking')}</p>;
  return <TemplateProblems template={template} problems={checked.problems} />;
}

/** "Invoice 2026.docx" → "Invoice 2026": the name a template is offered under, unless the person types another. */
function nameFromFile(fileName: string): string {
  return fileName.replace(/\.docx$/i, '').trim();
}

function UploadTemplate({ onAdded }: { onAdded(added: TemplateAdded): void }) {
  const { bridge, schema, t, announce } = useCarnet();
  const [id] = useState(() => `upload-${++templatesCount}`);
  const [file, setFile] = useState<File | undefined>();
  const [name, setName] = useState('');
  const [dirKey, setDirKey] = useState(() => (schema.directories.some((d) => d.key === 'companies') ? 'companies' : (schema.directories[0]?.key ?? '')));
  const [pattern, setPattern] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [added, setAdded] = useState<TemplateAdded | undefined>();

  async function upload() {
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    setAdded(undefined);
    try {
      const base64 = encodeBase64(new Uint8Array(await file.arrayBuffer()));
      const input = { name: name.trim() || nameFromFile(file.name), directory: dirKey, file: base64, ...(pattern.trim() ? { fileName: pattern.trim() } : {}) };
      const answer = await bridge.call<TemplateAdded>('template.add', input);
      setAdded(answer);
      announce(t('templateAdded', { name: answer.template.name }));
      onAdded(answer);
    } catch (e) {
      setFailure(message(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="template-upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void upload();
      }}
    >
      <div class="field">
        <label for={`${id}-file`}>{t('templateFile')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(e) => {
            const picked = (e.currentTarget as HTMLInputElement).files?.[0];
            setFile(picked);
            if (picked && !name.trim()) setName(nameFromFile(picked.name));
          }}
        />
      </div>
      <div class="field">
        <label for={`${id}-name`}>{t('templateName')}</label>
        <input id={`${id}-name`} value={name} autoComplete="off" onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <DirectorySelect id={`${id}-dir`} label={t('templateDirectory')} value={dirKey} onChange={setDirKey} />
      <div class="field">
        <label for={`${id}-pattern`}>
          {t('templatePattern')} <span class="muted">{t('optional')}</span>
        </label>
        <input id={`${id}-pattern`} value={pattern} placeholder={t('templatePatternExample')} autoComplete="off" onInput={(e) => setPattern((e.currentTarget as HTMLInputElement).value)} />
        <div class="field-hint">{t('templatePatternHint')}</div>
      </div>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || !file}>
          {busy ? t('templateUploading') : t('templateUpload')}
        </button>
      </div>
      <Failure message={failure} />
      {added && (
        <div class="template-added">
          <p class="import-undone">{t('templateAdded', { name: added.template.name })}</p>
          <TemplateProblems template={added.template.name} problems={added.problems} />
        </div>
      )}
    </form>
  );
}

function TemplateItem(props: { template: TemplateInfo; opened: Opened['what'] | undefined; onOpen(what: Opened['what'] | undefined): void; onRemoved(): void }) {
  const { bridge, schema, lang, t, announce, me } = useCarnet();
  const x = props.template;
  const uses = can(me, 'useTemplates');
  const [failure, setFailure] = useState<string | undefined>();
  const dir = directory(schema, x.directory);
  const toggle = (what: Opened['what']) => props.onOpen(props.opened === what ? undefined : what);

  async function remove() {
    setFailure(undefined);
    try {
      await bridge.call('template.remove', { name: x.name });
      announce(t('templateRemoved', { name: x.name }));
      props.onRemoved();
    } catch (e) {
      setFailure(message(e));
    }
  }

  return (
    <li>
      <div class="item-head">
        <strong>
          {x.name}
          {x.builtin && <span class="badge">{t('templateBuiltin')}</span>}
        </strong>
        <div class="row-actions">
          {uses && (
            <>
              <button type="button" class="link" aria-expanded={props.opened === 'check'} onClick={() => toggle('check')}>
                {t('templateCheck')}
              </button>
              <button type="button" class="link" aria-expanded={props.opened === 'fill'} onClick={() => toggle('fill')}>
                {t('documentFill')}
              </button>
            </>
          )}
          {!x.builtin && can(me, 'manageTemplates') && (
            <button type="button" class="link" onClick={() => toggle('remove')}>
              {t('templateRemove')}
            </button>
          )}
        </div>
      </div>
      <div class="muted">
        {dir ? labelOf(dir, lang) : x.directory} · <code>{x.fileName}</code>
      </div>
      {props.opened === 'remove' && (
        <div class="buttons">
          <button type="button" class="link danger" onClick={() => void remove()}>
            {t('templateReallyRemove', { name: x.name })}
          </button>
          <button type="button" class="link" onClick={() => props.onOpen(undefined)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <Failure message={failure} />
      {props.opened === 'check' && <TemplateCheck template={x.name} />}
      {props.opened === 'fill' && <RecordFill template={x} />}
    </li>
  );
}

export function Templates() {
  const { bridge, t, me } = useCarnet();
  const [id] = useState(() => `templates-${++templatesCount}`);
  const [templates, setTemplates] = useState<TemplateInfo[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [opened, setOpened] = useState<Opened | undefined>();
  const [tagsOpen, setTagsOpen] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the top actions or a host's menu: the reader (and the keyboard) starts at the title.
  useLayoutEffect(() => heading.current?.focus(), []);

  async function load() {
    try {
      setTemplates((await bridge.call<TemplateList>('template.list')).templates);
      setFailure(undefined);
    } catch (e) {
      setFailure(message(e));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  return (
    <article class="templates" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {t('templates')}
      </h2>
      <p class="muted">{t('templatesIntro')}</p>
      <Failure message={failure} />
      {!templates && !failure && <p aria-busy="true">{t('loading')}</p>}
      {templates && templates.length === 0 && <p class="muted">{t('templateNone')}</p>}
      {templates && templates.length > 0 && (
        <ul class="items template-list">
          {templates.map((x) => (
            <TemplateItem
              key={x.name}
              template={x}
              opened={opened?.name === x.name ? opened.what : undefined}
              onOpen={(what) => setOpened(what ? { name: x.name, what } : undefined)}
              onRemoved={() => {
                setOpened(undefined);
                void load();
              }}
            />
          ))}
        </ul>
      )}
      {can(me, 'manageTemplates') && (
        <section class="templates-part" aria-labelledby={`${id}-add`}>
          <h3 id={`${id}-add`}>{t('templateAdd')}</h3>
          <UploadTemplate onAdded={() => void load()} />
        </section>
      )}
      {/* Folded until wanted: a directory's catalogue is long, and fetching it is a round trip. */}
      <details class="templates-part templates-tags" onToggle={(e) => setTagsOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <h3>{t('templateTags')}</h3>
        </summary>
        {tagsOpen && <TagCatalogue />}
      </details>
    </article>
  );
}
