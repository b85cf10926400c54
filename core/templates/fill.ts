/**
 * Filling a template: one record into one document, or several records into one merged document
 * with a page break between them. A template with problems is refused whole (E_TEMPLATE, each
 * problem pointing at its tag); values that are empty are filled as nothing and listed as
 * `missing`, so a dry run can show them before anything is sent.
 */

import type PizZip from 'pizzip';
import { CarnetError, fail, type ErrorData } from '../errors.js';
import { say } from '../messages/say.js';
import { problemLine } from './check.js';
import { Places } from './docx-places.js';
import { inReadingOrder, MERGE_BETWEEN, MERGE_RECORDS, MergeRoot, openTemplate, runTemplate, type Run } from './engine.js';
import type { DocumentLocale, Scope, TemplateProblem } from './types.js';

export interface Filled {
  bytes: Uint8Array;
  /** Tags that printed nothing because the record has no value there, in reading order. */
  missing: TemplateProblem[];
}

export function fillTemplate(template: Uint8Array, root: Scope, locale: DocumentLocale): Filled {
  const zip = openTemplate(template);
  return finish(zip, runTemplate(zip, new Places(zip), root, { kind: 'fill', locale }));
}

/**
 * Several records in one document, each starting on a new page. The body is wrapped in a loop over
 * the records, `{#carnet:records}…{/carnet:records}`, with a page break before every record but the
 * first, and filled once: docxtemplater's own loop then repeats the body, keeping the document's
 * final section properties once at the end, the sections a template has inside its body, and
 * drawings' ids unique (fix-doc-pr-corruption), which concatenating filled bodies would have to
 * redo by hand. Headers and footers are filled from the first record.
 */
export function fillMany(template: Uint8Array, roots: Scope[], locale: DocumentLocale, mode: 'merged'): Filled {
  if (mode !== 'merged' || roots.length === 0) fail({ code: 'E_BAD_INPUT', message: say('A merged document needs at least one record.') });
  const zip = openTemplate(template);
  const places = new Places(zip);
  places.bodyShift = wrapBody(zip);
  return finish(zip, runTemplate(zip, places, new MergeRoot(roots), { kind: 'fill', locale }));
}

function finish(zip: PizZip, run: Run): Filled {
  if (run.problems.length > 0 || !run.doc) throw templateError(inReadingOrder(run.problems));
  tabsAsTabs(zip, run.parts);
  return { bytes: zip.generate({ type: 'uint8array', compression: 'DEFLATE' }), missing: inReadingOrder(run.missing) };
}

/** E_TEMPLATE: the template cannot be filled; each problem is one of `problems`, its tag as `value`. */
export function templateError(problems: TemplateProblem[]): CarnetError {
  const first = problems[0] ? problemLine(problems[0]) : say('it cannot be read');
  const count = problems.length - 1;
  const message =
    count === 0
      ? say('The template cannot be filled: {first}', { first })
      : count === 1
        ? say('The template cannot be filled: {first} (and 1 more problem)', { first })
        : say('The template cannot be filled: {first} (and {count} more problems)', { first, count });
  const each: ErrorData[] = problems.map((p) => ({ code: 'E_TEMPLATE', message: problemLine(p), value: p.tag }));
  return new CarnetError({ code: 'E_TEMPLATE', message, problems: each });
}

const RECORDS_OPEN = `{#${MERGE_RECORDS}}`;

/** Wraps the body (all but its final section properties) in the records loop; the characters added before the body's text. */
function wrapBody(zip: PizZip): number {
  const xml = zip.file('word/document.xml')!.asText();
  const open = /<w:body\b[^>]*>/.exec(xml);
  const close = xml.lastIndexOf('</w:body>');
  if (!open || close === -1) fail({ code: 'E_FILE', message: say('The template is not a Word document: its body cannot be found.') });
  const start = open.index + open[0].length;
  const sectPr = xml.lastIndexOf('<w:sectPr', close);
  // The body's own sectPr is its last child; one followed by `</w:p>` belongs to a paragraph.
  const end = sectPr > start && !xml.slice(sectPr, close).includes('</w:p>') ? sectPr : close;
  const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
  const pageBreak = `${paragraph(`{#${MERGE_BETWEEN}}`)}<w:p><w:r><w:br w:type="page"/></w:r></w:p>${paragraph(`{/${MERGE_BETWEEN}}`)}`;
  zip.file('word/document.xml', `${xml.slice(0, start)}${paragraph(RECORDS_OPEN)}${xml.slice(start, end)}${pageBreak}${paragraph(`{/${MERGE_RECORDS}}`)}${xml.slice(end)}`);
  return RECORDS_OPEN.length;
}

/**
 * A tab in a value as Word's tab (`<w:tab/>`), not a tab character inside `<w:t>`, which Word
 * shows as a space. docxtemplater turns newlines into breaks (`linebreaks`) but leaves tabs; no
 * template writes a tab character in its text, so every one in a `<w:t>` came from a value.
 */
function tabsAsTabs(zip: PizZip, parts: string[]): void {
  for (const part of parts) {
    const xml = zip.file(part)?.asText();
    if (!xml?.includes('\t')) continue;
    const fixed = xml.replace(/(<w:t(?:\s[^>]*)?>)([^<]*\t[^<]*)(<\/w:t>)/g, (_, open: string, text: string, close: string) => `${open}${text.split('\t').join('</w:t><w:tab/><w:t xml:space="preserve">')}${close}`);
    if (fixed !== xml) zip.file(part, fixed);
  }
}
