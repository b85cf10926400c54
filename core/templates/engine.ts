/// <reference path="./fix-doc-pr-corruption.d.ts" />
/**
 * docxtemplater, driven the way Carnet fills templates: the free core with Carnet's closed parser
 * (tag-parse.ts, resolve.ts) and nothing that evaluates template text. A fill and a check are the
 * same run in two modes; a check takes every branch once and prints nothing.
 *
 * docxtemplater behaviours relied on (https://docxtemplater.com/docs/configuration):
 * - `parser(tag)` is called once per tag when the template compiles, so a refused tag is reported
 *   for every tag at once, as a `scopeparser_compilation_failed` error in the MultiError;
 * - `get(scope, context)` receives `context.scopeList` (root first) and `context.meta.part`
 *   (`module: 'loop'`, `inverted` for `{^…}`); it is called for the innermost scope first, and
 *   only a null/undefined result sends docxtemplater on to outer scopes, so resolve.ts walks the
 *   stack itself and `get` never returns null;
 * - a section shows for a non-empty array (once per item, the item pushed as scope), an object
 *   (once, pushed as scope) or true, and not for false or [] (https://docxtemplater.com/docs/tag-types);
 * - `paragraphLoop` drops the paragraphs that hold only `{#…}`/`{/…}`; `linebreaks` turns "\n"
 *   in a value into `<w:br/>`; values are XML-escaped; `nullGetter` is what a null value prints;
 * - `syntax.changeDelimiterPrefix: null` keeps `{=…}` an ordinary (refused) tag instead of a
 *   delimiter change;
 * - errors are data: TemplateError / MultiError with `properties.errors`, each with `id`, `xtag`,
 *   `offset`, `file`, `explanation` (https://docxtemplater.com/docs/errors).
 */

import Docxtemplater from 'docxtemplater';
import fixDocPrCorruption from 'docxtemplater/js/modules/fix-doc-pr-corruption.js';
import PizZip from 'pizzip';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { withoutCarnetComments } from './comments-part.js';
import { decodeXml, type Located, type Places } from './docx-places.js';
import { formatEntry } from './formatters.js';
import { isTagError, parseTag, type TagError } from './tag-parse.js';
import { isEmptyValue, isTruthy, resolvePath, UNKNOWN_SCOPE, type Resolution, type TagUse } from './resolve.js';
import { problemsFromError } from './template-errors.js';
import type { DocumentLocale, Entry, ParsedTag, Scope, TemplateProblem } from './types.js';

type DXT = Docxtemplater.DXT.Part;
type Context = Docxtemplater.DXT.ParserContext;

export type Mode = { kind: 'fill'; locale: DocumentLocale } | { kind: 'check' };

/**
 * The tags of Carnet's own wrapping (fill.ts's merged documents). The parser knows them before the
 * grammar, which would refuse them (":" is in no name), so no field of a workbook can be read so.
 */
export const MERGE_RECORDS = 'carnet:records';
export const MERGE_BETWEEN = 'carnet:between';

/** The .docx's zip with Carnet's own comments taken out, or E_FILE when the bytes are not a .docx. */
export function openTemplate(bytes: Uint8Array): PizZip {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch (error) {
    fail({ code: 'E_FILE', message: say('The template is not a .docx file ({why}).', { why: error instanceof Error ? error.message : String(error) }) });
  }
  if (!zip.file('word/document.xml')) fail({ code: 'E_FILE', message: say('The template is not a Word document: it has no word/document.xml.') });
  withoutCarnetComments(zip);
  return zip;
}

/** Thrown by the parser for a refused tag; docxtemplater hands it back as `rootError`. */
export class TagRefused extends Error {
  constructor(readonly refusal: TagError) {
    super(refusal.error);
  }
}

/** What a run found; `doc` is the rendered document, absent when the template did not compile. */
export interface Run {
  doc?: Docxtemplater<PizZip>;
  /** The parts docxtemplater filled (the body, headers, footers, notes…). */
  parts: string[];
  problems: Located[];
  missing: Located[];
}

/** Compiles the template in `zip` and renders `root` through it (see the header for the behaviours). */
export function runTemplate(zip: PizZip, places: Places, root: Scope, mode: Mode): Run {
  const state = new RunState(places, mode);
  let doc: Docxtemplater<PizZip>;
  const parts: string[] = [];
  const modules: Docxtemplater.DXT.Module[] = [carnetModule(parts, state)];
  // Word takes a document whose drawings share an id for a damaged one; loops repeat drawings.
  if (zip.file('word/document.xml')!.asText().includes('<wp:docPr')) modules.push(fixDocPrCorruption);
  try {
    doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      stripInvalidXMLChars: true,
      syntax: { changeDelimiterPrefix: null },
      parser: (tag: string, meta?: { tag?: DXT }) => state.parser(tag, meta?.tag),
      nullGetter: (part: DXT, sm: Docxtemplater.DXT.ScopeManager) => state.nothing(part, sm.scopeList),
      modules,
    });
  } catch (error) {
    const problems = problemsFromError(error, places);
    state.checkNamesAsWritten(root);
    return { parts, problems: [...problems, ...state.problems.values()], missing: [] };
  }
  try {
    doc.render(root);
  } catch (error) {
    return { parts, problems: [...problemsFromError(error, places), ...state.problems.values()], missing: [] };
  }
  return { doc, parts, problems: [...state.problems.values()], missing: [...state.missing.values()] };
}

