/**
 * The package under an .xlsx (Open Packaging Conventions): its parts, their content types, and the
 * relationships between them, with targets resolved to part paths.
 *
 * The inventory describes most parts feature by feature; the package remembers which feature
 * described each part, so that every part nobody described is still listed, by path, with a hash.
 */

import JSZip from 'jszip';
import { canonical, hash, parseXml, attr, children, type XmlElement } from './xlsx-inventory-xml.js';

export interface Relationship {
  id: string;
  /** The last segment of the relationship type URI: `worksheet`, `hyperlink`, `image`, … */
  type: string;
  /** A part path inside the package (no leading slash), or the URL of an external target. */
  target: string;
  external: boolean;
}

export class Package {
  private readonly xmlCache = new Map<string, XmlElement | null>();
  private readonly lowerPaths = new Map<string, string>();
  /** Part path → the feature that describes it. */
  readonly described = new Map<string, string>();
  private defaults = new Map<string, string>();
  private overrides = new Map<string, string>();

  private constructor(readonly files: Map<string, Uint8Array>) {
    for (const path of files.keys()) this.lowerPaths.set(path.toLowerCase(), path);
    const types = this.xml('[Content_Types].xml');
    for (const d of children(types, 'Default', CT)) this.defaults.set((attr(d, 'Extension') ?? '').toLowerCase(), attr(d, 'ContentType') ?? '');
    for (const o of children(types, 'Override', CT)) this.overrides.set((attr(o, 'PartName') ?? '').replace(/^\//, '').toLowerCase(), attr(o, 'ContentType') ?? '');
    this.describe('[Content_Types].xml', 'the content type of each part');
  }

  static async open(bytes: Uint8Array): Promise<Package> {
    const zip = await JSZip.loadAsync(bytes);
    const files = new Map<string, Uint8Array>();
    for (const entry of Object.values(zip.files)) {
      if (!entry.dir) files.set(entry.name, await entry.async('uint8array'));
    }
    return new Package(files);
  }

  /** The path as stored, found case-insensitively (part names are case-insensitive in OPC). */
  path(path: string): string | undefined {
    return this.lowerPaths.get(path.toLowerCase());
  }

  has(path: string): boolean {
    return this.path(path) !== undefined;
  }

  bytes(path: string): Uint8Array | undefined {
    const p = this.path(path);
    return p === undefined ? undefined : this.files.get(p);
  }

  text(path: string): string | undefined {
    const b = this.bytes(path);
    return b === undefined ? undefined : new TextDecoder('utf-8').decode(b);
  }

  contentType(path: string): string {
    const override = this.overrides.get(path.toLowerCase());
    if (override !== undefined) return override;
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    return this.defaults.get(ext) ?? '';
  }

  /** The parsed part, or undefined when it is missing or not well-formed XML. */
  xml(path: string): XmlElement | undefined {
    const p = this.path(path);
    if (p === undefined) return undefined;
    if (!this.xmlCache.has(p)) {
      let parsed: XmlElement | null = null;
      try {
        parsed = parseXml(this.text(p)!);
      } catch {
        parsed = null;
      }
      this.xmlCache.set(p, parsed);
    }
    return this.xmlCache.get(p) ?? undefined;
  }

  /** The relationships of a part (`''` for the package's own, `_rels/.rels`). */
  relationships(source: string): Relationship[] {
    const dir = source.slice(0, source.lastIndexOf('/') + 1);
    const rels = this.xml(relsPathOf(source));
    return children(rels, 'Relationship', RELS).map((r) => {
      const external = attr(r, 'TargetMode') === 'External';
      const target = attr(r, 'Target') ?? '';
      return {
        id: attr(r, 'Id') ?? '',
        type: (attr(r, 'Type') ?? '').replace(/^.*\//, ''),
        target: external ? target : resolvePath(dir, target),
        external,
      };
    });
  }

  relationship(source: string, id: string): Relationship | undefined {
    return this.relationships(source).find((r) => r.id === id);
  }

  describe(path: string, by: string): void {
    const p = this.path(path);
    if (p !== undefined && !this.described.has(p)) this.described.set(p, by);
  }

  /** Hash of a part's canonical XML, or of its bytes when it is not XML. */
  hashOf(path: string): string {
    const xml = this.xml(path);
    if (xml) return hash(canonical(xml));
    return hash(this.bytes(path) ?? new Uint8Array());
  }

  /**
   * For canonical XML of a described part: a relationship id replaced by what it points at (the
   * relationship type and the target's hash, or the external URL), so that renumbered ids compare
   * equal and a changed target does not. The target counts as described by `by`.
   */
  resolver(source: string, by: string): (id: string) => string {
    return (id) => {
      const rel = this.relationship(source, id);
      if (!rel) return `missing:${id}`;
      if (rel.external) return `${rel.type}:${rel.target}`;
      if (!this.has(rel.target)) return `${rel.type}:missing:${rel.target}`;
      this.describe(rel.target, by);
      return `${rel.type}:${this.hashOf(rel.target)}`;
    };
  }
}

const CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** `../drawings/drawing1.xml` from `xl/worksheets/` → `xl/drawings/drawing1.xml`. */
export function resolvePath(dir: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    // A target that is not valid percent-encoding is taken as written.
  }
  const parts = (decoded.startsWith('/') ? decoded.slice(1) : dir + decoded).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export function relsPathOf(source: string): string {
  const slash = source.lastIndexOf('/');
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
}
