import { MemoryWorkbook } from '../../core/memory-workbook.js';
import type { Workbook } from '../../core/workbook.js';
import { workbookContract, type StoredLayout } from './workbook-contract.js';

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

workbookContract('in-memory', async () => ({
  wb: new MemoryWorkbook(),
  inspect,
  formulaAt: async (wb, sheet, row, column) => (wb as MemoryWorkbook).formulaAt(sheet, row, column),
}));
