import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTORY_ORDER, defaultCrmSchema, defaultSeedRows } from '../../../core/schema/default-crm.js';
import { FIELD_TYPES, ID_HEADER, LANGS } from '../../../core/schema/types.js';
import type { Labels } from '../../../core/schema/types.js';

const lower = (s: string) => s.trim().toLowerCase();
const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe('defaultCrmSchema', () => {
  describe.each(LANGS)('in %s', (lang) => {
    const schema = defaultCrmSchema(lang);
    const byKey = new Map(schema.directories.map((d) => [d.key, d]));

    it('lists directories in the default tab order, with unique keys and id prefixes', () => {
      expect(schema.directories.map((d) => d.key)).toEqual(DEFAULT_DIRECTORY_ORDER);
      expect(duplicates(schema.directories.map((d) => d.key))).toEqual([]);
      expect(duplicates(schema.directories.map((d) => d.idPrefix))).toEqual([]);
      for (const d of schema.directories) expect(d.idPrefix).toMatch(/^[A-Z]{2}$/);
    });

    it('names each sheet after the directory in the workbook language, as Excel allows', () => {
      for (const d of schema.directories) {
        expect(d.sheet).toBe(d.labels[lang]);
        expect(d.sheet.length).toBeGreaterThan(0);
        expect(d.sheet.length).toBeLessThanOrEqual(31);
        expect(d.sheet).not.toMatch(/[[\]:*?/\\]/);
        // Excel refuses a leading/trailing apostrophe and the name History; `_` is Carnet's own.
        expect(d.sheet).not.toMatch(/^'|'$/);
        expect(lower(d.sheet)).not.toBe('history');
        expect(d.sheet.startsWith('_')).toBe(false);
      }
      expect(duplicates(schema.directories.map((d) => lower(d.sheet)))).toEqual([]);
    });

    it('gives every field a snake_case key, unique in its directory, and a known type', () => {
      for (const d of schema.directories) {
        expect(duplicates(d.fields.map((f) => f.key)), d.key).toEqual([]);
        for (const f of d.fields) {
          expect(f.key).toMatch(/^[a-z][a-z0-9_]*$/);
          expect(FIELD_TYPES).toContain(f.type);
        }
      }
    });

    it('points every reference at an existing directory, and only references have a target', () => {
      for (const d of schema.directories) {
        for (const f of d.fields) {
          if (f.type === 'reference') {
            expect(byKey.has(f.ref ?? ''), `${d.key}.${f.key} → ${f.ref}`).toBe(true);
            // A reference stores a display value: a target displayed by ID could not be typed or picked by name.
            expect(byKey.get(f.ref ?? '')?.display, `${d.key}.${f.key}`).not.toBe('id');
          } else {
            expect(f.ref, `${d.key}.${f.key}`).toBeUndefined();
          }
        }
      }
    });

    it('displays each directory by a required unique text field, or by its ID', () => {
      for (const d of schema.directories) {
        if (d.display === 'id') continue;
        const display = d.fields.find((f) => f.key === d.display);
        expect(display, d.key).toBeDefined();
        expect(display).toMatchObject({ type: 'text', required: true, unique: true });
      }
      expect(['sales', 'notes', 'tasks'].map((k) => byKey.get(k)?.display)).toEqual(['id', 'id', 'id']);
      expect(byKey.get('contacts')?.display).toBe('name');
    });

    it('labels directories and fields in all three languages', () => {
      const filled = (labels: Labels | Partial<Labels>) => {
        for (const l of LANGS) expect(labels[l]?.trim()).toBeTruthy();
      };
      for (const d of schema.directories) {
        filled(d.labels);
        for (const f of d.fields) {
          filled(f.labels);
          if (f.help) filled(f.help);
        }
      }
    });

    it('never gives two fields of a directory the same header, in any language', () => {
      for (const d of schema.directories) {
        for (const l of LANGS) {
          const headers = d.fields.map((f) => lower(f.labels[l]));
          expect(duplicates(headers), `${d.key} in ${l}`).toEqual([]);
          expect(headers, `${d.key} in ${l}`).not.toContain(lower(ID_HEADER));
        }
      }
    });

    it('gives choice fields their values in the workbook language, and defaults of the right type', () => {
      const unit = byKey.get('products')?.fields.find((f) => f.key === 'unit');
      expect(unit?.choices).toEqual({ en: ['pcs', 'kg', 'hour', 'box', 'licence'], fr: ['pièce', 'kg', 'heure', 'boîte', 'licence'], ru: ['шт', 'кг', 'час', 'коробка', 'лицензия'] }[lang]);
      for (const d of schema.directories) {
        for (const f of d.fields) {
          if (f.type === 'choice') expect(f.choices?.length).toBeGreaterThan(0);
          else expect(f.choices).toBeUndefined();
          if (f.default !== undefined && f.type === 'boolean') expect(typeof f.default).toBe('boolean');
        }
      }
      expect(byKey.get('products')?.fields.find((f) => f.key === 'active')?.default).toBe(true);
      expect(byKey.get('tasks')?.fields.find((f) => f.key === 'done')?.default).toBe(false);
    });

    it('keeps the funnel in sheet order', () => {
      expect(byKey.get('stages')?.ordered).toBe(true);
      expect(schema.directories.filter((d) => d.ordered).map((d) => d.key)).toEqual(['stages']);
    });
  });

  it('takes country, currency and date order from the language', () => {
    expect(defaultCrmSchema('en')).toMatchObject({ version: 1, lang: 'en', country: 'US', currency: 'USD', dateOrder: 'mdy' });
    expect(defaultCrmSchema('fr')).toMatchObject({ version: 1, lang: 'fr', country: 'FR', currency: 'EUR', dateOrder: 'dmy' });
    expect(defaultCrmSchema('ru')).toMatchObject({ version: 1, lang: 'ru', country: 'RU', currency: 'RUB', dateOrder: 'dmy' });
  });

  it('lets country and currency be chosen', () => {
    expect(defaultCrmSchema('fr', { country: 'be', currency: 'eur' })).toMatchObject({ country: 'BE', currency: 'EUR', dateOrder: 'dmy' });
    expect(defaultCrmSchema('en', { country: 'GB', currency: 'GBP' })).toMatchObject({ country: 'GB', currency: 'GBP', dateOrder: 'mdy' });
  });

  it('returns a fresh schema each time, so a caller may edit it', () => {
    const a = defaultCrmSchema('en');
    a.directories[0].fields.pop();
    expect(defaultCrmSchema('en').directories[0].fields.length).toBe(a.directories[0].fields.length + 1);
  });
});

describe('defaultSeedRows', () => {
  const funnels = {
    en: ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'],
    fr: ['Prospect', 'Qualifié', 'Proposition', 'Négociation', 'Gagné', 'Perdu'],
    ru: ['Лид', 'Квалификация', 'Предложение', 'Переговоры', 'Успех', 'Отказ'],
  };

  it.each(LANGS)('seeds only the sales funnel, in %s', (lang) => {
    const seed = defaultSeedRows(lang);
    expect(Object.keys(seed)).toEqual(['stages']);
    expect(seed.stages.map((r) => r.name)).toEqual(funnels[lang]);
    expect(seed.stages.map((r) => r.probability)).toEqual([0.1, 0.25, 0.5, 0.75, 1, 0]);
    expect(seed.stages.map((r) => r.closed)).toEqual([false, false, false, false, true, true]);
  });

  it.each(LANGS)('fills only fields the stages directory has, in %s', (lang) => {
    const stages = defaultCrmSchema(lang).directories.find((d) => d.key === 'stages');
    const keys = new Set(stages?.fields.map((f) => f.key));
    for (const row of defaultSeedRows(lang).stages) for (const key of Object.keys(row)) expect(keys.has(key)).toBe(true);
  });
});
