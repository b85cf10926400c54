/**
 * The hosts' messages in the person's language (issue 13 §5): a refusal made by the .xlsx host
 * inside a command (the file open in LibreOffice, a cell inside merged cells) is said in the
 * language of the dispatch, with the same structured data in every language; the Google host's
 * tidy trigger, which runs outside any command, notes cells in the workbook's language.
 */

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { CarnetError } from '../../../core/errors.js';
import { loadMessages } from '../../../core/messages/load.js';
import { speaking } from '../../../core/messages/say.js';
import { defaultCrmSchema } from '../../../core/schema/default-crm.js';
import type { Lang } from '../../../core/schema/types.js';
import type { EditEventApi } from '../../../gas-addon/apps-script-api.js';
import { contextFor } from '../../../gas-addon/server.js';
import { AppsScriptWorkbook } from '../../../gas-addon/sheets-workbook.js';
import { installTidyTrigger, tidyEditedRows } from '../../../gas-addon/tidy-trigger.js';
import { XlsxWorkbook } from '../../../local/xlsx-workbook.js';
import { FakeAppsScript } from '../../gas/fake-spreadsheet-app.js';
import { ok, refused } from '../../helpers/commands.js';

const NB = '\u00a0';
const TODAY = 46353;
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-hosts-messages-'));
  file = path.join(dir, 'book.xlsx');
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

/** A default CRM saved in book.xlsx, with one company; a context over it in `lang`. */
async function crmBook(): Promise<(lang: Lang) => Promise<Context>> {
  const wb = await XlsxWorkbook.create(file, { user: { id: 'ada@example.com', name: 'Ada' } });
  await ok({ wb, now: () => TODAY }, 'crm.setup', { lang: 'en' });
  await ok({ wb, now: () => TODAY }, 'record.create', { directory: 'companies', values: { name: 'Acme' } });
  return async (lang) => ({ wb: await XlsxWorkbook.open(file, { user: { id: 'ada@example.com', name: 'Ada' } }), now: () => TODAY, lang });
}

