/**
 * Tables (ListObjects) and pivot tables with their caches. Their cell ranges are kept apart from
 * the rest of their XML, so that a row deletion can move them (see xlsx-inventory-row-deletion.ts).
 */

import type { Package } from './xlsx-inventory-package.js';
import { normalizeSqref } from './xlsx-inventory-refs.js';
import type { PivotCacheInventory, PivotTableInventory, TableInventory } from './xlsx-inventory-types.js';
import { attr, attributeMap, canonical, child, children, withoutAttributes, type XmlElement } from './xlsx-inventory-xml.js';

export function table(pkg: Package, path: string, by: string): TableInventory {
  pkg.describe(path, by);
  const root = pkg.xml(path);
  if (!root) return { name: `unparsed ${path}`, ref: '', columns: [], xml: pkg.hashOf(path) };
  const autoFilter = child(root, 'autoFilter');
  const out: TableInventory = {
    name: attr(root, 'name') ?? attr(root, 'displayName') ?? '',
    ref: normalizeSqref(attr(root, 'ref') ?? ''),
    columns: children(child(root, 'tableColumns'), 'tableColumn').map((c) => attr(c, 'name') ?? ''),
    xml: canonical({
      ...withoutAttributes(root, ['ref']),
      children: root.children.map((c) => (c === autoFilter ? withoutAttributes(autoFilter, ['ref']) : c)),
    }, { relationship: pkg.resolver(path, by) }),
  };
  if (autoFilter) out.autoFilter = normalizeSqref(attr(autoFilter, 'ref') ?? '');
  const style = child(root, 'tableStyleInfo');
  if (style) out.style = attributeMap(style);
  return out;
}

export function pivotTable(pkg: Package, path: string, by: string): PivotTableInventory {
  pkg.describe(path, by);
  const root = pkg.xml(path);
  const location = child(root, 'location');
  const cacheRel = pkg.relationships(path).find((r) => r.type === 'pivotCacheDefinition');
  return {
    name: attr(root, 'name') ?? '',
    location: normalizeSqref(attr(location, 'ref') ?? ''),
    xml: root
      ? canonical({ ...root, children: root.children.map((c) => (c === location ? withoutAttributes(location, ['ref']) : c)) })
      : pkg.hashOf(path),
    cache: cacheRel ? pivotCache(pkg, cacheRel.target, by) : { source: {}, refreshed: {}, xml: 'no cache', sharedItems: [] },
  };
}

const REFRESH_STAMPS = ['refreshedDate', 'refreshedDateIso', 'refreshedBy', 'recordCount', 'refreshedVersion'];

function pivotCache(pkg: Package, path: string, by: string): PivotCacheInventory {
  pkg.describe(path, by);
  const root = pkg.xml(path);
  if (!root) return { source: {}, refreshed: {}, xml: pkg.hashOf(path), sharedItems: [] };
  const cacheSource = child(root, 'cacheSource');
  const worksheetSource = child(cacheSource, 'worksheetSource');
  const source: Record<string, string> = { ...attributeMap(cacheSource), ...attributeMap(worksheetSource) };
  if (source.ref) source.ref = normalizeSqref(source.ref);
  const extra = children(cacheSource).filter((c) => c !== worksheetSource);
  if (extra.length > 0) source.xml = extra.map((c) => canonical(c)).join('');
  const refreshed: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributeMap(root))) if (REFRESH_STAMPS.includes(k)) refreshed[k] = v;
  const fields = child(root, 'cacheFields');
  const sharedItems: string[] = [];
  const bare = (field: XmlElement): XmlElement => {
    const items = child(field, 'sharedItems');
    if (items) sharedItems.push(canonical(items));
    return { ...field, children: field.children.filter((c) => c !== items) };
  };
  const definition: XmlElement = {
    // r:id links the records part, described on its own as `records`.
    ...withoutAttributes(root, [...REFRESH_STAMPS, 'r:id']),
    children: root.children
      .filter((c) => c !== cacheSource)
      .map((c) => (c === fields ? { ...fields, children: children(fields, 'cacheField').map(bare) } : c)),
  };
  const out: PivotCacheInventory = { source, refreshed, xml: canonical(definition), sharedItems };
  const records = pkg.relationships(path).find((r) => r.type === 'pivotCacheRecords');
  if (records && pkg.has(records.target)) {
    pkg.describe(records.target, by);
    out.records = pkg.hashOf(records.target);
  }
  return out;
}
