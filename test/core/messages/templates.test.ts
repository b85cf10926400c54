/**
 * The templates and reports area speaks the language of the person (issue 13, §5): the same
 * refusal in English, French and Russian differs only by its message — code, directory, field,
 * sheet, value and the problems' tags and kinds are the same data in every language.
 */

import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { serialFromParts } from '../../../core/dates.js';
import { toErrorData, type ErrorData } from '../../../core/errors.js';
import { encodeBase64 } from '../../../core/export/base64.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { loadMessages } from '../../../core/messages/load.js';
import { speaking } from '../../../core/messages/say.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import type { Lang } from '../../../core/schema/types.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { fillTemplate } from '../../../core/templates/fill.js';
import { UNKNOWN_SCOPE } from '../../../core/templates/resolve.js';
import type { Entry, Scope } from '../../../core/templates/types.js';
import { ok, refused } from '../../helpers/commands.js';
import { docx, p, table } from '../../helpers/docx-fixtures.js';
import { salesFixture } from '../pivot/fixture.js';

const LANGS: Lang[] = ['en', 'fr', 'ru'];
const base = { object: 'sales', rows: [{ field: 'product' }], data: [{ field: 'quantity', agg: 'sum' }] };

/** The same command refused in each language, with the workbook in English. */
async function inEachLanguage(ctx: Context, name: string, input: unknown): Promise<Record<Lang, ErrorData>> {
  const out = {} as Record<Lang, ErrorData>;
  for (const lang of LANGS) out[lang] = await refused({ ...ctx, lang }, name, input);
  return out;
}

const TODAY = serialFromParts(2026, 12, 1);

/** The default CRM, in English, with nothing in it: templates are checked against its schema. */
async function fresh(): Promise<Context> {
  const wb = new MemoryWorkbook({ id: 'anna@example.com', name: 'Anna' });
  await setupCrm(wb, defaultCrmSchema('en'), defaultSeedRows('en'), { today: TODAY, now: TODAY + 0.5, user: 'anna@example.com' });
  return { wb, now: () => TODAY + 0.5 };
}

