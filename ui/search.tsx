/**
 * The search box: results as you type, searched here in the sidebar over the index fetched once
 * (core/card/search.ts), never a round trip per keystroke. A combobox in the ARIA sense: arrows move
 * through the results, Enter opens one, Escape clears the box.
 */

import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { searchCompanies, type SearchHit, type SearchIndex } from '../core/card/search.js';
import { useCarnet } from './context.js';
import type { MessageKey } from './i18n.js';

const VIA: Record<NonNullable<SearchHit['via']>['kind'], MessageKey> = {
  contact: 'viaContact',
  email: 'viaEmail',
  phone: 'viaPhone',
  city: 'viaCity',
};

export function SearchBox({ index, onOpen }: { index: SearchIndex; onOpen(companyId: string, name: string): void }) {
  const { t } = useCarnet();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => searchCompanies(index, query, 20), [index, query]);
  const open = query.trim() !== '';

  // The sidebar opens to find someone: the cursor waits in the search box.
  useLayoutEffect(() => input.current?.focus(), []);

  function choose(hit: SearchHit | undefined) {
    if (!hit) return;
    setQuery('');
    onOpen(hit.row.id || hit.row.name, hit.row.name);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      setActive((a) => (a + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(hits[active]);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  }

  const optionId = (i: number) => `search-hit-${i}`;
  return (
    <div class="search">
      <label for="search-input" class="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        ref={input}
        id="search-input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellcheck={false}
        placeholder={t('searchPlaceholder')}
        aria-expanded={open}
        aria-controls={open ? 'search-results' : undefined}
        aria-autocomplete="list"
        aria-activedescendant={open && hits.length ? optionId(active) : undefined}
        aria-describedby="search-help"
        value={query}
        onInput={(e) => {
          setQuery((e.currentTarget as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id="search-help" class="visually-hidden">
        {t('searchHelp')}
      </p>
      {open && (
        <>
          <ul id="search-results" role="listbox" aria-label={t('searchLabel')} class="results">
            {hits.map((h, i) => (
              <li
                key={h.row.id || h.row.name}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'active' : ''}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(h)}
                onMouseMove={() => setActive(i)}
              >
                <span class="hit-name">{h.row.name}</span>
                {h.row.city && <span class="hit-city"> · {h.row.city}</span>}
                {h.via && <span class="hit-via">{t(VIA[h.via.kind], { text: h.via.text })}</span>}
              </li>
            ))}
          </ul>
          <p class="visually-hidden" role="status">
            {hits.length ? t('results', { count: hits.length }) : t('noMatch', { query })}
          </p>
          {hits.length === 0 && <p class="muted">{t('noMatch', { query })}</p>}
        </>
      )}
    </div>
  );
}
