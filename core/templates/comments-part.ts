/**
 * The Word comments part (word/comments.xml), as far as Carnet writes it: the comments annotate.ts
 * adds (author "Carnet"), and taking them out again, so that an annotated copy uploaded as the
 * template does not carry Carnet's notes into every document, and a second check replaces them.
 * The part is linked from word/_rels/document.xml.rels and declared in [Content_Types].xml
 * (ECMA-376 Part 1, §17.13.4); docxtemplater templates it like the body, so its tags would be filled.
 */

import type PizZip from 'pizzip';

export const CARNET_AUTHOR = 'Carnet';
const COMMENTS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const RELS = 'word/_rels/document.xml.rels';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The comments part's path in the zip, when the document has one. */
function commentsPath(zip: PizZip): string | undefined {
  const rels = zip.file(RELS)?.asText() ?? '';
  for (const rel of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    if (attribute(rel, 'Type') !== COMMENTS_TYPE) continue;
    const target = attribute(rel, 'Target') ?? '';
    return target.startsWith('/') ? target.slice(1) : `word/${target}`;
  }
  return undefined;
}

/** Removes Carnet's comments and their anchors in the body; other people's comments stay. */
export function withoutCarnetComments(zip: PizZip): void {
  const path = commentsPath(zip);
  const comments = path ? zip.file(path)?.asText() : undefined;
  if (!path || !comments || !comments.includes(`w:author="${CARNET_AUTHOR}"`)) return;
  const ids: string[] = [];
  const kept = comments.replace(/<w:comment\b[^>]*>[\s\S]*?<\/w:comment>/g, (comment) => {
    const open = /^<w:comment\b[^>]*>/.exec(comment)![0];
    if (attribute(open, 'w:author') !== CARNET_AUTHOR) return comment;
    ids.push(attribute(open, 'w:id') ?? '');
    return '';
  });
  zip.file(path, kept);
  let body = zip.file('word/document.xml')!.asText();
  for (const id of ids) {
    body = body
      .replace(new RegExp(`<w:commentRange(?:Start|End)\\b[^>]*\\bw:id="${id}"[^>]*/>`, 'g'), '')
      .replace(new RegExp(`<w:r(?:\\s[^>]*)?>(?:(?!</w:r>)[\\s\\S])*?<w:commentReference\\b[^>]*\\bw:id="${id}"[^>]*/>(?:(?!</w:r>)[\\s\\S])*?</w:r>`, 'g'), '');
  }
  zip.file('word/document.xml', body);
}

/** Appends comments (plain text each) to the comments part, creating and linking it when absent; their ids. */
export function addComments(zip: PizZip, texts: string[]): string[] {
  let path = commentsPath(zip);
  let xml = path ? zip.file(path)?.asText() : undefined;
  if (!path || xml === undefined) {
    path ??= 'word/comments.xml';
    xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}"></w:comments>`;
    link(zip, path);
  }
  let next = Math.max(-1, ...[...xml.matchAll(/<w:comment\b[^>]*\bw:id="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  // Ids are shared with the body's existing anchors, which may outnumber the comments left in the part.
  const body = zip.file('word/document.xml')!.asText();
  for (const m of body.matchAll(/<w:comment(?:RangeStart|RangeEnd|Reference)\b[^>]*\bw:id="(\d+)"/g)) next = Math.max(next, Number(m[1]) + 1);
  const ids = texts.map(() => String(next++));
  const added = texts.map((text, i) => comment(ids[i]!, text)).join('');
  xml = /<w:comments\b[^>]*\/>/.test(xml)
    ? xml.replace(/<w:comments\b([^>]*)\/>/, `<w:comments$1>${added}</w:comments>`)
    : xml.replace(/<\/w:comments>\s*$/, `${added}</w:comments>`);
  zip.file(path, xml);
  return ids;
}

function comment(id: string, text: string): string {
  const paragraphs = text.split('\n').map((line, i) => {
    const mark = i === 0 ? '<w:r><w:annotationRef/></w:r>' : '';
    return `<w:p>${mark}<w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`;
  });
  return `<w:comment w:id="${id}" w:author="${CARNET_AUTHOR}" w:initials="C">${paragraphs.join('')}</w:comment>`;
}

/** The relationship from the body to the comments part, and its content type. */
function link(zip: PizZip, path: string): void {
  const rels = zip.file(RELS)?.asText() ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const taken = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = 1;
  while (taken.has(`rId${n}`)) n++;
  const rel = `<Relationship Id="rId${n}" Type="${COMMENTS_TYPE}" Target="${path.replace(/^word\//, '')}"/>`;
  zip.file(RELS, rels.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`));
  const types = zip.file('[Content_Types].xml')!.asText();
  if (!types.includes(`PartName="/${path}"`)) {
    zip.file('[Content_Types].xml', types.replace(/<\/Types>\s*$/, `<Override PartName="/${path}" ContentType="${COMMENTS_CONTENT_TYPE}"/></Types>`));
  }
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