describe('report definitions and filters (E_BAD_INPUT), in the language the person reads', () => {
  it('a path through a field that is not a reference: the labels follow the language', async () => {
    const { ctx } = await salesFixture();
    const data = { code: 'E_BAD_INPUT', directory: 'sales', field: 'quantity', value: 'quantity.city' };
    expect(await inEachLanguage(ctx, 'pivot.run', { definition: { ...base, rows: [{ field: 'quantity.city' }] } })).toEqual({
      en: { ...data, message: 'Sales › Quantity is not a reference, so "quantity.city" cannot go through it.' },
      fr: { ...data, message: 'Le champ «\u00a0Ventes › Quantité\u00a0» n’est pas une référence\u00a0: «\u00a0quantity.city\u00a0» ne peut donc pas passer par lui.' },
      ru: { ...data, message: 'Поле «Продажи › Количество» — не ссылка, поэтому путь «quantity.city» не может через него проходить.' },
    });
  });

  it('a sum over a text field', async () => {
    const { ctx } = await salesFixture();
    const data = { code: 'E_BAD_INPUT', directory: 'sales', field: 'comment', value: 'sum' };
    expect(await inEachLanguage(ctx, 'pivot.run', { definition: { ...base, data: [{ field: 'comment', agg: 'sum' }] } })).toEqual({
      en: { ...data, message: 'Sales › Comment is text: a sum needs a number, money, integer or percent field. Count it instead.' },
      fr: { ...data, message: 'Le champ «\u00a0Ventes › Commentaire\u00a0» est de type text\u00a0: une somme demande un champ nombre, montant, entier ou pourcentage. Comptez-le plutôt.' },
      ru: { ...data, message: 'Поле «Продажи › Комментарий» имеет тип text: для суммы нужно поле с числом, деньгами, целым числом или процентом. Посчитайте вместо этого количество.' },
    });
  });

  it('a relative date filter on a field that is not a date', async () => {
    const { ctx } = await salesFixture();
    const data = { code: 'E_BAD_INPUT', directory: 'sales', field: 'city', value: 'thisYear' };
    expect(await inEachLanguage(ctx, 'pivot.run', { definition: { ...base, filters: [{ field: 'company.city', op: 'relative', range: 'thisYear' }] } })).toEqual({
      en: { ...data, message: 'Filter on Company › City: a relative date range needs a date field, and Company › City is reference.' },
      fr: { ...data, message: 'Filtre sur «\u00a0Société › Ville\u00a0»\u00a0: une période relative demande un champ date, or «\u00a0Société › Ville\u00a0» est de type reference.' },
      ru: { ...data, message: 'Фильтр по полю «Компания › Город»: для относительного периода нужно поле даты, а «Компания › Город» имеет тип reference.' },
    });
  });

  it('ABC thresholds out of range', async () => {
    const { ctx } = await salesFixture();
    const data = { code: 'E_BAD_INPUT', field: 'abc', value: { a: 0.8, b: 0.2 } };
    expect(await inEachLanguage(ctx, 'pivot.run', { definition: { object: 'sales', rows: [{ field: 'company' }], data: [{ field: 'amount', agg: 'sum' }], abc: { a: 0.8, b: 0.2 } } })).toEqual({
      en: { ...data, message: 'ABC thresholds must be shares between 0 and 1 with A + B under 1 (C takes the rest), e.g. A 0.8 and B 0.15; got A 0.8 and B 0.2.' },
      fr: { ...data, message: 'Les seuils ABC doivent être des parts comprises entre 0 et 1, avec A + B inférieur à 1 (C prend le reste), par exemple A 0.8 et B 0.15\u00a0; valeurs reçues\u00a0: A 0.8 et B 0.2.' },
      ru: { ...data, message: 'Пороги ABC должны быть долями от 0 до 1, причём A + B меньше 1 (C — остаток), например A 0.8 и B 0.15; получено: A 0.8 и B 0.2.' },
    });
  });

  it('a built-in report cannot be deleted; an unknown one is not found', async () => {
    const { ctx } = await salesFixture();
    const data = { code: 'E_BAD_INPUT', value: 'Revenue by city' };
    expect(await inEachLanguage(ctx, 'report.delete', { name: 'Revenue by city' })).toEqual({
      en: { ...data, message: '"Revenue by city" is one of Carnet\'s built-in reports and cannot be deleted; edit it and save it under its name to change it.' },
      fr: { ...data, message: '«\u00a0Revenue by city\u00a0» est un rapport intégré de Carnet et ne peut pas être supprimé\u00a0; pour le changer, modifiez-le puis enregistrez-le sous son nom.' },
      ru: { ...data, message: '«Revenue by city» — встроенный отчёт Carnet, его нельзя удалить; чтобы изменить его, отредактируйте его и сохраните под тем же названием.' },
    });
    const reports = 'Shipments by product, Revenue by manager per month, Revenue by city, Revenue by industry, Sales this year by month, ABC analysis of customers';
    expect(await inEachLanguage(ctx, 'report.show', { name: 'Nope' })).toEqual({
      en: { code: 'E_NOT_FOUND', value: 'Nope', message: `No report named "Nope". Reports: ${reports}.` },
      fr: { code: 'E_NOT_FOUND', value: 'Nope', message: `Aucun rapport nommé «\u00a0Nope\u00a0». Rapports\u00a0: ${reports}.` },
      ru: { code: 'E_NOT_FOUND', value: 'Nope', message: `Нет отчёта «Nope». Отчёты: ${reports}.` },
    });
  });
});

