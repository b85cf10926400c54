import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { SyncPromise } from '../../gas-addon/sync-promise.js';

/** The value of a SyncPromise after draining its queue, or what it was rejected with. */
function drained<T>(p: PromiseLike<T>): { state: 'fulfilled' | 'rejected' | 'pending'; value?: unknown } {
  const out: { state: 'fulfilled' | 'rejected' | 'pending'; value?: unknown } = { state: 'pending' };
  p.then(
    (value) => Object.assign(out, { state: 'fulfilled', value }),
    (value) => Object.assign(out, { state: 'rejected', value }),
  );
  SyncPromise.drain();
  return out;
}

/**
 * Source compiled as the Apps Script bundle is (async/await lowered to generators), returning a
 * function that runs it with whichever Promise it is given.
 */
async function lowered(source: string): Promise<(P: unknown) => () => PromiseLike<unknown>> {
  const { code } = await esbuild.transform(source, { loader: 'ts', target: 'es2020', supported: { 'async-await': false } });
  return (P) => vm.runInNewContext(`(function (Promise) { ${code}; return run; })`)(P);
}

/** Side effects in many orders at once: awaits, chains, all/race, adoption, rejections, finally. */
const SCENARIO = `
  const log: string[] = [];
  async function b(tag: string) { log.push(tag + ':b1'); await Promise.resolve(); log.push(tag + ':b2'); return tag; }
  async function a(tag: string) {
    log.push(tag + ':a1');
    await null;
    log.push(tag + ':a2');
    const got = await b(tag);
    log.push(tag + ':a3 ' + got);
    try { await Promise.reject(new Error('no')); } catch (e) { log.push(tag + ':caught ' + (e as Error).message); }
    return tag.toUpperCase();
  }
  function run() {
    const p1 = a('x');
    const p2 = Promise.resolve().then(() => log.push('t1')).then(() => log.push('t2'));
    const p3 = Promise.all([a('y'), p2, 7]).then((v) => log.push('all ' + v[0] + ' ' + v[2]));
    const p4 = Promise.reject(new Error('r')).catch((e) => log.push('catch ' + e.message)).finally(() => log.push('finally'));
    const p5 = Promise.resolve({ then(ok: (v: number) => void) { log.push('thenable'); ok(5); } }).then((v) => log.push('adopted ' + v));
    const p6 = Promise.race([new Promise((ok) => ok('fast')), a('z')]).then((v) => log.push('race ' + v));
    const p7 = Promise.allSettled([Promise.reject(1), 2]).then((v) => log.push('settled ' + v.map((s) => s.status).join()));
    return Promise.all([p1, p3, p4, p5, p6, p7]).then(() => log);
  }
`;

describe('SyncPromise', () => {
  describe('its job queue', () => {
    it('runs nothing until drained, then everything, in order', () => {
      const log: string[] = [];
      const p = SyncPromise.resolve(1).then((v) => log.push(`then ${v}`));
      log.push('sync');
      expect(log).toEqual(['sync']);
      expect(drained(p)).toEqual({ state: 'fulfilled', value: 2 });
      expect(log).toEqual(['sync', 'then 1']);
    });

    it('leaves a promise pending when nothing resolves it (settle then reports it)', () => {
      expect(drained(new SyncPromise(() => undefined))).toEqual({ state: 'pending' });
    });
  });

  describe('follows the Promises/A+ resolution procedure', () => {
    it('adopts thenables, also nested ones', () => {
      const thenable = { then: (ok: (v: unknown) => void) => ok({ then: (ok2: (v: number) => void) => ok2(42) }) };
      expect(drained(SyncPromise.resolve(thenable))).toEqual({ state: 'fulfilled', value: 42 });
    });

    it('rejects a promise resolved with itself', () => {
      let self: SyncPromise<unknown> | undefined;
      const p = new SyncPromise<unknown>((ok) => SyncPromise.resolve(undefined).then(() => ok(self)));
      self = p;
      const r = drained(p);
      expect(r.state).toBe('rejected');
      expect(r.value).toBeInstanceOf(TypeError);
    });

    it('counts only the first of several resolve/reject calls', () => {
      expect(drained(new SyncPromise((ok, no) => (ok(1), no(2), ok(3))))).toEqual({ state: 'fulfilled', value: 1 });
    });

    it('turns a throwing executor or handler into a rejection', () => {
      const boom = new Error('boom');
      expect(drained(new SyncPromise(() => { throw boom; }))).toEqual({ state: 'rejected', value: boom });
      expect(drained(SyncPromise.resolve(1).then(() => { throw boom; }))).toEqual({ state: 'rejected', value: boom });
    });

    it('passes values and reasons through missing handlers; finally keeps them', () => {
      expect(drained(SyncPromise.reject('r').then((v) => v).catch((e) => `caught ${e}`))).toEqual({ state: 'fulfilled', value: 'caught r' });
      expect(drained(SyncPromise.resolve('v').finally(() => 'ignored'))).toEqual({ state: 'fulfilled', value: 'v' });
      expect(drained(SyncPromise.reject('r').finally(() => 'ignored'))).toEqual({ state: 'rejected', value: 'r' });
    });
  });

  describe('driving code compiled like the Apps Script bundle', () => {
    it('produces the same side effects in the same order as native promises', async () => {
      const make = await lowered(SCENARIO);
      const native = await make(Promise)();
      const sync = drained(make(SyncPromise)());
      expect(sync).toEqual({ state: 'fulfilled', value: native });
      expect(native).toContain('race fast');
    });

    it('survives 100,000 sequential awaits without growing the stack', async () => {
      const make = await lowered(`
        async function step(i: number) { return i + 1; }
        async function run() { let n = 0; for (let i = 0; i < 100000; i++) n = await step(n); return n; }
      `);
      expect(drained(make(SyncPromise)())).toEqual({ state: 'fulfilled', value: 100_000 });
    });
  });
});
