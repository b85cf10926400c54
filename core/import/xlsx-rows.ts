/**
 * One sheet of an .xlsx as rows of cells, read anywhere: the browser's add-ins read a picked
 * file here (no ExcelJS in a task pane), with inflating handed in. It reads what an import needs
 * and nothing else: the workbook's sheet names (the first visible one by default), the shared
 * strings (rich text runs joined, phonetic guides left out), inline strings, booleans, numbers,
 * errors as their text (#N/A), and a formula's cached value — never its formula text.
 *
 * Dates: a date cell holds its serial number, and serials are how Carnet keeps dates, so a date
 * stays the number it is. Styles are read to tell date cells all the same — built-in formats
 * 14–17 and 22, and custom formats with day, month or year parts (`isDateFormat`) — because a
 * workbook in the 1904 date system (old Mac Excel) counts days from 1904-01-01: its date cells
 * are moved by 1,462 days onto the 1900 system every host shares. Times of day and durations
 * (built-in 18–21, 45–47, "h:mm") are fractions in both systems and stay. A `t="d"` cell (ISO
 * text, written by some tools) becomes its serial.
 */

import { serialFromParts } from '../dates.js';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { Cell } from '../workbook.js';
import { scanXml, XmlProblem } from './xml-scan.js';
import { partBytes, ZipProblem, zipParts, type InflateRaw, type ZipPart } from './zip-parts.js';

export type { InflateRaw } from './zip-parts.js';

export interface XlsxRows {
  /** The workbook's worksheets, in tab order (chart sheets left out). */
  sheets: string[];
  /** The sheet read. */
  sheet: string;
  /** Its rows from row 1; rows[r][c] is the cell at row r + 1, column c + 1 (null when empty). */
  rows: Cell[][];
}

/** Days from 1899-12-30 to 1904-01-01. */
const DAYS_1904 = 1462;
/** Built-in formats 14–22 and 45–47 show serials; of those, 18–21 and 45–47 only a time or a duration. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 22]);

interface Sheet {
  name: string;
  path: string;
  hidden: boolean;
}

/**
 * The rows of `sheet` (by default the first visible one). E_SOURCE when the bytes are not an
 * .xlsx workbook (saying what they are when that is known) or name no such sheet.
 * `name`: the file's, for messages.
 */
export async function readXlsxRows(bytes: Uint8Array, inflateRaw: InflateRaw, sheet?: string, file?: string): Promise<XlsxRows> {
  const name = file ?? say('The file');
  const parts = xlsxParts(bytes, name);
  try {
    const text = async (path: string): Promise<string | undefined> => {
      const part = parts.get(path);
      return part ? new TextDecoder('utf-8').decode(await partBytes(part, inflateRaw)) : undefined;
    };
    const book = officeDocument(await text('_rels/.rels')) ?? 'xl/workbook.xml';
    const bookXml = (await text(book)) ?? notXlsx(name, say('it has no {part}', { part: book }));
    const rels = relationships(await text(relsPath(book)), book);
    const { sheets, date1904 } = workbook(bookXml, rels);
    if (sheets.length === 0) notXlsx(name, say('it has no worksheet'));
    const chosen = pickSheet(sheets, sheet, name);
    const strings = sharedStrings(await text(relTarget(rels, 'sharedStrings') ?? 'xl/sharedStrings.xml'));
    const dates = dateStyles(await text(relTarget(rels, 'styles') ?? 'xl/styles.xml'));
    const sheetXml = (await text(chosen.path)) ?? notXlsx(name, say('its sheet "{sheet}" has no part {part}', { sheet: chosen.name, part: chosen.path }));
    const rows = sheetRows(sheetXml, strings, dates, date1904);
    return { sheets: sheets.map((s) => s.name), sheet: chosen.name, rows };
  } catch (error) {
    if (error instanceof ZipProblem || error instanceof XmlProblem) notXlsx(name, error.message);
    throw error;
  }
}

