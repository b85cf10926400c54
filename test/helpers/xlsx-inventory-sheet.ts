/**
 * One worksheet, element by element: every child of <worksheet> is either described as a feature
 * (cells, merges, conditional formats, validations, links, notes, views, protection, print
 * settings, drawings, tables, pivots, extLst entries) or kept canonical in `other`, so nothing in
 * the sheet escapes the comparison. `dimension` alone is left out: it is derived from the cells.
 */

import { columns, sheetCells, type SharedString } from './xlsx-inventory-cells.js';
import { drawingObjects } from './xlsx-inventory-drawing.js';
import { comments, legacyDrawing } from './xlsx-inventory-notes.js';
import type { Package } from './xlsx-inventory-package.js';
import { compareRefs, normalizeSqref, parseRange, rangeRef } from './xlsx-inventory-refs.js';
import type { Styles } from './xlsx-inventory-styles.js';
import { pivotTable, table } from './xlsx-inventory-tables.js';
import type { ConditionalFormat, ConditionalFormatRule, DataValidation, Hyperlink, NoteShape, SheetInventory, SparklineGroup } from './xlsx-inventory-types.js';
import { attr, attributeMap, canonical, child, children, nameOf, NS, textOf, without, withoutAttributes, type XmlElement } from './xlsx-inventory-xml.js';

const EXT_CONDITIONAL_FORMATS = '{78C0D931-6437-407d-A8EE-F0AAD7539E65}';
const EXT_DATA_VALIDATIONS = '{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}';
const EXT_SPARKLINES = '{05C60535-1F16-4fd2-B633-F4F36F0B64E0}';

export interface SheetSource {
  name: string;
  state: string;
  path: string;
}

