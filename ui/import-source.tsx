/**
 * The Import screen's first part: where the rows come from and how they are read. A file (CSV,
 * TSV, TXT or XLSX) is decoded here, in the browser, by ui/import-file.ts (the encoding detected,
 * with a sample of each candidate, and overridable); pasted text needs no decoding. Delimiter,
 * quote and header are detected by the core's reader and each can be forced; the first rows show
 * what the choices give.
 */

import { useState } from 'preact/hooks';
import { ENCODING_NAMES } from '../core/export/encode.js';
import type { EncodingDetection } from '../core/import/encoding.js';
import type { ImportSource, ParseOptions, SourceTable } from '../core/import/source-types.js';
import type { Cell } from '../core/workbook.js';
import { useCarnet } from './context.js';
import { readImportFile, type ImportFile } from './import-file.js';
import { DELIMITERS, QUOTES, delimiterName } from './import-fields.js';
import { SelectField } from './import-select.js';
import type { MessageKey } from './i18n.js';

const CONFIDENCE: Record<EncodingDetection['confidence'], MessageKey> = {
  bom: 'importConfidenceBom',
  certain: 'importConfidenceCertain',
  likely: 'importConfidenceLikely',
  guess: 'importConfidenceGuess',
};

/** How many of the file's rows the source part shows. */
const FIRST_ROWS = 5;

/** Text on one line, cut at `max` characters. */
function oneLine(s: string, max: number): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function cellText(v: Cell): string {
  return v === null ? '' : oneLine(String(v), 40);
}

/** Parse options with one of them forced to `value`, or left to detection when `value` is ''. */
function forced(parse: ParseOptions, key: 'delimiter' | 'quote', value: string): ParseOptions {
  const out = { ...parse };
  if (value) out[key] = value;
  else delete out[key];
  return out;
}

function message(e: unknown): string {
  return (e as Error).message;
}

