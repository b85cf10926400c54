/**
 * The amount cell of a sale is Carnet's own formula, `=ROUND(quantity × unit price × (1 − discount), digits)`
 * over the line's own cells, so it stays right when someone edits the quantity or the price in the
 * sheet. Core still computes the value (`saleAmount`, exact decimals): hosts that do not calculate
 * (the .xlsx file) store it as the formula's cached result, and commands report it.
 */

import { currencyDigits } from '../fields/currency.js';
import type { DirectoryTable } from '../records/directory-table.js';
import type { FormulaHook } from '../records/create.js';
import { a1, type Cell } from '../workbook.js';
import type { SaleFields } from './fields.js';

/** The hook `createRecords`/`updateRecord` call for each sale row they write. */
export function amountFormulas(f: SaleFields, currency: string): FormulaHook {
  return (table: DirectoryTable, row: number, values: Record<string, Cell>) => {
    const amount = values[f.amount.key];
    const q = table.columns.get(f.quantity.key);
    const p = table.columns.get(f.unitPrice.key);
    const d = table.columns.get(f.discount.key);
    // Without its inputs in the sheet, or without a computed amount, the cell keeps a plain value.
    if (typeof amount !== 'number' || q === undefined || p === undefined || !table.columns.has(f.amount.key)) return {};
    const discount = d === undefined ? '' : `*(1-${a1(row, d)})`;
    return { [f.amount.key]: { formula: `=ROUND(${a1(row, q)}*${a1(row, p)}${discount},${currencyDigits(currency)})`, value: amount } };
  };
}
