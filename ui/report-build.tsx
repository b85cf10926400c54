/**
 * The Reports screen's build, beyond the button: the "native pivot table too" box, offered only
 * where the host's spreadsheet makes pivot tables (`Bridge.capabilities.nativePivots`: Google
 * Sheets and Excel, not the local .xlsx host), and what a build made — the report's sheet, the
 * ABC classes written back, the native pivot table's sheet and what it does not show as Carnet does.
 */

import type { PivotBuild } from '../core/app/pivot-commands.js';
import { useCarnet } from './context.js';

/** Whether the screen offers the box: a host with native pivot tables, a report that can have one (an ABC analysis cannot). */
export function offersNative(nativePivots: boolean | undefined, abc: boolean): boolean {
  return nativePivots === true && !abc;
}

export function NativeOption({ id, checked, onChange }: { id: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useCarnet();
  return (
    <div class="field report-native-option">
      <label class="check" for={id} title={t('reportNativeHelp')}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} /> {t('reportNative')}
      </label>
    </div>
  );
}

export function BuildOutcome({ built }: { built: PivotBuild }) {
  const { t } = useCarnet();
  const { native } = built;
  return (
    <>
      <p class="report-built" role="status">
        {t('reportBuilt', { sheet: built.sheet })}
        {built.result.abc?.written && ` ${t('reportClassWritten', { count: built.result.abc.written.records })}`}
      </p>
      {native && (
        <p class="report-native">
          {t('reportNativeBuilt', { sheet: native.sheet })}
          {native.notes.length > 0 && ` ${t('reportNativeNotes', { notes: native.notes.join(', ') })}`}
        </p>
      )}
    </>
  );
}
