/**
 * The ribbon's buttons (manifests/manifest.xml). Each one is a `ShowTaskpane` action onto the one
 * task pane, `Carnet.Pane`, whose page is the task pane with the view in its query:
 * `taskpane.html?view=card`. Excel opens the pane if it is closed; if it is open, "the pane
 * container will remain open but the contents of the pane will be replaced with the corresponding
 * Action SourceLocation" (https://learn.microsoft.com/javascript/api/manifest/action#taskpaneid):
 * the task pane loads again, on that view.
 *
 * Why not function commands (`ExecuteFunction`) that ask for the pane: a function command cannot
 * open it; `Office.addin.showAsTaskpane()` can, but only in a shared runtime
 * (https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in), and "as of February
 * 23rd, 2026, the showAsTaskpane method no longer applies to add-ins published in the Microsoft
 * Marketplace. Calls to showAsTaskpane are ignored and won't open the task pane" (same page). Nor
 * does a shared runtime come free: on Windows, where the conditions for WebView2 are not met, "an
 * add-in with a <Runtimes> element always uses Internet Explorer 11"
 * (https://learn.microsoft.com/javascript/api/manifest/runtimes), which Carnet's bundle does not
 * run in. docs/excel.md says the same for people.
 *
 * The query, not a fragment: the manifest reference's own example gives a task pane URL a query
 * (`https://localhost:3000?commands=1`, under Action › Title), and office-js#2280 reports Word
 * desktop dropping a SourceLocation's `#…` (and says `?` too). A host that drops the query still
 * opens the pane, on its first screen.
 */

/** The one task pane every button opens (`<TaskpaneId>`). */
export const PANE_ID = 'Carnet.Pane';

/** The query parameter that names the view. */
export const VIEW_PARAM = 'view';

/** Ribbon control id → the task pane view it opens (the sidebar's screen names, ui/mount.tsx). */
export const RIBBON_VIEWS = {
  'Carnet.OpenCard': 'card',
  'Carnet.Reports': 'reports',
  'Carnet.Import': 'import',
  'Carnet.Documents': 'documents',
} as const;

export type View = (typeof RIBBON_VIEWS)[keyof typeof RIBBON_VIEWS];

const VIEWS: readonly string[] = Object.values(RIBBON_VIEWS);

/** The view a task pane address asks for (`?view=reports`), if it is one the ribbon opens. */
export function viewFromUrl(url: string): View | undefined {
  let view: string | null;
  try {
    view = new URL(url).searchParams.get(VIEW_PARAM);
  } catch {
    return undefined;
  }
  return view !== null && VIEWS.includes(view) ? (view as View) : undefined;
}

/** The task pane page's address opening on `view`. */
export function viewUrl(taskpane: string, view: View): string {
  const url = new URL(taskpane);
  url.searchParams.set(VIEW_PARAM, view);
  return url.href;
}
