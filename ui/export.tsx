/**
 * The Export screen (issue 10): a directory, or the records of it whose field has a value, as CSV
 * (UTF-8 with a BOM for Excel, or a chosen encoding and delimiter), TSV or XLSX. One
 * `export.file` call builds the file in the core (references by display key, formula-like text
 * guarded); the sidebar turns its base64 into a download. An add-in frame may block the download,
 * so the file's link stays shown.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ENCODING_NAMES, EXPORT_ENCODINGS, type ExportEncoding } from '../core/export/encode.js';
import { directory, labelOf, useCarnet } from './context.js';
import { DOWNLOAD_TARGET, blobDownload, bytesOf, startDownload, type Download } from './import-download.js';
import { DELIMITERS } from './import-fields.js';
import { DirectorySelect, SelectField } from './import-select.js';
import { registerWords } from './i18n.js';
import { IMPORT_WORDS } from './i18n-import.js';

// This screen's words travel with it, not in the task pane's first load (ui/i18n.ts).
registerWords(IMPORT_WORDS);

type Format = 'csv' | 'tsv' | 'xlsx';

/** What `export.file` answers: the file's bytes in base64, since every host's transport carries text. */
interface ExportAnswer {
  fileName: string;
  mime: string;
  base64: string;
  rows: number;
}

function message(e: unknown): string {
  return (e as Error).message;
}

let exportCount = 0;

export function Export() {
  const { bridge, schema, lang, t, announce } = useCarnet();
  const [id] = useState(() => `export-${++exportCount}`);
  const [dirKey, setDirKey] = useState(() => (schema.directories.some((d) => d.key === 'companies') ? 'companies' : (schema.directories[0]?.key ?? '')));
  const [format, setFormat] = useState<Format>('csv');
  const [encoding, setEncoding] = useState<ExportEncoding>('utf-8');
  const [delimiter, setDelimiter] = useState(',');
  const [bom, setBom] = useState(true);
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [file, setFile] = useState<(Download & { rows: number }) | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => heading.current?.focus(), []);
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  const dir = directory(schema, dirKey);
  const text = format !== 'xlsx';
  // A BOM tells Excel the file is Unicode; a single-byte code page has none.
  const bomOffered = text && encoding.startsWith('utf');

  async function run() {
    setBusy(true);
    setProblem(undefined);
    try {
      const input = {
        directory: dirKey,
        format,
        ...(field && value.trim() ? { where: { [field]: value.trim() } } : {}),
        ...(text ? { encoding } : {}),
        ...(format === 'csv' ? { delimiter } : {}),
        ...(bomOffered ? { bom } : {}),
      };
      const out = await bridge.call<ExportAnswer>('export.file', input);
      const d = { ...blobDownload(bytesOf(out.base64), out.fileName, out.mime), rows: out.rows };
      setFile(d);
      startDownload(d);
      announce(t('exportDone', { count: out.rows }));
    } catch (e) {
      setProblem(message(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
        {t('exportTitle')}
      </h2>
      <p class="muted">{t('exportIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void run();
        }}
      >
        <DirectorySelect
          id={`${id}-dir`}
          label={t('exportDirectory')}
          value={dirKey}
          onChange={(key) => {
            setDirKey(key);
            setField('');
          }}
        />
        <SelectField<Format>
          id={`${id}-format`}
          label={t('exportFormat')}
          value={format}
          choices={[
            { value: 'csv', label: 'CSV' },
            { value: 'tsv', label: t('exportTsv') },
            { value: 'xlsx', label: 'XLSX (Excel)' },
          ]}
          onChange={setFormat}
        />
        {text && (
          <div class="import-pair">
            <SelectField<ExportEncoding> id={`${id}-encoding`} label={t('importEncoding')} value={encoding} choices={EXPORT_ENCODINGS.map((x) => ({ value: x, label: ENCODING_NAMES[x] }))} onChange={setEncoding} />
            {format === 'csv' && (
              <SelectField id={`${id}-delimiter`} label={t('importDelimiter')} value={delimiter} choices={DELIMITERS.filter((d) => d.value !== '\t').map((d) => ({ value: d.value, label: t(d.name) }))} onChange={setDelimiter} />
            )}
          </div>
        )}
        {bomOffered && (
          <div class="field">
            <label class="check">
              <input type="checkbox" checked={bom} onChange={(e) => setBom((e.currentTarget as HTMLInputElement).checked)} />
              {t('exportBom')}
            </label>
          </div>
        )}
        <fieldset class="import-match">
          <legend>
            {t('exportFilter')} <span class="muted">{t('optional')}</span>
          </legend>
          <div class="import-pair">
            <SelectField id={`${id}-field`} label={t('exportField')} value={field} choices={[{ value: '', label: t('exportAll') }, ...(dir?.fields ?? []).map((f) => ({ value: f.key, label: labelOf(f, lang) }))]} onChange={setField} />
            <div class="field">
              <label for={`${id}-value`}>{t('exportValue')}</label>
              <input id={`${id}-value`} value={value} disabled={!field} autoComplete="off" onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
            </div>
          </div>
        </fieldset>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('exportRunning') : t('exportButton')}
          </button>
        </div>
      </form>
      {problem && (
        <p role="alert" class="form-error">
          {problem}
        </p>
      )}
      {file && (
        <p class="import-link export-done">
          {t('exportReady', { count: file.rows.toLocaleString(lang) })}{' '}
          <a href={file.url} download={file.fileName} target={DOWNLOAD_TARGET}>
            {file.fileName}
          </a>
        </p>
      )}
    </article>
  );
}
