/**
 * The tag catalogue of a directory (`template.tags`): every tag a template author may use, what
 * it is and an example value from a real record, each copied with one click; and the sample
 * document with every tag (`template.sample`) to start a template from. This replaces the old
 * program's "tick a field and the tag appears in Word".
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Catalogue, CatalogueEntry } from '../core/templates/catalogue.js';
import { directory, labelOf, useCarnet } from './context.js';
import { FileLink, useSavedFile, type FileAnswer } from './download.js';
import { DirectorySelect } from './import-select.js';
import { Failure } from './template-problems.js';

let tagsCount = 0;

/**
 * Puts `text` on the clipboard; where the frame may not write it (a Google sidebar without the
 * clipboard permission), selects the tag on the page, copied by the browser's own command if it
 * can, else by the person's Ctrl+C.
 */
async function copyTag(text: string, shown: HTMLElement | null): Promise<'copied' | 'selected'> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    const selection = globalThis.getSelection?.();
    if (!shown || !selection) return 'selected';
    selection.selectAllChildren(shown);
    try {
      // Deprecated but still the only fallback where the asynchronous clipboard is refused.
      if (document.execCommand('copy')) return 'copied';
    } catch {
      // Left selected for Ctrl+C.
    }
    return 'selected';
  }
}

/**
 * The catalogue as the screen shows it: the record's own tags, then each of its lists (a list of
 * another directory's records included) with the tags that work inside it, folded away until
 * wanted: a company's catalogue runs to hundreds of tags.
 */
function grouped(entries: readonly CatalogueEntry[]): { fields: CatalogueEntry[]; lists: { name: string; entry: CatalogueEntry; inside: CatalogueEntry[] }[] } {
  const isList = (e: CatalogueEntry) => !e.inside && e.tag.startsWith('{#');
  const lists = entries.filter(isList).map((entry) => ({ name: entry.tag.slice(2, entry.tag.indexOf('}')), entry, inside: [] as CatalogueEntry[] }));
  for (const e of entries) if (e.inside) lists.find((l) => l.name === e.inside)?.inside.push(e);
  return { fields: entries.filter((e) => !e.inside && !isList(e)), lists };
}

/** A label that only repeats the tag (`City › Name` beside `{City.Name}`, `Sales › Product` inside Sales) is left out. */
function saysMore(entry: CatalogueEntry): boolean {
  const plain = (text: string) => text.replace(/ › /g, '.').replace(/[{}]/g, '').toLowerCase();
  const label = entry.inside ? entry.label.split(' › ').pop()! : entry.label;
  return plain(label) !== plain(entry.tag);
}

/** `{Company.City}` may break after the dot in the 300 px sidebar, never inside a name. */
function TagText({ tag }: { tag: string }) {
  const parts = tag.split('.');
  return <>{parts.map((p, i) => (i < parts.length - 1 ? [p, '.', <wbr key={i} />] : p))}</>;
}

function TagRow({ entry }: { entry: CatalogueEntry }) {
  const { t, announce } = useCarnet();
  const code = useRef<HTMLElement>(null);
  return (
    <tr>
      <th scope="row">
        <code ref={code}>
          <TagText tag={entry.tag} />
        </code>
        {saysMore(entry) && <span class="muted"> {entry.label}</span>}
        {entry.example && <div class="template-example">{entry.example}</div>}
      </th>
      <td>
        <button
          type="button"
          class="link"
          aria-label={entry.inside ? t('templateCopyTagIn', { tag: entry.tag, list: entry.inside }) : t('templateCopyTag', { tag: entry.tag })}
          onClick={() => void copyTag(entry.tag, code.current).then((how) => announce(t(how === 'copied' ? 'templateCopied' : 'templateSelected', { tag: entry.tag })))}
        >
          {t('templateCopy')}
        </button>
      </td>
    </tr>
  );
}

function TagTable({ entries }: { entries: readonly CatalogueEntry[] }) {
  const { t } = useCarnet();
  return (
    <table class="template-tag-table">
      <thead>
        <tr>
          <th scope="col">{t('templateTagAndExample')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('templateCopy')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <TagRow key={e.tag} entry={e} />
        ))}
      </tbody>
    </table>
  );
}

export function TagCatalogue() {
  const { bridge, schema, lang, t, index } = useCarnet();
  const [id] = useState(() => `tags-${++tagsCount}`);
  const [dirKey, setDirKey] = useState(() => (schema.directories.some((d) => d.key === 'companies') ? 'companies' : (schema.directories[0]?.key ?? '')));
  const [catalogue, setCatalogue] = useState<Catalogue | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [sampling, setSampling] = useState(false);
  const [sample, save] = useSavedFile();

  useEffect(() => {
    let current = true;
    setCatalogue(undefined);
    setFailure(undefined);
    bridge.call<Catalogue>('template.tags', { directory: dirKey }).then(
      (c) => current && setCatalogue(c),
      (e: unknown) => current && setFailure((e as Error).message),
    );
    return () => {
      current = false;
    };
  }, [dirKey]);

  async function downloadSample() {
    setSampling(true);
    setFailure(undefined);
    try {
      save(await bridge.call<FileAnswer>('template.sample', { directory: dirKey }));
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setSampling(false);
    }
  }

  const dir = directory(schema, dirKey);
  // The catalogue names its example record by ID; a company is shown by its name, which the index holds.
  const example = catalogue?.example && (index.companies.find((r) => r.id === catalogue.example)?.name ?? catalogue.example);
  const groups = catalogue && grouped(catalogue.entries);
  return (
    <div class="template-tags">
      <DirectorySelect id={`${id}-dir`} label={t('templateTagsOf')} value={dirKey} onChange={setDirKey} />
      <p class="muted">{t('templateTagsIntro', { directory: dir ? labelOf(dir, lang) : dirKey })}</p>
      <div class="buttons">
        <button type="button" disabled={sampling} onClick={() => void downloadSample()}>
          {sampling ? t('loading') : t('templateSample')}
        </button>
      </div>
      <p class="muted">{t('templateSampleHint')}</p>
      {sample && (
        <p class="import-link">
          <FileLink file={sample} />
        </p>
      )}
      <Failure message={failure} />
      {!catalogue && !failure && <p aria-busy="true">{t('loading')}</p>}
      {groups && (
        <>
          {example && <p class="muted">{t('templateTagsExample', { record: example })}</p>}
          <TagTable entries={groups.fields} />
          {groups.lists.map((l) => (
            <details key={l.name} class="template-list-tags">
              <summary>
                <code>{l.entry.tag}</code> <span class="muted">{l.entry.label}</span>
              </summary>
              <TagTable entries={[l.entry, ...l.inside]} />
            </details>
          ))}
        </>
      )}
    </div>
  );
}
