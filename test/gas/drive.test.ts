/**
 * Save to Drive in Google Sheets (gas-addon/drive.ts) over the fake: the file lands in the user's
 * Drive with its bytes, the `drive.file` scope is required (and only it) before Drive is touched,
 * and whatever goes wrong comes back as one E_FILE error, never thrown at google.script.run.
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRIVE_FILE_SCOPE, saveToDrive } from '../../gas-addon/drive.js';
import { SCRIPTAPP_SCOPE } from '../../gas-addon/audit-trigger.js';
import { AUTH_MODE, FakeAppsScript } from './fake-spreadsheet-app.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Every byte value once, so signed bytes (Apps Script's) and unsigned ones cannot be confused. */
const BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const BASE64 = Buffer.from(BYTES).toString('base64');

describe('Save to Drive in Google Sheets', () => {
  it('creates the file in Drive with its name, type and bytes, and answers its name and link', () => {
    const fake = new FakeAppsScript();
    const out = JSON.parse(saveToDrive(fake.services, 'Invoice 2026-0001 Acme.docx', DOCX, BASE64));
    expect(out).toEqual({ ok: true, result: { name: 'Invoice 2026-0001 Acme.docx', url: 'https://drive.google.com/file/d/fake-drive-1/view?usp=drivesdk' } });
    expect(fake.DriveApp.files).toHaveLength(1);
    const [file] = fake.DriveApp.files;
    expect({ name: file!.name, mime: file!.mime }).toEqual({ name: 'Invoice 2026-0001 Acme.docx', mime: DOCX });
    expect(Buffer.from(file!.bytes).equals(Buffer.from(BYTES))).toBe(true);
  });

  it('requires exactly the drive.file scope, in FULL mode, before it calls Drive, in a constant 6 calls', () => {
    const fake = new FakeAppsScript();
    saveToDrive(fake.services, 'a.docx', DOCX, BASE64);
    expect(fake.consent.requests).toEqual([{ authMode: AUTH_MODE.FULL, scopes: [DRIVE_FILE_SCOPE] }]);
    expect(DRIVE_FILE_SCOPE).toBe('https://www.googleapis.com/auth/drive.file');
    expect(fake.calls.snapshot()).toEqual({
      'DriveApp.createFile': 1,
      'File.getName': 1,
      'File.getUrl': 1,
      'ScriptApp.requireScopes': 1,
      'Utilities.base64Decode': 1,
      'Utilities.newBlob': 1,
    });
  });

  it('would be refused by Drive without the scope: the fake does not grant it at install', () => {
    const fake = new FakeAppsScript();
    const blob = fake.Utilities.newBlob(fake.Utilities.base64Decode(BASE64), DOCX, 'a.docx');
    expect(() => fake.DriveApp.createFile(blob)).toThrow(`You do not have permission to call DriveApp.createFile. Required permissions: ${DRIVE_FILE_SCOPE}`);
  });

  it('gives the whole E_FILE error when the user declines the scope, and creates nothing', () => {
    const fake = new FakeAppsScript({ declinedScopes: [DRIVE_FILE_SCOPE] });
    expect(JSON.parse(saveToDrive(fake.services, 'Invoice.docx', DOCX, BASE64))).toEqual({
      ok: false,
      error: {
        code: 'E_FILE',
        message: `“Invoice.docx” could not be saved to Google Drive: Exception: Authorization is required to perform that action. Missing scopes: ${DRIVE_FILE_SCOPE}`,
      },
    });
    expect(fake.DriveApp.files).toEqual([]);
    expect(fake.calls.counts['DriveApp.createFile']).toBeUndefined();
  });

  it('asks nothing again of a user who already granted the scope, and saves', () => {
    const fake = new FakeAppsScript({ grantedScopes: [DRIVE_FILE_SCOPE] });
    expect(JSON.parse(saveToDrive(fake.services, 'a.docx', DOCX, BASE64)).ok).toBe(true);
    expect(JSON.parse(saveToDrive(fake.services, 'b.docx', DOCX, BASE64)).result).toEqual({ name: 'b.docx', url: 'https://drive.google.com/file/d/fake-drive-2/view?usp=drivesdk' });
  });

  it('refuses, as E_FILE data and before any Apps Script call, what is not a file', () => {
    for (const [name, mime, base64, message] of [
      ['', DOCX, BASE64, 'Save to Drive needs the file’s name.'],
      [undefined, DOCX, BASE64, 'Save to Drive needs the file’s name.'],
      ['a.docx', DOCX, 42, 'Save to Drive was not given the bytes of “a.docx”.'],
      ['a.docx', null, BASE64, 'Save to Drive was not given the bytes of “a.docx”.'],
    ] as const) {
      const fake = new FakeAppsScript();
      expect(JSON.parse(saveToDrive(fake.services, name, mime, base64)), String(name)).toEqual({ ok: false, error: { code: 'E_FILE', message } });
      expect(fake.calls.total()).toBe(0);
    }
  });

  it('says so when Drive is not there, and passes on a decoding failure as E_FILE', () => {
    const fake = new FakeAppsScript();
    expect(JSON.parse(saveToDrive({ Utilities: fake.Utilities }, 'a.docx', DOCX, BASE64))).toEqual({ ok: false, error: { code: 'E_FILE', message: 'Google Drive is not available to Carnet here.' } });
    expect(JSON.parse(saveToDrive(fake.services, 'a.docx', DOCX, '***'))).toEqual({
      ok: false,
      error: { code: 'E_FILE', message: '“a.docx” could not be saved to Google Drive: Exception: Could not decode string.' },
    });
  });

  it('is declared in the manifest with exactly the five scopes Carnet asks for (script.scriptapp: the recording of hand edits)', async () => {
    const manifest = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../../manifests/appsscript.json'), 'utf8'));
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/userinfo.email',
      DRIVE_FILE_SCOPE,
      SCRIPTAPP_SCOPE,
    ]);
  });
});
