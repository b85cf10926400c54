/**
 * The command boundary's checks (issue 13, §4): keys a JavaScript object inherits
 * (`constructor`, `toString`, `__proto__`) are options like any other unknown key — refused — and a
 * free-keys object keeps `__proto__` as a plain key, never as the object's prototype.
 */

import { describe, expect, it } from 'vitest';
import { CarnetError } from '../../../core/errors.js';
import { cell, dict, object, optional, str } from '../../../core/app/input.js';

function refusal(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (e instanceof CarnetError) return e.data;
    throw e;
  }
  throw new Error('not refused');
}

describe('object()', () => {
  const check = object({ directory: str, id: optional(str) });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('refuses the inherited key %s as an unknown option', (key) => {
    const input = JSON.parse(`{"directory":"companies","${key}":"x"}`);
    expect(refusal(() => check(input, ''))).toEqual({
      code: 'E_BAD_INPUT',
      field: key,
      value: 'x',
      message: `${key}: expected no such option (known: directory, id), got "x".`,
    });
  });
});

describe('dict()', () => {
  it('keeps __proto__ as a key, and the result an ordinary object', () => {
    const values = dict(cell)(JSON.parse('{"__proto__":"polluted","name":"Acme"}'), 'values');
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(['__proto__', 'name']);
    expect((values as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the dispatcher', () => {
  it('refuses an input nested too deep before any check recurses into it, in every host', async () => {
    const { dispatch, dispatchJson } = await import('../../../core/app/registry.js');
    const { MemoryWorkbook } = await import('../../../core/memory-workbook.js');
    const ctx = { wb: new MemoryWorkbook(), now: () => 46357 };
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const error = { code: 'E_BAD_INPUT', message: "The input nests deeper than 64 levels: Carnet's commands take flat objects and lists." };
    expect(await dispatch(ctx, 'record.create', { directory: 'companies', values: { name: deep } })).toEqual({ ok: false, error });
    const json = `{"directory":"companies","values":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    expect(JSON.parse(await dispatchJson(ctx, 'record.create', json))).toEqual({ ok: false, error });
  });
});

describe('a cell too long for a spreadsheet (issue 13, §3)', () => {
  it('is refused by core before any host call, naming the field and the limit', async () => {
    const { dispatch } = await import('../../../core/app/registry.js');
    const { MemoryWorkbook } = await import('../../../core/memory-workbook.js');
    const wb = new MemoryWorkbook({ id: 'ada@example.com', name: 'Ada' });
    const ctx = { wb, now: () => 46357 };
    expect((await dispatch(ctx, 'crm.setup', {})).ok).toBe(true);
    expect((await dispatch(ctx, 'company.create', { values: { name: 'Acme' } })).ok).toBe(true);
    wb.resetCalls();
    const text = 'x'.repeat(40_000);
    const out = await dispatch(ctx, 'note.add', { company: 'Acme', values: { text } });
    expect(out).toEqual({
      ok: false,
      error: {
        code: 'E_INVALID_VALUE',
        directory: 'notes',
        field: 'text',
        value: `${'x'.repeat(60)}… (40,000 characters)`,
        message: `Notes › Note: "${'x'.repeat(60)}… (40,000 characters)" is too long for a cell: 40,000 characters, and a cell holds at most 32,767 (split it, e.g. into several notes).`,
      },
    });
    // Nothing was written: reads only.
    expect(Object.keys(wb.calls).filter((k) => !['read', 'user', 'merges', 'sheets', 'formulaCells'].includes(k))).toEqual([]);
  });
});

describe('phones as people read them (issue 13, §3)', () => {
  it('groups a stored +E.164 number by its country, and normalising that gives the stored value back', async () => {
    const { loadPhoneRules, normalizePhone, phoneForReading } = await import('../../../core/fields/phone.js');
    await loadPhoneRules();
    expect(phoneForReading('+442079460979')).toBe('+44 20 7946 0979');
    expect(phoneForReading('+79898775544')).toBe('+7 989 877 55 44');
    expect(phoneForReading('+14155550100;ext=12')).toBe('+1 415 555 0100 ext. 12');
    expect(phoneForReading('call me')).toBe('call me');
    for (const stored of ['+442079460979', '+79898775544', '+33612345678']) expect(normalizePhone(phoneForReading(stored), 'FR')).toEqual({ ok: true, value: stored });
  });
});
