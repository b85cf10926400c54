/**
 * The choices an export offers, apart from the exporter itself (export.ts), so that the command's
 * input check can name them without loading the XLSX writer and its zip library.
 */

export const EXPORT_FORMATS = ['csv', 'tsv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Delimiters a CSV export offers: what spreadsheets and CSV readers detect. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
