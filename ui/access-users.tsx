/**
 * The accounts of the workbook: each with its id, name, role, whether it is active and whether it
 * has a password; a form to add one. Each change is one command (`user.update`, `user.remove`,
 * `user.add`); the core refuses what would leave no active admin, and says so beside the user.
 */

import { useState } from 'preact/hooks';
import { Problem, type AccessData, type AccessUser, type Changes } from './access-data.js';
import { useCarnet } from './context.js';

function RoleSelect({ id, value, roles, disabled, onChange }: { id: string; value: string; roles: string[]; disabled?: boolean; onChange(role: string): void }) {
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

function UserItem({ user: u, n, roles, changes }: { user: AccessUser; n: number; roles: string[]; changes: Changes }) {
  const { t, me } = useCarnet();
  const [confirming, setConfirming] = useState(false);
  const key = `user:${u.id}`;
  const busy = changes.pending !== undefined;
  const sent = changes.sending<{ role: string; active: boolean }>(key);
  const update = (input: Record<string, unknown>) => void changes.run(key, 'user.update', { id: u.id, ...input });
  return (
    <li class={u.active ? 'access-user' : 'access-user inactive'} data-user={u.id}>
      <div class="item-head">
        <strong>{u.name || u.id}</strong>
        <span class="badge" title={u.hasPassword ? t('accessPasswordSet') : t('accessNoPassword')}>
          {u.hasPassword ? t('accessPassword') : t('accessNoPassword')}
        </span>
      </div>
      <div class="muted">
        {u.id}
        {u.id.toLowerCase() === me.user.id.toLowerCase() && ` · ${t('accessYou')}`}
      </div>
      <div class="access-user-row">
        <label for={`user-role-${n}`}>{t('accessRole')}</label>
        <RoleSelect id={`user-role-${n}`} value={sent.role ?? u.role} roles={roles} disabled={busy} onChange={(role) => update({ role })} />
        <label class="check">
          <input type="checkbox" checked={sent.active ?? u.active} disabled={busy} onChange={(e) => update({ active: (e.currentTarget as HTMLInputElement).checked })} /> {t('accessActive')}
        </label>
        {confirming ? (
          <>
            <button type="button" class="link danger" disabled={busy} onClick={() => void changes.run(key, 'user.remove', { id: u.id }).then(() => setConfirming(false))}>
              {t('accessReallyRemove', { id: u.id })}
            </button>
            <button type="button" class="link" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </>
        ) : (
          <button type="button" class="link" aria-label={`${t('accessRemove')}: ${u.id}`} onClick={() => setConfirming(true)}>
            {t('accessRemove')}
          </button>
        )}
      </div>
      <Problem text={changes.problem(key)} />
    </li>
  );
}

function AddUser({ roles, changes }: { roles: string[]; changes: Changes }) {
  const { t } = useCarnet();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState(roles.includes('Viewer') ? 'Viewer' : (roles[0] ?? ''));
  return (
    <form
      class="access-add"
      onSubmit={(e) => {
        e.preventDefault();
        if (!id.trim()) return;
        void changes.run('user:new', 'user.add', { id: id.trim(), ...(name.trim() ? { name: name.trim() } : {}), role }).then((ok) => {
          if (ok) {
            setId('');
            setName('');
          }
        });
      }}
    >
      <h4>{t('accessAddUser')}</h4>
      <div class="field">
        <label for="new-user-id">{t('accessUserId')}</label>
        <input id="new-user-id" type="text" autoComplete="off" spellcheck={false} value={id} onInput={(e) => setId((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="new-user-name">
          {t('accessUserName')} <span class="muted">{t('optional')}</span>
        </label>
        <input id="new-user-name" type="text" autoComplete="off" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="new-user-role">{t('accessRole')}</label>
        <RoleSelect id="new-user-role" value={role} roles={roles} onChange={setRole} />
      </div>
      <Problem text={changes.problem('user:new')} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={changes.pending !== undefined || !id.trim()}>
          {t('accessAddUser')}
        </button>
      </div>
    </form>
  );
}

export function Users({ data, changes }: { data: AccessData; changes: Changes }) {
  const { t } = useCarnet();
  const roles = data.roles.map((r) => r.name);
  return (
    <section class="access-part" aria-labelledby="access-users">
      <h3 id="access-users">{t('accessUsers')}</h3>
      {data.users.length === 0 ? (
        <p class="muted">{t('accessNoUsers')}</p>
      ) : (
        <ul class="items">
          {data.users.map((u, i) => (
            <UserItem key={u.id} user={u} n={i} roles={roles} changes={changes} />
          ))}
        </ul>
      )}
      <AddUser roles={roles} changes={changes} />
    </section>
  );
}
