/**
 * Someone without an account (issue 12), where newcomers may do nothing: the commands that need
 * nothing still answer — who they are, which profiles to pick — and show nothing; the rest refuse.
 */

import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';

describe('without an account', () => {
  it('answers me, access.profiles and card.index with nothing visible, and refuses the rest naming the account', async () => {
    const wb = new MemoryWorkbook({ id: 'ada@example.com', name: 'Ada' });
    const admin: Context = { wb, now: () => 46357 };
    expect((await dispatch(admin, 'crm.setup', {})).ok).toBe(true);
    expect((await dispatch(admin, 'company.create', { values: { name: 'Acme' } })).ok).toBe(true);
    expect((await dispatch(admin, 'role.newcomers', { role: 'none' })).ok).toBe(true);
    const stranger: Context = { ...admin, actor: { id: 'eve@example.com', name: 'Eve' } };

    const me = await dispatch(stranger, 'me', {});
    expect(me).toMatchObject({ ok: true, result: { enforced: true, admin: false, rights: [], user: { id: 'eve@example.com', role: null } } });
    expect((me as { result: { directories: { level: string }[] } }).result.directories.every((d) => d.level === 'none')).toBe(true);
    expect(await dispatch(stranger, 'access.profiles', {})).toEqual({ ok: true, result: { enforced: true, profiles: [{ id: 'ada@example.com', name: 'Ada', hasPassword: false }] } });
    expect(await dispatch(stranger, 'card.index', {})).toMatchObject({ ok: true, result: { companies: [], options: {} } });
    expect(await dispatch(stranger, 'record.list', { directory: 'companies' })).toEqual({
      ok: false,
      error: { code: 'E_FORBIDDEN', right: 'account', value: 'eve@example.com', message: 'eve@example.com has no account in this workbook: ask an admin to add you (Settings → Users & rights, or `carnet user add`).' },
    });
  });
});
