/**
 * What the template commands answer (core/app/template-commands.ts), as the Documents panel and
 * the Templates screen read them: files come as base64, since every host's transport carries text.
 */

import type { TagPlace, TemplateInfo, TemplateProblem } from '../core/templates/types.js';
import type { FileAnswer } from './download.js';

export type { TemplateInfo, TemplateProblem } from '../core/templates/types.js';

/** `template.list`: the workbook's templates and Carnet's built-ins. */
export interface TemplateList {
  templates: TemplateInfo[];
}

/** `template.add`: the stored template, and what is wrong with its tags (it is stored all the same). */
export interface TemplateAdded {
  template: TemplateInfo;
  problems: TemplateProblem[];
}

/** `template.check`; with `annotate`, the template with its problems as Word comments. */
export interface TemplateChecked extends Partial<FileAnswer> {
  template: string;
  directory: string;
  problems: TemplateProblem[];
}

/** `doc.fill`: the document (or the zip of them), and the tags left blank for want of a value. */
export interface FilledDocument extends FileAnswer {
  template: string;
  documents: number;
  missing: TemplateProblem[];
}

/** A problem as the UI shows it: a template's (tag, place) or a refusal's (`ErrorData.problems`, message only). */
export interface ProblemLike {
  message: string;
  tag?: string;
  place?: TagPlace;
}
