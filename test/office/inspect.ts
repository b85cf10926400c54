/**
 * Reads back, from the fake Excel's state, the layout a sheet holds — in Excel's own terms
 * (validation formulas, widths in points) decoded to the port's terms. Independent of the
 * adapter's code on purpose: it checks what reached "Excel", not what the adapter meant to send.
 */

import type { ColumnValidation } from '../../core/workbook.js';
import { charactersFromPoints, LISTS_SHEET } from '../../office-addin/excel-workbook.js';
import type { StoredColumnLayout, StoredLayout } from '../contract/workbook-contract.js';
import type { FakeExcel, Rule } from './fake-excel.js';

export function storedLayout(excel: FakeExcel, sheet: string, columns: number[]): StoredLayout {
  const s = excel.sheet(sheet);
  return {
    frozenRows: s.frozenRows,
    columns: columns.map((c) => {
      const header = s.cell(0, c);
      const rules = new Set<Rule>();
      s.rows.forEach((row, r) => {
        const rule = r > 0 ? row?.[c]?.rule : undefined;
        if (rule) rules.add(rule);
      });
      const out: StoredColumnLayout = {
        column: c,
        boldHeader: header?.bold === true,
        validations: [...rules].map((rule) => decodeRule(excel, rule)),
      };
      const format = s.cell(1, c)?.format;
      if (format !== undefined && format !== 'General') out.numberFormat = format;
      const points = s.widths.get(c);
      if (points !== undefined) out.width = charactersFromPoints(points);
      if (header?.note !== undefined) out.note = header.note;
      return out;
    }),
  };
}

function decodeRule(excel: FakeExcel, rule: Rule): ColumnValidation {
  if (!rule.source.startsWith('=')) return { kind: 'list', values: rule.source.split(',') };
  const m = /^=('(?:[^']|'')+'|[^!]+)!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(rule.source);
  if (!m) throw new Error(`Unexpected validation source ${rule.source}`);
  const sheet = m[1]!.startsWith("'") ? m[1]!.slice(1, -1).replace(/''/g, "'") : m[1]!;
  const column = letterIndex(m[2]!);
  if (sheet.toLowerCase() === LISTS_SHEET) {
    const lists = excel.sheet(LISTS_SHEET);
    const values: string[] = [];
    for (let r = Number(m[3]) - 1; r < Number(m[5]); r++) values.push(String(lists.cell(r, column)?.value ?? ''));
    return { kind: 'list', values };
  }
  return { kind: 'range', sheet, column };
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
