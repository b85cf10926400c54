/**
 * Differences between two inventories, one line each, naming the feature and where it is:
 *   Clients!F7: formula '=SUM(B2:B5)' became '=SUM(B2:B4)'
 *   Clients: conditional format C2:C20 is missing
 *   part xl/drawings/drawing1.xml changed
 * An empty list means the two files hold the same things.
 */

import type { Inventory, SheetInventory } from './xlsx-inventory-types.js';

type Json = unknown;

export function diffInventories(expected: Inventory, actual: Inventory): string[] {
  const out: string[] = [];
  const expectedNames = expected.sheets.map((s) => s.name);
  const actualNames = actual.sheets.map((s) => s.name);
  const common = expectedNames.filter((n) => actualNames.includes(n));
  const order = (names: string[]) => names.filter((n) => common.includes(n)).join(', ');
  if (order(expectedNames) !== order(actualNames)) out.push(`sheet order ${order(expectedNames)} became ${order(actualNames)}`);
  for (const name of expectedNames) if (!actualNames.includes(name)) out.push(`sheet ${name} is missing`);
  for (const name of actualNames) if (!expectedNames.includes(name)) out.push(`unexpected sheet ${name}`);
  for (const name of common) {
    diffSheet(expected.sheets.find((s) => s.name === name)!, actual.sheets.find((s) => s.name === name)!, out);
  }

  const w = (label: string, a: Json, b: Json) => leaves(`workbook: ${label}`, a, b, out);
  keyed(expected.workbook.definedNames, actual.workbook.definedNames, (k) => `defined name ${k}`, out);
  w('protection', expected.workbook.protection, actual.workbook.protection);
  w('calcPr', expected.workbook.calcPr, actual.workbook.calcPr);
  keyed(expected.workbook.settings, actual.workbook.settings, (k) => `workbook: ${k}`, out);
  keyed(expected.workbook.properties.core, actual.workbook.properties.core, (k) => `core property ${k}`, out);
  keyed(expected.workbook.properties.app, actual.workbook.properties.app, (k) => `app property ${k}`, out);
  keyed(expected.workbook.properties.custom, actual.workbook.properties.custom, (k) => `custom property ${k}`, out);
  w('theme', expected.workbook.theme, actual.workbook.theme);
  keyed(expected.workbook.styles, actual.workbook.styles, (k) => `styles: ${k}`, out);
  w('default style', expected.workbook.defaultStyle, actual.workbook.defaultStyle);
  list(expected.workbook.relationships, actual.workbook.relationships, 'relationship', 'workbook', out);

  for (const path of Object.keys(expected.parts)) {
    const a = expected.parts[path]!;
    const b = actual.parts[path];
    if (!b) out.push(`part ${path} is missing`);
    else if (a.contentType !== b.contentType) out.push(`part ${path}: content type '${a.contentType}' became '${b.contentType}'`);
    else if (a.hash !== b.hash || a.describedBy !== b.describedBy) {
      out.push(a.hash !== undefined && b.hash !== undefined ? `part ${path} changed` : `part ${path}: ${describe(a)} became ${describe(b)}`);
    }
  }
  for (const path of Object.keys(actual.parts)) if (!expected.parts[path]) out.push(`unexpected part ${path}`);
  return out;
}

function describe(p: { describedBy?: string; hash?: string }): string {
  return p.describedBy !== undefined ? `described by ${p.describedBy}` : `a part of its own (${p.hash})`;
}

function diffSheet(a: SheetInventory, b: SheetInventory, out: string[]): void {
  const s = a.name;
  const at = (label: string, x: Json, y: Json) => leaves(`${s}: ${label}`, x, y, out);
  at('state', a.state, b.state);
  at('kind', a.kind, b.kind);
  cellDifferences(a, b, out);
  keyed(a.rows, b.rows, (r) => `${s}: row ${r}`, out);
  keyed(a.columns, b.columns, (c) => `${s}: column ${c}`, out);
  list(a.merges, b.merges, 'merge', s, out);
  byKey(a.conditionalFormats, b.conditionalFormats, (c) => `${c.source === 'x14' ? 'x14 ' : ''}conditional format ${c.sqref}`, s, out);
  byKey(a.dataValidations, b.dataValidations, (v) => `${v.source === 'x14' ? 'x14 ' : ''}data validation ${v.sqref}`, s, out);
  keyed(a.hyperlinks, b.hyperlinks, (ref) => `${s}!${ref}: hyperlink`, out);
  keyed(a.comments, b.comments, (ref) => `${s}!${ref}: note`, out);
  at('views', a.views, b.views);
  at('protection', a.protection, b.protection);
  at('protected ranges', a.protectedRanges, b.protectedRanges);
  at('autofilter', a.autoFilter, b.autoFilter);
  at('sort state', a.sortState, b.sortState);
  keyed(a.print, b.print, (k) => `${s}: print ${k}`, out);
  keyed(a.format, b.format, (k) => `${s}: ${k}`, out);
  // Drawing order is stacking order: which object covers which.
  byKey(a.drawings, b.drawings, (d) => `drawing ${d.kind}${d.name ? ` '${d.name}'` : ''}`, s, out, 'drawings');
  at('legacy drawing', a.legacyDrawing, b.legacyDrawing);
  byKey(a.tables, b.tables, (t) => `table ${t.name}`, s, out);
  byKey(a.pivotTables, b.pivotTables, (p) => `pivot table ${p.name}`, s, out);
  byKey(a.sparklineGroups, b.sparklineGroups, (g) => `sparkline group ${g.sparklines.map((x) => x.sqref).join(' ')}`, s, out);
  keyed(a.extensions, b.extensions, (k) => `${s}: extension ${k}`, out);
  list(a.other, b.other, 'element', s, out);
  list(a.relationships, b.relationships, 'relationship', s, out);
}

