/**
 * The schema's messages in English, French and Russian (issue 13, §5): the same refusal in every
 * language, code and structured data alike (directory, field, sheet, cell, value, problems); only
 * the messages change. Labels are quoted in the language spoken (the workbook here is English).
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import type { ErrorData } from '../../../core/errors.js';
import { normalizeValue } from '../../../core/fields/normalize.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { loadMessages } from '../../../core/messages/load.js';
import { speaking } from '../../../core/messages/say.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Lang } from '../../../core/schema/types.js';
import { ok, refused } from '../../helpers/commands.js';
import { miniSchema } from '../../helpers/schemas.js';

const TODAY = serialFromParts(2026, 11, 27);
const LANGS: Lang[] = ['en', 'fr', 'ru'];

async function freshCrm(): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook({ id: 'admin@example.com', name: 'Admin' });
  await setupCrm(wb, miniSchema(), { cities: [{ name: 'Lyon' }] }, { today: TODAY, now: TODAY, user: 'admin@example.com' });
  return { wb, ctx: { wb, now: () => TODAY } };
}

/** The refusal of one command, as the person reading each language gets it. */
async function refusedIn(ctx: Context, name: string, input: unknown): Promise<Record<Lang, ErrorData>> {
  const out = {} as Record<Lang, ErrorData>;
  for (const lang of LANGS) out[lang] = await refused({ ...ctx, lang }, name, input);
  return out;
}

/** One error in every language: the same data, its message (and its problems' messages) said in each. */
function said(data: Omit<ErrorData, 'message'>, messages: Record<Lang, string>, problems?: [Omit<ErrorData, 'message'>, Record<Lang, string>][]): Record<Lang, ErrorData> {
  const out = {} as Record<Lang, ErrorData>;
  for (const lang of LANGS) {
    out[lang] = { ...data, message: messages[lang], ...(problems ? { problems: problems.map(([p, m]) => ({ ...p, message: m[lang] })) } : {}) } as ErrorData;
  }
  return out;
}

