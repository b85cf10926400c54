/**
 * The catalogs hold a translation of every message the sources say, in French and in Russian,
 * with the same placeholders; nothing they hold is stale; no message is written out in English
 * where `say` should make it (issue 13, §5).
 */

import { describe, expect, it } from 'vitest';
import { FR } from '../../../core/messages/fr/index.js';
import { RU } from '../../../core/messages/ru/index.js';
import type { Catalog } from '../../../core/messages/say.js';
import { placeholders, scan } from './sources.js';

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
