/**
 * `carnet template add|list|remove|tags|check` and `carnet doc`: document templates from the
 * command line. Files are read and written here (the commands take and give base64, as over every
 * host's transport); `--pdf` converts the filled document with LibreOffice when it is installed.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { Context } from '../../core/app/command.js';
import { decodeBase64, encodeBase64 } from '../../core/export/base64.js';
import { fail } from '../../core/errors.js';
import type { Catalogue } from '../../core/templates/catalogue.js';
import type { TemplateInfo, TemplateProblem } from '../../core/templates/types.js';
import type { Call } from './adopt-verb.js';
import { parseAssignments } from './field-spec-arg.js';
import { grouped, say } from '../../core/messages/say.js';
import { table } from './print.js';

export interface TemplateArgs {
  directory?: string;
  filename?: string;
  sample?: string;
  annotate?: string;
  template?: string;
  record?: string;
  where?: string[];
  output?: string;
  pdf?: boolean;
  zip?: string;
  merged?: boolean;
  'dry-run'?: boolean;
}

function readDocx(path: string): string {
  if (!existsSync(path)) fail({ code: 'E_FILE', value: path, message: say('There is no file {path}.', { path }) });
  return encodeBase64(readFileSync(path));
}

/** Writes beside the target, then renames: a half-written document never sits under its name. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

function problemLines(problems: TemplateProblem[]): string {
  return problems.map((p) => `  ${say('{tag} in {where} ("{around}"): {problem}', { tag: p.tag, where: p.place.where, around: p.place.around, problem: p.message })}\n`).join('');
}

/** A template named in the workbook, or a .docx file given on the command line. */
function templateInput(spec: string, directory: string | undefined): Record<string, string> {
  if (extname(spec).toLowerCase() === '.docx' && existsSync(spec)) return { file: readDocx(spec), ...(directory ? { directory } : {}) };
  return { template: spec };
}

export async function templateVerb(call: Call, ctx: Context, sub: string | undefined, rest: string[], o: TemplateArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  const emit = (value: unknown, text: string) => out.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
  switch (sub) {
    case 'add': {
      const [name, path] = rest;
      if (!name || !path || !o.directory) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: 'template add <file.xlsx> <name> <template.docx> --directory companies [--filename "Invoice {Number} {Name}.docx"]' }) });
      const r = (await call(ctx, 'template.add', { name, directory: o.directory, file: readDocx(path), ...(o.filename ? { fileName: o.filename } : {}) })) as { template: TemplateInfo; problems: TemplateProblem[] };
      const stored = say('Stored template "{name}" for {directory} ({size} bytes; files named "{fileName}").', { name: r.template.name, directory: r.template.directory, size: grouped(r.template.size), fileName: r.template.fileName });
      emit(r, `${stored}\n${r.problems.length ? `${say('Its tags have problems; documents cannot be filled until they are fixed:')}\n${problemLines(r.problems)}` : ''}`);
      return r.problems.length ? 1 : 0;
    }
    case 'list': {
      const r = (await call(ctx, 'template.list', {})) as { templates: TemplateInfo[] };
      emit(r.templates, table([say('Template'), say('Directory'), say('File name'), say('Size'), say('By')], r.templates.map((t) => [t.name, t.directory, t.fileName, grouped(t.size), t.builtin ? say('Carnet (built-in)') : t.by])));
      return 0;
    }
    case 'remove': {
      const [name] = rest;
      if (!name) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: 'template remove <file.xlsx> <name>' }) });
      const r = await call(ctx, 'template.remove', { name });
      emit(r, `${say('Removed template "{name}".', { name })}\n`);
      return 0;
    }
    case 'tags': {
      const [directory] = rest;
      if (!directory) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: 'template tags <file.xlsx> <directory> [--sample out.docx]' }) });
      const r = (await call(ctx, 'template.tags', { directory, ...(o.record ? { record: o.record } : {}) })) as Catalogue;
      if (o.sample) {
        const sample = (await call(ctx, 'template.sample', { directory })) as { base64: string };
        writeAtomically(o.sample, decodeBase64(sample.base64));
      }
      const header = [say('Tag'), say('What it is'), r.example ? say('Example ({record})', { record: r.example }) : say('Example')];
      emit(r, `${table(header, r.entries.map((e) => [e.inside ? `  ${e.tag}` : e.tag, e.label, e.example]))}${o.sample ? `${say('Sample document with every tag: {file}', { file: o.sample })}\n` : ''}`);
      return 0;
    }
    case 'check': {
      const [spec] = rest;
      if (!spec) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}', { usage: 'template check <file.xlsx> <name|template.docx> [--directory D] [--annotate out.docx]' }) });
      const r = (await call(ctx, 'template.check', { ...templateInput(spec, o.directory), ...(o.annotate ? { annotate: true } : {}) })) as { template: string; problems: TemplateProblem[]; base64?: string };
      if (o.annotate && r.base64) writeAtomically(o.annotate, decodeBase64(r.base64));
      const where = o.annotate ? ` ${say('The problems are comments in {file}.', { file: o.annotate })}` : '';
      const found = r.problems.length === 1 ? say('Template "{name}": 1 problem.', { name: r.template }) : say('Template "{name}": {count} problems.', { name: r.template, count: r.problems.length });
      emit(r, r.problems.length ? `${found}${where}\n${problemLines(r.problems)}` : `${say('Template "{name}": no problems.', { name: r.template })}\n`);
      return r.problems.length ? 1 : 0;
    }
    default:
      return fail({ code: 'E_BAD_INPUT', value: sub, message: say('Usage: carnet {usage}', { usage: 'template add|list|remove|tags|check <file.xlsx> …' }) });
  }
}