/** The scope of a part's root: the record, knowing which part it fills (for the places of problems). */
class PartScope implements Scope {
  constructor(
    readonly file: string,
    readonly root: Scope,
  ) {}
  get(name: string): Entry | undefined {
    return this.root.get(name);
  }
  names(): string[] {
    return this.root.names();
  }
}

/**
 * Carnet's docxtemplater module. It gives each templated part its own root scope, so that a
 * problem found while filling a header is placed in that header (`getRenderedMap` sets each
 * part's data), and tells the run which part the tags just compiled belong to (`set` receives
 * `inspect.postparsed` after each part compiles, as docxtemplater's InspectModule reads it).
 */
function carnetModule(parts: string[], state: RunState): Docxtemplater.DXT.Module {
  return {
    name: 'CarnetParts',
    set(options: { inspect?: { filePath?: string; postparsed?: unknown } }) {
      if (options.inspect?.postparsed && options.inspect.filePath) state.compiled(options.inspect.filePath);
    },
    getRenderedMap(map: Record<string, { from: string; data: unknown }>) {
      for (const [to, entry] of Object.entries(map)) {
        map[to] = { ...entry, data: new PartScope(to, entry.data as Scope) };
        parts.push(to);
      }
      return map;
    },
  } as Docxtemplater.DXT.Module;
}

/** A tag as it compiled: enough to check names when the template's structure does not compile. */
interface Compiled {
  file: string;
  offset: number;
  /** docxtemplater's tag text, without its `#`, `^` or `/`. */
  text: string;
  /** Absent when the grammar refused the tag. */
  tag?: ParsedTag;
  part: DXT;
}

const NOTHING = { get: () => '' };

function location(part: DXT): string | undefined {
  return (part as { location?: string }).location;
}

/**
 * The scope a check enters a section with, once: a list's first item, a referenced record, or none
 * (the same scope) for a condition or an inverted section; a scope of unknown names when there is
 * nothing to read names from.
 */
function entered(found: Resolution, inverted: boolean): Scope | undefined {
  if (inverted) return undefined;
  if (found.kind !== 'entry') return UNKNOWN_SCOPE;
  const entry = found.entry;
  if (entry.kind === 'list') return entry.items[0] ?? UNKNOWN_SCOPE;
  if (entry.kind === 'record') return entry.scope ?? UNKNOWN_SCOPE;
  return undefined;
}

function rootOf(scope: unknown): Scope {
  return scope instanceof PartScope ? scope.root : (scope as Scope);
}

function fileOf(scopeList: unknown[]): string {
  return scopeList[0] instanceof PartScope ? scopeList[0].file : 'word/document.xml';
}

const PART_ORDER = [/^word\/document\.xml$/, /^word\/header/, /^word\/footer/, /^word\/footnotes/, /^word\/endnotes/, /^word\/comments/];

/** Problems in reading order: the body, then headers, footers, notes and comments; by position in each. */
export function inReadingOrder(located: Iterable<Located>): TemplateProblem[] {
  const rank = (file: string) => {
    const i = PART_ORDER.findIndex((r) => r.test(file));
    return i === -1 ? PART_ORDER.length : i;
  };
  return [...located]
    .sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || a.offset - b.offset)
    .map((l) => l.problem);
}

class RunState {
  readonly problems = new Map<string, Located>();
  readonly missing = new Map<string, Located>();
  private readonly tags: Compiled[] = [];
  /** Tags of the part compiling now; its name comes once it has compiled. */
  private pending: Omit<Compiled, 'file'>[] = [];

  constructor(
    private readonly places: Places,
    private readonly mode: Mode,
  ) {}

  parser(tag: string, part: DXT | undefined): { get(scope: unknown, context: Context): unknown } {
    if (tag === MERGE_RECORDS) return { get: (scope: unknown) => (rootOf(scope) instanceof MergeRoot ? (rootOf(scope) as MergeRoot).records : []) };
    if (tag === MERGE_BETWEEN) return { get: (_: unknown, c: Context) => c.scopePathItem[0]! < c.scopePathLength[0]! - 1 };
    const seen = part ? { offset: part.offset, text: tag.trim(), part } : undefined;
    // A closing tag names what its opening tag did; docxtemplater pairs them and reports a mismatch.
    if (part && location(part) === 'end') {
      this.pending.push(seen!);
      return NOTHING;
    }
    if (part?.module === 'rawxml') throw new TagRefused({ kind: 'syntax', error: say('not a field name: {why}', { why: say('"@" cannot start a tag (it would insert Word XML)') }) });
    // docxtemplater decodes the five named entities in a tag; Word never writes numeric ones, but a hand-made file may.
    const parsed = parseTag(decodeXml(tag));
    if (seen) this.pending.push(isTagError(parsed) ? seen : { ...seen, tag: parsed });
    if (isTagError(parsed)) throw new TagRefused(parsed);
    return { get: (_scope: unknown, context: Context) => this.value(parsed, context) };
  }

