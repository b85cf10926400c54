/**
 * Text in OOXML parts: XML escaping, and OOXML's own `_xHHHH_` escape (ECMA-376 Part 1,
 * 22.9.2.19 ST_Xstring) for characters XML cannot hold (control characters) or would change
 * (a CR becomes LF through XML end-of-line handling). A literal `_x000D_` typed by a person is
 * written `_x005F_x000D_` so that it reads back as typed.
 */

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}

/** Text content: `&`, `<` and `>` (the last for `]]>`). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** An attribute value, for double quotes; tabs and newlines as references so they survive normalisation. */
export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c]!);
}

// eslint-disable-next-line no-control-regex
const NEEDS_X_ESCAPE = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/** ST_Xstring escaping, then XML escaping: what goes between `<t>` and `</t>`. */
export function escapeCellText(s: string): string {
  let out = s;
  if (NEEDS_X_ESCAPE.test(out)) {
    out = out
      .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  }
  return escapeXml(out);
}

/** The inverse of escapeCellText, from the raw XML text. */
export function unescapeCellText(raw: string): string {
  const s = unescapeXml(raw);
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `<t>` needs `xml:space="preserve"` for leading or trailing white space, or readers trim it. */
export function needsPreserve(s: string): boolean {
  return s.length > 0 && (/^\s/.test(s) || /\s$/.test(s));
}
