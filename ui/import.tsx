/**
 * The Import screen (issue 10): a file or pasted text, read and shown (ui/import-source.tsx); the
 * target directory and the mapping of its columns (ui/import-mapping.tsx); the options
 * (ui/import-options.tsx); the preview (ui/import-preview.tsx); then the import applied chunk by
 * chunk with a progress bar, its result and Undo (ui/import-result.tsx), and earlier imports.
 *
 * Every change plans again — one `import.plan`, a dry run, after a short pause rather than per
 * keystroke: in Google Sheets a command is a round trip of up to a second and a half. The file is
 * parsed once here with the core's own reader (so the first rows, the rejected rows' CSV and the
 * chunks all come from the table the core would read); the apply sends what the last plan
 * resolved — mapping, date orders, match keys — so that a chunk cannot be read differently from
 * the whole file.
 */

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { readSource } from '../core/import/parse.js';
import type { ImportSource, ParseOptions, SourceTable } from '../core/import/source-types.js';
import type { ColumnMap, ColumnReport, ImportPlan } from '../core/import/types.js';
import { directory, labelOf, useCarnet } from './context.js';
import { applyChunks, startRun, type ApplyRequest, type ApplyRun } from './import-apply.js';
import { EarlierImports } from './import-batches.js';
import { CHUNK_LIMITS, chunksOf } from './import-chunks.js';
import { MappingTable } from './import-mapping.js';
import { ImportOptionsPart, NO_OPTIONS, optionsInput, type ImportOptions } from './import-options.js';
import { ImportPreview } from './import-preview.js';
import { ImportProgress } from './import-result.js';
import { DirectorySelect } from './import-select.js';
import { ImportSourcePart } from './import-source.js';
import { registerWords } from './i18n.js';
import { IMPORT_WORDS } from './i18n-import.js';

// This screen's words travel with it, not in the task pane's first load (ui/i18n.ts).
registerWords(IMPORT_WORDS);

/** Long enough to type a word or arrow through a list; short enough to feel like it follows. */
const PLAN_DELAY_MS = 400;

/** The plan's mapping with a line for every column (an ignored one may be left out). */
function fullMapping(plan: ImportPlan): ColumnMap[] {
  return plan.columns.map((c) => plan.mapping.find((m) => m.column === c.column) ?? { column: c.column, field: null });
}

/**
 * What the apply sends: the mapping with every date column's order fixed to the one the whole
 * file showed (a chunk whose days are all ≤ 12 could not tell), and the match keys the plan used.
 */
function resolved(plan: ImportPlan, mapping: readonly ColumnMap[] | undefined, options: ImportOptions): ApplyRequest {
  const columns = new Map(plan.columns.map((c) => [c.column, c]));
  const map = (mapping ?? fullMapping(plan)).map((m) => {
    const dates = columns.get(m.column)?.dates;
    return m.field !== null && dates && !m.dateOrder ? { ...m, dateOrder: dates.order } : m;
  });
  return { directory: plan.directory, ...optionsInput(options), mapping: map, match: options.match ?? plan.match };
}

function message(e: unknown): string {
  return (e as Error).message;
}

function defaultDirectory(keys: readonly string[]): string {
  return keys.includes('contacts') ? 'contacts' : keys.includes('companies') ? 'companies' : (keys[0] ?? '');
}

let importCount = 0;

