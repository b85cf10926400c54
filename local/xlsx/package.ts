/**
 * An .xlsx package (Open Packaging Conventions, ECMA-376 Part 2) held as its zip entries: parts
 * are inflated only when read, changed parts are kept as text until the save, and every other
 * entry is written back with its original compressed bytes. Part names are case-insensitive
 * (OPC §9.1.1.1), so lookups fold case while the names written keep theirs.
 */

import nodePath from 'node:path/posix';
import { inflateEntry, readZip, type ZipEntry } from './zip/read.js';
import { deflateInPieces, type Piece } from './zip/pieces.js';
import { writeZip, type ZipOutput } from './zip/write.js';
import { attribute, findAll, findElement, withAttribute } from './xml/tags.js';
import { escapeAttribute } from './xml/text.js';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The part it points to (resolved, without a leading slash); '' for external targets. */
  path: string;
}

/** Relationship types, transitional (what Excel and LibreOffice write) and strict. */
export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
} as const;

/** The last path segment of a relationship type, which transitional and strict types share. */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
} as const;

const CONTENT_TYPES = '[Content_Types].xml';

export class XlsxPackage {
  /** Entries of the archive read, by folded name. */
  private entries = new Map<string, ZipEntry>();
  /** Names in archive order, as written; new parts are added at the end. */
  private order: string[] = [];
  private readonly texts = new Map<string, string>();
  /** Parts changed or added since the archive was read, by folded name. */
  private readonly changed = new Map<string, string | Buffer>();
  private readonly removed = new Set<string>();

  private constructor(entries: ZipEntry[]) {
    this.rebase(entries);
  }

  /**
   * Strict Open XML (ECMA-376 Part 1 strict conformance, "Strict Open XML Spreadsheet" in Excel)
   * names the same things with other URIs; parts and relationships Carnet adds must use them too.
   */
  get strict(): boolean {
    if (this.strictness === undefined) {
      const root = this.textOrUndefined('_rels/.rels') ?? '';
      this.strictness = /Type\s*=\s*"http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships\/officeDocument"/.test(root);
    }
    return this.strictness;
  }

  private strictness: boolean | undefined;

  /** A transitional namespace or relationship type as this package spells it (see `strict`). */
  uri(transitional: string): string {
    if (!this.strict) return transitional;
    return transitional
      .replace('http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main')
      .replace('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships');
  }

  /** XML of a part Carnet makes, its namespaces as this package spells them. */
  spelled(xml: string): string {
    if (!this.strict) return xml;
    return xml.replace(/"http:\/\/schemas\.openxmlformats\.org\/(spreadsheetml\/2006\/main|officeDocument\/2006\/relationships)"/g, (m) => `"${this.uri(m.slice(1, -1))}"`);
  }

  static open(buffer: Buffer): XlsxPackage {
    return new XlsxPackage(readZip(buffer));
  }

  /** A package made of the given parts only (a new workbook). */
  static of(parts: [string, string][]): XlsxPackage {
    const p = new XlsxPackage([]);
    for (const [name, text] of parts) p.write(name, text);
    return p;
  }

  /** True when something changed since the archive was read or last saved. */
  get dirty(): boolean {
    return this.changed.size > 0 || this.removed.size > 0;
  }

  has(path: string): boolean {
    const k = fold(path);
    return !this.removed.has(k) && (this.changed.has(k) || this.entries.has(k));
  }

  /** Every part, in archive order. */
  paths(): string[] {
    return this.order.filter((n) => !this.removed.has(fold(n)));
  }

  bytes(path: string): Buffer {
    const k = fold(path);
    if (this.removed.has(k)) throw new Error(`no part ${path}`);
    const c = this.changed.get(k);
    if (c !== undefined) return typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    const e = this.entries.get(k);
    if (!e) throw new Error(`no part ${path}`);
    return inflateEntry(e);
  }

