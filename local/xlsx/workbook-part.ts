/**
 * The workbook part (xl/workbook.xml, ECMA-376 Part 1 §18.2): the sheets in tab order with their
 * parts and visibility, defined names, the date system, calculation properties and the active tab.
 * Changed by targeted edits of its text; everything else in it stays as it was.
 */

import { attribute, findAll, findElement, withAttribute } from './xml/tags.js';
import { escapeAttribute, unescapeXml, escapeXml } from './xml/text.js';
import { relKind, REL, CONTENT_TYPE, type XlsxPackage } from './package.js';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
  state: SheetState;
  /** The sheet's part, resolved; '' when its relationship is missing. */
  path: string;
  /** `worksheet`, `chartsheet`, `dialogsheet`, `macrosheet`… (the relationship's kind). */
  kind: string;
  /** Position among all tabs. */
  index: number;
}

export interface DefinedName {
  name: string;
  /** The tab index it is local to (`localSheetId`), if any. */
  localSheetId?: number;
  /** The formula text, unescaped. */
  text: string;
}

export class WorkbookPart {
  private cache: SheetEntry[] | undefined;

  constructor(
    private readonly pkg: XlsxPackage,
    readonly path: string,
  ) {}

  private get xml(): string {
    return this.pkg.text(this.path);
  }

  private set xml(text: string) {
    this.pkg.write(this.path, text);
    this.cache = undefined;
  }

  get prefix(): string {
    const root = findElement(this.xml, 'workbook');
    return root && root.qname.includes(':') ? root.qname.slice(0, root.qname.indexOf(':') + 1) : '';
  }

  /** Every tab, in order. */
  sheets(): SheetEntry[] {
    if (this.cache) return this.cache;
    const rels = new Map(this.pkg.rels(this.path).map((r) => [r.id, r]));
    const xml = this.xml;
    const block = findElement(xml, 'sheets');
    const list = block ? findAll(xml, 'sheet', block.openEnd, block.closeStart) : [];
    this.cache = list.map((e, index) => {
      const rId = attribute(e.tag, 'r:id') ?? attributeByLocal(e.tag, 'id') ?? '';
      const rel = rels.get(rId);
      const state = attribute(e.tag, 'state');
      return {
        name: attribute(e.tag, 'name') ?? '',
        sheetId: Number(attribute(e.tag, 'sheetId') ?? 0),
        rId,
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        path: rel && !rel.external ? rel.path : '',
        kind: rel ? relKind(rel.type) : '',
        index,
      };
    });
    return this.cache;
  }

  get date1904(): boolean {
    const pr = findElement(this.xml, 'workbookPr');
    const v = pr ? attribute(pr.tag, 'date1904') : undefined;
    return v === '1' || v === 'true';
  }

  /** Adds a worksheet whose part is `part` at tab `index` (default: last), with its relationship and content type. */
  addWorksheet(name: string, part: string, state: SheetState, index?: number): void {
    const rId = this.pkg.addRel(this.path, REL.worksheet, part);
    this.pkg.setContentType(part, CONTENT_TYPE.worksheet);
    const sheets = this.sheets();
    const at = index === undefined ? sheets.length : Math.max(0, Math.min(index, sheets.length));
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    const p = this.prefix;
    const element = `<${p}sheet name="${escapeAttribute(name)}" sheetId="${sheetId}"${state === 'visible' ? '' : ` state="${state}"`} r:id="${rId}"/>`;
    let xml = this.xml;
    // Declare the relationships namespace on the root when a producer did not (it uses none without sheets).
    if (!/xmlns:r\s*=/.test(xml)) {
      const root = findElement(xml, 'workbook')!;
      xml = xml.slice(0, root.start) + withAttribute(root.tag, 'xmlns:r', this.pkg.uri('http://schemas.openxmlformats.org/officeDocument/2006/relationships')) + xml.slice(root.openEnd);
    }
    const block = findElement(xml, 'sheets');
    if (!block) throw new Error('workbook without <sheets>');
    const items = findAll(xml, 'sheet', block.openEnd, block.closeStart);
    const insertAt = at < items.length ? items[at]!.start : block.selfClosing ? -1 : block.closeStart;
    if (insertAt < 0) xml = `${xml.slice(0, block.start)}<${block.qname}>${element}</${block.qname}>${xml.slice(block.end)}`;
    else xml = xml.slice(0, insertAt) + element + xml.slice(insertAt);
    this.xml = xml;
    // Tab indexes after the new one move by one: local defined names and the workbook views use them.
    if (at < sheets.length) this.shiftTabIndexes(at);
  }

