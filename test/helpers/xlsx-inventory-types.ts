/**
 * The shape of an inventory: plain JSON (strings, numbers, booleans, arrays, records), so that two
 * inventories compare with `toEqual` and print readably. Strings named `xml` are canonical XML
 * (see xlsx-inventory-xml.ts); hashes are the first 16 hex digits of a SHA-256.
 */

export interface Inventory {
  /** Every sheet, in tab order. */
  sheets: SheetInventory[];
  workbook: WorkbookInventory;
  /**
   * Every part of the package by path. A part that a feature above describes says which one
   * (`describedBy`); any other part has the hash of its canonical XML, or of its bytes.
   */
  parts: Record<string, PartInventory>;
}

export interface PartInventory {
  contentType: string;
  describedBy?: string;
  hash?: string;
}

export interface ResolvedStyle {
  numberFormat: string;
  font: Record<string, unknown>;
  fill: Record<string, unknown>;
  border: Record<string, unknown>;
  /** Only what differs from the defaults (general, bottom, no wrap, no indent…). */
  alignment: Record<string, string>;
  protection: { locked: boolean; hidden: boolean };
  /** The named cell style the format derives from (`Normal`, `Hyperlink`…). */
  cellStyle?: string;
  /** `quotePrefix`, `pivotButton`. */
  flags?: string[];
}

export interface CellInventory {
  /** The value as stored: for a formula cell, its cached result. */
  value?: string | number | boolean;
  /** An error value (`#N/A`, `#REF!`…), cached result of a formula or typed in. */
  error?: string;
  /** Rich text: the runs, canonical, when the string has formatting of its own. */
  rich?: string;
  /** With its leading `=`; a shared formula is expanded to the text it has in this cell. */
  formula?: string;
  /** The range of an array formula (on its top-left cell), or `dataTable …` for a what-if table. */
  array?: string;
  /** Other attributes of the formula or the cell (`ca`, `cm`, `vm`, `ph`…), false ones dropped. */
  attributes?: Record<string, string>;
  style: ResolvedStyle;
}

export interface RowProperties {
  height?: number;
  customHeight?: true;
  hidden?: true;
  outlineLevel?: number;
  collapsed?: true;
  thickTop?: true;
  thickBot?: true;
  /** The row's own format (`customFormat`), resolved. */
  style?: ResolvedStyle;
  /** Any other attribute, by canonical name (`x14ac:dyDescent`…). */
  attributes?: Record<string, string>;
}

export interface ColumnProperties {
  width?: number;
  customWidth?: true;
  hidden?: true;
  outlineLevel?: number;
  collapsed?: true;
  bestFit?: true;
  style?: ResolvedStyle;
  attributes?: Record<string, string>;
}

export interface ConditionalFormat {
  sqref: string;
  /** `x14` when it lives in the worksheet's extLst (Excel 2010+ rules), `main` otherwise. */
  source: 'main' | 'x14';
  attributes: Record<string, string>;
  rules: ConditionalFormatRule[];
}

export interface ConditionalFormatRule {
  attributes: Record<string, string>;
  formulas: string[];
  /** The differential format the rule applies, canonical, resolved from its dxfId. */
  dxf?: string;
  /** Everything else in the rule (color scales, data bars, icon sets, extLst), canonical. */
  xml: string;
}

export interface DataValidation {
  sqref: string;
  source: 'main' | 'x14';
  attributes: Record<string, string>;
  formula1?: string;
  formula2?: string;
}

export interface Hyperlink {
  /** External target (from the relationship). */
  target?: string;
  /** Place inside the workbook (`Dashboard!A1`). */
  location?: string;
  display?: string;
  tooltip?: string;
  attributes?: Record<string, string>;
}

export interface Comment {
  author: string;
  text: string;
  /** The runs, canonical, when the text has formatting. */
  rich?: string;
  /** The note's shape in the legacy (VML) drawing, where a file has one. */
  shape?: NoteShape;
  attributes?: Record<string, string>;
}

export interface NoteShape {
  visible: boolean;
  /** x:Anchor: left column, offset, top row, offset, right column, offset, bottom row, offset (rows 0-based). */
  anchor?: number[];
  /** The rest of the v:shape, canonical (without row, column, anchor and visibility). */
  xml: string;
}