/**
 * Cell by cell, but one line for a change many cells share (a writer that adds a font charset
 * to every style would otherwise bury the one formula it broke): `Clients!A1, B1 and 250 more
 * cells: style.font.charset (none) became '1'`.
 */
function cellDifferences(a: SheetInventory, b: SheetInventory, out: string[]): void {
  const found: [string, string][] = [];
  const marker = '\u0000';
  const lines: string[] = [];
  keyed(a.cells, b.cells, (ref) => `${ref}${marker}`, lines, (ref, x, y) => leaves(`${ref}${marker}`, x, y, lines, ''));
  for (const line of lines) {
    const unexpected = line.startsWith('unexpected ');
    const body = unexpected ? line.slice('unexpected '.length) : line;
    const [ref, rest] = body.split(marker) as [string, string];
    found.push([ref, unexpected ? `unexpected cell${rest}` : rest.startsWith(' is missing') ? `cell${rest}` : rest.trimStart()]);
  }
  const groups = new Map<string, string[]>();
  for (const [ref, text] of found) groups.set(text, [...(groups.get(text) ?? []), ref]);
  for (const [text, refs] of groups) {
    const where = refs.length <= 3 ? refs.join(', ') : `${refs.slice(0, 2).join(', ')} and ${refs.length - 2} more cells`;
    out.push(`${a.name}!${where}: ${text}`);
  }
}

/** Records by key: missing, unexpected, and changed entries (changes leaf by leaf). */
function keyed<T>(
  a: Record<string, T> | undefined,
  b: Record<string, T> | undefined,
  label: (key: string) => string,
  out: string[],
  changed?: (key: string, x: T, y: T) => void,
): void {
  const x = a ?? {};
  const y = b ?? {};
  for (const k of Object.keys(x)) {
    if (!(k in y)) out.push(`${label(k)} is missing (was ${show(x[k])})`);
    else if (changed) changed(k, x[k]!, y[k]!);
    else leaves(`${label(k)}:`, x[k], y[k], out, '');
  }
  for (const k of Object.keys(y)) if (!(k in x)) out.push(`unexpected ${label(k)} (${show(y[k])})`);
}

/** Lists of records that carry their own key (several may share one: they pair in order); `ordered` names what the order means. */
function byKey<T>(a: T[], b: T[], key: (t: T) => string, sheet: string, out: string[], ordered?: string): void {
  const group = (items: T[]) => {
    const m = new Map<string, T[]>();
    for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  for (const [k, xs] of ga) {
    const ys = gb.get(k) ?? [];
    xs.forEach((x, i) => {
      const label = `${sheet}: ${k}${xs.length > 1 ? ` #${i + 1}` : ''}`;
      if (i >= ys.length) out.push(`${label} is missing`);
      else leaves(`${label}:`, x, ys[i], out, '');
    });
    for (let i = xs.length; i < ys.length; i++) out.push(`unexpected ${sheet}: ${k} (${show(ys[i])})`);
  }
  for (const [k, ys] of gb) if (!ga.has(k)) for (const y of ys) out.push(`unexpected ${sheet}: ${k} (${show(y)})`);
  if (!ordered) return;
  const order = (items: T[]) => items.map(key).filter((k) => ga.has(k) && gb.has(k)).join(', ');
  if (order(a) !== order(b)) out.push(`${sheet}: order of ${ordered} ${order(a)} became ${order(b)}`);
}

/** Plain lists of strings: what went missing and what appeared (order ignored). */
function list(a: string[], b: string[], what: string, where: string, out: string[]): void {
  for (const x of a) if (!b.includes(x)) out.push(`${where}: ${what} ${clip(x)} is missing`);
  for (const y of b) if (!a.includes(y)) out.push(`${where}: unexpected ${what} ${clip(y)}`);
}

/** Every leaf that differs, as `<where> <path> 'a' became 'b'`. */
function leaves(where: string, a: Json, b: Json, out: string[], path = ''): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) leaves(where, a[k], b[k], out, path === '' ? label(k, Array.isArray(a)) : `${path}.${label(k, Array.isArray(a))}`);
    return;
  }
  const head = path === '' ? where : `${where} ${path}`;
  if (typeof a === 'string' && typeof b === 'string' && (a.length > 80 || b.length > 80)) {
    out.push(`${head} changed: ${aroundDifference(a, b)}`);
  } else {
    out.push(`${head} ${show(a)} became ${show(b)}`);
  }
}

function label(k: string, inArray: boolean): string {
  return inArray ? `#${Number(k) + 1}` : k;
}

function show(v: Json): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return `'${clip(v)}'`;
  return clip(JSON.stringify(v));
}

function clip(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Two long strings (canonical XML) shown where they start to differ. */
function aroundDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 40);
  const piece = (s: string) => `${from > 0 ? '…' : ''}${s.slice(from, i + 80)}${s.length > i + 80 ? '…' : ''}`;
  return `'${piece(a)}' became '${piece(b)}'`;
}
