/**
 * The sign-in screen, shown before anything else where the host asks who is there
 * (`Bridge.session`): a login and a password on the local server once the workbook's users have
 * passwords (`password` mode); a profile to pick, and its password when it has one, in Excel
 * without Office SSO (`profile` mode). A refusal is shown as the core words it ("Wrong login or
 * password.", "Too many failed sign-ins…").
 */

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SessionBridge, SessionState, SessionUser } from './bridge.js';
import type { Translate } from './i18n.js';

export interface SignInProps {
  /** The sidebar's words: this screen comes before the CRM's context exists. */
  t: Translate;
  session: SessionState;
  sessions: SessionBridge;
  onSignedIn(user: SessionUser): void;
}

export function SignIn({ t, session, sessions, onSignedIn }: SignInProps) {
  const profiles = session.mode === 'profile' ? (session.profiles ?? []) : undefined;
  const [user, setUser] = useState(profiles?.[0]?.id ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const chosen = profiles?.find((p) => p.id === user);
  const asksPassword = !profiles || chosen?.hasPassword === true;

  useLayoutEffect(() => heading.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      onSignedIn(await sessions.login(user.trim(), asksPassword ? password : undefined));
    } catch (error) {
      setProblem((error as Error).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="sign-in" aria-labelledby="sign-in-title" aria-busy={busy} onSubmit={submit}>
      <h2 id="sign-in-title" tabIndex={-1} ref={heading}>
        {t('signIn')}
      </h2>
      <p class="muted">{profiles ? t('signInProfileIntro') : t('signInIntro')}</p>
      {problem && (
        <p role="alert" class="form-error">
          {problem}
        </p>
      )}
      <div class="field">
        <label for="sign-in-user">{profiles ? t('signInProfile') : t('signInLogin')}</label>
        {profiles ? (
          <select id="sign-in-user" value={user} onChange={(e) => setUser((e.currentTarget as HTMLSelectElement).value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name && p.name !== p.id ? `${p.name} (${p.id})` : p.id}
              </option>
            ))}
          </select>
        ) : (
          <input id="sign-in-user" type="text" autoComplete="username" spellcheck={false} value={user} onInput={(e) => setUser((e.currentTarget as HTMLInputElement).value)} />
        )}
      </div>
      {asksPassword && (
        <div class="field">
          <label for="sign-in-password">{t('signInPassword')}</label>
          <input id="sign-in-password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
        </div>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || !user.trim()}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </div>
    </form>
  );
}
