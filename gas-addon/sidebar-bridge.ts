/**
 * The sidebar's Bridge in Google Sheets: `google.script.run.carnet(name, json)` wrapped in a
 * promise. JSON both ways, so nothing `google.script.run` refuses (a Date, a function) can cross:
 * a Date in an input arrives as its ISO string. One server call per `call`.
 *
 * "Open wide" is one more server function, `showReportsDialog(viewJson)`, which opens this page
 * again in a modal dialog on the view (wide-dialog.ts). Google Sheets makes native pivot tables.
 * "Save to Drive" is `carnetSaveToDrive(fileName, mime, base64)` (drive.ts). The French and Russian
 * words are `carnetWords(lang)` (sidebar-words.ts): Sidebar.html carries English only. The screens
 * built apart (build.ts's REMOTE_SCREENS) are `carnetScreen(name)` (sidebar-screens.ts), run here
 * by `servedScreen`.
 */

import type { Lang } from '../core/schema/types.js';
import { BridgeError, unwrap, type Bridge, type Outcome, type WideView } from '../ui/bridge.js';

/** The part of the client-side `google.script.run` this bridge uses (it has no published typings). */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  carnet(command: string, json: string, lang: string): void;
  showReportsDialog(viewJson: string): void;
  carnetSaveToDrive(fileName: string, mime: string, base64: string): void;
  carnetWords(lang: string): void;
  carnetScreen(name: string): void;
}

/** One server function's answer as a promise: its outcome JSON unwrapped, Apps Script's own failures as E_INTERNAL. */
function serverCall<T>(run: () => ScriptRunner, send: (runner: ScriptRunner) => void, failed: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    send(
      run()
        .withSuccessHandler((json) => {
          let outcome: Outcome;
          try {
            outcome = JSON.parse(String(json)) as Outcome;
          } catch {
            reject(new BridgeError({ code: 'E_INTERNAL', message: `Carnet's server answered something that is not JSON: ${String(json).slice(0, 200)}` }));
            return;
          }
          try {
            resolve(unwrap<T>(outcome));
          } catch (e) {
            reject(e);
          }
        })
        // Reached only when Apps Script itself fails (time limit, authorisation, network):
        // command errors come back as data through the success handler.
        .withFailureHandler((error) => {
          const message = error instanceof Error ? error.message : String(error);
          reject(new BridgeError({ code: 'E_INTERNAL', message: `${failed}: ${message}` }));
        }),
    );
  });
}

/** `run` gives a fresh runner per call: handlers set on one must not leak into the next call. */
export function scriptRunBridge(run: () => ScriptRunner): Bridge {
  return {
    call<T = unknown>(command: string, input: unknown = {}, lang?: Lang): Promise<T> {
      // '' for the workbook's language: google.script.run passes strings as they are.
      return serverCall<T>(run, (r) => r.carnet(command, JSON.stringify(input ?? {}), lang ?? ''), 'Google Apps Script could not run Carnet');
    },
    openWide(view: WideView): Promise<void> {
      return serverCall<unknown>(run, (r) => r.showReportsDialog(JSON.stringify(view)), 'Google Sheets could not open the wide view').then(() => undefined);
    },
    saveToDrive(file: { fileName: string; mime: string; base64: string }): Promise<{ name: string; url: string }> {
      return serverCall<{ name: string; url: string }>(run, (r) => r.carnetSaveToDrive(file.fileName, file.mime, file.base64), 'Google Drive could not save the file');
    },
    words(lang: Lang): Promise<Record<string, string>> {
      return serverCall<Record<string, string>>(run, (r) => r.carnetWords(lang), 'Google Apps Script could not send the sidebar’s words');
    },
    capabilities: { nativePivots: true },
    host: 'google',
  };
}

/** The page's modules a screen built apart uses, by name (build.ts's SHARED): one Preact, one word list, one context. */
export type SharedModules = Record<string, unknown>;

/** Globals a served screen's script reads (`CarnetShared`) and fills (`CarnetScreens`, by screen name). */
declare global {
  var CarnetShared: SharedModules | undefined;
  var CarnetScreens: Record<string, Record<string, unknown>> | undefined;
}

/**
 * Runs a script in the page: a `<script>` element, which HtmlService's sandbox runs where `eval`
 * may be refused. It runs as it is appended, before this returns.
 */
function runScript(js: string): void {
  const el = document.createElement('script');
  el.textContent = js;
  document.head.appendChild(el);
  el.remove();
}

const served = new Map<string, Promise<Record<string, unknown>>>();

/**
 * A screen's module, from its script served by Code.js, fetched and run once; a failure (a
 * dropped call) is not remembered, so that "Retry" asks again.
 */
export function servedScreen(run: () => ScriptRunner, name: string, shared: SharedModules, evaluate: (js: string) => void = runScript): Promise<Record<string, unknown>> {
  let loading = served.get(name);
  if (!loading) {
    loading = serverCall<string>(run, (r) => r.carnetScreen(name), 'Google Apps Script could not send the screen').then((js) => {
      globalThis.CarnetShared = shared;
      evaluate(js);
      const module = globalThis.CarnetScreens?.[name];
      if (!module) throw new BridgeError({ code: 'E_INTERNAL', message: `The screen "${name}" Code.js sent did not start.` });
      return module;
    });
    loading.catch(() => served.delete(name));
    served.set(name, loading);
  }
  return loading;
}
