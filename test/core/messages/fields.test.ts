/**
 * The fields area's messages in English, French and Russian (issue 13, §5): a value refused beside
 * its field (an email, a phone, a number, a date, a choice), a required field left empty, a value
 * already taken, a reference to nothing, a record not found or still referenced, a sale's own rules.
 * Each refusal is the same data in every language; only its message changes.
 */

import { beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import type { ErrorData } from '../../../core/errors.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import type { Lang } from '../../../core/schema/types.js';
import { ANNA, NOW, crmFixture, ok, refused } from '../card/fixture.js';

interface Case {
  title: string;
  name: string;
  input: unknown;
  /** Run first, in English (e.g. a sale that then references a company). */
  before?: [name: string, input: unknown][];
  /** The refusal without its message(s): the same in every language. */
  error: Omit<ErrorData, 'message' | 'problems'> & { problems?: Omit<ErrorData, 'message'>[] };
  en: string;
  fr: string;
  ru: string;
  /** The messages of `error.problems`, by language, when there are several. */
  problems?: Record<Lang, string[]>;
}

const CASES: Case[] = [
  {
    title: 'an email address',
    name: 'contact.add',
    input: { company: 'Acme', values: { name: 'Bob Stone', email: 'bob@' } },
    error: { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: 'bob@' },
    en: 'Contacts › Email: "bob@" is not an email address.',
    fr: 'Contacts › E-mail\u00a0: «\u00a0bob@\u00a0» n’est pas une adresse e-mail.',
    ru: 'Контакты › Эл. почта: «bob@» не является адресом электронной почты.',
  },
  {
    title: 'a phone number',
    name: 'company.create',
    input: { values: { name: 'Initech', phone: 'call me' } },
    error: { code: 'E_INVALID_VALUE', directory: 'companies', field: 'phone', value: 'call me' },
    en: 'Companies › Phone: "call me" is not a phone number.',
    fr: 'Sociétés › Téléphone\u00a0: «\u00a0call me\u00a0» n’est pas un numéro de téléphone.',
    ru: 'Компании › Телефон: «call me» не является номером телефона.',
  },
  {
    title: 'a number',
    name: 'sale.add',
    input: { company: 'Acme', values: { product: 'Widget', quantity: 'lots' } },
    error: { code: 'E_INVALID_VALUE', directory: 'sales', field: 'quantity', value: 'lots' },
    en: 'Sales › Quantity: "lots" is not a number.',
    fr: 'Ventes › Quantité\u00a0: «\u00a0lots\u00a0» n’est pas un nombre.',
    ru: 'Продажи › Количество: «lots» не является числом.',
  },
  {
    title: 'a date, with an example in the workbook’s date order',
    name: 'record.create',
    input: { directory: 'contacts', values: { name: 'Zoe Martin', birthday: 'soon' } },
    error: { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'birthday', value: 'soon' },
    en: 'Contacts › Birthday: "soon" is not a date (expected e.g. 2026-03-04 or 03/04/2026).',
    fr: 'Contacts › Date de naissance\u00a0: «\u00a0soon\u00a0» n’est pas une date (écrivez par exemple 2026-03-04 ou 03/04/2026).',
    ru: 'Контакты › День рождения: «soon» не является датой (ожидается, например, 2026-03-04 или 03/04/2026).',
  },
  {
    title: 'a choice',
    name: 'record.create',
    input: { directory: 'products', values: { code: 'C-1', name: 'Crate', unit_price: '5', unit: 'crate' } },
    error: { code: 'E_INVALID_VALUE', directory: 'products', field: 'unit', value: 'crate' },
    en: 'Products › Unit: "crate" is not one of: pcs, kg, hour, box, licence.',
    fr: 'Produits › Unité\u00a0: «\u00a0crate\u00a0» ne fait pas partie des choix\u00a0: pcs, kg, hour, box, licence.',
    ru: 'Товары › Ед. изм.: «crate» не входит в список вариантов: pcs, kg, hour, box, licence.',
  },
  {
    title: 'a long value, cut the same way in the data in every language',
    name: 'record.create',
    input: { directory: 'contacts', values: { name: 'Zoe Martin', email: 'y'.repeat(100) } },
    error: { code: 'E_INVALID_VALUE', directory: 'contacts', field: 'email', value: `${'y'.repeat(60)}… (100 characters)` },
    en: `Contacts › Email: "${'y'.repeat(60)}… (100 characters)" is not an email address.`,
    fr: `Contacts › E-mail\u00a0: «\u00a0${'y'.repeat(60)}… (100 caractères)\u00a0» n’est pas une adresse e-mail.`,
    ru: `Контакты › Эл. почта: «${'y'.repeat(60)}… (100 символов)» не является адресом электронной почты.`,
  },
  {
    title: 'a required field left empty',
    name: 'note.add',
    input: { company: 'Acme', values: { text: '   ' } },
    error: { code: 'E_REQUIRED', directory: 'notes', field: 'text' },
    en: 'Notes › Note: a value is required.',
    fr: 'Notes › Note\u00a0: ce champ est obligatoire.',
    ru: 'Заметки › Заметка: нужно указать значение.',
  },
  {
    title: 'a value already used',
    name: 'company.create',
    input: { values: { name: 'acme' } },
    error: { code: 'E_UNIQUE', directory: 'companies', field: 'name', value: 'acme' },
    en: 'Companies › Name: "acme" is already used (CO-000001, row 2); Name must be unique.',
    fr: 'Sociétés › Nom\u00a0: «\u00a0acme\u00a0» est déjà utilisé (CO-000001, ligne 2)\u00a0; la valeur du champ «\u00a0Nom\u00a0» doit être unique.',
    ru: 'Компании › Название: «acme» уже используется (CO-000001, строка 2); значение поля «Название» должно быть уникальным.',
  },
  {
    title: 'a reference to a record that does not exist',
    name: 'company.create',
    input: { values: { name: 'Initech', city: 'Paris' } },
    error: { code: 'E_REFERENCE', directory: 'companies', field: 'city', value: 'Paris' },
    en: 'Companies › City: there is no "Paris" in Cities.',
    fr: 'Sociétés › Ville\u00a0: «\u00a0Paris\u00a0» ne figure pas dans l’annuaire «\u00a0Villes\u00a0».',
    ru: 'Компании › Город: «Paris» нет в справочнике «Города».',
  },
  {
    title: 'several problems at once, each beside its field',
    name: 'record.create',
    input: { directory: 'tasks', values: { title: 'Call back', done: 'maybe', due: '2026-02-30' } },
    error: {
      code: 'E_INVALID_VALUE',
      directory: 'tasks',
      field: 'done',
      value: 'maybe',
      problems: [
        { code: 'E_INVALID_VALUE', directory: 'tasks', field: 'done', value: 'maybe' },
        { code: 'E_INVALID_VALUE', directory: 'tasks', field: 'due', value: '2026-02-30' },
      ],
    },
    en: 'Tasks › Done: "maybe" is not yes or no. (and 1 more problem)',
    fr: 'Tâches › Terminée\u00a0: «\u00a0maybe\u00a0» n’est ni oui ni non. (et 1 autre problème)',
    ru: 'Задачи › Выполнена: «maybe» не является значением «да» или «нет». (и ещё 1 проблема)',
    problems: {
      en: ['Tasks › Done: "maybe" is not yes or no.', 'Tasks › Due date: "2026-02-30" is not a real date.'],
      fr: ['Tâches › Terminée\u00a0: «\u00a0maybe\u00a0» n’est ni oui ni non.', 'Tâches › Échéance\u00a0: «\u00a02026-02-30\u00a0» ne correspond à aucun jour du calendrier.'],
      ru: ['Задачи › Выполнена: «maybe» не является значением «да» или «нет».', 'Задачи › Срок: «2026-02-30» — такой даты нет в календаре.'],
    },
  },
  {
    title: 'a record not found',
    name: 'record.update',
    input: { directory: 'companies', id: 'Nope', values: { name: 'Initech' } },
    error: { code: 'E_NOT_FOUND', directory: 'companies', value: 'Nope' },
    en: 'Companies has no record "Nope".',
    fr: 'L’annuaire «\u00a0Sociétés\u00a0» n’a aucune fiche «\u00a0Nope\u00a0».',
    ru: 'В справочнике «Компании» нет записи «Nope».',
  },
  {
    title: 'deleting a record still referenced, listing the referrers',
    before: [
      ['sale.add', { company: 'Acme', values: { product: 'Widget', quantity: 2 } }],
      ['note.add', { company: 'Acme', values: { text: 'Called' } }],
    ],
    name: 'record.delete',
    input: { directory: 'companies', id: 'Acme' },
    error: {
      code: 'E_IN_USE',
      directory: 'companies',
      row: 2,
      value: 'Acme',
      problems: [
        { code: 'E_IN_USE', directory: 'sales', field: 'company', row: 2, value: 'Acme' },
        { code: 'E_IN_USE', directory: 'notes', field: 'company', row: 2, value: 'Acme' },
      ],
    },
    en: '"Acme" is still referenced 2 times (Sales row 2, Notes row 2); change or delete those first.',
    fr: 'Des fiches renvoient encore 2 fois à «\u00a0Acme\u00a0» (ligne 2 de Ventes, ligne 2 de Notes)\u00a0; modifiez-les ou supprimez-les d’abord.',
    ru: 'На «Acme» ещё ссылаются другие записи: 2 раза (строка 2 справочника «Продажи», строка 2 справочника «Заметки»); сначала измените или удалите их.',
    problems: {
      en: ['Sales row 2 references "Acme".', 'Notes row 2 references "Acme".'],
      fr: ['La ligne 2 de Ventes renvoie à «\u00a0Acme\u00a0».', 'La ligne 2 de Notes renvoie à «\u00a0Acme\u00a0».'],
      ru: ['Строка 2 справочника «Продажи» ссылается на «Acme».', 'Строка 2 справочника «Заметки» ссылается на «Acme».'],
    },
  },
  {
    title: 'a sale’s unit price typed in the form',
    name: 'sale.add',
    input: { company: 'Acme', values: { product: 'Widget', quantity: 1, unit_price: 3 } },
    error: { code: 'E_BAD_INPUT', directory: 'sales', field: 'unit_price' },
    en: 'Sales › Unit price is copied from the product; pass overrideUnitPrice to charge another price.',
    fr: 'Ventes › Prix unitaire est repris du produit\u00a0; passez overrideUnitPrice pour facturer un autre prix.',
    ru: 'Продажи › Цена берётся из товара; чтобы назначить другую цену, передайте overrideUnitPrice.',
  },
  {
    title: 'a sale’s amount typed in the form',
    name: 'sale.add',
    input: { company: 'Acme', values: { product: 'Widget', quantity: 1, amount: 3 } },
    error: { code: 'E_BAD_INPUT', directory: 'sales', field: 'amount' },
    en: 'Sales › Amount is computed: quantity × unit price, less the discount.',
    fr: 'Ventes › Montant est calculé\u00a0: quantité × prix unitaire, moins la remise.',
    ru: 'Продажи › Сумма вычисляется: количество × цена за единицу минус скидка.',
  },
  {
    title: 'a sale of a product that does not exist',
    name: 'sale.add',
    input: { company: 'Acme', values: { product: 'Sprocket', quantity: 1 } },
    error: { code: 'E_REFERENCE', directory: 'sales', field: 'product', value: 'Sprocket' },
    en: 'Sales › Product: there is no "Sprocket" in Products.',
    fr: 'Ventes › Produit\u00a0: «\u00a0Sprocket\u00a0» ne figure pas dans l’annuaire «\u00a0Produits\u00a0».',
    ru: 'Продажи › Товар: «Sprocket» нет в справочнике «Товары».',
  },
  {
    title: 'a sale recorded without its company',
    name: 'record.create',
    input: { directory: 'sales', values: { product: 'Widget', quantity: 1 } },
    error: { code: 'E_REQUIRED', directory: 'sales', field: 'company' },
    en: 'Sales › Company: a value is required.',
    fr: 'Ventes › Société\u00a0: ce champ est obligatoire.',
    ru: 'Продажи › Компания: нужно указать значение.',
  },
  {
    title: 'a tidy whose sheets changed since the plan was confirmed',
    name: 'tidy.apply',
    input: { confirmed: 'tidy-0' },
    error: { code: 'E_CONFLICT', value: 'tidy-0' },
    en: 'The sheets changed since the plan you confirmed; tidying them now would write 0 cells. Nothing was written: look at the new plan and confirm it.',
    fr: 'Les feuilles ont changé depuis le plan que vous avez confirmé\u00a0; les remettre en ordre maintenant écrirait 0 cellule. Rien n’a été écrit\u00a0: regardez le nouveau plan et confirmez-le.',
    ru: 'Листы изменились после того, как вы подтвердили план: сейчас наведение порядка записало бы 0 ячеек. Ничего не записано: посмотрите новый план и подтвердите его.',
  },
];

const LANGS: Lang[] = ['en', 'fr', 'ru'];

let ctx: Context;
beforeEach(async () => ({ ctx } = await crmFixture()));

describe.each(CASES)('$title ($name)', (c) => {
  it.each(LANGS)('in %s', async (lang) => {
    for (const [name, input] of c.before ?? []) await ok(ctx, name, input);
    const error = await refused({ ...ctx, lang }, c.name, c.input);
    const problems = c.error.problems?.map((p, i) => ({ ...p, message: c.problems![lang][i] }));
    expect(error).toEqual({ ...c.error, ...(problems ? { problems } : {}), message: c[lang] });
  });
});

describe('what is not a refusal', () => {
  it.each([
    ['en', 'Nothing to tidy: every record has its ID and every value its stored form.'],
    ['fr', 'Rien à remettre en ordre\u00a0: chaque fiche a son ID et chaque valeur sa forme enregistrée.'],
    ['ru', 'Порядок уже наведён: у каждой записи есть ID, и каждое значение в хранимом виде.'],
  ] as [Lang, string][])('a tidy plan with nothing to do, in %s', async (lang, message) => {
    const plan = await ok({ ...ctx, lang }, 'tidy.plan', {});
    expect({ changes: plan.changes, problems: plan.problems, message: plan.message }).toEqual({ changes: 0, problems: [], message });
  });
});

describe('the workbook’s language', () => {
  it('is spoken when the host does not say one, with the labels of that language', async () => {
    const wb = new MemoryWorkbook(ANNA);
    const fr: Context = { wb, now: () => NOW };
    await ok(fr, 'crm.setup', { lang: 'fr' });
    expect(await refused(fr, 'company.create', { values: { name: 'Initech', email: 'contact@' } })).toEqual({
      code: 'E_INVALID_VALUE',
      directory: 'companies',
      field: 'email',
      value: 'contact@',
      message: 'Sociétés › E-mail\u00a0: «\u00a0contact@\u00a0» n’est pas une adresse e-mail.',
    });
  });

  it('gives way to the one the person reads: a French workbook read in Russian', async () => {
    const wb = new MemoryWorkbook(ANNA);
    const fr: Context = { wb, now: () => NOW };
    await ok(fr, 'crm.setup', { lang: 'fr' });
    expect(await refused({ ...fr, lang: 'ru' }, 'company.create', { values: { name: 'Initech', created: '30/02/2026' } })).toEqual({
      code: 'E_INVALID_VALUE',
      directory: 'companies',
      field: 'created',
      value: '30/02/2026',
      message: 'Компании › Дата создания: «30/02/2026» — такой даты нет в календаре.',
    });
  });
});
