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
        `${data} (windows-1251, delimiter ";", header row): 3 rows into contacts, upsert by email`,
        '  columns: ФИО → Полное имя (last-first), Эл. почта → Эл. почта, Компания → Компания, Телефон → Телефон',
        '  create 2 · update 0 · unchanged 0 · skip 0 · reject 1',
        '  new in companies: 2 (Восток, Запад)',
        '  not imported:',
        '    row 3: rejected — Эл. почта: «petr@» не является адресом электронной почты',
        'Dry run: nothing was written.',
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
    expect(imports.stdout).toMatch(/^IM-000001 {2}contacts {2}contacts\.csv {2}by .+ {2}complete; created 2 companies, 2 contacts; updated nothing\n$/);
    const again = await carnet('import', crm, 'contacts', data, '--create-companies', '--match', 'email');
    expect(again.stdout).toContain('create 0 · update 0 · unchanged 2 · skip 0 · reject 1');
    const undo = await carnet('import-undo', crm, 'IM-000001');
    expect(undo.stdout).toBe(`Undid import IM-000001 in ${crm}: deleted 2 companies, 2 contacts; restored nothing.\n`);
    expect(JSON.parse((await carnet('list', crm, 'contacts', '--json')).stdout)).toEqual([]);
  });

  it('refuses a file it cannot read, naming the problem, and writes nothing', async () => {
    const data = join(tmp.dir, 'binary.csv');
    writeFileSync(data, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 1, 2, 3, 0, 0, 0]));
    // A zip's signature: an .xlsx saved under a .csv name is read as what it is, and this one is cut short.
    const before = digest(crm);
    const r = await carnet('import', crm, 'contacts', data);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('carnet: binary.csv is not an .xlsx workbook (not a zip archive, or one cut short). [E_SOURCE]\n');
    expect(digest(crm)).toBe(before);
  });
});
