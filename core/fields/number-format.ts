/**
 * Column number formats, in the Excel syntax all three hosts accept.
 * Percent uses `0.##%` rather than `0%`: a 12.5% discount shown as 13% would mislead, and the
 * trailing dot spreadsheets draw for whole percentages ("15.%") is the lesser evil.
 * Text-like columns are `@` so that a spreadsheet never re-reads a phone, a postcode or a choice
 * as a number or a date.
 */

import type { FieldDef, Schema } from '../schema/types.js';
import { currencyDigits } from './currency.js';

export function numberFormatFor(field: FieldDef, schema: Pick<Schema, 'currency'>): string | undefined {
  switch (field.type) {
    case 'money': {
      const digits = currencyDigits(field.currency ?? schema.currency);
      return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
    }
    case 'percent':
      return '0.##%';
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    case 'integer':
      return '0';
    case 'number':
      return 'General';
    case 'boolean':
      return undefined;
    case 'text':
    case 'longtext':
    case 'email':
    case 'phone':
    case 'url':
    case 'choice':
    case 'reference':
    case 'user':
      return '@';
  }
}
