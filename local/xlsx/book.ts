/**
 * One version of an .xlsx file, open for work: the package, its workbook part, shared strings and
 * styles, and the worksheet parts a command touched, each parsed only when first needed. Saving
 * writes back the parts that changed; the others go out with their original compressed bytes.
 */

import type { Cell, CellRange } from '../../core/workbook.js';
import { CONTENT_TYPE, REL, XlsxPackage } from './package.js';
import { SharedStrings } from './shared-strings.js';
import type { CellContext } from './sheet/cell-xml.js';
import { SheetPart } from './sheet/sheet-part.js';
import { Styles } from './styles.js';
import { WorkbookPart, workbookPath, type SheetEntry, type SheetState } from './workbook-part.js';

export class Book {
  readonly workbook: WorkbookPart;
  private strings: SharedStrings | undefined;
  private stylesPart: Styles | undefined;
  private readonly parts = new Map<string, SheetPart>();
  private savedStrings: string | undefined;
  /** Defined names whose ranges lost rows since the last save: formulas using them are stale. */
  readonly staleNames = new Set<string>();
  readonly context: CellContext;

  constructor(readonly pkg: XlsxPackage) {
    const path = workbookPath(pkg);
    if (!path || !pkg.has(path)) throw new Error('the package has no workbook part');
    this.workbook = new WorkbookPart(pkg, path);
    const date1904 = this.workbook.date1904;
    this.context = { strings: () => this.sharedStrings(), styles: () => this.styles(), date1904 };
  }

  sharedStrings(): SharedStrings {
    if (!this.strings) {
      const rel = this.pkg.rel(this.workbook.path, 'sharedStrings');
      this.strings = new SharedStrings(rel && this.pkg.has(rel.path) ? this.pkg.text(rel.path) : undefined);
    }
    return this.strings;
  }

  styles(): Styles {
    if (!this.stylesPart) {
      const rel = this.pkg.rel(this.workbook.path, 'styles');
      this.stylesPart = new Styles(rel && this.pkg.has(rel.path) ? this.pkg.text(rel.path) : undefined);
    }
    return this.stylesPart;
  }

  /** Worksheets only (chart sheets and others are tabs Carnet never reads or writes). */
  worksheets(): SheetEntry[] {
    return this.workbook.sheets().filter((s) => s.kind === 'worksheet' && s.path !== '');
  }

  find(name: string): SheetEntry | undefined {
    const lower = name.toLowerCase();
    return this.worksheets().find((s) => s.name.toLowerCase() === lower);
  }

  /** Any tab of that name, worksheet or not (names are unique across all tabs). */
  findTab(name: string): SheetEntry | undefined {
    const lower = name.toLowerCase();
    return this.workbook.sheets().find((s) => s.name.toLowerCase() === lower);
  }

  part(entry: SheetEntry): SheetPart {
    let p = this.parts.get(entry.path.toLowerCase());
    if (!p) {
      p = new SheetPart(this.pkg.text(entry.path));
      this.parts.set(entry.path.toLowerCase(), p);
    }
    return p;
  }

  /** Puts `xml` in place of a worksheet's whole text (a report's sheet emptied); written at the next save. */
  replacePart(entry: SheetEntry, xml: string): SheetPart {
    const p = new SheetPart(xml);
    p.changed = true;
    this.parts.set(entry.path.toLowerCase(), p);
    return p;
  }

  /** Parts parsed so far, by path. */
  loadedParts(): [string, SheetPart][] {
    return [...this.parts];
  }

  /** A new empty worksheet at tab `index`. */
  addWorksheet(name: string, state: SheetState, index?: number): void {
    const path = this.pkg.freeName('xl/worksheets/sheet', '.xml');
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    this.pkg.write(path, this.pkg.spelled(xml));
    // Tab indexes count every tab, chart sheets included.
    const tabs = this.workbook.sheets();
    const worksheets = this.worksheets();
    const at = index === undefined || index >= worksheets.length ? tabs.length : worksheets[Math.max(0, index)]!.index;
    this.workbook.addWorksheet(name, path, state, at);
  }

