import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompanyIndexRow } from '../../../core/card/index-rows.js';
import { foldForSearch, prefixDistance, prepareSearch, searchCompanies, updateSearch } from '../../../core/card/search.js';

const row = (name: string, more: Partial<CompanyIndexRow> = {}): CompanyIndexRow => ({
  id: `CO-${name}`,
  name,
  city: '',
  phones: [],
  emails: [],
  contacts: [],
  ...more,
});

const ROWS: CompanyIndexRow[] = [
  row('Oakridge Roofing & Co.', { city: 'Minneapolis', phones: ['+16125550107'], emails: ['sales@oakridge-roofing.example.com'], contacts: ['Anna Petrova', 'John Smith'] }),
  row('Falcon Outfitters LLC', { city: 'Austin', phones: ['+15125550177'], contacts: ['Émilie Durand'] }),
  row('Société Générale Bâtiment', { city: 'Lyon', phones: ['+33612345678'], contacts: ['Jean Dupont'] }),
  row('ООО Ромашка', { city: 'Москва', phones: ['+79898775544'], contacts: ['Пётр Иванов'] }),
  row('Acme', { city: 'Lyon' }),
  row('Acme Roofing', { city: 'Lyon' }),
  row('Acne Studios', { city: 'Paris' }),
  row('Blue Harbor', { emails: ['info@bh-marine.example'] }),
  row('3M France', { phones: ['+33130317000'] }),
];
const index = prepareSearch(ROWS);
const names = (query: string, limit?: number) => searchCompanies(index, query, limit).map((h) => h.row.name);
const first = (query: string) => searchCompanies(index, query)[0];

describe('searching companies as you type', () => {
  describe('finds a company by', () => {
    it('the start of its name, then a word of it, then any part of it', () => {
      expect(names('acm')).toEqual(['Acme', 'Acme Roofing']);
      expect(names('roof')).toEqual(['Acme Roofing', 'Oakridge Roofing & Co.']);
      expect(names('arbo')).toEqual(['Blue Harbor']);
      expect(names('blueharb')).toEqual(['Blue Harbor']);
    });

    it('its name without accents, case or punctuation', () => {
      expect(names('societe generale')).toEqual(['Société Générale Bâtiment']);
      expect(names('BATIMENT')).toEqual(['Société Générale Bâtiment']);
      expect(names('oakridge roofing co')).toEqual(['Oakridge Roofing & Co.']);
      expect(names('ромашка')).toEqual(['ООО Ромашка']);
    });

    it("a contact's name, saying which contact matched", () => {
      expect(first('emilie')).toMatchObject({ row: { name: 'Falcon Outfitters LLC' }, via: { kind: 'contact', text: 'Émilie Durand' } });
      expect(first('петр')).toMatchObject({ row: { name: 'ООО Ромашка' }, via: { kind: 'contact', text: 'Пётр Иванов' } });
    });

    it('a phone number typed in any format, national or international', () => {
      expect(first('612 555 0107')).toMatchObject({ row: { name: 'Oakridge Roofing & Co.' }, via: { kind: 'phone', text: '+16125550107' } });
      expect(names('06 12 34 56 78')).toEqual(['Société Générale Bâtiment']);
      expect(names('8 (989) 877-55-44')).toEqual(['ООО Ромашка']);
      expect(names('+7 989 877')).toEqual(['ООО Ромашка']);
      expect(names('5544')).toEqual(['ООО Ромашка']);
    });

    it('a part of an email address', () => {
      expect(first('bh-marine')).toMatchObject({ row: { name: 'Blue Harbor' }, via: { kind: 'email', text: 'info@bh-marine.example' } });
    });

    it('its city', () => {
      expect(names('lyon')).toEqual(['Acme', 'Acme Roofing', 'Société Générale Bâtiment']);
    });

    it('digits that are part of a name, not a phone', () => {
      expect(names('3m')).toEqual(['3M France']);
    });

    it('several words matching different things', () => {
      expect(names('oakridge anna')).toEqual(['Oakridge Roofing & Co.']);
      expect(names('roofing lyon')).toEqual(['Acme Roofing']);
      expect(names('oakridge emilie')).toEqual([]);
    });
  });

  describe('tolerates typos', () => {
    it('a missing, extra, wrong or swapped letter', () => {
      expect(names('oakrdge')).toEqual(['Oakridge Roofing & Co.']);
      expect(names('oakkridge')).toEqual(['Oakridge Roofing & Co.']);
      expect(names('oakribge')).toEqual(['Oakridge Roofing & Co.']);
      expect(names('oakirdge')).toEqual(['Oakridge Roofing & Co.']);
      expect(first('smtih')).toMatchObject({ row: { name: 'Oakridge Roofing & Co.' }, via: { kind: 'contact', text: 'John Smith' } });
    });

    it('two typos in a long word', () => {
      expect(names('outfiters llc')).toEqual(['Falcon Outfitters LLC']);
      expect(names('otfitetrs')).toEqual(['Falcon Outfitters LLC']);
    });

    it('but ranks every exact match above every typo match', () => {
      expect(names('acne')).toEqual(['Acne Studios', 'Acme', 'Acme Roofing']);
    });

    it('but not in words of three letters or less, where a typo makes another word', () => {
      expect(names('bkue')).toEqual(['Blue Harbor']);
      expect(names('bku')).toEqual([]);
    });
  });

  it('finds nothing for an empty query, and at most `limit` companies', () => {
    expect(names('  ')).toEqual([]);
    expect(names('o', 2)).toHaveLength(2);
  });

  it('always finds a company by a word of its name, its contact or its phone, even with one typo', () => {
    const word = fc.stringMatching(/^[a-z]{5,9}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(word, word, fc.integer({ min: 1_000_000, max: 9_999_999 })), { minLength: 1, maxLength: 30, selector: (t) => t[0] }),
        fc.nat(),
        fc.nat(),
        (companies, pick, at) => {
          const rows = companies.map(([name, contact, phone], i) => row(`${name} ${i}`, { id: String(i), contacts: [contact], phones: [`+33${phone}`] }));
          const idx = prepareSearch(rows);
          const target = rows[pick % rows.length]!;
          const [name] = target.name.split(' ');
          const found = (q: string) => searchCompanies(idx, q, rows.length).some((h) => h.row.id === target.id);
          expect(found(name!)).toBe(true);
          expect(found(target.contacts[0]!)).toBe(true);
          expect(found(target.phones[0]!.slice(-7))).toBe(true);
          const i = at % name!.length;
          const typo = name!.slice(0, i) + (name![i] === 'x' ? 'y' : 'x') + name!.slice(i + 1);
          expect(found(typo)).toBe(true);
        },
      ),
    );
  });
});

