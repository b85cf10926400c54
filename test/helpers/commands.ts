import type { Context } from '../../core/app/command.js';
import { dispatch } from '../../core/app/registry.js';
import type { ErrorData } from '../../core/errors.js';

/** Runs a command that must succeed; its result, loosely typed for assertions. */
// `any` on purpose: tests read results by shape, as a JSON client would.
export async function ok(ctx: Context, name: string, input: unknown): Promise<any> {
  const out = await dispatch(ctx, name, input);
  if (!out.ok) throw new Error(`${name} failed: ${JSON.stringify(out.error)}`);
  return out.result;
}

/** Runs a command that must be refused; the whole error. */
export async function refused(ctx: Context, name: string, input: unknown): Promise<ErrorData> {
  const out = await dispatch(ctx, name, input);
  if (out.ok) throw new Error(`${name} should have been refused`);
  return out.error;
}
