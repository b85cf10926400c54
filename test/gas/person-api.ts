/**
 * What a person does to a sheet in the browser that Carnet itself never does, as the Apps Script
 * calls a script would make for the same change: merging cells, giving a cell a number format or a
 * note, sorting rows, inserting a row. The fake offers these so that tests can play a colleague;
 * they are checked against @types/google-apps-script like gas-addon/apps-script-api.ts, so the
 * fake cannot invent a behaviour the real services lack.
 */

export interface PersonRangeApi {
  merge(): PersonRangeApi;
  setNumberFormat(numberFormat: string): PersonRangeApi;
  setNote(note: string | null): PersonRangeApi;
  /** `{column, ascending}`: `column` counts from the sheet's column A (1-based), not from the range. */
  sort(sortSpecObj: number | { column: number; ascending?: boolean }): PersonRangeApi;
}

export interface PersonSheetApi {
  insertRowBefore(beforePosition: number): PersonSheetApi;
}

type Fits<Real extends Subset, Subset> = Real;
export type RealServicesFit = [Fits<GoogleAppsScript.Spreadsheet.Range, PersonRangeApi>, Fits<GoogleAppsScript.Spreadsheet.Sheet, PersonSheetApi>];