export interface DrawingObject {
  anchor: 'twoCell' | 'oneCell' | 'absolute' | 'other';
  /** Zero-based column and row, offsets in EMU, as in xdr:from / xdr:to. */
  from?: { col: number; colOff: number; row: number; rowOff: number };
  to?: { col: number; colOff: number; row: number; rowOff: number };
  /** xdr:ext (oneCellAnchor, absoluteAnchor) and xdr:pos (absoluteAnchor), canonical. */
  extent?: string;
  attributes: Record<string, string>;
  /** `picture`, `chart`, `shape`, `group`, `connector`, `graphicFrame`, or the element's name. */
  kind: string;
  name?: string;
  /** Shapes and text boxes: their text, paragraphs joined with a line break. */
  text?: string;
  /** Pictures: hash of the image's bytes. */
  image?: string;
  /** Charts: the chart part, canonical, its own relationships resolved. */
  chart?: string;
  /** The object, canonical, relationships resolved; its top-level xfrm offset/extent (a cache of the anchor) left out. */
  xml: string;
}

export interface TableInventory {
  name: string;
  ref: string;
  autoFilter?: string;
  columns: string[];
  style?: Record<string, string>;
  /** The rest of the table part, canonical (ref attributes left out: see `ref`, `autoFilter`). */
  xml: string;
}

export interface PivotTableInventory {
  name: string;
  location: string;
  /** The pivot table definition, canonical, without its location ref. */
  xml: string;
  cache: PivotCacheInventory;
}

export interface PivotCacheInventory {
  source: Record<string, string>;
  /** When and how often it was filled: cache state, not the pivot's definition. */
  refreshed: Record<string, string>;
  /** The cache definition, canonical, without its source, shared items and refresh stamps. */
  xml: string;
  /** Each field's cached items (values seen in the source), canonical. */
  sharedItems: string[];
  /** Hash of the records part: the cached copy of the source rows. */
  records?: string;
}

export interface SparklineGroup {
  /** The group without its sparklines, canonical. */
  xml: string;
  sparklines: { formula: string; sqref: string }[];
}

export interface SheetInventory {
  name: string;
  state: string;
  /** `worksheet`, `chartsheet`, `dialogsheet`, `macrosheet`: from the part's content type. */
  kind: string;
  cells: Record<string, CellInventory>;
  rows: Record<string, RowProperties>;
  /** Column runs, `A` or `A:C`, adjacent equal columns merged. */
  columns: Record<string, ColumnProperties>;
  merges: string[];
  conditionalFormats: ConditionalFormat[];
  dataValidations: DataValidation[];
  hyperlinks: Record<string, Hyperlink>;
  comments: Record<string, Comment>;
  /** sheetView by sheetView: its attributes, frozen or split pane, selections. */
  views: { attributes: Record<string, string>; pane?: Record<string, string>; selections: Record<string, string>[] }[];
  protection?: Record<string, string>;
  protectedRanges?: string;
  autoFilter?: { ref: string; xml: string };
  sortState?: string;
  /** printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, colBreaks: canonical. */
  print: Record<string, string>;
  /** sheetPr and sheetFormatPr, canonical. */
  format: Record<string, string>;
  drawings: DrawingObject[];
  /** What the legacy (VML) drawing holds besides the notes' shapes, canonical. */
  legacyDrawing?: string;
  tables: TableInventory[];
  pivotTables: PivotTableInventory[];
  sparklineGroups: SparklineGroup[];
  /** extLst entries not described above, by uri. */
  extensions: Record<string, string>;
  /** Worksheet elements the inventory does not know, canonical, in order. */
  other: string[];
  /** Relationships not used by a feature above: type and target. */
  relationships: string[];
}

export interface DefinedName {
  formula: string;
  hidden?: true;
  attributes?: Record<string, string>;
}

export interface WorkbookInventory {
  /** By name; a sheet-scoped name as `Sheet!name` (localSheetId resolved to the sheet's name). */
  definedNames: Record<string, DefinedName>;
  protection?: Record<string, string>;
  calcPr?: Record<string, string>;
  /** Other workbook.xml elements (fileVersion, workbookPr, bookViews, extLst…), canonical, by name. */
  settings: Record<string, string>;
  properties: {
    core: Record<string, string>;
    app: Record<string, string>;
    custom: Record<string, { type: string; value: string }>;
  };
  theme?: string;
  /** styles.xml beyond what the cells' resolved styles carry (cellStyleXfs, cellStyles, tableStyles, colors…). */
  styles: Record<string, string>;
  /** The style cells have when their XML names none: what a cell without a style of its own inherits. */
  defaultStyle: ResolvedStyle;
  /** Package- and workbook-level relationships not described above: type and target. */
  relationships: string[];
}
