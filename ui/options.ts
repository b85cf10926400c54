import type { CompanyCard } from '../core/card/card.js';
import type { FieldDef } from '../core/schema/types.js';
import type { Carnet } from './context.js';

/**
 * Where a reference field's dropdown gets its values: lookups from the index fetched once, the
 * company's own contacts and deals from its card, the acting user for user fields.
 */
export function optionsFor(c: Carnet, card: CompanyCard | undefined) {
  return (f: FieldDef): readonly string[] | undefined => {
    // The signed-in person (`me`), who may differ from the host's user where the host signs people in.
    if (f.type === 'user') return [c.me.user.id];
    if (f.type !== 'reference' || !f.ref) return undefined;
    if (c.index.options[f.ref]) return c.index.options[f.ref];
    if (f.ref === 'contacts' && card) return card.contacts.map((r) => r.display);
    if (f.ref === 'deals' && card) return card.deals.map((r) => r.display);
    if (f.ref === 'companies') return c.index.companies.map((r) => r.name);
    return undefined;
  };
}
