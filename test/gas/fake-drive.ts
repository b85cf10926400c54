/**
 * The fake's Drive and authorization (test/gas/fake-spreadsheet-app.ts): blobs, `DriveApp.createFile`
 * keeping each file's name, type and bytes, and `ScriptApp.requireScopes` under granular consent.
 *
 * Modelled: a scope declared in the manifest is not granted until the user ticks it; a Drive call
 * without `drive.file` granted throws, as Apps Script does for a missing permission; `requireScopes`
 * grants what it asks for (the user ticks it) unless the fake is told the user declines, in which
 * case it throws. Not modelled: the consent dialog itself, folders, Drive quotas.
 * ScriptApp's triggers are fake-triggers.ts's; `FakeScriptApp` hands them on.
 */

import type { BlobApi, DriveAppApi, DriveFileApi, ScriptAppApi, SpreadsheetApi, TriggerApi, TriggerBuilderApi } from '../../gas-addon/apps-script-api.js';
import type { CallLog } from './fake-calls.js';
import { EVENT_TYPE, type FakeTrigger, type FakeTriggers } from './fake-triggers.js';

const DRIVE_FILE = 'https://www.googleapis.com/auth/drive.file';

/** The real enum is numeric in the typings and a string at run time; only identity matters here. */
export const AUTH_MODE = {
  NONE: 'NONE' as unknown as GoogleAppsScript.Script.AuthMode,
  LIMITED: 'LIMITED' as unknown as GoogleAppsScript.Script.AuthMode,
  FULL: 'FULL' as unknown as GoogleAppsScript.Script.AuthMode,
};

/** Apps Script's bytes are signed (-128…127). */
export function signedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

export class FakeBlob implements BlobApi {
  constructor(
    readonly bytes: Uint8Array,
    readonly contentType: string,
    readonly name: string,
    private readonly log: CallLog,
  ) {}
  getBlob(): FakeBlob {
    this.log.count('Blob.getBlob');
    return this;
  }
  getAs(contentType: string): FakeBlob {
    this.log.count('Blob.getAs');
    if (contentType !== this.contentType) throw new Error(`fake Blob.getAs: converting ${this.contentType} to ${contentType} is not modelled`);
    return this;
  }
}

/** A file created in the user's Drive. */
export class FakeDriveFile implements DriveFileApi {
  constructor(
    readonly id: string,
    readonly name: string,
    readonly mime: string,
    readonly bytes: Uint8Array,
    private readonly log: CallLog,
  ) {}
  getId(): string {
    this.log.count('File.getId');
    return this.id;
  }
  getName(): string {
    this.log.count('File.getName');
    return this.name;
  }
  getUrl(): string {
    this.log.count('File.getUrl');
    return `https://drive.google.com/file/d/${this.id}/view?usp=drivesdk`;
  }
}

/** The user's consent, per scope: what the manifest declares and what the user ticked. */
export class FakeConsent {
  readonly granted: Set<string>;
  /** Every `requireScopes` call, in order, with what it was given. */
  readonly requests: { authMode: GoogleAppsScript.Script.AuthMode; scopes: string[] }[] = [];
  constructor(
    granted: string[],
    /** Scopes the user declines when asked. */
    readonly declines: string[],
  ) {
    this.granted = new Set(granted);
  }
}

export class FakeScriptApp implements ScriptAppApi {
  readonly AuthMode = AUTH_MODE;
  readonly EventType = EVENT_TYPE;
  constructor(
    private readonly consent: FakeConsent,
    private readonly log: CallLog,
    private readonly triggers: FakeTriggers,
  ) {}
  newTrigger(functionName: string): TriggerBuilderApi {
    return this.triggers.newTrigger(functionName);
  }
  getUserTriggers(spreadsheet: SpreadsheetApi): FakeTrigger[] {
    return this.triggers.getUserTriggers(spreadsheet);
  }
  getProjectTriggers(): FakeTrigger[] {
    return this.triggers.getProjectTriggers();
  }
  deleteTrigger(trigger: TriggerApi): void {
    this.triggers.deleteTrigger(trigger);
  }
  requireScopes(authMode: GoogleAppsScript.Script.AuthMode, oAuthScopes: string[]): void {
    this.log.count('ScriptApp.requireScopes');
    this.consent.requests.push({ authMode, scopes: [...oAuthScopes] });
    const declined = oAuthScopes.filter((s) => this.consent.declines.includes(s));
    if (declined.length > 0) throw new Error(`Exception: Authorization is required to perform that action. Missing scopes: ${declined.join(', ')}`);
    for (const s of oAuthScopes) this.consent.granted.add(s);
  }
}

export class FakeDriveApp implements DriveAppApi {
  /** Every file created, in order. */
  readonly files: FakeDriveFile[] = [];
  constructor(
    private readonly consent: FakeConsent,
    private readonly log: CallLog,
  ) {}
  createFile(blob: BlobApi): FakeDriveFile {
    this.log.count('DriveApp.createFile');
    if (!this.consent.granted.has(DRIVE_FILE)) throw new Error(`Exception: You do not have permission to call DriveApp.createFile. Required permissions: ${DRIVE_FILE}`);
    if (!(blob instanceof FakeBlob)) throw new Error('Exception: Invalid argument: blob');
    const file = new FakeDriveFile(`fake-drive-${this.files.length + 1}`, blob.name, blob.contentType, blob.bytes, this.log);
    this.files.push(file);
    return file;
  }
}
