/**
 * What a Carnet command is allowed to change, stated on an inventory before comparing: apply the
 * same allowance to the expected and the actual inventory, then diffInventories must be empty.
 * Each returns a new inventory; the one given is left as it was.
 */

import { cellsOf, columnNumber, parseCell } from './xlsx-inventory-refs.js';
import type { CellInventory, Inventory, ResolvedStyle, SheetInventory } from './xlsx-inventory-types.js';

function sheetOf(inv: Inventory, name: string): SheetInventory {
  const sheet = inv.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name} in the inventory (sheets: ${inv.sheets.map((s) => s.name).join(', ')})`);
  return sheet;
}

/** The style a cell shows when it has none of its own: its row's, else its column's, else the default. */
export function inheritedStyle(inv: Inventory, sheet: SheetInventory, ref: string): ResolvedStyle {
  const { col, row } = parseCell(ref);
  const rowStyle = sheet.rows[String(row)]?.style;
  if (rowStyle) return rowStyle;
  for (const [run, props] of Object.entries(sheet.columns)) {
    const [first, last = first] = run.split(':');
    if (col >= columnNumber(first!) && col <= columnNumber(last!) && props.style) return props.style;
  }
  return inv.workbook.defaultStyle;
}

/**
 * The cells Carnet writes, left out of the comparison: their values and formulas are dropped,
 * their style is kept (Carnet writes values, never formats). `cells` takes refs or ranges
 * (`B7`, `A22:L22`). A cell left with nothing but the style it would inherit anyway is dropped,
 * as the inventory itself does, so a record appended in a new row compares equal to no row.
 */
export function withoutCells(inv: Inventory, sheet: string, cells: string[]): Inventory {
  const out = structuredClone(inv);
  const target = sheetOf(out, sheet);
  for (const ref of cells.flatMap((c) => cellsOf(c.toUpperCase()))) {
    const cell = target.cells[ref];
    if (!cell) continue;
    const styleOnly: CellInventory = { style: cell.style };
    if (JSON.stringify(cell.style) === JSON.stringify(inheritedStyle(out, target, ref))) delete target.cells[ref];
    else target.cells[ref] = styleOnly;
  }
  return out;
}

/**
 * Formula results left out of the comparison, since they are recalculated: `sheetCells` names
 * the cells (`{ Dashboard: ['B6:D11'] }`); with none, every formula cell of every sheet, and
 * the other caches of computed results too — chart caches (c:numCache, c:strCache) and pivot
 * caches (records, shared items, refresh stamps).
 */
export function ignoringCachedValues(inv: Inventory, sheetCells?: Record<string, string[]>): Inventory {
  const out = structuredClone(inv);
  const strip = (cell: CellInventory | undefined) => {
    if (!cell) return;
    delete cell.value;
    delete cell.error;
    delete cell.rich;
  };
  if (sheetCells) {
    for (const [name, refs] of Object.entries(sheetCells)) {
      const sheet = sheetOf(out, name);
      for (const ref of refs.flatMap((c) => cellsOf(c.toUpperCase()))) strip(sheet.cells[ref]);
    }
    return out;
  }
  for (const sheet of out.sheets) {
    for (const cell of Object.values(sheet.cells)) if (cell.formula !== undefined) strip(cell);
    for (const d of sheet.drawings) if (d.chart !== undefined) d.chart = withoutChartCaches(d.chart);
    for (const p of sheet.pivotTables) {
      p.cache.refreshed = {};
      p.cache.sharedItems = [];
      delete p.cache.records;
    }
  }
  return out;
}

/** A chart's canonical XML without the values it cached from its source cells. */
export function withoutChartCaches(chart: string): string {
  return chart.replace(/<c:(numCache|strCache|multiLvlStrCache)(?:\/>|>.*?<\/c:\1>)/g, '');
}

/**
 * Parts left out of the comparison (exact paths or patterns), with the workbook's relationships
 * to them: e.g. `xl/calcChain.xml`, which a writer may drop and Excel rebuilds.
 */
export function ignoringParts(inv: Inventory, paths: (string | RegExp)[]): Inventory {
  const out = structuredClone(inv);
  const matches = (path: string) => paths.some((p) => (typeof p === 'string' ? p === path : p.test(path)));
  for (const path of Object.keys(out.parts)) if (matches(path)) delete out.parts[path];
  out.workbook.relationships = out.workbook.relationships.filter((r) => !matches(r.slice(r.lastIndexOf(' ') + 1)));
  return out;
}

/**
 * Document properties left out of the comparison, by name in any of the three property sets
 * (`dcterms:modified`, `cp:lastModifiedBy`, `cp:revision` — what a program stamps on a save).
 */
export function ignoringProperties(inv: Inventory, names: string[]): Inventory {
  const out = structuredClone(inv);
  const { core, app, custom } = out.workbook.properties;
  for (const name of names) {
    delete core[name];
    delete app[name];
    delete custom[name];
  }
  return out;
}