  compiled(file: string): void {
    for (const t of this.pending) this.tags.push({ ...t, file });
    this.pending = [];
  }

  /**
   * When the template's structure does not compile (a loop never closed), its names are checked
   * all the same, each against the sections opened before it as written, so that one check
   * reports everything.
   */
  checkNamesAsWritten(root: Scope): void {
    const files = new Map<string, Compiled[]>();
    for (const t of this.tags) {
      const inFile = files.get(t.file);
      if (inFile) inFile.push(t);
      else files.set(t.file, [t]);
    }
    for (const [file, tags] of files) {
      const stack: Scope[] = [root];
      const open: string[] = [];
      for (const t of tags.sort((a, b) => a.offset - b.offset)) {
        if (location(t.part) === 'end') {
          if (open.length > 0 && (t.text === '' || t.text === open[open.length - 1])) {
            open.pop();
            stack.pop();
          }
          continue;
        }
        const section = t.part.module === 'loop';
        const inverted = t.part.inverted === true;
        const found: Resolution = t.tag ? resolvePath(t.tag, stack, { prefix: section ? (inverted ? '^' : '#') : '' }) : { kind: 'unchecked' };
        if (found.kind === 'problem') this.record(this.problems, file, t.offset, found.problem);
        if (section) {
          open.push(t.text);
          stack.push(entered(found, inverted) ?? stack[stack.length - 1]!);
        }
      }
    }
  }

  private value(tag: ParsedTag, context: Context): unknown {
    const part = context.meta.part;
    const file = fileOf(context.scopeList);
    // A section over a value pushes the scope it is in again: the part's root may appear more than once.
    const stack = context.scopeList.map(rootOf);
    const section = part.module === 'loop';
    const use: TagUse = section ? { prefix: part.inverted ? '^' : '#', repeatsRow: part.subparsed?.[0]?.tag === 'w:tr' } : { prefix: '' };
    const found = resolvePath(tag, stack, use);
    if (found.kind === 'problem') this.record(this.problems, file, part.offset, found.problem);
    return section ? this.section(found, part.inverted === true) : this.printed(found, tag, file, part.offset);
  }

  /** What a section tag gives docxtemplater: an array to repeat over, a scope to enter, or a boolean. */
  private section(found: Resolution, inverted: boolean): unknown {
    if (this.mode.kind === 'check') {
      if (inverted) return false;
      // One scope in an array rather than the scope itself: docxtemplater enters an object only when it is a plain one.
      const inner = entered(found, inverted);
      return inner ? [inner] : true;
    }
    if (found.kind !== 'entry') return false;
    const entry = found.entry;
    if (entry.kind === 'list') return entry.items;
    if (entry.kind === 'record') return entry.scope ? [entry.scope] : false;
    return isTruthy(entry);
  }

  private printed(found: Resolution, tag: ParsedTag, file: string, offset: number): string {
    if (this.mode.kind === 'check') return '';
    if (found.kind === 'empty') {
      this.record(this.missing, file, offset, { kind: 'missing-value', message: say('no value: "{through}" is empty', { through: found.through }) });
      return '';
    }
    if (found.kind !== 'entry' || found.entry.kind === 'list') return '';
    const entry = found.entry;
    // `{Company}` alone prints what the reference cell holds.
    const value = entry.kind === 'record' ? { kind: 'value' as const, type: 'reference' as const, value: entry.display, label: entry.label } : entry;
    if (isEmptyValue(value)) {
      this.record(this.missing, file, offset, { kind: 'missing-value', message: say('no value: the cell is empty') });
      return '';
    }
    // A cell's line ends as Word's breaks: docxtemplater breaks at "\n", a "\r" would stay in the text.
    return formatEntry(value, tag.formatter, this.mode.locale).replace(/\r\n?/g, '\n');
  }

  /** What a tag prints when its getter gave nothing: never reached by Carnet's getters, kept as the safety net. */
  nothing(part: DXT, scopeList: unknown[]): string {
    if (this.mode.kind === 'fill') this.record(this.missing, fileOf(scopeList), part.offset, { kind: 'missing-value', message: say('no value') });
    return '';
  }

  private record(into: Map<string, Located>, file: string, offset: number, problem: Pick<TemplateProblem, 'kind' | 'message'>): void {
    const key = `${file}\u0000${offset}\u0000${problem.kind}\u0000${problem.message}`;
    if (!into.has(key)) into.set(key, this.places.at(file, offset, problem));
  }
}

/** The root of a merged document: every record to repeat the body over, the first one for headers. */
export class MergeRoot implements Scope {
  constructor(readonly records: Scope[]) {}
  get(name: string): Entry | undefined {
    if (name === MERGE_RECORDS) return { kind: 'list', items: this.records, label: '' };
    return this.records[0]?.get(name);
  }
  names(): string[] {
    return this.records[0]?.names() ?? [];
  }
}
