/**
 * A template cannot run code: JavaScript and expressions in tags come out as problems, and nothing
 * a payload would do happens (each payload would set a global flag).
 */

import { afterEach, describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../core/templates/check.js';
import { fillMany, fillTemplate } from '../../../core/templates/fill.js';
import type { TemplateProblem } from '../../../core/templates/types.js';
import { docx, p, paragraphs, partOf } from '../../helpers/docx-fixtures.js';
import { thrownData } from '../../helpers/error-data.js';
import { acme, companySchema, EN, scope } from '../../helpers/template-scopes.js';

declare global {
  // eslint-disable-next-line no-var
  var __carnetPwned: unknown;
}

const SET_FLAG = `globalThis.__carnetPwned = true`;
const syntax = (tag: string, message: string): Pick<TemplateProblem, 'tag' | 'kind' | 'message'> => ({ tag, kind: 'syntax', message });

/** Each payload alone in a template: the problem it is, without its place. */
function judged(tag: string): Pick<TemplateProblem, 'tag' | 'kind' | 'message'>[] {
  return checkTemplate(docx(p(tag)), companySchema()).map(({ tag, kind, message }) => ({ tag, kind, message }));
}

describe('a template that tries to run code', () => {
  afterEach(() => {
    expect(globalThis.__carnetPwned).toBeUndefined();
  });

  it.each([
    [`{constructor.constructor('${SET_FLAG}')()}`, 'not a field name: "constructor" is reserved'],
    [`{Name.constructor.constructor("${SET_FLAG}")()}`, 'not a field name: "constructor" is reserved'],
    ['{this}', 'not a field name: "this" is reserved'],
    ['{__proto__}', 'not a field name: "__proto__" is reserved'],
    ['{Name.__proto__.polluted}', 'not a field name: "__proto__" is reserved'],
    ['{a+b}', 'not a field name: "+" cannot be part of a name'],
    ['{= 1+1}', 'not a field name: "=" cannot be part of a name'],
    ['{=[ ]=}', 'not a field name: "=" cannot be part of a name'],
    ['{process.exit()}', 'not a field name: "(" cannot be part of a name'],
    [`{Name | filter:"${SET_FLAG}"}`, 'not a field name: ":" cannot be part of a formatter (a formatter is one word, such as |long)'],
    ['{Name | upper()}', 'not a field name: "(" cannot be part of a formatter (a formatter is one word, such as |long)'],
    ['{Name || process}', 'not a field name: only one |formatter may follow the name'],
    ["{'x'.constructor}", 'not a field name: "constructor" is reserved'],
    ['{`process`}', 'not a field name: "`" cannot be part of a name'],
    ['{@Name}', 'not a field name: "@" cannot start a tag (it would insert Word XML)'],
  ])('%s is refused as a tag', (tag, message) => {
    expect(judged(tag)).toEqual([syntax(tag, message)]);
  });

  it('a template literal is braces docxtemplater pairs as written, and no name', () => {
    expect(judged('{`${process}`}')).toEqual([syntax('{`$', 'has no closing "}"'), { tag: '{process}', kind: 'unknown-name', message: 'unknown field "process"' }, syntax('`}', 'has no opening "{"')]);
  });

  it('a formatter outside the closed set, named after a JavaScript method, is refused', () => {
    expect(judged('{Name | toString}')).toEqual([{ tag: '{Name | toString}', kind: 'bad-formatter', message: 'unknown formatter "toString" (formatters: long, short, words, number, upper, lower, year, month)' }]);
  });

  it('names that JavaScript objects have are not fields', () => {
    expect(judged('{toString} {valueOf} {hasOwnProperty}').map((x) => [x.tag, x.kind])).toEqual([
      ['{toString}', 'unknown-name'],
      ['{valueOf}', 'unknown-name'],
      ['{hasOwnProperty}', 'unknown-name'],
    ]);
  });

  it('JavaScript in a loop’s or a condition’s name is refused at the opening tag', () => {
    const template = docx(p(`{#constructor.constructor("${SET_FLAG}")()}x{/constructor.constructor("${SET_FLAG}")()}`) + p(`{^x;${SET_FLAG}}y{/x;${SET_FLAG}}`) + p('{#constructor}z{/constructor}'));
    expect(checkTemplate(template, companySchema())).toEqual([
      { tag: `{#constructor.constructor("${SET_FLAG}")()}`, place: { where: 'paragraph 1', around: `{#constructor.constructor("${SET_FLAG}")()} …` }, kind: 'syntax', message: 'not a field name: "constructor" is reserved' },
      { tag: `{^x;${SET_FLAG}}`, place: { where: 'paragraph 2', around: `{^x;${SET_FLAG}}y{/x;globalThis.__carnet …` }, kind: 'syntax', message: 'not a field name: ";" cannot be part of a name' },
      { tag: '{#constructor}', place: { where: 'paragraph 3', around: '{#constructor}z{/constructor}' }, kind: 'syntax', message: 'not a field name: "constructor" is reserved' },
    ]);
  });

  it('filling refuses such a template with E_TEMPLATE, alone or merged', () => {
    const template = docx(p(`Hi {constructor.constructor('${SET_FLAG}')()}`));
    const refusal = {
      code: 'E_TEMPLATE',
      message: `The template cannot be filled: {constructor.constructor('${SET_FLAG}')()} in paragraph 1 ("Hi {constructor.constructor('${SET_FLAG}')()}"): not a field name: "constructor" is reserved`,
      problems: [{ code: 'E_TEMPLATE', message: `{constructor.constructor('${SET_FLAG}')()} in paragraph 1 ("Hi {constructor.constructor('${SET_FLAG}')()}"): not a field name: "constructor" is reserved`, value: `{constructor.constructor('${SET_FLAG}')()}` }],
    };
    expect(thrownData(() => fillTemplate(template, acme(), EN))).toEqual(refusal);
    expect(thrownData(() => fillMany(template, [acme(), acme()], EN, 'merged'))).toEqual(refusal);
  });
});

describe('values that look like tags, code or XML', () => {
  afterEach(() => {
    expect(globalThis.__carnetPwned).toBeUndefined();
  });

  it('are written as text, never read as tags or markup', () => {
    const note = `{constructor.constructor('${SET_FLAG}')()} {#Sales}{/Sales} </w:t></w:r><w:r><w:t>injected`;
    const out = fillTemplate(docx(p('{Note}')), scope({ Note: note }), EN).bytes;
    expect(paragraphs(out)).toEqual([note]);
    expect(partOf(out, 'word/document.xml')).toContain('&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;injected');
  });
});
