/**
 * Where a tag is, as a person finds it in Word: "paragraph 3", or "table 1, row 2, column 3",
 * with the text around it. Computed from the part's XML the way docxtemplater reads it: the
 * contents of its text elements joined into one text, so that an error's `offset` (a position in
 * that text, counted in the XML's escaped characters) lands on the right paragraph, and a tag that
 * Word split over runs, proofing marks or bookmarks is found whole
 * (error offsets: https://docxtemplater.com/docs/errors).
 */

import type PizZip from 'pizzip';
import { say } from '../messages/say.js';
import type { TagPlace, TemplateProblem } from './types.js';

/**
 * The elements whose text docxtemplater templates in a .docx (its file-type-config
 * `tagsXmlTextArray`); text elsewhere (field codes, deleted text) is not part of any tag.
 */
const TEXT_ELEMENTS = new Set([
  'w:t', 'a:t', 'm:t', 'vt:lpstr', 'vt:lpwstr',
  'Company', 'HyperlinkBase', 'Manager', 'cp:category', 'cp:keywords', 'dc:creator', 'dc:description',
  'dc:subject', 'dc:title', 'cp:contentStatus', 'PublishDate', 'Abstract', 'CompanyAddress', 'CompanyPhone',
  'CompanyFax', 'CompanyEmail',
]);

/** A paragraph's place in the part's XML, for anchoring a comment on it (annotate.ts). */
export interface ParagraphSpan {
  /** Index of `<w:p` in the XML. */
  open: number;
  /** Index just after `<w:p …>` and its `<w:pPr>…</w:pPr>`: where the paragraph's content starts. */
  contentStart: number;
  /** Index of `</w:p>`. */
  close: number;
  /** Where the paragraph's text starts in its block's text. */
  textStart: number;
}

/** A paragraph outside tables, or a table cell: what a place names. */
export interface Block {
  where: string;
  /** Its text, XML entities decoded (a cell's paragraphs joined by spaces). */
  text: string;
  paragraphs: ParagraphSpan[];
  /** The range its text covers in the part's joined text. */
  rawStart: number;
  rawEnd: number;
}

interface Chunk {
  /** Offset in the part's joined text. */
  start: number;
  raw: string;
  block: Block;
  /** Where its decoded text starts in the block's text. */
  decodedStart: number;
}

/** One XML part as docxtemplater reads it. */
export interface PartScan {
  file: string;
  /** The contents of its text elements joined, still XML-escaped: what docxtemplater's offsets count. */
  text: string;
  blocks: Block[];
  chunks: Chunk[];
}

export function scanPart(file: string, xml: string): PartScan {
  const label = partLabel(file);
  const scan: PartScan = { file, text: '', blocks: [], chunks: [] };
  let inText = false;
  let paragraphDepth = 0;
  let tableDepth = 0;
  let paragraphs = 0;
  let tables = 0;
  let row = 0;
  let column = 0;
  let cell: Block | undefined;
  let paragraph: { block: Block; span: ParagraphSpan } | undefined;
  let loose: Block | undefined;
  const newBlock = (where: string): Block => {
    const block: Block = { where, text: '', paragraphs: [], rawStart: scan.text.length, rawEnd: scan.text.length };
    scan.blocks.push(block);
    return block;
  };
  for (const token of xml.matchAll(/<[^>]*>|[^<]+/g)) {
    const t = token[0];
    const at = token.index!;
    if (t[0] !== '<') {
      if (!inText) continue;
      const block = paragraph?.block ?? (loose ??= newBlock(label.loose));
      scan.chunks.push({ start: scan.text.length, raw: t, block, decodedStart: block.text.length });
      scan.text += t;
      block.text += decodeXml(t);
      block.rawEnd = scan.text.length;
      continue;
    }
    if (t[1] === '?' || t[1] === '!') continue;
    const closing = t[1] === '/';
    const selfClosing = t.endsWith('/>');
    const name = /^<\/?([^\s/>]+)/.exec(t)?.[1] ?? '';
    if (TEXT_ELEMENTS.has(name)) inText = !closing && !selfClosing;
    else if (name === 'w:p') {
      if (closing) {
        if (paragraphDepth === 1 && paragraph) {
          paragraph.span.close = at;
          paragraph.block.paragraphs.push(paragraph.span);
          paragraph = undefined;
        }
        paragraphDepth--;
      } else if (paragraphDepth === 0) {
        if (tableDepth === 0) paragraphs++;
        if (!selfClosing) {
          const block = tableDepth === 0 ? newBlock(label.within(say('paragraph {n}', { n: paragraphs }))) : (cell ??= newBlock(label.within(say('cell'))));
          if (block.text !== '') block.text += ' ';
          paragraph = { block, span: { open: at, contentStart: at + t.length, close: -1, textStart: block.text.length } };
          paragraphDepth = 1;
        }
      } else if (!selfClosing) paragraphDepth++;
    } else if (name === 'w:pPr' && closing && paragraphDepth === 1 && paragraph) paragraph.span.contentStart = at + t.length;
    else if (name === 'w:tbl' && !selfClosing) {
      if (closing) tableDepth--;
      else if (++tableDepth === 1) {
        tables++;
        row = 0;
      }
    } else if (name === 'w:tr' && tableDepth === 1 && !closing) {
      row++;
      column = 0;
    } else if (name === 'w:tc' && tableDepth === 1) {
      if (closing) cell = undefined;
      else cell = newBlock(label.within(say('table {table}, row {row}, column {column}', { table: tables, row, column: ++column })));
    }
  }
  return scan;
}

