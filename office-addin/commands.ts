/**
 * Ribbon buttons (manifest `ExecuteFunction` actions, run by commands.html). Each one asks the
 * task pane for a view and always ends with `event.completed()` — even when something fails —
 * because Excel keeps the button busy until then.
 *
 * Without a shared runtime, a function command cannot open the task pane; it leaves the request in
 * localStorage (same origin as the task pane), which an open task pane follows at once through the
 * `storage` event and a pane opened later picks up. Where the host offers `Office.addin.showAsTaskpane`
 * (SharedRuntime 1.1) it is tried as well.
 */

import type { KeyValueStore } from './profile.js';

/** The slice of Office's add-in command event used. */
export interface RibbonEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/** Manifest FunctionName → the task pane view it asks for. */
export const RIBBON_VIEWS = {
  openCard: 'card',
  openReports: 'reports',
  startImport: 'import',
  openDocuments: 'documents',
} as const;

export type RibbonFunction = keyof typeof RIBBON_VIEWS;
export type View = (typeof RIBBON_VIEWS)[RibbonFunction];

export const VIEW_KEY = 'carnet.view';

/** A request older than this is ignored by a task pane opened later. */
export const VIEW_REQUEST_TTL_MS = 60_000;

export interface RibbonDeps {
  store: KeyValueStore;
  now(): number;
  /** Office.addin.showAsTaskpane where available. */
  showTaskpane?(): Promise<void>;
  /** Where a failure is told (the console; a function command has no UI of its own). */
  report(error: unknown): void;
}

export function requestView(store: KeyValueStore, view: View, at: number): void {
  store.setItem(VIEW_KEY, JSON.stringify({ view, at }));
}

/** The view a fresh request asks for, if any; consumed so it is followed once. */
export function takeViewRequest(store: KeyValueStore, now: number): View | undefined {
  const raw = store.getItem(VIEW_KEY);
  if (!raw) return undefined;
  store.removeItem(VIEW_KEY);
  try {
    const { view, at } = JSON.parse(raw) as { view: unknown; at: unknown };
    const known = Object.values(RIBBON_VIEWS) as string[];
    if (typeof view === 'string' && known.includes(view) && typeof at === 'number' && now - at <= VIEW_REQUEST_TTL_MS) return view as View;
  } catch {
    // A malformed entry is dropped.
  }
  return undefined;
}

export function ribbonHandlers(deps: RibbonDeps): Record<RibbonFunction, (event: RibbonEvent) => Promise<void>> {
  const handler = (view: View) => async (event: RibbonEvent) => {
    try {
      requestView(deps.store, view, deps.now());
      await deps.showTaskpane?.();
    } catch (error) {
      deps.report(error);
    } finally {
      event.completed();
    }
  };
  return {
    openCard: handler(RIBBON_VIEWS.openCard),
    openReports: handler(RIBBON_VIEWS.openReports),
    startImport: handler(RIBBON_VIEWS.startImport),
    openDocuments: handler(RIBBON_VIEWS.openDocuments),
  };
}
