import { describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { decodeAudit, AUDIT_SHEET } from '../../../core/audit/log.js';
import { serialFromParts } from '../../../core/dates.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { setupCrm } from '../../../core/schema/setup.js';
import { MetaStore } from '../../../core/schema/storage.js';
import type { Schema } from '../../../core/schema/types.js';
import type { TidyPlan, TidyResult } from '../../../core/tidy/types.js';
import type { Cell, WriteCell } from '../../../core/workbook.js';
import { miniSchema } from '../../helpers/schemas.js';

const TODAY = serialFromParts(2026, 11, 27);
const ADA = { id: 'ada@example.com', name: 'Ada' };
const l = (en: string) => ({ en, fr: en, ru: en });

/** The mini CRM (created: today, owner: @me) with a founding date, a revenue and an Active flag (default true). */
function schema(): Schema {
  const s = miniSchema();
  s.directories
    .find((d) => d.key === 'companies')!
    .fields.push(
      { key: 'founded', type: 'date', labels: l('Founded') },
      { key: 'revenue', type: 'money', labels: l('Revenue') },
      { key: 'active', type: 'boolean', labels: l('Active'), default: true },
    );
  return s;
}

/** A CRM with Acme made through Carnet, and a column "Notes perso" the team added by hand. */
async function crm(): Promise<{ wb: MemoryWorkbook; ctx: Context }> {
  const wb = new MemoryWorkbook(ADA);
  await setupCrm(wb, schema(), { cities: [{ name: 'Lyon' }] }, { today: TODAY, now: TODAY, user: ADA.id });
  const ctx: Context = { wb, now: () => TODAY + 0.5 };
  await must(ctx, 'record.create', { directory: 'companies', values: { name: 'Acme', city: 'Lyon', email: 'a@acme.fr' } });
  const width = wb.sheet('Companies')!.cells[0]!.length;
  await wb.write('Companies', 0, width, [['Notes perso']]);
  return { wb, ctx };
}

async function must<T = unknown>(ctx: Context, name: string, input: unknown): Promise<T> {
  const out = await dispatch(ctx, name, input);
  if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
  return out.result as T;
}

function column(wb: MemoryWorkbook, sheet: string, header: string): number {
  const c = wb.sheet(sheet)!.cells[0]!.indexOf(header);
  if (c < 0) throw new Error(`no ${header} in ${sheet}`);
  return c;
}

/** Types a row as a person would, straight into the sheet (row: 1-based, as the sheet shows it). */
async function type(wb: MemoryWorkbook, sheet: string, row: number, values: Record<string, WriteCell>): Promise<void> {
  for (const [header, v] of Object.entries(values)) await wb.write(sheet, row - 1, column(wb, sheet, header), [[v]]);
}

function cell(wb: MemoryWorkbook, sheet: string, header: string, row: number): Cell {
  return wb.sheet(sheet)!.cells[row - 1]?.[column(wb, sheet, header)] ?? null;
}

/** Three companies typed by hand below Acme: what tidy fixes, what it leaves, and why. */
async function handTyped(wb: MemoryWorkbook): Promise<void> {
  await type(wb, 'Companies', 3, { Name: 'Bolt', Email: 'Bob@Bolt.FR', Phone: '06 12 34 56 78', Founded: '03/04/2026', Revenue: '€1,200.50', 'Notes perso': 'CALL Bob@Bolt.FR' });
  await type(wb, 'Companies', 4, { Name: 'Crux', Email: 'bob@', Phone: '+33 4 78 00 00 00', City: 'Lyon' });
  // A team's formula in a Carnet column: it shows an upper-cased email, and stays a formula.
  await type(wb, 'Companies', 5, { Name: 'Dyna', Email: { formula: '=UPPER("d@dyna.fr")', value: 'D@DYNA.FR' } });
}

describe('tidy', () => {
  describe('tidy.plan', () => {
    it('lists every cell it would write, per directory, and what it cannot fix with its cell, and writes nothing', async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      const before = structuredClone(wb.sheetList);
      wb.resetCalls();
      const plan = await must<TidyPlan>(ctx, 'tidy.plan', {});
      expect(wb.calls.writeBlocks ?? 0).toBe(0);
      expect(wb.calls.write ?? 0).toBe(0);
      expect(wb.calls.append ?? 0).toBe(0);
      expect(wb.sheetList).toEqual(before);

      const companies = plan.directories.find((d) => d.directory === 'companies')!;
      const at = (header: string, row: number) => `${String.fromCharCode(65 + column(wb, 'Companies', header))}${row}`;
      expect(companies.changes).toEqual(
        expect.arrayContaining([
          { kind: 'id', cell: at('ID', 3), row: 3, field: 'id', from: null, to: 'CO-000002' },
          { kind: 'id', cell: at('ID', 4), row: 4, field: 'id', from: null, to: 'CO-000003' },
          { kind: 'id', cell: at('ID', 5), row: 5, field: 'id', from: null, to: 'CO-000004' },
          { kind: 'normalize', cell: at('Email', 3), row: 3, field: 'email', from: 'Bob@Bolt.FR', to: 'bob@bolt.fr' },
          { kind: 'normalize', cell: at('Phone', 3), row: 3, field: 'phone', from: '06 12 34 56 78', to: '+33612345678' },
          { kind: 'normalize', cell: at('Founded', 3), row: 3, field: 'founded', from: '03/04/2026', to: serialFromParts(2026, 4, 3) },
          { kind: 'normalize', cell: at('Revenue', 3), row: 3, field: 'revenue', from: '€1,200.50', to: 1200.5 },
          { kind: 'normalize', cell: at('Phone', 4), row: 4, field: 'phone', from: '+33 4 78 00 00 00', to: '+33478000000' },
          { kind: 'default', cell: at('Created', 3), row: 3, field: 'created', from: null, to: TODAY },
          { kind: 'default', cell: at('Active', 3), row: 3, field: 'active', from: null, to: true },
        ]),
      );
      // Nothing in the team's column, nothing over the formula, no owner (nobody knows who typed them), no bad email.
      const cells = new Set(companies.changes.map((c) => c.cell));
      for (const r of [3, 4, 5]) {
        expect(cells.has(at('Notes perso', r))).toBe(false);
        expect(cells.has(at('Owner', r))).toBe(false);
      }
      expect(cells.has(at('Email', 5))).toBe(false);
      expect(cells.has(at('Email', 4))).toBe(false);
      expect(companies.changes).toHaveLength(3 + 5 + 3 * 2);
      expect(companies).toMatchObject({ label: 'Companies', sheet: 'Companies', records: 4, ids: 3, normalized: 5, defaults: 6 });
      expect(companies.summary[0]).toBe(`Give IDs CO-000002…CO-000004 to 3 records typed by hand, in column A (A3, A4, A5).`);
      expect(companies.summary[1]).toBe(
        `Rewrite 5 cells in stored form: ${at('Email', 3)} "Bob@Bolt.FR" → "bob@bolt.fr", ${at('Phone', 3)} "06 12 34 56 78" → "+33612345678", ${at('Founded', 3)} "03/04/2026" → 2026-04-03, ….`,
      );
      expect(companies.notes).toEqual([
        'Created is set to today on the records given an ID: the day Carnet first records them, since when they were typed is not known.',
        'Owner is left empty on 3 records typed by hand: its default is the person who creates a record, and tidy cannot tell who typed them.',
      ]);

      expect(plan.problems).toEqual([
        {
          code: 'E_INVALID_VALUE',
          severity: 'error',
          directory: 'companies',
          field: 'email',
          sheet: 'Companies',
          row: 4,
          cell: at('Email', 4),
          value: 'bob@',
          message: `Companies!${at('Email', 4)}: "bob@" is not an email address.`,
        },
        {
          code: 'E_INVALID_VALUE',
          severity: 'warning',
          directory: 'companies',
          field: 'email',
          sheet: 'Companies',
          row: 5,
          cell: at('Email', 5),
          value: 'D@DYNA.FR',
          message: `Companies!${at('Email', 5)}: "D@DYNA.FR" would be stored as "d@dyna.fr". Tidy leaves it: the cell holds a formula.`,
        },
      ]);
      expect(plan.changes).toBe(14);
      expect(plan.token).toMatch(/^tidy-[0-9a-f]{14}$/);
      expect(plan.message).toBe('14 cells to tidy in Companies. 2 problems are left for a person to fix; `check` lists them too.');
    });

    it('says there is nothing to tidy in a workbook Carnet wrote', async () => {
      const { ctx } = await crm();
      const plan = await must<TidyPlan>(ctx, 'tidy.plan', {});
      expect(plan.changes).toBe(0);
      expect(plan.problems).toEqual([]);
      expect(plan.message).toBe('Nothing to tidy: every record has its ID and every value its stored form.');
      expect(plan.directories.map((d) => d.directory)).toEqual(['cities', 'companies', 'sales']);
    });

    it('looks at one directory when asked, by key or label', async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      await type(wb, 'Cities', 3, { Name: 'Nantes' });
      const plan = await must<TidyPlan>(ctx, 'tidy.plan', { directory: 'Cities' });
      expect(plan.directories.map((d) => d.directory)).toEqual(['cities']);
      expect(plan.directories[0]!.changes).toEqual([{ kind: 'id', cell: 'A3', row: 3, field: 'id', from: null, to: 'CI-000002' }]);
      // The bad email is in Companies: not this directory's problem.
      expect(plan.problems).toEqual([]);
      const unknown = await dispatch(ctx, 'tidy.plan', { directory: 'Planets' });
      expect(unknown).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_DIRECTORY', value: 'Planets' } });
    });
  });

  describe('tidy.apply', () => {
    it('writes exactly the planned cells, moves the counter on, and leaves formulas, merges and team columns as they are', async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      // Row 7's ID cell is hidden inside a merge with row 6's: row 6 gets its ID, row 7 waits.
      await type(wb, 'Companies', 6, { Name: 'Echo' });
      await type(wb, 'Companies', 7, { Name: 'Fizz', Email: 'F@FIZZ.FR' });
      const id = column(wb, 'Companies', 'ID');
      wb.sheet('Companies')!.merges = [{ top: 5, left: id, bottom: 6, right: id }];
      const before = structuredClone(wb.sheet('Companies')!.cells);
      const plan = await must<TidyPlan>(ctx, 'tidy.plan', {});
      const result = await must<TidyResult>(ctx, 'tidy.apply', { confirmed: plan.token });
      expect(result.written).toBe(plan.changes);
      expect(result.message).toBe(`Tidied ${plan.changes} cells in Companies. 3 problems are left for a person to fix; \`check\` lists them too.`);

      // Exactly the planned cells changed, to the planned values.
      const after = wb.sheet('Companies')!.cells;
      const planned = new Map(plan.directories.find((d) => d.directory === 'companies')!.changes.map((c) => [`${c.row - 1}:${c.cell}`, c.to]));
      const changed: string[] = [];
      for (let r = 0; r < Math.max(before.length, after.length); r++) {
        for (let c = 0; c < Math.max(before[r]?.length ?? 0, after[r]?.length ?? 0); c++) {
          const was = before[r]?.[c] ?? null;
          const now = after[r]?.[c] ?? null;
          if (was !== now) changed.push(`${r}:${String.fromCharCode(65 + c)}${r + 1}`);
        }
      }
      expect(changed.sort()).toEqual([...planned.keys()].sort());
      for (const [k, v] of planned) {
        const [r, a1] = k.split(':');
        expect(after[Number(r)]![a1!.charCodeAt(0) - 65]).toEqual(v);
      }

      expect(cell(wb, 'Companies', 'ID', 6)).toBe('CO-000005');
      expect(cell(wb, 'Companies', 'ID', 7)).toBe(null);
      expect(cell(wb, 'Companies', 'Email', 7)).toBe('f@fizz.fr');
      expect(cell(wb, 'Companies', 'Created', 7)).toBe(null);
      expect(wb.formulaAt('Companies', 4, column(wb, 'Companies', 'Email'))).toBe('=UPPER("d@dyna.fr")');
      expect(cell(wb, 'Companies', 'Email', 5)).toBe('D@DYNA.FR');
      expect(cell(wb, 'Companies', 'Notes perso', 3)).toBe('CALL Bob@Bolt.FR');
      expect(cell(wb, 'Companies', 'Owner', 3)).toBe(null);
      expect(result.problems.map((p) => p.message)).toContain(
        `Companies!A7: the record has no ID. Tidy leaves it: the cell is inside the merged cells A6:A7, where the spreadsheet would hide it; unmerge them first.`,
      );

      // The counter moved on: the next record is CO-000006.
      const meta = (await new MetaStore(wb).load())!;
      expect(meta.counters.companies).toBe(5);
      const next = await must<{ id: string }>(ctx, 'record.create', { directory: 'companies', values: { name: 'Gamma' } });
      expect(next.id).toBe('CO-000006');

      // Check no longer warns about what tidy fixed.
      const report = await must<{ problems: { code: string; cell?: string; message: string }[] }>(ctx, 'crm.check', {});
      expect(report.problems.map((p) => p.message)).toEqual(result.problems.map((p) => p.message.replace(/ Tidy leaves it:.*$/, '')));
    });

    it('leaves one audit entry per changed cell, with command tidy.apply', async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      const result = await must<TidyResult>(ctx, 'tidy.apply', {});
      const entries = decodeAudit(await wb.read(AUDIT_SHEET)).filter((e) => e.command === 'tidy.apply');
      expect(entries).toHaveLength(result.written);
      const bolt = entries.filter((e) => e.record === 'CO-000002');
      expect(bolt.map((e) => [e.field, e.old, e.new])).toEqual(
        expect.arrayContaining([
          ['ID', '', 'CO-000002'],
          ['email', 'Bob@Bolt.FR', 'bob@bolt.fr'],
          ['phone', '06 12 34 56 78', '+33612345678'],
          ['revenue', '€1,200.50', '1200.5'],
        ]),
      );
      expect(entries.every((e) => e.who === ADA.id && e.directory === 'companies')).toBe(true);
    });

    it('refuses with E_CONFLICT, writing nothing, when the sheets changed since the plan confirmed', async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      const plan = await must<TidyPlan>(ctx, 'tidy.plan', {});
      await type(wb, 'Companies', 6, { Name: 'Echo', Email: 'E@ECHO.FR' }); // a colleague, meanwhile
      const before = structuredClone(wb.sheetList);
      const out = await dispatch(ctx, 'tidy.apply', { confirmed: plan.token });
      expect(out).toEqual({
        ok: false,
        error: {
          code: 'E_CONFLICT',
          value: plan.token,
          message: 'The sheets changed since the plan you confirmed; tidying them now would write 18 cells. Nothing was written: look at the new plan and confirm it.',
        },
      });
      expect(wb.sheetList).toEqual(before);
      // A new plan is accepted.
      const again = await must<TidyPlan>(ctx, 'tidy.plan', {});
      expect((await must<TidyResult>(ctx, 'tidy.apply', { confirmed: again.token })).written).toBe(18);
    });

    it("refuses with E_CONFLICT when a colleague sorts the rows between tidy's read and its write", async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      const before = structuredClone(wb.sheet('Companies')!.cells);
      wb.beforeWrite = (s) => {
        if (s.name !== 'Companies') return;
        wb.beforeWrite = undefined;
        [s.cells[2], s.cells[3]] = [s.cells[3]!, s.cells[2]!];
        [s.formulas[2], s.formulas[3]] = [s.formulas[3] ?? [], s.formulas[2] ?? []];
      };
      const out = await dispatch(ctx, 'tidy.apply', {});
      expect(out).toMatchObject({ ok: false, error: { code: 'E_CONFLICT', sheet: 'Companies' } });
      const sorted = structuredClone(before);
      [sorted[2], sorted[3]] = [sorted[3]!, sorted[2]!];
      expect(wb.sheet('Companies')!.cells).toEqual(sorted);
    });

    it('gives hand-typed sales their IDs and amounts typed with a currency sign a number', async () => {
      const { wb, ctx } = await crm();
      await type(wb, 'Sales', 2, { Date: '27/11/2026', Company: 'Acme', Amount: '€ 99.90' });
      const result = await must<TidyResult>(ctx, 'tidy.apply', { directory: 'sales' });
      expect(result.directories[0]!.changes.map((c) => [c.cell, c.to])).toEqual([
        ['A2', 'SA-000001'],
        [`${String.fromCharCode(65 + column(wb, 'Sales', 'Date'))}2`, TODAY],
        [`${String.fromCharCode(65 + column(wb, 'Sales', 'Amount'))}2`, 99.9],
      ]);
      expect(cell(wb, 'Sales', 'Amount', 2)).toBe(99.9);
    });
  });

  describe('rows (only the rows asked, as the edit trigger asks)', () => {
    it('plans and writes only the records on those rows, with only their problems', async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      const at = (header: string, row: number) => `${String.fromCharCode(65 + column(wb, 'Companies', header))}${row}`;
      const plan = await must<TidyPlan>(ctx, 'tidy.plan', { rows: { sheet: 'Companies', from: 4, to: 4 } });
      expect(plan.directories.map((d) => [d.directory, d.records])).toEqual([['companies', 1]]);
      expect(plan.directories[0]!.changes.map((c) => [c.kind, c.cell])).toEqual([
        ['id', 'A4'],
        ['normalize', at('Phone', 4)],
        ['default', at('Created', 4)],
        ['default', at('Active', 4)],
      ]);
      expect(plan.problems.map((p) => [p.cell, p.value])).toEqual([[at('Email', 4), 'bob@']]);

      const result = await must<TidyResult>(ctx, 'tidy.apply', { rows: { sheet: 'Companies', from: 4, to: 4 } });
      expect(result.written).toBe(4);
      // Row 4 got the next ID; rows 3 and 5 were not looked at.
      expect([cell(wb, 'Companies', 'ID', 3), cell(wb, 'Companies', 'ID', 4), cell(wb, 'Companies', 'ID', 5)]).toEqual([null, 'CO-000002', null]);
      expect(cell(wb, 'Companies', 'Email', 3)).toBe('Bob@Bolt.FR');
    });

    it('finds nothing in the header row, and refuses a sheet that is no directory’s or rows that are no range', async () => {
      const { wb, ctx } = await crm();
      await handTyped(wb);
      const header = await must<TidyPlan>(ctx, 'tidy.plan', { rows: { sheet: 'Companies', from: 1, to: 1 } });
      expect([header.changes, header.problems]).toEqual([0, []]);
      expect(await dispatch(ctx, 'tidy.plan', { rows: { sheet: 'Sheet1', from: 2, to: 2 } })).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_DIRECTORY', value: 'Sheet1' } });
      expect(await dispatch(ctx, 'tidy.plan', { rows: { sheet: 'Companies', from: 5, to: 4 } })).toMatchObject({ ok: false, error: { code: 'E_BAD_INPUT', value: '5-4' } });
      expect(await dispatch(ctx, 'tidy.plan', { directory: 'cities', rows: { sheet: 'Companies', from: 2, to: 2 } })).toMatchObject({ ok: false, error: { code: 'E_BAD_INPUT', value: 'cities' } });
    });

    it('makes the same port calls for a row of a 2,000-row sheet as of a 10-row one', async () => {
      const counts: Record<string, number>[] = [];
      for (const n of [10, 2000]) {
        const { wb, ctx } = await crm();
        const sheet = wb.sheet('Companies')!;
        const w = sheet.cells[0]!.length;
        for (let i = 0; i < n; i++) {
          const row: Cell[] = new Array(w).fill(null);
          row[column(wb, 'Companies', 'Name')] = `Firm ${i}`;
          row[column(wb, 'Companies', 'Phone')] = '06 12 34 56 78';
          sheet.cells.push(row);
        }
        wb.resetCalls();
        const result = await must<TidyResult>(ctx, 'tidy.apply', { rows: { sheet: 'Companies', from: n + 2, to: n + 2 } });
        expect(result.written).toBe(4); // ID, phone, created, active
        counts.push({ ...wb.calls });
      }
      expect(counts[1]).toEqual(counts[0]);
    });
  });

  describe('cost', () => {
    it('makes the same port calls for 1,000 hand-typed rows as for 10', async () => {
      const counts: Record<string, number>[] = [];
      for (const n of [10, 1000]) {
        const { wb, ctx } = await crm();
        const sheet = wb.sheet('Companies')!;
        const w = sheet.cells[0]!.length;
        const c = (h: string) => column(wb, 'Companies', h);
        for (let i = 0; i < n; i++) {
          const row: Cell[] = new Array(w).fill(null);
          row[c('Name')] = `Firm ${i}`;
          row[c('Email')] = `Boss@Firm${i}.COM`;
          row[c('Phone')] = '06 12 34 56 78';
          row[c('Notes perso')] = 'typed by hand';
          sheet.cells.push(row);
        }
        wb.resetCalls();
        const plan = await must<TidyPlan>(ctx, 'tidy.plan', {});
        const result = await must<TidyResult>(ctx, 'tidy.apply', { confirmed: plan.token });
        expect(result.written).toBe(n * 5); // ID, email, phone, created, active
        counts.push({ ...wb.calls });
      }
      expect(counts[1]).toEqual(counts[0]);
      expect(counts[0]!.writeBlocks).toBe(1);
    });
  });
});