  /** A part as text (XML parts are UTF-8 or, rarely, UTF-16 with a byte order mark). */
  text(path: string): string {
    const k = fold(path);
    const c = this.changed.get(k);
    if (typeof c === 'string') return c;
    const cached = this.texts.get(k);
    if (cached !== undefined && !this.removed.has(k)) return cached;
    const b = this.bytes(path);
    let t: string;
    if (b[0] === 0xff && b[1] === 0xfe) t = b.subarray(2).toString('utf16le');
    else if (b[0] === 0xfe && b[1] === 0xff) t = Buffer.from(b.subarray(2)).swap16().toString('utf16le');
    else t = b.toString('utf8').replace(/^\uFEFF/, '');
    this.texts.set(k, t);
    return t;
  }

  textOrUndefined(path: string): string | undefined {
    return this.has(path) ? this.text(path) : undefined;
  }

  /** Replaces (or adds) a part; text parts are written as UTF-8, so a UTF-16 declaration is corrected. */
  write(path: string, content: string | Buffer): void {
    const k = fold(path);
    this.removed.delete(k);
    if (!this.entries.has(k) && !this.changed.has(k)) this.order.push(path);
    const value = typeof content === 'string' ? content.replace(/^(<\?xml[^>]*encoding=")UTF-16(")/i, '$1UTF-8$2') : content;
    this.changed.set(k, value);
    if (typeof value === 'string') this.texts.set(k, value);
    else this.texts.delete(k);
  }

  remove(path: string): void {
    const k = fold(path);
    this.changed.delete(k);
    this.texts.delete(k);
    if (this.entries.has(k)) this.removed.add(k);
    else this.order = this.order.filter((n) => fold(n) !== k);
  }

  /**
   * The archive: unchanged entries copied as they were, changed ones deflated — in pieces, reusing
   * the pieces the last save deflated where the content is the same (zip/pieces.ts).
   */
  async serialize(): Promise<Buffer[]> {
    const names = this.order.filter((n) => !this.removed.has(fold(n)));
    const outputs: ZipOutput[] = await Promise.all(
      names.map(async (name): Promise<ZipOutput> => {
        const k = fold(name);
        const c = this.changed.get(k);
        if (c === undefined) return { copy: this.entries.get(k)! };
        const content = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
        const d = await deflateInPieces(content, this.pieces.get(k));
        this.pieces.set(k, d.pieces);
        return { name: this.entries.get(k)?.name ?? name, size: content.length, crc: d.crc, data: d.data };
      }),
    );
    return writeZip(outputs);
  }

  /** The pieces each part was last deflated in (see zip/pieces.ts), kept across saves. */
  private readonly pieces = new Map<string, Piece[]>();

  /** After a save: the archive written becomes the one read, so the next save copies those parts as they are. */
  saved(buffer: Buffer): void {
    this.rebase(readZip(buffer));
  }

  private rebase(entries: ZipEntry[]): void {
    this.entries = new Map(entries.map((e) => [fold(e.name), e]));
    this.order = entries.map((e) => e.name);
    this.changed.clear();
    this.removed.clear();
    // Decoded texts stay valid: the new archive holds the same content.
  }

  // ---------------------------------------------------------------------------------------------
  // Relationships and content types

  /** The relationships of a part ('' for the package's own), targets resolved to part names. */
  rels(part: string): Relationship[] {
    const xml = this.textOrUndefined(relsPath(part));
    if (!xml) return [];
    return findAll(xml, 'Relationship').map((e) => {
      const target = attribute(e.tag, 'Target') ?? '';
      const external = attribute(e.tag, 'TargetMode') === 'External';
      return { id: attribute(e.tag, 'Id') ?? '', type: attribute(e.tag, 'Type') ?? '', target, external, path: external ? '' : resolveTarget(part, target) };
    });
  }

  /** The first relationship of `part` of this kind (see relKind). */
  rel(part: string, kind: string): Relationship | undefined {
    return this.rels(part).find((r) => relKind(r.type) === kind);
  }

