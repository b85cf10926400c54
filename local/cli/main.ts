/**
 * The `carnet` command line. Each sub-command is a call to the same command registry the
 * sidebar uses, on an .xlsx file, run as one transaction: the file is written once at the end,
 * or not at all when anything fails.
 */

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Context } from '../../core/app/command.js';
import { dispatch } from '../../core/app/registry.js';
import type { CheckReport } from '../../core/check/check.js';
import { buildDemo } from '../../core/demo/build.js';
import { CarnetError, fail, toErrorData, type ErrorData } from '../../core/errors.js';
import { loadPhoneRules } from '../../core/fields/phone.js';
import { defaultsOf } from '../../core/app/defaults.js';
import type { RecordJson } from '../../core/records/record-json.js';
import { LANGS, type Lang, type Schema } from '../../core/schema/types.js';
import { loadMessages } from '../../core/messages/load.js';
import { say, speaking } from '../../core/messages/say.js';
import { MetaStore } from '../../core/schema/storage.js';
import { localContext } from '../context.js';
import { XlsxWorkbook } from '../xlsx-workbook.js';
import { parseAssignments, parseFieldArg, parseTypeArg } from './field-spec-arg.js';
import { HELP } from './help.js';
import { printable, printCheck, printRecords, printSchema } from './print.js';
import { serveVerb } from '../server/serve-command.js';
import { adoptVerb } from './adopt-verb.js';
import { tidyVerb } from './tidy-verb.js';
import { pivotVerb, reportVerb } from './pivot-verb.js';
import { importsVerb, importUndoVerb, importVerb } from './import-verb.js';
import { docVerb, templateVerb } from './template-verb.js';
import { exportVerb } from './export-verb.js';
import { auditVerb, protectVerb, roleVerb, userVerb } from './access-verb.js';
import { forgetSignIns, signIn } from './sign-in.js';
import { xlsxOptions } from '../open-options.js';
import { runOnFile } from '../run-command.js';

