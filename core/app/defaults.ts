import type { Defaults } from '../records/validate.js';
import type { Context } from './command.js';

/** `today`, `now` and `@me` for a command, read once from the host. */
export async function defaultsOf(ctx: Context): Promise<Defaults> {
  const now = ctx.now();
  const user = await ctx.wb.user();
  return { now, today: Math.floor(now), user: user.id };
}
