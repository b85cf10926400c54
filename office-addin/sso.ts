/**
 * Office single sign-on, where the add-in is built for it (issue 12): Office gives the task pane an
 * access token for the person signed in to Office, and Carnet takes them to be the token's
 * `preferred_username`.
 *
 * - The call: `Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true })`
 *   (https://learn.microsoft.com/javascript/api/office/office.auth, the options:
 *   https://learn.microsoft.com/javascript/api/office/office.authoptions), IdentityAPI 1.3
 *   (https://learn.microsoft.com/javascript/api/requirement-sets/common/identity-api-requirement-sets).
 *   It needs the manifest's `<WebApplicationInfo>` and an app registration in Microsoft Entra ID;
 *   `npm run build` adds the element only with CARNET_OFFICE_SSO_CLIENT_ID (build.ts).
 * - The token "is both an access token and an identity token": `preferred_username` is the
 *   person's email, `name` their display name
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/sso-in-office-add-ins).
 * - It is decoded, NOT verified: verifying means checking Microsoft's signature on a server, and
 *   Carnet has none in Excel. Whoever can run script in the task pane can make up a token; the
 *   README and docs/excel.md say so.
 * - Any failure — the 13xxx codes of
 *   https://learn.microsoft.com/office/dev/add-ins/develop/troubleshoot-sso-in-office-add-ins, a
 *   token without `preferred_username` — means the profile mode (identity.ts), as Microsoft asks:
 *   "Your add-in should respond to this error by falling back to an alternate system of user
 *   authentication."
 * - The token is never kept ("Never cache or store the access token"): only who it names, in memory.
 */

import { say } from '../core/messages/say.js';
import type { UserInfo } from '../core/workbook.js';

/** The part of `Office.auth` (or `OfficeRuntime.auth`, its equivalent) this needs. */
export interface OfficeAuth {
  getAccessToken(options?: { allowSignInPrompt?: boolean; allowConsentPrompt?: boolean }): Promise<string>;
}

/**
 * Sign-in and consent prompts allowed: an organisation that set SSO up wants people signed in, and
 * a person who cancels (13002) gets the profile mode, as one whose Office cannot sign in.
 */
export const SSO_OPTIONS = { allowSignInPrompt: true, allowConsentPrompt: true } as const;

/** What the troubleshooting page says each code means, in the person's words (said when asked). */
const reasons = (): Record<number, string> => ({
  13000: say('this Office or this add-in is not set up for it'),
  13001: say('nobody is signed in to Office'),
  13002: say('the sign-in was cancelled'),
  13003: say('this kind of account cannot sign in to add-ins'),
  13004: say('the add-in’s manifest is set up wrong'),
  13005: say('Office is not allowed to sign in to this add-in, or the consent was withdrawn'),
  13006: say('Office on the web had a problem: sign out, then open the workbook again'),
  13007: say('Office could not get a sign-in for this add-in'),
  13010: say('your browser puts Microsoft 365 and its sign-in page in different security zones'),
  13012: say('this Office (or Excel opened from Teams) does not offer it'),
});

export type OfficeSignIn = { ok: true; user: UserInfo } | { ok: false; problem: string };

/** Asks Office who is signed in; never throws. */
export async function signInWithOffice(auth: OfficeAuth): Promise<OfficeSignIn> {
  let token: string;
  try {
    token = await auth.getAccessToken({ ...SSO_OPTIONS });
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    const reason = (typeof code === 'number' ? reasons()[code] : undefined) ?? ((e as Error | null)?.message || say('no reason given'));
    return {
      ok: false,
      problem: typeof code === 'number' ? say('Office could not sign you in ({code}): {reason}.', { code, reason }) : say('Office could not sign you in: {reason}.', { reason }),
    };
  }
  const claims = decodeJwtPayload(token);
  const id = typeof claims?.preferred_username === 'string' ? claims.preferred_username.trim() : '';
  if (!id) return { ok: false, problem: say('Office signed you in, but its token names no user (no preferred_username).') };
  const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim() : id;
  return { ok: true, user: { id, name } };
}

/** The claims of a JSON Web Token, its signature unchecked; undefined when it is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
