/**
 * What a report needs (issue 12): view on its directory and on every directory its field paths go
 * through (`company.city` on sales reaches companies), so a report never shows what its reader may
 * not see. Writing an ABC class back into a field (`writeClassTo`) edits that directory's records.
 */

import type { PivotDefinition } from '../pivot/types.js';
import { directoryNamed } from '../schema/lookup.js';
import { custom, type Access, type Requirement } from './needs.js';

export function reportDirectories(writes: boolean): Access {
  return custom('view on every directory the report reads', writes, async (input: { report?: string; definition?: PivotDefinition; writeClassTo?: string }, crm) => {
    // The pivot engine loads on first use (the Excel task pane's budget): its paths and reports too.
    const [{ parsePath }, { findReport }] = await Promise.all([import('../pivot/paths.js'), import('../pivot/reports.js')]);
    const def = input.definition ?? (input.report !== undefined ? findReport(crm, input.report).definition : undefined);
    if (!def) return [];
    const object = directoryNamed(crm.schema, def.object);
    if (!object) return [];
    const keys = new Set<string>([object.key]);
    const paths = [...def.rows, ...def.columns, ...def.data, ...(def.filters ?? [])].map((f) => f.field).filter((p): p is string => typeof p === 'string');
    for (const p of paths) {
      try {
        for (const d of parsePath(crm.schema, object, p).dirs) keys.add(d.key);
      } catch {
        // A wrong path is the command's to report, with its own message.
      }
    }
    const needs: Requirement[] = [...keys].map((directory) => ({ directory, action: 'view' as const }));
    if (input.writeClassTo && def.abc) {
      const first = def.rows[0]?.field;
      const target = typeof first === 'string' ? (() => { try { return parsePath(crm.schema, object, first).dirs.at(-1); } catch { return undefined; } })() : undefined;
      if (target) needs.push({ directory: target.key, action: 'edit' });
    }
    return needs;
  });
}