describe('report sheets (E_SHEET_TAKEN)', () => {
  it("a directory's sheet, Carnet's settings, a team's own sheet, a name no sheet can have", async () => {
    const { wb, ctx } = await salesFixture();
    expect(await inEachLanguage(ctx, 'pivot.build', { report: 'Revenue by city', sheet: 'Sales' })).toEqual({
      en: { code: 'E_SHEET_TAKEN', sheet: 'Sales', message: '"Sales" is the sheet of the directory Sales; a report is never built into it. Choose another sheet name for the report.' },
      fr: { code: 'E_SHEET_TAKEN', sheet: 'Sales', message: '«\u00a0Sales\u00a0» est la feuille de l’annuaire «\u00a0Ventes\u00a0»\u00a0; aucun rapport n’y est jamais construit. Choisissez un autre nom de feuille pour le rapport.' },
      ru: { code: 'E_SHEET_TAKEN', sheet: 'Sales', message: '«Sales» — лист справочника «Продажи»; отчёты на нём никогда не строятся. Выберите для отчёта другое название листа.' },
    });
    expect(await inEachLanguage(ctx, 'pivot.build', { report: 'Revenue by city', sheet: '_carnet' })).toEqual({
      en: { code: 'E_SHEET_TAKEN', sheet: '_carnet', message: '"_carnet" is Carnet\'s settings sheet; a report is never built into it. Choose another sheet name for the report.' },
      fr: { code: 'E_SHEET_TAKEN', sheet: '_carnet', message: '«\u00a0_carnet\u00a0» est la feuille des réglages de Carnet\u00a0; aucun rapport n’y est jamais construit. Choisissez un autre nom de feuille pour le rapport.' },
      ru: { code: 'E_SHEET_TAKEN', sheet: '_carnet', message: '«_carnet» — лист настроек Carnet; отчёты на нём никогда не строятся. Выберите для отчёта другое название листа.' },
    });
    await wb.ensureSheet('Revenue by city');
    await wb.write('Revenue by city', 0, 0, [['Our own numbers', 42]]);
    expect(await inEachLanguage(ctx, 'pivot.build', { report: 'Revenue by city' })).toEqual({
      en: {
        code: 'E_SHEET_TAKEN',
        sheet: 'Revenue by city',
        message: 'A sheet named "Revenue by city" already exists and Carnet did not make it, so the report is not built there: it would overwrite your team\'s sheet. Rename that sheet, or build the report into another sheet.',
      },
      fr: {
        code: 'E_SHEET_TAKEN',
        sheet: 'Revenue by city',
        message:
          'Une feuille nommée «\u00a0Revenue by city\u00a0» existe déjà et Carnet ne l’a pas créée\u00a0: le rapport n’y est donc pas construit, car il écraserait la feuille de votre équipe. Renommez cette feuille, ou construisez le rapport dans une autre feuille.',
      },
      ru: {
        code: 'E_SHEET_TAKEN',
        sheet: 'Revenue by city',
        message: 'Лист «Revenue by city» уже существует и создан не Carnet, поэтому отчёт на нём не строится: он перезаписал бы лист вашей команды. Переименуйте этот лист или постройте отчёт на другом листе.',
      },
    });
    const data = { code: 'E_BAD_INPUT', field: 'sheet', value: 'City: all?' };
    expect(await inEachLanguage(ctx, 'pivot.build', { report: 'Revenue by city', sheet: 'City: all?' })).toEqual({
      en: { ...data, message: '"City: all?" cannot be a sheet name: at most 31 characters, not empty, without [ ] : * ? / \\ and not starting or ending with an apostrophe.' },
      fr: { ...data, message: '«\u00a0City: all?\u00a0» ne peut pas être un nom de feuille\u00a0: 31 caractères au plus, non vide, sans [ ]\u00a0: *\u00a0? / \\ ni apostrophe au début ou à la fin.' },
      ru: { ...data, message: '«City: all?» не может быть названием листа: оно должно быть непустым, не длиннее 31 символа, без [ ] : * ? / \\ и не должно начинаться или заканчиваться апострофом.' },
    });
  });
});

