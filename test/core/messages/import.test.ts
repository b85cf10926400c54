/**
 * The import and export area's messages in English, French and Russian (issue 13, §5): what
 * cannot be read as a table (E_SOURCE: nothing to import, an unclosed quote, rows wider than the
 * header), a mapping or an option that names nothing (E_UNKNOWN_FIELD, E_REFERENCE,
 * E_INVALID_VALUE), an unknown batch, the export's refusals (an option the format has no use for,
 * a character the encoding cannot hold), and what the plan tells a person in its preview: each
 * row's reason, its problems, the column notes and the warnings. Each refusal is the same data in
 * every language, and so is each planned row; only the words change.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import type { Lang } from '../../../core/schema/types.js';
import { ok, refused } from '../../helpers/commands.js';

const TODAY = serialFromParts(2026, 12, 1);
const USER = 'anna@example.com';
const LANGS: Lang[] = ['en', 'fr', 'ru'];

const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';

let base: Context;

beforeAll(async () => {
  const wb = new MemoryWorkbook({ id: USER, name: 'Anna' });
  await setupCrm(wb, defaultCrmSchema('en'), defaultSeedRows('en'), { today: TODAY, now: TODAY + 0.5, user: USER });
  base = { wb, now: () => TODAY + 0.5 };
  await ok(base, 'record.create', { directory: 'companies', values: { name: 'Acme', email: 'hello@acme.example' } });
  await ok(base, 'record.create', { directory: 'companies', values: { name: 'Жёлтый', email: 'x@y.example' } });
});

interface Case {
  title: string;
  name: string;
  input: unknown;
  /** The refusal without its message: the same in every language. */
  error: Record<string, unknown>;
  en: string;
  fr: string;
  ru: string;
}

