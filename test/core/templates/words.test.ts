import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORDS_LIMIT, amountInWords } from '../../../core/templates/words.js';

/**
 * Test-only readers of the words back into numbers: a sum of values, "hundred"/"cent" multiplying
 * the group, scale words closing it. They share nothing with the writers, so a word the writer
 * gets wrong (a missing "thousand", "quatre-vingt" read as 20) shows as a different number.
 */
function reader(values: Record<string, number>, hundreds: string[], scales: Record<string, number>, skip: string[]) {
  return (text: string): number => {
    let total = 0;
    let group = 0;
    for (const word of text.split(/[ -]/)) {
      if (skip.includes(word)) continue;
      if (hundreds.includes(word)) group = (group || 1) * 100;
      else if (word in scales) {
        total += (group || 1) * scales[word];
        group = 0;
      } else if (word in values) group += values[word];
      else throw new Error(`not a number word: "${word}" in "${text}"`);
    }
    return total + group;
  };
}

const listed = (words: string, from = 0) => Object.fromEntries(words.split(' ').map((w, i) => [w, from + i]));
const tens = (words: string) => Object.fromEntries(words.split(' ').map((w, i) => [w, (i + 2) * 10]));

const readEnglish = reader(
  {
    ...listed('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'),
    ...tens('twenty thirty forty fifty sixty seventy eighty ninety'),
  },
  ['hundred'],
  { thousand: 1e3, million: 1e6, billion: 1e9 },
  [],
);

const readFrenchWords = reader(
  {
    ...listed('zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize'),
    ...tens('vingt trente quarante cinquante soixante'),
    quatrevingt: 80,
  },
  ['cent', 'cents'],
  { mille: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9 },
  ['et'],
);
const readFrench = (text: string) => readFrenchWords(text.replace(/quatre-vingts?/g, 'quatrevingt'));

const readRussian = reader(
  {
    ...listed('ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать'),
    ...tens('двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто'),
    ...Object.fromEntries('сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот'.split(' ').map((w, i) => [w, (i + 1) * 100])),
    одна: 1,
    две: 2,
  },
  [],
  { тысяча: 1e3, тысячи: 1e3, тысяч: 1e3, миллион: 1e6, миллиона: 1e6, миллионов: 1e6, миллиард: 1e9, миллиарда: 1e9, миллиардов: 1e9 },
  [],
);

/** The Russian noun form for n, by the rule as grammars state it. */
function russianForm(n: number, [one, few, many]: [string, string, string]): string {
  if (n % 100 >= 11 && n % 100 <= 14) return many;
  if (n % 10 === 1) return one;
  if (n % 10 >= 2 && n % 10 <= 4) return few;
  return many;
}

