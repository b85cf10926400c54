/**
 * Recording sales: the rules on top of the record store (which still does every validation).
 *
 * - The unit price is copied from the product when the sale is recorded, so a later change of the
 *   price list never rewrites history; `overrideUnitPrice` charges another price instead.
 * - The company's individual discount applies to its new sales and is stored on the line, so the
 *   line keeps the discount it was sold with even if the company's discount changes later.
 * - amount = quantity × unit price × (1 − discount), by `saleAmount`, rounded to the currency.
 * - The owner is the acting user; the date defaults to today.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { normalizeValue } from '../fields/normalize.js';
import { createRecords } from '../records/create.js';
import type { Crm } from '../records/crm.js';
import { empty } from '../records/directory-table.js';
import { findRecord } from '../records/find.js';
import type { RecordJson } from '../records/record-json.js';
import { deleteRecord } from '../records/remove.js';
import { updateRecord } from '../records/update.js';
import { resolveInput, type Defaults, type RecordInput } from '../records/validate.js';
import type { CascadeReport } from '../records/cascade.js';
import { fold } from '../schema/lookup.js';
import type { FieldDef } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { saleAmount } from './amount.js';
import { amountFormulas } from './amount-formula.js';
import { saleFields, salesCurrency, type SaleFields } from './fields.js';

export interface SaleOptions {
  /**
   * Charge this unit price instead of the product's list price. Accepted from anyone for now: the
   * right to override prices comes with access rights (a later issue), checked in `unitPrice` below.
   */
  overrideUnitPrice?: Cell;
}

function refuseComputed(crm: Crm, f: SaleFields, changes: Map<FieldDef, Cell>, also: FieldDef[] = []): void {
  const sales = named(crm.directory('sales').labels);
  for (const field of changes.keys()) {
    const name = say('{directory} › {field}', { directory: sales, field: named(field.labels) });
    if (field === f.unitPrice) {
      fail({ code: 'E_BAD_INPUT', directory: 'sales', field: field.key, message: say('{field} is copied from the product; pass overrideUnitPrice to charge another price.', { field: name }) });
    }
    if (field === f.amount) {
      fail({ code: 'E_BAD_INPUT', directory: 'sales', field: field.key, message: say('{field} is computed: quantity × unit price, less the discount.', { field: name }) });
    }
    if (field === f.discount) {
      fail({ code: 'E_BAD_INPUT', directory: 'sales', field: field.key, message: say("{field} comes from the company's individual discount.", { field: name }) });
    }
    if (field === f.owner) {
      fail({ code: 'E_BAD_INPUT', directory: 'sales', field: field.key, message: say('{field} is the person recording the sale.', { field: name }) });
    }
    if (also.includes(field)) {
      fail({ code: 'E_BAD_INPUT', directory: 'sales', field: field.key, message: say('{field} is the company whose card the sale is added from.', { field: name }) });
    }
  }
}

function keyed(changes: Map<FieldDef, Cell>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [f, v] of changes) out[f.key] = v;
  return out;
}

