/**
 * The preservation corpus and the inventory that compares it: each fixture holds the features
 * its README lists; the inventory is semantic (a re-zipped file is the same file); the diff
 * fails when something changes (a LibreOffice round trip is caught); afterRowDeletion says what
 * LibreOffice does when it deletes rows.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';
import {
  afterRowDeletion,
  diffInventories,
  ignoringCachedValues,
  ignoringParts,
  ignoringProperties,
  inventory,
  withoutCells,
  type Inventory,
} from '../helpers/xlsx-inventory.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/preservation/', import.meta.url));
const FILES = ['excel-crm.xlsx', 'libreoffice-crm.xlsx'] as const;
const bytes = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));

/** The raw XML of a package's parts, for the few features that are about how a file is written. */
type Raw = Map<string, string>;

async function raw(data: Uint8Array): Promise<Raw> {
  const zip = await JSZip.loadAsync(data);
  const out: Raw = new Map();
  for (const f of Object.values(zip.files)) if (!f.dir && /\.(xml|rels|vml)$/.test(f.name)) out.set(f.name, await f.async('string'));
  return out;
}

const cells = (inv: Inventory) => inv.sheets.flatMap((s) => Object.values(s.cells));
const formulas = (inv: Inventory) => cells(inv).flatMap((c) => (c.formula === undefined ? [] : [c.formula]));
const sheetsOf = (inv: Inventory) => inv.sheets;
const names = (inv: Inventory) => Object.keys(inv.workbook.definedNames);
const styles = (inv: Inventory) => cells(inv).map((c) => c.style);
const worksheetsXml = (r: Raw) => [...r].filter(([p]) => p.startsWith('xl/worksheets/') && p.endsWith('.xml')).map(([, x]) => x);

