/**
 * The demo catalogue: an office supplier that also sells services and software, so every unit of
 * the default schema (pieces, kilograms, hours, boxes, licences) shows up in sales.
 */

import type { Labels } from '../schema/types.js';

/** Index into the `unit` field's choices of the default schema (pcs, kg, hour, box, licence). */
export type UnitIndex = 0 | 1 | 2 | 3 | 4;

export interface DemoProduct {
  code: string;
  names: Labels;
  category: Labels;
  unit: UnitIndex;
  /** In dollars/euros; scaled for other currencies. */
  price: number;
}

const FURNITURE: Labels = { en: 'Furniture', fr: 'Mobilier', ru: 'Мебель' };
const SUPPLIES: Labels = { en: 'Office supplies', fr: 'Fournitures', ru: 'Канцтовары' };
const PANTRY: Labels = { en: 'Pantry', fr: 'Cuisine', ru: 'Кухня' };
const SERVICES: Labels = { en: 'Services', fr: 'Services', ru: 'Услуги' };
const SOFTWARE: Labels = { en: 'Software', fr: 'Logiciels', ru: 'Программы' };
const HARDWARE: Labels = { en: 'Hardware', fr: 'Matériel', ru: 'Техника' };

const p = (code: string, unit: UnitIndex, price: number, category: Labels, en: string, fr: string, ru: string): DemoProduct => ({
  code,
  names: { en, fr, ru },
  category,
  unit,
  price,
});

export const PRODUCTS: readonly DemoProduct[] = [
  p('FUR-CHR-01', 0, 189, FURNITURE, 'Ergonomic office chair', 'Fauteuil de bureau ergonomique', 'Эргономичное офисное кресло'),
  p('FUR-DSK-01', 0, 429, FURNITURE, 'Standing desk', 'Bureau assis-debout', 'Стол для работы стоя'),
  p('SUP-PAP-A4', 3, 24.9, SUPPLIES, 'A4 copy paper (5 reams)', 'Papier A4 (5 ramettes)', 'Бумага А4 (5 пачек)'),
  p('SUP-PEN-50', 3, 12.5, SUPPLIES, 'Blue ballpoint pens (50)', 'Stylos bille bleus (50)', 'Ручки шариковые синие (50 шт.)'),
  p('SUP-TON-01', 0, 79, SUPPLIES, 'Laser toner cartridge', 'Cartouche de toner laser', 'Картридж для лазерного принтера'),
  p('SUP-WIP-01', 3, 12.5, SUPPLIES, 'Screen cleaning wipes', 'Lingettes nettoyantes pour écran', 'Салфетки для экранов'),
  p('SUP-TAP-36', 3, 54, SUPPLIES, 'Packing tape (36 rolls)', 'Ruban adhésif d’emballage (36 rouleaux)', 'Упаковочный скотч (36 рулонов)'),
  p('PAN-COF-01', 1, 18.5, PANTRY, 'Coffee beans, house blend', 'Café en grains, mélange maison', 'Кофе в зёрнах, фирменная смесь'),
  p('PAN-TEA-01', 1, 32, PANTRY, 'Loose-leaf green tea', 'Thé vert en vrac', 'Зелёный листовой чай'),
  p('PAN-FLT-01', 0, 12.5, PANTRY, 'Water filter cartridge', 'Cartouche filtrante', 'Картридж для фильтра воды'),
  p('SRV-CON-H', 2, 120, SERVICES, 'Consulting', 'Conseil', 'Консультация'),
  p('SRV-INS-H', 2, 85, SERVICES, 'Installation', 'Installation', 'Монтаж и установка'),
  p('SRV-TRN-H', 2, 95, SERVICES, 'Staff training', 'Formation du personnel', 'Обучение персонала'),
  p('SRV-SUP-H', 2, 60, SERVICES, 'Remote support', 'Assistance à distance', 'Удалённая поддержка'),
  p('LIC-CRM-Y', 4, 240, SOFTWARE, 'CRM licence, 1 year', 'Licence CRM, 1 an', 'Лицензия CRM на год'),
  p('LIC-OFF-Y', 4, 99, SOFTWARE, 'Office suite licence, 1 year', 'Licence suite bureautique, 1 an', 'Лицензия офисного пакета на год'),
  p('LIC-AVR-Y', 4, 39.9, SOFTWARE, 'Antivirus licence, 1 year', 'Licence antivirus, 1 an', 'Лицензия антивируса на год'),
  p('HW-MON-27', 0, 249, HARDWARE, '27-inch monitor', 'Écran 27 pouces', 'Монитор 27 дюймов'),
  p('HW-KBD-01', 0, 45, HARDWARE, 'Wireless keyboard', 'Clavier sans fil', 'Беспроводная клавиатура'),
  p('HW-HDS-01', 0, 59, HARDWARE, 'Headset with microphone', 'Casque avec micro', 'Гарнитура с микрофоном'),
];

/** Typical order size per unit: nobody buys 40 chairs, but 40 hours of consulting is ordinary. */
export const QUANTITY_RANGE: Record<UnitIndex, readonly [number, number]> = {
  0: [1, 12],
  1: [1, 20],
  2: [2, 40],
  3: [1, 25],
  4: [1, 25],
};
