import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carnet, digest, tempDir } from '../helpers/cli.js';

const tmp = tempDir();
const crm = join(tmp.dir, 'crm.xlsx');

/** Bytes of `text` in a single-byte code page, as Excel saves a Russian user's CSV. */
function singleByte(text: string, label: string): Uint8Array {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`${label} has no ${ch}`);
    return b;
  }));
}

const RUSSIAN = [
  'ФИО;Эл. почта;Компания;Телефон',
  'Иванова Анна Сергеевна;anna@vostok.example;Восток;8 (989) 877-55-44',
  'Петров Пётр Ильич;petr@;Восток;8 (989) 877-55-45',
  'Сидоров Иван Петрович;ivan@zapad.example;Запад;+7 989 877 55 46',
  '',
].join('\r\n');

beforeAll(async () => {
  expect((await carnet('init', crm, '--lang', 'ru')).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('carnet import', () => {
  it('reads a cp1251 file, prints the plan on --dry-run and writes nothing', async () => {
    const data = join(tmp.dir, 'контакты.csv');
    writeFileSync(data, singleByte(RUSSIAN, 'windows-1251'));
    const before = digest(crm);
    const r = await carnet('import', crm, 'contacts', data, '--create-companies', '--match', 'email', '--dry-run');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        // The workbook is Russian: the CLI's own words are too (the source's encoding, field keys and values stay).
        `${data} (windows-1251, разделитель ";", со строкой заголовков): 3 строки в contacts, upsert по email`,
        '  столбцы: ФИО → Полное имя (last-first), Эл. почта → Эл. почта, Компания → Компания, Телефон → Телефон',
        '  создать 2 · обновить 0 · без изменений 0 · пропустить 0 · отклонить 1',
        '  новые в companies: 2 (Восток, Запад)',
        '  не импортировано:',
        '    строка 3: отклонена — Эл. почта: «petr@» не является адресом электронной почты',
        'Пробный запуск: ничего не записано.',
        '',
      ].join('\n'),
    );
    expect(digest(crm)).toBe(before);
  });

  it('imports, lists the batch, and undoes it', async () => {
    const data = join(tmp.dir, 'contacts.csv');
    writeFileSync(data, singleByte(RUSSIAN, 'windows-1251'));
    const r = await carnet('import', crm, 'contacts', data, '--create-companies', '--match', 'email', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toEqual({
      batch: 'IM-000001',
      created: { companies: 2, contacts: 2 },
      updated: {},
      counts: { create: 2, update: 0, unchanged: 0, skip: 0, reject: 1 },
      skipped: [],
      rejected: [{ row: 3, reason: 'Эл. почта: «petr@» не является адресом электронной почты', problems: [{ field: 'email', column: 1, value: 'petr@', message: 'Эл. почта: «petr@» не является адресом электронной почты' }] }],
    });
    const list = await carnet('list', crm, 'contacts', '--json');
    expect(JSON.parse(list.stdout).map((c: any) => [c.values.name, c.values.last_name, c.values.phone, c.values.company])).toEqual([
      ['Иванова Анна Сергеевна', 'Иванова', '+79898775544', 'Восток'],
      ['Сидоров Иван Петрович', 'Сидоров', '+79898775546', 'Запад'],
    ]);
    const imports = await carnet('imports', crm);
    expect(imports.stdout).toMatch(/^IM-000001 {2}contacts {2}contacts\.csv {2}.+ {2}завершён; создано: 2 companies, 2 contacts; обновлено: ничего\n$/);
    const again = await carnet('import', crm, 'contacts', data, '--create-companies', '--match', 'email');
    expect(again.stdout).toContain('создать 0 · обновить 0 · без изменений 2 · пропустить 0 · отклонить 1');
    const undo = await carnet('import-undo', crm, 'IM-000001');
    expect(undo.stdout).toBe(`Импорт IM-000001 в ${crm} отменён. Удалено: 2 companies, 2 contacts; восстановлено: ничего.\n`);
    expect(JSON.parse((await carnet('list', crm, 'contacts', '--json')).stdout)).toEqual([]);
  });

  it('refuses a file it cannot read, naming the problem, and writes nothing', async () => {
    const data = join(tmp.dir, 'binary.csv');
    writeFileSync(data, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 1, 2, 3, 0, 0, 0]));
    // A zip's signature: an .xlsx saved under a .csv name is read as what it is, and this one is cut short.
    const before = digest(crm);
    const r = await carnet('import', crm, 'contacts', data);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('carnet: binary.csv — не книга .xlsx (это не zip-архив, или архив обрезан). [E_SOURCE]\n');
    expect(digest(crm)).toBe(before);
  });
});
