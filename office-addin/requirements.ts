/**
 * Which Office.js requirement sets Carnet uses, checked at run time with
 * `Office.context.requirements.isSetSupported` (the manifest declares the minimum, but an old
 * desktop build or a sideloaded copy can still start the task pane).
 */

import { say } from '../core/messages/say.js';

/** The part of `Office.context.requirements` this needs. */
export interface RequirementProbe {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface RequirementSet {
  name: string;
  version: string;
  /** What it brings, in the user's words. */
  feature: string;
}

/** Without these Carnet does not start. Declared in manifests/manifest.xml as well. */
export const REQUIRED: RequirementSet[] = [
  {
    name: 'ExcelApi',
    version: '1.8',
    feature: 'dropdown lists (data validation, 1.8), sheet protection with a password and frozen headers (1.7), very hidden sheets',
  },
];

/** Used where present; Carnet works without them, with the stated loss. */
export const OPTIONAL = {
  notes: { name: 'ExcelApi', version: '1.18', feature: 'help notes on column headers' },
  // Range.getMergedAreasOrNullObject (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-1-13-requirement-set).
  merges: { name: 'ExcelApi', version: '1.13', feature: 'merged cells seen, so Carnet writes around them' },
  allowEditRanges: { name: 'ExcelApiOnline', version: '1.1', feature: 'an editors’ range on locked sheets' },
  openBrowserWindow: { name: 'OpenBrowserWindowApi', version: '1.1', feature: 'saving files on Excel for Mac' },
  // Dialog.messageChild and the dialog's DialogParentMessageReceived (https://learn.microsoft.com/javascript/api/requirement-sets/common/dialog-api-requirement-sets).
  wideDialog: { name: 'DialogApi', version: '1.2', feature: 'reports opened wide, in a window of their own' },
  // Office.auth.getAccessToken (https://learn.microsoft.com/javascript/api/requirement-sets/common/identity-api-requirement-sets): used only by a build set up for SSO (sso.ts).
  sso: { name: 'IdentityAPI', version: '1.3', feature: 'signing in with the Office account (SSO), where the add-in is set up for it' },
} satisfies Record<string, RequirementSet>;

export type OptionalFeature = keyof typeof OPTIONAL;

export interface HostSupport {
  ok: boolean;
  /** Required sets this host lacks. */
  missing: RequirementSet[];
  features: Record<OptionalFeature, boolean>;
  /** Highest ExcelApi 1.x the host reports, for the message ("1.7"), or undefined. */
  excelApi: string | undefined;
  /** Shown in the task pane when `ok` is false. */
  message: string | undefined;
}

export function checkHost(probe: RequirementProbe): HostSupport {
  const missing = REQUIRED.filter((r) => !probe.isSetSupported(r.name, r.version));
  const features = Object.fromEntries(
    Object.entries(OPTIONAL).map(([key, r]) => [key, probe.isSetSupported(r.name, r.version)]),
  ) as Record<OptionalFeature, boolean>;
  let excelApi: string | undefined;
  for (let minor = 1; minor <= 30 && probe.isSetSupported('ExcelApi', `1.${minor}`); minor++) excelApi = `1.${minor}`;
  const message =
    missing.length === 0
      ? undefined
      : say('This version of Excel is too old for Carnet. Carnet needs {needs}, and this Excel offers {offers}. Use Microsoft 365, Excel 2019 or later, or Excel on the web.', {
          needs: missing.map((m) => `${m.name} ${m.version} (${m.feature})`).join('; '),
          offers: excelApi ? `ExcelApi ${excelApi}` : say('no Excel API at all'),
        });
  return { ok: missing.length === 0, missing, features, excelApi, message };
}
