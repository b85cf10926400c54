/**
 * The sidebar: find a company, see its card, record what happened. It starts with `card.index`
 * (schema, companies to search, dropdown lists) and `me` (what the person may do), at once;
 * searching is local; opening a card is one `card.get`; every write returns the fresh card. A
 * workbook without a CRM gets the set-up screen; a host that signs people in (`Bridge.session`)
 * gets the sign-in screen first, and again when a call says the session is over (E_LOGIN).
 * Settings (your rights, users & rights, the audit log, Check and Tidy up, adopting a team's
 * sheet), Reports, Import, Export and Templates are screens of their own, opened from the top
 * actions, from a host's menu (`mount`'s `screen`: `check` for Google's "Check") or by a
 * `carnet:view` event (the Excel ribbon). What the person may not do is not offered
 * (ui/rights.ts); a screen opened from a menu without the right says why.
 * A wide view (`mount`'s `wide`: a tab or a host's dialog) opens on Reports at full size.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CardIndex, CardWrite } from '../core/app/card-commands.js';
import type { CompanyCard } from '../core/card/card.js';
import type { CompanyIndexRow } from '../core/card/index-rows.js';
import { prepareSearch, updateSearch, type SearchIndex } from '../core/card/search.js';
import { LANGS, type Lang } from '../core/schema/types.js';
import { BridgeError, type Bridge, type SessionState, type WideView } from './bridge.js';
import { CardView } from './card.js';
import { CarnetContext, type Carnet, type Screen } from './context.js';
import { RecordForm } from './form.js';
import { hasLanguage, LANGUAGE_NAMES, loadLanguage, translator, type Translate } from './i18n.js';
import { lazyScreen } from './lazy.js';
import { SignIn } from './login.js';
import { NotAllowed } from './not-allowed.js';
import { optionsFor } from './options.js';
import { mayCreate, missingRight, unrestricted, type Me } from './rights.js';
import { SearchBox } from './search.js';
import { Settings } from './settings.js';

// Screens loaded when first opened: the card screen is what a person sees first (ui/lazy.tsx).
const Reports = lazyScreen(() => import('./reports.js').then((m) => m.Reports));
const Import = lazyScreen(() => import('./import.js').then((m) => m.Import));
const Export = lazyScreen(() => import('./export.js').then((m) => m.Export));
const Templates = lazyScreen(() => import('./templates.js').then((m) => m.Templates));
const YourRights = lazyScreen(() => import('./your-rights.js').then((m) => m.YourRights));
const UsersRights = lazyScreen(() => import('./access.js').then((m) => m.UsersRights));
const Audit = lazyScreen(() => import('./audit.js').then((m) => m.Audit));
const Check = lazyScreen(() => import('./check.js').then((m) => m.Check));
const Directories = lazyScreen(() => import('./directories.js').then((m) => m.Directories));
const Configurator = lazyScreen(() => import('./configurator.js').then((m) => m.Configurator));

type State =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'error'; message: string }
  /** The host asks who is there before anything else (`Bridge.session`). */
  | { kind: 'signin'; session: SessionState }
  /** `search` is `index.companies` prepared for searching as you type. */
  | { kind: 'ready'; index: CardIndex; search: SearchIndex; me: Me };

const SCREENS: readonly string[] = ['settings', 'reports', 'import', 'export', 'templates', 'rights', 'access', 'audit', 'check', 'directories', 'configurator'];

/** Hosts' menu items named for what a person does: "Documents" (Google's menu, Excel's ribbon) opens the Templates screen. */
const ALIASES: Record<string, Screen> = { documents: 'templates' };

/** Screens opened from Settings go back there. */
const PARENT: Partial<Record<Screen, Screen>> = { rights: 'settings', access: 'settings', audit: 'settings', check: 'settings', configurator: 'settings' };

/** A host's screen name, or `home` for one this sidebar does not have. */
function screenOf(name: string | undefined): Screen {
  const screen = name && Object.hasOwn(ALIASES, name) ? ALIASES[name] : (name ?? '');
  return SCREENS.includes(screen) ? (screen as Screen) : 'home';
}

const LANG_KEY = 'carnet.lang';
/** The language of the workbook last opened here: its words are fetched with the index, not after. */
const WORKBOOK_LANG_KEY = 'carnet.lang.workbook';

/** A language kept in this browser, if any (storage may be blocked in an add-in frame). */
function storedLang(key: string): Lang | undefined {
  try {
    const v = globalThis.localStorage?.getItem(key);
    return (LANGS as readonly string[]).includes(v ?? '') ? (v as Lang) : undefined;
  } catch {
    return undefined;
  }
}

function storeLang(key: string, lang: Lang | undefined): void {
  try {
    if (lang) globalThis.localStorage?.setItem(key, lang);
    else globalThis.localStorage?.removeItem(key);
  } catch {
    // Not remembered across sessions; the choice still applies now.
  }
}

