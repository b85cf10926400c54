/**
 * Settings → Users & rights (issue 12), for who may manage users: the accounts, the roles with
 * their matrix of directories × levels and their special rights, the newcomers' role, the
 * protection of the sheets (a dry run first), and what that protection does and does not do on
 * this host. Everything comes from one `access.get`; each change is one command whose answer
 * replaces the users and roles shown, and a refusal is shown beside what it concerns. After a
 * change, `me` is fetched again: the admin's own rights may have changed with it.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Problem, type AccessData, type AccessListing, type Changes } from './access-data.js';
import { ProtectSheets, WhatThisProtects } from './access-protect.js';
import { Newcomers, Roles } from './access-roles.js';
import { Users } from './access-users.js';
import { useCarnet } from './context.js';
import { registerWords } from './i18n.js';
import { ACCESS_WORDS } from './i18n-access.js';

// This screen's words travel with it, not in the task pane's first load (ui/i18n.ts).
registerWords(ACCESS_WORDS);

export function UsersRights() {
  const { bridge, t, refreshMe, announce, go } = useCarnet();
  const [data, setData] = useState<AccessData | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<{ key: string; input: unknown } | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let live = true;
    bridge.call<AccessData>('access.get').then(
      (d) => live && setData(d),
      (e: unknown) => live && setFailure((e as Error).message),
    );
    return () => {
      live = false;
    };
  }, []);

  const changes: Changes = {
    pending: pending?.key,
    problem: (key) => problems[key],
    sending: <T,>(key: string) => (pending?.key === key ? (pending.input as Partial<T>) : {}),
    async run(key, command, input) {
      setPending({ key, input });
      setProblems(({ [key]: _, ...rest }) => rest);
      try {
        const listing = await bridge.call<AccessListing>(command, input);
        setData((d) => d && { ...d, ...listing, enforced: true });
        announce(t('saved'));
        // What the sidebar offers follows the new rights; a failure here leaves the screen as it is.
        void refreshMe().catch(() => undefined);
        return true;
      } catch (e) {
        setProblems((p) => ({ ...p, [key]: (e as Error).message }));
        return false;
      } finally {
        setPending(undefined);
      }
    },
  };

  return (
    <article class="access" aria-labelledby="access-title" aria-busy={pending !== undefined}>
      <h2 id="access-title" tabIndex={-1} ref={heading}>
        {t('usersRights')}
      </h2>
      <Problem text={failure} />
      {!data && !failure && <p aria-busy="true">{t('loading')}</p>}
      {data && (
        <>
          {!data.enforced && <p class="access-off">{t('accessOff')}</p>}
          <Users data={data} changes={changes} />
          <Roles data={data} changes={changes} />
          <Newcomers data={data} changes={changes} />
          <ProtectSheets enforced={data.enforced} />
          <WhatThisProtects />
          <p>
            <button type="button" class="link" onClick={() => go('audit')}>
              {t('auditTitle')}
            </button>
            <span class="muted"> — {t('auditHelp')}</span>
          </p>
        </>
      )}
    </article>
  );
}
