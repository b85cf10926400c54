/**
 * Exact decimal arithmetic on strings, so that rounding money and scaling percentages never
 * introduce binary float noise (1.005 → 1.01, 15% → 0.15 exactly as written).
 *
 * A "decimal" here is canonical: `-?\d+(\.\d+)?`, no exponent, no superfluous zeros, never `-0`.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function canonical(negative: boolean, intDigits: string, fracDigits: string): string {
  const int = intDigits.replace(/^0+(?=\d)/, '') || '0';
  const frac = fracDigits.replace(/0+$/, '');
  const zero = /^0*$/.test(int) && frac === '';
  return `${negative && !zero ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

function split(decimal: string): { negative: boolean; int: string; frac: string } {
  const m = DECIMAL.exec(decimal);
  if (!m) throw new Error(`not a canonical decimal: ${decimal}`);
  return { negative: m[1] === '-', int: m[2], frac: m[3] ?? '' };
}

/** `sign`, integer digits and fraction digits (any of them possibly empty) → canonical decimal. */
export function decimalFromParts(negative: boolean, intDigits: string, fracDigits: string): string {
  return canonical(negative, intDigits || '0', fracDigits);
}

/** Multiplies by 10^places (negative places divide), exactly. */
export function shiftDecimal(decimal: string, places: number): string {
  const { negative, int, frac } = split(decimal);
  const digits = int + frac;
  const point = int.length + places;
  if (point <= 0) return canonical(negative, '0', '0'.repeat(-point) + digits);
  if (point >= digits.length) return canonical(negative, digits + '0'.repeat(point - digits.length), '');
  return canonical(negative, digits.slice(0, point), digits.slice(point));
}

/**
 * The shortest decimal that reads back as the same double, without exponent
 * (String(1e21) is "1e+21"; people and CSV readers expect plain digits).
 */
export function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return canonical(s.startsWith('-'), s.replace(/^-/, '').split('.')[0], s.split('.')[1] ?? '');
  return shiftDecimal(canonical(m[1] === '-', m[2], m[3] ?? ''), Number(m[4]));
}

/** Rounds half away from zero to `digits` fraction digits; returns exactly that many (fixed point). */
export function roundDecimal(decimal: string, digits: number): string {
  const { negative, int, frac } = split(decimal);
  let kept = int + frac.slice(0, digits).padEnd(digits, '0');
  if (frac.length > digits && frac[digits] >= '5') kept = incrementDigits(kept);
  const intPart = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = kept.slice(kept.length - digits);
  const zero = /^0*$/.test(kept);
  return `${negative && !zero ? '-' : ''}${intPart}${digits > 0 ? `.${fracPart}` : ''}`;
}

function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') out[i] = '0';
    else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}