function number(v: Cell | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The unit price for a sale of `product`: the override if any, else the product's list price.
 * Returns the raw override when it does not parse, so the record store reports it beside the field;
 * `undefined` when the product does not exist (the store reports that too).
 */
async function unitPrice(crm: Crm, f: SaleFields, product: Cell, options: SaleOptions): Promise<Cell | undefined> {
  if (options.overrideUnitPrice !== undefined && options.overrideUnitPrice !== null && options.overrideUnitPrice !== '') {
    // Rights (later issue): this is where the right to override a list price will be checked.
    const n = normalizeValue(f.unitPrice, options.overrideUnitPrice, crm.schema);
    return n.ok ? n.value : options.overrideUnitPrice;
  }
  if (empty(product)) return undefined;
  const products = await crm.table('products');
  const key = String(product).trim();
  const rec = products.findByDisplay(key)[0] ?? products.findById(key);
  if (!rec) return undefined;
  const price = number(rec.values[f.productPrice.key]);
  if (price === undefined) {
    fail({
      code: 'E_REQUIRED',
      directory: 'sales',
      field: f.unitPrice.key,
      value: products.displayOf(rec),
      message: say('{directory} › {field}: the product "{product}" has no price; set one in {products} or type the price for this sale.', {
        directory: named(crm.directory('sales').labels),
        field: named(f.unitPrice.labels),
        product: products.displayOf(rec),
        products: named(products.dir.labels),
      }),
    });
  }
  return price;
}

/** The amount when quantity and price are numbers; otherwise the store refuses the line anyway. */
function amountOf(crm: Crm, f: SaleFields, quantity: Cell | undefined, price: Cell | undefined, discount: Cell | undefined): number | undefined {
  const q = quantity === undefined ? undefined : normalizeValue(f.quantity, quantity, crm.schema);
  const qty = q?.ok ? number(q.value) : undefined;
  const unit = number(price ?? null);
  if (qty === undefined || unit === undefined) return undefined;
  return saleAmount({ quantity: qty, unitPrice: unit, discount: number(discount ?? null) ?? null }, salesCurrency(crm.schema));
}

/** Records a sale for a company (its ID or name); `input` holds the form's fields by key or label. */
export async function addSale(crm: Crm, company: string, input: RecordInput, defaults: Defaults, options: SaleOptions = {}): Promise<RecordJson> {
  return crm.wb.transaction(async () => {
    const f = saleFields(crm.schema);
    const changes = resolveInput(crm.schema, crm.directory('sales'), input);
    refuseComputed(crm, f, changes, [f.company]);
    const companies = await crm.table('companies');
    const buyer = findRecord(crm, companies, company);

    const values = keyed(changes);
    values[f.company.key] = companies.displayOf(buyer);
    if (empty(values[f.date.key] ?? null)) values[f.date.key] = defaults.today;
    values[f.owner.key] = defaults.user;
    const discount = f.companyDiscount ? number(buyer.values[f.companyDiscount.key]) : undefined;
    values[f.discount.key] = discount ? discount : null;
    const price = await unitPrice(crm, f, values[f.product.key] ?? null, options);
    if (price !== undefined) values[f.unitPrice.key] = price;
    const amount = amountOf(crm, f, values[f.quantity.key], price, values[f.discount.key]);
    if (amount !== undefined) values[f.amount.key] = amount;

    const [created] = await createRecords(crm, 'sales', [values], defaults, { formulas: amountFormulas(f, salesCurrency(crm.schema)) });
    return created!;
  });
}

/**
 * Changes a sale and recomputes its amount from the resulting quantity, unit price and the
 * discount stored on the line (also repairing an amount cell left stale by an edit in the sheet).
 * Changing the product copies the new product's price, unless `overrideUnitPrice` is given.
 */
export async function updateSale(
  crm: Crm,
  id: string,
  input: RecordInput,
  defaults: Defaults,
  options: SaleOptions = {},
): Promise<{ record: RecordJson; cascaded: CascadeReport[] }> {
  return crm.wb.transaction(async () => {
    const f = saleFields(crm.schema);
    const changes = resolveInput(crm.schema, crm.directory('sales'), input);
    refuseComputed(crm, f, changes);
    const sales = await crm.table('sales');
    const sale = findRecord(crm, sales, id);
    const values = keyed(changes);

    const productChanged =
      f.product.key in values && fold(String(values[f.product.key] ?? '')) !== fold(String(sale.values[f.product.key] ?? ''));
    let price: Cell | undefined = sale.values[f.unitPrice.key];
    const overriding = options.overrideUnitPrice !== undefined && options.overrideUnitPrice !== null && options.overrideUnitPrice !== '';
    if (overriding || productChanged) {
      price = await unitPrice(crm, f, values[f.product.key] ?? null, options);
      if (price !== undefined) values[f.unitPrice.key] = price;
    }
    const quantity = f.quantity.key in values ? values[f.quantity.key] : sale.values[f.quantity.key];
    const amount = amountOf(crm, f, quantity, price, sale.values[f.discount.key]);
    if (amount !== undefined) values[f.amount.key] = amount;

    return updateRecord(crm, 'sales', id, values, defaults, { formulas: amountFormulas(f, salesCurrency(crm.schema)) });
  });
}

export async function deleteSale(crm: Crm, id: string): Promise<RecordJson> {
  return deleteRecord(crm, 'sales', id);
}

/** True when the workbook's Sales directory has the fields the sales rules need. */
export function hasSaleRules(crm: Crm): boolean {
  try {
    saleFields(crm.schema);
    return true;
  } catch {
    return false;
  }
}

/**
 * A sale created through the generic record commands (the CLI's `carnet add … sales`) follows the
 * same rules as one recorded from a card: the company comes from the values, and a unit price
 * typed there is taken as an override of the product's price.
 */
export async function createSaleRecord(crm: Crm, input: RecordInput, defaults: Defaults): Promise<RecordJson> {
  const f = saleFields(crm.schema);
  const changes = resolveInput(crm.schema, crm.directory('sales'), input);
  const company = changes.get(f.company);
  if (empty(company ?? null)) {
    fail({
      code: 'E_REQUIRED',
      directory: 'sales',
      field: f.company.key,
      message: say('{directory} › {field}: {text}', { directory: named(crm.directory('sales').labels), field: named(f.company.labels), text: say('a value is required.') }),
    });
  }
  const overrideUnitPrice = changes.get(f.unitPrice);
  changes.delete(f.company);
  changes.delete(f.unitPrice);
  return addSale(crm, String(company), keyed(changes), defaults, { overrideUnitPrice });
}

/** The generic `record.update` on a sale: the sale rules, a typed unit price taken as an override. */
export async function updateSaleRecord(
  crm: Crm,
  id: string,
  input: RecordInput,
  defaults: Defaults,
): Promise<{ record: RecordJson; cascaded: CascadeReport[] }> {
  const f = saleFields(crm.schema);
  const changes = resolveInput(crm.schema, crm.directory('sales'), input);
  const overrideUnitPrice = changes.get(f.unitPrice);
  changes.delete(f.unitPrice);
  return updateSale(crm, id, keyed(changes), defaults, { overrideUnitPrice });
}
