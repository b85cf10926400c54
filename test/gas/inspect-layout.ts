/**
 * What a layout left in the fake spreadsheet, in the contract's terms (StoredLayout), read through
 * the fake's own structures so that inspecting does not add to the call counts.
 */

import type { ColumnValidation } from '../../core/workbook.js';
import type { StoredColumnLayout, StoredLayout } from '../contract/workbook-contract.js';
import { CRITERIA, FakeRange, type FakeAppsScript, type FakeDataValidation } from './fake-spreadsheet-app.js';

/** Inverse of the adapter's characters → pixels (7 px a character, 5 px padding). */
const charsFromPixels = (px: number) => (px - 5) / 7;

export function inspectLayout(fake: FakeAppsScript, sheetName: string, columns: number[]): StoredLayout {
  const lower = sheetName.toLowerCase();
  const sheet = fake.spreadsheet.sheetList.find((s) => s.name.toLowerCase() === lower);
  if (!sheet) throw new Error(`inspect: no sheet ${sheetName}`);
  return {
    frozenRows: sheet.frozenRows,
    columns: columns.map((c): StoredColumnLayout => {
      const header = sheet.cell(0, c);
      const rules = new Set<FakeDataValidation>();
      let format: string | undefined;
      for (let r = 1; r < sheet.maxRows; r++) {
        const cell = sheet.cell(r, c);
        if (cell?.validation) rules.add(cell.validation);
        if (r === 1) format = cell?.format;
      }
      const out: StoredColumnLayout = {
        column: c,
        boldHeader: header?.weight === 'bold',
        validations: [...rules].map(decodeRule),
      };
      if (format !== undefined) out.numberFormat = format;
      const px = sheet.widths.get(c + 1);
      if (px !== undefined) out.width = charsFromPixels(px);
      if (header?.note) out.note = header.note;
      return out;
    }),
  };
}

export function decodeRule(rule: FakeDataValidation): ColumnValidation {
  if (rule.criteria === CRITERIA.VALUE_IN_LIST) return { kind: 'list', values: [...(rule.values[0] as string[])] };
  if (rule.criteria === CRITERIA.VALUE_IN_RANGE) {
    const range = rule.values[0] as FakeRange;
    // The live sheet object: a renamed source shows its new name, as Sheets' references do.
    return { kind: 'range', sheet: range.sheet.name, column: range.column - 1 };
  }
  return { kind: 'none' };
}
