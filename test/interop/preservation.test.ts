/**
 * The first promise, on the preservation corpus: a local save keeps everything Carnet did not
 * write. Carnet works on each fixture (a team's CRM workbook made by LibreOffice, or shaped like
 * Excel's); the package's inventory afterwards must equal the one before, transformed only by what
 * Carnet was asked to do — or a command is refused before anything is written, saying what would
 * be lost. Never a silent loss.
 */

import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { carnet } from '../helpers/cli.js';
import { requireProgram } from '../helpers/programs.js';
import { columnLetters, columnNumber, parseRange } from '../helpers/xlsx-inventory-refs.js';
import {
  afterRowDeletion,
  diffInventories,
  ignoringCachedValues,
  ignoringParts,
  inventory,
  withoutCells,
  type Inventory,
} from '../helpers/xlsx-inventory.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/preservation');
const HAS_SOFFICE = requireProgram('soffice', 'opening the preserved workbooks in LibreOffice');
const FILES = ['excel-crm.xlsx', 'libreoffice-crm.xlsx'];

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carnet-keep-'));
});
afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

/** Without Carnet's own sheets (`_carnet`, `_carnet_lists`) and the parts that hold them. */
function withoutCarnetSheets(inv: Inventory, before: Inventory): Inventory {
  const added = Object.keys(inv.parts).filter((p) => !(p in before.parts) && /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
  return ignoringParts({ ...inv, sheets: inv.sheets.filter((s) => !s.name.startsWith('_carnet')) }, added);
}

/** A table that took the rows written right below it, as Excel's tables do. */
function tableGrown(inv: Inventory, sheet: string, bottomRow: number): Inventory {
  return {
    ...inv,
    sheets: inv.sheets.map((s) =>
      s.name !== sheet
        ? s
        : {
            ...s,
            tables: s.tables.map((t) => {
              const grow = (ref: string) => ref.replace(/(\d+)$/, String(bottomRow));
              return { ...t, ref: grow(t.ref), ...(t.autoFilter ? { autoFilter: grow(t.autoFilter) } : {}) };
            }),
          },
    ),
  };
}

/**
 * What every save that changed cells does to the workbook, by design: Excel is asked to
 * recalculate on open (calcPr fullCalcOnLoad), and the calculation chain — a cache of where the
 * formulas are, which Excel rebuilds — is dropped, since it may list cells that changed.
 */
function asCarnetSaves(inv: Inventory): Inventory {
  const workbook = { ...inv.workbook, calcPr: { ...(inv.workbook.calcPr ?? {}), fullCalcOnLoad: '1' } };
  const dropped = ignoringParts({ ...inv, workbook }, ['xl/calcChain.xml']);
  return { ...dropped, workbook: { ...dropped.workbook, relationships: (dropped.workbook.relationships ?? []).filter((r) => !/calcChain/.test(r)) } };
}

for (const name of FILES) {
  describe(`A save of ${name}`, () => {
    it('keeps everything but the cells Carnet wrote, when it writes, appends and deletes rows on the team sheet', async () => {
      const file = path.join(dir, name);
      await fs.copyFile(path.join(FIXTURES, name), file);
      const before = await inventory(await fs.readFile(file));
      const wb = await XlsxWorkbook.open(file);
      await wb.transaction(async () => {
        const grid = await wb.read('Clients');
        const last = grid.length;
        await wb.writeBlocks('Clients', [
          { row: 4, column: 1, cells: [['Renamed client']] },
          { row: last, column: 0, cells: [['CL-900', 'New client', 'new@example.com', 'Lyon']] },
        ]);
        await wb.deleteRows('Clients', [9]);
        await wb.ensureSheet('_carnet', { visibility: 'very' });
        await wb.write('_carnet', 0, 0, [['{"version":1}']]);
      });
      const after = await inventory(await fs.readFile(file));
      let expected = withoutCells(before, 'Clients', ['B5', 'A22:D22']);
      // The new client went right below the team's table: the table takes it, then loses row 10.
      expected = asCarnetSaves(tableGrown(afterRowDeletion(expected, 'Clients', [10]), 'Clients', 21));
      const actual = withoutCells(withoutCarnetSheets(after, before), 'Clients', ['B5', 'A21:D21']);
      expect(diffInventories(ignoringCachedValues(expected), ignoringCachedValues(actual))).toEqual([]);
      // And what Carnet wrote is there.
      const again = await XlsxWorkbook.open(file);
      const grid = await again.read('Clients');
      expect(grid[4]![1]).toBe('Renamed client');
      expect(grid[20]!.slice(0, 4)).toEqual(['CL-900', 'New client', 'new@example.com', 'Lyon']);
    });
  });
}

/** Column letters of a cell or range reference's columns. */
function columnsOf(ref: string): number[] {
  const r = parseRange(ref.replace(/\$/g, ''));
  const out: number[] = [];
  for (let c = r.from.col; c <= r.to.col; c++) out.push(c);
  return out;
}

/**
 * The team's part of a sheet only: Carnet's columns (`carnetColumns`, 1-based) are Carnet's to
 * lay out (formats, widths, dropdowns, help notes on their headers), so their cells, column
 * properties and the rules wholly inside them are left out; everything else is compared.
 */
function teamPart(inv: Inventory, sheet: string, carnetColumns: Set<number>, newNotes: Set<string> = new Set()): Inventory {
  const ours = (ref: string) => columnsOf(ref).every((c) => carnetColumns.has(c));
  return {
    ...inv,
    sheets: inv.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const cells = Object.fromEntries(Object.entries(s.cells).filter(([ref]) => !carnetColumns.has(columnNumber(ref.replace(/\d+$/, '')))));
      // Column runs (`D:E`) one column each: Carnet sets widths on its own columns only.
      const columns: typeof s.columns = {};
      for (const [ref, props] of Object.entries(s.columns)) {
        const [a, b = a] = ref.split(':') as [string, string?];
        for (let c = columnNumber(a); c <= columnNumber(b!); c++) if (!carnetColumns.has(c)) columns[columnLetters(c)] = props;
      }
      const comments = Object.fromEntries(Object.entries(s.comments).filter(([ref]) => !newNotes.has(ref)));
      return {
        ...s,
        cells,
        columns,
        comments,
        dataValidations: s.dataValidations.filter((v) => !v.sqref.split(' ').every(ours)),
      };
    }),
  };
}