describe('updating the index after a write', () => {
  it('replaces a renamed company and adds a new one, leaving the original index as it was', () => {
    const renamed = updateSearch(index, { ...ROWS[4]!, name: 'Zenith Roofing' });
    const added = updateSearch(renamed, row('Quokka Labs', { contacts: ['Ada Lovelace'] }));
    const find = (idx: typeof index, q: string) => searchCompanies(idx, q).map((h) => h.row.name);
    expect(find(added, 'zenith')).toEqual(['Zenith Roofing']);
    expect(find(added, 'acme')).toEqual(['Acme Roofing', 'Acne Studios']);
    expect(find(added, 'lovelace')).toEqual(['Quokka Labs']);
    expect(find(index, 'acme')).toEqual(['Acme', 'Acme Roofing', 'Acne Studios']);
    expect(added.entries).toHaveLength(ROWS.length + 1);
  });
});

describe('folding text for search', () => {
  it('drops accents, case and punctuation', () => {
    expect(foldForSearch('  Société Générale — Bâtiment & Cie. ')).toBe('societe generale batiment cie');
    expect(foldForSearch('Пётр ЁЛКИН')).toBe('петр елкин');
    expect(foldForSearch('Straße')).toBe('strasse');
  });
});

describe('the distance from a word typed to the closest start of a word', () => {
  it('counts a swap of neighbours as one typo, and stops past the maximum', () => {
    expect(prefixDistance('oak', 'oakridge', 1)).toBe(0);
    expect(prefixDistance('oka', 'oakridge', 1)).toBe(1);
    expect(prefixDistance('oakrdg', 'oakridge', 2)).toBe(1);
    expect(prefixDistance('xyzzy', 'oakridge', 2)).toBe(3);
  });
});