describe('template problems (E_TEMPLATE), each at its tag', () => {
  it('a check finds the same problems at the same tags; their words and places are said in the language', async () => {
    const ctx = await fresh();
    const file = encodeBase64(docx(p('Client: {Ctiy}') + table([['{Name|lowr}']]), { headers: [p('{#Sales}')] }));
    const problems = async (lang: Lang) => (await ok({ ...ctx, lang }, 'template.check', { file, directory: 'companies' })).problems;
    expect(await problems('en')).toEqual([
      { tag: '{Ctiy}', kind: 'unknown-name', place: { where: 'paragraph 1', around: 'Client: {Ctiy}' }, message: 'unknown field "Ctiy" — did you mean {City}?' },
      { tag: '{Name|lowr}', kind: 'bad-formatter', place: { where: 'table 1, row 1, column 1', around: '{Name|lowr}' }, message: 'unknown formatter "lowr" — did you mean |lower? (formatters: long, short, words, number, upper, lower, year, month)' },
      { tag: '{#Sales}', kind: 'unclosed-loop', place: { where: 'header 1, paragraph 1', around: '{#Sales}' }, message: 'never closed: add {/Sales} where it ends' },
    ]);
    expect(await problems('fr')).toEqual([
      { tag: '{Ctiy}', kind: 'unknown-name', place: { where: 'paragraphe 1', around: 'Client: {Ctiy}' }, message: 'champ inconnu «\u00a0Ctiy\u00a0» — vouliez-vous dire {City}\u00a0?' },
      { tag: '{Name|lowr}', kind: 'bad-formatter', place: { where: 'tableau 1, ligne 1, colonne 1', around: '{Name|lowr}' }, message: 'format inconnu «\u00a0lowr\u00a0» — vouliez-vous dire |lower\u00a0? (formats\u00a0: long, short, words, number, upper, lower, year, month)' },
      { tag: '{#Sales}', kind: 'unclosed-loop', place: { where: 'en-tête 1, paragraphe 1', around: '{#Sales}' }, message: 'jamais fermée\u00a0: ajoutez {/Sales} là où elle se termine' },
    ]);
    expect(await problems('ru')).toEqual([
      { tag: '{Ctiy}', kind: 'unknown-name', place: { where: 'абзац 1', around: 'Client: {Ctiy}' }, message: 'неизвестное поле «Ctiy» — может быть, {City}?' },
      { tag: '{Name|lowr}', kind: 'bad-formatter', place: { where: 'таблица 1, строка 1, столбец 1', around: '{Name|lowr}' }, message: 'неизвестный формат «lowr» — может быть, |lower? (форматы: long, short, words, number, upper, lower, year, month)' },
      { tag: '{#Sales}', kind: 'unclosed-loop', place: { where: 'верхний колонтитул 1, абзац 1', around: '{#Sales}' }, message: 'не закрыт: добавьте {/Sales} там, где блок заканчивается' },
    ]);
  });

  it('a fill is refused whole: the first problem, a count of the others, and each one', async () => {
    const city: Entry = { kind: 'value', value: 'Lyon', type: 'text', label: 'City' };
    const root: Scope = { get: (name) => (name === 'City' ? city : name === 'Items' ? { kind: 'list', items: [UNKNOWN_SCOPE], label: 'Items' } : undefined), names: () => ['City', 'Items'] };
    const template = docx(p('{Ctiy}') + p('{City|long}') + p('{Items}'));
    const refusal = async (lang: Lang) => {
      await loadMessages(lang);
      return speaking(lang, async () => {
        try {
          fillTemplate(template, root, { lang: 'en', currency: 'EUR', country: 'FR' });
        } catch (e) {
          return toErrorData(e);
        }
        throw new Error('the fill should have been refused');
      });
    };
    const tags = ['{Ctiy}', '{City|long}', '{Items}'];
    const error = (message: string, each: string[]) => ({ code: 'E_TEMPLATE', message, problems: each.map((m, i) => ({ code: 'E_TEMPLATE', value: tags[i], message: m })) });
    const en = [
      '{Ctiy} in paragraph 1 ("{Ctiy}"): unknown field "Ctiy" — did you mean {City}?',
      '{City|long} in paragraph 2 ("{City|long}"): |long does not apply to "City": it applies to dates',
      '{Items} in paragraph 3 ("{Items}"): "Items" is a list: repeat it with {#Items}…{/Items} and name its fields inside',
    ];
    const fr = [
      '{Ctiy}, paragraphe 1 («\u00a0{Ctiy}\u00a0»)\u00a0: champ inconnu «\u00a0Ctiy\u00a0» — vouliez-vous dire {City}\u00a0?',
      '{City|long}, paragraphe 2 («\u00a0{City|long}\u00a0»)\u00a0: |long ne s’applique pas à «\u00a0City\u00a0»\u00a0: il s’applique aux dates',
      '{Items}, paragraphe 3 («\u00a0{Items}\u00a0»)\u00a0: «\u00a0Items\u00a0» est une liste\u00a0: répétez-la avec {#Items}…{/Items} et nommez ses champs à l’intérieur',
    ];
    const ru = [
      '{Ctiy}, абзац 1 («{Ctiy}»): неизвестное поле «Ctiy» — может быть, {City}?',
      '{City|long}, абзац 2 («{City|long}»): |long не применяется к «City»: он применяется к датам',
      '{Items}, абзац 3 («{Items}»): «Items» — список: повторите его с помощью {#Items}…{/Items} и укажите его поля внутри',
    ];
    expect(await refusal('en')).toEqual(error(`The template cannot be filled: ${en[0]} (and 2 more problems)`, en));
    expect(await refusal('fr')).toEqual(error(`Impossible de remplir le modèle\u00a0: ${fr[0]} (et 2 autres problèmes)`, fr));
    expect(await refusal('ru')).toEqual(error(`Не удаётся заполнить шаблон: ${ru[0]} (и ещё 2 проблемы)`, ru));
  });

  it('a template that is not stored (E_NOT_FOUND)', async () => {
    const ctx = await fresh();
    expect(await inEachLanguage(ctx, 'template.remove', { name: 'Letter' })).toEqual({
      en: { code: 'E_NOT_FOUND', value: 'Letter', message: 'No template named "Letter": this workbook has no templates yet.' },
      fr: { code: 'E_NOT_FOUND', value: 'Letter', message: 'Aucun modèle nommé «\u00a0Letter\u00a0»\u00a0: ce classeur n’a encore aucun modèle.' },
      ru: { code: 'E_NOT_FOUND', value: 'Letter', message: 'Нет шаблона «Letter»: в этой книге пока нет шаблонов.' },
    });
  });

  it('a file that is not a Word document (E_FILE)', async () => {
    const ctx = await fresh();
    const zip = new PizZip();
    zip.file('content.xml', '<office:document-content/>');
    const file = encodeBase64(zip.generate({ type: 'uint8array' }));
    expect(await inEachLanguage(ctx, 'template.add', { name: 'Letter', directory: 'companies', file })).toEqual({
      en: { code: 'E_FILE', message: 'The template is not a Word document: it has no word/document.xml.' },
      fr: { code: 'E_FILE', message: 'Le modèle n’est pas un document Word\u00a0: il n’a pas de word/document.xml.' },
      ru: { code: 'E_FILE', message: 'Шаблон — не документ Word: в нём нет word/document.xml.' },
    });
  });
});