export function notXlsx(file: string, why: string): never {
  return fail({ code: 'E_SOURCE', message: say('{file} is not an .xlsx workbook ({why}).', { file, why }) });
}

/**
 * The parts of an .xlsx package, or E_SOURCE saying what the bytes are instead: an old .xls (or
 * a workbook encrypted with a password, which Excel wraps the same way), not a zip, a binary
 * .xlsb, an OpenDocument spreadsheet, a zip with no workbook. The Node reader checks with this
 * before ExcelJS, which reads most of those as an empty workbook.
 */
export function xlsxParts(bytes: Uint8Array, file: string): Map<string, ZipPart> {
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    fail({ code: 'E_SOURCE', message: say('{file} is an old .xls workbook (or one protected by a password), which Carnet cannot read: save it as .xlsx or .csv first.', { file }) });
  }
  let parts: Map<string, ZipPart>;
  try {
    parts = zipParts(bytes);
  } catch (error) {
    if (error instanceof ZipProblem) notXlsx(file, error.message);
    throw error;
  }
  if (parts.has('xl/workbook.bin')) notXlsx(file, say('it is a binary .xlsb workbook: save it as .xlsx first'));
  const packaged = parts.has('_rels/.rels') || parts.has('xl/workbook.xml');
  if (!packaged && parts.has('mimetype')) notXlsx(file, say('it is an OpenDocument spreadsheet: save it as .xlsx or .csv first'));
  if (!packaged) notXlsx(file, say('it is a zip archive with no workbook in it'));
  return parts;
}

function pickSheet(sheets: Sheet[], wanted: string | undefined, name: string): Sheet {
  if (wanted === undefined) return sheets.find((s) => !s.hidden) ?? sheets[0]!;
  // Excel's sheet names are unique case aside, and it matches them so.
  const found = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  return fail({ code: 'E_SOURCE', sheet: wanted, message: unknownSheetMessage(name, wanted, sheets.map((s) => s.name)) });
}

/** The message for a sheet a workbook does not have (the Node reader says the same). */
export function unknownSheetMessage(file: string, sheet: string, sheets: string[]): string {
  return say('{file} has no sheet named "{sheet}". Its sheets: {sheets}.', { file, sheet, sheets: sheets.map((s) => `"${s}"`).join(', ') });
}

/** The main part the package's relationships name (`xl/workbook.xml` for nearly every producer). */
function officeDocument(xml: string | undefined): string | undefined {
  if (xml === undefined) return undefined;
  const rels = relationships(xml, '');
  return [...rels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target;
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(xml: string | undefined, from: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (xml === undefined) return out;
  scanXml(xml, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') out.set(a.Id, { type: a.Type ?? '', target: resolve(from, a.Target) });
    },
  });
  return out;
}

