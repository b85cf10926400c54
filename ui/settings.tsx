/**
 * The Settings screen: how Carnet uses this spreadsheet. It leads to "Your rights" (everyone: what
 * your role lets you do, and why not the rest), to Users & rights and the audit log (who may
 * manage users), to Check and Tidy up (check.tsx) and to Directories and fields (configurator.tsx),
 * and adopts a sheet the team already keeps (adopt.tsx; those three for who may configure).
 */

import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AdoptResult } from '../core/schema/adopt.js';
import { useCarnet, type Screen } from './context.js';
import type { MessageKey } from './i18n.js';
import { lazyScreen } from './lazy.js';
import { can } from './rights.js';

/**
 * Only who may configure sees it: it comes with the configurator's code when first shown (a chunk
 * in the task pane, the configurator's script in the Google sidebar), out of the first load.
 */
const AdoptSheet = lazyScreen(() => import('./configurator.js').then((m) => m.AdoptSheet));

export function Settings({ onChanged }: { onChanged(result: AdoptResult): void }) {
  const { t, me, go } = useCarnet();
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the top actions or the menu: the reader (and the keyboard) starts at the title.
  useLayoutEffect(() => heading.current?.focus(), []);

  const manages = can(me, 'manageUsers');
  const configures = can(me, 'configure');
  const parts: [Screen, MessageKey, MessageKey, boolean][] = [
    ['rights', 'yourRights', 'yourRightsHelp', true],
    ['access', 'usersRights', 'usersRightsHelp', manages],
    ['audit', 'auditTitle', 'auditHelp', manages],
    ['check', 'checkTitle', 'checkHelp', configures],
    ['configurator', 'cfgTitle', 'cfgHelp', configures],
  ];
  return (
    <article class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title" tabIndex={-1} ref={heading}>
        {t('settings')}
      </h2>
      <ul class="settings-links">
        {parts
          .filter((p) => p[3])
          .map(([screen, title, help]) => (
            <li key={screen}>
              <button type="button" class="link" onClick={() => go(screen)}>
                {t(title)}
              </button>
              <span class="muted"> — {t(help)}</span>
            </li>
          ))}
      </ul>
      {configures && (
        <section class="settings-part" aria-labelledby="adopt-title">
          <h3 id="adopt-title">{t('adoptTitle')}</h3>
          <AdoptSheet onAdopted={onChanged} />
        </section>
      )}
    </article>
  );
}