export function sheetInventory(pkg: Package, source: SheetSource, styles: Styles, strings: SharedString[]): SheetInventory {
  const by = `sheet ${source.name}`;
  pkg.describe(source.path, by);
  const root = pkg.xml(source.path);
  const resolve = pkg.resolver(source.path, by);
  const kind = /\.(\w+)\+xml$/.exec(pkg.contentType(source.path))?.[1] ?? 'unknown';
  const cols = columns(children(root, 'cols'), styles);
  const { cells, rows } = sheetCells(child(root, 'sheetData'), strings, styles, cols);
  const sheet: SheetInventory = {
    name: source.name,
    state: source.state,
    kind,
    cells,
    rows,
    columns: cols.runs,
    merges: [],
    conditionalFormats: [],
    dataValidations: [],
    hyperlinks: {},
    comments: {},
    views: [],
    print: {},
    format: {},
    drawings: [],
    tables: [],
    pivotTables: [],
    sparklineGroups: [],
    extensions: {},
    other: [],
    relationships: [],
  };
  if (!root) {
    sheet.other.push(`unparsed ${pkg.hashOf(source.path)}`);
    return sheet;
  }
  // Notes' shapes read from the VML wait here for the comments part, reached later by relationship.
  let notes: Record<string, NoteShape> = {};
  const usedRelationships = new Set<string>();
  const rel = (id: string | undefined) => {
    if (id === undefined) return undefined;
    usedRelationships.add(id);
    return pkg.relationship(source.path, id);
  };

  for (const e of children(root)) {
    if (e.uri !== NS.main) {
      sheet.other.push(canonical(e, { relationship: resolve }));
      continue;
    }
    switch (e.local) {
      case 'dimension':
      case 'sheetData':
      case 'cols':
        break;
      case 'sheetPr':
      case 'sheetFormatPr':
        sheet.format[e.local] = canonical(e);
        break;
      case 'sheetViews':
        sheet.views = children(e, 'sheetView').map((v) => {
          const view: SheetInventory['views'][number] = { attributes: attributeMap(v), selections: children(v, 'selection').map((s) => attributeMap(s)) };
          const pane = child(v, 'pane');
          if (pane) view.pane = attributeMap(pane);
          return view;
        });
        break;
      case 'sheetProtection':
        sheet.protection = attributeMap(e);
        break;
      case 'protectedRanges':
        sheet.protectedRanges = canonical(e);
        break;
      case 'autoFilter':
        sheet.autoFilter = { ref: normalizeSqref(attr(e, 'ref') ?? ''), xml: canonical(withoutAttributes(e, ['ref'])) };
        break;
      case 'sortState':
        sheet.sortState = canonical(e);
        break;
      case 'mergeCells':
        sheet.merges = children(e, 'mergeCell').map((m) => rangeRef(parseRange(attr(m, 'ref') ?? ''))).sort(compareRefs);
        break;
      case 'conditionalFormatting':
        sheet.conditionalFormats.push(mainConditionalFormat(e, styles));
        break;
      case 'dataValidations': {
        sheet.dataValidations.push(...children(e, 'dataValidation').map(mainValidation));
        const rest = withoutAttributes(without(e, () => true), ['count']);
        if (rest.attributes.length > 0) sheet.other.push(canonical(rest));
        break;
      }
      case 'hyperlinks':
        for (const h of children(e, 'hyperlink')) {
          const link: Hyperlink = {};
          const target = rel(attr(h, 'id', NS.r));
          if (target) link.target = target.target;
          for (const k of ['location', 'display', 'tooltip'] as const) {
            const v = attr(h, k);
            if (v !== undefined) link[k] = v;
          }
          const attributes = attributeMap(h, ['ref', 'r:id', 'location', 'display', 'tooltip']);
          if (Object.keys(attributes).length > 0) link.attributes = attributes;
          sheet.hyperlinks[normalizeSqref(attr(h, 'ref') ?? '')] = link;
        }
        break;
      case 'printOptions':
      case 'pageMargins':
      case 'pageSetup':
      case 'headerFooter':
      case 'rowBreaks':
      case 'colBreaks':
        if (attr(e, 'id', NS.r) !== undefined) rel(attr(e, 'id', NS.r));
        sheet.print[e.local] = canonical(e, { relationship: resolve });
        break;
      case 'drawing': {
        const target = rel(attr(e, 'id', NS.r));
        if (target && !target.external) {
          pkg.describe(target.target, by);
          sheet.drawings = drawingObjects(pkg, target.target, by);
        }
        break;
      }
      case 'legacyDrawing': {
        const target = rel(attr(e, 'id', NS.r));
        if (target && !target.external) {
          pkg.describe(target.target, by);
          const vml = legacyDrawing(pkg, target.target);
          sheet.legacyDrawing = vml.rest;
          notes = vml.notes;
        }
        break;
      }
      case 'tableParts':
        for (const part of children(e, 'tablePart')) {
          const target = rel(attr(part, 'id', NS.r));
          if (target && !target.external) sheet.tables.push(table(pkg, target.target, by));
        }
        break;
      case 'extLst':
        for (const ext of children(e, 'ext')) readExtension(ext, sheet);
        break;
      default:
        for (const a of e.attributes) if (a.uri === NS.r) rel(a.value);
        sheet.other.push(canonical(e, { relationship: resolve }));
    }
  }

  // Parts the sheet reaches through its relationships alone.
  for (const r of pkg.relationships(source.path)) {
    if (usedRelationships.has(r.id)) continue;
    if (r.type === 'comments' && !r.external) {
      pkg.describe(r.target, by);
      sheet.comments = comments(pkg, r.target);
    } else if (r.type === 'pivotTable' && !r.external) {
      sheet.pivotTables.push(pivotTable(pkg, r.target, by));
    } else if (r.type !== 'hyperlink') {
      sheet.relationships.push(`${r.type} ${resolve(r.id)}`);
    }
  }
  for (const [ref, shape] of Object.entries(notes)) {
    const comment = sheet.comments[ref];
    if (comment) comment.shape = shape;
    else sheet.other.push(`note shape without a note at ${ref}: ${shape.xml}`);
  }
  sheet.pivotTables.sort((a, b) => (a.name < b.name ? -1 : 1));
  numberRuleIds(sheet.conditionalFormats);
  return sheet;
}

/**
 * Excel pairs a data bar's main rule with its x14 half through a GUID (`<x14:id>` ↔ `id`), and
 * LibreOffice draws new GUIDs on every save. Numbered in order of appearance, a pairing that
 * holds compares equal and a broken one does not.
 */
