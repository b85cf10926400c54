/**
 * What every part of the sidebar needs: the bridge, the schema, the language, the lists fetched
 * once with the search index, what the person may do (`me`), and a way to show the card a write
 * returned or to go to another screen.
 */

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CardIndex, CardWrite } from '../core/app/card-commands.js';
import type { DirectoryDef, FieldDef, Lang, Schema } from '../core/schema/types.js';
import type { Bridge } from './bridge.js';
import type { Translate } from './i18n.js';
import type { Me } from './rights.js';

/** The sidebar's screens; hosts ask for one by name (`home` is the search and card screen). */
export type Screen = 'home' | 'settings' | 'reports' | 'import' | 'export' | 'templates' | 'rights' | 'access' | 'audit' | 'check' | 'directories' | 'configurator';

export interface Carnet {
  bridge: Bridge;
  schema: Schema;
  /** The language the sidebar speaks (the workbook's unless the person picked another). */
  lang: Lang;
  t: Translate;
  index: CardIndex;
  /** Shows the card a write returned and patches the search index with the company's new row. */
  applyWrite(write: CardWrite): void;
  /** Says something to screen readers (and shows it briefly): "Saved.", "Deleted.". */
  announce(message: string): void;
  /** What the signed-in person may do, fetched with the index; the sidebar hides the rest (ui/rights.ts). */
  me: Me;
  /** Fetches `me` again, after a change of rights. */
  refreshMe(): Promise<void>;
  /** Opens another screen; the Audit screen filtered on a record (a card's "History"). */
  go(screen: Screen, filter?: { record?: string }): void;
}

export const CarnetContext = createContext<Carnet | null>(null);

export function useCarnet(): Carnet {
  const c = useContext(CarnetContext);
  if (!c) throw new Error('useCarnet outside <CarnetContext.Provider>');
  return c;
}

export function directory(schema: Schema, key: string): DirectoryDef | undefined {
  return schema.directories.find((d) => d.key === key);
}

export function fieldOf(schema: Schema, dirKey: string, key: string): FieldDef | undefined {
  return directory(schema, dirKey)?.fields.find((f) => f.key === key);
}

/** A field's label in the sidebar's language (every field is labelled in all three). */
export function labelOf(f: { labels: Record<Lang, string> }, lang: Lang): string {
  return f.labels[lang];
}
