/**
 * Adopting a sheet the team already keeps ("Clients", with their own headers) as the sheet of a
 * directory. Nothing is moved or rewritten except what the admin confirms:
 *
 * - `planAdoption` reads the sheet once and proposes which column holds which field (by name or
 *   synonym, see header-synonyms.ts; a header merely containing a field's words is only suggested,
 *   since the team's "Notes perso" may be private), with samples, per-cell verdicts (fine / would be
 *   normalised / invalid), duplicates of the display key, and the exact list of changes applying
 *   would make. It writes nothing.
 * - `adoptSheet` applies a mapping the admin confirmed, in one transaction. The team's headers stay
 *   as they are: where a header is not already one of its field's names, the field's label in the
 *   workbook's language becomes the header text (a schema-only change), so binding by header keeps
 *   working and `check` stays quiet. The only cells ever written are the confirmed additions:
 *   an ID column (`addIds`), headers for fields that have no column (`addColumns`), cells rewritten
 *   in their stored form (`normalize`). Invalid cells are never changed; `check` lists them.
 *   Carnet's layout (formats, dropdowns, widths, notes, bold header cells) goes on Carnet's columns
 *   only, the team's own columns get none of it; the header row is frozen.
 *
 * Decisions, and why:
 * - Ids are required (refused without `addIds` when missing): the record store finds, updates and
 *   deletes records by id, and `check` reports a sheet without an ID column as broken.
 * - Every field needs a column (refused without `addColumns`): a field with a default (a creation
 *   date, an owner) could not be saved on a new record otherwise, and `check` would report each
 *   missing column. The new headers go to the right of everything the team has.
 * - Duplicates of the display key are refused, listing the cells, with no override: references
 *   store the display value, so a duplicate makes every reference to it ambiguous. Duplicates in
 *   other unique fields (a tax id typed twice) are only reported, like an invalid cell.
 * - The directory's previous sheet must hold no record (never orphan data); it is left in place and
 *   the result says it is no longer used.
 * - Referenced values missing from their directory (a "Ville" not yet in Cities) are reported;
 *   `addReferenced` creates them, so the column's dropdown and `check` accept them.
 * - The plan says what each flag would write in `confirmations`, one entry per flag this sheet has
 *   something for, worded for every client (no command-line flag names): the sidebar puts it beside
 *   its checkbox, the CLI beside its flag. A needed flag left unticked is stated there only, not
 *   again in `blockers`; `adoptSheet` still refuses with it, worded with the flag's names.
 *
 * The ids are adopt-ids.ts; the verdict on each mapped cell, adopt-cells.ts.
 *
 * Round trips are constant: the meta, the sheet list, the adopted sheet (and its merges), the
 * previous sheet and each referenced directory are read once; the confirmed cells are written in
 * one call, whatever the rows.
 */

import { CarnetError, fail, type ErrorData } from '../errors.js';
import { named, say } from '../messages/say.js';
import { createRecords } from '../records/create.js';
import { Crm } from '../records/crm.js';
import { DirectoryTable, empty } from '../records/directory-table.js';
import { throwProblems } from '../records/problems.js';
import type { Defaults } from '../records/validate.js';
import { blocksOf, type CellWrite } from '../records/sheet-writes.js';
import { a1, columnLetter, type Cell, type ExpectedCell, type Grid, type Workbook } from '../workbook.js';
import { judgeCells } from './adopt-cells.js';
import { planIds } from './adopt-ids.js';
import { adoptableSheet, cellsList, headerColumns, names, propose, repeats, resolveMapping, samples, span } from './adopt-columns.js';
import { FLAGS, type AdoptChange, type AdoptFlag, type AdoptInput, type AdoptPlan, type AdoptResult, type ColumnPlan } from './adopt-types.js';
import { checkLabelsFree } from './field-spec.js';
import { fold, requireDirectory } from './lookup.js';
import { applyLayouts } from './setup.js';
import { ID_HEADER, type DirectoryDef } from './types.js';
/** Everything adoption needs, computed once by the plan and executed as is by `adoptSheet`. */
interface Prepared {
  plan: AdoptPlan;
  /** Every reason to refuse, in order: the plan's blockers and the needed confirmations not ticked. */
  refusals: ErrorData[];
  /** The directory as it will be: its new sheet and labels. */
  next: DirectoryDef;
  /** Column → row → value, for the adopted sheet. */
  writes: Map<number, Map<number, Cell>>;
  grid: Grid;
  /** Referenced directory key → display values to create. */
  referenced: Map<string, string[]>;
  /** Counter of the directory after the new ids. */
  counter: number | undefined;
  layoutDirs: string[];
  previousExists: boolean;
}