function numberRuleIds(formats: ConditionalFormat[]): void {
  const numbers = new Map<string, string>();
  const number = (guid: string) => {
    if (!numbers.has(guid)) numbers.set(guid, `rule ${numbers.size + 1}`);
    return numbers.get(guid)!;
  };
  for (const f of formats) {
    for (const r of f.rules) {
      r.xml = r.xml.replace(/<x14:id>([^<]*)<\/x14:id>/g, (_m, guid: string) => `<x14:id>${number(guid)}</x14:id>`);
      if (f.source === 'x14' && r.attributes.id !== undefined) r.attributes.id = number(r.attributes.id);
    }
  }
}

function rule(r: XmlElement, formulas: XmlElement[], dxf: string | undefined, skip: (c: XmlElement) => boolean): ConditionalFormatRule {
  const out: ConditionalFormatRule = {
    attributes: attributeMap(r, ['dxfId']),
    formulas: formulas.map(textOf),
    xml: canonical({ ...without(r, skip), attributes: [] }),
  };
  if (dxf !== undefined) out.dxf = dxf;
  return out;
}

function mainConditionalFormat(e: XmlElement, styles: Styles): ConditionalFormat {
  return {
    sqref: normalizeSqref(attr(e, 'sqref') ?? ''),
    source: 'main',
    attributes: attributeMap(e, ['sqref']),
    rules: children(e, 'cfRule').map((r) => rule(r, children(r, 'formula'), styles.dxf(attr(r, 'dxfId')), (c) => c.uri === NS.main && c.local === 'formula')),
  };
}

function mainValidation(v: XmlElement): DataValidation {
  const out: DataValidation = { sqref: normalizeSqref(attr(v, 'sqref') ?? ''), source: 'main', attributes: attributeMap(v, ['sqref']) };
  const f1 = child(v, 'formula1');
  const f2 = child(v, 'formula2');
  if (f1) out.formula1 = textOf(f1);
  if (f2) out.formula2 = textOf(f2);
  return out;
}

function readExtension(ext: XmlElement, sheet: SheetInventory): void {
  const uri = attr(ext, 'uri') ?? '';
  if (uri === EXT_CONDITIONAL_FORMATS) {
    for (const cf of children(child(ext, 'conditionalFormattings', NS.x14), 'conditionalFormatting', NS.x14)) {
      sheet.conditionalFormats.push({
        sqref: normalizeSqref(textOf(child(cf, 'sqref', NS.xm))),
        source: 'x14',
        attributes: attributeMap(cf),
        rules: children(cf, 'cfRule', NS.x14).map((r) => {
          const dxf = child(r, 'dxf', NS.x14);
          return rule(r, children(r, 'f', NS.xm), dxf ? canonical(dxf) : undefined, (c) => (c.uri === NS.xm && c.local === 'f') || c === dxf);
        }),
      });
    }
  } else if (uri === EXT_DATA_VALIDATIONS) {
    for (const v of children(child(ext, 'dataValidations', NS.x14), 'dataValidation', NS.x14)) {
      const out: DataValidation = { sqref: normalizeSqref(textOf(child(v, 'sqref', NS.xm))), source: 'x14', attributes: attributeMap(v) };
      const f1 = child(child(v, 'formula1', NS.x14), 'f', NS.xm);
      const f2 = child(child(v, 'formula2', NS.x14), 'f', NS.xm);
      if (f1) out.formula1 = textOf(f1);
      if (f2) out.formula2 = textOf(f2);
      sheet.dataValidations.push(out);
    }
  } else if (uri === EXT_SPARKLINES) {
    for (const g of children(child(ext, 'sparklineGroups', NS.x14), 'sparklineGroup', NS.x14)) {
      const list = child(g, 'sparklines', NS.x14);
      const group: SparklineGroup = {
        xml: canonical(without(g, (c) => c === list)),
        sparklines: children(list, 'sparkline', NS.x14).map((s) => ({ formula: textOf(child(s, 'f', NS.xm)), sqref: normalizeSqref(textOf(child(s, 'sqref', NS.xm))) })),
      };
      sheet.sparklineGroups.push(group);
    }
  } else {
    sheet.extensions[uri || nameOf(ext)] = canonical(ext);
  }
}
