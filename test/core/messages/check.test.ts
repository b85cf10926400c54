/**
 * `crm.check` in the person's language (issue 13 §5): the same problems, with the same structured
 * data (code, severity, directory, field, sheet, row, cell, value) in English, French and Russian;
 * only `message` changes. Field and directory names follow the language spoken; sheet names,
 * cells and values are the workbook's own.
 */

import { describe, expect, it } from 'vitest';
import type { CheckProblem } from '../../../core/check/check.js';
import type { Lang } from '../../../core/schema/types.js';
import { crmFixture, ok } from '../card/fixture.js';

const NB = '\u00a0';

/** A default CRM (English) that a team edited by hand, in Excel, without Carnet. */
async function handEdited() {
  const { wb, ctx } = await crmFixture();
  await ok(ctx, 'sale.add', { company: 'Bolt', values: { product: 'Widget', quantity: 3 } });
  const companies = wb.sheet('Companies')!.cells;
  companies[0]![9] = 'Web'; // the Website header renamed
  companies[1]![8] = 'bob@'; // not an email address
  companies[1]![10] = 'FR-42';
  companies[2]![2] = 'Paris'; // a city that is not in Cities
  companies[2]![8] = 'HELLO@BOLT.EXAMPLE'; // allowed, but not as Carnet stores it
  companies[2]![10] = 'FR-42'; // the same Tax ID twice
  companies[3] = [null, 'Cobalt']; // a row typed by hand: no ID
  const products = wb.sheet('Products')!.cells;
  products[products.findIndex((r) => r?.includes('Old model'))]![products[0]!.indexOf('Name')] = null; // a required name erased
  const sales = wb.sheet('Sales')!;
  sales.cells[1]![7] = 22; // a number typed over the amount's formula
  sales.formulas[1]![7] = undefined;
  return { wb, ctx };
}

async function problems(ctx: Awaited<ReturnType<typeof crmFixture>>['ctx'], lang: Lang): Promise<CheckProblem[]> {
  const report = await ok(ctx, 'crm.check', {});
  const spoken = await ok({ ...ctx, lang }, 'crm.check', {});
  // The report's counts do not depend on the language either.
  expect({ ...spoken, problems: [] }).toEqual({ ...report, problems: [] });
  return spoken.problems;
}

/** The problems without their messages: what must be the same in every language. */
const ENGLISH: CheckProblem[] = [
  { code: 'E_SCHEMA', severity: 'error', directory: 'companies', field: 'website', sheet: 'Companies', message: 'Companies: no column for field "Website" — renamed by hand? Headers that match no field: "Web" in J1.' },
  { code: 'E_INVALID_VALUE', severity: 'error', directory: 'companies', field: 'email', sheet: 'Companies', row: 2, cell: 'I2', value: 'bob@', message: 'Companies!I2: "bob@" is not an email address.' },
  { code: 'E_REFERENCE', severity: 'error', directory: 'companies', field: 'city', sheet: 'Companies', row: 3, cell: 'C3', value: 'Paris', message: 'Companies!C3: "Paris" is not in Cities.' },
  {
    code: 'E_INVALID_VALUE',
    severity: 'warning',
    directory: 'companies',
    field: 'email',
    sheet: 'Companies',
    row: 3,
    cell: 'I3',
    value: 'HELLO@BOLT.EXAMPLE',
    message: 'Companies!I3: "HELLO@BOLT.EXAMPLE" would be stored as "hello@bolt.example".',
  },
  { code: 'E_REQUIRED', severity: 'error', directory: 'companies', field: 'id', sheet: 'Companies', row: 4, cell: 'A4', message: 'Companies!A4: the record has no ID.' },
  { code: 'E_UNIQUE', severity: 'error', directory: 'companies', field: 'tax_id', sheet: 'Companies', row: 3, cell: 'K3', value: 'FR-42', message: 'Companies!K3: "FR-42" is also on row 2; Tax ID must be unique.' },
  { code: 'E_REQUIRED', severity: 'error', directory: 'products', field: 'name', sheet: 'Products', row: 4, cell: 'C4', message: 'Products!C4: Name is required.' },
  {
    code: 'E_INVALID_VALUE',
    severity: 'warning',
    directory: 'sales',
    field: 'amount',
    sheet: 'Sales',
    row: 2,
    cell: 'H2',
    value: 22,
    message:
      "Sales!H2: Amount holds the value 22, not Carnet's formula, so it no longer follows the line's quantity and price (the spreadsheet did not take the formula, or it was typed over).",
  },
];

