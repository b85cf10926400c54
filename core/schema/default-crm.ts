/**
 * The schema `carnet init` creates: the directories of a classic small-business CRM, labelled in
 * the three languages Carnet speaks. Field keys are English snake_case and never change; labels
 * become sheet headers, so within a directory no two fields share a label in any language.
 */

import type { Cell } from '../workbook.js';
import type { DirectoryDef, FieldDef, FieldType, Labels, Lang, Schema } from './types.js';

const t = (en: string, fr: string, ru: string): Labels => ({ en, fr, ru });

type FieldOptions = Omit<FieldDef, 'key' | 'type' | 'labels'>;

function field(key: string, type: FieldType, labels: Labels, options: FieldOptions = {}): FieldDef {
  return { key, type, labels, ...options };
}

function reference(key: string, directory: string, labels: Labels, options: FieldOptions = {}): FieldDef {
  return field(key, 'reference', labels, { ref: directory, ...options });
}

/** The display field of a lookup or a named record: what dropdowns and reference cells show. */
function displayName(labels: Labels, help: Labels): FieldDef {
  return field('name', 'text', labels, { required: true, unique: true, help });
}

const NAME = t('Name', 'Nom', 'Название');
const COMPANY = t('Company', 'Société', 'Компания');
const CONTACT = t('Contact', 'Contact', 'Контакт');
const OWNER = t('Owner', 'Responsable', 'Ответственный');
const PHONE = t('Phone', 'Téléphone', 'Телефон');
const EMAIL = t('Email', 'E-mail', 'Эл. почта');
const DATE = t('Date', 'Date', 'Дата');
const AMOUNT = t('Amount', 'Montant', 'Сумма');
const UNIT_PRICE = t('Unit price', 'Prix unitaire', 'Цена');
const DISCOUNT = t('Discount', 'Remise', 'Скидка');
const CREATED = t('Date created', 'Date de création', 'Дата создания');
// Not "Notes": a Notes directory exists too, and a report column named like a sheet misleads.
const REMARKS = t('Comments', 'Commentaires', 'Примечания');

const LOOKUP_HELP = t(
  'Shown in dropdowns; must be unique.',
  'Valeur proposée dans les listes déroulantes ; doit être unique.',
  'Значение для выпадающих списков; должно быть уникальным.',
);

const LANG_DEFAULTS: Record<Lang, { country: string; currency: string; dateOrder: Schema['dateOrder'] }> = {
  en: { country: 'US', currency: 'USD', dateOrder: 'mdy' },
  fr: { country: 'FR', currency: 'EUR', dateOrder: 'dmy' },
  ru: { country: 'RU', currency: 'RUB', dateOrder: 'dmy' },
};

/** Choice values are stored as written, so they are in the workbook's language. */
const UNITS: Record<Lang, string[]> = {
  en: ['pcs', 'kg', 'hour', 'box', 'licence'],
  fr: ['pièce', 'kg', 'heure', 'boîte', 'licence'],
  ru: ['шт', 'кг', 'час', 'коробка', 'лицензия'],
};

/** The sales funnel, in order; won and lost both end a deal. */
const STAGES: Array<{ labels: Labels; probability: number; closed: boolean }> = [
  { labels: t('Lead', 'Prospect', 'Лид'), probability: 0.1, closed: false },
  { labels: t('Qualified', 'Qualifié', 'Квалификация'), probability: 0.25, closed: false },
  { labels: t('Proposal', 'Proposition', 'Предложение'), probability: 0.5, closed: false },
  { labels: t('Negotiation', 'Négociation', 'Переговоры'), probability: 0.75, closed: false },
  { labels: t('Won', 'Gagné', 'Успех'), probability: 1, closed: true },
  { labels: t('Lost', 'Perdu', 'Отказ'), probability: 0, closed: true },
];

/** Sheet tab order: the directories people work in every day first, lookups last. */
export const DEFAULT_DIRECTORY_ORDER: string[] = [
  'companies',
  'contacts',
  'sales',
  'notes',
  'deals',
  'tasks',
  'products',
  'stages',
  'cities',
  'industries',
  'segments',
  'income_sources',
  'positions',
];

type DirectorySpec = Omit<DirectoryDef, 'sheet'>;

function lookup(key: string, idPrefix: string, labels: Labels, nameLabel: Labels, more: FieldDef[] = []): DirectorySpec {
  return { key, idPrefix, labels, display: 'name', fields: [displayName(nameLabel, LOOKUP_HELP), ...more] };
}

