/**
 * docxtemplater's template errors as Carnet's problems: the tag as written, where it is, and what
 * to do about it in plain words. docxtemplater throws one TemplateError, or a MultiError whose
 * `properties.errors` hold them all, each with a stable `properties.id`, the tag (`xtag`), its
 * `offset` in the part's text and the part (`file`) (https://docxtemplater.com/docs/errors).
 */

import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import { decodeXml, type Located, type Places } from './docx-places.js';
import type { TemplateProblem } from './types.js';

interface TemplateErrorProperties {
  id?: string;
  xtag?: string;
  offset?: number | [number, number];
  file?: string;
  explanation?: string;
  errors?: { properties?: TemplateErrorProperties; message?: string }[];
  rootError?: unknown;
  openingtag?: string;
  closingtag?: string;
  pair?: { left: string; right: string };
  context?: string;
}

type Said = Pick<TemplateProblem, 'kind' | 'message'>;

/** The problems a docxtemplater error reports; anything that is not a template error is thrown on. */
export function problemsFromError(error: unknown, places: Places): Located[] {
  const properties = (error as { properties?: TemplateErrorProperties } | undefined)?.properties;
  const name = (error as { name?: string } | undefined)?.name;
  if (!properties || (name !== 'TemplateError' && name !== 'ScopeParserError' && name !== 'RenderingError')) {
    if (name === 'InternalError') fail({ code: 'E_FILE', message: say('The template cannot be read as a Word document: {why}.', { why: properties?.explanation ?? String(error) }) });
    throw error;
  }
  const each = properties.errors ? properties.errors.map((e) => e.properties ?? {}) : [properties];
  // A getter that throws is a bug in Carnet, not a mistake in the template: let it be seen as one.
  const failed = each.find((p) => p.id === 'scopeparser_execution_failed');
  if (failed) throw failed.rootError;
  const kept = each.filter((p) => !formatterOnSection(p) && !echoOfBraces(p, each));
  return withoutEchoesOfDoubledBraces(kept.map((p) => one(p, places)), kept);
}

const BRACE_ERRORS = new Set(['unopened_tag', 'unclosed_tag', 'duplicate_open_tag', 'duplicate_close_tag']);

/** docxtemplater reads an empty tag where a brace is missing or doubled: the brace is the mistake. */
function echoOfBraces(p: TemplateErrorProperties, each: TemplateErrorProperties[]): boolean {
  return p.id === 'scopeparser_compilation_failed' && (p.xtag ?? '').trim() === '' && each.some((e) => BRACE_ERRORS.has(e.id ?? '') && e.file === p.file);
}

/**
 * `{#Overdue|upper}…{/Overdue}` is closed by a tag docxtemplater finds different; the formatter is
 * the mistake, and it is reported as such (the parser's "no effect on a section").
 */
function formatterOnSection(p: TemplateErrorProperties): boolean {
  return p.id === 'closing_tag_does_not_match_opening_tag' && (p.openingtag ?? '').split('|')[0]!.trim() === (p.closingtag ?? '').trim();
}

/**
 * `{{City}}` is one mistake; docxtemplater reports its opening, its closing and the empty tag it
 * reads between them. The opening's problem names the whole tag, and covers the rest.
 */
function withoutEchoesOfDoubledBraces(located: Located[], each: TemplateErrorProperties[]): Located[] {
  const covered = located.filter((_, i) => each[i]!.id === 'duplicate_open_tag').map((l) => [l.file, l.offset, l.offset + l.problem.tag.length] as const);
  return located.filter((l, i) => each[i]!.id === 'duplicate_open_tag' || !covered.some(([file, from, to]) => l.file === file && l.offset > from && l.offset < to));
}

function one(p: TemplateErrorProperties, places: Places): Located {
  const file = p.file ?? 'word/document.xml';
  const [offset, other] = Array.isArray(p.offset) ? p.offset : [p.offset ?? 0, undefined];
  const tag = p.xtag ?? '';
  const said = ((): Said => {
    switch (p.id) {
      case 'unclosed_loop':
        return { kind: 'unclosed-loop', message: say('never closed: add {closing} where it ends', { closing: `{/${tag}}` }) };
      case 'unopened_loop':
        return { kind: 'unopened-loop', message: say('closes nothing: add {opening} where it starts, or delete it', { opening: `{#${tag}}` }) };
      case 'closing_tag_does_not_match_opening_tag': {
        const closing = other === undefined ? `{/${p.closingtag}}` : places.tagAt(file, other);
        return { kind: 'unclosed-loop', message: say('closed by {closing}, which does not match: end it with {end}', { closing, end: `{/${p.openingtag}}` }) };
      }
      case 'unbalanced_loop_tags':
        return { kind: 'unclosed-loop', message: say('overlaps {section}: one must end before the other starts, or lie wholly inside it', { section: `{#${p.pair?.left}}…{/${p.pair?.right}}` }) };
      case 'unclosed_tag':
        return { kind: 'syntax', message: say('has no closing "}"') };
      case 'unopened_tag':
        return { kind: 'syntax', message: say('has no opening "{"') };
      case 'duplicate_open_tag':
      case 'duplicate_close_tag':
        return { kind: 'syntax', message: say('has doubled braces: a tag is a name between single braces, like {example}', { example: '{City}' }) };
      case 'loop_position_invalid':
        return { kind: 'syntax', message: say('starts and ends in different places (one in a table, the other outside it): put both in the same table row, or both outside tables') };
      case 'scopeparser_compilation_failed': {
        const refusal = (p.rootError as { refusal?: { kind: 'syntax' | 'bad-formatter'; error: string } } | undefined)?.refusal;
        if (refusal) return { kind: refusal.kind, message: refusal.error };
        return { kind: 'syntax', message: say('not a field name') };
      }
      default:
        return { kind: 'syntax', message: p.explanation ?? say('cannot be read') };
    }
  })();
  const doubled = p.id === 'duplicate_open_tag' ? doubledTagAt(places.scan(file).text, offset) : p.id === 'duplicate_close_tag' ? p.context : undefined;
  return places.at(file, offset, said, doubled === undefined ? undefined : decodeXml(doubled));
}

/** `{{City}}` whole, from its first brace: docxtemplater's tag would stop at the second `{`. */
function doubledTagAt(text: string, offset: number): string {
  return /^\{+[^{}]*\}*/.exec(text.slice(offset))?.[0] ?? '{';
}