/** Each feature the README may list, and how its presence shows in an inventory. */
const FEATURES: Record<string, (inv: Inventory, raw: Raw) => boolean> = {
  formulas: (inv) => formulas(inv).length > 0,
  'formulas.cross-sheet': (inv) => inv.sheets.some((s) => Object.values(s.cells).some((c) => inv.sheets.some((o) => o !== s && c.formula?.includes(`${o.name}!`)))),
  'formulas.absolute-relative': (inv) => formulas(inv).some((f) => /\$[A-Z]+\$\d+/.test(f) && /(?<![$A-Z])[A-Z]+\d+/.test(f)),
  'formulas.whole-column': (inv) => formulas(inv).some((f) => /(?<![\w$])\$?[A-Z]{1,3}:\$?[A-Z]{1,3}(?![\w(])/.test(f)),
  'formulas.shared': (_inv, r) => worksheetsXml(r).some((x) => /<f t="shared" ref="[^"]+" si="\d+">[^<]+<\/f>/.test(x) && /<f t="shared" si="\d+"\/>/.test(x)),
  'formulas.structured-references': (inv) => formulas(inv).some((f) => /\w\[(\[#This Row\],)?\[?[\w ]+\]?\]/.test(f)),
  'styles.fonts': (inv) => styles(inv).some((s) => s.font.b === true) && styles(inv).some((s) => s.font.i === true),
  'styles.fills': (inv) => styles(inv).some((s) => s.fill.patternType === 'solid'),
  'styles.borders': (inv) => styles(inv).some((s) => Object.keys(s.border).length > 0),
  'styles.number-formats': (inv) => new Set(styles(inv).map((s) => s.numberFormat)).size >= 4,
  'styles.alignment': (inv) => styles(inv).some((s) => s.alignment.wrapText === '1') && styles(inv).some((s) => s.alignment.horizontal === 'center'),
  'styles.cell-protection': (inv) => styles(inv).some((s) => !s.protection.locked),
  'styles.named': (inv) => styles(inv).some((s) => s.cellStyle !== undefined && s.cellStyle !== 'Normal' && s.cellStyle !== 'Default'),
  merges: (inv) => sheetsOf(inv).filter((s) => s.merges.length > 0).length >= 2,
  'conditional-formats': (inv) => sheetsOf(inv).some((s) => s.conditionalFormats.some((c) => c.source === 'main' && c.rules.length > 0)),
  'conditional-formats.x14': (inv) => sheetsOf(inv).some((s) => s.conditionalFormats.some((c) => c.source === 'x14')),
  'data-validations': (inv) => sheetsOf(inv).some((s) => s.dataValidations.some((v) => v.attributes.type !== 'list' && v.formula1 !== undefined)),
  'data-validations.list': (inv) => sheetsOf(inv).some((s) => s.dataValidations.some((v) => v.attributes.type === 'list' && v.formula1?.includes('!'))),
  'data-validations.x14': (inv) => sheetsOf(inv).some((s) => s.dataValidations.some((v) => v.source === 'x14')),
  'named-ranges': (inv) => names(inv).some((n) => !n.includes('!')),
  'named-ranges.sheet-scoped': (inv) => names(inv).some((n) => n.includes('!') && !n.includes('_xlnm.')),
  notes: (inv) => sheetsOf(inv).some((s) => Object.values(s.comments).filter((c) => c.author.trim() !== '' && c.text !== '' && c.shape).length >= 2),
  'hyperlinks.external': (inv) => sheetsOf(inv).some((s) => Object.values(s.hyperlinks).some((h) => h.target?.startsWith('https://') && h.display !== undefined && h.display !== h.target)),
  'hyperlinks.internal': (inv) => sheetsOf(inv).some((s) => Object.values(s.hyperlinks).some((h) => h.location !== undefined && h.target === undefined)),
  images: (inv) => sheetsOf(inv).some((s) => s.drawings.some((d) => d.kind === 'picture' && d.image !== undefined && /^[0-9a-f]{16}$/.test(d.image))),
  charts: (inv) => sheetsOf(inv).some((s) => s.drawings.some((d) => d.kind === 'chart' && d.chart?.includes('<c:f>'))),
  'pivot-table': (inv) => sheetsOf(inv).some((s) => s.pivotTables.some((p) => p.cache.source.sheet === 'Clients' && p.cache.records !== undefined)),
  table: (inv) => sheetsOf(inv).some((s) => s.tables.some((t) => t.columns.slice(0, 4).join() === 'ID,Name,Email,City' && t.autoFilter !== undefined)),
  'table.calculated-column': (inv) => sheetsOf(inv).some((s) => s.tables.some((t) => t.xml.includes('calculatedColumnFormula'))),
  autofilter: (inv) => sheetsOf(inv).some((s) => s.autoFilter !== undefined && inv.workbook.definedNames[`${s.name}!_xlnm._FilterDatabase`]?.hidden === true),
  shapes: (inv) => sheetsOf(inv).some((s) => s.drawings.some((d) => d.kind === 'shape' && !d.xml.includes('txBox="1"') && (d.text ?? '') !== '')),
  'text-boxes': (inv) => sheetsOf(inv).some((s) => s.drawings.some((d) => d.kind === 'shape' && d.xml.includes('txBox="1"') && (d.text ?? '') !== '')),
  'sheet-protection.password': (inv) => sheetsOf(inv).some((s) => s.protection?.sheet === '1' && (s.protection.password !== undefined || s.protection.hashValue !== undefined)),
  'sheet-protection.sha512': (inv) =>
    sheetsOf(inv).some((s) => s.protection?.algorithmName === 'SHA-512' && s.protection.hashValue && s.protection.saltValue && s.protection.spinCount === '100000'),
  'workbook-protection': (inv) => inv.workbook.protection?.lockStructure === '1' && inv.workbook.protection.workbookHashValue !== undefined,
  'custom-properties': (inv) => Object.keys(inv.workbook.properties.custom).length >= 3,
  'core-properties': (inv) => inv.workbook.properties.core['dc:creator'] === 'Ana Martin',
  'app-properties': (inv) => inv.workbook.properties.app.Application !== undefined,
  'print-area': (inv) => names(inv).some((n) => n.endsWith('!_xlnm.Print_Area')),
  'print-titles': (inv) => names(inv).some((n) => n.endsWith('!_xlnm.Print_Titles')),
  'page-setup': (inv) => sheetsOf(inv).some((s) => s.print.pageSetup !== undefined && s.print.pageMargins !== undefined),
  'printer-settings': (inv) => Object.values(inv.parts).some((p) => p.contentType.endsWith('printerSettings')),
  'outline-rows': (inv) => sheetsOf(inv).some((s) => Object.values(s.rows).some((r) => r.outlineLevel === 1)),
  'frozen-panes': (inv) => sheetsOf(inv).some((s) => s.views.some((v) => v.pane?.state === 'frozen')),
  'hidden-rows': (inv) => sheetsOf(inv).some((s) => Object.values(s.rows).some((r) => r.hidden)),
  'hidden-columns': (inv) => sheetsOf(inv).some((s) => Object.values(s.columns).some((c) => c.hidden)),
  'hidden-sheet': (inv) => sheetsOf(inv).some((s) => s.state === 'hidden'),
  'column-widths': (inv) => sheetsOf(inv).some((s) => Object.values(s.columns).some((c) => c.customWidth && c.width !== undefined)),
  'row-heights': (inv) => sheetsOf(inv).some((s) => Object.values(s.rows).some((r) => r.customHeight && r.height !== undefined)),
  sparklines: (inv) => sheetsOf(inv).some((s) => s.sparklineGroups.some((g) => g.sparklines.length > 0)),
  theme: (inv) => inv.workbook.theme !== undefined,
  'calc-chain': (inv) => Object.keys(inv.parts).includes('xl/calcChain.xml'),
  'mc-ignorable': (_inv, r) => worksheetsXml(r).every((x) => /mc:Ignorable="[^"]*x14ac[^"]*"/.test(x) && /mc:Ignorable="[^"]*\bxr\b[^"]*"/.test(x)),
};

/** The backticked features of each `## file` section's table in the README. */
function readmeFeatures(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let file: string | undefined;
  for (const line of readFileSync(join(FIXTURES, 'README.md'), 'utf8').split('\n')) {
    const heading = /^## (\S+\.xlsx)\s*$/.exec(line);
    if (heading) file = heading[1];
    else if (line.startsWith('## ')) file = undefined;
    const row = /^\| `([\w.-]+)` \|/.exec(line);
    if (file && row) out.set(file, [...(out.get(file) ?? []), row[1]!]);
  }
  return out;
}

/** The same package with its entries in reverse order, alternately stored and deflated at level 9. */
async function rezipped(data: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  const out = new JSZip();
  const entries = Object.values(zip.files).filter((f) => !f.dir).reverse();
  for (const [i, f] of entries.entries()) {
    out.file(f.name, await f.async('uint8array'), i % 2 ? { compression: 'STORE' } : { compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }
  return out.generateAsync({ type: 'uint8array' });
}

/** The worksheet part of a sheet, by name. */
function sheetPart(inv: Inventory, sheet: string): string {
  return Object.entries(inv.parts).find(([, p]) => p.describedBy === `sheet ${sheet}` && p.contentType.endsWith('worksheet+xml'))![0];
}

/** The package with one part's text changed. */
async function patched(data: Uint8Array, path: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  const before = await zip.file(path)!.async('string');
  const after = edit(before);
  expect(after, `the edit of ${path} changed nothing`).not.toBe(before);
  zip.file(path, after);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('preservation corpus', () => {
  const listed = readmeFeatures();

  it('lists, between its fixtures, every feature the inventory test knows', () => {
    expect([...listed.keys()].sort()).toEqual([...FILES].sort());
    const covered = new Set([...listed.values()].flat());
    expect(Object.keys(FEATURES).filter((f) => !covered.has(f))).toEqual([]);
  });

  describe.each(FILES)('%s', (file) => {
    let inv: Inventory;
    beforeAll(async () => {
      inv = await inventory(bytes(file));
    });

    it('holds every feature its README lists', async () => {
      const r = await raw(bytes(file));
      const features = listed.get(file) ?? [];
      expect(features.filter((f) => !(f in FEATURES)), 'features the test does not know').toEqual([]);
      expect(features.filter((f) => !FEATURES[f]!(inv, r)), 'features the inventory does not find').toEqual([]);
    });

    it('is a Clients sheet Carnet could adopt: ID, Name, Email, City first, 20 clients from row 2', () => {
      const clients = inv.sheets.find((s) => s.name === 'Clients')!;
      expect(['A1', 'B1', 'C1', 'D1'].map((r) => clients.cells[r]?.value)).toEqual(['ID', 'Name', 'Email', 'City']);
      expect(clients.cells.A2?.value).toBe('CO-000001');
      expect(clients.cells.A21?.value).toBe('CO-000020');
    });

    it('has each formula as its cell reads it, shared formulas expanded', () => {
      const at = (sheet: string, ref: string) => inv.sheets.find((s) => s.name === sheet)!.cells[ref]?.formula;
      expect(at('Clients', 'I3')).toBe('=IF(G3>=Dashboard!$B$3,"A",IF(E3="Lost","-","B"))');
      expect(at('Dashboard', 'B7')).toBe('=COUNTIF(Clients!$D:$D,A7)');
      expect(at('Dashboard', 'C10')).toBe('=SUMIF(Clients!$D$2:$D$21,A10,Clients!$G$2:$G$21)');
      expect(at('Dashboard', 'D10')).toBe('=C10/$C$11');
    });

    it('is plain JSON', () => {
      expect(JSON.parse(JSON.stringify(inv))).toEqual(inv);
    });

    it('has the same inventory re-zipped with its entries reordered and recompressed', async () => {
      const again = await inventory(await rezipped(bytes(file)));
      expect(diffInventories(inv, again)).toEqual([]);
      expect(again).toEqual(inv);
    });

    it('names what changed: a formula, a conditional format, a property', async () => {
      expect(inv.sheets.find((s) => s.name === 'Dashboard')!.cells.C11?.formula).toBe('=SUM(C6:C10)');
      const edited = await inventory(await patched(bytes(file), sheetPart(inv, 'Dashboard'), (x) => x.replace('SUM(C6:C10)', 'SUM(C6:C9)')));
      expect(diffInventories(inv, edited)).toEqual(["Dashboard!C11: formula '=SUM(C6:C10)' became '=SUM(C6:C9)'"]);

      // The rule on E2:E21 lives in the main part (LibreOffice) or in the x14 extLst (Excel).
      const main = /<conditionalFormatting sqref="E2:E21">.*?<\/conditionalFormatting>/;
      const x14 = /<x14:conditionalFormatting [^>]*>(?:(?!<\/x14:conditionalFormatting>).)*<xm:sqref>E2:E21<\/xm:sqref><\/x14:conditionalFormatting>/;
      const noRule = await inventory(await patched(bytes(file), sheetPart(inv, 'Clients'), (x) => x.replace(main, '').replace(x14, '')));
      expect(diffInventories(inv, noRule)).toEqual([expect.stringMatching(/^Clients: (x14 )?conditional format E2:E21 is missing$/)]);

      const stamped = await inventory(await patched(bytes(file), 'docProps/core.xml', (x) => x.replace('Ana Martin', 'Carnet')));
      expect(diffInventories(inv, stamped)).toEqual(["core property dc:creator: 'Ana Martin' became 'Carnet'"]);
      const added = await inventory(await patched(bytes(file), 'docProps/app.xml', (x) => x.replace('</Properties>', '<Manager>Chloé</Manager></Properties>')));
      expect(diffInventories(inv, added)).toEqual(["unexpected app property Manager ('Chloé')"]);
    });

    it('lets a comparison leave out the cells Carnet writes, but not their style', async () => {
      const asInline = (x: string) => x.replace(/<c r="B2"([^>]*)t="s"([^>]*)><v>\d+<\/v>/, '<c r="B2"$1t="inlineStr"$2><is><t>Acme Outillage</t></is>');
      const written = await inventory(await patched(bytes(file), sheetPart(inv, 'Clients'), asInline));
      expect(diffInventories(inv, written)).toEqual(["Clients!B2: value 'Acme Outils' became 'Acme Outillage'"]);
      expect(diffInventories(withoutCells(inv, 'Clients', ['B2']), withoutCells(written, 'Clients', ['B2']))).toEqual([]);
      const restyled = structuredClone(written);
      restyled.sheets.find((s) => s.name === 'Clients')!.cells.B2!.style.font = { b: true };
      // B2 had the look it inherits, so it was no cell at all; restyled, it is one.
      expect(diffInventories(withoutCells(inv, 'Clients', ['A2:L2']), withoutCells(restyled, 'Clients', ['A2:L2']))).toEqual([
        expect.stringMatching(/^Clients!B2: unexpected cell \(\{"style":\{.*"font":\{"b":true\}/),
      ]);
    });
  });
});

/**
 * What LibreOffice cannot show (it drops x14 validations, structured references, shared
 * formulas on save), checked by hand on the Excel-shaped fixture.
 */
describe('afterRowDeletion on excel-crm.xlsx, checked by hand', () => {
  let inv: Inventory;
  beforeAll(async () => {
    inv = await inventory(bytes('excel-crm.xlsx'));
  });
  const sheet = (i: Inventory, name: string) => i.sheets.find((s) => s.name === name)!;

  it('moves Clients rows 5 and 9 out, and everything that points at Clients with them', () => {
    const after = afterRowDeletion(inv, 'Clients', [5, 9]);
    const clients = sheet(after, 'Clients');
    expect([clients.cells.A5?.value, clients.cells.A8?.value, clients.cells.A19?.value, clients.cells.A20]).toEqual(['CO-000005', 'CO-000009', 'CO-000020', undefined]);
    expect(clients.cells.I5?.formula).toBe('=IF(G5>=Dashboard!$B$3,"A",IF(E5="Lost","-","B"))');
    expect(clients.cells.M5?.formula).toBe('=DATE(2024,12,31)-ClientsTable[[#This Row],[Last contact]]');
    expect(clients.tables.map((t) => [t.name, t.ref, t.autoFilter])).toEqual([['ClientsTable', 'A1:M19', 'A1:M19']]);
    expect(clients.dataValidations.map((v) => [v.source, v.sqref, v.formula1])).toEqual([
      ['main', 'G2:G19', '0'],
      ['main', 'H2:H19', '43831'],
      ['x14', 'E2:E19', 'Lists!$A$2:$A$5'],
      ['x14', 'F2:F19', 'Lists!$B$2:$B$4'],
    ]);
    expect(clients.conditionalFormats.map((c) => [c.source, c.sqref, c.rules.flatMap((r) => r.formulas)])).toEqual([
      ['main', 'G2:G19', ['10000']],
      ['x14', 'G2:G19', []],
      ['x14', 'E2:E19', ['$E2=Lists!$A$5']],
    ]);
    expect(clients.rows['14']?.hidden).toBe(true);
    expect(clients.rows['16']?.hidden).toBeUndefined();
    expect(clients.hyperlinks.N5).toBeUndefined();
    expect(clients.hyperlinks.J19?.target).toBe('https://www.transportsmore.fr/');
    expect(Object.entries(clients.comments).map(([ref, c]) => [ref, c.author])).toEqual([['B3', 'Ana Martin'], ['E6', 'Bruno Petit']]);
    expect(clients.merges).toEqual(['N2:P3']);
    expect(clients.drawings.map((d) => [d.name, d.from?.row, d.to?.row])).toEqual([['TextBox 1', 21, 24]]);
    const names = after.workbook.definedNames;
    expect([names['Clients!_xlnm.Print_Area']?.formula, names['Clients!_xlnm.Print_Titles']?.formula, names.ClientNames?.formula]).toEqual([
      'Clients!$A$1:$M$19',
      'Clients!$A:$A,Clients!$1:$1',
      'Clients!$B$2:$B$19',
    ]);
    const dashboard = sheet(after, 'Dashboard');
    expect([dashboard.cells.B6?.formula, dashboard.cells.C6?.formula, dashboard.cells.B13?.formula]).toEqual([
      '=COUNTIF(Clients!$D:$D,A6)',
      '=SUMIF(Clients!$D$2:$D$19,A6,Clients!$G$2:$G$19)',
      '=COUNTBLANK(Clients!E2:E19)',
    ]);
    expect(sheet(after, 'Pivot').pivotTables[0]?.cache.source).toEqual({ type: 'worksheet', ref: 'A1:M19', sheet: 'Clients' });
  });

  it('moves Lists row 3 out of the dropdowns, rules and names over Lists', () => {
    const after = afterRowDeletion(inv, 'Lists', [3]);
    const clients = sheet(after, 'Clients');
    expect(clients.dataValidations.filter((v) => v.source === 'x14').map((v) => v.formula1)).toEqual(['Lists!$A$2:$A$4', 'Lists!$B$2:$B$3']);
    expect(clients.conditionalFormats.find((c) => c.sqref === 'E2:E21')?.rules[0]?.formulas).toEqual(['$E2=Lists!$A$4']);
    expect(after.workbook.definedNames.Stages?.formula).toBe('Lists!$A$2:$A$4');
    expect(after.workbook.definedNames['Lists!_xlnm._FilterDatabase']?.formula).toBe('Lists!$A$1:$B$4');
    expect(sheet(after, 'Lists').autoFilter?.ref).toBe('A1:B4');
    expect(sheet(after, 'Lists').cells.A3?.value).toBe('Client');
  });

  it('shrinks a range to #REF! only when all its rows are gone', () => {
    const after = afterRowDeletion(inv, 'Dashboard', [6, 7, 8, 9, 10]);
    const dashboard = sheet(after, 'Dashboard');
    expect(dashboard.cells.B6?.formula).toBe('=SUM(#REF!)');
    // core's moveRows writes a lost reference as a bare #REF! (Excel keeps the sheet: Dashboard!#REF!).
    expect(dashboard.drawings.find((d) => d.kind === 'chart')?.chart).toContain('<c:cat><c:strRef><c:f>#REF!</c:f>');
    expect(dashboard.sparklineGroups.flatMap((g) => g.sparklines)).toEqual([{ formula: '#REF!', sqref: 'E6' }]);
    expect(Object.values(dashboard.rows).some((r) => r.outlineLevel)).toBe(false);
  });
});

const HAS_SOFFICE = requireProgram('soffice', 'the preservation corpus against LibreOffice');
const HAS_UNO = HAS_SOFFICE && requireUno();

function requireUno(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import uno'], { stdio: 'ignore' });
    return true;
  } catch {
    const what = 'LibreOffice deleting rows (needs /usr/bin/python3 with the python3-uno package)';
    if (process.env.CI === 'true') throw new Error(`${what}: missing under CI`);
    console.warn(`\n!!! SKIPPING ${what}: python3-uno is not installed !!!\n`);
    return false;
  }
}

/** What a LibreOffice save stamps by itself, whatever it was asked to do. */
function withoutSaveStamps(inv: Inventory): Inventory {
  const out = ignoringCachedValues(
    ignoringProperties(ignoringParts(inv, [/^xl\/charts\/(_rels\/)?chart\d+\.xml(\.rels)?$/]), ['dcterms:modified', 'cp:revision', 'cp:lastModifiedBy']),
  );
  // After a deletion LibreOffice writes the rows it brought in at the bottom of the sheet, with
  // its own default height, when the sheet's default differs.
  for (const s of out.sheets) for (const row of Object.keys(s.rows)) if (Number(row) > 1_048_000) delete s.rows[row];
  return out;
}

describe.runIf(HAS_SOFFICE)('the preservation corpus against LibreOffice', () => {
  const tmp = tempDir();
  const roundTrips = new Map<string, Inventory>();
  const deletions = [
    { sheet: 'Clients', rows: [5, 9] },
    { sheet: 'Lists', rows: [3] },
  ];
  const jobs = FILES.flatMap((file) =>
    deletions.map((d, i) => ({ file, ...d, input: join(FIXTURES, file), baseline: join(tmp.dir, `${i}-baseline-${file}`), deleted: join(tmp.dir, `${i}-deleted-${file}`) })),
  );

  beforeAll(async () => {
    // A private profile per run: parallel or leftover LibreOffice instances must not share one.
    const profile = `file://${join(tmp.dir, 'lo-profile')}`;
    const out = join(tmp.dir, 'round-trip');
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, ...FILES.map((f) => join(FIXTURES, f))], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    for (const f of FILES) roundTrips.set(f, await inventory(new Uint8Array(readFileSync(join(out, f)))));
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it.each(FILES)('shows what a LibreOffice round trip of %s changes', async (file) => {
    const diff = diffInventories(await inventory(bytes(file)), roundTrips.get(file)!);
    expect(diff.length).toBeGreaterThan(10);
    // LibreOffice 7.4's import drops note authors: the diff must say so, in its own words.
    expect(diff).toContain("Clients!B3: note: author 'Ana Martin' became ' '");
    // LibreOffice writes every formula out in full: none differing means the shared ones were
    // expanded as LibreOffice expands them.
    expect(diff.filter((d) => / formula /.test(d))).toEqual([]);
    if (file === 'excel-crm.xlsx') {
      expect(diff).toEqual(expect.arrayContaining(['part xl/calcChain.xml is missing', 'part xl/theme/theme1.xml is missing', "workbook: protection lockStructure '1' became (none)"]));
    }
  });

  describe.runIf(HAS_UNO)('afterRowDeletion', () => {
    beforeAll(() => {
      const spec = join(tmp.dir, 'jobs.json');
      writeFileSync(spec, JSON.stringify(jobs.map(({ input, baseline, deleted, sheet, rows }) => ({ input, baseline, deleted, sheet, rows }))));
      execFileSync('/usr/bin/python3', [join(FIXTURES, 'libreoffice', 'delete_rows.py'), spec], { stdio: 'pipe', timeout: 180_000 });
    }, 200_000);

    it.each(jobs.map((j) => [j.file, j.sheet, j.rows.join(', '), j] as const))('of %s, %s rows %s, is what LibreOffice shows', async (_f, _s, _r, job) => {
      const baseline = await inventory(new Uint8Array(readFileSync(job.baseline)));
      const deleted = await inventory(new Uint8Array(readFileSync(job.deleted)));
      const expected = withoutSaveStamps(afterRowDeletion(baseline, job.sheet, job.rows));
      // The deletion did something, and the comparison can see it.
      expect(diffInventories(withoutSaveStamps(baseline), withoutSaveStamps(deleted)).length).toBeGreaterThan(5);
      expect(diffInventories(expected, withoutSaveStamps(deleted))).toEqual([]);
    });
  });
});
