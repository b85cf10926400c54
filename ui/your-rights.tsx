/**
 * "Your rights", for everyone (Settings): what the person's role lets them do, directory by
 * directory and right by right, in plain words, and why not the rest ("You cannot import: your
 * role Manager does not have the right “import”. Ask an admin."). Read from `me`, fetched with the
 * index: no round trip.
 */

import { useLayoutEffect, useRef } from 'preact/hooks';
import { LEVEL_LABEL } from './access-data.js';
import { labelOf, useCarnet } from './context.js';
import { registerWords } from './i18n.js';
import { ACCESS_WORDS } from './i18n-access.js';
import type { MessageKey } from './i18n.js';
import { cannot, RIGHT_WHAT } from './not-allowed.js';
import { can, levelOn, RIGHTS, type Level } from './rights.js';

registerWords(ACCESS_WORDS);

/** What a level lets the person do on a directory. */
const LEVEL_SAYS: Record<Level, MessageKey> = { none: 'rightsNone', view: 'rightsView', own: 'rightsOwn', add: 'rightsAdd', full: 'rightsFull' };

export function YourRights() {
  const { t, me, schema, lang } = useCarnet();
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  const role = me.user.role ?? '—';

  return (
    <article class="your-rights" aria-labelledby="your-rights-title">
      <h2 id="your-rights-title" tabIndex={-1} ref={heading}>
        {t('yourRights')}
      </h2>
      {me.enforced ? <p>{t('rightsYou', { name: me.user.name || me.user.id, id: me.user.id, role })}</p> : <p>{t('rightsOff')}</p>}
      <h3>{t('rightsDirectories')}</h3>
      <ul class="rights-list">
        {schema.directories.map((d) => {
          const r = levelOn(me, d.key);
          const edits = r.level === 'own' || r.level === 'add' || r.level === 'full';
          return (
            <li key={d.key} data-directory={d.key}>
              <strong>{labelOf(d, lang)}</strong>: {t(LEVEL_SAYS[r.level], { role, level: t(LEVEL_LABEL[r.level]) })}
              {edits && ` ${r.delete ? t('rightsDelete') : t('rightsNoDelete', { role })}`}
            </li>
          );
        })}
      </ul>
      <h3>{t('rightsSpecial')}</h3>
      <ul class="rights-list">
        {RIGHTS.map((r) => (
          <li key={r} data-right={r} class={can(me, r) ? 'yes' : 'no'}>
            {can(me, r) ? t('rightsCan', { what: t(RIGHT_WHAT[r]) }) : cannot(t, me, r)}
          </li>
        ))}
      </ul>
      <p class="muted">{t('rightsReading')}</p>
    </article>
  );
}
