/**
 * Save to Drive in Google Sheets: the sidebar hands a file it was given (a filled document) to
 * `google.script.run.carnetSaveToDrive(fileName, mime, base64)`, and the file is created in the
 * root of the user's Drive. It is the host's way to keep a file, like a download, so it does not go
 * through the command registry.
 *
 * Its scope, `drive.file`, lets Carnet see and change only the files it creates. It is declared in
 * appsscript.json (an add-on declares every scope), but with Google's granular consent a user may
 * leave it unticked when installing: `ScriptApp.requireScopes` asks for it when Save to Drive is
 * used, and only then (https://developers.google.com/apps-script/concepts/scopes, "Granular OAuth
 * permissions"; https://developers.google.com/apps-script/reference/script/script-app#requirescopesauthmode,-oauthscopes).
 */

import type { AppsScriptServices } from './apps-script-api.js';
import { say } from '../core/messages/say.js';

export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';

/** What the sidebar gets back: the file's name in Drive and the link that opens it. */
export interface SavedToDrive {
  name: string;
  url: string;
}

function failure(message: string): string {
  return JSON.stringify({ ok: false, error: { code: 'E_FILE', message } });
}

/**
 * Creates the file: `requireScopes(FULL, [drive.file])`, then `Utilities.base64Decode` and
 * `Utilities.newBlob(bytes, mime, fileName)` (https://developers.google.com/apps-script/reference/utilities/utilities#newblobdata,-contenttype,-name),
 * then `DriveApp.createFile(blob)` (https://developers.google.com/apps-script/reference/drive/drive-app#createfileblob).
 * Returns the outcome as JSON and never throws, like `carnet()`: a declined scope or a Drive
 * failure comes back as E_FILE with Google's message.
 */
export function saveToDrive(services: Pick<AppsScriptServices, 'DriveApp' | 'ScriptApp' | 'Utilities'>, fileName: unknown, mime: unknown, base64: unknown): string {
  if (typeof fileName !== 'string' || fileName.trim() === '') return failure(say('Save to Drive needs the file’s name.'));
  if (typeof mime !== 'string' || typeof base64 !== 'string') return failure(say('Save to Drive was not given the bytes of “{name}”.', { name: fileName }));
  const { DriveApp, ScriptApp, Utilities } = services;
  if (!DriveApp || !ScriptApp || !Utilities) return failure(say('Google Drive is not available to Carnet here.'));
  try {
    ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [DRIVE_FILE_SCOPE]);
    const blob = Utilities.newBlob(Utilities.base64Decode(base64), mime, fileName);
    const file = DriveApp.createFile(blob);
    const saved: SavedToDrive = { name: file.getName(), url: file.getUrl() };
    return JSON.stringify({ ok: true, result: saved });
  } catch (e) {
    return failure(say('“{name}” could not be saved to Google Drive: {reason}', { name: fileName, reason: e instanceof Error ? e.message : String(e) }));
  }
}
