/**
 * Why something is not offered: a special right the person's role lacks, in plain words, and the
 * way to the "Your rights" panel. Shown where a host's menu opens a screen the role may not use.
 */

import { useCarnet } from './context.js';
import type { MessageKey, Translate } from './i18n.js';
import type { Me, Right } from './rights.js';

/** Each right's name, as the Users & rights screen's checkboxes show it. */
export const RIGHT_LABEL: Record<Right, MessageKey> = {
  import: 'rightImport',
  export: 'rightExport',
  useTemplates: 'rightUseTemplates',
  manageTemplates: 'rightManageTemplates',
  useReports: 'rightUseReports',
  manageReports: 'rightManageReports',
  configure: 'rightConfigure',
  manageUsers: 'rightManageUsers',
};

/** What each right lets a person do: "You cannot {what}". */
export const RIGHT_WHAT: Record<Right, MessageKey> = {
  import: 'rightImportWhat',
  export: 'rightExportWhat',
  useTemplates: 'rightUseTemplatesWhat',
  manageTemplates: 'rightManageTemplatesWhat',
  useReports: 'rightUseReportsWhat',
  manageReports: 'rightManageReportsWhat',
  configure: 'rightConfigureWhat',
  manageUsers: 'rightManageUsersWhat',
};

/** "You cannot import: your role Manager does not have the right “import”. Ask an admin." */
export function cannot(t: Translate, me: Me, right: Right): string {
  return t('cannotRight', { what: t(RIGHT_WHAT[right]), role: me.user.role ?? '—', right: t(RIGHT_LABEL[right]) });
}

export function NotAllowed({ right }: { right: Right }) {
  const { t, me, go } = useCarnet();
  return (
    <p class="not-allowed" role="note">
      {cannot(t, me, right)}{' '}
      <button type="button" class="link" onClick={() => go('rights')}>
        {t('yourRights')}
      </button>
    </p>
  );
}
