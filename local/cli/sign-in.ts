/**
 * The CLI acts as `--as` (or the OS user). When that user's account has a password (issue 12),
 * the command runs only with it: from CARNET_PASSWORD, else asked on the terminal, else read from
 * standard input. Checked once per run, on the file's latest saved settings.
 */

import { findUser } from '../../core/access/model.js';
import { readAccess } from '../../core/access/store.js';
import { fail } from '../../core/errors.js';
import { say } from '../../core/messages/say.js';
import { MetaStore } from '../../core/schema/storage.js';
import type { Workbook } from '../../core/workbook.js';
import { readSecret } from './secret.js';

/** Users whose password this run already checked (a verb may make several calls). */
const checked = new Set<string>();

/** A new run (main) asks again. */
export function forgetSignIns(): void {
  checked.clear();
}

export async function signIn(wb: Workbook): Promise<void> {
  const meta = await new MetaStore(wb).load();
  const model = meta ? readAccess(meta) : undefined;
  if (!model) return;
  const actor = await wb.user();
  const user = findUser(model, actor.id);
  if (!user?.password || checked.has(user.id.toLowerCase())) return;
  const given = process.env.CARNET_PASSWORD ?? (await readSecret(say('Password for {user}: ', { user: user.id })));
  const { verifyPasswordAsync } = await import('../../core/access/password.js');
  if (!(await verifyPasswordAsync(given, user.password))) {
    fail({ code: 'E_LOGIN', field: 'password', value: user.id, message: say('Wrong password for {user}; nothing was done.', { user: user.id }) });
  }
  checked.add(user.id.toLowerCase());
}