function relTarget(rels: Map<string, Relationship>, type: string): string | undefined {
  return [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship's target, relative to the folder of the part it is from, or absolute (`/xl/…`). */
function resolve(from: string, target: string): string {
  const base = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function workbook(xml: string, rels: Map<string, Relationship>): { sheets: Sheet[]; date1904: boolean } {
  const sheets: Sheet[] = [];
  let date1904 = false;
  scanXml(xml, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet' || a.name === undefined || a.id === undefined) return;
      const rel = rels.get(a.id);
      if (rel && rel.type.endsWith('/worksheet')) sheets.push({ name: a.name, path: rel.target, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    },
  });
  return { sheets, date1904 };
}

/** The text of each `<si>`: its `<t>`, or its runs' `<t>`s joined; phonetic runs (`<rPh>`) left out. */
function sharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (xml === undefined) return out;
  const text = new TextCollector();
  scanXml(xml, {
    open(name) {
      if (name === 'si') text.begin();
      else text.open(name);
    },
    close(name) {
      if (name === 'si') out.push(text.end());
      else text.close(name);
    },
    text: (s) => text.add(s),
    wantsText: () => text.wanted(),
  });
  return out;
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` elements, not those of phonetic runs. */
class TextCollector {
  private parts: string[] = [];
  private inT = false;
  private inPhonetic = false;
  begin(): void {
    this.parts = [];
  }
  open(name: string): void {
    if (name === 't') this.inT = true;
    else if (name === 'rPh') this.inPhonetic = true;
  }
  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.inPhonetic = false;
  }
  wanted(): boolean {
    return this.inT && !this.inPhonetic;
  }
  add(s: string): void {
    this.parts.push(s);
  }
  end(): string {
    return unescapeOoxml(this.parts.join(''));
  }
}

/** OOXML's own escape for characters XML cannot hold: `_x000D_` is a CR (ECMA-376 Part 1, 22.9.2.19). */
function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** For each cell style (`<cellXfs>` index, a cell's `s`), whether its number format shows a date (moved by the 1904 shift). */
function dateStyles(xml: string | undefined): boolean[] {
  const out: boolean[] = [];
  if (xml === undefined) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  scanXml(xml, {
    open(name, a, selfClosing) {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        out.push(code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return out;
}

/**
 * A custom format shows a date when d or y stands outside quoted text, brackets ([Red], [$-419],
 * [h]) and escapes, or m does without h or s (then it is minutes): "dd.mm.yyyy", "mmm-yy" are
 * dates; "h:mm AM/PM" and "[h]:mm:ss" are times and durations, not moved by the 1904 shift.
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '').replace(/[_*]./g, '').split(';')[0]!;
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** `B12` → column 1 (0-based), or -1. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === 0 ? -1 : col - 1;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

function sheetRows(xml: string, strings: string[], dates: boolean[], date1904: boolean): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let r = -1;
  let col = -1;
  let type = '';
  let style = 0;
  let value: string | undefined;
  let inValue = false;
  let inInline = false;
  const inline = new TextCollector();
  const cellValue = (): Cell => {
    if (type === 'inlineStr') return inline.end();
    if (value === undefined) return null;
    switch (type) {
      case 's':
        return strings[Number(value)] ?? null;
      case 'str':
      case 'e':
        return unescapeOoxml(value);
      case 'b':
        return value === '1' || value === 'true';
      case 'd': {
        const m = ISO_DATE.exec(value);
        return m ? serialFromParts(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : value;
      }
      default: {
        const n = Number(value);
        if (value.trim() === '' || !Number.isFinite(n)) return value;
        return date1904 && dates[style] ? n + DAYS_1904 : n;
      }
    }
  };
  scanXml(xml, {
    open(name, a) {
      if (name === 'row') {
        r = a.r !== undefined ? Number(a.r) - 1 : r + 1;
        row = rows[r] ??= [];
        col = -1;
      } else if (name === 'c') {
        const at = a.r !== undefined ? columnOf(a.r) : -1;
        col = at >= 0 ? at : col + 1;
        type = a.t ?? 'n';
        style = Number(a.s ?? 0);
        value = undefined;
        if (type === 'inlineStr') inline.begin();
      } else if (name === 'v') {
        inValue = true;
        value = '';
      } else if (name === 'is') inInline = true;
      else if (inInline) inline.open(name);
    },
    close(name) {
      if (name === 'c') {
        const v = cellValue();
        if (v !== null) row[col] = v;
      } else if (name === 'v') inValue = false;
      else if (name === 'is') inInline = false;
      else if (inInline) inline.close(name);
    },
    text(s) {
      if (inValue) value += s;
      else inline.add(s);
    },
    wantsText: () => inValue || (inInline && inline.wanted()),
  });
  for (let i = 0; i < rows.length; i++) {
    const cells = (rows[i] ??= []);
    for (let j = 0; j < cells.length; j++) if (cells[j] === undefined) cells[j] = null;
  }
  return rows;
}
