/**
 * Compile-time proof (office-addin/tsconfig.json, with @types/office-js) that the real Office.js
 * objects satisfy the subsets Carnet is written against. A renamed method or a changed signature
 * in excel-api.ts, requirements.ts, wide-dialog.ts or sso.ts fails `npm run typecheck` here.
 */

import type { XlContext, XlRunOptions } from './excel-api.js';
import type { RequirementProbe } from './requirements.js';
import type { OfficeAuth } from './sso.js';
import type { DialogChildUi, DialogOpener, HostDialog } from './wide-dialog.js';

type Assert<T extends true> = T;

export type ExcelContextConforms = Assert<Excel.RequestContext extends XlContext ? true : false>;
/** What the adapter passes to `Excel.run` (delayForCellEdit) is Excel's own RunOptions. */
export type RunOptionsConform = Assert<XlRunOptions extends Excel.RunOptions ? true : false>;
export type RequirementsConform = Assert<Office.RequirementSetSupport extends RequirementProbe ? true : false>;
export type DialogOpenerConforms = Assert<Office.UI extends DialogOpener ? true : false>;
export type DialogChildConforms = Assert<Office.UI extends DialogChildUi ? true : false>;
export type DialogConforms = Assert<Office.Dialog extends HostDialog ? true : false>;
export type AuthConforms = Assert<Office.Auth extends OfficeAuth ? true : false>;
