/**
 * Protecting the sheets from the rights (`protect.plan`, a dry run shown first, then
 * `protect.apply`), and the plain words of what that protection does and does not do on this host
 * (`Bridge.host`): editing is limited, reading never is; keeping data from someone takes a separate
 * spreadsheet, a filtered copy made with Export.
 */

import { useState } from 'preact/hooks';
import type { ProtectionPlan } from '../core/workbook.js';
import { Problem } from './access-data.js';
import { useCarnet } from './context.js';
import type { MessageKey } from './i18n.js';
import { can } from './rights.js';

interface Planned {
  plan: ProtectionPlan;
  /** How the sheets differ from the plan now (the dry run), or what applying fixed. */
  drift?: { sheet: string; message: string }[];
  fixed?: { sheet: string; message: string }[];
  perUserProtection?: boolean;
}

function PlanView({ planned, applied }: { planned: Planned; applied: boolean }) {
  const { t } = useCarnet();
  const drift = (applied ? planned.fixed : planned.drift) ?? [];
  return (
    <div class="protect-plan">
      <ul class="items">
        {planned.plan.sheets.map((s) => (
          <li key={s.name} data-sheet={s.name}>
            <div class="item-head">
              <strong>{s.name}</strong>
              <span class="badge">{s.locked ? t('protectLocked') : t('protectOpen')}</span>
            </div>
            {planned.perUserProtection !== false && s.locked && <div>{t('protectEditors', { editors: s.editors.join(', ') || t('accessNobody') })}</div>}
            {s.warnColumns && s.warnColumns.length > 0 && <div>{t('protectCarnetColumns', { columns: s.warnColumns.map((c) => c.label).join(', ') })}</div>}
            {s.reason && <div class="muted">{s.reason}</div>}
          </li>
        ))}
      </ul>
      {drift.length > 0 ? (
        <>
          <p>{applied ? t('protectFixed') : t('protectDiffers')}</p>
          <ul class="protect-drift">
            {drift.map((d, i) => (
              <li key={i}>{d.message}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{applied ? t('protectNothingDiffered') : t('protectAsRights')}</p>
      )}
    </div>
  );
}

export function ProtectSheets({ enforced }: { enforced: boolean }) {
  const { bridge, t, announce } = useCarnet();
  const [planned, setPlanned] = useState<Planned | undefined>();
  const [applied, setApplied] = useState(false);
  const [busy, setBusy] = useState<'plan' | 'apply' | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  async function run(command: 'protect.plan' | 'protect.apply') {
    setBusy(command === 'protect.plan' ? 'plan' : 'apply');
    setProblem(undefined);
    try {
      const answer = await bridge.call<Planned>(command);
      // Applying answers no capability: the dry run's stands.
      setPlanned((before) => ({ ...answer, perUserProtection: answer.perUserProtection ?? before?.perUserProtection }));
      setApplied(command === 'protect.apply');
      if (command === 'protect.apply') announce(t('protectDone', { count: answer.plan.sheets.length }));
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section class="access-part" aria-labelledby="access-protect" aria-busy={busy !== undefined}>
      <h3 id="access-protect">{t('protectTitle')}</h3>
      <p class="muted">{t('protectIntro')}</p>
      <div class="buttons">
        <button type="button" disabled={busy !== undefined || !enforced} onClick={() => void run('protect.plan')}>
          {busy === 'plan' ? t('loading') : t('protectPreview')}
        </button>
        {planned && !applied && (
          <button type="button" class="primary" disabled={busy !== undefined} onClick={() => void run('protect.apply')}>
            {busy === 'apply' ? t('saving') : t('protectApply')}
          </button>
        )}
      </div>
      <Problem text={problem} />
      {planned && <PlanView planned={planned} applied={applied} />}
      {applied && planned && <p class="import-undone">{t('protectDone', { count: planned.plan.sheets.length })}</p>}
    </section>
  );
}

const HOST_WORDS: Record<'google' | 'excel' | 'local', MessageKey> = { google: 'protectsGoogle', excel: 'protectsExcel', local: 'protectsLocal' };

export function WhatThisProtects() {
  const { bridge, t, me, go } = useCarnet();
  return (
    <section class="access-part what-protects" aria-labelledby="what-protects">
      <h3 id="what-protects">{t('protectsTitle')}</h3>
      <p>{t('protectsReading')}</p>
      {bridge.host && <p>{t(HOST_WORDS[bridge.host])}</p>}
      <p>
        {t('protectsSeparate')}{' '}
        {can(me, 'export') && (
          <button type="button" class="link" onClick={() => go('export')}>
            {t('protectsExport')}
          </button>
        )}
      </p>
    </section>
  );
}