const said = (messages: string[]): CheckProblem[] => ENGLISH.map((p, i) => ({ ...p, message: messages[i]! }));

describe('crm.check in the language the person reads', () => {
  it('in English, each hand-made mistake with its sheet and cell', async () => {
    const { ctx } = await handEdited();
    expect(await problems(ctx, 'en')).toEqual(ENGLISH);
  });

  it('in French: the same problems, said in French, with the fields and directories named in French', async () => {
    const { ctx } = await handEdited();
    expect(await problems(ctx, 'fr')).toEqual(
      said([
        `Companies${NB}: aucune colonne pour le champ «${NB}Site web${NB}» — renommée à la main${NB}? En-têtes qui ne correspondent à aucun champ${NB}: «${NB}Web${NB}» en J1.`,
        `Companies!I2${NB}: "bob@" n’est pas une adresse e-mail.`,
        `Companies!C3${NB}: «${NB}Paris${NB}» ne figure pas dans l’annuaire «${NB}Villes${NB}».`,
        `Companies!I3${NB}: "HELLO@BOLT.EXAMPLE" serait enregistré sous la forme "hello@bolt.example".`,
        `Companies!A4${NB}: la fiche n’a pas d’ID.`,
        `Companies!K3${NB}: «${NB}FR-42${NB}» figure aussi à la ligne 2${NB}; la valeur du champ «${NB}SIRET / N° TVA${NB}» doit être unique.`,
        `Products!C4${NB}: le champ «${NB}Désignation${NB}» est obligatoire.`,
        `Sales!H2${NB}: le champ «${NB}Montant${NB}» contient la valeur 22 et non la formule de Carnet${NB}: il ne suit donc plus la quantité ni le prix de la ligne (le tableur n’a pas accepté la formule, ou elle a été écrasée par une saisie).`,
      ]),
    );
  });

  it('in Russian: the same problems, said in Russian', async () => {
    const { ctx } = await handEdited();
    expect(await problems(ctx, 'ru')).toEqual(
      said([
        'Companies: нет столбца для поля «Сайт» — переименован вручную? Заголовки, не соответствующие ни одному полю: «Web» в J1.',
        'Companies!I2: "bob@" не является адресом электронной почты.',
        'Companies!C3: «Paris» нет в справочнике «Города».',
        'Companies!I3: "HELLO@BOLT.EXAMPLE" будет сохранено как "hello@bolt.example".',
        'Companies!A4: у записи нет ID.',
        'Companies!K3: «FR-42» есть также в строке 2; значение поля «ИНН» должно быть уникальным.',
        'Products!C4: поле «Наименование» обязательно.',
        'Sales!H2: в поле «Сумма» значение 22, а не формула Carnet, поэтому оно больше не следует за количеством и ценой строки (таблица не приняла формулу, или её перезаписали вручную).',
      ]),
    );
  });

  it('a missing sheet and a duplicate ID, in the three languages', async () => {
    const { wb, ctx } = await crmFixture();
    wb.sheetList.splice(
      wb.sheetList.findIndex((s) => s.name === 'Cities'),
      1,
    );
    wb.sheet('Companies')!.cells[2]![0] = 'CO-000001';
    const base = [
      { code: 'E_SCHEMA', severity: 'error', directory: 'cities', sheet: 'Cities' },
      { code: 'E_UNIQUE', severity: 'error', directory: 'companies', field: 'id', sheet: 'Companies', row: 3, cell: 'A3', value: 'CO-000001' },
    ];
    const messages: Record<Lang, string[]> = {
      en: ['Sheet "Cities" of directory Cities is missing (renamed or deleted?).', 'Companies!A3: ID CO-000001 is also on row 2.'],
      fr: [`La feuille «${NB}Cities${NB}» de l’annuaire «${NB}Villes${NB}» est introuvable (renommée ou supprimée${NB}?).`, `Companies!A3${NB}: l’ID CO-000001 figure aussi à la ligne 2.`],
      ru: ['Нет листа «Cities» справочника «Города» (переименован или удалён?).', 'Companies!A3: ID CO-000001 есть также в строке 2.'],
    };
    for (const lang of ['en', 'fr', 'ru'] as const) {
      expect(await problems(ctx, lang)).toEqual(base.map((p, i) => ({ ...p, message: messages[lang][i] })));
    }
  });
});
