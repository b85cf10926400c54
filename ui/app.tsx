/**
 * The sidebar: find a company, see its card, record what happened. It starts with one `card.index`
 * call (schema, companies to search, dropdown lists); searching is local; opening a card is one
 * `card.get`; every write returns the fresh card. A workbook without a CRM gets the set-up screen.
 * Settings (adopting a team's sheet), Reports, Import, Export and Templates are screens of their own, opened
 * from the top actions, from a host's menu (`mount`'s `screen`) or by a `carnet:view` event (the
 * Excel ribbon).
 * A wide view (`mount`'s `wide`: a tab or a host's dialog) opens on Reports at full size.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CardIndex, CardWrite } from '../core/app/card-commands.js';
import type { CompanyCard } from '../core/card/card.js';
import type { CompanyIndexRow } from '../core/card/index-rows.js';
import { prepareSearch, updateSearch, type SearchIndex } from '../core/card/search.js';
import { LANGS, type Lang } from '../core/schema/types.js';
import { BridgeError, type Bridge, type WideView } from './bridge.js';
import { CardView } from './card.js';
import { CarnetContext, type Carnet } from './context.js';
import { RecordForm } from './form.js';
import { LANGUAGE_NAMES, translator } from './i18n.js';
import { lazyScreen } from './lazy.js';
import { optionsFor } from './options.js';
import { SearchBox } from './search.js';
import { Settings } from './settings.js';

// Screens loaded when first opened: the card screen is what a person sees first (ui/lazy.tsx).
const Reports = lazyScreen(() => import('./reports.js').then((m) => m.Reports));
const Import = lazyScreen(() => import('./import.js').then((m) => m.Import));
const Export = lazyScreen(() => import('./export.js').then((m) => m.Export));
const Templates = lazyScreen(() => import('./templates.js').then((m) => m.Templates));

type State =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'error'; message: string }
  /** `search` is `index.companies` prepared for searching as you type. */
  | { kind: 'ready'; index: CardIndex; search: SearchIndex };

/** The screens of the sidebar; hosts ask for one by name (`card` is the search and card screen). */
type Screen = 'home' | 'settings' | 'reports' | 'import' | 'export' | 'templates';

const SCREENS: readonly string[] = ['settings', 'reports', 'import', 'export', 'templates'];

/** Hosts' menu items named for what a person does: "Documents" (Google's menu, Excel's ribbon) opens the Templates screen. */
const ALIASES: Record<string, Screen> = { documents: 'templates' };

/** A host's screen name, or `home` for one this sidebar does not have. */
function screenOf(name: string | undefined): Screen {
  const screen = name && Object.hasOwn(ALIASES, name) ? ALIASES[name] : (name ?? '');
  return SCREENS.includes(screen) ? (screen as Screen) : 'home';
}

const LANG_KEY = 'carnet.lang';

/** The language picked in this browser, if any (storage may be blocked in an add-in frame). */
function savedLang(): Lang | undefined {
  try {
    const v = globalThis.localStorage?.getItem(LANG_KEY);
    return (LANGS as readonly string[]).includes(v ?? '') ? (v as Lang) : undefined;
  } catch {
    return undefined;
  }
}

function saveLang(lang: Lang | undefined): void {
  try {
    if (lang) globalThis.localStorage?.setItem(LANG_KEY, lang);
    else globalThis.localStorage?.removeItem(LANG_KEY);
  } catch {
    // Not remembered across sessions; the choice still applies now.
  }
}

/** The browser's language when the workbook has not told us one (the set-up screen). */
function browserLang(): Lang {
  const l = (globalThis.navigator?.language ?? 'en').slice(0, 2);
  return (LANGS as readonly string[]).includes(l) ? (l as Lang) : 'en';
}

/** The search index with one company's row replaced (or added, for a new company). */
function patched(rows: CompanyIndexRow[], row: CompanyIndexRow): CompanyIndexRow[] {
  const i = rows.findIndex((r) => r.id === row.id);
  if (i < 0) return [...rows, row];
  const out = rows.slice();
  out[i] = row;
  return out;
}