describe('amountInWords', () => {
  describe('in English', () => {
    it.each([
      [0, 'zero'],
      [1, 'one'],
      [13, 'thirteen'],
      [21, 'twenty-one'],
      [80, 'eighty'],
      [81, 'eighty-one'],
      [100, 'one hundred'],
      [101, 'one hundred one'],
      [200, 'two hundred'],
      [1000, 'one thousand'],
      [2001, 'two thousand one'],
      [1234, 'one thousand two hundred thirty-four'],
      [100_010, 'one hundred thousand ten'],
      [1_000_000, 'one million'],
      [2_000_000_000, 'two billion'],
      [WORDS_LIMIT, 'nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine'],
    ])('writes the whole number %d as "%s"', (n, words) => {
      expect(amountInWords(n, 'en')).toBe(words);
    });

    it.each([
      [1234.5, 'USD', 'one thousand two hundred thirty-four dollars and 50 cents'],
      [1, 'USD', 'one dollar'],
      [0, 'USD', 'zero dollars'],
      [0.01, 'USD', 'zero dollars and 1 cent'],
      [0.05, 'USD', 'zero dollars and 5 cents'],
      [21, 'EUR', 'twenty-one euros'],
      [1.01, 'GBP', 'one pound and 1 penny'],
      [2.5, 'GBP', 'two pounds and 50 pence'],
      [101.02, 'RUB', 'one hundred one rubles and 2 kopecks'],
      [1_000_000, 'eur', 'one million euros'],
    ])('writes %d %s as "%s", the cents in digits', (value, currency, words) => {
      expect(amountInWords(value, 'en', currency)).toBe(words);
    });

    it.each([
      [1.005, 'USD', 'one dollar and 1 cent'],
      [0.999, 'USD', 'one dollar'],
      [2.675, 'USD', 'two dollars and 68 cents'],
      [1234.5, 'JPY', 'one thousand two hundred thirty-five JPY'],
      [-0.004, 'USD', 'zero dollars'],
    ])('rounds %d %s half away from zero to the minor unit: "%s"', (value, currency, words) => {
      expect(amountInWords(value, 'en', currency)).toBe(words);
    });

    it.each([
      [1234.5, 'CHF', 'one thousand two hundred thirty-four and 50/100 CHF'],
      [12, 'CHF', 'twelve CHF'],
      [1.5, 'KWD', 'one and 500/1000 KWD'],
    ])('writes another currency %d %s with its code: "%s"', (value, currency, words) => {
      expect(amountInWords(value, 'en', currency)).toBe(words);
    });

    it.each([
      [1234.5, 'one thousand two hundred thirty-four and 5/10'],
      [0.25, 'zero and 25/100'],
      [3.125, 'three and 125/1000'],
    ])('writes the fraction of a plain number %d as digits, exactly: "%s"', (value, words) => {
      expect(amountInWords(value, 'en')).toBe(words);
    });

    it('writes a negative amount with "minus"', () => {
      expect(amountInWords(-1234.5, 'en', 'USD')).toBe('minus one thousand two hundred thirty-four dollars and 50 cents');
      expect(amountInWords(-3, 'en')).toBe('minus three');
    });
  });

  describe('in French', () => {
    it.each([
      [0, 'zéro'],
      [1, 'un'],
      [16, 'seize'],
      [17, 'dix-sept'],
      [21, 'vingt et un'],
      [22, 'vingt-deux'],
      [31, 'trente et un'],
      [61, 'soixante et un'],
      [70, 'soixante-dix'],
      [71, 'soixante et onze'],
      [72, 'soixante-douze'],
      [77, 'soixante-dix-sept'],
      [80, 'quatre-vingts'],
      [81, 'quatre-vingt-un'],
      [90, 'quatre-vingt-dix'],
      [91, 'quatre-vingt-onze'],
      [99, 'quatre-vingt-dix-neuf'],
      [100, 'cent'],
      [101, 'cent un'],
      [180, 'cent quatre-vingts'],
      [200, 'deux cents'],
      [201, 'deux cent un'],
      [280, 'deux cent quatre-vingts'],
      [1000, 'mille'],
      [1001, 'mille un'],
      [2000, 'deux mille'],
      [2001, 'deux mille un'],
      [21_000, 'vingt et un mille'],
      [80_000, 'quatre-vingt mille'],
      [200_000, 'deux cent mille'],
      [1_000_000, 'un million'],
      [2_000_000, 'deux millions'],
      [80_000_000, 'quatre-vingts millions'],
      [200_000_000, 'deux cents millions'],
      [1_000_000_000, 'un milliard'],
      [2_000_000_000, 'deux milliards'],
      [WORDS_LIMIT, 'neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf'],
    ])('writes %d as "%s"', (n, words) => {
      expect(amountInWords(n, 'fr')).toBe(words);
    });

    it.each([
      [1234.5, 'EUR', 'mille deux cent trente-quatre euros et cinquante centimes'],
      [0, 'EUR', 'zéro euro'],
      [1, 'EUR', 'un euro'],
      [0.01, 'EUR', 'zéro euro et un centime'],
      [80, 'EUR', 'quatre-vingts euros'],
      [1_000_000, 'EUR', "un million d'euros"],
      [2_000_000, 'USD', 'deux millions de dollars'],
      [1_000_080, 'EUR', 'un million quatre-vingts euros'],
      [200_000, 'EUR', 'deux cent mille euros'],
      [12.3, 'USD', 'douze dollars et trente cents'],
      [5, 'RUB', 'cinq roubles'],
      [1, 'GBP', 'une livre sterling'],
      [21, 'GBP', 'vingt et une livres sterling'],
      [81, 'GBP', 'quatre-vingt-une livres sterling'],
      [1021, 'GBP', 'mille vingt et une livres sterling'],
      [21_000, 'GBP', 'vingt et un mille livres sterling'],
      [2.01, 'GBP', 'deux livres sterling et un penny'],
      [2.02, 'GBP', 'deux livres sterling et deux pence'],
      [1234.5, 'CHF', 'mille deux cent trente-quatre et 50/100 CHF'],
    ])('writes %d %s as "%s"', (value, currency, words) => {
      expect(amountInWords(value, 'fr', currency)).toBe(words);
    });

    it('writes a plain fraction after "et", and a negative amount with "moins"', () => {
      expect(amountInWords(1234.5, 'fr')).toBe('mille deux cent trente-quatre et 5/10');
      expect(amountInWords(-80, 'fr', 'EUR')).toBe('moins quatre-vingts euros');
    });
  });

  describe('in Russian', () => {
    it.each([
      [0, 'ноль'],
      [1, 'один'],
      [2, 'два'],
      [21, 'двадцать один'],
      [80, 'восемьдесят'],
      [100, 'сто'],
      [200, 'двести'],
      [1000, 'одна тысяча'],
      [2000, 'две тысячи'],
      [2001, 'две тысячи один'],
      [5000, 'пять тысяч'],
      [11_000, 'одиннадцать тысяч'],
      [21_000, 'двадцать одна тысяча'],
      [22_000, 'двадцать две тысячи'],
      [1_000_000, 'один миллион'],
      [2_000_000, 'два миллиона'],
      [5_000_000, 'пять миллионов'],
      [2_000_000_000, 'два миллиарда'],
      [WORDS_LIMIT, 'девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять'],
    ])('writes %d as "%s"', (n, words) => {
      expect(amountInWords(n, 'ru')).toBe(words);
    });

    it.each([
      [1, 'один рубль'],
      [2, 'два рубля'],
      [5, 'пять рублей'],
      [11, 'одиннадцать рублей'],
      [12, 'двенадцать рублей'],
      [14, 'четырнадцать рублей'],
      [21, 'двадцать один рубль'],
      [22, 'двадцать два рубля'],
      [25, 'двадцать пять рублей'],
      [101, 'сто один рубль'],
      [111, 'сто одиннадцать рублей'],
      [1_000_000, 'один миллион рублей'],
    ])('gives %d roubles the form of its last two digits: "%s 00 копеек"', (n, words) => {
      expect(amountInWords(n, 'ru', 'RUB')).toBe(`${words} 00 копеек`);
    });

    it.each([
      [0.01, 'ноль рублей 01 копейка'],
      [0.02, 'ноль рублей 02 копейки'],
      [0.05, 'ноль рублей 05 копеек'],
      [0.11, 'ноль рублей 11 копеек'],
      [0.21, 'ноль рублей 21 копейка'],
      [1234.5, 'одна тысяча двести тридцать четыре рубля 50 копеек'],
    ])('writes kopecks in two digits with their form: %d → "%s"', (value, words) => {
      expect(amountInWords(value, 'ru', 'RUB')).toBe(words);
    });

    it.each([
      [1, 'EUR', 'один евро 00 центов'],
      [2, 'EUR', 'два евро 00 центов'],
      [5.01, 'EUR', 'пять евро 01 цент'],
      [21.02, 'USD', 'двадцать один доллар 02 цента'],
      [3, 'USD', 'три доллара 00 центов'],
      [1, 'GBP', 'один фунт стерлингов 00 пенсов'],
      [2.5, 'GBP', 'два фунта стерлингов 50 пенсов'],
      [1234.5, 'CHF', 'одна тысяча двести тридцать четыре и 50/100 CHF'],
    ])('writes %d %s as "%s" (евро never changes)', (value, currency, words) => {
      expect(amountInWords(value, 'ru', currency)).toBe(words);
    });

    it('writes a plain fraction after "и", and a negative amount with "минус"', () => {
      expect(amountInWords(1234.5, 'ru')).toBe('одна тысяча двести тридцать четыре и 5/10');
      expect(amountInWords(-1.005, 'ru', 'RUB')).toBe('минус один рубль 01 копейка');
    });
  });

  describe('refuses what it cannot write', () => {
    it.each([1e12, -1e12, Number.NaN, Number.POSITIVE_INFINITY])('throws a RangeError for %d', (value) => {
      expect(() => amountInWords(value, 'en')).toThrow(RangeError);
    });
  });

  describe('for every whole number up to a billion', () => {
    const whole = fc.integer({ min: 0, max: 1e9 });
    const clean = (text: string) => text.length > 0 && text === text.trim() && !/\s\s/.test(text);

    it('writes English words that read back as the number', () => {
      fc.assert(
        fc.property(whole, (n) => {
          const words = amountInWords(n, 'en');
          return clean(words) && readEnglish(words) === n;
        }),
        { numRuns: 2000 },
      );
    });

    it('writes French words that read back as the number, with quatre-vingts and cents plural only at the end', () => {
      fc.assert(
        fc.property(whole, (n) => {
          const words = amountInWords(n, 'fr');
          const pluralInside = /(quatre-vingts|cents) (?!millions?\b|milliards?\b)/.test(words);
          return clean(words) && readFrench(words) === n && !pluralInside && !/quatre-vingt et/.test(words);
        }),
        { numRuns: 2000 },
      );
    });

    it('writes Russian words that read back, and the rouble in the form its last two digits call for', () => {
      fc.assert(
        fc.property(whole, (n) => {
          const plain = amountInWords(n, 'ru');
          const roubles = amountInWords(n, 'ru', 'RUB');
          const noun = russianForm(n, ['рубль', 'рубля', 'рублей']);
          return clean(plain) && readRussian(plain) === n && roubles === `${plain} ${noun} 00 копеек`;
        }),
        { numRuns: 2000 },
      );
    });

    it('writes the same number in every language up to the limit', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: WORDS_LIMIT }), (n) => {
          return readEnglish(amountInWords(n, 'en')) === n && readFrench(amountInWords(n, 'fr')) === n && readRussian(amountInWords(n, 'ru')) === n;
        }),
        { numRuns: 1000 },
      );
    });
  });
});