describe('the .xlsx host in the language the person reads', () => {
  it('E_LOCKED: the workbook open in LibreOffice', async () => {
    const context = await crmBook();
    const lock = path.join(dir, '.~lock.book.xlsx#');
    await fs.writeFile(lock, ',jdoe,ada,01.12.2026 09:12,file:///home/jdoe/.config/libreoffice/4;');
    const messages: Record<Lang, string> = {
      en:
        `${file} is open in LibreOffice (by jdoe on ada, since 01.12.2026 09:12); when LibreOffice saves it, it overwrites what Carnet wrote, so Carnet changed nothing. ` +
        'Close the file in LibreOffice and run the command again, or add --force if it will be closed there without saving. ' +
        `If LibreOffice is not running on ada, its lock file ${lock} is left over from a crash: delete it.`,
      fr:
        `${file} est ouvert dans LibreOffice (par jdoe sur ada, depuis 01.12.2026 09:12)${NB}; quand LibreOffice l’enregistre, il écrase ce que Carnet a écrit, donc Carnet n’a rien modifié. ` +
        'Fermez le fichier dans LibreOffice et relancez la commande, ou ajoutez --force s’il y sera fermé sans être enregistré. ' +
        `Si LibreOffice ne tourne pas sur ada, son fichier de verrou ${lock} est un reste d’un plantage${NB}: supprimez-le.`,
      ru:
        `${file} открыт в LibreOffice (пользователем jdoe на ada, с 01.12.2026 09:12); когда LibreOffice его сохранит, он перезапишет то, что записал Carnet, поэтому Carnet ничего не изменил. ` +
        'Закройте файл в LibreOffice и выполните команду снова или добавьте --force, если там его закроют без сохранения. ' +
        `Если LibreOffice не запущен на ada, файл блокировки ${lock} остался после сбоя: удалите его.`,
    };
    for (const lang of ['en', 'fr', 'ru'] as const) {
      const error = await refused(await context(lang), 'record.create', { directory: 'companies', values: { name: 'Bolt' } });
      expect(error).toEqual({ code: 'E_LOCKED', message: messages[lang] });
    }
  });

  it('E_MERGED: a cell to write is hidden inside merged cells', async () => {
    const context = await crmBook();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    book.getWorksheet('Companies')!.mergeCells('B2:I2');
    await book.xlsx.writeFile(file);
    const messages: Record<Lang, string> = {
      en: 'Companies!I2 (Email) is inside the merged cells B2:I2, where the spreadsheet would hide it. Unmerge B2:I2 first; nothing was written.',
      fr: `Companies!I2 (E-mail) se trouve dans les cellules fusionnées B2:I2, où le tableur la masquerait. Annulez d’abord la fusion de B2:I2${NB}; rien n’a été écrit.`,
      ru: 'Companies!I2 (Эл. почта) находится внутри объединённых ячеек B2:I2, где таблица её скроет. Сначала отмените объединение B2:I2; ничего не записано.',
    };
    for (const lang of ['en', 'fr', 'ru'] as const) {
      const error = await refused(await context(lang), 'record.update', { directory: 'companies', id: 'CO-000001', values: { email: 'hello@acme.example' } });
      expect(error).toEqual({ code: 'E_MERGED', sheet: 'Companies', cell: 'I2', row: 2, message: messages[lang] });
    }
  });

  it('E_FILE: a file that is not there, outside any command unless said in a language', async () => {
    const missing = path.join(dir, 'nope.xlsx');
    const messages: Record<Lang, string> = { en: `No such file: ${missing}`, fr: `Fichier introuvable${NB}: ${missing}`, ru: `Файл не найден: ${missing}` };
    for (const lang of ['en', 'fr', 'ru'] as const) {
      await loadMessages(lang);
      const error = await speaking(lang, () => XlsxWorkbook.open(missing).then(() => undefined, (e: unknown) => e));
      expect(error).toBeInstanceOf(CarnetError);
      expect((error as CarnetError).data).toEqual({ code: 'E_FILE', message: messages[lang] });
    }
  });
});

describe('the Google host in the language of the workbook', () => {
  it('the tidy trigger, which no command runs, notes a cell in the workbook’s language, after the marker Carnet knows its notes by', async () => {
    const notes: Record<Lang, string> = {
      en: 'Carnet: Companies!I3: "bob@" is not an email address.',
      fr: `Carnet: Sociétés!I3${NB}: "bob@" n’est pas une adresse e-mail.`,
      ru: 'Carnet: Компании!I3: "bob@" не является адресом электронной почты.',
    };
    for (const lang of ['en', 'fr', 'ru'] as const) {
      const fake = new FakeAppsScript({ owner: 'owner@example.com', activeUser: 'owner@example.com', editors: ['owner@example.com'] });
      const out = await dispatch(contextFor(new AppsScriptWorkbook(fake.services)), 'crm.setup', { lang, country: 'FR' });
      expect(out.ok).toBe(true);
      expect(JSON.parse(await installTidyTrigger(fake.services)).ok).toBe(true);
      const companies = defaultCrmSchema(lang).directories.find((d) => d.key === 'companies')!;
      const sheet = fake.spreadsheet.sheet(companies.sheet);
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
      const col = (key: string) => header.indexOf(companies.fields.find((f) => f.key === key)!.labels[lang]) + 1;
      const handlers = { carnetOnEdit: (e: EditEventApi) => tidyEditedRows(fake.services, e) };
      const edit = (column: number, value: string) => fake.triggers.edit({ sheet: companies.sheet, editor: 'owner@example.com', row: 3, column, values: [[value]] }, handlers);
      await edit(col('name'), 'Bolt');
      await edit(col('email'), 'bob@');
      expect(sheet.getRange(3, col('email'), 1, 1).getNotes()[0]![0]).toBe(notes[lang]);
    }
  });
});
