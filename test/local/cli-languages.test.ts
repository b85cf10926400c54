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
import { editByHand } from '../helpers/excel-edit.js';

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

/**
 * The CLI's own words (local/cli) in the workbook's language: its success lines, check's summary,
 * tidy's plan and a list's count; the problems inside them are core's, in the same language. The
 * `carnet:` frame, codes, ids, cells, sheet names and values stay as they are.
 */
const OWN = {
  en: {
    sheet: ['Companies', 'Name', 'Email'],
    added: 'Added CO-000001 (Acme) on row 2.\n',
    check: (f: string) =>
      `${f}: 8 records in 13 directories; 2 errors, 0 warnings.\n` +
      '  error   Companies!A3: the record has no ID. [E_REQUIRED]\n' +
      '  error   Companies!I3: "bob@" is not an email address. [E_INVALID_VALUE]\n',
    tidy: (f: string) =>
      `${f}: 1 cell to tidy in Companies. 1 problem is left for a person to fix; \`check\` lists it too.\n\n` +
      'Companies (sheet "Companies", 2 records): 1 ID\n' +
      '  - Give ID CO-000002 to 1 record typed by hand, in column A (A3).\n\n' +
      'Left as they are, for a person to fix (`carnet check` lists them too):\n' +
      '  error   Companies!I3: "bob@" is not an email address. [E_INVALID_VALUE]\n' +
      'Nothing was changed (dry run).\n',
    list: 'ID         Name  Email\n---------  ----  -----\nCO-000001  Acme\n           Bolt  bob@\n2 records\n',
    updated: 'Updated CO-000001 (Acme SA).\n',
    hidden: 'Field notes (longtext): hidden (its column and data stay).\n',
  },
  fr: {
    sheet: ['Sociétés', 'Nom', 'E-mail'],
    added: 'Fiche CO-000001 (Acme) ajoutée à la ligne 2.\n',
    check: (f: string) =>
      `${f}\u00a0: 8 fiches dans 13 annuaires\u00a0; 2 erreurs, 0 avertissement.\n` +
      '  erreur Sociétés!A3\u00a0: la fiche n’a pas d’ID. [E_REQUIRED]\n' +
      '  erreur Sociétés!I3\u00a0: "bob@" n’est pas une adresse e-mail. [E_INVALID_VALUE]\n',
    tidy: (f: string) =>
      `${f}\u00a0: 1 cellule à remettre en ordre dans Sociétés. Il reste 1 problème à corriger à la main\u00a0; \`check\` le signale aussi.\n\n` +
      'Sociétés (feuille «\u00a0Sociétés\u00a0», 2 fiches)\u00a0: 1 identifiant\n' +
      '  - Donner l’ID CO-000002 à 1 fiche saisie à la main, dans la colonne A (A3).\n\n' +
      'Laissés tels quels, à corriger à la main (`carnet check` les liste aussi)\u00a0:\n' +
      '  erreur Sociétés!I3\u00a0: "bob@" n’est pas une adresse e-mail. [E_INVALID_VALUE]\n' +
      'Rien n’a été modifié (simulation).\n',
    list: 'ID         Nom   E-mail\n---------  ----  ------\nCO-000001  Acme\n           Bolt  bob@\n2 fiches\n',
    updated: 'Fiche CO-000001 (Acme SA) mise à jour.\n',
    hidden: 'Champ notes (longtext)\u00a0: masqué (sa colonne et ses données restent).\n',
  },
  ru: {
    sheet: ['Компании', 'Название', 'Эл. почта'],
    added: 'Добавлена запись CO-000001 (Acme) в строке 2.\n',
    check: (f: string) =>
      `${f}: 8 записей в 13 справочниках; 2 ошибки, 0 предупреждений.\n` +
      '  ошибка   Компании!A3: у записи нет ID. [E_REQUIRED]\n' +
      '  ошибка   Компании!I3: "bob@" не является адресом электронной почты. [E_INVALID_VALUE]\n',
    tidy: (f: string) =>
      `${f}: Навести порядок: 1 ячейка (Компании). Осталась 1 проблема, которую нужно исправить вручную; \`check\` тоже её покажет.\n\n` +
      'Компании (лист «Компании», 2 записи): 1 идентификатор\n' +
      '  - Дать ID CO-000002 1 записи, введённой вручную, в столбце A (A3).\n\n' +
      'Оставлено как есть, исправить должен человек (`carnet check` тоже их показывает):\n' +
      '  ошибка   Компании!I3: "bob@" не является адресом электронной почты. [E_INVALID_VALUE]\n' +
      'Ничего не изменено (пробный запуск).\n',
    list: 'ID         Название  Эл. почта\n---------  --------  ---------\nCO-000001  Acme\n           Bolt      bob@\n2 записи\n',
    updated: 'Запись CO-000001 (Acme SA) обновлена.\n',
    hidden: 'Поле notes (longtext): скрыто (столбец и данные остаются).\n',
  },
} as const;

for (const lang of ['en', 'fr', 'ru'] as const) {
  describe(`the CLI's own words, in a workbook in ${lang}`, () => {
    const file = join(tmp.dir, `own-${lang}.xlsx`);
    const said = OWN[lang];
    beforeAll(async () => {
      expect((await carnet('init', file, '--lang', lang)).code).toBe(0);
    });

    it('says what it did, checks and tidies in the workbook’s language', async () => {
      expect(await carnet('add', file, 'companies', '--set', 'name=Acme')).toEqual({ code: 0, stdout: said.added, stderr: '' });
      const [sheet, name, email] = said.sheet;
      // A company typed by hand, with no ID and a bad email.
      await editByHand(file, (_book, cell) => {
        cell(sheet, name, 3).value = 'Bolt';
        cell(sheet, email, 3).value = 'bob@';
      });
      expect(await carnet('check', file)).toEqual({ code: 1, stdout: said.check(file), stderr: '' });
      const before = digest(file);
      expect(await carnet('tidy', file, '--dry-run')).toEqual({ code: 0, stdout: said.tidy(file), stderr: '' });
      expect(digest(file)).toBe(before);
      expect(await carnet('list', file, 'companies', '--fields', 'name,email')).toEqual({ code: 0, stdout: said.list, stderr: '' });
      expect(await carnet('update', file, 'companies', 'Acme', '--set', 'name=Acme SA')).toEqual({ code: 0, stdout: said.updated, stderr: '' });
      expect(await carnet('field', 'hide', file, 'companies', 'notes')).toEqual({ code: 0, stdout: said.hidden, stderr: '' });
    });

    it('keeps --json the same in every language', async () => {
      const out = await carnet('check', file, '--json');
      expect(out.code).toBe(1);
      const report = JSON.parse(out.stdout);
      expect([report.records, report.directories, report.errors, report.warnings]).toEqual([8, 13, 2, 0]);
      expect(report.problems.map((p: { code: string; cell: string; severity: string }) => [p.code, p.cell, p.severity])).toEqual([
        ['E_REQUIRED', 'A3', 'error'],
        ['E_INVALID_VALUE', 'I3', 'error'],
      ]);
    });
  });
}
