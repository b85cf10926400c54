/**
 * (French puts a no-break space, U+00A0, inside « » and before : and ;.)
 *
 * The CLI says core's messages in the workbook's language (issue 13, §5): a French and a Russian
 * workbook refuse a value, a duplicate, an unknown field and a missing record in their own words,
 * with the same code, the same data and the same exit; nothing is written by a refusal.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, digest, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SAID = {
  en: {
    email: 'carnet: Contacts › Email: "bad" is not an email address. [E_INVALID_VALUE]\n',
    unique: 'carnet: Companies › Name: "acme" is already used (CO-000001, row 2); Name must be unique. [E_UNIQUE]\n',
    missing: 'carnet: Companies has no record "Nope". [E_NOT_FOUND]\n',
  },
  fr: {
    email: 'carnet: Contacts › E-mail\u00a0: «\u00a0bad\u00a0» n’est pas une adresse e-mail. [E_INVALID_VALUE]\n',
    unique: 'carnet: Sociétés › Nom\u00a0: «\u00a0acme\u00a0» est déjà utilisé (CO-000001, ligne 2)\u00a0; la valeur du champ «\u00a0Nom\u00a0» doit être unique. [E_UNIQUE]\n',
    missing: 'carnet: L’annuaire «\u00a0Sociétés\u00a0» n’a aucune fiche «\u00a0Nope\u00a0». [E_NOT_FOUND]\n',
  },
  ru: {
    email: 'carnet: Контакты › Эл. почта: «bad» не является адресом электронной почты. [E_INVALID_VALUE]\n',
    unique: 'carnet: Компании › Название: «acme» уже используется (CO-000001, строка 2); значение поля «Название» должно быть уникальным. [E_UNIQUE]\n',
    missing: 'carnet: В справочнике «Компании» нет записи «Nope». [E_NOT_FOUND]\n',
  },
} as const;

for (const lang of ['en', 'fr', 'ru'] as const) {
  describe(`a workbook in ${lang}`, () => {
    const file = join(tmp.dir, `${lang}.xlsx`);
    beforeAll(async () => {
      expect((await carnet('init', file, '--lang', lang)).code).toBe(0);
      expect((await carnet('add', file, 'companies', '--set', 'name=Acme')).code).toBe(0);
    });

    it('refuses a bad email in its language, writing nothing', async () => {
      const before = digest(file);
      expect(await carnet('add', file, 'contacts', '--set', 'name=Jean', '--set', 'email=bad')).toEqual({ code: 1, stdout: '', stderr: SAID[lang].email });
      expect(digest(file)).toBe(before);
    });

    it('refuses a duplicate name and a missing record in its language', async () => {
      expect(await carnet('add', file, 'companies', '--set', 'name=acme')).toEqual({ code: 1, stdout: '', stderr: SAID[lang].unique });
      expect(await carnet('add', file, 'sales', '--set', 'company=Nope')).toEqual({ code: 1, stdout: '', stderr: SAID[lang].missing });
    });

    it('gives the same code and data in --json, only the message in its language', async () => {
      const out = await carnet('add', file, 'contacts', '--set', 'name=Jean', '--set', 'email=bad', '--json');
      expect([out.code, out.stdout]).toEqual([1, '']);
      // A refusal goes to stderr, as JSON with --json.
      expect(JSON.parse(out.stderr)).toEqual({
        ok: false,
        error: { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: 'bad', message: SAID[lang].email.slice('carnet: '.length, -' [E_INVALID_VALUE]\n'.length) },
      });
    });
  });
}
