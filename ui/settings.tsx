/**
 * The Settings screen: how Carnet uses this spreadsheet. Its first part adopts a sheet the team
 * already keeps (adopt.tsx); later parts (rights, templates) go here as sections of their own.
 */

import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AdoptResult } from '../core/schema/adopt.js';
import { AdoptSheet } from './adopt.js';
import { useCarnet } from './context.js';

export function Settings({ onChanged }: { onChanged(result: AdoptResult): void }) {
  const { t } = useCarnet();
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the top actions or the menu: the reader (and the keyboard) starts at the title.
  useLayoutEffect(() => heading.current?.focus(), []);

  return (
    <article class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title" tabIndex={-1} ref={heading}>
        {t('settings')}
      </h2>
      <section class="settings-part" aria-labelledby="adopt-title">
        <h3 id="adopt-title">{t('adoptTitle')}</h3>
        <AdoptSheet onAdopted={onChanged} />
      </section>
    </article>
  );
}