/** How a part's places are named: the body's plainly, others after the part ("header 1, paragraph 2"). */
function partLabel(file: string): { within: (place: string) => string; loose: string } {
  const after = (part: string) => (place: string) => say('{part}, {place}', { part, place });
  if (file === 'word/document.xml') return { within: (place) => place, loose: say('document') };
  const numbered = /^word\/(header|footer)(\d*)\.xml$/.exec(file);
  if (numbered) {
    const n = numbered[2] || '1';
    const header = numbered[1] === 'header';
    return { within: after(header ? say('header {n}', { n }) : say('footer {n}', { n })), loose: header ? say('header') : say('footer') };
  }
  const named = /^word\/(footnotes|endnotes|comments)\.xml$/.exec(file);
  if (named) {
    const part = named[1] === 'footnotes' ? say('footnotes') : named[1] === 'endnotes' ? say('endnotes') : say('comments');
    return { within: after(part), loose: part };
  }
  if (file.startsWith('docProps/')) return { within: after(say('document properties')), loose: say('document properties') };
  return { within: after(file), loose: file };
}

/** The block and position in its text of an offset in the part's joined text. */
function locate(scan: PartScan, offset: number): { block: Block; index: number } | undefined {
  const chunks = scan.chunks;
  let lo = 0;
  let hi = chunks.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const chunk = chunks[lo]!;
  return { block: chunk.block, index: chunk.decodedStart + decodeXml(chunk.raw.slice(0, Math.max(0, offset - chunk.start))).length };
}

/** The place of the tag at `offset`, with about 60 characters of its paragraph or cell around it. */
export function placeAt(scan: PartScan, offset: number, tag: string): TagPlace {
  const found = locate(scan, offset);
  if (!found) return { where: partLabel(scan.file).loose, around: '' };
  return { where: found.block.where, around: around(found.block.text, found.index, tag.length) };
}

const AROUND = 60;

/** About 60 characters of `text` around the tag at `index`, cut between words, marked "…" where cut. */
export function around(text: string, index: number, tagLength: number): string {
  if (text.length <= AROUND) return tidy(text);
  let start = Math.max(0, Math.min(index - 20, text.length - AROUND));
  let end = Math.min(text.length, Math.max(start + AROUND, index + tagLength));
  if (start > 0) start = wordStart(text, start, index);
  if (end < text.length) end = wordEnd(text, end, index + tagLength);
  return `${start > 0 ? '… ' : ''}${tidy(text.slice(start, end))}${end < text.length ? ' …' : ''}`;
}

/** `at` moved forward to a word's start, unless that would pass `limit`. */
function wordStart(text: string, at: number, limit: number): number {
  const space = text.indexOf(' ', at - 1);
  return space !== -1 && space < limit ? space + 1 : at;
}

/** `at` moved back to a word's end, unless that would cut before `limit`. */
function wordEnd(text: string, at: number, limit: number): number {
  const space = text.lastIndexOf(' ', at);
  return space >= limit ? space : at;
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The tag as written at `offset` (where docxtemplater points: its `{`, or the `}` of a tag never
 * opened), entities decoded: `{Ctiy}`, or `{Name` when it is never closed.
 */
export function tagAt(scan: PartScan, offset: number): string {
  const found = locate(scan, offset);
  const [from, to] = found ? [found.block.rawStart, found.block.rawEnd] : [0, scan.text.length];
  const text = scan.text;
  if (text[offset] === '}') {
    const start = Math.max(from, text.lastIndexOf('}', offset - 1) + 1, text.lastIndexOf('{', offset - 1) + 1);
    return decodeXml(text.slice(start, offset + 1)).trim();
  }
  const close = text.indexOf('}', offset);
  const nextOpen = text.indexOf('{', offset + 1);
  // docxtemplater reads a tag up to its `}` even in a later paragraph (and joins the paragraphs when filling).
  if (close !== -1 && (nextOpen === -1 || close < nextOpen)) return decodeXml(text.slice(offset, close + 1));
  const end = Math.min(to, nextOpen === -1 ? to : nextOpen);
  return decodeXml(text.slice(offset, end)).trim();
}

export function decodeXml(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g, (whole, dec, hex, named) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named as 'lt'] ?? whole;
  });
}

/** A problem with where docxtemplater saw it (for order and de-duplication). */
export interface Located {
  problem: TemplateProblem;
  file: string;
  offset: number;
}

/** The template's parts as they were before filling, read lazily: where a problem is. */
export class Places {
  private readonly originals: Record<string, PizZip.ZipObject>;
  private readonly scans = new Map<string, PartScan>();
  /** Characters Carnet added before the body's text (fill.ts's merge wrapper), taken off offsets. */
  bodyShift = 0;

  /** Taken before filling: docxtemplater replaces each part it fills with a new zip entry, the old one stays readable. */
  constructor(zip: PizZip) {
    this.originals = { ...zip.files };
  }

  scan(file: string): PartScan {
    let scan = this.scans.get(file);
    if (!scan) {
      scan = scanPart(file, this.originals[file]?.asText() ?? '');
      this.scans.set(file, scan);
    }
    return scan;
  }

  /** The tag as written at an offset of a part's joined text. */
  tagAt(file: string, offset: number): string {
    return tagAt(this.scan(file), this.shifted(file, offset));
  }

  private shifted(file: string, offset: number): number {
    return file === 'word/document.xml' ? Math.max(0, offset - this.bodyShift) : offset;
  }

  /** A problem at an offset of a part's joined text; `tag` when it is not the text found there. */
  at(file: string, offset: number, problem: Pick<TemplateProblem, 'kind' | 'message'>, tag?: string): Located {
    const shifted = this.shifted(file, offset);
    const scan = this.scan(file);
    const written = tag ?? tagAt(scan, shifted);
    return { problem: { tag: written, place: placeAt(scan, shifted, written), ...problem }, file, offset: shifted };
  }
}
