/**
 * Workbook-level features: the sheets in tab order, defined names (a sheet-scoped name keyed by
 * its sheet's name, since localSheetId is only a position), protection, calculation settings,
 * the document properties (core, app, custom), the theme.
 */

import type { Package } from './xlsx-inventory-package.js';
import type { DefinedName, WorkbookInventory } from './xlsx-inventory-types.js';
import { attr, attributeMap, canonical, child, children, nameOf, NS, textOf, type XmlElement } from './xlsx-inventory-xml.js';
import type { SheetSource } from './xlsx-inventory-sheet.js';

export interface WorkbookParts {
  path: string;
  sheets: SheetSource[];
  stylesPath?: string;
  sharedStringsPath?: string;
}

export function workbookParts(pkg: Package): WorkbookParts {
  const office = pkg.relationships('').find((r) => r.type === 'officeDocument');
  const path = office?.target ?? 'xl/workbook.xml';
  const root = pkg.xml(path);
  const sheets = children(child(root, 'sheets'), 'sheet').map((s) => ({
    name: attr(s, 'name') ?? '',
    state: attr(s, 'state') ?? 'visible',
    path: pkg.relationship(path, attr(s, 'id', NS.r) ?? '')?.target ?? '',
  }));
  const rels = pkg.relationships(path);
  return {
    path,
    sheets,
    stylesPath: rels.find((r) => r.type === 'styles')?.target,
    sharedStringsPath: rels.find((r) => r.type === 'sharedStrings')?.target,
  };
}

/** Attributes of a defined name that are false unless said otherwise: dropped when false. */
const NAME_FLAGS = ['function', 'vbProcedure', 'xlm', 'publishToServer', 'workbookParameter'];

export function workbookInventory(pkg: Package, parts: WorkbookParts): Omit<WorkbookInventory, 'styles' | 'defaultStyle'> {
  const by = 'workbook';
  pkg.describe(parts.path, by);
  const root = pkg.xml(parts.path);
  const resolve = pkg.resolver(parts.path, by);
  const out: Omit<WorkbookInventory, 'styles' | 'defaultStyle'> = {
    definedNames: {},
    settings: {},
    properties: { core: {}, app: {}, custom: {} },
    relationships: [],
  };
  for (const e of children(root)) {
    if (e.uri === NS.main && e.local === 'sheets') continue;
    if (e.uri === NS.main && e.local === 'definedNames') {
      for (const d of children(e, 'definedName')) {
        const local = attr(d, 'localSheetId');
        const scope = local === undefined ? undefined : (parts.sheets[Number(local)]?.name ?? `sheet #${local}`);
        const name = attr(d, 'name') ?? '';
        const entry: DefinedName = { formula: textOf(d) };
        const attributes = attributeMap(d, ['name', 'localSheetId', 'hidden']);
        for (const flag of NAME_FLAGS) if (attributes[flag] === '0') delete attributes[flag];
        if (['1', 'true'].includes(attr(d, 'hidden') ?? '')) entry.hidden = true;
        if (Object.keys(attributes).length > 0) entry.attributes = attributes;
        out.definedNames[scope === undefined ? name : `${scope}!${name}`] = entry;
      }
    } else if (e.uri === NS.main && e.local === 'workbookProtection') {
      out.protection = attributeMap(e);
    } else if (e.uri === NS.main && e.local === 'calcPr') {
      out.calcPr = attributeMap(e);
    } else if (e.uri === NS.main && e.local === 'pivotCaches') {
      // Which cache each pivot table uses is read from the pivot table's own relationship; the
      // cacheId pairing is in each pivot table's definition.
      out.settings.pivotCaches = children(e, 'pivotCache').map((c) => attr(c, 'cacheId')).join(' ');
    } else if (e.uri === NS.main && e.local === 'extLst') {
      for (const ext of children(e, 'ext')) out.settings[`extLst ${attr(ext, 'uri') ?? ''}`] = canonical(ext, { relationship: resolve });
    } else {
      out.settings[nameOf(e)] = canonical(e, { relationship: resolve });
    }
  }
  const described = new Set(['worksheet', 'chartsheet', 'dialogsheet', 'macrosheet', 'styles', 'sharedStrings', 'theme', 'pivotCacheDefinition']);
  for (const r of pkg.relationships(parts.path)) {
    if (r.type === 'theme' && !r.external) {
      pkg.describe(r.target, 'theme');
      out.theme = pkg.hashOf(r.target);
    }
    if (!described.has(r.type)) out.relationships.push(`workbook → ${r.type} ${r.target}`);
  }
  for (const r of pkg.relationships('')) {
    if (r.type === 'core-properties') out.properties.core = core(pkg, r.target);
    else if (r.type === 'extended-properties') out.properties.app = app(pkg, r.target);
    else if (r.type === 'custom-properties') out.properties.custom = custom(pkg, r.target);
    out.relationships.push(`package → ${r.type} ${r.target}`);
  }
  if (parts.sharedStringsPath) pkg.describe(parts.sharedStringsPath, 'cell values');
  return out;
}

function core(pkg: Package, path: string): Record<string, string> {
  pkg.describe(path, 'core properties');
  const out: Record<string, string> = {};
  for (const e of children(pkg.xml(path))) out[nameOf(e)] = leaf(e);
  return out;
}

function app(pkg: Package, path: string): Record<string, string> {
  pkg.describe(path, 'app properties');
  const out: Record<string, string> = {};
  for (const e of children(pkg.xml(path))) out[e.local] = leaf(e);
  return out;
}

function custom(pkg: Package, path: string): Record<string, { type: string; value: string }> {
  pkg.describe(path, 'custom properties');
  const out: Record<string, { type: string; value: string }> = {};
  for (const p of children(pkg.xml(path))) {
    const value = children(p)[0];
    const text = value ? leaf(value) : '';
    // vt:bool is an xsd:boolean: `true` and `1` are one value.
    const normalized = value?.local === 'bool' ? ({ true: '1', false: '0' } as Record<string, string>)[text] ?? text : text;
    out[attr(p, 'name') ?? ''] = { type: value ? value.local : 'none', value: normalized };
  }
  return out;
}

/** A leaf's text, or its children canonical. */
function leaf(e: XmlElement): string {
  return children(e).length === 0 ? textOf(e) : e.children.filter((c): c is XmlElement => typeof c !== 'string').map((c) => canonical(c)).join('');
}