  /**
   * Values of a sheet, rows padded to the used width, [] when empty: the same grid again while the
   * sheet is unchanged (the port's read() grids are not changed by their callers).
   */
  grid(entry: SheetEntry): Cell[][] {
    const part = this.part(entry);
    const cached = this.grids.get(part);
    if (cached && cached.version === part.version) return cached.grid;
    const grid = this.buildGrid(part);
    this.grids.set(part, { version: part.version, grid });
    return grid;
  }

  private readonly grids = new WeakMap<SheetPart, { version: number; grid: Cell[][] }>();

  private buildGrid(part: SheetPart): Cell[][] {
    const { values } = part.decode(this.context);
    const { rows, columns } = part.usedSize(this.context);
    const out: Cell[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const src = values[r];
      const row: Cell[] = new Array(columns).fill(null);
      if (src) {
        const n = Math.min(src.length, columns);
        for (let c = 0; c < n; c++) {
          const v = src[c];
          if (v !== undefined) row[c] = v;
        }
      }
      out[r] = row;
    }
    return out;
  }

  merges(entry: SheetEntry): CellRange[] {
    return this.part(entry).merges();
  }

  get changed(): boolean {
    return this.pkg.dirty || (this.strings?.changed ?? false) || (this.stylesPart?.changed ?? false) || [...this.parts.values()].some((p) => p.changed);
  }

  /**
   * Writes every changed part into the package (sheets, shared strings, styles) and returns the
   * archive's bytes. The calculation chain is a cache of formula cells Excel rebuilds on its own;
   * once cells change it may list cells that are formulas no more, which Excel reports as damage,
   * so it goes (Excel and LibreOffice recreate it).
   */
  async serialize(): Promise<Buffer[]> {
    for (const [path, part] of this.parts) {
      if (part.changed) this.pkg.write(path, part.serialize());
    }
    if (this.strings?.changed) {
      let rel = this.pkg.rel(this.workbook.path, 'sharedStrings');
      if (!rel) {
        this.pkg.addRel(this.workbook.path, REL.sharedStrings, 'xl/sharedStrings.xml');
        this.pkg.setContentType('xl/sharedStrings.xml', CONTENT_TYPE.sharedStrings);
        rel = this.pkg.rel(this.workbook.path, 'sharedStrings')!;
      }
      const xml = this.pkg.spelled(this.strings.serialize());
      this.pkg.write(rel.path, xml);
      this.savedStrings = xml;
    }
    if (this.stylesPart?.changed) {
      let rel = this.pkg.rel(this.workbook.path, 'styles');
      if (!rel) {
        this.pkg.addRel(this.workbook.path, REL.styles, 'xl/styles.xml');
        this.pkg.setContentType('xl/styles.xml', CONTENT_TYPE.styles);
        rel = this.pkg.rel(this.workbook.path, 'styles')!;
      }
      this.pkg.write(rel.path, this.pkg.spelled(this.stylesPart.serialize()));
    }
    if (this.pkg.dirty) this.dropCalcChain();
    this.workbook.keepActiveTabVisible();
    return this.pkg.serialize();
  }

  private dropCalcChain(): void {
    const rel = this.pkg.rel(this.workbook.path, 'calcChain');
    if (!rel) return;
    this.pkg.removeRel(this.workbook.path, rel.id);
    this.pkg.remove(rel.path);
    this.pkg.removeContentType(rel.path);
  }

  /** After a successful save of `buffer`: what was written is what was read. */
  saved(buffer: Buffer): void {
    this.pkg.saved(buffer);
    if (this.savedStrings !== undefined) this.strings?.markSaved(this.savedStrings);
    this.savedStrings = undefined;
    this.stylesPart?.markSaved();
    for (const part of this.parts.values()) part.rebase();
    this.staleNames.clear();
  }
}
