/**
 * `check`: sale amounts that hold a value where Carnet writes its formula.
 *
 * A sale's amount is Carnet's formula over the line's quantity, unit price and discount
 * (sales/amount-formula.ts), so that it follows edits made in the sheet. Where a host could not
 * keep the formula — Google Sheets refused it in the spreadsheet's locale and the adapter wrote the
 * computed value instead (gas-addon/cell-writing.ts) — or where someone typed a number over it, the
 * cell holds a value that no longer follows its row. Nothing else marks such a cell: the port's
 * `formulaCells` (one host call over the amount column) tells a formula from a value, whatever
 * either shows.
 *
 * The cells looked at are those core writes a formula into: a numeric amount on a row whose sheet
 * has the quantity and unit price columns (the same condition as `amountFormulas`).
 */

import type { Crm } from '../records/crm.js';
import { named, say } from '../messages/say.js';
import { a1 } from '../workbook.js';
import type { CheckProblem } from './check.js';

export async function formulaFallbacks(crm: Crm): Promise<CheckProblem[]> {
  const dir = crm.schema.directories.find((d) => d.key === 'sales');
  if (!dir || !['amount', 'quantity', 'unit_price'].every((k) => dir.fields.some((f) => f.key === k))) return [];
  const table = await crm.table('sales');
  const amount = table.columns.get('amount');
  if (amount === undefined || !table.columns.has('quantity') || !table.columns.has('unit_price')) return [];
  const computed = table.records.filter((r) => typeof r.values.amount === 'number');
  if (computed.length === 0) return [];
  let top = Infinity;
  let bottom = -1;
  for (const r of computed) {
    top = Math.min(top, r.row);
    bottom = Math.max(bottom, r.row);
  }
  const formulas = new Set((await crm.wb.formulaCells(dir.sheet, { top, left: amount, bottom, right: amount })).map((c) => c.row));
  const labels = dir.fields.find((f) => f.key === 'amount')!.labels;
  return computed
    .filter((r) => !formulas.has(r.row))
    .map((r): CheckProblem => {
      const cell = a1(r.row, amount);
      return {
        code: 'E_INVALID_VALUE',
        severity: 'warning',
        directory: dir.key,
        field: 'amount',
        sheet: dir.sheet,
        row: r.row + 1,
        cell,
        value: r.values.amount ?? null,
        message: say(
          "{cell}: {field} holds the value {value}, not Carnet's formula, so it no longer follows the line's quantity and price (the spreadsheet did not take the formula, or it was typed over).",
          { cell: `${dir.sheet}!${cell}`, field: named(labels), value: String(r.values.amount) },
        ),
      };
    });
}
