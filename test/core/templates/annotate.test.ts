import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { afterAll, describe, expect, it } from 'vitest';
import { annotateTemplate } from '../../../core/templates/annotate.js';
import { checkTemplate } from '../../../core/templates/check.js';
import { tempDir } from '../../helpers/cli.js';
import { docx, p, partOf, table } from '../../helpers/docx-fixtures.js';
import { requireProgram } from '../../helpers/programs.js';
import { companySchema } from '../../helpers/template-scopes.js';

const HAS_SOFFICE = requireProgram('soffice', 'LibreOffice reading annotated templates');

/** Each comment of the comments part: id, author and text. */
function comments(bytes: Uint8Array): { id: string; author: string; text: string }[] {
  return [...partOf(bytes, 'word/comments.xml').matchAll(/<w:comment w:id="(\d+)" w:author="([^"]*)"[^>]*>([\s\S]*?)<\/w:comment>/g)].map((m) => ({
    id: m[1]!,
    author: m[2]!,
    text: [...m[3]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join(''),
  }));
}

/** The body's paragraphs that carry a comment anchor, as `id: paragraph XML without runs' properties`. */
function anchored(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of partOf(bytes, 'word/document.xml').matchAll(/<w:p\b[^>]*>(?:(?!<\/w:p>)[\s\S])*<\/w:p>/g)) {
    for (const id of m[0].matchAll(/<w:commentRangeStart w:id="(\d+)"\/>/g)) out[id[1]!] = [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
  }
  return out;
}

const template = () => docx(p('Invoice') + p('Client: {Ctiy}') + table([['{#Sales}{Prodct}', '{Price}{/Sales}']]), { headers: [p('{Nmuber}')] });

describe('annotateTemplate', () => {
  it('writes each problem as a comment by Carnet on its tag’s paragraph; a header’s on the first paragraph, saying where', () => {
    const original = template();
    const annotated = annotateTemplate(original, checkTemplate(original, companySchema()));
    expect(comments(annotated)).toEqual([
      { id: '0', author: 'Carnet', text: '{Ctiy}: unknown field "Ctiy" — did you mean {City}?' },
      { id: '1', author: 'Carnet', text: '{Prodct}: unknown field "Prodct" — did you mean {Product}?' },
      { id: '2', author: 'Carnet', text: '{Nmuber} in header 1, paragraph 1 ("{Nmuber}"): unknown field "Nmuber"' },
    ]);
    expect(anchored(annotated)).toEqual({ '0': 'Client: {Ctiy}', '1': '{#Sales}{Prodct}', '2': 'Invoice' });
    const xml = partOf(annotated, 'word/document.xml');
    expect(xml).toContain('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Client: {Ctiy}</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>');
    expect(partOf(annotated, 'word/_rels/document.xml.rels')).toContain('Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"');
    expect(partOf(annotated, '[Content_Types].xml')).toContain('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>');
  });

  it('leaves the template’s bytes as they were', () => {
    const original = template();
    const copy = original.slice();
    annotateTemplate(original, checkTemplate(original, companySchema()));
    expect(original).toEqual(copy);
  });

  it('keeps the template’s own comments, and replaces Carnet’s from an earlier check', () => {
    const body = '<w:p><w:commentRangeStart w:id="4"/><w:r><w:t>Client: {Ctiy}</w:t></w:r><w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r></w:p>';
    const own = '<w:comment w:id="4" w:author="Alice" w:initials="A"><w:p><w:r><w:t>Ask Bob</w:t></w:r></w:p></w:comment>';
    const original = docx(body, { comments: own });
    const problems = checkTemplate(original, companySchema());
    const twice = annotateTemplate(annotateTemplate(original, problems), problems);
    expect(comments(twice)).toEqual([
      { id: '4', author: 'Alice', text: 'Ask Bob' },
      { id: '5', author: 'Carnet', text: '{Ctiy}: unknown field "Ctiy" — did you mean {City}?' },
    ]);
    expect(anchored(twice)).toEqual({ '4': 'Client: {Ctiy}', '5': 'Client: {Ctiy}' });
    expect(partOf(twice, 'word/_rels/document.xml.rels').match(/relationships\/comments"/g)).toHaveLength(1);
  });

  it('changes nothing but Carnet’s comments when there is no problem', () => {
    const original = docx(p('{Name}'));
    expect(new PizZip(annotateTemplate(original, [])).file('word/comments.xml')).toBeNull();
  });
});

describe.runIf(HAS_SOFFICE)('an annotated template in LibreOffice', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('opens, with each comment by Carnet on its paragraph', () => {
    const original = template();
    writeFileSync(join(tmp.dir, 'annotated.docx'), annotateTemplate(original, checkTemplate(original, companySchema())));
    execFileSync('soffice', [`-env:UserInstallation=file://${join(tmp.dir, 'lo-profile')}`, '--headless', '--convert-to', 'odt', '--outdir', tmp.dir, join(tmp.dir, 'annotated.docx')], { stdio: 'pipe', timeout: 120_000 });
    const content = new PizZip(readFileSync(join(tmp.dir, 'annotated.odt'))).file('content.xml')!.asText();
    const notes = [...content.matchAll(/<text:p\b[^>]*>((?:(?!<\/text:p>)[\s\S])*?<office:annotation\b[\s\S]*?<\/office:annotation>[\s\S]*?)<\/text:p>/g)].map((m) => {
      const note = /<office:annotation\b[\s\S]*?<\/office:annotation>/.exec(m[1]!)![0];
      const plain = (xml: string) => xml.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      return { author: plain(/<dc:creator>([\s\S]*?)<\/dc:creator>/.exec(note)![1]!), text: plain(note.replace(/<(dc|meta):[\w-]+>[\s\S]*?<\/\1:[\w-]+>/g, '')), paragraph: plain(m[1]!.replace(note, '')) };
    });
    expect(notes).toEqual([
      { author: 'Carnet', text: '{Nmuber} in header 1, paragraph 1 ("{Nmuber}"): unknown field "Nmuber"', paragraph: 'Invoice' },
      { author: 'Carnet', text: '{Ctiy}: unknown field "Ctiy" — did you mean {City}?', paragraph: 'Client: {Ctiy}' },
      { author: 'Carnet', text: '{Prodct}: unknown field "Prodct" — did you mean {Product}?', paragraph: '{#Sales}{Prodct}' },
    ]);
  });
});
