/**
 * A command is one user action: a name, what it needs (core/access/needs.ts), an input check,
 * and a function from JSON to JSON. Every host serves the same registry; the UI and the CLI call
 * it by name. The dispatcher checks the needs and records the audit entries, so a command's own
 * code can forget neither.
 */

import type { Access } from '../access/needs.js';
import type { AccessView } from '../access/enforce.js';
import type { Lang } from '../schema/types.js';
import type { UserInfo, Workbook } from '../workbook.js';
import type { Check } from './input.js';

export interface Context {
  wb: Workbook;
  /** Wall-clock time of the workbook as a serial (the host applies its time zone). */
  now(): number;
  /** Who is acting, when the host knows better than `wb.user()` (the local server's login session). */
  actor?: UserInfo;
  /**
   * The language the person reads, where the host says (the sidebar's, a CLI's `--lang`): core's
   * messages are said in it. Absent: the workbook's (`schema.lang`).
   */
  lang?: Lang;
  /** Set by the dispatcher: what the acting user may see and do. */
  access?: AccessView;
  /** Set by the dispatcher: the audit log of this command (an import names its batch). */
  audit?: { batch: string | undefined };
}

export interface Command<I = unknown, O = unknown> {
  name: string;
  /** What the acting user needs; checked by the dispatcher before `run`. */
  access: Access;
  /** One line for `carnet help` and the API listing. */
  summary: string;
  input: Check<I>;
  run(ctx: Context, input: I): Promise<O>;
}

/**
 * Defines a command. `run` is a separate argument so TypeScript infers the input type from the
 * check before it types `run`'s parameter; the registry then stores commands uniformly.
 */
export function command<I, O>(
  meta: Omit<Command<I, O>, 'run'>,
  run: (ctx: Context, input: I) => Promise<O>,
): Command<unknown, unknown> {
  return { ...meta, run } as unknown as Command<unknown, unknown>;
}

/** What the user may see, for commands that filter (everything when rights are off). */
export function canView(ctx: Context, directory: string): boolean {
  return ctx.access ? ctx.access.canView(directory) : true;
}
