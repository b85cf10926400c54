/**
 * Interop (issue 12): the sheets Carnet protects in an .xlsx are the sheets LibreOffice shows
 * protected, the others are not, and the data reads back either way. Asked of LibreOffice itself
 * through its UNO bridge (`sheet.isProtected()`), not of Carnet's own reading of the file.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../core/workbook.js';
import { XlsxWorkbook } from '../../local/xlsx-workbook.js';
import { requireProgram } from '../helpers/programs.js';

/** The UNO session the preservation corpus starts LibreOffice with (private profile and pipe). */
const UNO_SESSION = fileURLToPath(new URL('../fixtures/preservation/libreoffice/', import.meta.url));

const HAS_SOFFICE = requireProgram('soffice', 'LibreOffice reading sheet protection');
const HAS_UNO = HAS_SOFFICE && requireUno();

function requireUno(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import uno'], { stdio: 'ignore' });
    return true;
  } catch {
    const what = 'LibreOffice reading sheet protection (needs /usr/bin/python3 with the python3-uno package)';
    if (process.env.CI === 'true') throw new Error(`${what}: missing under CI`);
    console.warn(`\n!!! SKIPPING ${what}: python3-uno is not installed !!!\n`);
    return false;
  }
}

/** Opens the workbook in LibreOffice and prints, per sheet, whether it is protected and its cells. */
const READ_SHEETS = `
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
from uno_session import Session

with Session() as lo:
    doc = lo.open(sys.argv[2])
    out = {}
    for name in doc.Sheets.ElementNames:
        sheet = doc.Sheets.getByName(name)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.RangeAddress
        cells = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).DataArray
        out[name] = {'protected': sheet.isProtected(), 'cells': [list(row) for row in cells]}
    doc.close(True)
print(json.dumps(out))
`;

interface Seen {
  protected: boolean;
  cells: Cell[][];
}

describe.runIf(HAS_UNO)('LibreOffice opening sheets Carnet protected', () => {
  // Not test/helpers/cli.js's tempDir: it loads the whole CLI, which this suite does not need.
  const dir = mkdtempSync(join(tmpdir(), 'carnet-protection-lo-'));
  const file = join(dir, 'protected.xlsx');
  let seen: Record<string, Seen>;

  beforeAll(async () => {
    const wb = await XlsxWorkbook.create(file);
    await wb.transaction(async () => {
      await wb.ensureSheet('Contacts');
      await wb.write('Contacts', 0, 0, [['ID', 'Name', 'Since'], ['CO-1', 'Ann', 45000], ['CO-2', 'Bob', 45001]]);
      await wb.ensureSheet('Notes');
      await wb.write('Notes', 0, 0, [['ID', 'Text'], ['NO-1', 'Called back']]);
      await wb.ensureSheet('Companies');
      await wb.write('Companies', 0, 0, [['ID', 'Name'], ['CM-1', 'Acme']]);
      await wb.ensureSheet('_carnet', { visibility: 'very' });
      await wb.write('_carnet', 0, 0, [['{"version":1}']]);
      await wb.protect({
        sheets: [
          { name: '_carnet', editors: ['admin@example.com'], locked: true, reason: 'settings' },
          { name: 'Contacts', editors: ['admin@example.com'], locked: true, warnColumns: [{ column: 0, label: 'ID' }] },
          { name: 'Companies', editors: [], locked: true },
        ],
      });
    });
    // Companies unlocked again in a later plan: what LibreOffice sees is the removal, not a leftover.
    await wb.transaction(() => wb.protect({ sheets: [{ name: 'Companies', editors: [], locked: false }, { name: 'Notes', editors: [], locked: false }] }));
    const script = join(dir, 'read_sheets.py');
    writeFileSync(script, READ_SHEETS);
    const stdout = execFileSync('/usr/bin/python3', [script, UNO_SESSION, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
    seen = JSON.parse(stdout.trim().split('\n').pop()!);
  }, 200_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the locked sheets protected and the others not', () => {
    expect(Object.fromEntries(Object.entries(seen).map(([name, s]) => [name, s.protected]))).toEqual({
      Contacts: true,
      Notes: false,
      Companies: false,
      _carnet: true,
    });
  });

  it('reads the data cells back, protected or not', () => {
    expect(seen.Contacts!.cells).toEqual([['ID', 'Name', 'Since'], ['CO-1', 'Ann', 45000], ['CO-2', 'Bob', 45001]]);
    expect(seen.Notes!.cells).toEqual([['ID', 'Text'], ['NO-1', 'Called back']]);
    expect(seen.Companies!.cells).toEqual([['ID', 'Name'], ['CM-1', 'Acme']]);
    expect(seen._carnet!.cells).toEqual([['{"version":1}']]);
  });
});
