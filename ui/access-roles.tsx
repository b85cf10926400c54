/**
 * The roles: pick one to see and change its matrix — a level per directory (rows by label, and
 * "Every other directory" for `*`), with a Delete box — and its special rights as checkboxes; add
 * a role as a copy of another; remove one nobody has. Each change is one command (`role.grant`,
 * `role.allow`, `role.add`, `role.remove`). The Admin role is shown, not changed: it keeps every
 * right everywhere. Then the newcomers' role: what people without an account may do.
 */

import { useState } from 'preact/hooks';
import { entryOf, LEVEL_LABEL, Problem, type AccessData, type AccessRole, type Changes } from './access-data.js';
import { useCarnet } from './context.js';
import type { MessageKey } from './i18n.js';
import { RIGHT_LABEL } from './not-allowed.js';
import { LEVELS, type Level } from './rights.js';

/** What each level lets a role do: the legend under the matrix. */
const LEVEL_HELP: Record<Level, MessageKey> = { none: 'levelNoneHelp', view: 'levelViewHelp', own: 'levelOwnHelp', add: 'levelAddHelp', full: 'levelFullHelp' };

function Matrix({ role, data, changes }: { role: AccessRole; data: AccessData; changes: Changes }) {
  const { t } = useCarnet();
  const locked = role.admin === true;
  const busy = changes.pending !== undefined;
  const rows = [...data.directories, { key: '*', label: t('accessEveryOther') }];
  const grant = (key: string, level: Level, del?: boolean) =>
    void changes.run(`grant:${role.name}:${key}`, 'role.grant', { role: role.name, directory: key, level, ...(del !== undefined ? { delete: del } : {}) });
  return (
    <>
      <table class="access-matrix">
        <caption>{t('accessMatrix', { role: role.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('accessDirectory')}</th>
            <th scope="col">{t('accessLevel')}</th>
            <th scope="col">{t('accessDelete')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => {
            const key = `grant:${role.name}:${d.key}`;
            const e = { ...entryOf(role, d.key), ...changes.sending<{ level: Level; delete: boolean }>(key) };
            const problem = changes.problem(key);
            return (
              <tr key={d.key} class={e.inherited ? 'inherited' : undefined} data-directory={d.key}>
                <th scope="row">
                  {d.label}
                  {e.inherited && <span class="muted"> {t('accessAsEveryOther')}</span>}
                  <Problem text={problem} />
                </th>
                <td>
                  <select
                    aria-label={t('accessLevelOf', { directory: d.label })}
                    value={e.level}
                    disabled={locked || busy}
                    onChange={(ev) => grant(d.key, (ev.currentTarget as HTMLSelectElement).value as Level)}
                  >
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(LEVEL_LABEL[l])}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('accessDeleteOf', { directory: d.label })}
                    checked={e.delete}
                    disabled={locked || busy}
                    onChange={(ev) => grant(d.key, e.level, (ev.currentTarget as HTMLInputElement).checked)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl class="access-levels">
        {LEVELS.map((l) => (
          <div key={l}>
            <dt>{t(LEVEL_LABEL[l])}</dt>
            <dd>{t(LEVEL_HELP[l])}</dd>
          </div>
        ))}
      </dl>
      <fieldset class="access-rights" disabled={locked}>
        <legend>{t('accessRights', { role: role.name })}</legend>
        {data.rights.map((r) => (
          <div key={r}>
            <label class="check">
              <input
                type="checkbox"
                checked={changes.sending<{ allowed: boolean }>(`allow:${role.name}:${r}`).allowed ?? role.rights.includes(r)}
                disabled={busy}
                onChange={(ev) => void changes.run(`allow:${role.name}:${r}`, 'role.allow', { role: role.name, right: r, allowed: (ev.currentTarget as HTMLInputElement).checked })}
              />{' '}
              {t(RIGHT_LABEL[r])}
            </label>
            <Problem text={changes.problem(`allow:${role.name}:${r}`)} />
          </div>
        ))}
      </fieldset>
    </>
  );
}

function AddRole({ data, changes, onAdded }: { data: AccessData; changes: Changes; onAdded(name: string): void }) {
  const { t } = useCarnet();
  const [name, setName] = useState('');
  const [from, setFrom] = useState(data.roles.find((r) => !r.admin)?.name ?? '');
  return (
    <form
      class="access-add"
      onSubmit={(e) => {
        e.preventDefault();
        const n = name.trim();
        if (!n) return;
        void changes.run('role:new', 'role.add', { name: n, ...(from ? { from } : {}) }).then((ok) => {
          if (!ok) return;
          setName('');
          onAdded(n);
        });
      }}
    >
      <h4>{t('accessAddRole')}</h4>
      <div class="field">
        <label for="new-role-name">{t('accessRoleName')}</label>
        <input id="new-role-name" type="text" autoComplete="off" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="new-role-from">{t('accessCopyOf')}</label>
        <select id="new-role-from" value={from} onChange={(e) => setFrom((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('accessEmptyRole')}</option>
          {data.roles.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <Problem text={changes.problem('role:new')} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={changes.pending !== undefined || !name.trim()}>
          {t('accessAddRole')}
        </button>
      </div>
    </form>
  );
}

export function Roles({ data, changes }: { data: AccessData; changes: Changes }) {
  const { t } = useCarnet();
  const [picked, setPicked] = useState(() => data.roles.find((r) => !r.admin)?.name ?? data.roles[0]?.name ?? '');
  const [confirming, setConfirming] = useState(false);
  const role = data.roles.find((r) => r.name === picked) ?? data.roles[0];
  return (
    <section class="access-part" aria-labelledby="access-roles">
      <h3 id="access-roles">{t('accessRoles')}</h3>
      <div class="field">
        <label for="access-role">{t('accessRole')}</label>
        <select
          id="access-role"
          value={role?.name ?? ''}
          onChange={(e) => {
            setPicked((e.currentTarget as HTMLSelectElement).value);
            setConfirming(false);
          }}
        >
          {data.roles.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      {role && (
        <>
          <p class="muted">
            {t('accessRoleUsers', { users: data.users.filter((u) => u.role.toLowerCase() === role.name.toLowerCase()).map((u) => u.id).join(', ') || t('accessNobody') })}
          </p>
          {role.admin && <p class="muted">{t('accessAdminRole')}</p>}
          <Matrix key={role.name} role={role} data={data} changes={changes} />
          {!role.admin &&
            (confirming ? (
              <div class="buttons">
                <button
                  type="button"
                  class="link danger"
                  onClick={() =>
                    void changes.run('role:remove', 'role.remove', { name: role.name }).then((ok) => {
                      setConfirming(false);
                      if (ok) setPicked('');
                    })
                  }
                >
                  {t('accessReallyRemoveRole', { role: role.name })}
                </button>
                <button type="button" class="link" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </div>
            ) : (
              <button type="button" class="link" onClick={() => setConfirming(true)}>
                {t('accessRemoveRole', { role: role.name })}
              </button>
            ))}
          <Problem text={changes.problem('role:remove')} />
        </>
      )}
      <AddRole data={data} changes={changes} onAdded={setPicked} />
    </section>
  );
}

export function Newcomers({ data, changes }: { data: AccessData; changes: Changes }) {
  const { t } = useCarnet();
  return (
    <section class="access-part" aria-labelledby="access-newcomers">
      <h3 id="access-newcomers">{t('accessNewcomers')}</h3>
      <p class="muted">{t('accessNewcomersHelp')}</p>
      <div class="field">
        <label for="newcomers-role">{t('accessNewcomersRole')}</label>
        <select
          id="newcomers-role"
          value={changes.sending<{ role: string }>('newcomers').role ?? data.newcomers ?? 'none'}
          disabled={changes.pending !== undefined}
          onChange={(e) => void changes.run('newcomers', 'role.newcomers', { role: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="none">{t('accessNewcomersNone')}</option>
          {data.roles
            .filter((r) => !r.admin)
            .map((r) => (
              <option key={r.name} value={r.name}>
                {r.name}
              </option>
            ))}
        </select>
      </div>
      <Problem text={changes.problem('newcomers')} />
    </section>
  );
}