const OPTIONS = {
  json: { type: 'boolean' },
  lang: { type: 'string' },
  country: { type: 'string' },
  currency: { type: 'string' },
  companies: { type: 'string' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  where: { type: 'string', multiple: true },
  field: { type: 'string', multiple: true },
  fields: { type: 'string' },
  as: { type: 'string' },
  display: { type: 'string' },
  prefix: { type: 'string' },
  required: { type: 'boolean' },
  optional: { type: 'boolean' },
  unique: { type: 'boolean' },
  'not-unique': { type: 'boolean' },
  'help-text': { type: 'string' },
  default: { type: 'string' },
  choices: { type: 'string' },
  show: { type: 'boolean' },
  port: { type: 'string' },
  map: { type: 'string', multiple: true },
  'add-ids': { type: 'boolean' },
  'add-columns': { type: 'boolean' },
  normalize: { type: 'boolean' },
  'add-referenced': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  report: { type: 'string' },
  object: { type: 'string' },
  rows: { type: 'string' },
  columns: { type: 'string' },
  data: { type: 'string', multiple: true },
  filter: { type: 'string', multiple: true },
  sheet: { type: 'string' },
  chart: { type: 'string' },
  'chart-kind': { type: 'string' },
  'no-sheet': { type: 'boolean' },
  'write-class-to': { type: 'string' },
  // import and export (export: --encoding, --delimiter, --no-bom)
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  'no-bom': { type: 'boolean' },
  'no-header': { type: 'boolean' },
  mode: { type: 'string' },
  match: { type: 'string' },
  'create-companies': { type: 'boolean' },
  'create-missing': { type: 'string' },
  'deal-stage': { type: 'string' },
  segment: { type: 'string' },
  'keep-edited': { type: 'boolean' },
  'revert-edited': { type: 'boolean' },
  // templates and documents
  directory: { type: 'string' },
  filename: { type: 'string' },
  sample: { type: 'string' },
  annotate: { type: 'string' },
  template: { type: 'string' },
  record: { type: 'string' },
  output: { type: 'string', short: 'o' },
  pdf: { type: 'boolean' },
  zip: { type: 'string' },
  merged: { type: 'boolean' },
  // users, roles, protection, audit
  name: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'boolean' },
  'no-password': { type: 'boolean' },
  activate: { type: 'boolean' },
  deactivate: { type: 'boolean' },
  from: { type: 'string' },
  delete: { type: 'boolean' },
  'no-delete': { type: 'boolean' },
  deny: { type: 'boolean' },
  user: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;

/** Exit codes: 0 fine, 1 refused or problems found, 2 the command line itself is wrong. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    err.write(`carnet: ${(e as Error).message}\nRun \`carnet help\` for usage.\n`);
    return 2;
  }
  const { values: o, positionals: p } = parsed;
  // Printing normalizes values outside a command (print.ts): load the phone rules up front.
  await loadPhoneRules();
  const json = o.json === true;
  if (o.help || p.length === 0 || p[0] === 'help') {
    out.write(HELP);
    return p.length === 0 && !o.help ? 2 : 0;
  }
  opening = xlsxOptions({ ...(o.as ? { as: o.as } : {}), ...(o.force ? { force: true } : {}) }, err);
  forgetSignIns();
  const go = async (): Promise<number> => {
    try {
      return await run(p, o, json, out);
    } catch (e) {
      const data = toErrorData(e);
      if (json) err.write(`${JSON.stringify({ ok: false, error: data })}\n`);
      else err.write(describe(data));
      return data.code === 'E_BAD_INPUT' && !(e instanceof CommandFailed) ? 2 : 1;
    } finally {
      opening.done();
    }
  };
  // The CLI speaks the workbook's language, once it has opened it (openFile): its own lines and
  // core's messages alike. Not `serve`: the server runs a command per request, each in the
  // language the sidebar asks for, and must not sit inside one language for its whole life.
  if (p[0] === 'serve') return go();
  return speaking(undefined, (speak) => {
    speakWorkbook = speak;
    return go();
  });
}

/** Speaks a language from now on in this run (set by `main`; openFile and init/demo call it). */
let speakWorkbook: (lang: Lang) => void = () => undefined;

/** The CLI's words from now on in `lang`: the workbook's, once known. */
async function speakIn(lang: Lang): Promise<void> {
  await loadMessages(lang);
  speakWorkbook(lang);
}

/** How this run opens workbooks (who, --force, where warnings and waiting go). */
let opening: ReturnType<typeof xlsxOptions> = xlsxOptions({}, process.stderr);

class CommandFailed extends CarnetError {}

function describe(e: ErrorData): string {
  const lines = [`carnet: ${printable(e.message, true)} [${e.code}]`];
  const problems = (e.problems ?? []).filter((p) => !e.message.includes(p.message));
  for (const p of problems.slice(0, 10)) lines.push(`  - ${printable(p.message, true)}`);
  if (problems.length > 10) lines.push(`  ${say('… and {count} more (--json lists them all)', { count: problems.length - 10 })}`);
  return `${lines.join('\n')}\n`;
}

function need(p: string[], count: number, usage: string): void {
  if (p.length < count) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage }) });
}

function lang(o: Parsed['values']): Lang {
  const l = (o.lang ?? 'en').toLowerCase();
  if (!(LANGS as readonly string[]).includes(l)) fail({ code: 'E_BAD_INPUT', value: o.lang, message: say('--lang must be one of {langs}.', { langs: LANGS.join(', ') }) });
  return l as Lang;
}

function positiveInt(v: string | undefined, option: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) fail({ code: 'E_BAD_INPUT', value: v, message: say('{option} must be a whole number from 1 to 100000.', { option }) });
  return n;
}

async function openFile(file: string, _o: Parsed['values']): Promise<XlsxWorkbook> {
  const wb = await XlsxWorkbook.open(file, opening.options);
  // Its language, from its settings (in memory now): a file without Carnet, or whose settings
  // cannot be read (the command will say so), is spoken to in English.
  const lang = await new MetaStore(wb).load().then((meta) => meta?.schema.lang, () => undefined);
  if (lang) await speakIn(lang);
  return wb;
}

/**
 * Runs one registry command in one transaction; a refusal rolls the file back untouched. When
 * another program saved the file meanwhile, it runs again on that version (run-command.ts).
 */
async function call(ctx: Context, name: string, input: unknown): Promise<unknown> {
  return runOnFile(ctx.wb, async () => {
    await signIn(ctx.wb);
    const outcome = await dispatch(ctx, name, input);
    if (!outcome.ok) throw new CommandFailed(outcome.error);
    return outcome.result;
  });
}

