/**
 * The amount of a sale line: quantity × unit price × (1 − discount), rounded half away from zero
 * to the currency's minor unit. THE one function that computes it: `sale.add` and `sale.update`
 * store its result, and the card's totals recompute every line with it rather than trusting the
 * amount cell, which a person may have left stale after editing the quantity in the sheet.
 *
 * Computed on exact decimals (scaled BigInts): 0.15 and 12.99 have no exact binary form, and a
 * float product would tip half-cents the wrong way (3 × 19.99 × 0.85 = 50.97449999… in floats).
 */

import { currencyDigits } from '../fields/currency.js';
import { plainDecimal, roundDecimal } from '../fields/decimal.js';

export interface SaleLineNumbers {
  quantity: number;
  unitPrice: number;
  /** A fraction (15% → 0.15), as percent fields are stored; null or absent means no discount. */
  discount?: number | null;
}

/** An exact decimal as an integer and the power of ten it is scaled by. */
interface Scaled {
  units: bigint;
  scale: number;
}

function scaled(n: number): Scaled {
  const text = plainDecimal(n);
  const negative = text.startsWith('-');
  const [int, frac = ''] = text.replace(/^-/, '').split('.');
  const units = BigInt(int! + frac);
  return { units: negative ? -units : units, scale: frac.length };
}

function times(a: Scaled, b: Scaled): Scaled {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** 1 − d, exactly. */
function complement(d: Scaled): Scaled {
  return { units: 10n ** BigInt(d.scale) - d.units, scale: d.scale };
}

function decimalText(x: Scaled): string {
  const negative = x.units < 0n;
  const digits = (negative ? -x.units : x.units).toString().padStart(x.scale + 1, '0');
  const int = digits.slice(0, digits.length - x.scale);
  const frac = digits.slice(digits.length - x.scale);
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** The exact amount as a canonical fixed-point string with the currency's minor-unit digits (`37.50`). */
export function saleAmountText(line: SaleLineNumbers, currency: string): string {
  let product = times(scaled(line.quantity), scaled(line.unitPrice));
  if (line.discount) product = times(product, complement(scaled(line.discount)));
  return roundDecimal(decimalText(product), currencyDigits(currency));
}

/** The amount as the number stored in the amount cell (37.5 for 3 × 12.50). */
export function saleAmount(line: SaleLineNumbers, currency: string): number {
  const n = Number(saleAmountText(line, currency));
  return n === 0 ? 0 : n;
}

/**
 * Adds amounts already rounded to the currency's minor unit, exactly: a year of sales summed in
 * floats drifts by cents (0.1 + 0.2), summed in minor units it cannot.
 */
export function sumAmounts(amounts: readonly number[], currency: string): number {
  const digits = currencyDigits(currency);
  let total = 0n;
  for (const a of amounts) {
    const [int, frac = ''] = roundDecimal(plainDecimal(a), digits).replace(/^-/, '').split('.');
    const units = BigInt(int! + frac);
    total += a < 0 ? -units : units;
  }
  const n = Number(decimalText({ units: total, scale: digits }));
  return n === 0 ? 0 : n;
}
