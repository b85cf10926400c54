/**
 * The fake's call log, and the enums it hands out (test/gas/fake-spreadsheet-app.ts).
 */

type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;
type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

/** The real enums are numeric in the typings and strings at run time; only identity matters here. */
export const CRITERIA = {
  VALUE_IN_LIST: 'VALUE_IN_LIST' as unknown as Criteria,
  VALUE_IN_RANGE: 'VALUE_IN_RANGE' as unknown as Criteria,
};
export const PROTECTION_TYPE = {
  RANGE: 'RANGE' as unknown as ProtectionType,
  SHEET: 'SHEET' as unknown as ProtectionType,
};

/** Calls by `Class.method`. */
export class CallLog {
  readonly counts: Record<string, number> = {};
  /** Cells whose values, formats, notes or weights crossed between script and spreadsheet. */
  cells = 0;
  count(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
  transfer(cells: number): void {
    this.cells += cells;
  }
  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
  reset(): void {
    for (const k of Object.keys(this.counts)) delete this.counts[k];
    this.cells = 0;
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.counts).sort(([a], [b]) => a.localeCompare(b)));
  }
}
