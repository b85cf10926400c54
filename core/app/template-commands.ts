/**
 * Document templates: the team's templates kept in the workbook (and Carnet's three built-ins),
 * the tag catalogue with examples, a sample document, a check that points at the tag, and
 * `doc.fill`: one record, or a list of records (one document each, zipped, or one merged
 * document). Files cross as base64, which every host's string transport carries. Looking needs
 * `read`; filling `read` too (it changes no record, only the document counter); managing
 * templates `admin`.
 */

import { decodeBase64, encodeBase64 } from '../export/base64.js';
import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import { Crm } from '../records/crm.js';
import type { StoredRecord } from '../records/directory-table.js';
import { findRecord } from '../records/find.js';
import { listRecords } from '../records/list.js';
import { fold, requireDirectory } from '../schema/lookup.js';
import type { DocumentLocale, TemplateInfo, TemplateProblem } from '../templates/types.js';
import { all, onDirectory, right } from '../access/needs.js';
import { canView, command, type Context } from './command.js';
import { defaultsOf } from './defaults.js';
import { array, bool, cell, dict, object, oneOf, optional, str } from './input.js';

// The template engine (docxtemplater, pizzip, @xmldom/xmldom, the built-ins' writer) is loaded
// when a command first needs it, not with the registry: the Excel task pane then fetches it as a
// chunk on the Templates screen or a card's Documents action only (office-addin/build.ts). In the
// Apps Script bundle esbuild inlines these imports as promises, which SyncPromise settles.
const engine = {
  annotate: () => import('../templates/annotate.js'),
  builtins: () => import('../templates/builtins.js'),
  catalogue: () => import('../templates/catalogue.js'),
  check: () => import('../templates/check.js'),
  data: () => import('../templates/data.js'),
  fileName: () => import('../templates/file-name.js'),
  filler: () => import('../templates/fill.js'),
  sample: () => import('../templates/sample.js'),
  store: () => import('../templates/store.js'),
  zip: () => import('fflate'),
};

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const COUNTERS = 'documentNumbers';

function localeOf(crm: Crm): DocumentLocale {
  return { lang: crm.schema.lang, currency: crm.schema.currency, country: crm.schema.country };
}

/** Stored templates, then the built-ins a stored one of the same name does not replace. */
async function allTemplates(crm: Crm): Promise<TemplateInfo[]> {
  const [{ listTemplates }, { builtinTemplates }] = await Promise.all([engine.store(), engine.builtins()]);
  const stored = listTemplates(crm);
  const taken = new Set(stored.map((t) => fold(t.name)));
  const builtins = builtinTemplates(crm.schema.lang)
    .filter((b) => !taken.has(fold(b.name)) && crm.schema.directories.some((d) => d.key === b.directory))
    .map((b): TemplateInfo => ({ name: b.name, directory: b.directory, fileName: b.fileName, size: b.bytes.length, uploaded: 0, by: 'Carnet', builtin: true }));
  return [...stored, ...builtins];
}

async function templateBytes(crm: Crm, name: string): Promise<{ info: TemplateInfo; bytes: Uint8Array }> {
  const [{ listTemplates, readTemplate }, { builtinTemplates }] = await Promise.all([engine.store(), engine.builtins()]);
  const stored = listTemplates(crm).find((t) => fold(t.name) === fold(name));
  if (stored) return readTemplate(crm, stored.name);
  const builtin = builtinTemplates(crm.schema.lang).find((b) => fold(b.name) === fold(name));
  if (builtin) return { info: { name: builtin.name, directory: builtin.directory, fileName: builtin.fileName, size: builtin.bytes.length, uploaded: 0, by: 'Carnet', builtin: true }, bytes: builtin.bytes };
  const known = (await allTemplates(crm)).map((t) => say('"{name}"', { name: t.name })).join(', ');
  return fail({
    code: 'E_NOT_FOUND',
    field: 'template',
    value: name,
    message: known ? say('There is no template "{name}" (templates: {templates}).', { name, templates: known }) : say('There is no template "{name}" (templates: none).', { name }),
  });
}

/** The template a command names, or one given as a file (its directory then given too). */
async function pickTemplate(crm: Crm, input: { template?: string; file?: string; directory?: string }): Promise<{ info: TemplateInfo; bytes: Uint8Array }> {
  if (input.file !== undefined) {
    if (!input.directory) fail({ code: 'E_BAD_INPUT', field: 'directory', message: say('A template given as a file needs the directory it fills from.') });
    const dir = requireDirectory(crm.schema, input.directory);
    const bytes = decodeBase64(input.file);
    return { info: { name: 'template', directory: dir.key, fileName: `${dir.labels[crm.schema.lang]} {ID}.docx`, size: bytes.length, uploaded: 0, by: '' }, bytes };
  }
  if (input.template === undefined) fail({ code: 'E_BAD_INPUT', field: 'template', message: say('Name a template, or give one as a file.') });
  return templateBytes(crm, input.template);
}