describe('schema messages in English, French and Russian', () => {
  let wb: MemoryWorkbook;
  let ctx: Context;
  beforeEach(async () => ({ wb, ctx } = await freshCrm()));

  describe('E_DATA_LOSS', () => {
    beforeEach(async () => {
      await ok(ctx, 'field.add', { directory: 'companies', field: { label: 'Hometown', type: 'text' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', hometown: 'Lyon', email: 'a@b.fr' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Bolt', hometown: 'Paris', email: 'A@b.fr' } });
      await ok(ctx, 'record.create', { directory: 'companies', values: { name: 'Cosy', hometown: 'Berlin' } });
    });
    const cell = (row: number, cell: string, value: string) => ({ code: 'E_DATA_LOSS' as const, directory: 'companies', field: 'hometown', sheet: 'Companies', row, cell, value });

    it('refuses a retype to a reference, listing each cell not in the referenced directory', async () => {
      expect(await refusedIn(ctx, 'field.retype', { directory: 'companies', field: 'hometown', type: 'reference', ref: 'cities' })).toEqual(
        said(
          { code: 'E_DATA_LOSS', directory: 'companies', field: 'hometown', sheet: 'Companies' },
          {
            en: '"Hometown" cannot become reference: 2 cells would be lost (J3 "Paris", J4 "Berlin"). Fix them first; nothing was changed.',
            fr: 'Le champ « Hometown » ne peut pas devenir reference : 2 cellules seraient perdues (J3 "Paris", J4 "Berlin"). Corrigez-les d’abord ; rien n’a été modifié.',
            ru: 'Поле «Hometown» нельзя перевести в тип reference: 2 ячейки будут потеряны (J3 "Paris", J4 "Berlin"). Сначала исправьте их; ничего не изменено.',
          },
          [
            [cell(3, 'J3', 'Paris'), { en: 'Companies!J3: "Paris" is not in Cities.', fr: 'Companies!J3 : "Paris" ne figure pas dans l’annuaire « Villes ».', ru: 'Companies!J3: "Paris" нет в справочнике «Города».' }],
            [cell(4, 'J4', 'Berlin'), { en: 'Companies!J4: "Berlin" is not in Cities.', fr: 'Companies!J4 : "Berlin" ne figure pas dans l’annuaire « Villes ».', ru: 'Companies!J4: "Berlin" нет в справочнике «Города».' }],
          ],
        ),
      );
    });

    it('refuses a retype whose values do not parse, each cell with its reason, which carries its own verb outside English', async () => {
      const field = { key: 'hometown', type: 'integer' as const, labels: { en: 'Hometown', fr: 'Hometown', ru: 'Hometown' } };
      const reason = {} as Record<Lang, string>;
      for (const lang of LANGS) {
        await loadMessages(lang);
        reason[lang] = await speaking(lang, async () => {
          const n = normalizeValue(field, 'Lyon', miniSchema());
          return n.ok ? '' : n.reason;
        });
      }
      expect(reason.en).not.toBe('');
      const errors = await refusedIn(ctx, 'field.retype', { directory: 'companies', field: 'hometown', type: 'integer' });
      expect(errors).toEqual(
        said(
          { code: 'E_DATA_LOSS', directory: 'companies', field: 'hometown', sheet: 'Companies' },
          {
            en: '"Hometown" cannot become integer: 3 cells would be lost (J2 "Lyon", J3 "Paris", J4 "Berlin"). Fix them first; nothing was changed.',
            fr: 'Le champ « Hometown » ne peut pas devenir integer : 3 cellules seraient perdues (J2 "Lyon", J3 "Paris", J4 "Berlin"). Corrigez-les d’abord ; rien n’a été modifié.',
            ru: 'Поле «Hometown» нельзя перевести в тип integer: 3 ячейки будут потеряны (J2 "Lyon", J3 "Paris", J4 "Berlin"). Сначала исправьте их; ничего не изменено.',
          },
          [
            [cell(2, 'J2', 'Lyon'), { en: `Companies!J2: "Lyon" is ${reason.en}.`, fr: `Companies!J2 : "Lyon" ${reason.fr}.`, ru: `Companies!J2: "Lyon" ${reason.ru}.` }],
            [cell(3, 'J3', 'Paris'), { en: `Companies!J3: "Paris" is ${reason.en}.`, fr: `Companies!J3 : "Paris" ${reason.fr}.`, ru: `Companies!J3: "Paris" ${reason.ru}.` }],
            [cell(4, 'J4', 'Berlin'), { en: `Companies!J4: "Berlin" is ${reason.en}.`, fr: `Companies!J4 : "Berlin" ${reason.fr}.`, ru: `Companies!J4: "Berlin" ${reason.ru}.` }],
          ],
        ),
      );
    });

    it('refuses to make a field unique over repeated values, naming the field in the language read', async () => {
      expect(await refusedIn(ctx, 'field.set', { directory: 'companies', field: 'email', unique: true })).toEqual(
        said(
          { code: 'E_DATA_LOSS', directory: 'companies', field: 'email', sheet: 'Companies' },
          {
            en: '"Email" cannot be unique: 1 cell would be lost (D3 "a@b.fr"). Fix them first; nothing was changed.',
            fr: 'Le champ « Courriel » ne peut pas être unique : 1 cellule serait perdue (D3 "a@b.fr"). Corrigez-la d’abord ; rien n’a été modifié.',
            ru: 'Поле «Почта» нельзя сделать уникальным: 1 ячейка будет потеряна (D3 "a@b.fr"). Сначала исправьте её; ничего не изменено.',
          },
          [
            [
              { code: 'E_DATA_LOSS', directory: 'companies', field: 'email', sheet: 'Companies', row: 3, cell: 'D3', value: 'a@b.fr' },
              { en: 'Companies!D3: "a@b.fr" repeats row 2.', fr: 'Companies!D3 : "a@b.fr" répète la ligne 2.', ru: 'Companies!D3: "a@b.fr" повторяет строку 2.' },
            ],
          ],
        ),
      );
    });
  });

  describe('E_SCHEMA', () => {
    it('refuses a label another field already has, in any language', async () => {
      expect(await refusedIn(ctx, 'field.add', { directory: 'companies', field: { label: 'Courriel', type: 'text' } })).toEqual(
        said(
          { code: 'E_SCHEMA', field: 'email', value: 'Courriel' },
          {
            en: 'The label "Courriel" is already used by field "Email".',
            fr: 'Le nom « Courriel » est déjà utilisé par le champ « Courriel ».',
            ru: 'Название «Courriel» уже занято полем «Почта».',
          },
        ),
      );
    });

    it('refuses a directory whose name is taken, and a choice listed twice', async () => {
      expect(await refusedIn(ctx, 'directory.create', { label: 'Villes', fields: [{ label: 'Name', type: 'text' }] })).toEqual(
        said(
          { code: 'E_SCHEMA', directory: 'cities', value: 'Villes' },
          { en: 'A directory named "Villes" already exists.', fr: 'Un annuaire nommé « Villes » existe déjà.', ru: 'Справочник «Villes» уже существует.' },
        ),
      );
      expect(await refusedIn(ctx, 'field.add', { directory: 'companies', field: { label: 'Size', type: 'choice', choices: ['Small', 'small'] } })).toEqual(
        said({ code: 'E_SCHEMA', field: 'size', value: 'small' }, { en: 'Choice "small" is listed twice.', fr: 'Le choix « small » figure deux fois.', ru: 'Вариант «small» указан дважды.' }),
      );
    });

    it('refuses to hide the field that names the records', async () => {
      expect(await refusedIn(ctx, 'field.hide', { directory: 'companies', field: 'name' })).toEqual(
        said(
          { code: 'E_SCHEMA', directory: 'companies', field: 'name' },
          {
            en: '"Name" names the records of Companies; it cannot be hidden.',
            fr: 'Le champ « Nom » désigne les fiches de l’annuaire « Sociétés » ; il ne peut pas être masqué.',
            ru: 'По полю «Название» называются записи справочника «Компании»; его нельзя скрыть.',
          },
        ),
      );
    });
  });

  describe('finding directories and fields', () => {
    it('E_UNKNOWN_DIRECTORY lists the directories by their names in the language read', async () => {
      expect(await refusedIn(ctx, 'record.list', { directory: 'planets' })).toEqual(
        said(
          { code: 'E_UNKNOWN_DIRECTORY', value: 'planets' },
          {
            en: 'No directory named "planets". Directories: Cities, Companies, Sales.',
            fr: 'Aucun annuaire nommé « planets ». Annuaires : Villes, Sociétés, Ventes.',
            ru: 'Нет справочника «planets». Справочники: Города, Компании, Продажи.',
          },
        ),
      );
    });

    it('E_UNKNOWN_FIELD lists the fields', async () => {
      expect(await refusedIn(ctx, 'field.hide', { directory: 'companies', field: 'colour' })).toEqual(
        said(
          { code: 'E_UNKNOWN_FIELD', directory: 'companies', value: 'colour' },
          {
            en: 'Companies has no field named "colour". Fields: Name, City, Email, Phone, Tax ID, Discount, Created, Owner.',
            fr: 'L’annuaire « Sociétés » n’a pas de champ nommé « colour ». Champs : Nom, Ville, Courriel, Téléphone, SIRET, Remise, Créée, Responsable.',
            ru: 'В справочнике «Компании» нет поля «colour». Поля: Название, Город, Почта, Телефон, ИНН, Скидка, Создана, Ответственный.',
          },
        ),
      );
    });
  });

  describe("Carnet's settings sheet", () => {
    it('E_NOT_CARNET: a workbook without Carnet', async () => {
      const empty = new MemoryWorkbook({ id: 'admin@example.com', name: 'Admin' });
      expect(await refusedIn({ wb: empty, now: () => TODAY }, 'record.list', { directory: 'companies' })).toEqual(
        said(
          { code: 'E_NOT_CARNET' },
          {
            en: 'This workbook has no Carnet CRM in it (no _carnet sheet). Create one with `carnet init` or set it up from the menu.',
            fr: 'Ce classeur ne contient pas de CRM Carnet (pas de feuille _carnet). Créez-en un avec `carnet init` ou depuis le menu.',
            ru: 'В этой книге нет CRM Carnet (нет листа _carnet). Создайте её командой `carnet init` или через меню.',
          },
        ),
      );
    });

    it('E_CORRUPT: a schema of the wrong shape, naming the key and what is wrong with it', async () => {
      const row = wb.sheet('_carnet')!.cells.find((r) => r?.[0] === 'schema')!;
      row[2] = JSON.stringify({ ...miniSchema(), directories: 'none' });
      expect(await refusedIn(ctx, 'record.list', { directory: 'companies' })).toEqual(
        said(
          { code: 'E_CORRUPT', sheet: '_carnet', field: 'schema.directories' },
          {
            en: 'Carnet\'s settings sheet "_carnet" is damaged: schema.directories is not a list. Restore it from the backup or version history.',
            fr: 'La feuille de réglages de Carnet « _carnet » est endommagée : schema.directories n’est pas une liste. Restaurez-la depuis la sauvegarde ou l’historique des versions.',
            ru: 'Лист настроек Carnet «_carnet» повреждён: schema.directories не является списком. Восстановите его из резервной копии или истории версий.',
          },
        ),
      );
    });
  });

  describe('adopting a sheet the team keeps', () => {
    beforeEach(async () => {
      await wb.ensureSheet('Clients');
      await wb.write('Clients', 0, 0, [['Name', 'Email', 'Notes'], ['Acme', 'x@y.fr', 'hi'], ['Acme', 'bad@', ''], ['', '', 'alone']]);
      await wb.ensureSheet('Leads');
      await wb.write('Leads', 0, 0, [['Name', 'Email'], ['Acme', 'x@y.fr'], ['Bolt', '']]);
    });

    it('refuses without ids, saying what confirming would write', async () => {
      expect(await refusedIn(ctx, 'directory.adopt', { sheet: 'Leads', directory: 'companies', mapping: { name: 'Name', email: 'Email' }, addColumns: true })).toEqual(
        said(
          { code: 'E_SCHEMA', directory: 'companies', field: 'id', sheet: 'Leads' },
          {
            en: 'Sheet "Leads" has no ID column; Carnet needs one per record to find, update and link it. Confirm with addIds (--add-ids on the command line) to add the header "ID" in C1 and ids CO-000001…CO-000002 in C2:C3.',
            fr: 'La feuille « Leads » n’a pas de colonne ID ; Carnet a besoin d’un ID par fiche pour la retrouver, la modifier et la lier. Confirmez avec addIds (--add-ids en ligne de commande) pour ajouter l’en-tête « ID » en C1 et les ID CO-000001…CO-000002 en C2:C3.',
            ru: 'На листе «Leads» нет столбца ID; Carnet нужен ID у каждой записи, чтобы находить, изменять и связывать её. Подтвердите с addIds (--add-ids в командной строке), чтобы добавить заголовок «ID» в C1 и ID CO-000001…CO-000002 в C2:C3.',
          },
        ),
      );
    });

    it('refuses while the display key repeats, listing each cell', async () => {
      expect(await refusedIn(ctx, 'directory.adopt', { sheet: 'Clients', directory: 'companies', mapping: { name: 'Name', email: 'Email' }, addIds: true, addColumns: true })).toEqual(
        said(
          { code: 'E_UNIQUE', directory: 'companies', field: 'name', sheet: 'Clients' },
          {
            en: '"Name" names the records, so it must be unique, and 1 cell repeats an earlier row (A3 "Acme"). Make them distinct in the sheet first, e.g. with the town in brackets.',
            fr: 'Le champ « Nom » désigne les fiches, il doit donc être unique, et 1 cellule répète une ligne précédente (A3 "Acme"). Rendez-la d’abord unique dans la feuille, par exemple en ajoutant la ville entre parenthèses.',
            ru: 'Поле «Название» называет записи, поэтому должно быть уникальным, а 1 ячейка повторяет более раннюю строку (A3 "Acme"). Сначала устраните повтор на листе, например добавив город в скобках.',
          },
          [
            [
              { code: 'E_UNIQUE', directory: 'companies', field: 'name', sheet: 'Clients', row: 3, cell: 'A3', value: 'Acme' },
              {
                en: 'Clients!A3: "Acme" is also on row 2; Name must be unique.',
                fr: 'Clients!A3 : « Acme » figure aussi à la ligne 2 ; la valeur du champ « Nom » doit être unique.',
                ru: 'Clients!A3: «Acme» есть также в строке 2; значение поля «Название» должно быть уникальным.',
              },
            ],
          ],
        ),
      );
    });

    it('words the plan in the language read, and nothing else in it changes', async () => {
      const plans = {} as Record<Lang, any>;
      for (const lang of LANGS) plans[lang] = await ok({ ...ctx, lang }, 'directory.adopt.plan', { sheet: 'Clients', directory: 'companies', addIds: true });
      const words = (p: any) => ({
        changes: p.changes.map((c: any) => c.message),
        confirmations: p.confirmations.map((c: any) => c.message),
        hints: p.hints,
        untouched: p.untouched,
      });
      expect(words(plans.en)).toEqual({
        changes: [
          'Companies will live in sheet "Clients"; sheet "Companies" is left as it is and no longer used.',
          'Add the header "ID" in D1 and ids CO-000001…CO-000002 in D2:D3.',
          'Apply Carnet\'s layout to columns A, B, D: number formats, dropdowns, widths and help notes, with the header row frozen and bold. Dropdowns listing Companies in Sales will read sheet "Clients".',
        ],
        confirmations: ['Add the header "ID" in D1 and ids CO-000001…CO-000002 in D2:D3.', 'Add the headers of the fields with no column in E1:J1: City, Phone, Tax ID, Discount, Created, Owner.'],
        hints: ["1 row holds data only in the team's own columns: not a record, it gets no id."],
        untouched: 'Left exactly as they are: every header the team typed, the team\'s own columns (C "Notes"), and every cell not listed in the changes.',
      });
      expect(words(plans.fr)).toEqual({
        changes: [
          'L’annuaire « Sociétés » sera dans la feuille « Clients » ; la feuille « Companies » reste telle quelle et n’est plus utilisée.',
          'Ajouter l’en-tête « ID » en D1 et les ID CO-000001…CO-000002 en D2:D3.',
          'Appliquer la mise en page de Carnet aux colonnes A, B, D : formats des nombres, listes déroulantes, largeurs et notes d’aide, avec la ligne d’en-tête figée et en gras. Les listes déroulantes de l’annuaire « Sociétés » dans Sales liront la feuille « Clients ».',
        ],
        confirmations: ['Ajouter l’en-tête « ID » en D1 et les ID CO-000001…CO-000002 en D2:D3.', 'Ajouter en E1:J1 les en-têtes des champs sans colonne : City, Phone, Tax ID, Discount, Created, Owner.'],
        hints: ['1 ligne n’a de données que dans les colonnes de l’équipe : ce n’est pas une fiche, elle ne reçoit pas d’ID.'],
        untouched: 'Restent exactement tels quels : tous les en-têtes saisis par l’équipe, les colonnes propres à l’équipe (C "Notes") et toutes les cellules absentes des modifications.',
      });
      expect(words(plans.ru)).toEqual({
        changes: [
          'Справочник «Компании» будет на листе «Clients»; лист «Companies» остаётся как есть и больше не используется.',
          'Добавить заголовок «ID» в D1 и ID CO-000001…CO-000002 в D2:D3.',
          'Применить оформление Carnet к столбцам A, B, D: форматы чисел, выпадающие списки, ширина столбцов и подсказки; строка заголовков закреплена и выделена жирным. Выпадающие списки справочника «Компании» на листах Sales будут брать значения с листа «Clients».',
        ],
        confirmations: ['Добавить заголовок «ID» в D1 и ID CO-000001…CO-000002 в D2:D3.', 'Добавить в E1:J1 заголовки полей без столбца: City, Phone, Tax ID, Discount, Created, Owner.'],
        hints: ['1 строка содержит данные только в столбцах команды: это не запись, ей не присваивается ID.'],
        untouched: 'Остаются в точности как есть: все заголовки, набранные командой, собственные столбцы команды (C "Notes") и все ячейки, не указанные в изменениях.',
      });
      // Everything but the words is the same in every language.
      const data = (p: unknown) => JSON.stringify(p, (k, v) => (k === 'message' || k === 'untouched' ? '' : k === 'hints' ? v.length : v));
      expect(data(plans.fr)).toBe(data(plans.en));
      expect(data(plans.ru)).toBe(data(plans.en));
    });

    it('says what adopting did, with plural forms', async () => {
      const messages = {} as Record<Lang, string>;
      for (const lang of LANGS) {
        // Each language adopts in a workbook of its own, the previous sheet still there each time.
        const copy = await freshCrm();
        await ok(copy.ctx, 'directory.create', { label: 'Books', fields: [{ label: 'Title', type: 'text' }] });
        await copy.wb.ensureSheet('Reading');
        await copy.wb.write('Reading', 0, 0, [['Title'], ['Dune'], ['Emma']]);
        messages[lang] = (await ok({ ...copy.ctx, lang }, 'directory.adopt', { sheet: 'Reading', directory: 'books', mapping: { title: 'Title' }, addIds: true })).message;
      }
      expect(messages).toEqual({
        en: 'Books now live in sheet "Reading" (2 records). Sheet "Books" is no longer used by Carnet; delete it by hand when you like.',
        fr: 'L’annuaire « Books » est désormais dans la feuille « Reading » (2 fiches). Carnet n’utilise plus la feuille « Books » ; supprimez-la vous-même quand vous le souhaitez.',
        ru: 'Справочник «Books» теперь на листе «Reading» (2 записи). Лист «Books» больше не используется Carnet; удалите его вручную, когда будет удобно.',
      });
    });
  });
});