export function App({ bridge, screen: initialScreen, wide }: { bridge: Bridge; screen?: string | undefined; wide?: WideView | undefined }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [screen, setScreen] = useState<Screen>(() => screenOf(initialScreen));
  const [picked, setPicked] = useState<Lang | undefined>(savedLang);
  const [card, setCard] = useState<CompanyCard | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [setupLang, setSetupLang] = useState<Lang>(browserLang);
  const statusTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const lang: Lang = picked ?? (state.kind === 'ready' ? state.index.schema.lang : setupLang);
  const t = useMemo(() => translator(lang), [lang]);

  /** Fetches the index; a failed refresh keeps what the sidebar already shows and says why. */
  async function load(refreshing = false) {
    try {
      const index = await bridge.call<CardIndex>('card.index');
      setState({ kind: 'ready', index, search: prepareSearch(index.companies) });
      return index;
    } catch (e) {
      if (e instanceof BridgeError && e.data.code === 'E_NOT_CARNET') setState({ kind: 'setup' });
      else if (refreshing) setProblem((e as Error).message);
      else setState({ kind: 'error', message: (e as Error).message });
      return undefined;
    }
  }

  useEffect(() => {
    void load();
  }, []);

  // Views asked for by the host while the sidebar is open (the Excel ribbon); unknown ones are ignored.
  useEffect(() => {
    const follow = (e: Event) => {
      const view = (e as CustomEvent<unknown>).detail;
      if (typeof view === 'string' && (SCREENS.includes(view) || Object.hasOwn(ALIASES, view) || view === 'card' || view === 'home')) setScreen(screenOf(view));
    };
    globalThis.addEventListener?.('carnet:view', follow);
    return () => globalThis.removeEventListener?.('carnet:view', follow);
  }, []);

  /** Only the card asked for last is shown, whatever order the answers come back in. */
  const lastOpen = useRef(0);
  async function open(company: string) {
    const ticket = ++lastOpen.current;
    setBusy(true);
    setProblem(undefined);
    setCreating(false);
    try {
      const opened = await bridge.call<CompanyCard>('card.get', { company });
      if (ticket === lastOpen.current) setCard(opened);
    } catch (e) {
      if (ticket === lastOpen.current) setProblem((e as Error).message);
    } finally {
      if (ticket === lastOpen.current) setBusy(false);
    }
  }

  async function refresh() {
    setBusy(true);
    setProblem(undefined);
    const index = await load(true);
    if (index && card) await open(card.company.id || card.company.display);
    setBusy(false);
  }

  async function setUp() {
    setState({ kind: 'loading' });
    try {
      await bridge.call('crm.setup', { lang: setupLang });
      await load();
    } catch (e) {
      setState({ kind: 'error', message: (e as Error).message });
    }
  }

  function announce(message: string) {
    setStatus(message);
    clearTimeout(statusTimer.current);
    statusTimer.current = setTimeout(() => setStatus(''), 4000);
  }

  function pickLang(value: string) {
    const l = (LANGS as readonly string[]).includes(value) ? (value as Lang) : undefined;
    setPicked(l);
    saveLang(l);
  }

  const languagePicker = (
    <footer class="foot">
      <label for="ui-lang">{t('uiLanguage')}</label>{' '}
      <select id="ui-lang" value={picked ?? ''} onChange={(e) => pickLang((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{state.kind === 'ready' ? `${LANGUAGE_NAMES[state.index.schema.lang]} ✓` : '—'}</option>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </footer>
  );

  if (state.kind !== 'ready') {
    return (
      <main class="carnet" lang={lang}>
        <h1>Carnet</h1>
        {state.kind === 'loading' && <p aria-busy="true">{t('loading')}</p>}
        {state.kind === 'error' && (
          <>
            <p role="alert" class="form-error">
              {state.message}
            </p>
            <button type="button" onClick={() => void load()}>
              {t('retry')}
            </button>
          </>
        )}
        {state.kind === 'setup' && (
          <section>
            <p>{t('notCarnet')}</p>
            <label for="setup-lang">{t('setupLanguage')}</label>{' '}
            <select id="setup-lang" value={setupLang} onChange={(e) => setSetupLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
            <button type="button" class="primary" onClick={setUp}>
              {t('setUp')}
            </button>
          </section>
        )}
        {languagePicker}
      </main>
    );
  }

  const index = state.index;
  const carnet: Carnet = {
    bridge,
    schema: index.schema,
    lang,
    t,
    index,
    announce,
    applyWrite(write: CardWrite) {
      setCard(write.card);
      if (write.card) {
        const row = write.card.index;
        setState((s) =>
          s.kind === 'ready' ? { kind: 'ready', index: { ...s.index, companies: patched(s.index.companies, row) }, search: updateSearch(s.search, row) } : s,
        );
      }
    },
  };

  const topBar =
    screen !== 'home' ? (
      <div class="top">
        <button type="button" class="link" onClick={() => setScreen('home')}>
          ← {t('backToCompanies')}
        </button>
      </div>
    ) : (
      <div class="top">
        <SearchBox index={state.search} onOpen={(id) => void open(id)} />
        <div class="top-actions">
          <button type="button" class="link" onClick={() => setCreating(true)}>
            + {t('newCompany')}
          </button>
          <button type="button" class="link" title={t('refreshHelp')} onClick={() => void refresh()}>
            ↻ {t('refresh')}
          </button>
          <button type="button" class="link" title={t('reportsHelp')} onClick={() => setScreen('reports')}>
            ▦ {t('reports')}
          </button>
          <button type="button" class="link" title={t('importHelp')} onClick={() => setScreen('import')}>
            ⇪ {t('importTitle')}
          </button>
          <button type="button" class="link" title={t('exportHelp')} onClick={() => setScreen('export')}>
            ⤓ {t('exportTitle')}
          </button>
          <button type="button" class="link" title={t('templatesHelp')} onClick={() => setScreen('templates')}>
            ▤ {t('templates')}
          </button>
          <button type="button" class="link" title={t('settingsHelp')} onClick={() => setScreen('settings')}>
            ⚙ {t('settings')}
          </button>
        </div>
      </div>
    );

  return (
    <CarnetContext.Provider value={carnet}>
      <main class={wide && screen === 'reports' ? 'carnet wide' : 'carnet'} lang={lang} aria-busy={busy}>
        {topBar}
        <p role="status" class="status">
          {busy ? t('loading') : status}
        </p>
        {problem && (
          <p role="alert" class="form-error">
            {problem}
          </p>
        )}
        {screen === 'settings' ? (
          // An adoption moves a directory to another sheet and renames fields: fetch schema and lists again.
          <Settings onChanged={() => void refresh()} />
        ) : screen === 'reports' ? (
          <Reports wide={wide} />
        ) : screen === 'import' ? (
          // An import or an undo adds and changes companies and lookups: fetch the index again.
          <Import onChanged={() => void refresh()} />
        ) : screen === 'export' ? (
          <Export />
        ) : screen === 'templates' ? (
          <Templates />
        ) : creating ? (
          <RecordForm
            dirKey="companies"
            title={t('newCompany')}
            options={optionsFor(carnet, undefined)}
            onCancel={() => setCreating(false)}
            onSubmit={async (values) => {
              const write = await bridge.call<CardWrite>('company.create', { values });
              carnet.applyWrite(write);
              announce(t('saved'));
              setCreating(false);
            }}
          />
        ) : card ? (
          <CardView card={card} />
        ) : (
          <p class="muted">{t('emptyHint')}</p>
        )}
        {languagePicker}
      </main>
    </CarnetContext.Provider>
  );
}
