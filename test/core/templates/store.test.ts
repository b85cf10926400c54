import { zipSync, strToU8 } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { Crm } from '../../../core/records/crm.js';
import { defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { buildDocx, paragraph } from '../../../core/templates/docx-writer.js';
import { CHUNK, FILES_SHEET, listTemplates, readTemplate, removeTemplate, saveTemplate } from '../../../core/templates/store.js';
import { rejectedData } from '../../helpers/error-data.js';

const TODAY = serialFromParts(2026, 12, 1);
const USER = 'anna@example.com';

async function fresh(): Promise<{ wb: MemoryWorkbook; crm: Crm }> {
  const wb = new MemoryWorkbook({ id: USER, name: 'Anna' });
  await setupCrm(wb, defaultCrmSchema('en'), defaultSeedRows('en'), { today: TODAY, now: TODAY + 0.5, user: USER });
  const crm = await Crm.open(wb);
  wb.resetCalls();
  return { wb, crm };
}

/** A .docx of about `size` bytes: a document part and a stored (uncompressed) picture of noise. */
function docxOf(size: number, seed = 1): Uint8Array {
  const noise = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = x >>> 24;
  }
  return zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{Name} ${seed}</w:t></w:r></w:p></w:body></w:document>`),
    'word/media/image1.bin': [noise, { level: 0 }],
    // A fixed time: the same size and seed give the same bytes, whenever they are made.
  }, { mtime: new Date(Date.UTC(1980, 0, 1)) });
}

const invoice = { name: 'Invoice', directory: 'companies', fileName: 'Invoice {Number} {Name}.docx' };

/** The sheet's data rows: file id, part, and the chunk's length. */
function fileRows(wb: MemoryWorkbook): [string, number, number][] {
  return wb.sheet(FILES_SHEET)!.cells.slice(1).filter((r) => r && r[0] !== null).map((r) => [r[0] as string, r[1] as number, String(r[2]).length]);
}

const rowsFor = (bytes: Uint8Array) => Math.ceil((Math.ceil(bytes.length / 3) * 4) / CHUNK);

describe('template store', () => {
  let wb: MemoryWorkbook;
  let crm: Crm;
  beforeEach(async () => ({ wb, crm } = await fresh()));

  describe('saving', () => {
    it('keeps the bytes in a very hidden sheet, in chunks under the cell limit, and the entry in the index', async () => {
      const bytes = docxOf(100_000);
      const saved = await saveTemplate(crm, invoice, bytes, TODAY, USER);
      expect(saved).toEqual({ name: 'Invoice', directory: 'companies', fileName: 'Invoice {Number} {Name}.docx', size: bytes.length, uploaded: TODAY, by: USER });
      expect(listTemplates(crm)).toEqual([saved]);
      expect(crm.meta.extra.templates).toEqual([{ ...saved, file: 'T1' }]);
      const sheet = wb.sheet(FILES_SHEET)!;
      expect(sheet.visibility).toBe('very');
      expect(sheet.cells[0]).toEqual(['file', 'part', 'base64']);
      const rows = fileRows(wb);
      expect(rows.length).toBe(rowsFor(bytes));
      expect(rows.map(([id, part]) => [id, part])).toEqual(rows.map((_, i) => ['T1', i]));
      expect(rows.slice(0, -1).every(([, , length]) => length === CHUNK)).toBe(true);
    });

    it('gives the bytes back exactly, in a later command too', async () => {
      const bytes = docxOf(250_001);
      await saveTemplate(crm, invoice, bytes, TODAY, USER);
      const again = await Crm.open(wb);
      const read = await readTemplate(again, 'INVOICE');
      expect(read.info).toEqual({ name: 'Invoice', directory: 'companies', fileName: 'Invoice {Number} {Name}.docx', size: bytes.length, uploaded: TODAY, by: USER });
      expect(read.bytes).toEqual(bytes);
    });

    it('takes a directory by label and stores its key, keeps the built-in mark, and completes the file-name pattern', async () => {
      const bytes = buildDocx([paragraph('{Name}')]);
      expect(await saveTemplate(crm, { name: ' Price list ', directory: 'Products', fileName: 'Prices {Name}', builtin: true }, bytes, TODAY, USER)).toEqual({
        name: 'Price list', directory: 'products', fileName: 'Prices {Name}.docx', size: bytes.length, uploaded: TODAY, by: USER, builtin: true,
      });
      expect((await saveTemplate(crm, { name: 'Letter', directory: 'contacts', fileName: '  ' }, bytes, TODAY, USER)).fileName).toBe('Letter.docx');
      expect((await saveTemplate(crm, { name: 'Memo', directory: 'contacts', fileName: 'Memo.DOCX', builtin: false }, bytes, TODAY, USER))).not.toHaveProperty('builtin');
    });

    it('replaces the template of the same name, whatever its case, and drops the old rows', async () => {
      await saveTemplate(crm, invoice, docxOf(70_000, 1), TODAY, USER);
      await saveTemplate(crm, { name: 'Contract', directory: 'companies', fileName: 'Contract.docx' }, docxOf(40_000, 2), TODAY, USER);
      const newer = docxOf(50_000, 3);
      const saved = await saveTemplate(crm, { ...invoice, name: 'invoice' }, newer, TODAY + 1, 'bob@example.com');
      expect(listTemplates(crm).map((t) => [t.name, t.uploaded, t.by])).toEqual([['invoice', TODAY + 1, 'bob@example.com'], ['Contract', TODAY, USER]]);
      expect(saved.size).toBe(newer.length);
      expect((await readTemplate(crm, 'Invoice')).bytes).toEqual(newer);
      expect([...new Set(fileRows(wb).map(([id]) => id))]).toEqual(['T2', 'T3']);
      expect(fileRows(wb).length).toBe(rowsFor(docxOf(40_000, 2)) + rowsFor(newer));
      expect((await readTemplate(crm, 'contract')).bytes).toEqual(docxOf(40_000, 2));
    });

    it('deletes rows no index entry names (a save cut short), and never reuses their id', async () => {
      await saveTemplate(crm, invoice, docxOf(1_000), TODAY, USER);
      await wb.append(FILES_SHEET, [['T7', 0, 'AAAA'], ['T7', 1, 'AAAA']]);
      await saveTemplate(crm, { ...invoice, name: 'Other' }, docxOf(1_000, 2), TODAY, USER);
      expect([...new Set(fileRows(wb).map(([id]) => id))]).toEqual(['T1', 'T8']);
    });
  });

  describe('port calls', () => {
    /** The calls of saving one template of `size` bytes into a fresh CRM, then of replacing it, then of reading it. */
    async function callsFor(size: number) {
      const { wb, crm } = await fresh();
      await saveTemplate(crm, invoice, docxOf(size), TODAY, USER);
      const first = { ...wb.calls };
      wb.resetCalls();
      await saveTemplate(crm, invoice, docxOf(size, 2), TODAY, USER);
      const replace = { ...wb.calls };
      wb.resetCalls();
      await readTemplate(crm, 'Invoice');
      const read = { ...wb.calls };
      wb.resetCalls();
      await removeTemplate(crm, 'Invoice');
      return { first, replace, read, remove: { ...wb.calls } };
    }

    it('are the same for a 2 MB template as for a 10 KB one (one append of rows carries up to 3 MB of text)', async () => {
      const small = await callsFor(10_000);
      expect(small).toEqual({
        first: { read: 1, ensureSheet: 1, append: 1, write: 1 },
        replace: { read: 1, append: 1, write: 1, deleteRows: 1 },
        read: { read: 1 },
        remove: { read: 1, write: 1, deleteRows: 1 },
      });
      expect(await callsFor(2 * 1024 * 1024)).toEqual(small);
    });

    it('grow only by the appends of a template near 10 MB: 100 rows, 3 MB of text, a call', async () => {
      const big = await callsFor(10 * 1024 * 1024 - 1_000);
      expect(big.first).toEqual({ read: 1, ensureSheet: 1, append: 5, write: 1 });
      expect(big.replace).toEqual({ read: 1, append: 5, write: 1, deleteRows: 1 });
      expect(big.read).toEqual({ read: 1 });
    });

    it('carry at most 100 rows, 3,000,000 characters, in one append', async () => {
      const sizes: number[] = [];
      const append = wb.append.bind(wb);
      wb.append = async (sheet, rows) => {
        sizes.push(rows.reduce((n, r) => n + r.reduce((m: number, c) => m + String(c ?? '').length, 0), 0));
        return append(sheet, rows);
      };
      await saveTemplate(crm, invoice, docxOf(5 * 1024 * 1024), TODAY, USER);
      expect(sizes.length).toBe(3);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(3_000_000 + 100 * 10);
    });
  });

  describe('removing', () => {
    it('removes its rows and its index entry, and leaves the others', async () => {
      await saveTemplate(crm, invoice, docxOf(40_000, 1), TODAY, USER);
      const contract = docxOf(40_000, 2);
      await saveTemplate(crm, { name: 'Contract', directory: 'companies', fileName: 'Contract.docx' }, contract, TODAY, USER);
      expect(await removeTemplate(crm, 'INVOICE')).toEqual({ ...invoice, size: docxOf(40_000, 1).length, uploaded: TODAY, by: USER });
      expect(listTemplates(crm).map((t) => t.name)).toEqual(['Contract']);
      expect(listTemplates(await Crm.open(wb)).map((t) => t.name)).toEqual(['Contract']);
      expect([...new Set(fileRows(wb).map(([id]) => id))]).toEqual(['T2']);
      expect((await readTemplate(crm, 'Contract')).bytes).toEqual(contract);
    });
  });

  describe('refusals', () => {
    const refusal = async (template: Parameters<typeof saveTemplate>[1], bytes: Uint8Array) => {
      const data = await rejectedData(saveTemplate(crm, template, bytes, TODAY, USER));
      expect(wb.totalCalls()).toBe(0);
      return data;
    };

    it('refuses bytes that are not a .docx, naming the problem, before any port call', async () => {
      const value = 'Invoice';
      expect(await refusal(invoice, strToU8('Dear {Name},'))).toEqual({
        code: 'E_BAD_INPUT', field: 'bytes', value, message: 'Template "Invoice" is not a .docx file: it is not a zip archive, as every .docx is.',
      });
      expect(await refusal(invoice, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({
        code: 'E_BAD_INPUT', field: 'bytes', value, message: 'Template "Invoice" is not a .docx file: it is an old Word .doc file; save it as .docx (Word document) and upload that.',
      });
      expect(await refusal(invoice, zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }))).toEqual({
        code: 'E_BAD_INPUT', field: 'bytes', value, message: 'Template "Invoice" is not a .docx file: it is a zip archive without word/document.xml, so not a Word document.',
      });
      expect(await refusal(invoice, zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') }))).toEqual({
        code: 'E_BAD_INPUT', field: 'bytes', value, message: 'Template "Invoice" is not a .docx file: it is an OpenDocument file (.odt); save it as .docx (Word document) and upload that.',
      });
      const cut = docxOf(1_000).slice(0, 600);
      expect(await refusal(invoice, cut)).toEqual({
        code: 'E_BAD_INPUT', field: 'bytes', value, message: 'Template "Invoice" is not a .docx file: it is a damaged zip archive (invalid zip data).',
      });
      expect(await refusal(invoice, new Uint8Array())).toEqual({
        code: 'E_BAD_INPUT', field: 'bytes', value, message: 'Template "Invoice" is not a .docx file: it is not a zip archive, as every .docx is.',
      });
    });

    it('refuses more than 10 MB', async () => {
      expect(await refusal(invoice, new Uint8Array(10 * 1024 * 1024 + 1))).toEqual({
        code: 'E_BAD_INPUT', field: 'bytes', value: 'Invoice', message: 'Template "Invoice" is 10.1 MB; a template can be at most 10 MB. Make it smaller (in Word: File › Compress Pictures).',
      });
    });

    it('refuses a blank or overlong name and an unknown directory', async () => {
      const bytes = docxOf(100);
      expect(await refusal({ ...invoice, name: '  ' }, bytes)).toEqual({ code: 'E_BAD_INPUT', field: 'name', value: '  ', message: 'A template needs a name.' });
      const long = 'x'.repeat(101);
      expect(await refusal({ ...invoice, name: long }, bytes)).toEqual({ code: 'E_BAD_INPUT', field: 'name', value: long, message: 'A template name is at most 100 characters; "xxxxxxxxxxxxxxxxxxxx…" has 101.' });
      expect(await refusal({ ...invoice, directory: 'Clients' }, bytes)).toEqual({
        code: 'E_UNKNOWN_DIRECTORY',
        value: 'Clients',
        message: 'No directory named "Clients". Directories: Companies, Contacts, Sales, Notes, Deals, Tasks, Products, Stages, Cities, Industries, Segments, Lead sources, Job titles.',
      });
    });

    it('names the templates there are when asked for one that is not', async () => {
      expect(await rejectedData(readTemplate(crm, 'Invoice'))).toEqual({ code: 'E_NOT_FOUND', value: 'Invoice', message: 'No template named "Invoice": this workbook has no templates yet.' });
      await saveTemplate(crm, invoice, docxOf(100), TODAY, USER);
      await saveTemplate(crm, { ...invoice, name: 'Contract' }, docxOf(100), TODAY, USER);
      const missing = { code: 'E_NOT_FOUND', value: 'Facture', message: 'No template named "Facture". Templates: Invoice, Contract.' };
      expect(await rejectedData(readTemplate(crm, 'Facture'))).toEqual(missing);
      expect(await rejectedData(removeTemplate(crm, 'Facture'))).toEqual(missing);
    });

    it('reports a template whose rows were damaged', async () => {
      const bytes = docxOf(100_000);
      await saveTemplate(crm, invoice, bytes, TODAY, USER);
      await wb.deleteRows(FILES_SHEET, [2]);
      expect(await rejectedData(readTemplate(crm, 'Invoice'))).toEqual({
        code: 'E_CORRUPT', sheet: FILES_SHEET, value: 'Invoice', message: `Template "Invoice" is damaged in the "_carnet_files" sheet (part 2 of ${rowsFor(bytes)} is missing). Upload it again.`,
      });
      const last = wb.sheet(FILES_SHEET)!.cells.length - 1;
      await wb.deleteRows(FILES_SHEET, [last]);
      await wb.append(FILES_SHEET, [['T1', 1, 'AAAA']]);
      expect((await rejectedData(readTemplate(crm, 'Invoice'))).message).toMatch(/^Template "Invoice" is damaged in the "_carnet_files" sheet \(\d+ bytes instead of \d+\)\. Upload it again\.$/);
    });
  });
});