export function Import({ onChanged }: { onChanged(): void }) {
  const { bridge, schema, lang, t } = useCarnet();
  const [id] = useState(() => `import-${++importCount}`);
  const [dirKey, setDirKey] = useState(() => defaultDirectory(schema.directories.map((d) => d.key)));
  const [source, setSource] = useState<ImportSource | undefined>();
  const [parse, setParse] = useState<ParseOptions>({});
  /** Undefined: the core's suggestion; set from the first change the person makes. */
  const [mapping, setMapping] = useState<ColumnMap[] | undefined>();
  /** The columns as the core suggested them, to say where each suggestion came from. */
  const [suggested, setSuggested] = useState<ColumnReport[]>([]);
  const [options, setOptions] = useState<ImportOptions>(NO_OPTIONS);
  const [plan, setPlan] = useState<ImportPlan | undefined>();
  const [planning, setPlanning] = useState(false);
  const [planProblem, setPlanProblem] = useState<string | undefined>();
  const [run, setRun] = useState<ApplyRun | undefined>();
  const [request, setRequest] = useState<ApplyRequest | undefined>();
  const [applying, setApplying] = useState(false);
  /** Bumped after an import or an undo: the list of earlier imports is fetched again. */
  const [changes, setChanges] = useState(0);
  /** A new source part (a fresh file input) for "Import another file". */
  const [round, setRound] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const lastPlan = useRef(0);
  const alive = useRef(true);

  useLayoutEffect(() => heading.current?.focus(), []);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const read = useMemo((): { table?: SourceTable; problem?: string } => {
    if (!source) return {};
    try {
      return { table: readSource(source, parse) };
    } catch (e) {
      return { problem: message(e) };
    }
  }, [source, parse]);
  const table = read.table;

  useEffect(() => {
    if (!source || !table) {
      lastPlan.current++;
      setPlanning(false);
      setPlan(undefined);
      setPlanProblem(undefined);
      return;
    }
    const ticket = ++lastPlan.current;
    setPlanning(true);
    const timer = setTimeout(() => {
      const input = { directory: dirKey, source, parse, ...(mapping ? { mapping } : {}), ...optionsInput(options) };
      bridge.call<ImportPlan>('import.plan', input).then(
        (answer) => {
          if (ticket !== lastPlan.current) return;
          setPlan(answer);
          setPlanProblem(undefined);
          if (!mapping) setSuggested(answer.columns);
          setPlanning(false);
        },
        (e: unknown) => {
          if (ticket !== lastPlan.current) return;
          setPlanProblem(message(e));
          setPlanning(false);
        },
      );
    }, PLAN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dirKey, source, table, mapping, options]);

  /** Another file, text, or way of reading it: the columns may differ, so the mapping is suggested afresh. */
  function newSource(next: ImportSource | undefined) {
    setSource(next);
    setMapping(undefined);
  }
  function newParse(next: ParseOptions) {
    setParse(next);
    setMapping(undefined);
  }
  function newDirectory(key: string) {
    setDirKey(key);
    setMapping(undefined);
    setOptions(NO_OPTIONS);
    setPlan(undefined);
  }

  /**
   * Runs the chunks to the end even when the person leaves the screen meanwhile: they asked for
   * the import, and its batch then shows in Earlier imports, complete, or stopped with its reason.
   */
  async function go(start: ApplyRun, req: ApplyRequest) {
    setApplying(true);
    setRun(start);
    const end = await applyChunks(bridge, req, start, (r) => alive.current && setRun(r));
    if (end.batch) onChanged();
    if (!alive.current) return;
    setRun(end);
    setApplying(false);
    setChanges((n) => n + 1);
  }

  function apply() {
    if (!plan || !table || planning || applying) return;
    const req = resolved(plan, mapping, options);
    const sheet = source?.kind === 'rows' ? source.sheet : undefined;
    setRequest(req);
    void go(startRun(table.header, chunksOf(table, CHUNK_LIMITS), { ...(source?.name ? { name: source.name } : {}), ...(sheet ? { sheet } : {}) }), req);
  }

  function again() {
    setRun(undefined);
    setRequest(undefined);
    setSource(undefined);
    setParse({});
    setMapping(undefined);
    setSuggested([]);
    setOptions(NO_OPTIONS);
    setPlan(undefined);
    setRound((n) => n + 1);
  }

  const dir = directory(schema, dirKey);
  const shownMapping = plan ? (mapping ?? fullMapping(plan)) : [];
  const rows = plan?.source.rows ?? table?.rows.length ?? 0;

  return (
    <article class="import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {t('importTitle')}
      </h2>

      {run ? (
        <ImportProgress
          id={id}
          run={run}
          applying={applying}
          table={table}
          fromCsv={source?.kind === 'text'}
          onResume={() => request && void go(run, request)}
          onUndone={() => {
            setChanges((n) => n + 1);
            onChanged();
          }}
          onAgain={again}
        />
      ) : (
        <>
          <p class="muted">{t('importIntro')}</p>
          <ImportSourcePart key={round} id={id} onSource={newSource} parse={parse} onParse={newParse} table={table} tableProblem={read.problem} />

          {table && (
            <div class="import-target">
              <DirectorySelect id={`${id}-dir`} label={t('importInto')} value={dirKey} onChange={newDirectory} />
            </div>
          )}
          {table && !plan && planning && <p aria-busy="true">{t('importPlanning')}</p>}
          {planProblem && (
            <p role="alert" class="form-error">
              {planProblem}
            </p>
          )}

          {table && plan && plan.directory === dirKey && (
            <>
              <MappingTable id={id} plan={plan} mapping={shownMapping} suggested={suggested} onChange={setMapping} />
              <ImportOptionsPart id={id} plan={plan} mapping={shownMapping} options={options} onChange={setOptions} />
              <ImportPreview id={id} plan={plan} table={table} fromCsv={source?.kind === 'text'} planning={planning} />
              <div class="import-apply">
                <p class="muted running" aria-live="polite">
                  {planning ? t('importPlanning') : ''}
                </p>
                <button type="button" class="primary" aria-disabled={planning || !!planProblem} disabled={planning || !!planProblem} onClick={apply}>
                  {t('importApply', { count: rows.toLocaleString(lang), directory: dir ? labelOf(dir, lang) : dirKey })}
                </button>
              </div>
            </>
          )}
        </>
      )}
      <EarlierImports id={id} refresh={changes} onUndone={() => {
        setChanges((n) => n + 1);
        onChanged();
      }} />
    </article>
  );
}