async function recordsFor(crm: Crm, dirKey: string, input: { record?: string; records?: string[]; where?: Record<string, string | number | boolean | null> }): Promise<StoredRecord[]> {
  const table = await crm.table(dirKey);
  if (input.record !== undefined) return [findRecord(crm, table, input.record)];
  if (input.records !== undefined) return input.records.map((r) => findRecord(crm, table, r));
  if (input.where !== undefined) {
    const ids = new Set((await listRecords(crm, dirKey, input.where)).map((r) => r.row));
    return table.records.filter((r) => ids.has(r.row + 1));
  }
  return fail({ code: 'E_BAD_INPUT', field: 'record', message: say('Name the record to fill from (record), several (records), or a filter (where).') });
}

function problemsError(problems: TemplateProblem[], name: string): never {
  const first = problems[0]!;
  const where = (p: TemplateProblem) => say('{tag} in {where} ("{around}"): {message}', { tag: p.tag, where: p.place.where, around: p.place.around, message: p.message });
  // The first problem's own message may end a sentence already.
  const problem = `${where(first)}${/[.?!]$/.test(first.message) ? '' : '.'}`;
  return fail({
    code: 'E_TEMPLATE',
    field: 'template',
    value: first.tag,
    message: problems.length === 1 ? say('Template "{name}" has a problem: {problem}', { name, problem }) : say('Template "{name}" has {count} problems: {problem}', { name, count: problems.length, problem }),
    problems: problems.map((p) => ({ code: 'E_TEMPLATE' as const, value: p.tag, message: where(p) })),
  });
}

const fillInput = object({
  template: optional(str),
  file: optional(str),
  directory: optional(str),
  record: optional(str),
  records: optional(array(str)),
  where: optional(dict(cell)),
  mode: optional(oneOf(['one', 'zip', 'merged'] as const)),
  dryRun: optional(bool),
});

async function fill(ctx: Context, input: ReturnType<typeof fillInput>) {
  const crm = await Crm.open(ctx.wb);
  const { info, bytes } = await pickTemplate(crm, input);
  // A named template's directory is known only now: the registry's check, made here (issue 12).
  await ctx.access?.require({ directory: info.directory, action: 'view' });
  const locale = localeOf(crm);
  const defaults = await defaultsOf(ctx);
  const records = await recordsFor(crm, info.directory, input);
  if (records.length === 0) fail({ code: 'E_NOT_FOUND', field: 'where', message: say('No record of {directory} matches; no document was made.', { directory: named(crm.directory(info.directory).labels) }) });
  const [{ checkTemplate }, { documentNumber, TemplateData }, { fileNameFor }, { fillMany, fillTemplate }] = await Promise.all([engine.check(), engine.data(), engine.fileName(), engine.filler()]);
  // Every sheet read once for the whole batch: the check and each document share the same data.
  const loaded = await TemplateData.load(crm, { today: defaults.today, visible: (key) => canView(ctx, key) });
  const problems = checkTemplate(bytes, loaded.schemaRoot(info.directory));
  const counters = (crm.meta.extra[COUNTERS] as Record<string, number> | undefined) ?? {};
  const start = counters[fold(info.name)] ?? 0;
  if (input.dryRun) {
    // The dry run says everything before anything is produced: the tags' problems, else the blanks.
    if (problems.length) return { template: info.name, documents: records.length, problems, missing: [] };
    const data = loaded.numbered(documentNumber(defaults.today, start + 1));
    const missing = records.flatMap((r) => fillTemplate(bytes, data.root(info.directory, r), locale).missing);
    return { template: info.name, documents: records.length, problems: [], missing };
  }
  if (problems.length) problemsError(problems, info.name);
  const mode = input.mode ?? (records.length === 1 ? 'one' : 'zip');
  const docs: { name: string; bytes: Uint8Array }[] = [];
  const missing: TemplateProblem[] = [];
  const roots = [];
  for (const [i, r] of records.entries()) {
    const root = loaded.numbered(documentNumber(defaults.today, start + i + 1)).root(info.directory, r);
    roots.push({ root, name: fileNameFor(info.fileName, root, locale) });
  }
  if (mode === 'merged') {
    const out = fillMany(bytes, roots.map((r) => r.root), locale, 'merged');
    docs.push({ name: roots[0]!.name, bytes: out.bytes });
    missing.push(...out.missing);
  } else {
    for (const r of roots) {
      const out = fillTemplate(bytes, r.root, locale);
      docs.push({ name: r.name, bytes: out.bytes });
      missing.push(...out.missing);
    }
  }
  counters[fold(info.name)] = start + records.length;
  crm.meta.extra[COUNTERS] = counters;
  await crm.saveMeta();
  if (docs.length === 1 && mode !== 'zip') return { template: info.name, documents: 1, fileName: docs[0]!.name, mime: DOCX, base64: encodeBase64(docs[0]!.bytes), missing };
  // Names made unique: two records may give the same file name.
  const used = new Set<string>();
  const files: Record<string, Uint8Array> = {};
  for (const d of docs) {
    let name = d.name;
    for (let n = 2; used.has(fold(name)); n++) name = d.name.replace(/(\.docx)?$/i, ` (${n})$1`);
    used.add(fold(name));
    files[name] = d.bytes;
  }
  return { template: info.name, documents: docs.length, fileName: `${info.name}.zip`, mime: 'application/zip', base64: encodeBase64((await engine.zip()).zipSync(files, { level: 6 })), missing };
}

