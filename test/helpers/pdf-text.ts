/**
 * PDF conversions by LibreOffice, and the text their pages draw: how a test tells that LibreOffice
 * drew a chart (its title and legend are words no cell holds).
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/** The file (a workbook, a document) converted to PDF by headless LibreOffice, in `dir` (with a private profile there). */
export function toPdf(file: string, dir: string): Buffer {
  const out = path.join(dir, 'pdf');
  // A private profile per run: parallel or leftover LibreOffice instances must not share one.
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
  return readFileSync(path.join(out, `${path.basename(file, path.extname(file))}.pdf`));
}

/**
 * The text a PDF's pages draw, one string per text-showing operator (Tj, TJ), joined by newlines.
 * Enough of PDF (ISO 32000-1) for what LibreOffice writes: indirect objects, FlateDecode streams,
 * simple fonts whose codes the font's ToUnicode CMap maps (bfchar, bfrange; §9.10.3), and the
 * `/Fn size Tf`, `<hex> Tj` and `[<hex> n <hex>] TJ` operators of content streams (§9.4.3).
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  for (const m of src.matchAll(/(\d+)\s+0\s+obj\b([\s\S]*?)\bendobj/g)) {
    const body = m[2]!;
    const s = /\bstream\r?\n/.exec(body);
    if (!s) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const start = m.index! + m[0].indexOf(body) + s.index + s[0].length;
    const end = src.lastIndexOf('endstream', m.index! + m[0].length);
    const raw = pdf.subarray(start, end);
    objects.set(Number(m[1]), { dict: body.slice(0, s.index), stream: /\/FlateDecode/.test(body.slice(0, s.index)) ? inflateSync(raw, { finishFlush: 2 }) : raw });
  }
  const ref = (dict: string, key: string) => {
    const r = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    return r ? objects.get(Number(r[1])) : undefined;
  };
  const cmaps = new Map<number, Map<string, string>>();
  const cmapOf = (font: number): Map<string, string> => {
    const known = cmaps.get(font);
    if (known) return known;
    const map = new Map<string, string>();
    const text = ref(objects.get(font)?.dict ?? '', 'ToUnicode')?.stream?.toString('latin1') ?? '';
    const unicode = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(p[1]!.toUpperCase(), unicode(p[2]!));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const [lo, hi, base] = [parseInt(p[1]!, 16), parseInt(p[2]!, 16), parseInt(p[3]!, 16)];
        for (let c = lo; c <= hi; c++) map.set(c.toString(16).toUpperCase().padStart(p[1]!.length, '0'), String.fromCharCode(base + c - lo));
      }
    }
    cmaps.set(font, map);
    return map;
  };
  const lines: string[] = [];
  for (const page of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(page.dict)) continue;
    const resources = ref(page.dict, 'Resources')?.dict ?? page.dict;
    const fontList = ref(resources, 'Font')?.dict ?? /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map([...fontList.matchAll(/\/([\w.-]+)\s+(\d+)\s+0\s+R/g)].map((f) => [f[1]!, Number(f[2])]));
    const content = ref(page.dict, 'Contents')?.stream?.toString('latin1') ?? '';
    let font = 0;
    for (const t of content.matchAll(/\/([\w.-]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9A-Fa-f\s]*)>\s*Tj/g)) {
      if (t[1] !== undefined) {
        font = fonts.get(t[1]) ?? 0;
        continue;
      }
      const map = cmapOf(font);
      const width = map.keys().next().value?.length ?? 2;
      const hexes = t[2] !== undefined ? [...t[2].matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((h) => h[1]!) : [t[3]!];
      let line = '';
      for (const h of hexes) {
        const codes = h.replace(/\s/g, '').toUpperCase();
        for (let i = 0; i < codes.length; i += width) line += map.get(codes.slice(i, i + width)) ?? '';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
