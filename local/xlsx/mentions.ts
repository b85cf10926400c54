/**
 * Whether a part's text could name a sheet the way formulas do: `Sales!`, `'My sheet'!` (an
 * apostrophe in the name doubled), in XML (where `'` may be written `&apos;` and `&` is `&amp;`).
 * A cheap test on the raw text, so that parts which cannot refer to a sheet are not parsed.
 */
export function mentionsSheet(text: string, sheet: string): boolean {
  const lower = text.toLowerCase();
  const name = sheet.toLowerCase().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const doubled = name.replace(/'/g, "''");
  return lower.includes(name) || lower.includes(doubled) || lower.includes(doubled.replace(/'/g, '&apos;')) || lower.includes(name.replace(/'/g, '&apos;'));
}