/** A record as messages name it: its ID, or its row while it has none yet (a row typed by hand). */
function named(rec: RecordJson): string {
  const id = rec.id || say('row {row}', { row: rec.row });
  return `${id}${rec.display && rec.display !== rec.id ? ` (${rec.display})` : ''}`;
}

function emit(out: NodeJS.WritableStream, json: boolean, value: unknown, text: () => string): void {
  out.write(json ? `${JSON.stringify(value, null, 2)}\n` : text());
}

async function run(p: string[], o: Parsed['values'], json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const [verb, file] = p;
  switch (verb) {
    case 'demo': {
      need(p, 2, 'demo <file.xlsx> [--lang en|fr|ru] [--companies N]');
      if (existsSync(file!)) fail({ code: 'E_FILE', value: file, message: say('{file} already exists; `carnet demo` makes a new workbook: pick another name.', { file: file! }) });
      const wb = await XlsxWorkbook.create(file!, opening.options);
      await speakIn(lang(o));
      const ctx = localContext(wb);
      const summary = await buildDemo(wb, { lang: lang(o), companies: positiveInt(o.companies, '--companies', 50), seed: positiveInt(o.seed, '--seed', 1) }, await defaultsOf(ctx));
      emit(out, json, { file, ...summary }, () => {
        const counts = Object.entries(summary.records).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
        return `${say('Created demo CRM {file}: {counts}.', { file: file!, counts: counts.join(', ') })}\n`;
      });
      return 0;
    }
    case 'init': {
      need(p, 2, 'init <file.xlsx> [--lang en|fr|ru] [--country XX] [--currency XXX]');
      const wb = existsSync(file!) ? await openFile(file!, o) : await XlsxWorkbook.create(file!, opening.options);
      // A new workbook speaks the language it is made in (an existing one: its own, openFile).
      await speakIn((await new MetaStore(wb).load().then((meta) => meta?.schema.lang, () => undefined)) ?? lang(o));
      const result = (await call(localContext(wb), 'crm.setup', { lang: lang(o), country: o.country, currency: o.currency })) as { created: boolean; sheets: string[] };
      emit(out, json, { file, ...result }, () =>
        `${result.created ? say('Set up a CRM in {file}: {sheets}.', { file: file!, sheets: result.sheets.join(', ') }) : say('{file} already holds a CRM; nothing changed.', { file: file! })}\n`,
      );
      return 0;
    }
    case 'check': {
      need(p, 2, 'check <file.xlsx> [--json]');
      const report = (await call(localContext(await openFile(file!, o)), 'crm.check', {})) as CheckReport;
      emit(out, json, report, () => printCheck(file!, report));
      return report.errors > 0 ? 1 : 0;
    }
    case 'tidy':
      need(p, 2, 'tidy <file.xlsx> [--directory D] [--dry-run] [--json]');
      return tidyVerb(call, localContext(await openFile(file!, o)), file!, o, json, out);
    case 'schema': {
      need(p, 2, 'schema <file.xlsx> [--json]');
      const schema = (await call(localContext(await openFile(file!, o)), 'schema.get', {})) as Schema;
      emit(out, json, schema, () => printSchema(schema));
      return 0;
    }
    case 'list': {
      need(p, 3, 'list <file.xlsx> <directory> [--where field=value]… [--fields a,b] [--json]');
      const ctx = localContext(await openFile(file!, o));
      const result = (await call(ctx, 'record.list', { directory: p[2], where: parseAssignments(o.where, '--where') })) as { directory: string; records: RecordJson[] };
      if (json) emit(out, true, result.records, () => '');
      else {
        const schema = (await call(ctx, 'schema.get', {})) as Schema;
        out.write(printRecords(schema, result.directory, result.records, o.fields?.split(',')));
      }
      return 0;
    }
    case 'add': {
      need(p, 3, 'add <file.xlsx> <directory> --set field=value…');
      const rec = (await call(localContext(await openFile(file!, o)), 'record.create', { directory: p[2], values: parseAssignments(o.set, '--set') })) as RecordJson;
      emit(out, json, rec, () => `${say('Added {record} on row {row}.', { record: named(rec), row: rec.row })}\n`);
      return 0;
    }
    case 'update': {
      need(p, 4, 'update <file.xlsx> <directory> <id or name> --set field=value…');
      const r = (await call(localContext(await openFile(file!, o)), 'record.update', { directory: p[2], id: p[3], values: parseAssignments(o.set, '--set') })) as {
        record: RecordJson;
        cascaded: { directory: string; field: string; count: number; formulas?: string[] }[];
      };
      emit(out, json, r, () => {
        const cascade = r.cascaded.filter((c) => c.count).map((c) => say('{count} in {field}', { count: c.count, field: `${c.directory}.${c.field}` })).join(', ');
        const kept = r.cascaded.flatMap((c) => (c.formulas ?? []).map((cell) => `${c.directory}.${c.field} ${cell}`));
        return (
          say('Updated {record}.', { record: named(r.record) }) +
          (cascade ? ` ${say('References renamed: {list}.', { list: cascade })}` : '') +
          (kept.length ? ` ${say('Left as they are, since they are formulas: {cells} (they still show the old name).', { cells: kept.join(', ') })}` : '') +
          '\n'
        );
      });
      return 0;
    }
    case 'delete': {
      need(p, 4, 'delete <file.xlsx> <directory> <id or name>');
      const rec = (await call(localContext(await openFile(file!, o)), 'record.delete', { directory: p[2], id: p[3] })) as RecordJson;
      emit(out, json, rec, () => `${say('Deleted {record}.', { record: named(rec) })}\n`);
      return 0;
    }
    case 'serve':
      need(p, 2, 'serve <file.xlsx> [--port N] [--as user]');
      return serveVerb(file!, o, out, opening.options);
    case 'pivot':
      need(p, 2, 'pivot <file.xlsx> --report "<name>" | --object <directory> --rows … --data field:agg …');
      return pivotVerb(call, localContext(await openFile(file!, o)), file!, o, json, out);
    case 'report': {
      const [, sub, reportFile, name] = p;
      if (!reportFile) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: 'report list|show|save|delete <file.xlsx> [name] …' }) });
      return reportVerb(call, localContext(await openFile(reportFile, o)), sub, name, o, json, out);
    }
    case 'import':
      need(p, 4, 'import <file.xlsx> <directory> <data file> [--encoding E] [--delimiter D] [--no-header] [--map "Column=field"]… [--mode create|update|upsert] [--match field,…] [--country RU] [--create-companies] [--deal-stage STAGE] [--segment NAME] [--dry-run] [--json]');
      return importVerb(call, localContext(await openFile(file!, o)), { file: file!, directory: p[2]!, data: p[3]! }, o, json, out, process.stderr);
    case 'import-undo':
      need(p, 3, 'import-undo <file.xlsx> <batch> [--keep-edited|--revert-edited]');
      return importUndoVerb(call, localContext(await openFile(file!, o)), file!, p[2]!, o, json, out);
    case 'imports':
      need(p, 2, 'imports <file.xlsx> [--json]');
      return importsVerb(call, localContext(await openFile(file!, o)), file!, json, out);
    case 'export':
      need(p, 4, 'export <file.xlsx> <directory> <out.csv|tsv|xlsx> [--where field=value]… [--encoding E] [--delimiter D] [--no-bom] [--json]');
      return exportVerb(call, localContext(await openFile(file!, o)), { file: file!, directory: p[2]!, out: p[3]! }, o, json, out);
    case 'template': {
      const [, sub, templateFile, ...rest] = p;
      if (!templateFile) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: 'template add|list|remove|tags|check <file.xlsx> …' }) });
      return templateVerb(call, localContext(await openFile(templateFile, o)), sub, rest, o, json, out);
    }
    case 'doc':
      need(p, 2, 'doc <file.xlsx> --template <name|file.docx> --record <ID or name> [-o out.docx] [--pdf]');
      return docVerb(call, localContext(await openFile(file!, o)), o, json, out);
    case 'user':
      need(p, 3, 'user add|update|remove|list <file.xlsx> [<email or login>] [--name N] [--role R] [--password]');
      return userVerb(call, localContext(await openFile(p[2]!, o)), p[1], p[3], o, json, out);
    case 'role':
      need(p, 3, 'role add|remove|grant|allow|newcomers|show <file.xlsx> …');
      return roleVerb(call, localContext(await openFile(p[2]!, o)), p[1], p.slice(3), o, json, out);
    case 'protect':
      need(p, 2, 'protect <file.xlsx> [--dry-run]');
      return protectVerb(call, localContext(await openFile(file!, o)), o, json, out);
    case 'audit':
      need(p, 2, 'audit <file.xlsx> [--record ID] [--user U] [--directory D] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]');
      return auditVerb(call, localContext(await openFile(file!, o)), o, json, out);
    case 'directory':
      return directoryVerb(p, o, json, out);
    case 'field':
      return fieldVerb(p, o, json, out);
    default:
      fail({ code: 'E_BAD_INPUT', value: verb, message: say('Unknown command "{verb}". Run `carnet help`.', { verb: String(verb) }) });
  }
}

