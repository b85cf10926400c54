/**
 * A report's chart, written by the .xlsx host, as other programs see it:
 *
 * - On the preservation corpus (a team's CRM from Excel and from LibreOffice, each with a chart of
 *   its own on Dashboard), Carnet adds a report's sheet with a table, formats and a chart; the file
 *   reopens in Carnet with the chart, and every other sheet and part is as it was (the inventory
 *   of test/interop/preservation.test.ts, Carnet's new sheet and parts set aside).
 * - LibreOffice draws it. The workbook goes to PDF (`soffice --headless --convert-to pdf`) and
 *   the text the pages draw is read back (below: the fonts' ToUnicode maps applied to the content
 *   streams' strings). The chart's title and its series' names (drawn by the legend) are words no
 *   cell holds, and the same workbook without the chart, converted alike, does not show them: so
 *   they come from the chart being drawn, not from cells. Axis labels are not used: they are
 *   numbers and categories the cells hold too.
 *
 * How the PDF check could fail although the chart is fine: a LibreOffice that draws chart text as
 * outlines instead of text, or embeds fonts without a ToUnicode map (then no text reads back), or
 * compresses content streams other than with FlateDecode; LibreOffice 7.4 does none of these. It
 * cannot pass while the chart is not drawn: a chart LibreOffice fails to import leaves an empty
 * frame, or nothing, and no title or legend text.
 */

import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChartSpec, Grid } from '../../core/workbook.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { requireProgram } from '../helpers/programs.js';
import { diffInventories, ignoringCachedValues, ignoringParts, inventory, type Inventory } from '../helpers/xlsx-inventory.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/preservation');
const HAS_SOFFICE = requireProgram('soffice', 'drawing a report chart in LibreOffice (PDF)');

const TITLE = 'Units shipped per quarter';
const SERIES = ['First quarter units', 'Second quarter units'];

const TABLE: Grid = [
  ['Shipments', null, null],
  ['Product', 'Q1', 'Q2'],
  ['Chairs', 30, 50],
  ['Desks', 10, 25],
  ['Lamps', 22, 8],
];

const CHART: ChartSpec = {
  name: 'Carnet: Units shipped',
  kind: 'bar',
  title: TITLE,
  anchor: { row: 6, column: 0, width: 480, height: 288 },
  categories: { top: 2, left: 0, bottom: 4, right: 0 },
  series: SERIES.map((name, i) => ({ name, values: { top: 2, left: 1 + i, bottom: 4, right: 1 + i } })),
};

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-report-chart-'));
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

/** A copy of a corpus file with a report's sheet: the table, its formats and, unless told not to, the chart. */
async function withReport(fixture: string, name: string, chart = true): Promise<string> {
  const file = path.join(dir, name);
  await fs.copyFile(path.join(FIXTURES, fixture), file);
  const wb = await XlsxWorkbook.open(file);
  await wb.transaction(async () => {
    await wb.ensureSheet('Report');
    await wb.write('Report', 0, 0, TABLE);
    await wb.formatSheet('Report', { frozenRows: 2, bold: [{ top: 1, left: 0, bottom: 1, right: 2 }], widths: [{ column: 0, width: 18 }] });
    if (chart) await wb.charts('Report', [CHART]);
  });
  return file;
}

/** What every save that changes cells does (test/interop/preservation.test.ts): calcPr fullCalcOnLoad, no calculation chain. */
function asCarnetSaves(inv: Inventory): Inventory {
  const workbook = { ...inv.workbook, calcPr: { ...(inv.workbook.calcPr ?? {}), fullCalcOnLoad: '1' } };
  const dropped = ignoringParts({ ...inv, workbook }, ['xl/calcChain.xml']);
  return { ...dropped, workbook: { ...dropped.workbook, relationships: (dropped.workbook.relationships ?? []).filter((r) => !/calcChain/.test(r)) } };
}

for (const fixture of ['excel-crm.xlsx', 'libreoffice-crm.xlsx']) {
  describe(`A report's chart added to ${fixture}`, () => {
    it("reopens in Carnet with the chart, and leaves every other sheet and part as it was, the team's chart included", async () => {
      const before = await inventory(await fs.readFile(path.join(FIXTURES, fixture)));
      const file = await withReport(fixture, 'book.xlsx');
      const after = await inventory(await fs.readFile(file));
      const again = await XlsxWorkbook.open(file);
      expect(await again.read('Report')).toEqual(TABLE);
      expect((await again.storedReport('Report', [])).charts).toEqual([{ kind: 'bar', title: TITLE, series: 2 }]);
      // Carnet's own sheet and the parts it added for it (the sheet, its drawing and chart, their relationships) are compared apart.
      const team = new Set(before.sheets.map((s) => s.name));
      const added = Object.keys(after.parts).filter((p) => !(p in before.parts));
      expect(added.filter((p) => !/^xl\/(worksheets|drawings|charts|sharedStrings)|\.rels$/.test(p))).toEqual([]);
      const actual = ignoringParts({ ...after, sheets: after.sheets.filter((s) => team.has(s.name)) }, added);
      expect(diffInventories(ignoringCachedValues(asCarnetSaves(before)), ignoringCachedValues(actual))).toEqual([]);
    });

    it.runIf(HAS_SOFFICE)('is drawn by LibreOffice: its title and its series’ names are in the PDF’s text, and not without the chart', async () => {
      const shown = pdfText(toPdf(await withReport(fixture, 'charted.xlsx')));
      const control = pdfText(toPdf(await withReport(fixture, 'plain.xlsx', false)));
      for (const words of [TITLE, ...SERIES]) {
        expect(shown, words).toContain(words);
        expect(control, words).not.toContain(words);
      }
      // The team's own chart is drawn in both.
      expect(shown).toContain('Revenue by city');
    }, 180_000);
  });
}

function toPdf(file: string): Buffer {
  const out = path.join(dir, 'pdf');
  // A private profile per run: parallel or leftover LibreOffice instances must not share one.
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
  return readFileSync(path.join(out, `${path.basename(file, '.xlsx')}.pdf`));
}

/**
 * The text a PDF's pages draw, one string per text-showing operator (Tj, TJ), joined by newlines.
 * Enough of PDF (ISO 32000-1) for what LibreOffice writes: indirect objects, FlateDecode streams,
 * simple fonts whose codes the font's ToUnicode CMap maps (bfchar, bfrange; §9.10.3), and the
 * `/Fn size Tf`, `<hex> Tj` and `[<hex> n <hex>] TJ` operators of content streams (§9.4.3).
 */
function pdfText(pdf: Buffer): string {
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
