/**
 * The fields the sales rules work with, by their stable keys in the default CRM. A workbook whose
 * schema lacks one of them cannot record sales through `sale.add`; it gets an E_SCHEMA naming it
 * rather than a sale with a silently missing price.
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { FieldDef, Schema } from '../schema/types.js';

/** Sale fields the rules fill: a form shows them read-only or not at all (the UI imports this). */
export const SALE_COMPUTED_FIELDS = ['unit_price', 'discount', 'amount', 'owner'] as const;

export interface SaleFields {
  company: FieldDef;
  product: FieldDef;
  quantity: FieldDef;
  unitPrice: FieldDef;
  discount: FieldDef;
  amount: FieldDef;
  owner: FieldDef;
  date: FieldDef;
  /** On Products: the list price copied onto each new sale. */
  productPrice: FieldDef;
  /** On Companies: the individual discount applied to the company's new sales. */
  companyDiscount: FieldDef | undefined;
}

function need(schema: Schema, dirKey: string, fieldKey: string): FieldDef {
  const dir = schema.directories.find((d) => d.key === dirKey);
  const f = dir?.fields.find((x) => x.key === fieldKey);
  if (!f) {
    fail({
      code: 'E_SCHEMA',
      directory: dirKey,
      field: fieldKey,
      message: dir
        ? say('Recording a sale needs the field "{field}" in {directory}; the schema has none.', { field: fieldKey, directory: named(dir.labels) })
        : say('Recording a sale needs the field "{field}" in a "{directory}" directory; the schema has none.', { field: fieldKey, directory: dirKey }),
    });
  }
  return f;
}

export function saleFields(schema: Schema): SaleFields {
  return {
    company: need(schema, 'sales', 'company'),
    product: need(schema, 'sales', 'product'),
    quantity: need(schema, 'sales', 'quantity'),
    unitPrice: need(schema, 'sales', 'unit_price'),
    discount: need(schema, 'sales', 'discount'),
    amount: need(schema, 'sales', 'amount'),
    owner: need(schema, 'sales', 'owner'),
    date: need(schema, 'sales', 'date'),
    productPrice: need(schema, 'products', 'unit_price'),
    companyDiscount: schema.directories.find((d) => d.key === 'companies')?.fields.find((f) => f.key === 'discount'),
  };
}

/** The currency sale amounts are in: the amount field's own, else the workbook's. */
export function salesCurrency(schema: Schema): string {
  const amount = schema.directories.find((d) => d.key === 'sales')?.fields.find((f) => f.key === 'amount');
  return amount?.currency ?? schema.currency;
}
