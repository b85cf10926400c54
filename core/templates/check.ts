/**
 * A template's dry run: every problem it has, each pointing at its tag, and nothing produced.
 * docxtemplater compiles it (unclosed and unopened loops, mismatched ends, unclosed `{`, refused
 * tags), then Carnet's parser walks every section once against a schema scope, the root the lead
 * builds from the directory with empty values (unknown names, formatters that do not apply,
 * sections over something that is not a list).
 */

import { say } from '../messages/say.js';
import { Places } from './docx-places.js';
import { inReadingOrder, openTemplate, runTemplate } from './engine.js';
import type { Scope, TemplateProblem } from './types.js';

export function checkTemplate(template: Uint8Array, root: Scope): TemplateProblem[] {
  const zip = openTemplate(template);
  return inReadingOrder(runTemplate(zip, new Places(zip), root, { kind: 'check' }).problems);
}

/** One problem as a line of plain text: `{Ctiy} in paragraph 3 ("Client: {Ctiy}, …"): unknown field "Ctiy" — did you mean {City}?`. */
export function problemLine(problem: TemplateProblem): string {
  const { tag, message } = problem;
  const { where, around } = problem.place;
  return around ? say('{tag} in {where} ("{around}"): {message}', { tag, where, around, message }) : say('{tag} in {where}: {message}', { tag, where, message });
}
