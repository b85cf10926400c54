import type { FieldDef, FieldType, Schema } from '../../../core/schema/types.js';

export type Ctx = Pick<Schema, 'country' | 'currency' | 'dateOrder' | 'lang'>;

export const EN: Ctx = { lang: 'en', country: 'US', currency: 'USD', dateOrder: 'mdy' };
export const FR: Ctx = { lang: 'fr', country: 'FR', currency: 'EUR', dateOrder: 'dmy' };
export const RU: Ctx = { lang: 'ru', country: 'RU', currency: 'RUB', dateOrder: 'dmy' };
export const UK: Ctx = { lang: 'en', country: 'GB', currency: 'GBP', dateOrder: 'dmy' };

export function field(type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return { key: type, type, labels: { en: type, fr: type, ru: type }, ...extra };
}
