/** Currency facts the demo needs so that amounts look like real prices in the schema's currency. */

import { currencyDigits } from '../fields/currency.js';

/**
 * Rough units of the currency per euro/dollar, so a chair does not cost 189 roubles. Precision
 * is irrelevant: only the order of magnitude has to look right.
 */
const PRICE_SCALE: Record<string, number> = {
  RUB: 90, KZT: 450, UAH: 40, BYN: 3, JPY: 150, KRW: 1300, CNY: 7, INR: 80, SEK: 10, NOK: 10, DKK: 7,
  PLN: 4, CZK: 23, HUF: 360, TRY: 30, BRL: 5, MXN: 17, ZAR: 18, CAD: 1.3, AUD: 1.5, CHF: 1, GBP: 1,
};

export function priceScale(currency: string): number {
  return PRICE_SCALE[currency.toUpperCase()] ?? 1;
}

/** A price list amount in the currency, rounded to a price a shop would print. */
export function localPrice(base: number, currency: string): number {
  const scaled = base * priceScale(currency);
  const step = scaled >= 1000 ? 10 : 10 ** -currencyDigits(currency);
  return toMinor(Math.round(scaled / step) * step, currency) / 10 ** currencyDigits(currency);
}

/** Amount in minor units (cents), an integer, so arithmetic on it is exact. */
export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyDigits(currency));
}

/**
 * quantity × price × (1 − percent/100), rounded half up to the currency's minor unit. Computed on
 * integers because 0.95 has no exact binary form and would tip half-cents the wrong way.
 */
export function lineAmount(quantity: number, unitPrice: number, discountPercent: number, currency: string): number {
  const minor = Math.round((quantity * toMinor(unitPrice, currency) * (100 - discountPercent)) / 100);
  return minor / 10 ** currencyDigits(currency);
}