export async function planAdoption(wb: Workbook, input: AdoptInput): Promise<AdoptPlan> {
  return (await prepare(await Crm.open(wb), input, false)).plan;
}

export async function adoptSheet(wb: Workbook, input: AdoptInput, defaults: Defaults): Promise<AdoptResult> {
  return wb.transaction(async () => {
    const crm = await Crm.open(wb);
    const p = await prepare(crm, input, true);
    throwProblems(p.refusals);

    // Referenced records first: createRecords validates before it writes, and nothing else is
    // written yet, so a refusal there still leaves the workbook as it was.
    for (const [key, values] of p.referenced) {
      const target = crm.directory(key);
      await createRecords(crm, key, values.map((v) => ({ [target.display]: v })), defaults);
    }
    // Exactly the confirmed cells, in one call, each expected to hold what the plan read: a cell
    // nobody confirmed is not even written back (a formula, a hyperlink or a rich text the team
    // put in a mapped column survives), and a colleague's sort meanwhile refuses rather than
    // writes ids onto the wrong rows.
    const writes: CellWrite[] = [];
    const expect: ExpectedCell[] = [];
    for (const [column, cells] of p.writes) {
      for (const [row, value] of cells) {
        writes.push({ row, column, value });
        expect.push({ row, column, value: p.grid[row]?.[column] ?? null });
      }
    }
    if (writes.length) await wb.writeBlocks(p.next.sheet, blocksOf(writes), expect);
    const index = crm.schema.directories.findIndex((d) => d.key === p.next.key);
    crm.schema.directories[index] = p.next;
    if (p.counter !== undefined) crm.meta.counters[p.next.key] = p.counter;
    await crm.saveMeta();
    crm.forgetAll();
    // The adopted sheet gets Carnet's layout on its columns (the plan says so); directories that
    // reference it only get their dropdowns pointed at it: their other columns keep their formats.
    const referencing = Object.fromEntries(
      p.layoutDirs.slice(1).map((k) => [k, crm.directory(k).fields.filter((f) => f.type === 'reference' && f.ref === p.next.key).map((f) => f.key)]),
    );
    await applyLayouts(crm, p.layoutDirs, referencing);

    const plan = p.plan;
    const stillThere = p.previousExists;
    const invalid = plan.columns.reduce((n, c) => n + (c.invalid?.length ?? 0), 0);
    return {
      directory: plan.directory,
      sheet: plan.sheet,
      previousSheet: stillThere ? plan.previousSheet : null,
      records: plan.records,
      mapping: plan.apply.mapping,
      changes: plan.changes,
      invalid,
      message: [
        plan.records === 1
          ? say('{directory} now live in sheet "{sheet}" (1 record).', { directory: named(p.next.labels), sheet: plan.sheet })
          : say('{directory} now live in sheet "{sheet}" ({count} records).', { directory: named(p.next.labels), sheet: plan.sheet, count: plan.records }),
        invalid > 1
          ? say('{count} cells left as typed do not fit their fields; `check` lists them.', { count: invalid })
          : invalid
            ? say('1 cell left as typed does not fit its field; `check` lists it.')
            : '',
        stillThere ? say('Sheet "{sheet}" is no longer used by Carnet; delete it by hand when you like.', { sheet: plan.previousSheet }) : '',
      ]
        .filter((m) => m !== '')
        .join(' '),
    };
  });
}