async function directoryVerb(p: string[], o: Parsed['values'], json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const [, sub, file, label] = p;
  if (sub === 'adopt') {
    need(p, 5, 'directory adopt <file.xlsx> <directory> <sheet> [--map field=Header]… [--add-ids] [--add-columns] [--normalize] [--add-referenced] [--dry-run]');
    return adoptVerb(call, localContext(await openFile(file!, o)), { file: file!, directory: label!, sheet: p[4]! }, o, json, out);
  }
  if (sub !== 'add') fail({ code: 'E_BAD_INPUT', value: sub, message: say('Usage: carnet {usage}, or carnet {other}', { usage: 'directory add <file.xlsx> <label> --field "Label:type[:required]"… [--display field] [--prefix XX]', other: 'directory adopt <file.xlsx> <directory> <sheet> …' }) });
  need(p, 4, 'directory add <file.xlsx> <label> --field "Label:type"…');
  const fields = (o.field ?? []).map(parseFieldArg);
  const dir = (await call(localContext(await openFile(file!, o)), 'directory.create', { label, fields, display: o.display, idPrefix: o.prefix })) as { key: string; sheet: string; idPrefix: string };
  emit(out, json, dir, () => `${say('Created directory {sheet} (key {key}, ids {prefix}-000001…).', { sheet: dir.sheet, key: dir.key, prefix: dir.idPrefix })}\n`);
  return 0;
}

