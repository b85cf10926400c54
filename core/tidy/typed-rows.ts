/**
 * Keeping typed rows tidy as they are typed (issue 13 §2): the setting an admin turns on, Google's
 * way (gas-addon/tidy-trigger.ts), and who may. Like the recording of hand edits
 * (core/audit/hand-edit.ts), it names in `_carnet` the admin whose edit trigger does the work: the
 * trigger runs as its creator, and a trigger whose owner is not named does nothing.
 */

import { decide, type AccessModel } from '../access/model.js';
import { fail } from '../errors.js';
import { say } from '../messages/say.js';
import type { Meta } from '../schema/storage.js';
import type { UserInfo } from '../workbook.js';

export const TIDY_TYPED_KEY = 'tidyTypedRows';

export interface TidyTypedSetting {
  /** The admin whose trigger keeps typed rows tidy. */
  by: string;
  /** Date-time serial. */
  since: number;
}

export function tidyTypedSetting(meta: Meta): TidyTypedSetting | undefined {
  const x = meta.extra[TIDY_TYPED_KEY] as TidyTypedSetting | undefined;
  return x && typeof x === 'object' && typeof x.by === 'string' && x.by.trim() ? x : undefined;
}

/** Refuses (E_FORBIDDEN) anyone but an admin (the right "manageUsers") turning it on or off. */
export function requireTidyTypedAdmin(model: AccessModel | undefined, actor: UserInfo): void {
  if (!actor.id.trim()) {
    fail({
      code: 'E_FORBIDDEN',
      right: 'account',
      message: say('Carnet cannot tell who you are (the spreadsheet gave no email address or login), so it cannot check your rights. Sign in to your account, or ask an admin.'),
    });
  }
  if (!model) {
    fail({ code: 'E_FORBIDDEN', right: 'manageUsers', message: say('Rights are not set up in this workbook yet: add a user first (Settings → Users & rights), then keep typed rows tidy.') });
  }
  const decision = decide(model, actor.id, { kind: 'right', right: 'manageUsers' });
  if (!decision.allowed) {
    fail({ code: 'E_FORBIDDEN', right: 'manageUsers', value: actor.id, message: say('{id} may not turn the tidying of typed rows on or off: that needs {missing}, which admins have.', { id: actor.id, missing: decision.missing }) });
  }
}
