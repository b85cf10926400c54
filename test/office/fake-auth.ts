/**
 * A fake of `Office.auth` / `OfficeRuntime.auth` (`getAccessToken`), as its references describe it:
 *
 * - https://learn.microsoft.com/javascript/api/office/office.auth and
 *   https://learn.microsoft.com/javascript/api/office-runtime/officeruntime.auth: a promise of the
 *   access token; the options https://learn.microsoft.com/javascript/api/office/office.authoptions
 *   (`allowSignInPrompt`: "If set to false, Office will silently try to get an access token. If it
 *   fails to do so, Office will return a descriptive error. If set to true, Office will show an
 *   interactive sign-in UI after it fails to silently get an access token.");
 * - the errors of https://learn.microsoft.com/office/dev/add-ins/develop/troubleshoot-sso-in-office-add-ins,
 *   rejected as objects with a numeric `code` (the samples test `exception.code === 13003`): 13000
 *   when the manifest has no WebApplicationInfo, 13001 when nobody is signed in and no prompt is
 *   allowed, 13002 when the person cancels the prompt, and any other code on request;
 * - the token "is both an access token and an identity token" whose payload carries `name`,
 *   `preferred_username`, `oid`, `tid` (https://learn.microsoft.com/office/dev/add-ins/develop/sso-in-office-add-ins).
 *   Its signature is not a real one: nothing in the task pane can check it.
 */

import type { OfficeAuth } from '../../office-addin/sso.js';

export interface FakeAuthOptions {
  /** The manifest has `<WebApplicationInfo>`; false: every call is 13000. */
  configured?: boolean;
  /** The claims of whoever is signed in to Office; undefined: nobody. */
  signedIn?: Record<string, unknown>;
  /** Whom the person signs in as at the prompt; undefined: they cancel it (13002). */
  atPrompt?: Record<string, unknown>;
  /** An error every call rejects with (13003: an on-premises account; 13012: an iPad). */
  error?: number;
}

const MESSAGES: Record<number, string> = {
  13000: 'The identity API is not supported for this add-in.',
  13001: 'The user is not signed in.',
  13002: 'The user aborted the consent prompt.',
  13003: 'The user type is not supported.',
  13012: 'The API is not supported in this platform.',
};

export class FakeOfficeAuth implements OfficeAuth {
  /** The options of every call, in order. */
  readonly calls: Record<string, unknown>[] = [];
  private signedIn: Record<string, unknown> | undefined;

  constructor(private readonly options: FakeAuthOptions = {}) {
    this.signedIn = options.signedIn;
  }

  async getAccessToken(options: { allowSignInPrompt?: boolean; allowConsentPrompt?: boolean } = {}): Promise<string> {
    this.calls.push({ ...options });
    if (this.options.configured === false) throw officeError(13000);
    if (this.options.error !== undefined) throw officeError(this.options.error);
    if (!this.signedIn) {
      if (!options.allowSignInPrompt) throw officeError(13001);
      if (!this.options.atPrompt) throw officeError(13002);
      this.signedIn = this.options.atPrompt;
    }
    return unsignedToken(this.signedIn);
  }
}

function officeError(code: number): { name: string; message: string; code: number } {
  return { name: 'API Not Supported', message: MESSAGES[code] ?? 'An internal error has occurred.', code };
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** A JWT shaped as Microsoft's example access token, with these claims and a signature nobody can check. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const payload = {
    aud: '2c3caa80-93f9-425e-8b85-0745f50c0d24',
    iss: 'https://login.microsoftonline.com/fec4f964-8bc9-4fac-b972-1c1da35adbcd/v2.0',
    scp: 'access_as_user',
    tid: 'fec4f964-8bc9-4fac-b972-1c1da35adbcd',
    ver: '2.0',
    ...claims,
  };
  return [base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: 'fake' })), base64url(JSON.stringify(payload)), base64url('not a signature')].join('.');
}
