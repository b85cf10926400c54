/**
 * A command is one user action: a name, the right it needs, an input check, and a function
 * from JSON to JSON. Every host serves the same registry; the UI and the CLI call it by name.
 */

import type { Workbook } from '../workbook.js';
import type { Check } from './input.js';

/** read: look; write: change records; admin: change the schema, rights, templates. */
export type Right = 'read' | 'write' | 'admin';

export interface Context {
  wb: Workbook;
  /** Wall-clock time of the workbook as a serial (the host applies its time zone). */
  now(): number;
}

export interface Command<I = unknown, O = unknown> {
  name: string;
  right: Right;
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