const CASES: Case[] = [
  {
    title: 'nothing to import (E_SOURCE)',
    name: 'import.plan',
    input: { directory: 'companies', source: { kind: 'text', text: '' } },
    error: { code: 'E_SOURCE' },
    en: 'The pasted text is empty: there is nothing to import.',
    fr: 'Le texte collé est vide\u00a0: il n’y a rien à importer.',
    ru: 'Вставленный текст пуст: импортировать нечего.',
  },
  {
    title: 'a quote never closed (E_SOURCE with its row)',
    name: 'import.plan',
    input: { directory: 'companies', source: { kind: 'text', text: 'Name,Email\r\n"Acme,x@y.example\r\nB,c\r\n' } },
    error: { code: 'E_SOURCE', row: 2 },
    en: 'The pasted text, row 2: a quote (") opens a field and is never closed, so the rest of the file would be one cell. Close the quote, or double it ("") where it is part of the text.',
    fr: 'Le texte collé, ligne 2\u00a0: un guillemet (") ouvre un champ sans jamais le fermer\u00a0: tout le reste du fichier tiendrait dans une seule cellule. Fermez le guillemet, ou doublez-le ("") s’il fait partie du texte.',
    ru: 'Вставленный текст, строка 2: кавычка (") открывает поле, но не закрывается, и весь остаток файла попал бы в одну ячейку. Закройте кавычку или удвойте её (""), если она часть текста.',
  },
  {
    title: 'rows wider than the header (E_SOURCE, the fields counted in each language)',
    name: 'import.plan',
    input: { directory: 'companies', source: { kind: 'text', text: 'Name,Email\r\nAcme,x@y.example,z\r\nB,c,d,e,f,g\r\n' } },
    error: { code: 'E_SOURCE', row: 2 },
    en: "The pasted text: rows 2 (3 fields), 3 (6 fields) have more fields than the first row, which has 2: a value that holds a comma needs quotes, or the file's delimiter is not a comma.",
    fr: 'Le texte collé\u00a0: les lignes 2 (3\u00a0champs), 3 (6\u00a0champs) ont plus de champs que la première ligne, qui en a 2\u00a0: une valeur qui contient le séparateur comma doit être entre guillemets, ou bien le séparateur du fichier n’est pas comma.',
    ru: 'Вставленный текст: в строках 2 (3 поля), 3 (6 полей) больше полей, чем в первой строке (в ней 2): значение с разделителем comma нужно заключить в кавычки, или же разделитель в файле — не comma.',
  },
  {
    title: 'a column mapped to no field (E_UNKNOWN_FIELD, the fields named in the language spoken)',
    name: 'import.plan',
    input: { directory: 'companies', source: { kind: 'text', text: 'Name\tEmail\r\nAcme\tx@y.example\r\n' }, mapping: [{ column: 0, field: 'Colour' }] },
    error: { code: 'E_UNKNOWN_FIELD', field: 'mapping[0].field', value: 'Colour', directory: 'companies' },
    en: 'Column "Name": Companies has no field "Colour" (fields: Name, City, Industry, Segment, Lead source, Address, Phone, Email, Website, Tax ID, Individual discount, Owner, Date created, Comments).',
    fr: 'Colonne «\u00a0Name\u00a0»\u00a0: l’annuaire «\u00a0Sociétés\u00a0» n’a pas de champ «\u00a0Colour\u00a0» (champs\u00a0: Nom, Ville, Secteur, Segment, Origine, Adresse, Téléphone, E-mail, Site web, SIRET / N° TVA, Remise accordée, Responsable, Date de création, Commentaires).',
    ru: 'Столбец «Name»: в справочнике «Компании» нет поля «Colour» (поля: Название, Город, Отрасль, Сегмент, Источник, Адрес, Телефон, Эл. почта, Сайт, ИНН, Индивидуальная скидка, Ответственный, Дата создания, Примечания).',
  },
  {
    title: 'a default value the field refuses (E_INVALID_VALUE joining the reason)',
    name: 'import.plan',
    input: { directory: 'companies', source: { kind: 'text', text: 'Name\r\nAcme\r\n' }, defaults: { email: 'nope' } },
    error: { code: 'E_INVALID_VALUE', directory: 'companies', field: 'defaults.email', value: 'nope' },
    en: 'Default Email: "nope" is not an email address.',
    fr: 'E-mail par défaut\u00a0: «\u00a0nope\u00a0» n’est pas une adresse e-mail.',
    ru: 'Значение по умолчанию для поля «Эл. почта»: «nope» не является адресом электронной почты.',
  },
  {
    title: 'a deal stage that does not exist (E_REFERENCE)',
    name: 'import.plan',
    input: { directory: 'companies', source: { kind: 'text', text: 'Name\r\nAcme\r\n' }, dealStage: 'Dreaming' },
    error: { code: 'E_REFERENCE', directory: 'stages', field: 'dealStage', value: 'Dreaming' },
    en: 'Deal stage: there is no stage "Dreaming" (stages: "Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost").',
    fr: 'Étape de l’affaire\u00a0: il n’y a pas d’étape «\u00a0Dreaming\u00a0» (étapes\u00a0: "Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost").',
    ru: 'Этап сделки: этапа «Dreaming» нет (этапы: "Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost").',
  },
  {
    title: 'an import batch that does not exist (E_NOT_FOUND)',
    name: 'import.undo',
    input: { batch: 'IM-000042' },
    error: { code: 'E_NOT_FOUND', field: 'batch', value: 'IM-000042' },
    en: 'There is no import batch "IM-000042" (see `carnet imports`).',
    fr: 'L’import «\u00a0IM-000042\u00a0» est introuvable (voir `carnet imports`).',
    ru: 'Импорт «IM-000042» не найден (см. `carnet imports`).',
  },
  {
    title: 'an export option the format has no use for (E_BAD_INPUT)',
    name: 'export.file',
    input: { directory: 'companies', format: 'xlsx', encoding: 'utf-8' },
    error: { code: 'E_BAD_INPUT', field: 'encoding' },
    en: 'An .xlsx export has no encoding to choose (the format is always Unicode); leave the encoding out.',
    fr: 'Un export .xlsx n’a pas d’encodage à choisir (le format est toujours en Unicode)\u00a0: n’indiquez pas d’encodage.',
    ru: 'Для экспорта в .xlsx кодировка не выбирается (формат всегда в Юникоде): не указывайте её.',
  },
  {
    title: 'a character the export encoding cannot hold (E_INVALID_VALUE at its cell)',
    name: 'export.file',
    input: { directory: 'companies', format: 'csv', encoding: 'windows-1252' },
    error: { code: 'E_INVALID_VALUE', row: 3, field: 'Name', sheet: 'Companies', cell: 'B3', value: 'Жёлтый' },
    en: 'Companies!B3 (Name of CO-000002, "Жёлтый") holds "Ж" (U+0416), which Windows-1252 cannot hold. Nothing was exported: export in UTF-8, which holds every character, or change the cell.',
    fr: 'Companies!B3 (Name de CO-000002, "Жёлтый") contient "Ж" (U+0416), que l’encodage Windows-1252 ne peut pas représenter. Rien n’a été exporté\u00a0: exportez en UTF-8, qui représente tous les caractères, ou modifiez la cellule.',
    ru: 'Companies!B3 (Name записи CO-000002, "Жёлтый") содержит "Ж" (U+0416): этот символ нельзя записать в кодировке Windows-1252. Ничего не экспортировано: выберите UTF-8, где есть все символы, или измените ячейку.',
  },
];

describe('import and export refusals in each language', () => {
  for (const c of CASES) {
    it(c.title, async () => {
      for (const lang of LANGS) {
        expect(await refused({ ...base, lang }, c.name, c.input), lang).toEqual({ ...c.error, message: c[lang] });
      }
    });
  }
});

