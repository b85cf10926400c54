/**
 * A screen whose code is loaded when it is first shown. In the Excel task pane (ES modules with
 * code splitting, office-addin/build.ts) the screen and what it alone uses (the import's CSV and
 * XLSX readers, the report builder, the template screens) are a chunk fetched then, which keeps
 * the pane's first load small. In the Google sidebar, one inlined page, the bundler inlines the
 * import: the screen is there at once, a promise later; except the screens gas-addon/build.ts
 * lists in REMOTE_SCREENS (Directories, the audit log), which Code.js serves as scripts
 * (`carnetScreen`): there the import gives a lazy screen of the same name that fetches and runs
 * that script when first shown.
 */

import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useCarnet } from './context.js';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyScreen(props: P) {
    const { t } = useCarnet();
    const [screen, setScreen] = useState<{ component?: ComponentType<P>; error?: string }>({ ...(loaded ? { component: loaded } : {}) });
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (screen.component) return;
      let live = true;
      load().then(
        (component) => {
          loaded = component;
          if (live) setScreen({ component });
        },
        (e: unknown) => live && setScreen({ error: (e as Error).message }),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    const Screen = screen.component;
    if (Screen) return <Screen {...props} />;
    if (screen.error !== undefined)
      return (
        <p role="alert" class="form-error">
          {screen.error}{' '}
          <button type="button" class="link" onClick={() => (setScreen({}), setAttempt((n) => n + 1))}>
            {t('retry')}
          </button>
        </p>
      );
    return <p class="muted">{t('loading')}</p>;
  };
}