async function prepare(crm: Crm, input: AdoptInput, exact: boolean): Promise<Prepared> {
  const schema = crm.schema;
  const lang = schema.lang;
  const dir = requireDirectory(schema, input.directory);
  const sheets = await crm.wb.sheets();
  const sheet = adoptableSheet(schema, dir, sheets, input.sheet);
  const grid = await crm.wb.read(sheet);
  const merges = await crm.wb.merges(sheet);
  // Cells showing a formula's result are never rewritten in stored form: the formula is the team's.
  const width0 = grid[0]?.length ?? 0;
  const formulaCells = grid.length > 1 && width0 > 0 ? await crm.wb.formulaCells(sheet, { top: 1, left: 0, bottom: grid.length - 1, right: width0 - 1 }) : [];
  const computed = new Set(formulaCells.map((c) => `${c.row}:${c.column}`));
  const columns = headerColumns(grid);
  if (!columns.some((c) => c.header !== '')) {
    fail({ code: 'E_SCHEMA', sheet, message: say('Sheet "{sheet}" has no headers in row 1; Carnet finds columns by their header.', { sheet }) });
  }
  const mapping = resolveMapping(schema, dir, columns, input.mapping ?? {}, exact);
  const headerOf = (c: number) => columns.find((x) => x.column === c)?.header ?? '';
  const blockers: ErrorData[] = [];
  /** Blockers a needed confirmation states in the plan: only `adoptSheet`'s refusal words them. */
  const unconfirmed = new Set<ErrorData>();
  const hints: string[] = [];
  /** Flag → what ticking it writes. */
  const wouldWrite = new Map<AdoptFlag, string>();
  // Changes in the order they are made and read best.
  const labelChanges: AdoptChange[] = [];
  const recordChanges: AdoptChange[] = [];
  const cellChanges: AdoptChange[] = [];
  const writes = new Map<number, Map<number, Cell>>();
  const put = (c: number, r: number, v: Cell) => (writes.get(c) ?? writes.set(c, new Map()).get(c)!).set(r, v);

  // The directory as it will be: in the team's sheet, each field named like its column.
  const next: DirectoryDef = JSON.parse(JSON.stringify(dir));
  next.sheet = sheet;
  const fieldOf = (key: string) => next.fields.find((f) => f.key === key)!;
  const labelNow = (key: string) => dir.fields.find((f) => f.key === key)!.labels[lang];
  const labelOf = (key: string) => named(fieldOf(key).labels);
  for (const [key, m] of mapping) {
    const f = fieldOf(key);
    const header = headerOf(m.column).trim().replace(/\s+/g, ' ');
    if (names(f).includes(fold(header))) continue;
    const before = named(f.labels);
    f.labels = { ...f.labels, [lang]: header };
    try {
      checkLabelsFree(schema, next, f.labels, f.key);
    } catch (e) {
      if (!(e instanceof CarnetError)) throw e;
      blockers.push({
        ...e.data,
        directory: dir.key,
        sheet,
        cell: a1(0, m.column),
        message: say('Column {column} "{header}" cannot name field "{field}": {reason} Map another column, or rename that header first.', {
          column: columnLetter(m.column),
          header,
          field: before,
          reason: e.data.message,
        }),
      });
    }
    labelChanges.push({
      kind: 'label',
      message: say('Field "{field}" takes the name "{header}" ({lang}), the header of column {column}: a schema change only; no header is rewritten.', {
        field: before,
        header,
        lang,
        column: columnLetter(m.column),
      }),
    });
  }

  // New columns go right of everything the team has (read() pads rows to the used width), and of
  // any merged cells there: a header inside a merge would be hidden, its cells with it.
  const width = grid[0]?.length ?? 0;
  const ownId = columns.find((c) => fold(c.header) === fold(ID_HEADER));
  const needed = (ownId ? 0 : 1) + next.fields.filter((f) => !mapping.has(f.key)).length;
  let free = width;
  for (let moved = true; moved; ) {
    moved = false;
    for (const m of merges) {
      if (m.right >= free && m.left <= free + Math.max(needed, 1) - 1) {
        free = m.right + 1;
        moved = true;
      }
    }
  }
  // The ID column's place is kept even while ids are not confirmed, so messages agree on places.
  const idColumn = ownId ? ownId.column : free++;
  const newIdColumn = !ownId && input.addIds ? idColumn : -1;
  const unmapped = next.fields.filter((f) => !mapping.has(f.key));
  const firstNew = free;
  const added = input.addColumns ? unmapped.map((f) => ({ field: f, column: free++ })) : [];
  const header: Cell[] = [...(grid[0] ?? [])];
  if (newIdColumn >= 0) header[newIdColumn] = ID_HEADER;
  for (const a of added) header[a.column] = a.field.labels[lang];
  // Rows padded to the new width, as read() pads them: DirectoryTable reads every bound column.
  const pad = (row: Cell[]) => Array.from({ length: header.length }, (_, c) => row[c] ?? null);
  const table = new DirectoryTable(next, [pad(header), ...grid.slice(1).map(pad)]);

  // Binding by header must find exactly the confirmed columns, and nothing else.
  const doubled = new Set<string>();
  for (const d of table.duplicates) {
    // A header Carnet would add that the team already has: the check below names the team's column.
    if (d.column >= width || doubled.has(fold(d.header))) continue;
    doubled.add(fold(d.header));
    const first = columns.find((c) => fold(c.header) === fold(d.header))!;
    blockers.push({
      code: 'E_SCHEMA',
      directory: dir.key,
      sheet,
      cell: a1(0, d.column),
      value: d.header,
      message: say('Header "{header}" appears twice ({first} and {second}); Carnet finds columns by header, so only the first would be used. Rename one of them first.', {
        header: d.header.trim(),
        first: a1(0, first.column),
        second: a1(0, d.column),
      }),
    });
  }
  for (const [key, m] of mapping) {
    const bound = table.columns.get(key);
    if (bound === m.column || doubled.has(fold(headerOf(m.column)))) continue;
    blockers.push({
      code: 'E_SCHEMA',
      directory: dir.key,
      field: key,
      sheet,
      cell: a1(0, m.column),
      message:
        bound === undefined
          ? say('Column {column} "{header}" cannot be bound to "{field}". Map another column.', { column: columnLetter(m.column), header: headerOf(m.column).trim(), field: labelOf(key) })
          : say('Column {column} "{header}" would be read as "{field}" instead of column {mapped}; rename one of these headers first.', {
              column: columnLetter(bound),
              header: headerOf(bound).trim(),
              field: labelOf(key),
              mapped: columnLetter(m.column),
            }),
    });
  }
  for (const [key, c] of table.columns) {
    if (mapping.has(key) || added.some((a) => a.field.key === key && a.column === c)) continue;
    blockers.push({
      code: 'E_SCHEMA',
      directory: dir.key,
      field: key,
      sheet,
      cell: a1(0, c),
      message: say('Column {column} "{header}" would be read as field "{field}" (its header is one of that field\'s names): map it to that field, or rename the header first.', {
        column: columnLetter(c),
        header: headerOf(c).trim(),
        field: labelOf(key),
      }),
    });
  }

  const records = table.records;
  const previousSheet = dir.sheet;
  const previousExists = sheets.some((s) => fold(s.name) === fold(previousSheet));
  if (previousExists) {
    const before = new DirectoryTable(dir, await crm.wb.read(previousSheet));
    if (before.records.length > 0) {
      blockers.unshift({
        code: 'E_SCHEMA',
        directory: dir.key,
        sheet: previousSheet,
        message:
          before.records.length > 1
            ? say('{directory} already has {count} records in sheet "{previous}"; adopting "{sheet}" would leave them behind. Move or delete them first.', {
                directory: named(dir.labels),
                count: before.records.length,
                previous: previousSheet,
                sheet,
              })
            : say('{directory} already has 1 record in sheet "{previous}"; adopting "{sheet}" would leave them behind. Move or delete them first.', { directory: named(dir.labels), previous: previousSheet, sheet }),
      });
    }
  }

  if (dir.display !== 'id' && !mapping.has(dir.display)) {
    blockers.push({
      code: 'E_SCHEMA',
      directory: dir.key,
      field: dir.display,
      sheet,
      message: say('Map a column to "{field}": it names the records of {directory} in references and dropdowns.', { field: labelOf(dir.display), directory: named(dir.labels) }),
    });
  }
  for (const f of unmapped) {
    if (f.key === dir.display || !f.required || records.length === 0) continue;
    blockers.push({
      code: 'E_REQUIRED',
      directory: dir.key,
      field: f.key,
      sheet,
      message: say('"{field}" is required, so every record needs a value: map a column to it.', { field: named(f.labels) }),
    });
  }
  if (unmapped.length) {
    wouldWrite.set('addColumns', say('Add the headers of the fields with no column in {range}: {fields}.', {
        range: span(0, firstNew, unmapped.length),
        // The headers as they will be written: in the workbook's language, whichever is spoken.
        fields: unmapped.map((f) => f.labels[lang] || f.labels.en).join(', '),
      }));
  }
  if (unmapped.length && !input.addColumns) {
    const b: ErrorData = {
      code: 'E_SCHEMA',
      directory: dir.key,
      sheet,
      message: (unmapped.length > 1
        ? say('{count} fields have no column: {fields}. Map them, or confirm adding their headers in {range} (addColumns; --add-columns on the command line).', {
            count: unmapped.length,
            fields: unmapped.map((f) => named(f.labels)).join(', '),
            range: span(0, firstNew, unmapped.length),
          })
        : say('1 field has no column: {fields}. Map them, or confirm adding their headers in {range} (addColumns; --add-columns on the command line).', {
            fields: unmapped.map((f) => named(f.labels)).join(', '),
            range: span(0, firstNew, unmapped.length),
          })),
    };
    blockers.push(b);
    unconfirmed.add(b);
  }
  if (added.length) {
    cellChanges.push({
      kind: 'columns',
      range: span(0, added[0]!.column, added.length),
      count: added.length,
      message: wouldWrite.get('addColumns')!,
    });
    for (const a of added) put(a.column, 0, a.field.labels[lang]);
  }

  // Ids: Carnet's handle on each record (adopt-ids.ts).
  const { missingIds, counter } = planIds({ crm, dir, table, ownId, idColumn, input, sheet, put, blockers, unconfirmed, wouldWrite, cellChanges });

  // Every mapped cell: fine, to normalise, or invalid (as check will report it after adoption).
  const plans = new Map<number, ColumnPlan>();
  for (const c of columns) {
    const isId = c.column === ownId?.column;
    plans.set(c.column, { column: columnLetter(c.column), header: c.header, field: isId ? 'id' : null, ...(isId ? { match: 'name' as const } : {}), samples: samples(grid, c.column) });
  }
  const guesses = propose(next, columns, false, { fields: new Set(mapping.keys()), columns: new Set([...mapping.values()].map((m) => m.column)) });
  for (const [key, g] of guesses) {
    plans.get(g.column)!.guess = key;
    hints.push(
      say('Column {column} "{header}" might hold "{field}" (its header has that field\'s words); it stays the team\'s own unless mapped.', { column: columnLetter(g.column), header: headerOf(g.column).trim(), field: labelOf(key) }),
    );
  }
  const { referenced, wanted, rewrites } = await judgeCells({ crm, dir, next, table, mapping, plans, input, sheet, computed, labelNow, put, blockers, cellChanges });
  const addRecords = (key: string, values: string[]) =>
    values.length === 1
      ? say('Add 1 record to {directory}: {values}.', { directory: named(crm.directory(key).labels), values: values.join(', ') })
      : say('Add {count} records to {directory}: {values}.', { count: values.length, directory: named(crm.directory(key).labels), values: values.join(', ') });
  for (const [key, values] of referenced) recordChanges.push({ kind: 'records', count: values.length, message: addRecords(key, values) });
  if (rewrites.length) wouldWrite.set('normalize', rewrites.join(' '));
  if (wanted.size) wouldWrite.set('addReferenced', [...wanted].map(([key, values]) => addRecords(key, values)).join(' '));
  const recordRows = new Set(records.map((r) => r.row));
  const outside = grid.filter((row, r) => r > 0 && !recordRows.has(r) && row.some((v) => !empty(v))).length;
  if (outside) {
    hints.push(
      outside > 1
        ? say('{count} rows hold data only in the team\'s own columns: not records, they get no id.', { count: outside })
        : say('1 row holds data only in the team\'s own columns: not a record, it gets no id.'),
    );
  }

  // The display key must be unique: references store it.
  const displayColumn = mapping.get(next.display)?.column;
  const duplicates =
    next.display === 'id' || displayColumn === undefined
      ? []
      : repeats(table, records, next.display, displayColumn, (at, v, first) => say('{cell}: "{value}" is also on row {row}; {field} must be unique.', { cell: at, value: String(v), row: first.row + 1, field: labelOf(next.display) }));
  if (duplicates.length) {
    blockers.push({
      code: 'E_UNIQUE',
      directory: dir.key,
      field: next.display,
      sheet,
      message:
        duplicates.length > 1
          ? say('"{field}" names the records, so it must be unique, and {count} cells repeat an earlier row ({cells}). Make them distinct in the sheet first, e.g. with the town in brackets.', {
              field: labelOf(next.display),
              count: duplicates.length,
              cells: cellsList(duplicates),
            })
          : say('"{field}" names the records, so it must be unique, and 1 cell repeats an earlier row ({cells}). Make them distinct in the sheet first, e.g. with the town in brackets.', {
              field: labelOf(next.display),
              cells: cellsList(duplicates),
            }),
      problems: duplicates,
    });
  }

  const layoutDirs = [dir.key, ...schema.directories.filter((d) => d.key !== dir.key && d.fields.some((f) => f.ref === dir.key)).map((d) => d.key)];
  const referencing = layoutDirs.slice(1).map((k) => crm.directory(k).sheet);
  const laidOut = [...(ownId || input.addIds ? [idColumn] : []), ...[...mapping.values()].map((m) => m.column), ...added.map((a) => a.column)].sort((a, b) => a - b);
  const changes: AdoptChange[] = [
    { kind: 'sheet', message: say('{directory} will live in sheet "{sheet}"; sheet "{previous}" is left as it is and no longer used.', { directory: named(dir.labels), sheet, previous: previousSheet }) },
    ...labelChanges,
    ...recordChanges,
    ...cellChanges,
    {
      kind: 'layout',
      message: [
        say('Apply Carnet\'s layout to columns {columns}: number formats, dropdowns, widths and help notes, with the header row frozen and bold.', { columns: laidOut.map(columnLetter).join(', ') }),
        referencing.length ? say('Dropdowns listing {directory} in {sheets} will read sheet "{sheet}".', { directory: named(dir.labels), sheets: referencing.join(', '), sheet }) : '',
      ]
        .filter((m) => m !== '')
        .join(' '),
    },
  ];
  const own = [...plans.values()].filter((c) => c.field === null);
  const untouched = own.length
    ? say('Left exactly as they are: every header the team typed, the team\'s own columns ({columns}), and every cell not listed in the changes.', {
        columns: own.map((c) => `${c.column} "${c.header.trim()}"`).join(', '),
      })
    : say('Left exactly as they are: every header the team typed, and every cell not listed in the changes.');

  const plan: AdoptPlan = {
    sheet,
    directory: dir.key,
    label: dir.labels[lang],
    previousSheet,
    records: records.length,
    columns: [...plans.values()],
    fieldsWithoutColumn: unmapped.map((f) => {
      const a = added.find((x) => x.field.key === f.key);
      return { field: f.key, label: f.labels[lang], required: f.required === true, ...(a ? { column: columnLetter(a.column) } : {}) };
    }),
    idColumn: ownId ? { column: columnLetter(ownId.column), filled: records.length - missingIds.length, empty: missingIds.length } : null,
    duplicates,
    changes,
    untouched,
    confirmations: FLAGS.filter((flag) => wouldWrite.has(flag)).map((flag) => ({
      flag,
      needed: flag === 'addIds' || flag === 'addColumns',
      ticked: input[flag] === true,
      message: wouldWrite.get(flag)!,
    })),
    blockers: blockers.filter((b) => !unconfirmed.has(b)),
    hints,
    apply: {
      sheet,
      directory: dir.key,
      mapping: Object.fromEntries(next.fields.filter((f) => mapping.has(f.key)).map((f) => [f.key, headerOf(mapping.get(f.key)!.column)])),
      addIds: input.addIds === true,
      addColumns: input.addColumns === true,
      normalize: input.normalize === true,
      addReferenced: input.addReferenced === true,
    },
  };
  return { plan, refusals: blockers, next, writes, grid, referenced, counter, layoutDirs, previousExists };
}

export type { AdoptChange, AdoptConfirmation, AdoptFlag, AdoptInput, AdoptOptions, AdoptPlan, AdoptResult, CellChange, ColumnPlan } from './adopt-types.js';
