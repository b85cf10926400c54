/**
 * Registration numbers shaped like the real ones (check digits included), so the demo exercises
 * the same validation and matching paths as real data.
 */

import type { Random } from './random.js';

function digits(rng: Random, count: number): number[] {
  return Array.from({ length: count }, () => rng.int(0, 9));
}

/** US Employer Identification Number: `12-3456789`. */
export function ein(rng: Random): string {
  const body = digits(rng, 7).join('');
  return `${rng.int(10, 98)}-${body}`;
}

/** French SIRET: 14 digits passing the Luhn check. */
export function siret(rng: Random): string {
  const body = [rng.int(1, 9), ...digits(rng, 12)];
  let sum = 0;
  body.forEach((d, i) => {
    // The check digit will sit at the right, so doubled positions are those an odd step from it.
    const doubled = (body.length - i) % 2 === 1 ? d * 2 : d;
    sum += doubled > 9 ? doubled - 9 : doubled;
  });
  return body.join('') + String((10 - (sum % 10)) % 10);
}

/** Russian ИНН of a legal entity: 10 digits, the last a weighted check digit. */
export function innLegal(rng: Random): string {
  const region = rng.int(1, 99);
  const body = [Math.floor(region / 10), region % 10, ...digits(rng, 7)];
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = body.reduce((s, d, i) => s + d * weights[i], 0);
  return body.join('') + String((sum % 11) % 10);
}
