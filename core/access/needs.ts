/**
 * What a command needs, declared beside the command in the registry (issue 12). The dispatcher
 * (enforce.ts) checks it before the command runs, so a command's own code never has to remember:
 * a command without a declaration does not type-check, and the registry test refuses one whose
 * declaration is missing at run time.
 *
 * A declaration is a function of the checked input and the settings (`_carnet`, as a Crm), returning the
 * requirements: a special right, or an action on a directory — for edits and deletes, on a
 * record, whose owner the dispatcher looks up (owner.ts).
 */

import type { Crm } from '../records/crm.js';
import type { SpecialRight } from './model.js';

export type DirectoryAction = 'view' | 'create' | 'edit' | 'delete';

export type Requirement =
  | { right: SpecialRight }
  /** `directory` by key or label (as the input gives it); `record` by ID or display key. */
  | { directory: string; action: DirectoryAction; record?: string };

export interface Access {
  /** True when the command may change the workbook: it runs in one transaction with its audit entries. */
  writes: boolean;
  /** Plain words for the matrix test and `carnet help`: "view on the directory", "the right import". */
  describe: string;
  needs(input: any, crm: Crm): Requirement[] | Promise<Requirement[]>;
}

/** Anyone with an account: the command shows only what the user may view (it filters itself). */
export function anyone(describe: string, writes = false): Access {
  return { writes, describe: `anyone (${describe})`, needs: () => [] };
}

export function right(r: SpecialRight, writes: boolean): Access {
  return { writes, describe: `the right ${r}`, needs: () => [{ right: r }] };
}

type Pick = (input: any, crm: Crm) => string | undefined;

/** An action on the directory `dir(input)` names; an input naming none needs nothing here. */
export function onDirectory(action: DirectoryAction, dir: Pick, record?: Pick): Access {
  return {
    writes: action !== 'view',
    describe: `${action} on the directory${record ? ' (its owner for edit and delete)' : ''}`,
    needs: (input, crm) => {
      const directory = dir(input, crm);
      if (directory === undefined) return [];
      const id = record?.(input, crm);
      return [{ directory, action, ...(id !== undefined ? { record: id } : {}) }];
    },
  };
}

/** Every requirement of every part. */
export function all(...parts: Access[]): Access {
  return {
    writes: parts.some((p) => p.writes),
    describe: parts.map((p) => p.describe).join(' and '),
    needs: async (input, crm) => (await Promise.all(parts.map((p) => p.needs(input, crm)))).flat(),
  };
}

/** The requirements computed by `fn` (several directories, chosen by the input). */
export function custom(describe: string, writes: boolean, fn: (input: any, crm: Crm) => Requirement[] | Promise<Requirement[]>): Access {
  return { writes, describe, needs: fn };
}
