import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import type { CellRange, Workbook } from '../../../core/workbook.js';
import type { ColleagueAction, ContractHarness, StoredCell, StoredLayout } from '../workbook-contract.js';

/** The memory host keeps the layout it was given: reading it back is reading that object. */
async function inspect(wb: Workbook, sheet: string, columns: number[]): Promise<StoredLayout> {
  const layout = (wb as MemoryWorkbook).sheet(sheet)?.layout;
  return {
    frozenRows: layout?.frozenRows ?? 0,
    columns: columns.map((column) => {
      const c = layout?.columns.find((x) => x.column === column);
      const v = c?.validation;
      return {
        column,
        boldHeader: layout?.boldHeader ?? false,
        validations: v && v.kind !== 'none' ? [v] : [],
        ...(c?.numberFormat !== undefined ? { numberFormat: c.numberFormat } : {}),
        ...(c?.width !== undefined ? { width: c.width } : {}),
        ...(c?.note !== undefined ? { note: c.note } : {}),
      };
    }),
  };
}

/** A colleague in the same spreadsheet: whole rows (values, formulas, touches) move together. */
function colleague(wb: MemoryWorkbook, sheet: string, action: ColleagueAction): void {
  const s = wb.sheet(sheet)!;
  const height = Math.max(s.cells.length, s.formulas.length, s.touches?.length ?? 0);
  const rows = Array.from({ length: height }, (_, r) => ({ cells: s.cells[r] ?? [], formulas: s.formulas[r] ?? [], touches: s.touches?.[r] ?? [] }));
  const [header, ...data] = rows;
  if (action === 'sort-descending') {
    const key = (r: (typeof rows)[number]) => (r.cells[0] === null || r.cells[0] === undefined ? '' : String(r.cells[0]));
    data.sort((a, b) => (key(a) === key(b) ? 0 : key(a) === '' ? 1 : key(b) === '' ? -1 : key(a) < key(b) ? 1 : -1));
  } else {
    data.unshift({ cells: [], formulas: [], touches: [] });
  }
  const all = [header!, ...data];
  s.cells = all.map((r) => r.cells);
  s.formulas = all.map((r) => r.formulas);
  s.touches = all.map((r) => r.touches);
}

/** The reference host: its state is the instance itself (no `reopen`). */
export async function memoryHarness(): Promise<ContractHarness> {
  const wb = new MemoryWorkbook();
  return {
    wb,
    inspect,
    formulaAt: async (w, sheet, row, column) => (w as MemoryWorkbook).formulaAt(sheet, row, column),
    merge: async (sheet: string, range: CellRange) => {
      const s = wb.sheet(sheet)!;
      s.merges = [...(s.merges ?? []), range];
    },
    touch: async (sheet, row, column, what) => wb.touch(sheet, row, column, what),
    cellAt: async (w, sheet, row, column): Promise<StoredCell> => {
      const m = w as MemoryWorkbook;
      const formula = m.formulaAt(sheet, row, column);
      return { ...(formula !== undefined ? { formula } : {}), ...(m.touchAt(sheet, row, column) ?? {}) };
    },
    colleague: async (sheet, action) => colleague(wb, sheet, action),
    reportSheet: async (w, sheet, cells) => {
      const s = (w as MemoryWorkbook).sheet(sheet);
      const f = s?.format;
      const inside = (r: CellRange, c: { row: number; column: number }) => c.row >= r.top && c.row <= r.bottom && c.column >= r.left && c.column <= r.right;
      const letter = (c: number) => String.fromCharCode(65 + c);
      return {
        frozenRows: f?.frozenRows ?? 0,
        frozenColumns: f?.frozenColumns ?? 0,
        bold: cells.filter((c) => (f?.bold ?? []).some((r) => inside(r, c))),
        numberFormats: Object.fromEntries(cells.map((c) => [`${letter(c.column)}${c.row + 1}`, [...(f?.numberFormats ?? [])].reverse().find((n) => inside(n.range, c))?.format ?? 'General'])),
        charts: (s?.charts ?? []).map((c) => ({ kind: c.kind, title: c.title, series: c.series.length })),
      };
    },
  };
}