  private shiftTabIndexes(from: number): void {
    let xml = this.xml;
    xml = xml.replace(/(<(?:[\w.-]+:)?definedName\b[^>]*\slocalSheetId\s*=\s*["'])(\d+)(["'])/g, (m, a: string, n: string, b: string) =>
      Number(n) >= from ? `${a}${Number(n) + 1}${b}` : m,
    );
    xml = xml.replace(/(<(?:[\w.-]+:)?workbookView\b[^>]*)>/g, (m, tag: string) => {
      let t = `${tag}>`;
      for (const a of ['activeTab', 'firstSheet']) {
        const v = attribute(t, a);
        if (v !== undefined && Number(v) >= from) t = withAttribute(t, a, String(Number(v) + 1));
      }
      return t;
    });
    this.xml = xml;
  }

  /** Gives a tab another name (the caller rewrites what refers to it). */
  renameSheet(index: number, to: string): void {
    this.editSheetTag(index, (tag) => withAttribute(tag, 'name', to));
  }

  setState(index: number, state: SheetState): void {
    this.editSheetTag(index, (tag) => withAttribute(tag, 'state', state === 'visible' ? undefined : state));
  }

  private editSheetTag(index: number, edit: (tag: string) => string): void {
    const xml = this.xml;
    const block = findElement(xml, 'sheets')!;
    const e = findAll(xml, 'sheet', block.openEnd, block.closeStart)[index]!;
    this.xml = xml.slice(0, e.start) + edit(e.tag) + xml.slice(e.end);
  }

  definedNames(): DefinedName[] {
    const xml = this.xml;
    const block = findElement(xml, 'definedNames');
    if (!block) return [];
    return findAll(xml, 'definedName', block.openEnd, block.closeStart).map((e) => {
      const local = attribute(e.tag, 'localSheetId');
      return {
        name: attribute(e.tag, 'name') ?? '',
        ...(local !== undefined ? { localSheetId: Number(local) } : {}),
        text: e.selfClosing ? '' : unescapeXml(xml.slice(e.openEnd, e.closeStart)),
      };
    });
  }

  /** Rewrites every defined name's formula (print areas and titles included). */
  mapDefinedNames(fn: (text: string, name: DefinedName) => string): void {
    const xml = this.xml;
    const block = findElement(xml, 'definedNames');
    if (!block) return;
    const names = this.definedNames();
    const items = findAll(xml, 'definedName', block.openEnd, block.closeStart);
    let out = '';
    let from = 0;
    let changed = false;
    items.forEach((e, i) => {
      const before = names[i]!.text;
      const after = fn(before, names[i]!);
      if (after === before || e.selfClosing) return;
      changed = true;
      out += xml.slice(from, e.openEnd) + escapeXml(after);
      from = e.closeStart;
    });
    if (changed) this.xml = out + xml.slice(from);
  }

  /**
   * Asks every program that honours it (Excel) to recalculate the whole workbook on open
   * (§18.2.2 calcPr@fullCalcOnLoad). LibreOffice does not: see recalc.ts.
   */
  setFullCalcOnLoad(): void {
    const xml = this.xml;
    const calc = findElement(xml, 'calcPr');
    if (calc) {
      if (attribute(calc.tag, 'fullCalcOnLoad') === '1') return;
      this.xml = xml.slice(0, calc.start) + withAttribute(calc.tag, 'fullCalcOnLoad', '1') + xml.slice(calc.openEnd);
      return;
    }
    // calcPr follows sheets, functionGroups, externalReferences and definedNames (CT_Workbook, §18.2.27).
    const p = this.prefix;
    const after = ['definedNames', 'externalReferences', 'functionGroups', 'sheets'].map((n) => findElement(xml, n)).find((e) => e !== undefined);
    const at = after ? after.end : findElement(xml, 'workbook')!.closeStart;
    this.xml = `${xml.slice(0, at)}<${p}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
  }

  /**
   * Excel refuses to open a workbook whose active tab is hidden, and opens hidden tabs still
   * marked selected as a group: keep the active tab on a visible sheet.
   */
  keepActiveTabVisible(): void {
    const sheets = this.sheets();
    const firstVisible = sheets.findIndex((s) => s.state === 'visible');
    if (firstVisible < 0) return;
    const xml = this.xml;
    const view = findElement(xml, 'workbookView');
    if (!view) return;
    const active = Number(attribute(view.tag, 'activeTab') ?? 0);
    const first = Number(attribute(view.tag, 'firstSheet') ?? 0);
    let tag = view.tag;
    if (sheets[active]?.state !== 'visible') tag = withAttribute(tag, 'activeTab', String(firstVisible));
    if (first > firstVisible) tag = withAttribute(tag, 'firstSheet', String(firstVisible));
    if (tag !== view.tag) this.xml = xml.slice(0, view.start) + tag + xml.slice(view.openEnd);
  }

  /** The index of the active tab. */
  activeTab(): number {
    const view = findElement(this.xml, 'workbookView');
    return Number((view && attribute(view.tag, 'activeTab')) ?? 0);
  }
}

function attributeByLocal(tag: string, local: string): string | undefined {
  const m = new RegExp(`\\s[\\w.-]+:${local}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : undefined;
}

/** The officeDocument part named by the package's root relationships. */
export function workbookPath(pkg: XlsxPackage): string | undefined {
  return pkg.rels('').find((r) => relKind(r.type) === 'officeDocument')?.path;
}
