/**
 * The catalogs hold a translation of every message the sources say, in French and in Russian,
 * with the same placeholders; nothing they hold is stale; no message is written out in English
 * where `say` should make it (issue 13, §5).
 */

import { describe, expect, it } from 'vitest';
import { FR } from '../../../core/messages/fr/index.js';
import { RU } from '../../../core/messages/ru/index.js';
import type { Catalog } from '../../../core/messages/say.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { placeholders, ROOT, scan } from './sources.js';

/** Each language's catalogs one by one, as the areas wrote them (the index merges them: a later area's wins). */
async function areas(lang: 'fr' | 'ru'): Promise<[string, Record<string, Catalog>][]> {
  const dir = join(ROOT, 'core', 'messages', lang);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  return Promise.all(files.map(async (f) => [`${lang}/${f}`, (await import(pathToFileURL(join(dir, f)).href)) as Record<string, Catalog>] as [string, Record<string, Catalog>]));
}
const AREAS = { fr: await areas('fr'), ru: await areas('ru') };

const found = scan();
const templates = [...new Set(found.said.map((s) => s.template))];
const CATALOGS: [string, Catalog][] = [
  ['fr', FR],
  ['ru', RU],
];

describe('message catalogs', () => {
  it('finds the messages the sources say', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it('every say() is given its English template as a literal', () => {
    expect(found.notLiteral).toEqual([]);
  });

  it('no message is written out in English beside say()', () => {
    expect(found.plain).toEqual([]);
  });

  for (const [lang, catalog] of CATALOGS) {
    it(`${lang}: every template has a translation`, () => {
      const missing = found.said.filter((s) => !Object.prototype.hasOwnProperty.call(catalog, s.template)).map((s) => `${s.at} ${s.template}`);
      expect(missing).toEqual([]);
    });

    it(`${lang}: no translation is stale`, () => {
      const known = new Set(templates);
      expect(Object.keys(catalog).filter((k) => !known.has(k))).toEqual([]);
    });

    it(`${lang}: a translation keeps the placeholders of its template`, () => {
      const wrong = Object.entries(catalog)
        .filter(([en, t]) => typeof t === 'string' && placeholders(en).join() !== placeholders(t).join())
        .map(([en, t]) => `${en} → ${String(t)}`);
      expect(wrong).toEqual([]);
    });

    it(`${lang}: two areas saying the same template translate it the same way (the index keeps one)`, () => {
      const seen = new Map<string, { area: string; text: string }>();
      const clashes: string[] = [];
      for (const [file, module] of AREAS[lang as 'fr' | 'ru']) {
        for (const part of Object.values(module)) {
          for (const [en, t] of Object.entries(part)) {
            const text = String(t);
            const before = seen.get(en);
            if (before && before.text !== text) clashes.push(`${en}: ${before.area} → ${before.text} / ${file} → ${text}`);
            seen.set(en, { area: file, text });
          }
        }
      }
      expect(clashes).toEqual([]);
    });

    it(`${lang}: a translation that is a function answers for its placeholders`, () => {
      const broken = Object.entries(catalog)
        .filter(([, t]) => typeof t === 'function')
        .filter(([en, t]) => {
          const params = Object.fromEntries(placeholders(en).map((p, i) => [p, i + 2]));
          const text = (t as (p: Record<string, number>) => string)(params);
          return typeof text !== 'string' || text === '' || /\{\w+\}/.test(text);
        })
        .map(([en]) => en);
      expect(broken).toEqual([]);
    });
  }
});
