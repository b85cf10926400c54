/**
 * Stored cells → what people read (CLI tables, CSV) and what commands return as JSON.
 * Both are lossless for values normalizeValue stored: feeding the text back through
 * normalizeValue gives the same cell, in every workbook language (numbers always use a dot).
 * A cell that does not hold its field's kind of value (text typed over a date) is shown as it is,
 * never hidden or coerced.
 */

import { isoDate, isoDateTime } from '../dates.js';
import type { FieldDef, Schema } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { formatBoolean } from './boolean.js';
import { formatDate, formatDateTime } from './date.js';
import { plainDecimal } from './decimal.js';
import { formatMoney } from './money.js';
import { formatPercent } from './percent.js';
import { cellText } from './text.js';

export function formatValue(field: FieldDef, stored: Cell, schema: Pick<Schema, 'currency' | 'lang'>): string {
  if (stored === null) return '';
  if (typeof stored === 'number' && Number.isFinite(stored)) {
    switch (field.type) {
      case 'date':
        return formatDate(stored);
      case 'datetime':
        return formatDateTime(stored);
      case 'money':
        return formatMoney(stored, field.currency ?? schema.currency);
      case 'percent':
        return formatPercent(stored);
      case 'integer':
      case 'number':
        return plainDecimal(stored);
      default:
        break;
    }
  }
  if (typeof stored === 'boolean' && field.type === 'boolean') return formatBoolean(stored, schema.lang);
  return cellText(stored);
}

export function jsonValue(field: FieldDef, stored: Cell): string | number | boolean | null {
  if (stored === null) return null;
  switch (field.type) {
    case 'date':
      return typeof stored === 'number' && Number.isFinite(stored) ? isoDate(stored) : stored;
    case 'datetime':
      return typeof stored === 'number' && Number.isFinite(stored) ? isoDateTime(stored) : stored;
    case 'integer':
    case 'number':
    case 'money':
    case 'percent':
    case 'boolean':
      return stored;
    default:
      return cellText(stored);
  }
}
