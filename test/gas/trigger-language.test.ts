/**
 * The admins' menu items that turn Google's edit trigger on and off run outside any command: their
 * answers (the alert a person reads) speak the workbook's language all the same, learned from the
 * settings they read first.
 */

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/app/registry.js';
import { installAuditTrigger } from '../../gas-addon/audit-trigger.js';
import { contextFor } from '../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../gas-addon/sheets-workbook.js';
import { installTidyTrigger } from '../../gas-addon/tidy-trigger.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

async function frenchTeam() {
  const fake = new FakeAppsScript({ owner: 'owner@example.com', activeUser: 'ann@example.com', editors: ['owner@example.com', 'ann@example.com', 'mona@example.com'] });
  const run = async (command: string, input: unknown) => {
    const out = await dispatch(contextFor(new AppsScriptWorkbook(fake.services)), command, input);
    if (!out.ok) throw new Error(`${command}: ${out.error.message}`);
  };
  await run('crm.setup', { lang: 'fr', country: 'FR' });
  await run('user.add', { id: 'mona@example.com', name: 'Mona', role: 'Manager' });
  return fake;
}

describe('the trigger menu items of a French workbook', () => {
  it('answer in French, a refusal as an acceptance', async () => {
    const fake = await frenchTeam();
    fake.activeUser = fake.effectiveUser = 'mona@example.com';
    const refused = JSON.parse(await installTidyTrigger(fake.services));
    fake.activeUser = fake.effectiveUser = 'ann@example.com';
    const done = JSON.parse(await installAuditTrigger(fake.services));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'E_FORBIDDEN', right: 'manageUsers', value: 'mona@example.com', message: 'mona@example.com ne peut pas activer ni désactiver la remise en ordre des lignes saisies\u00a0: il faut pour cela le droit «\u00a0manageUsers\u00a0», qu’ont les administrateurs.' },
    });
    expect(done).toEqual({
      ok: true,
      result: {
        recording: true,
        by: 'ann@example.com',
        changed: true,
        message: 'Carnet enregistre désormais dans le journal d’audit chaque modification saisie dans la feuille d’un annuaire, comme «\u00a0(à la main)\u00a0», et signale celles que les droits de la personne ne permettent pas. Cela s’exécute sous votre compte\u00a0: chaque modification compte dans votre temps de déclencheurs Apps Script.',
      },
    });
  });
});
