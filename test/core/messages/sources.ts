/**
 * Every message the sources say (core/messages/say.ts), read with the TypeScript parser: the
 * templates given to `say`, and the `message:` properties that are still written out in English.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(import.meta.dirname, '../../..');
/** Where messages a person reads are made: the core and the hosts' adapters. */
export const SOURCE_DIRS = ['core', 'local', 'gas-addon', 'office-addin'];

export interface Said {
  template: string;
  /** file:line */
  at: string;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Not scanned: the catalogs themselves; `carnet help` (English, like every command's name and
 * option); the local server's protocol refusals (a wrong token, a body that is not JSON), said
 * before any workbook is read; the Google sidebar page's bridge, whose own words are the UI's
 * (ui/i18n.ts). Everything a command says reaches them already in the person's language. The
 * CLI's own words are scanned: they speak the workbook's language once it is open.
 */
const NOT_SCANNED = [join('core', 'messages'), join('local', 'cli', 'help.ts'), join('local', 'server', 'server.ts'), join('local', 'server', 'serve-command.ts'), join('gas-addon', 'sidebar-bridge.ts')];

export function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((d) => files(join(ROOT, d))).filter((f) => !NOT_SCANNED.some((n) => relative(ROOT, f).startsWith(n)));
}

export interface Scan {
  said: Said[];
  /** `say(x)` whose template is not a literal: its translations could not be found. */
  notLiteral: string[];
  /** `message: 'English…'` or a template literal: a message not said through `say`. */
  plain: string[];
}

export function scan(paths: string[] = sourceFiles()): Scan {
  const out: Scan = { said: [], notLiteral: [], plain: [] };
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('say(') && !text.includes('message')) continue;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const at = (node: ts.Node) => `${relative(ROOT, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'say') {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) out.said.push({ template: first.text, at: at(node) });
        else out.notLiteral.push(at(node));
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'message') {
        const v = node.initializer;
        if (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v) || ts.isTemplateExpression(v)) out.plain.push(at(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The `{placeholders}` of a template, sorted. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}