async function fieldVerb(p: string[], o: Parsed['values'], json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const [, sub, file, directory, field, arg] = p;
  const usage = 'field add|rename|hide|retype|set <file.xlsx> <directory> …';
  if (!file || !directory) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage }) });
  const ctx = localContext(await openFile(file, o));
  let result: unknown;
  switch (sub) {
    case 'add':
      need(p, 5, 'field add <file.xlsx> <directory> "Label:type[:required,unique]"');
      result = await call(ctx, 'field.add', { directory, field: parseFieldArg(field!) });
      break;
    case 'rename':
      need(p, 6, 'field rename <file.xlsx> <directory> <field> <new label> [--lang en|fr|ru]');
      result = await call(ctx, 'field.rename', { directory, field, label: arg, lang: o.lang });
      break;
    case 'hide':
      need(p, 5, 'field hide <file.xlsx> <directory> <field> [--show]');
      result = await call(ctx, 'field.hide', { directory, field, hidden: !o.show });
      break;
    case 'retype':
      need(p, 6, 'field retype <file.xlsx> <directory> <field> <type[(option)]>');
      result = await call(ctx, 'field.retype', { directory, field, ...parseTypeArg(arg!) });
      break;
    case 'set':
      need(p, 5, 'field set <file.xlsx> <directory> <field> [--required|--optional] [--unique|--not-unique] [--help-text T] [--default V] [--choices "A|B"]');
      result = await call(ctx, 'field.set', {
        directory,
        field,
        required: o.required ? true : o.optional ? false : undefined,
        unique: o.unique ? true : o['not-unique'] ? false : undefined,
        help: o['help-text'],
        default: o.default,
        choices: o.choices?.split('|'),
      });
      break;
    default:
      fail({ code: 'E_BAD_INPUT', value: sub, message: say('Usage: carnet {usage}', { usage }) });
  }
  const f = result as { key: string; type: string; hidden?: boolean };
  const done: Record<string, string> = {
    add: say('added'),
    rename: say('renamed'),
    hide: f.hidden ? say('hidden (its column and data stay)') : say('shown again'),
    retype: say('now of type {type}', { type: f.type }),
    set: say('rules saved'),
  };
  emit(out, json, f, () => `${say('Field {key} ({type}): {done}.', { key: f.key, type: f.type, done: done[sub!]! })}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.env.CARNET_CLI === '1') {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