  /** Adds a relationship from `part` to `target` (a part name); returns its new id. */
  addRel(part: string, type: string, target: string): string {
    const path = relsPath(part);
    let xml =
      this.textOrUndefined(path) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const taken = new Set(this.rels(part).map((r) => r.id));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const relative = nodePath.relative(nodePath.dirname(part || '/'), target) || target;
    const entry = `<Relationship Id="${id}" Type="${escapeAttribute(this.uri(type))}" Target="${escapeAttribute(relative)}"/>`;
    xml = xml.replace(/<Relationships([^>]*)\/>/, '<Relationships$1></Relationships>');
    const close = xml.lastIndexOf('</');
    this.write(path, `${xml.slice(0, close)}${entry}${xml.slice(close)}`);
    return id;
  }

  removeRel(part: string, id: string): void {
    const path = relsPath(part);
    const xml = this.textOrUndefined(path);
    if (!xml) return;
    const e = findAll(xml, 'Relationship').find((x) => attribute(x.tag, 'Id') === id);
    if (e) this.write(path, xml.slice(0, e.start) + xml.slice(e.end));
  }

  /** Declares a part's content type (an Override), unless a Default for its extension says the same. */
  setContentType(part: string, type: string): void {
    let xml = this.text(CONTENT_TYPES);
    const name = `/${part}`;
    const ext = nodePath.extname(part).slice(1).toLowerCase();
    const existing = findAll(xml, 'Override').find((e) => fold(attribute(e.tag, 'PartName') ?? '') === fold(name));
    if (existing) {
      if (attribute(existing.tag, 'ContentType') === type) return;
      xml = xml.slice(0, existing.start) + withAttribute(existing.tag, 'ContentType', type) + xml.slice(existing.end);
    } else {
      const byDefault = findAll(xml, 'Default').find((e) => (attribute(e.tag, 'Extension') ?? '').toLowerCase() === ext);
      if (byDefault && attribute(byDefault.tag, 'ContentType') === type) return;
      const close = xml.lastIndexOf('</');
      xml = `${xml.slice(0, close)}<Override PartName="${escapeAttribute(name)}" ContentType="${escapeAttribute(type)}"/>${xml.slice(close)}`;
    }
    this.write(CONTENT_TYPES, xml);
  }

  /** Declares a Default content type for an extension, when none is declared. */
  setDefaultContentType(extension: string, type: string): void {
    const xml = this.text(CONTENT_TYPES);
    if (findAll(xml, 'Default').some((e) => (attribute(e.tag, 'Extension') ?? '').toLowerCase() === extension.toLowerCase())) return;
    const first = findElement(xml, 'Default') ?? findElement(xml, 'Override');
    const entry = `<Default Extension="${escapeAttribute(extension)}" ContentType="${escapeAttribute(type)}"/>`;
    const at = first ? first.start : xml.lastIndexOf('</');
    this.write(CONTENT_TYPES, xml.slice(0, at) + entry + xml.slice(at));
  }

  removeContentType(part: string): void {
    const xml = this.text(CONTENT_TYPES);
    const e = findAll(xml, 'Override').find((x) => fold(attribute(x.tag, 'PartName') ?? '') === fold(`/${part}`));
    if (e) this.write(CONTENT_TYPES, xml.slice(0, e.start) + xml.slice(e.end));
  }

  /** A part name not used yet, `xl/worksheets/sheet7.xml` from `xl/worksheets/sheet`, `.xml`. */
  freeName(stem: string, extension: string): string {
    for (let n = 1; ; n++) {
      const name = `${stem}${n}${extension}`;
      if (!this.has(name)) return name;
    }
  }
}

export function fold(path: string): string {
  return path.replace(/^\//, '').toLowerCase();
}

/** The relationships part of a part: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`. */
export function relsPath(part: string): string {
  if (part === '') return '_rels/.rels';
  return nodePath.join(nodePath.dirname(part), '_rels', `${nodePath.basename(part)}.rels`);
}

/** A relationship's target as a part name, relative to the source part's folder unless absolute. */
export function resolveTarget(source: string, target: string): string {
  const t = decodeURI(target.replace(/\\/g, '/'));
  if (t.startsWith('/')) return nodePath.normalize(t).slice(1);
  return nodePath.normalize(nodePath.join(nodePath.dirname(source || '/'), t)).replace(/^\//, '');
}
