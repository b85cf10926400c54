/**
 * Core's messages in the workbook's language (issue 13, §5), in real headless Chromium against
 * `carnet serve`: a French and a Russian workbook refuse a bad email beside the field in their own
 * words; a person who picks another language in the sidebar reads the refusal in that one. Nothing
 * is saved by a refusal, in any language.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSidebar, screenshotOf, type Sidebar } from '../helpers/browser.js';
import { carnet, digest, tempDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';

const HAS_CHROMIUM = requireProgram('chromium', 'browser (e2e) tests');
const ADA = 'ada@example.com';


interface Words {
  find: string;
  contacts: string;
  addContact: string;
  fullName: string;
  email: string;
  save: string;
  /** The refusal beside the email field, as core says it in that language. */
  refusal: string;
}

const FR: Words = {
  find: 'Trouver une société',
  contacts: 'Contacts',
  addContact: '+ Ajouter un contact',
  fullName: 'Nom complet',
  email: 'E-mail',
  save: 'Enregistrer',
  refusal: 'Contacts › E-mail\u00a0: «\u00a0pas-un-email\u00a0» n’est pas une adresse e-mail.',
};
const RU: Words = {
  find: 'Найти компанию',
  contacts: 'Контакты',
  addContact: '+ Добавить контакт',
  fullName: 'Полное имя',
  email: 'Эл. почта',
  save: 'Сохранить',
  refusal: 'Контакты › Эл. почта: «pas-un-email» не является адресом электронной почты.',
};

/** Opens Acme's card, starts a contact with a bad email, saves, and answers the message beside the field. */
async function refusedEmail(page: Page, w: Words, shot?: string): Promise<string> {
  const search = page.getByRole('combobox', { name: w.find });
  await search.fill('Acme');
  await page.getByRole('option', { name: 'Acme' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Acme');
  await page.getByRole('tab', { name: new RegExp(w.contacts) }).click();
  await page.getByRole('button', { name: w.addContact }).click();
  await page.getByLabel(w.fullName).fill('Jean Test');
  const email = page.getByLabel(w.email, { exact: true });
  await email.fill('pas-un-email');
  await page.getByRole('button', { name: w.save }).click();
  await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
  const errorId = await email.getAttribute('aria-describedby');
  const text = (await page.locator(`#${errorId}`).textContent()) ?? '';
  if (shot) await screenshotOf(page, shot, 'form');
  await email.press('Escape');
  return text;
}

for (const [lang, words] of [
  ['fr', FR],
  ['ru', RU],
] as const) {
  describe.skipIf(!HAS_CHROMIUM)(`a ${lang === 'fr' ? 'French' : 'Russian'} workbook in the sidebar`, () => {
    const tmp = tempDir();
    const file = join(tmp.dir, `${lang}.xlsx`);
    let sidebar: Sidebar | undefined;
    let page: Page;

    beforeAll(async () => {
      expect((await carnet('init', file, '--lang', lang, '--as', ADA)).code).toBe(0);
      expect((await carnet('add', file, 'companies', '--set', 'name=Acme', '--as', ADA)).code).toBe(0);
      // Tall enough for the whole form: a picture of it without the sticky search bar across it.
      sidebar = await openSidebar(file, ADA, 1400);
      page = sidebar.page;
    });

    afterEach(() => {
      expect(sidebar?.takeErrors()).toEqual([]);
    });

    afterAll(async () => {
      await sidebar?.close();
      tmp.cleanup();
    });

    it("shows core's refusal beside the field in the workbook's language, and saves nothing", async () => {
      const before = digest(file);
      expect(await refusedEmail(page, words, lang === 'fr' ? 'languages.png' : undefined)).toBe(words.refusal);
      expect(digest(file)).toBe(before);
    });

    it('speaks the language the person picks instead', async () => {
      const other = lang === 'fr' ? RU : FR;
      const before = digest(file);
      await page.locator('#ui-lang').selectOption(lang === 'fr' ? 'ru' : 'fr');
      await page.getByRole('combobox', { name: other.find }).waitFor();
      // Labels too follow the person's language: the message is the other workbook's, word for word.
      expect(await refusedEmail(page, other)).toBe(other.refusal);
      expect(digest(file)).toBe(before);
    });
  });
}