/** `--pdf`: LibreOffice converts the document beside it (the local mode only; Google and Excel have no LibreOffice). */
function toPdf(docx: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-pdf-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 120_000 });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return fail({ code: 'E_FILE', value: docx, message: missing ? say('--pdf needs LibreOffice (soffice), which is not installed; the .docx was written.') : say('LibreOffice could not convert {file} to PDF; the .docx was written.', { file: docx }) });
  }
  const pdf = docx.replace(/\.docx$/i, '') + '.pdf';
  renameSync(join(dir, `${basename(docx, extname(docx))}.pdf`), pdf);
  rmSync(dir, { recursive: true, force: true });
  return pdf;
}

export async function docVerb(call: Call, ctx: Context, o: TemplateArgs, json: boolean, out: NodeJS.WritableStream): Promise<number> {
  if (!o.template) fail({ code: 'E_BAD_INPUT', message: say('Usage: carnet {usage}, or {other}', { usage: 'doc <file.xlsx> --template <name|file.docx> --record <ID or name> [-o out.docx] [--pdf]', other: '--where field=value… --zip out.zip [--merged]' }) });
  if (o.zip && o.merged) fail({ code: 'E_BAD_INPUT', field: '--zip', message: say('--zip makes one document per record; --merged makes one document of them all: give one of them.') });
  if (o.pdf && o.zip) fail({ code: 'E_BAD_INPUT', field: '--pdf', message: say('--pdf converts one .docx; it does not apply to a --zip of documents.') });
  // Several records into one named .docx: that is the merged document.
  const merged = o.merged || (!o.zip && !o.record && o.output?.toLowerCase().endsWith('.docx') === true);
  const input = {
    ...templateInput(o.template, o.directory),
    ...(o.record ? { record: o.record } : {}),
    ...(o.where?.length ? { where: parseAssignments(o.where, '--where') } : {}),
    ...(merged ? { mode: 'merged' } : o.zip ? { mode: 'zip' } : {}),
    ...(o['dry-run'] ? { dryRun: true } : {}),
  };
  if (o['dry-run']) {
    const d = (await call(ctx, 'doc.fill', input)) as { documents: number; missing: TemplateProblem[] };
    const blank = [...new Set(d.missing.map((m) => m.tag))];
    const made = d.documents === 1 ? say('Dry run: 1 document would be made; nothing was written.') : say('Dry run: {count} documents would be made; nothing was written.', { count: d.documents });
    out.write(json ? `${JSON.stringify(d, null, 2)}\n` : `${made}${blank.length ? ` ${say('Empty in the data (would be left blank): {tags}.', { tags: blank.join(', ') })}` : ''}\n`);
    return 0;
  }
  const r = (await call(ctx, 'doc.fill', input)) as { documents: number; fileName: string; mime: string; base64: string; missing: TemplateProblem[] };
  const target = r.mime === 'application/zip' ? (o.zip ?? o.output ?? r.fileName) : (o.output ?? r.fileName);
  writeAtomically(target, decodeBase64(r.base64));
  const pdf = o.pdf && target.toLowerCase().endsWith('.docx') ? toPdf(target) : undefined;
  const { base64: _b, ...rest } = r;
  const missing = r.missing.length ? `${say('Empty in the data (left blank): {tags}.', { tags: [...new Set(r.missing.map((m) => m.tag))].join(', ') })}\n` : '';
  const wrote =
    r.documents > 1
      ? pdf
        ? say('Wrote {file} ({count} documents) and {pdf}.', { file: target, count: r.documents, pdf })
        : say('Wrote {file} ({count} documents).', { file: target, count: r.documents })
      : pdf
        ? say('Wrote {file} and {pdf}.', { file: target, pdf })
        : say('Wrote {file}.', { file: target });
  out.write(json ? `${JSON.stringify({ ...rest, file: target, ...(pdf ? { pdf } : {}) }, null, 2)}\n` : `${wrote}\n${missing}`);
  return 0;
}
