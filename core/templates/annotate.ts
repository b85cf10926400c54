/**
 * A template's problems written back into a copy of it as Word comments (author "Carnet"), each
 * anchored on the paragraph that holds its tag, so the author sees them in place. The template's
 * own comments stay; Carnet's comments from an earlier check are replaced.
 */

import { say } from '../messages/say.js';
import { problemLine } from './check.js';
import { addComments } from './comments-part.js';
import { scanPart, type Block, type ParagraphSpan } from './docx-places.js';
import { openTemplate } from './engine.js';
import type { TemplateProblem } from './types.js';

const BODY = 'word/document.xml';

export function annotateTemplate(template: Uint8Array, problems: TemplateProblem[]): Uint8Array {
  const zip = openTemplate(template);
  if (problems.length === 0) return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
  let xml = zip.file(BODY)!.asText();
  let scan = scanPart(BODY, xml);
  if (!scan.blocks.some((b) => b.paragraphs.length > 0)) {
    // A body without a paragraph to hold a comment (none that has one): give it an empty one.
    xml = xml.replace(/<w:body\b[^>]*>/, (body) => `${body}<w:p></w:p>`);
    zip.file(BODY, xml);
    scan = scanPart(BODY, xml);
  }
  const blocks = new Map(scan.blocks.map((b) => [b.where, b]));
  const first = scan.blocks.find((b) => b.paragraphs.length > 0)!.paragraphs[0]!;
  const anchors = problems.map((problem) => {
    const block = blocks.get(problem.place.where);
    // Word keeps comments in the body only: a problem in a header is noted on the first paragraph, saying where.
    if (!block || block.paragraphs.length === 0) return { span: first, text: problemLine(problem) };
    return { span: paragraphHolding(block, problem.tag), text: say('{tag}: {message}', { tag: problem.tag, message: problem.message }) };
  });
  const ids = addComments(zip, anchors.map((a) => a.text));
  const inserts = anchors.flatMap(({ span }, i) => [
    { at: span.contentStart, order: i, xml: `<w:commentRangeStart w:id="${ids[i]}"/>` },
    { at: span.close, order: i, xml: `<w:commentRangeEnd w:id="${ids[i]}"/><w:r><w:commentReference w:id="${ids[i]}"/></w:r>` },
  ]);
  // From the end backwards, so each insertion leaves the positions before it valid.
  inserts.sort((a, b) => b.at - a.at || b.order - a.order);
  for (const insert of inserts) xml = `${xml.slice(0, insert.at)}${insert.xml}${xml.slice(insert.at)}`;
  zip.file(BODY, xml);
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The paragraph of a block (a cell may have several) whose text holds the tag; the first when none does. */
function paragraphHolding(block: Block, tag: string): ParagraphSpan {
  const index = block.text.indexOf(tag);
  if (index === -1) return block.paragraphs[0]!;
  let holding = block.paragraphs[0]!;
  for (const p of block.paragraphs) if (p.textStart <= index) holding = p;
  return holding;
}