describe('the plan’s preview in each language', () => {
  it('says why each row is updated, rejected or skipped, and warns of the blank rows', async () => {
    const text = tsv([['Name', 'Email'], ['Acme', 'new@acme.example'], ['Initech', 'bad@'], ['', ''], ['Initech', 'i@initech.example'], ['Initech', 'i2@initech.example'], ['Globex', ''], ['', ''], ['Total', '']]);
    const said: Record<Lang, string[]> = {
      en: [
        'matches CO-000001 by Name',
        'Email: "bad@" is not an email address',
        'duplicate of row 5 of the file (same Name)',
        '"Total" is a total line, not a record',
        '2 blank rows were left out.',
      ],
      fr: [
        'correspond à CO-000001 par Nom',
        'E-mail\u00a0: «\u00a0bad@\u00a0» n’est pas une adresse e-mail',
        'doublon de la ligne 5 du fichier (même Nom)',
        '«\u00a0Total\u00a0» est une ligne de total, pas une fiche',
        '2\u00a0lignes vides ont été ignorées.',
      ],
      ru: [
        'совпадает с CO-000001 по «Название»',
        'Эл. почта: «bad@» не является адресом электронной почты',
        'дубликат строки 5 файла (совпадает «Название»)',
        '«Total» — строка итога, а не запись',
        '2 пустые строки пропущены.',
      ],
    };
    for (const lang of LANGS) {
      const plan = await ok({ ...base, lang }, 'import.plan', { directory: 'companies', source: { kind: 'text', text } });
      const [matches, invalid, duplicate, total, blank] = said[lang];
      expect(plan.counts, lang).toEqual({ create: 2, update: 1, unchanged: 0, skip: 2, reject: 1 });
      expect(
        plan.rows.map((r: any) => [r.row, r.outcome, r.reason, r.problems]),
        lang,
      ).toEqual([
        [2, 'update', matches, undefined],
        [3, 'reject', invalid, [{ field: 'email', column: 1, value: 'bad@', message: invalid }]],
        [5, 'create', undefined, undefined],
        [6, 'skip', duplicate, undefined],
        [7, 'create', undefined, undefined],
        [9, 'skip', total, undefined],
      ]);
      expect(plan.warnings, lang).toEqual([blank]);
    }
  });

  it('notes a date column whose values show both orders, and rejects a company the import may not create', async () => {
    const text = tsv([['Full name', 'Email', 'Company', 'Birthday'], ['Anna Petrova', 'anna@acme.example', 'Initech', '31.01.1990'], ['Bob Martin', 'bob@acme.example', '', '01/31/1985'], ['Carl Jung', 'carl@acme.example', '', '02.03.1985']]);
    const said: Record<Lang, { note: string; warning: string; company: string }> = {
      en: {
        note: 'both orders appear: "31.01.1990" is day first, "01/31/1985" month first; read as day first (the other rows are rejected)',
        warning: 'Column "Birthday": both orders appear: "31.01.1990" is day first, "01/31/1985" month first; read as day first (the other rows are rejected).',
        company: 'Company: there is no "Initech" in Companies (choose to create missing Companies to add it)',
      },
      fr: {
        note: 'les deux ordres apparaissent\u00a0: «\u00a031.01.1990\u00a0» commence par le jour, «\u00a001/31/1985\u00a0» par le mois\u00a0; lu avec le jour en premier (les autres lignes sont rejetées)',
        warning: 'Colonne «\u00a0Birthday\u00a0»\u00a0: les deux ordres apparaissent\u00a0: «\u00a031.01.1990\u00a0» commence par le jour, «\u00a001/31/1985\u00a0» par le mois\u00a0; lu avec le jour en premier (les autres lignes sont rejetées).',
        company: 'Société\u00a0: «\u00a0Initech\u00a0» ne figure pas dans l’annuaire «\u00a0Sociétés\u00a0» (choisissez de créer les fiches manquantes de «\u00a0Sociétés\u00a0» pour l’ajouter)',
      },
      ru: {
        note: 'встречаются оба порядка: в «31.01.1990» сначала день, в «01/31/1985» сначала месяц; читается так: сначала день (остальные строки отклоняются)',
        warning: 'Столбец «Birthday»: встречаются оба порядка: в «31.01.1990» сначала день, в «01/31/1985» сначала месяц; читается так: сначала день (остальные строки отклоняются).',
        company: 'Компания: в справочнике «Компании» нет «Initech» (чтобы добавить, включите создание недостающих записей справочника «Компании»)',
      },
    };
    for (const lang of LANGS) {
      const plan = await ok({ ...base, lang }, 'import.plan', { directory: 'contacts', source: { kind: 'text', text } });
      const { note, warning, company } = said[lang];
      expect(plan.columns[3].dates, lang).toEqual({ order: 'dmy', ambiguous: true, note });
      expect(plan.warnings, lang).toEqual([warning]);
      expect(plan.rows[0], lang).toMatchObject({ row: 2, outcome: 'reject', reason: company, problems: [{ field: 'company', value: 'Initech', message: company }] });
      expect(plan.rows.map((r: any) => [r.row, r.outcome]), lang).toEqual([[2, 'reject'], [3, 'reject'], [4, 'create']]);
    }
  });
});
