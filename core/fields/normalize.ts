/**
 * Per-type validation and normalisation of field values: the one place that decides what a typed,
 * imported or pasted value becomes in a cell. Host-free. Required-ness and uniqueness are checked by
 * the record store; here an empty value is simply `null`.
 */

import type { FieldDef, Schema } from '../schema/types.js';
import { grouped, say } from '../messages/say.js';
import type { Cell } from '../workbook.js';
import { normalizeBoolean } from './boolean.js';
import { normalizeDate, normalizeDateTime } from './date.js';
import { normalizeEmail } from './email.js';
import { normalizeMoney } from './money.js';
import { normalizeInteger, normalizeNumber } from './parse-number.js';
import { normalizePercent } from './percent.js';
import { normalizePhone } from './phone.js';
import { fail, isBlank, MAX_CELL_TEXT, ok, type Normalized } from './result.js';
import { normalizeChoice, normalizeLongText, normalizeText, normalizeUser } from './text.js';
import { normalizeUrl } from './url.js';

export type { Normalized } from './result.js';
export { currencyDigits } from './currency.js';
export { clipped, MAX_CELL_TEXT, shown } from './result.js';
export { formatValue, jsonValue } from './format.js';
export { numberFormatFor } from './number-format.js';

export type NormalizeContext = Pick<Schema, 'country' | 'currency' | 'dateOrder' | 'lang'>;

/**
 * Turns what a person or a file gave (string/number/boolean/null, e.g. from CLI `--set`, a form,
 * a CSV, or a cell) into the stored cell value, or a plain-language reason it can't.
 * Idempotent: a stored value normalises to itself.
 */
export function normalizeValue(field: FieldDef, raw: Cell, schema: NormalizeContext): Normalized {
  // Before any host call: a cell over the limit would be refused or cut by the spreadsheet.
  if (typeof raw === 'string' && raw.length > MAX_CELL_TEXT) {
    return fail(
      say('too long for a cell: {length} characters, and a cell holds at most {max} (split it, e.g. into several notes)', {
        length: grouped(raw.length),
        max: grouped(MAX_CELL_TEXT),
      }),
    );
  }
  if (isBlank(raw)) return ok(null);
  switch (field.type) {
    case 'text':
    case 'reference':
      return normalizeText(raw);
    case 'longtext':
      return normalizeLongText(raw);
    case 'user':
      return normalizeUser(raw);
    case 'choice':
      return normalizeChoice(raw, field.choices);
    case 'integer':
      return normalizeInteger(raw, schema);
    case 'number':
      return normalizeNumber(raw, schema);
    case 'money':
      return normalizeMoney(raw, field.currency ?? schema.currency, schema.lang);
    case 'percent':
      return normalizePercent(raw, schema.lang);
    case 'date':
      return normalizeDate(raw, schema.dateOrder);
    case 'datetime':
      return normalizeDateTime(raw, schema.dateOrder);
    case 'boolean':
      return normalizeBoolean(raw);
    case 'email':
      return normalizeEmail(raw);
    case 'phone':
      return normalizePhone(raw, schema.country);
    case 'url':
      return normalizeUrl(raw);
    default:
      return fail(say('unknown field type {type}', { type: String((field as { type: unknown }).type) }));
  }
}
