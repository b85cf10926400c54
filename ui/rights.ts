/**
 * What the signed-in person may do (issue 12), as `me` tells it, so that the sidebar offers only
 * that. The core decides: these helpers only hide what it would refuse, and a refusal that comes
 * anyway (E_FORBIDDEN) is shown as the core words it. The rule for "own" is the core's
 * (core/access/model.ts `decide`, core/access/owner.ts): a record is yours when its owner field
 * names you (Carnet fills it with whoever adds the record). The sidebar cannot see the audit log's
 * creator, which the core falls back on for an empty owner: an empty owner counts as not yours here.
 */

import { LEVELS, SPECIAL_RIGHTS, type Level, type SpecialRight as Right } from '../core/access/model.js';
import type { RecordJson } from '../core/records/record-json.js';
import type { Schema } from '../core/schema/types.js';
import type { SessionUser } from './bridge.js';
import type { Screen } from './context.js';

export { LEVELS, SPECIAL_RIGHTS as RIGHTS, type Level, type Right };

/** The answer of `me`. */
export interface Me {
  /** False: rights are not set up in this workbook, everyone may do everything. */
  enforced: boolean;
  user: SessionUser;
  admin: boolean;
  rights: Right[];
  directories: { key: string; level: Level; delete: boolean }[];
}

/** Everything allowed: a core without `me` (rights came later), as a workbook without rights. */
export function unrestricted(user: SessionUser): Me {
  return { enforced: false, user, admin: true, rights: [...SPECIAL_RIGHTS], directories: [] };
}

export function can(me: Me, right: Right): boolean {
  return me.rights.includes(right);
}

/** The level on a directory; one `me` does not list is the schema's newer than `me`: full without rights, none with. */
export function levelOn(me: Me, dir: string): { level: Level; delete: boolean } {
  return me.directories.find((d) => d.key === dir) ?? (me.enforced ? { level: 'none', delete: false } : { level: 'full', delete: true });
}

const atLeast = (me: Me, dir: string, level: Level) => LEVELS.indexOf(levelOn(me, dir).level) >= LEVELS.indexOf(level);

export const mayView = (me: Me, dir: string) => atLeast(me, dir, 'view');
export const mayCreate = (me: Me, dir: string) => atLeast(me, dir, 'add');

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether the record's owner field (`owner`, else the directory's first user field) names the user. */
export function isMine(me: Me, schema: Schema, dir: string, record: RecordJson): boolean {
  const fields = schema.directories.find((d) => d.key === dir)?.fields ?? [];
  const field = fields.find((f) => f.key === 'owner' && f.type === 'user') ?? fields.find((f) => f.type === 'user');
  const owner = field ? record.values[field.key] : null;
  return typeof owner === 'string' && owner.trim() !== '' && (same(owner, me.user.id) || same(owner, me.user.name));
}

/** Full edits every record; own and add edit the user's own; view and none edit nothing. */
export function mayEdit(me: Me, schema: Schema, dir: string, record: RecordJson): boolean {
  return atLeast(me, dir, 'full') || (atLeast(me, dir, 'own') && isMine(me, schema, dir, record));
}

/** Deleting needs the directory's delete right besides the edit. */
export function mayDelete(me: Me, schema: Schema, dir: string, record: RecordJson): boolean {
  return levelOn(me, dir).delete && mayEdit(me, schema, dir, record);
}

/** The rights a screen needs, any one of them (Templates: filling, or managing). */
const NEEDS: Partial<Record<Screen, Right[]>> = {
  reports: ['useReports'],
  import: ['import'],
  export: ['export'],
  templates: ['useTemplates', 'manageTemplates'],
  access: ['manageUsers'],
  audit: ['manageUsers'],
  check: ['configure'],
  configurator: ['configure'],
};

/** Undefined when `me` may open `screen`; else the right it lacks (the first one, where any would do). */
export function missingRight(me: Me, screen: Screen): Right | undefined {
  const needs = NEEDS[screen];
  return needs && !needs.some((r) => can(me, r)) ? needs[0] : undefined;
}