const savedLang = () => storedLang(LANG_KEY);

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

/** A refusal saying the session is over (a restart of the server, 12 hours idle, a deactivated account). */
const signedOut = (e: unknown) => e instanceof BridgeError && e.data.code === 'E_LOGIN';

/** `me`, or everything allowed from a core that predates rights. */
async function fetchMe(bridge: Bridge, index: Promise<CardIndex>): Promise<Me> {
  try {
    return await bridge.call<Me>('me');
  } catch (e) {
    if (e instanceof BridgeError && e.data.code === 'E_UNKNOWN_COMMAND') return unrestricted({ ...(await index).user, role: null });
    throw e;
  }
}

export function App({ bridge: host, screen: initialScreen, wide }: { bridge: Bridge; screen?: string | undefined; wide?: WideView | undefined }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [screen, setScreen] = useState<Screen>(() => screenOf(initialScreen));
  const [auditRecord, setAuditRecord] = useState<string | undefined>();
  /** Where "←" goes back to from a screen opened by `go` (a card's History goes back to the card). */
  const [returnTo, setReturnTo] = useState<Screen | undefined>();
  const [picked, setPicked] = useState<Lang | undefined>(savedLang);
  /**
   * The language the sidebar speaks, as the memoised bridge reads it at each call: core says its
   * messages in it, and a host that is told needs no read of the workbook to know (the first call,
   * before the sidebar knows the workbook, lets core use the workbook's).
   */
  const spokenNow = useRef<Lang | undefined>(picked);
  const [card, setCard] = useState<CompanyCard | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [setupLang, setSetupLang] = useState<Lang>(browserLang);
  /** Who is signed in, where the host signs people in (`Bridge.session`). */
  const [session, setSession] = useState<SessionState | undefined>();
  /** Bumped when a language's words arrive, to speak it. */
  const [, setWords] = useState(0);
  const statusTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const lang: Lang = picked ?? (state.kind === 'ready' ? state.index.schema.lang : setupLang);
  spokenNow.current = picked ?? (state.kind === 'ready' ? state.index.schema.lang : undefined);
  const spoken = hasLanguage(lang);
  const t: Translate = useMemo(() => translator(lang), [lang, spoken]);

  // A language picked later (or the set-up screen's): its words, then the sidebar speaks it.
  useEffect(() => {
    if (!spoken) loadLanguage(lang, host).then(() => setWords((n) => n + 1), () => undefined);
  }, [lang, spoken]);

  /** The host's bridge, except that a refusal for want of a session brings the sign-in back. */
  const bridge = useMemo<Bridge>(() => {
    const guarded = Object.create(host) as Bridge;
    guarded.call = async <T,>(command: string, input?: unknown, lang?: Lang) => {
      try {
        // Core's messages in the language the sidebar speaks (before it knows: the workbook's).
        return await host.call<T>(command, input, lang ?? spokenNow.current);
      } catch (e) {
        if (signedOut(e) && host.session) void start();
        throw e;
      }
    };
    return guarded;
  }, [host]);

  /** Who is there first, where the host asks (the sign-in screen); then what the sidebar shows. */
  async function start() {
    if (host.session) {
      try {
        const s = await host.session.state();
        setSession(s);
        if (s.loginRequired && !s.user) {
          setState({ kind: 'signin', session: s });
          return;
        }
      } catch (e) {
        setState({ kind: 'error', message: (e as Error).message });
        return;
      }
    }
    await load();
  }

  /**
   * Fetches the index and `me`, with the words of the language the sidebar will most likely speak,
   * all at once; a failed refresh keeps what the sidebar already shows and says why.
   */
  async function load(refreshing = false) {
    const guess = picked ?? storedLang(WORKBOOK_LANG_KEY) ?? browserLang();
    const words = loadLanguage(guess, host).catch(() => undefined);
    try {
      const pending = bridge.call<CardIndex>('card.index');
      const [index, me] = await Promise.all([pending, fetchMe(bridge, pending)]);
      storeLang(WORKBOOK_LANG_KEY, index.schema.lang);
      await words;
      // A workbook in another language than guessed: English until its words arrive, rather than nothing.
      await loadLanguage(picked ?? index.schema.lang, host).catch(() => undefined);
      setState({ kind: 'ready', index, search: prepareSearch(index.companies), me });
      return index;
    } catch (e) {
      await words;
      if (e instanceof BridgeError && e.data.code === 'E_NOT_CARNET') setState({ kind: 'setup' });
      else if (signedOut(e)) return undefined;
      else if (refreshing) setProblem((e as Error).message);
      else setState({ kind: 'error', message: (e as Error).message });
      return undefined;
    }
  }

  useEffect(() => {
    void start();
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

  async function signOut() {
    setCard(null);
    setScreen('home');
    try {
      await host.session?.logout();
    } finally {
      await start();
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
    storeLang(LANG_KEY, l);
  }

  const signedIn = session?.loginRequired && session.user;
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
      {signedIn && state.kind !== 'signin' && (
        <p class="signed-in">
          {t('signedInAs', { name: signedIn.name || signedIn.id })}{' '}
          <button type="button" class="link" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </p>
      )}
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
            <button type="button" onClick={() => void start()}>
              {t('retry')}
            </button>
          </>
        )}
        {state.kind === 'signin' && host.session && (
          <SignIn
            t={t}
            session={state.session}
            sessions={host.session}
            onSignedIn={(user) => {
              setSession({ ...state.session, user });
              setState({ kind: 'loading' });
              void load();
            }}
          />
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
  const me = state.me;
  const carnet: Carnet = {
    bridge,
    schema: index.schema,
    lang,
    t,
    index,
    announce,
    me,
    async refreshMe() {
      const fresh = await fetchMe(bridge, Promise.resolve(index));
      setState((s) => (s.kind === 'ready' ? { ...s, me: fresh } : s));
    },
    go(to, filter) {
      setAuditRecord(filter?.record);
      setReturnTo(screen === 'home' || screen === 'settings' ? screen : undefined);
      setScreen(to);
    },
    applyWrite(write: CardWrite) {
      setCard(write.card);
      if (write.card) {
        const row = write.card.index;
        setState((s) => (s.kind === 'ready' ? { ...s, index: { ...s.index, companies: patched(s.index.companies, row) }, search: updateSearch(s.search, row) } : s));
      }
    },
  };

  /** A top action, offered only to who may use it. */
  const action = (to: Screen, icon: string, label: string, help: string) =>
    !missingRight(me, to) && (
      <button type="button" class="link" title={help} onClick={() => setScreen(to)}>
        {icon} {label}
      </button>
    );

  const parent = returnTo ?? PARENT[screen] ?? 'home';
  const topBar =
    screen !== 'home' ? (
      <div class="top">
        <button
          type="button"
          class="link"
          onClick={() => {
            setReturnTo(undefined);
            setScreen(parent);
          }}
        >
          ← {parent === 'settings' ? t('backToSettings') : t('backToCompanies')}
        </button>
      </div>
    ) : (
      <div class="top">
        <SearchBox index={state.search} onOpen={(id) => void open(id)} />
        <div class="top-actions">
          {mayCreate(me, 'companies') && (
            <button type="button" class="link" onClick={() => setCreating(true)}>
              + {t('newCompany')}
            </button>
          )}
          <button type="button" class="link" title={t('refreshHelp')} onClick={() => void refresh()}>
            ↻ {t('refresh')}
          </button>
          {action('directories', '☰', t('directories'), t('directoriesHelp'))}
          {action('reports', '▦', t('reports'), t('reportsHelp'))}
          {action('import', '⇪', t('importTitle'), t('importHelp'))}
          {action('export', '⤓', t('exportTitle'), t('exportHelp'))}
          {action('templates', '▤', t('templates'), t('templatesHelp'))}
          {action('settings', '⚙', t('settings'), t('settingsHelp'))}
        </div>
      </div>
    );

  const missing = missingRight(me, screen);
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
        {missing ? (
          // Opened from a host's menu without the right: say why rather than show a screen that refuses.
          <NotAllowed right={missing} />
        ) : screen === 'settings' ? (
          // An adoption moves a directory to another sheet and renames fields: fetch schema and lists again.
          <Settings onChanged={() => void refresh()} />
        ) : screen === 'rights' ? (
          <YourRights />
        ) : screen === 'access' ? (
          <UsersRights />
        ) : screen === 'audit' ? (
          <Audit record={auditRecord} />
        ) : screen === 'check' ? (
          // A tidy gives IDs to companies typed by hand and rewrites their values: fetch the index again.
          <Check onChanged={() => void refresh()} />
        ) : screen === 'configurator' ? (
          // A directory or a field made or changed: fetch schema and lists again.
          <Configurator onChanged={() => void refresh()} />
        ) : screen === 'directories' ? (
          // A record added or changed there feeds the card's dropdowns: fetch the index again.
          <Directories onChanged={() => void refresh()} />
        ) : screen === 'reports' ? (
          <Reports wide={wide} />
        ) : screen === 'import' ? (
          // An import or an undo adds and changes companies and lookups: fetch the index again.
          <Import onChanged={() => void refresh()} />
        ) : screen === 'export' ? (
          <Export />
        ) : screen === 'templates' ? (
          <Templates />
        ) : creating && mayCreate(me, 'companies') ? (
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
