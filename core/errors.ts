/**
 * Errors are data: a stable code, where it happened, and a plain-language message.
 * Tests assert the whole object, so a message cannot silently degrade.
 */

import { say } from './messages/say.js';

export type ErrorCode =
  | 'E_BAD_INPUT' // a command's input does not match its schema
  | 'E_UNKNOWN_COMMAND'
  | 'E_UNKNOWN_DIRECTORY'
  | 'E_UNKNOWN_FIELD'
  | 'E_INVALID_VALUE' // a value that does not parse as its field's type
  | 'E_REQUIRED'
  | 'E_UNIQUE'
  | 'E_REFERENCE' // a reference to a record that does not exist
  | 'E_NOT_FOUND' // no record with that id or key
  | 'E_AMBIGUOUS' // a key that matches several records
  | 'E_IN_USE' // a record other records still reference
  | 'E_DATA_LOSS' // a schema change that would lose cells
  | 'E_SCHEMA' // a schema change that is not allowed (duplicate key, bad type…)
  | 'E_NOT_CARNET' // a workbook without Carnet's schema
  | 'E_CORRUPT' // a workbook whose _carnet sheet cannot be read
  | 'E_FILE' // a missing, unreadable or unwritable file
  | 'E_LOCKED' // someone else is saving
  | 'E_CONFLICT' // the sheet changed under Carnet (rows sorted, inserted or deleted; the file saved by another program)
  | 'E_MERGED' // a write would land inside merged cells
  | 'E_SHEET_TAKEN' // a sheet Carnet would build (a report's) is a team's, a directory's or Carnet's settings
  | 'E_TEMPLATE' // a document template that cannot be filled (its tags are wrong)
  | 'E_SOURCE' // an import's file or pasted text that cannot be read as a table (binary, empty, ragged, too large…)
  | 'E_FORBIDDEN' // the acting user's rights do not allow it (`right` and `directory` say what is missing)
  | 'E_PROTECTION' // a sheet's protection differs from what the rights say (check: someone unprotected it by hand)
  | 'E_LOGIN' // the local server needs a login, or the login given is wrong
  | 'E_INTERNAL';

export interface ErrorData {
  code: ErrorCode;
  message: string;
  directory?: string;
  field?: string;
  /** E_FORBIDDEN: the missing right (`import`) or level (`full`). */
  right?: string;
  /** Spreadsheet row number (1 = header row), as a person sees it. */
  row?: number;
  sheet?: string;
  /** A1 notation. */
  cell?: string;
  value?: unknown;
  /** Several problems at once (e.g. every cell a retype would lose). */
  problems?: ErrorData[];
}

export class CarnetError extends Error {
  readonly data: ErrorData;
  constructor(data: ErrorData) {
    super(data.message);
    this.name = 'CarnetError';
    this.data = data;
  }
}

export function fail(data: ErrorData): never {
  throw new CarnetError(data);
}

/** Any thrown thing as error data; unknown exceptions become E_INTERNAL with their message. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof CarnetError) return error.data;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'E_INTERNAL', message: say('Internal error: {message}', { message }) };
}