for (const name of FILES) {
  describe(`Carnet's commands on ${name}`, () => {
    it("set up, adopt the team's sheet, add, rename and delete a client: the team's cells, sheets and features stay", async () => {
      const file = path.join(dir, name);
      await fs.copyFile(path.join(FIXTURES, name), file);
      const before = await inventory(await fs.readFile(file));
      const steps: [string, ...string[]][] = [
        ['init', file],
        ['directory', 'adopt', file, 'companies', 'Clients', '--map', 'name=Name', '--map', 'email=Email', '--map', 'city=City', '--map', 'owner=Owner', '--map', 'website=Website', '--map', 'notes=Notes', '--add-columns', '--add-referenced'],
        ['add', file, 'companies', '--set', 'name=Nouveau Client', '--set', 'email=hello@nouveau.example', '--set', 'city=Lyon'],
        ['update', file, 'companies', 'Acme Outils', '--set', 'name=Acme Tools'],
        ['delete', file, 'companies', 'Boulangerie Fournil'],
      ];
      for (const step of steps) {
        const r = await carnet(...step);
        expect(r.stderr, step.join(' ')).toBe('');
        expect(r.code, step.join(' ')).toBe(0);
      }
      const after = await inventory(await fs.readFile(file));
      // Carnet's columns: ID, Name, Email, City, Owner, Website, Notes, and the 8 it added from Q.
      const ours = new Set([1, 2, 3, 4, 6, 10, 12, ...Array.from({ length: 8 }, (_, i) => 17 + i)]);
      const notes = new Set(Object.keys(after.sheets.find((s) => s.name === 'Clients')!.comments).filter((ref) => /^[A-Z]+1$/.test(ref) && ours.has(columnNumber(ref.slice(0, -1)))));
      // The new client went to row 22, right below the team's table (which takes it); then row 3 went.
      let expected = afterRowDeletion(before, 'Clients', [3]);
      expected = asCarnetSaves(tableGrown(expected, 'Clients', 21));
      const team = new Set(before.sheets.map((s) => s.name));
      const actual = { ...withoutCarnetSheets(after, before), sheets: after.sheets.filter((s) => team.has(s.name)) };
      // Parts Carnet added hold its own sheets (their notes, drawings, relationships), compared apart.
      const added = Object.keys(actual.parts).filter((p) => !(p in before.parts));
      expect(
        diffInventories(
          ignoringCachedValues(teamPart(expected, 'Clients', ours)),
          ignoringCachedValues(teamPart(ignoringParts(actual, added), 'Clients', ours, notes)),
        ),
      ).toEqual([]);
      const clients = await (await XlsxWorkbook.open(file)).read('Clients');
      expect(clients[1]!.slice(0, 4)).toEqual(['CO-000001', 'Acme Tools', 'contact@acmeoutils.fr', 'Lyon']);
      expect(clients.map((r) => r[1])).not.toContain('Boulangerie Fournil');
      expect(clients[20]!.slice(0, 4)).toEqual(['CO-000021', 'Nouveau Client', 'hello@nouveau.example', 'Lyon']);

      if (!HAS_SOFFICE) return;
      // LibreOffice opens what Carnet saved, and shows the team's sheet with Carnet's changes.
      const out = path.join(dir, 'csv');
      execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1', '--outdir', out, file], { stdio: 'pipe', timeout: 120_000 });
      const csv = await fs.readFile(path.join(out, `${name.replace(/\.xlsx$/, '')}-Clients.csv`), 'utf8');
      const lines = csv.trim().split(/\r?\n/);
      expect(lines).toHaveLength(21);
      expect(lines[1]).toMatch(/^CO-000001,Acme Tools,contact@acmeoutils\.fr,Lyon,/);
      expect(lines[20]).toMatch(/^CO-000021,Nouveau Client,hello@nouveau\.example,Lyon,/);
    }, 120_000);
  });
}