export const templateCommands = [
  command({ name: 'template.list', access: right('useTemplates', false), summary: 'The templates of this workbook, and Carnet’s built-ins', input: object({}) }, async (ctx) => ({ templates: await allTemplates(await Crm.open(ctx.wb)) })),
  command(
    { name: 'template.add', access: all(right('manageTemplates', true), onDirectory('view', (i) => i.directory)), summary: 'Store a .docx template in the workbook, for the whole team', input: object({ name: str, directory: str, file: str, fileName: optional(str) }) },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const dir = requireDirectory(crm.schema, input.directory);
      const bytes = decodeBase64(input.file);
      const [{ checkTemplate }, { TemplateData }, { saveTemplate }] = await Promise.all([engine.check(), engine.data(), engine.store()]);
      const problems = checkTemplate(bytes, (await TemplateData.load(crm, { today: ctx.now() })).schemaRoot(dir.key));
      const d = await defaultsOf(ctx);
      const info = await saveTemplate(crm, { name: input.name, directory: dir.key, fileName: input.fileName ?? `${input.name} {${dir.display === 'id' ? 'ID' : dir.fields.find((f) => f.key === dir.display)!.labels[crm.schema.lang]}}.docx` }, bytes, d.now, d.user);
      return { template: info, problems };
    },
  ),
  command({ name: 'template.remove', access: right('manageTemplates', true), summary: 'Remove a stored template', input: object({ name: str }) }, async (ctx, input) => {
    const crm = await Crm.open(ctx.wb);
    await (await engine.store()).removeTemplate(crm, input.name);
    return { removed: input.name };
  }),
  command({ name: 'template.tags', access: all(right('useTemplates', false), onDirectory('view', (i) => i.directory)), summary: 'Every tag a template of a directory may use, with an example from a real record', input: object({ directory: str, record: optional(str) }) }, async (ctx, input) => {
    const crm = await Crm.open(ctx.wb);
    const dir = requireDirectory(crm.schema, input.directory);
    const { tagCatalogue } = await engine.catalogue();
    return tagCatalogue(crm, dir.key, localeOf(crm), (await defaultsOf(ctx)).today, input.record);
  }),
  command({ name: 'template.sample', access: all(right('useTemplates', false), onDirectory('view', (i) => i.directory)), summary: 'A sample .docx holding every tag of a directory in a table', input: object({ directory: str }) }, async (ctx, input) => {
    const crm = await Crm.open(ctx.wb);
    const dir = requireDirectory(crm.schema, input.directory);
    const [{ tagCatalogue }, { sampleDocx }] = await Promise.all([engine.catalogue(), engine.sample()]);
    const tags = await tagCatalogue(crm, dir.key, localeOf(crm), (await defaultsOf(ctx)).today);
    const title = dir.labels[crm.schema.lang];
    return { fileName: `${title} tags.docx`, mime: DOCX, base64: encodeBase64(sampleDocx(tags.entries, title, crm.schema.lang)) };
  }),
  command(
    { name: 'template.check', access: all(right('useTemplates', false), onDirectory('view', (i) => i.directory)), summary: 'The problems of a template, each at its tag; optionally as Word comments in a copy', input: object({ template: optional(str), file: optional(str), directory: optional(str), annotate: optional(bool) }) },
    async (ctx, input) => {
      const crm = await Crm.open(ctx.wb);
      const { info, bytes } = await pickTemplate(crm, input);
      const [{ checkTemplate }, { TemplateData }] = await Promise.all([engine.check(), engine.data()]);
      const problems = checkTemplate(bytes, (await TemplateData.load(crm, { today: ctx.now() })).schemaRoot(info.directory));
      const annotated = input.annotate ? { fileName: `${info.name} (checked).docx`, mime: DOCX, base64: encodeBase64((await engine.annotate()).annotateTemplate(bytes, problems)) } : {};
      return { template: info.name, directory: info.directory, problems, ...annotated };
    },
  ),
  command({ name: 'doc.fill', access: all(right('useTemplates', true), onDirectory('view', (i) => i.directory)), summary: 'Fill a template from a record, or from several (zipped, or one merged document)', input: fillInput }, fill),
];