function directorySpecs(lang: Lang): DirectorySpec[] {
  return [
    {
      key: 'companies',
      idPrefix: 'CO',
      labels: t('Companies', 'Sociétés', 'Компании'),
      display: 'name',
      fields: [
        displayName(
          NAME,
          t(
            'How the company appears in lists and references; must be unique.',
            'Nom affiché dans les listes et les références ; doit être unique.',
            'Так компания показывается в списках и ссылках; должно быть уникальным.',
          ),
        ),
        reference('city', 'cities', t('City', 'Ville', 'Город')),
        reference('industry', 'industries', t('Industry', 'Secteur', 'Отрасль')),
        reference('segment', 'segments', t('Segment', 'Segment', 'Сегмент')),
        reference('income_source', 'income_sources', t('Lead source', 'Origine', 'Источник'), {
          help: t('How the client found us.', 'Comment le client nous a connus.', 'Откуда клиент о нас узнал.'),
        }),
        field('address', 'longtext', t('Address', 'Adresse', 'Адрес')),
        field('phone', 'phone', PHONE),
        field('email', 'email', EMAIL),
        field('website', 'url', t('Website', 'Site web', 'Сайт')),
        field('tax_id', 'text', t('Tax ID', 'SIRET / N° TVA', 'ИНН'), {
          unique: true,
          help: t(
            'EIN, VAT or other registration number; used to match companies on import.',
            'SIRET ou numéro de TVA ; sert à reconnaître la société lors des imports.',
            'ИНН организации; по нему компания находится при импорте.',
          ),
        }),
        field('discount', 'percent', t('Individual discount', 'Remise accordée', 'Индивидуальная скидка'), {
          help: t(
            'Applied to every new sale for this company.',
            'Appliquée à chaque nouvelle vente de cette société.',
            'Применяется к каждой новой продаже этой компании.',
          ),
        }),
        field('owner', 'user', OWNER),
        field('created', 'date', CREATED),
        field('notes', 'longtext', REMARKS),
      ],
    },
    {
      key: 'contacts',
      idPrefix: 'CT',
      labels: t('Contacts', 'Contacts', 'Контакты'),
      /*
       * A person is referenced by "First Last", the way people name each other. That value lives
       * in its own `name` field rather than being computed, because references store the display
       * value and must survive a later edit of first or last name until a rename cascades. Only
       * `name` is required: a contact known as "Reception" or by a first name alone is common, and
       * an import may bring only full names. Names are unique, so homonyms get disambiguated by
       * the user, e.g. "Anna Petrova (Acme)". Filling `name` from the parts is the record layer's
       * job.
       */
      display: 'name',
      fields: [
        field('name', 'text', t('Full name', 'Nom complet', 'Полное имя'), {
          required: true,
          unique: true,
          help: t(
            'First and last name, as shown in references; must be unique. Add the company in brackets for namesakes.',
            'Prénom et nom, tels qu’affichés dans les références ; doit être unique. Ajoutez la société entre parenthèses pour les homonymes.',
            'Имя и фамилия, как в ссылках; должно быть уникальным. Для однофамильцев добавьте компанию в скобках.',
          ),
        }),
        field('first_name', 'text', t('First name', 'Prénom', 'Имя')),
        field('last_name', 'text', t('Last name', 'Nom', 'Фамилия')),
        reference('company', 'companies', COMPANY),
        reference('position', 'positions', t('Job title', 'Fonction', 'Должность')),
        field('phone', 'phone', PHONE),
        field('mobile', 'phone', t('Mobile', 'Portable', 'Мобильный')),
        field('email', 'email', EMAIL),
        field('birthday', 'date', t('Birthday', 'Date de naissance', 'День рождения')),
        field('notes', 'longtext', REMARKS),
        field('owner', 'user', OWNER),
      ],
    },
    {
      key: 'sales',
      idPrefix: 'SA',
      labels: t('Sales', 'Ventes', 'Продажи'),
      display: 'id',
      fields: [
        field('date', 'date', DATE, { required: true }),
        reference('company', 'companies', COMPANY, { required: true }),
        reference('product', 'products', t('Product', 'Produit', 'Товар'), { required: true }),
        field('quantity', 'number', t('Quantity', 'Quantité', 'Количество'), { required: true }),
        field('unit_price', 'money', UNIT_PRICE),
        field('discount', 'percent', DISCOUNT),
        field('amount', 'money', AMOUNT, {
          help: t(
            'Quantity × unit price, less the discount.',
            'Quantité × prix unitaire, remise déduite.',
            'Количество × цена за вычетом скидки.',
          ),
        }),
        field('owner', 'user', OWNER),
        field('comment', 'text', t('Comment', 'Commentaire', 'Комментарий')),
      ],
    },
    {
      key: 'notes',
      idPrefix: 'NO',
      labels: t('Notes', 'Notes', 'Заметки'),
      display: 'id',
      fields: [
        field('date', 'datetime', DATE, { required: true }),
        reference('company', 'companies', COMPANY, { required: true }),
        reference('contact', 'contacts', CONTACT),
        field('author', 'user', t('Author', 'Auteur', 'Автор')),
        field('text', 'longtext', t('Note', 'Note', 'Заметка'), { required: true }),
      ],
    },
    {
      key: 'deals',
      idPrefix: 'DE',
      labels: t('Deals', 'Affaires', 'Сделки'),
      display: 'name',
      fields: [
        displayName(
          t('Deal', 'Affaire', 'Сделка'),
          t(
            'Short title shown in lists and tasks; must be unique.',
            'Intitulé court affiché dans les listes et les tâches ; doit être unique.',
            'Короткое название для списков и задач; должно быть уникальным.',
          ),
        ),
        reference('company', 'companies', COMPANY, { required: true }),
        reference('contact', 'contacts', CONTACT),
        reference('stage', 'stages', t('Stage', 'Étape', 'Этап'), { required: true }),
        field('amount', 'money', AMOUNT),
        field('owner', 'user', OWNER),
        field('expected_close', 'date', t('Expected close', 'Clôture prévue', 'Плановое закрытие')),
        field('created', 'date', CREATED),
      ],
    },
    {
      key: 'tasks',
      idPrefix: 'TA',
      labels: t('Tasks', 'Tâches', 'Задачи'),
      display: 'id',
      fields: [
        field('title', 'text', t('Task', 'Tâche', 'Задача'), { required: true }),
        field('due', 'date', t('Due date', 'Échéance', 'Срок')),
        field('assignee', 'user', t('Assignee', 'Attribuée à', 'Исполнитель')),
        reference('company', 'companies', COMPANY),
        reference('deal', 'deals', t('Deal', 'Affaire', 'Сделка')),
        field('done', 'boolean', t('Done', 'Terminée', 'Выполнена'), { default: false }),
      ],
    },
    {
      key: 'products',
      idPrefix: 'PR',
      labels: t('Products', 'Produits', 'Товары'),
      display: 'name',
      fields: [
        field('code', 'text', t('Code', 'Référence', 'Артикул'), {
          required: true,
          unique: true,
          help: t('Your catalogue code (SKU).', 'Votre référence catalogue.', 'Артикул по вашему каталогу.'),
        }),
        displayName(
          t('Name', 'Désignation', 'Наименование'),
          t(
            'Shown on sales and documents; must be unique.',
            'Affichée sur les ventes et les documents ; doit être unique.',
            'Показывается в продажах и документах; должно быть уникальным.',
          ),
        ),
        field('unit_price', 'money', UNIT_PRICE, { required: true }),
        field('unit', 'choice', t('Unit', 'Unité', 'Ед. изм.'), { choices: UNITS[lang] }),
        field('category', 'text', t('Category', 'Catégorie', 'Категория')),
        field('active', 'boolean', t('Active', 'Actif', 'В продаже'), { default: true }),
      ],
    },
    {
      ...lookup('stages', 'ST', t('Stages', 'Étapes', 'Этапы'), NAME, [
        field('probability', 'percent', t('Probability', 'Probabilité', 'Вероятность'), {
          help: t(
            'Chance that a deal at this stage is won; weights the pipeline forecast.',
            'Chance de gagner une affaire à cette étape ; pondère les prévisions.',
            'Вероятность выиграть сделку на этом этапе; учитывается в прогнозе.',
          ),
        }),
        field('closed', 'boolean', t('Closed', 'Clôturée', 'Закрыт'), {
          help: t(
            'Deals at this stage are over (won or lost).',
            'Les affaires à cette étape sont terminées (gagnées ou perdues).',
            'Сделки на этом этапе завершены (успех или отказ).',
          ),
        }),
      ]),
      // Stage rows are the funnel: their sheet order is the order deals move through.
      ordered: true,
    },
    lookup('cities', 'CI', t('Cities', 'Villes', 'Города'), NAME, [field('country', 'text', t('Country', 'Pays', 'Страна'))]),
    lookup('industries', 'IN', t('Industries', 'Secteurs', 'Отрасли'), NAME),
    lookup('segments', 'SE', t('Segments', 'Segments', 'Сегменты'), NAME),
    lookup('income_sources', 'IS', t('Lead sources', 'Origines clients', 'Источники клиентов'), NAME),
    lookup('positions', 'PO', t('Job titles', 'Fonctions', 'Должности'), NAME),
  ];
}

export function defaultCrmSchema(lang: Lang, options: { country?: string; currency?: string } = {}): Schema {
  const defaults = LANG_DEFAULTS[lang];
  return {
    version: 1,
    lang,
    country: options.country?.toUpperCase() ?? defaults.country,
    currency: options.currency?.toUpperCase() ?? defaults.currency,
    dateOrder: defaults.dateOrder,
    directories: directorySpecs(lang).map((spec) => ({ ...spec, sheet: spec.labels[lang] })),
  };
}

/**
 * Rows `carnet init` writes into an empty CRM. Only the funnel: without stages no deal can be
 * saved (stage is required), whereas every other lookup is the user's own vocabulary.
 */
export function defaultSeedRows(lang: Lang): Record<string, Array<Record<string, Cell>>> {
  return {
    stages: STAGES.map((s) => ({ name: s.labels[lang], probability: s.probability, closed: s.closed })),
  };
}
