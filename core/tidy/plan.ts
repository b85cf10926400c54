/**
 * `crm.tidy`: the rows people type straight into a shared sheet, made like the ones Carnet writes.
 * Two commands, as adoption: `tidy.plan` says every cell it would write and what it cannot fix,
 * and writes nothing; `tidy.apply` (apply.ts) writes those cells, in one transaction.
 *
 * What tidy does, per directory (one, or every directory whose sheet exists):
 * - gives an ID to every record that has none (a row holding anything in a Carnet column),
 *   allocated like every ID: past the counter and every ID in the sheet, the counter moved on;
 * - rewrites in stored form every value `normalizeValue` stores differently — exactly the cells
 *   `check` warns "would be stored as" (a phone with the workbook's country → +E.164, an email
 *   lower-cased, a date typed as text → its serial, money typed with its sign → a number…);
 * - fills the defaults of the records it gives an ID to, as creating a record would.
 * It lists what it cannot fix as `check` reports it (remaining.ts), with its cell.
 * With `rows` (a sheet's rows, 1-based), only the records on those rows, in that sheet's directory,
 * and only the problems of their cells: Google's edit trigger tidies the rows a person just typed.
 *
 * Decisions, and why:
 * - Defaults only on the rows tidy gives an ID: those are the records it creates. A record that
 *   has its ID was created already (by Carnet, adoption, or an earlier tidy); an empty cell there
 *   is someone's choice, as a record update never fills defaults.
 * - A fixed default is filled as is (Done → false). `today`/`now` get the tidy's date: the day
 *   Carnet first records the row, the best it knows (the plan says so). `@me` is left empty: the
 *   default names the person who creates a record, and a row typed by a colleague is not the
 *   acting admin's; the plan notes each such field, and `check` reports it if it is required.
 * - References are not rewritten: check accepts any spelling that finds the record, and one that
 *   finds none is a problem for a person (E_REFERENCE), never guessed.
 * - Only those cells are written: never a team's column (a header no field has), never a cell
 *   holding a formula (a team's or Carnet's own), never a cell a merge hides. A cell left for those
 *   reasons keeps check's problem, which then says why. A row whose ID cell is left is not created:
 *   its defaults wait with it.
 * - Cost: the meta, the sheet list, each directory's sheet, and — only where something changes —
 *   its merges and its formulas among those cells, one call each; check then reads any other
 *   directory it needs (a referenced one). `tidy.apply` adds one write per changed sheet and one
 *   meta write: constant whatever the rows.
 */

import type { CheckProblem } from '../check/check.js';
import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { Crm } from '../records/crm.js';
import type { CellWrite } from '../records/sheet-writes.js';
import type { Defaults } from '../records/validate.js';
import { fold, requireDirectory } from '../schema/lookup.js';
import type { ExpectedCell, Grid } from '../workbook.js';
import { tidyDirectory } from './directory.js';
import { remainingProblems, sentences } from './remaining.js';
import { planToken } from './token.js';
import type { TidyDirectory, TidyInput, TidyPlan, TidyRows } from './types.js';

/** A plan and what applying it writes, sheet by sheet. */
export interface PreparedTidy {
  plan: TidyPlan;
  sheets: { sheet: string; writes: CellWrite[]; expect: ExpectedCell[] }[];
  /** True when ids were handed out: the counters are to be saved with the writes. */
  allocated: boolean;
}

export async function prepareTidy(crm: Crm, input: Pick<TidyInput, 'directory' | 'rows'>, defaults: Defaults): Promise<PreparedTidy> {
  const schema = crm.schema;
  const scope = scopeOf(schema, input);
  const rows = input.rows;
  const present = new Set((await crm.wb.sheets()).map((s) => fold(s.name)));
  const directories: TidyDirectory[] = [];
  const sheets: PreparedTidy['sheets'] = [];
  const after = new Map<string, Grid>();
  const left = new Map<string, string>();
  let allocated = false;
  for (const dir of scope) {
    // A missing sheet is check's to report (E_SCHEMA); there is nothing to tidy in it.
    if (!present.has(fold(dir.sheet))) continue;
    const d = await tidyDirectory(crm, dir, defaults, rows && { from: rows.from, to: rows.to });
    directories.push(d.entry);
    sheets.push({ sheet: dir.sheet, writes: d.writes, expect: d.expect });
    after.set(fold(dir.sheet), d.after);
    for (const [cell, why] of d.left) left.set(`${fold(dir.sheet)}!${cell}`, why);
    allocated ||= d.allocated;
  }
  const everywhere = await remainingProblems(crm.wb, after, new Set(scope.map((d) => d.key)), left);
  const problems = rows ? everywhere.filter((p) => p.cell !== undefined && within(rows, rowOfA1(p.cell))) : everywhere;
  const changes = directories.reduce((n, d) => n + d.changes.length, 0);
  const plan: TidyPlan = {
    directories,
    changes,
    problems,
    token: planToken(directories.map((d) => ({ sheet: d.sheet, changes: d.changes }))),
    message: sentences(
      changes === 0
        ? nothingToTidy()
        : changes === 1
          ? say('1 cell to tidy in {directories}.', { directories: touched(schema, directories) })
          : say('{count} cells to tidy in {directories}.', { count: changes, directories: touched(schema, directories) }),
      unfixed(problems),
    ),
  };
  return { plan, sheets, allocated };
}

/** The directories to tidy: the one asked, the one whose rows are asked (both must agree), or every one. */
function scopeOf(schema: Crm['schema'], input: Pick<TidyInput, 'directory' | 'rows'>) {
  const rows = input.rows;
  if (!rows) return input.directory === undefined ? schema.directories : [requireDirectory(schema, input.directory)];
  if (!Number.isInteger(rows.from) || !Number.isInteger(rows.to) || rows.from < 1 || rows.to < rows.from) {
    fail({
      code: 'E_BAD_INPUT',
      value: `${rows.from}-${rows.to}`,
      message: say('Rows {from} to {to} are not a range of sheet rows: give whole numbers, from 1, the first not past the last.', { from: String(rows.from), to: String(rows.to) }),
    });
  }
  const dir = requireDirectory(schema, rows.sheet);
  if (input.directory !== undefined && requireDirectory(schema, input.directory) !== dir) {
    fail({
      code: 'E_BAD_INPUT',
      value: input.directory,
      message: say('The rows asked are in {directory}\'s sheet, not in the directory "{value}": give one or the other.', { directory: named(dir.labels), value: input.directory }),
    });
  }
  return [dir];
}

function within(rows: Pick<TidyRows, 'from' | 'to'>, row: number): boolean {
  return row >= rows.from && row <= rows.to;
}

/** The 1-based row of an A1 reference (`C12` → 12). */
function rowOfA1(cell: string): number {
  return Number(/\d+$/.exec(cell)?.[0] ?? 0);
}

/** The directories with changes, by label (in the language spoken). */
export function touched(schema: Crm['schema'], directories: TidyDirectory[]): string {
  const label = (d: TidyDirectory) => {
    const def = schema.directories.find((x) => x.key === d.directory);
    return def ? named(def.labels) : d.label;
  };
  return directories.filter((d) => d.changes.length).map(label).join(', ');
}

export function nothingToTidy(): string {
  return say('Nothing to tidy: every record has its ID and every value its stored form.');
}

/** What is left for a person, as a sentence ('' when nothing is). */
export function unfixed(problems: CheckProblem[]): string {
  const n = problems.length;
  if (n === 0) return '';
  return n === 1 ? say('1 problem is left for a person to fix; `check` lists it too.') : say('{count} problems are left for a person to fix; `check` lists them too.', { count: n });
}
