import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saleAmount, saleAmountText, sumAmounts } from '../../../core/sales/amount.js';

describe('the amount of a sale line', () => {
  it('is quantity × unit price', () => {
    expect(saleAmount({ quantity: 3, unitPrice: 12.5 }, 'USD')).toBe(37.5);
    expect(saleAmountText({ quantity: 3, unitPrice: 12.5 }, 'USD')).toBe('37.50');
  });

  it('takes the discount off', () => {
    expect(saleAmount({ quantity: 3, unitPrice: 19.99, discount: 0.15 }, 'USD')).toBe(50.97);
  });

  it('rounds half a cent up where float arithmetic would round it down', () => {
    // 3 × 0.35 × (1 − 0.5) is 0.525 exactly; in floats ×100 it is 52.49999999999999 → 0.52.
    expect(Math.round(3 * 0.35 * 0.5 * 100) / 100).toBe(0.52);
    expect(saleAmount({ quantity: 3, unitPrice: 0.35, discount: 0.5 }, 'USD')).toBe(0.53);
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(saleAmount({ quantity: 1, unitPrice: 1.005 }, 'EUR')).toBe(1.01);
    expect(saleAmount({ quantity: 1, unitPrice: 0.125 }, 'USD')).toBe(0.13);
  });

  it('rounds half away from zero on returns (negative quantities)', () => {
    expect(saleAmount({ quantity: -3, unitPrice: 0.125 }, 'USD')).toBe(-0.38);
  });

  it("rounds to each currency's minor unit", () => {
    expect(saleAmount({ quantity: 1.5, unitPrice: 333, discount: 0.1 }, 'JPY')).toBe(450);
    expect(saleAmountText({ quantity: 1, unitPrice: 1.2345 }, 'KWD')).toBe('1.235');
  });

  it('treats a missing or zero discount as none', () => {
    expect(saleAmount({ quantity: 2, unitPrice: 9.99, discount: null }, 'USD')).toBe(19.98);
    expect(saleAmount({ quantity: 2, unitPrice: 9.99, discount: 0 }, 'USD')).toBe(19.98);
  });

  it('agrees with integer arithmetic on cents for every whole quantity, price and percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), (qty, cents, pct) => {
        // Oracle: everything in integers; (qty × cents × (100 − pct)) / 100 rounded half up.
        const numerator = qty * cents * (100 - pct);
        const expected = (Math.floor(numerator / 100) + (numerator % 100 >= 50 ? 1 : 0)) / 100;
        expect(saleAmount({ quantity: qty, unitPrice: cents / 100, discount: pct / 100 }, 'USD')).toBe(expected);
      }),
    );
  });
});

describe('summing amounts', () => {
  it('is exact to the cent, where floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumAmounts([0.1, 0.2], 'USD')).toBe(0.3);
    expect(sumAmounts(new Array(1000).fill(0.01), 'USD')).toBe(10);
    expect(sumAmounts([12.5, -2.25], 'EUR')).toBe(10.25);
    expect(sumAmounts([], 'EUR')).toBe(0);
  });
});
