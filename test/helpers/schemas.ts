import type { Schema } from '../../core/schema/types.js';

const l = (en: string, fr = en, ru = en) => ({ en, fr, ru });

/** A small CRM for record-store tests: independent of the default schema's evolution. */
export function miniSchema(): Schema {
  return {
    version: 1,
    lang: 'en',
    country: 'FR',
    currency: 'EUR',
    dateOrder: 'dmy',
    directories: [
      {
        key: 'cities',
        labels: l('Cities', 'Villes', 'Города'),
        sheet: 'Cities',
        idPrefix: 'CI',
        display: 'name',
        fields: [{ key: 'name', type: 'text', labels: l('Name', 'Nom', 'Название'), required: true }],
      },
      {
        key: 'companies',
        labels: l('Companies', 'Sociétés', 'Компании'),
        sheet: 'Companies',
        idPrefix: 'CO',
        display: 'name',
        fields: [
          { key: 'name', type: 'text', labels: l('Name', 'Nom', 'Название'), required: true },
          { key: 'city', type: 'reference', ref: 'cities', labels: l('City', 'Ville', 'Город') },
          { key: 'email', type: 'email', labels: l('Email', 'Courriel', 'Почта') },
          { key: 'phone', type: 'phone', labels: l('Phone', 'Téléphone', 'Телефон') },
          { key: 'tax_id', type: 'text', labels: l('Tax ID', 'SIRET', 'ИНН'), unique: true },
          { key: 'discount', type: 'percent', labels: l('Discount', 'Remise', 'Скидка') },
          { key: 'created', type: 'date', labels: l('Created', 'Créée', 'Создана'), default: 'today' },
          { key: 'owner', type: 'user', labels: l('Owner', 'Responsable', 'Ответственный'), default: '@me' },
        ],
      },
      {
        key: 'sales',
        labels: l('Sales', 'Ventes', 'Продажи'),
        sheet: 'Sales',
        idPrefix: 'SA',
        display: 'id',
        fields: [
          { key: 'date', type: 'date', labels: l('Date', 'Date', 'Дата'), required: true },
          { key: 'company', type: 'reference', ref: 'companies', labels: l('Company', 'Société', 'Компания'), required: true },
          { key: 'amount', type: 'money', labels: l('Amount', 'Montant', 'Сумма') },
        ],
      },
    ],
  };
}
