/**
 * Text helpers for demo data: ASCII forms for email addresses and domains (Cyrillic is
 * transliterated, accents dropped), template filling, and names made unique the way a person
 * would disambiguate them.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Lower-case ASCII: `Hélène` → `helene`, `Щукин` → `shchukin`. */
export function asciiLower(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    // Before decomposing: NFD would turn й into и + breve and lose the letter.
    .replace(/[\u0400-\u04ff]/g, (ch) => CYRILLIC[ch] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** `Boulangerie du Lac 2` → `boulangerie-du-lac-2`. */
export function slug(text: string): string {
  return asciiLower(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The local part of an address for a person: `anna.petrova`. */
export function mailbox(first: string, last: string): string {
  return [first, last].map((part) => asciiLower(part).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).join('.');
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The first candidate not yet taken (case-insensitive, as display values are compared), else the
 * last candidate numbered `… 2`, `… 3`. Marks the result as taken.
 */
export function claimUnique(taken: Set<string>, candidates: readonly string[]): string {
  for (const candidate of candidates) {
    const key = candidate.toLowerCase();
    if (!taken.has(key)) {
      taken.add(key);
      return candidate;
    }
  }
  const last = candidates[candidates.length - 1];
  for (let n = 2; ; n++) {
    const candidate = `${last} ${n}`;
    const key = candidate.toLowerCase();
    if (!taken.has(key)) {
      taken.add(key);
      return candidate;
    }
  }
}
