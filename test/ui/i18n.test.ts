/**
 * The sidebar's languages (ui/i18n.ts): English in the code, French and Russian loaded once when
 * first spoken — from the host where it serves them (Google: Code.js), else from their chunk.
 */

import { describe, expect, it } from 'vitest';
import { WORDS as FRENCH } from '../../ui/i18n-fr.js';
import { WORDS as RUSSIAN } from '../../ui/i18n-ru.js';
import { hasLanguage, loadLanguage, translator } from '../../ui/i18n.js';

describe("the sidebar's words", () => {
  it('speaks English until a language is loaded, then that language', async () => {
    expect(hasLanguage('fr')).toBe(false);
    expect(translator('fr')('loading')).toBe('Loading…');
    await loadLanguage('fr');
    expect(hasLanguage('fr')).toBe(true);
    expect(translator('fr')('loading')).toBe('Chargement…');
    expect(translator('fr')('cannotRight', { what: 'importer', role: 'Manager', right: 'importer' })).toBe(
      'Vous ne pouvez pas importer : votre rôle Manager n’a pas le droit « importer ». Demandez à un administrateur.',
    );
  });

  it('takes a language from the host where it serves the words, once; a failure is tried again next time', async () => {
    const asked: string[] = [];
    let fail = true;
    const bridge = {
      words: async (lang: string) => {
        asked.push(lang);
        if (fail) throw new Error('Apps Script is not answering');
        return RUSSIAN;
      },
    };
    await expect(loadLanguage('ru', bridge)).rejects.toThrow('Apps Script is not answering');
    expect(hasLanguage('ru')).toBe(false);
    fail = false;
    await Promise.all([loadLanguage('ru', bridge), loadLanguage('ru', bridge)]);
    await loadLanguage('ru', bridge);
    expect(asked).toEqual(['ru', 'ru']);
    expect(translator('ru')('signOut')).toBe('Выйти');
  });

  it('has the same words in French and Russian, none empty (their type holds both to English’s keys)', () => {
    expect(Object.keys(FRENCH).sort()).toEqual(Object.keys(RUSSIAN).sort());
    for (const words of [FRENCH, RUSSIAN]) for (const [key, text] of Object.entries(words)) expect(text.trim(), key).not.toBe('');
  });
});
