/**
 * Sales brought in by an import keep the rules a sale recorded in Carnet follows, without
 * rewriting the history a file carries: a unit price the file gives is the price it was sold at
 * (else the product's list price), a discount the file gives is the one it was sold with (else
 * the company's), an amount the file gives is kept as it is (else computed, and written as
 * Carnet's own formula over the line, as `sale.add` writes it).
 */

import type { Crm } from '../records/crm.js';
import type { FormulaHook } from '../records/create.js';
import { empty } from '../records/directory-table.js';
import { saleAmount } from '../sales/amount.js';
import { amountFormulas } from '../sales/amount-formula.js';
import { saleFields, salesCurrency } from '../sales/fields.js';
import { hasSaleRules } from '../sales/sale.js';
import type { Cell } from '../workbook.js';

export interface SalesRules {
  /** Fills price, discount and amount of a new sale's values; true when the amount was computed. */
  fill(values: Record<string, Cell>): Promise<boolean>;
  /** The amount formula, for the rows whose amount was computed. */
  formulas: FormulaHook;
}

export function salesRules(crm: Crm, dirKey: string): SalesRules | undefined {
  if (dirKey !== 'sales' || !hasSaleRules(crm)) return undefined;
  const f = saleFields(crm.schema);
  const currency = salesCurrency(crm.schema);
  const price = new Map<string, Cell>();
  const discount = new Map<string, Cell>();
  const lookup = async (cache: Map<string, Cell>, dir: string, field: string | undefined, key: Cell | undefined): Promise<Cell> => {
    if (field === undefined || empty(key)) return null;
    const k = String(key);
    if (cache.has(k)) return cache.get(k)!;
    const table = await crm.table(dir);
    const rec = table.findByDisplay(k)[0];
    const v = rec?.values[field] ?? null;
    cache.set(k, v);
    return v;
  };
  return {
    async fill(values) {
      if (empty(values[f.unitPrice.key])) values[f.unitPrice.key] = await lookup(price, 'products', f.productPrice.key, values[f.product.key]);
      if (empty(values[f.discount.key]) && f.companyDiscount) {
        const d = await lookup(discount, 'companies', f.companyDiscount.key, values[f.company.key]);
        if (!empty(d)) values[f.discount.key] = d;
      }
      if (!empty(values[f.amount.key])) return false;
      const q = values[f.quantity.key];
      const p = values[f.unitPrice.key];
      const d = values[f.discount.key];
      if (typeof q !== 'number' || typeof p !== 'number') return false;
      values[f.amount.key] = saleAmount({ quantity: q, unitPrice: p, discount: typeof d === 'number' ? d : null }, currency);
      return true;
    },
    formulas: amountFormulas(f, currency),
  };
}