export function ImportSourcePart(props: {
  id: string;
  /** The source as read, for the parent to plan; undefined while there is none. */
  onSource(source: ImportSource | undefined): void;
  parse: ParseOptions;
  onParse(parse: ParseOptions): void;
  table: SourceTable | undefined;
  tableProblem: string | undefined;
}) {
  const { t } = useCarnet();
  const { id, table, parse } = props;
  const [how, setHow] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<File | undefined>();
  const [loaded, setLoaded] = useState<ImportFile | undefined>();
  const [encoding, setEncoding] = useState('');
  const [sheet, setSheet] = useState('');
  const [text, setText] = useState('');
  const [reading, setReading] = useState(false);
  const [readProblem, setReadProblem] = useState<string | undefined>();

  /** Reads the file (again, with another encoding or sheet); only the last read counts. */
  async function read(f: File, options: { encoding?: string; sheet?: string }) {
    setReading(true);
    setReadProblem(undefined);
    try {
      const got = await readImportFile(f, options);
      setLoaded(got);
      props.onSource(got.source);
    } catch (e) {
      setLoaded(undefined);
      setReadProblem(message(e));
      props.onSource(undefined);
    } finally {
      setReading(false);
    }
  }

  function pickFile(f: File | undefined) {
    setFile(f);
    setEncoding('');
    setSheet('');
    setLoaded(undefined);
    props.onParse({});
    if (f) void read(f, {});
    else props.onSource(undefined);
  }

  function switchTo(next: 'file' | 'paste') {
    setHow(next);
    setReadProblem(undefined);
    props.onParse({});
    if (next === 'paste') props.onSource(text.trim() ? { kind: 'text', text } : undefined);
    else props.onSource(loaded?.source);
  }

  const enc = loaded?.encoding;
  const used = enc?.candidates.find((c) => c.encoding === enc.used);
  const isText = how === 'paste' || loaded?.source.kind === 'text';

  return (
    <section class="import-part import-source" aria-labelledby={`${id}-source`}>
      <h3 id={`${id}-source`}>{t('importSource')}</h3>
      <div class="import-how" role="radiogroup" aria-label={t('importSource')}>
        <label class="check">
          <input type="radio" name={`${id}-how`} checked={how === 'file'} onChange={() => switchTo('file')} />
          {t('importFromFile')}
        </label>
        <label class="check">
          <input type="radio" name={`${id}-how`} checked={how === 'paste'} onChange={() => switchTo('paste')} />
          {t('importFromPaste')}
        </label>
      </div>

      {how === 'file' ? (
        <div class="field">
          <label for={`${id}-file`}>{t('importFile')}</label>
          <input id={`${id}-file`} type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => pickFile((e.currentTarget as HTMLInputElement).files?.[0])} />
          <p class="field-hint">{t('importFileHint')}</p>
        </div>
      ) : (
        <div class="field">
          <label for={`${id}-paste`}>{t('importPaste')}</label>
          <textarea
            id={`${id}-paste`}
            rows={6}
            value={text}
            spellcheck={false}
            placeholder={t('importPasteHint')}
            onInput={(e) => {
              const v = (e.currentTarget as HTMLTextAreaElement).value;
              setText(v);
              props.onSource(v.trim() ? { kind: 'text', text: v } : undefined);
            }}
          />
        </div>
      )}
      {reading && <p aria-busy="true">{t('importReading')}</p>}
      {readProblem && (
        <p role="alert" class="form-error">
          {readProblem}
        </p>
      )}

      {how === 'file' && file && enc && (
        <SelectField
          id={`${id}-encoding`}
          label={t('importEncoding')}
          value={encoding}
          choices={[
            { value: '', label: t('importDetected', { value: ENCODING_NAMES[enc.encoding], confidence: t(CONFIDENCE[enc.confidence]) }) },
            ...enc.candidates.map((c) => ({ value: c.encoding, label: `${ENCODING_NAMES[c.encoding]} — ${oneLine(c.sample, 28)}` })),
          ]}
          onChange={(v) => {
            setEncoding(v);
            void read(file, { ...(v ? { encoding: v } : {}), ...(sheet ? { sheet } : {}) });
          }}
        >
          {used && <p class="import-sample">{t('importEncodingSample', { sample: oneLine(used.sample, 120) })}</p>}
        </SelectField>
      )}

      {how === 'file' && file && loaded?.sheets && loaded.sheets.length > 0 && (
        <SelectField
          id={`${id}-sheet`}
          label={t('importSheet')}
          value={sheet || (loaded.source.kind === 'rows' ? (loaded.source.sheet ?? '') : '')}
          choices={loaded.sheets.map((s) => ({ value: s, label: s }))}
          onChange={(v) => {
            setSheet(v);
            void read(file, { sheet: v });
          }}
        />
      )}

      {(table || props.tableProblem) && (
        <div class="import-read">
          {isText && (
            <div class="import-pair">
              <SelectField
                id={`${id}-delimiter`}
                label={t('importDelimiter')}
                value={parse.delimiter ?? ''}
                choices={[{ value: '', label: t('importDetectedShort', { value: t(delimiterName(table?.delimiter) ?? 'importNone') }) }, ...DELIMITERS.map((d) => ({ value: d.value, label: t(d.name) }))]}
                onChange={(v) => props.onParse(forced(parse, 'delimiter', v))}
              />
              <SelectField
                id={`${id}-quote`}
                label={t('importQuote')}
                value={parse.quote ?? ''}
                choices={[{ value: '', label: t('importDetectedShort', { value: t(QUOTES.find((q) => q.value === table?.quote)?.name ?? 'importDoubleQuote') }) }, ...QUOTES.map((q) => ({ value: q.value, label: t(q.name) }))]}
                onChange={(v) => props.onParse(forced(parse, 'quote', v))}
              />
            </div>
          )}
          <label class="check">
            <input type="checkbox" checked={parse.header === false || (parse.header === undefined && table?.hasHeader === false)} onChange={(e) => props.onParse({ ...parse, header: !(e.currentTarget as HTMLInputElement).checked })} />
            {t('importNoHeader')}
            {parse.header === undefined && table && <span class="muted"> {t('importHeaderDetected')}</span>}
          </label>
        </div>
      )}
      {table && (
        <>
          <p class="muted">{t('importRowCount', { count: table.rows.length })}</p>
          <div class="import-first-rows" tabIndex={0} role="region" aria-label={t('importFirstRows')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  {table.header.map((h, i) => (
                    <th key={i} scope="col">
                      {cellText(h)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(0, FIRST_ROWS).map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{table.firstRow + i}</th>
                    {r.map((v, j) => (
                      <td key={j}>{cellText(v)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {props.tableProblem && (
        <p role="alert" class="form-error">
          {props.tableProblem}
        </p>
      )}
    </section>
  );
}
