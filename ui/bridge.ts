/**
 * The only way the sidebar talks to Carnet. Each host supplies one: `google.script.run` in
 * Google Sheets, an in-process call in Excel, `fetch('/api/…')` on the local server.
 * A refused command rejects with a BridgeError carrying the core's error data.
 */

import type { ErrorData } from '../core/errors.js';
import type { PivotDefinition } from '../core/pivot/types.js';
import type { Lang } from '../core/schema/types.js';

/**
 * A screen shown at full size, outside the 300 px sidebar: the Reports screen on a report (by
 * name, so the view can re-run and build it) with the definition being edited, saved or not.
 */
export interface WideView {
  screen: 'reports';
  report?: string;
  definition?: PivotDefinition;
}

export interface Bridge {
  /**
   * Runs a command. `lang`: the language the person picked in the sidebar — core's messages (a
   * refusal beside a field, `check`'s problems) come back in it; absent, in the workbook's.
   */
  call<T = unknown>(command: string, input?: unknown, lang?: Lang): Promise<T>;
  /**
   * Shows `view` in a window of its own (a tab on the local server, a host dialog elsewhere) that
   * mounts the sidebar with `{ wide: view }`. Absent where a host offers no such window: the
   * sidebar then does not offer "Open wide".
   */
  openWide?(view: WideView): Promise<void>;
  /**
   * Keeps a file (a filled document) in the person's own cloud storage: Google Drive in Google
   * Sheets, which asks for the `drive.file` scope the first time. Resolves with the file's name
   * there and the link that opens it; rejects with a BridgeError (E_FILE) when it cannot. Absent
   * where the host has no such storage (the local server, Excel): the sidebar then only downloads.
   */
  saveToDrive?(file: { fileName: string; mime: string; base64: string }): Promise<{ name: string; url: string }>;
  /** What the host's spreadsheet can do beyond Carnet's own sheets; absent: nothing more. */
  capabilities?: BridgeCapabilities;
  /**
   * The sidebar's words in a language other than English (every screen's, key → text), where the
   * host keeps them out of the page: Google Sheets serves them from Code.js, so that Sidebar.html
   * stays within its budget. Absent: they are a chunk of the page's code (ui/i18n-fr.ts, ui/i18n-ru.ts).
   */
  words?(lang: Lang): Promise<Record<string, string>>;
  /** Which host: the "what this protects" panel words its limits per host. */
  host?: 'google' | 'excel' | 'local';
  /**
   * Signing in, where the host asks for it (issue 12): the local server when the workbook's users
   * have passwords; Excel without Office SSO, where a person picks their profile (and gives its
   * password when it has one). Absent where the host knows who is there (Google: the account).
   */
  session?: SessionBridge;
}

export interface SessionUser {
  id: string;
  name: string;
  role: string | null;
}

export interface SessionState {
  /** True: the sidebar shows the sign-in screen before anything else. */
  loginRequired: boolean;
  user: SessionUser | null;
  /** `password`: login and password (local server); `profile`: pick a profile, its password if it has one (Excel). */
  mode: 'password' | 'profile';
  /** Profiles to pick from (`profile` mode): the workbook's active users. */
  profiles?: { id: string; name: string; hasPassword: boolean }[];
}

export interface SessionBridge {
  state(): Promise<SessionState>;
  /** Rejects with a BridgeError (E_LOGIN) naming what is wrong; resolves with who is now signed in. */
  login(user: string, password?: string): Promise<SessionUser>;
  logout(): Promise<void>;
}

export interface BridgeCapabilities {
  /** The spreadsheet makes its own pivot tables (Google Sheets, Excel): the Reports screen offers `native: true`. */
  nativePivots: boolean;
}

export class BridgeError extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
    this.name = 'BridgeError';
  }
}

/** What every host's transport returns: the registry's outcome. */
export type Outcome = { ok: true; result: unknown } | { ok: false; error: ErrorData };

export function unwrap<T>(outcome: Outcome): T {
  if (!outcome.ok) throw new BridgeError(outcome.error);
  return outcome.result as T;
}
