import { afterEach, describe, expect, it, vi } from 'vitest';
import * as entry from '../../gas-addon/main.js';
import { MENU } from '../../gas-addon/menu.js';
import { FakeAppsScript } from './fake-spreadsheet-app.js';

describe('The Apps Script entry module', () => {
  const exportedFunctions = Object.entries(entry)
    .filter(([, v]) => typeof v === 'function')
    .map(([k]) => k)
    .sort();

  it('exports exactly the functions listed in GLOBALS (the build makes one top-level stub per name)', () => {
    expect(exportedFunctions).toEqual([...entry.GLOBALS].sort());
  });

  it('lists every name once', () => {
    expect(new Set(entry.GLOBALS).size).toBe(entry.GLOBALS.length);
  });

  it('exports nothing else but the list itself', () => {
    expect(Object.keys(entry).sort()).toEqual([...exportedFunctions, 'GLOBALS'].sort());
  });

  describe('the menu', () => {
    it('binds every item to one of those globals', () => {
      for (const item of MENU) expect(entry.GLOBALS as readonly string[], item.caption).toContain(item.functionName);
    });

    it('has the seven items of the issue, Directories after the card and the configurator after Settings, in order, then the admins’ two pairs: recording hand edits, keeping typed rows tidy', () => {
      expect(MENU.map((m) => m.caption)).toEqual([
        'Set up CRM in this spreadsheet',
        'Open card',
        'Directories',
        'Reports',
        'Import',
        'Documents',
        'Check',
        'Settings',
        'Directories and fields',
        'Record hand edits in the audit log',
        'Stop recording hand edits',
        'Keep typed rows tidy',
        'Stop keeping typed rows tidy',
      ]);
    });

    it('binds the trigger’s function to a global too: Apps Script calls it by name', () => {
      expect(entry.GLOBALS as readonly string[]).toContain('carnetOnEdit');
    });
  });

  describe('carnet() outside the built bundle', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('reports, as data, that it needs the bundle (native promises cannot be settled synchronously)', () => {
      const fake = new FakeAppsScript();
      for (const [name, service] of Object.entries(fake.services)) vi.stubGlobal(name, service);
      expect(JSON.parse(entry.carnet('schema.get', '{}'))).toEqual({
        ok: false,
        error: {
          code: 'E_INTERNAL',
          message: 'Internal error: settle() runs only in the Apps Script bundle, where Promise is SyncPromise (see gas-addon/build.ts).',
        },
      });
    });
  });
});
