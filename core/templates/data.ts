/**
 * The data a template is filled from: one record as a tree of scopes. A scope answers a tag's name
 * — a field's key or its label in any of Carnet's languages, case and spaces ignored — with the
 * field's value, the record a reference names (`{Company.City}`), the records that refer to this
 * one (`{#Sales}…{/Sales}` on a company), every record of another directory at the root
 * (`{#Products}` for a price list), or a computed value (`{Today}`, `{Number}`, `{Total}`).
 *
 * Every directory's sheet is read once, before filling (a constant number of port calls); scopes
 * are made lazily, when a tag asks for them, so a company's card with 1,000 sales costs what its
 * template shows.
 */

import { partsFromSerial } from '../dates.js';
import type { Crm } from '../records/crm.js';
import { DirectoryTable, type StoredRecord } from '../records/directory-table.js';
import { empty } from '../records/directory-table.js';
import { fold } from '../schema/lookup.js';
import { ID_HEADER, LANGS, type DirectoryDef, type FieldDef, type Lang } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { COMPUTED_NAMES } from './computed-names.js';
import { parseTag } from './tag-parse.js';
import type { Entry, Scope } from './types.js';

/** `2026-0042`: the year of the day it is filled, and the template's count of documents. */
export function documentNumber(today: number, n: number): string {
  return `${partsFromSerial(today).year}-${String(n).padStart(4, '0')}`;
}

/** A tag's name as compared: case, spaces and the kind of apostrophe ignored. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase().replace(/[’‘`]/g, "'").replace(/[\s\u00a0\u202f]+/g, '');
}

export interface DataOptions {
  /** Today, as a serial in the workbook's time zone. */
  today: number;
  /** The document's number (`2026-0042`); absent in a dry run or the catalogue. */
  number?: string;
  /** The directories the reader may view (issue 12): the others fill nothing (their lists are empty). */
  visible?: (directory: string) => boolean;
}

/** What a name of a directory's scope stands for, worked out once per directory. */
type Slot =
  | { kind: 'id' }
  | { kind: 'field'; field: FieldDef }
  | { kind: 'list'; from: DirectoryDef; via: FieldDef }
  | { kind: 'all'; dir: DirectoryDef }
  | { kind: 'computed'; which: 'today' | 'number' | 'total' };

interface Names {
  slots: Map<string, Slot>;
  /** The names an author would write, the workbook's language first. */
  shown: string[];
}

export class TemplateData {
  private readonly names = new Map<string, Names>();
  private readonly lang: Lang;

  private constructor(
    readonly crm: Crm,
    private readonly tables: Map<string, DirectoryTable>,
    private readonly options: DataOptions,
  ) {
    this.lang = crm.schema.lang;
  }

  /** Reads every directory's sheet once (one port call each). */
  static async load(crm: Crm, options: DataOptions): Promise<TemplateData> {
    const tables = new Map<string, DirectoryTable>();
    const visible = options.visible ?? (() => true);
    for (const d of crm.schema.directories) tables.set(d.key, visible(d.key) ? await crm.table(d.key) : new DirectoryTable(d, []));
    return new TemplateData(crm, tables, options);
  }

  /** The same data for another document of a batch: only its number differs, the sheets are not read again. */
  numbered(number: string): TemplateData {
    return new TemplateData(this.crm, this.tables, { ...this.options, number });
  }

  table(dirKey: string): DirectoryTable {
    return this.tables.get(dirKey)!;
  }

  /** The scope of one record at the root of a document (root: lists of every record of other directories too). */
  root(dirKey: string, rec: StoredRecord): Scope {
    return this.scope(this.crm.directory(dirKey), rec, true);
  }

  /** A scope with every name and no values: what a template is checked against, and the catalogue lists. */
  schemaRoot(dirKey: string): Scope {
    const dir = this.crm.directory(dirKey);
    const blank: StoredRecord = { id: '', row: 0, values: {} };
    return this.scope(dir, blank, true, true);
  }

  private namesOf(dir: DirectoryDef, root: boolean): Names {
    const cacheKey = `${dir.key}|${root}`;
    const cached = this.names.get(cacheKey);
    if (cached) return cached;
    // Every name an author may write, by tier: each one's label in the workbook's language, then in
    // the other languages, then the keys. A key never hides a label ("notes", a company field's key,
    // would otherwise take the name of the Notes list).
    const wanted: { slot: Slot; tiers: string[][] }[] = [];
    const want = (slot: Slot, x: { key: string; labels: Record<Lang, string> }) => wanted.push({ slot, tiers: [[x.labels[this.lang]], LANGS.map((l) => x.labels[l]), [x.key]] });
    wanted.push({ slot: { kind: 'id' }, tiers: [[ID_HEADER], [], []] });
    for (const f of dir.fields) want({ kind: 'field', field: f }, f);
    for (const which of ['today', 'number', 'total'] as const) want({ kind: 'computed', which }, { key: which, labels: COMPUTED_NAMES[which] });
    const referring = new Set<string>();
    for (const from of this.crm.schema.directories) {
      const via = from.fields.find((f) => f.type === 'reference' && f.ref === dir.key);
      if (!via) continue;
      referring.add(from.key);
      want({ kind: 'list', from, via }, from);
    }
    if (root) for (const d of this.crm.schema.directories) if (d.key !== dir.key && !referring.has(d.key)) want({ kind: 'all', dir: d }, d);

    const slots = new Map<string, Slot>();
    const shownBy = new Map<Slot, string>();
    for (let tier = 0; tier < 3; tier++) {
      for (const { slot, tiers } of wanted) {
        for (const l of tiers[tier]!) {
          const k = nameKey(l);
          if (k === '' || slots.has(k)) continue;
          slots.set(k, slot);
          // The name shown is the first one a tag can hold: "Эл. почта" cannot ("." goes through a
          // reference), so the catalogue offers another language's label or the key.
          if (!shownBy.has(slot) && !('error' in parseTag(l))) shownBy.set(slot, l);
        }
      }
    }
    const shown = wanted.map((w) => shownBy.get(w.slot)).filter((n): n is string => n !== undefined);
    const out = { slots, shown };
    this.names.set(cacheKey, out);
    return out;
  }

  private scope(dir: DirectoryDef, rec: StoredRecord, root: boolean, schemaOnly = false): Scope {
    const names = this.namesOf(dir, root);
    const entries = new Map<string, Entry>();
    return {
      get: (name) => {
        const k = nameKey(name);
        const hit = entries.get(k);
        if (hit) return hit;
        const slot = names.slots.get(k);
        if (!slot) return undefined;
        const entry = this.entry(dir, rec, slot, schemaOnly);
        entries.set(k, entry);
        return entry;
      },
      names: () => names.shown,
    };
  }

  private entry(dir: DirectoryDef, rec: StoredRecord, slot: Slot, schemaOnly: boolean): Entry {
    const lang = this.lang;
    switch (slot.kind) {
      case 'id':
        return { kind: 'value', value: rec.id || null, type: 'text', label: ID_HEADER };
      case 'field': {
        const f = slot.field;
        const value: Cell = rec.values[f.key] ?? null;
        if (f.type !== 'reference') return { kind: 'value', value, type: f.type, ...(f.type === 'money' ? { currency: f.currency ?? this.crm.schema.currency } : {}), label: f.labels[lang] };
        const target = this.crm.directory(f.ref!);
        const display = empty(value) ? '' : String(value);
        if (schemaOnly) return { kind: 'record', scope: this.scope(target, { id: '', row: 0, values: {} }, false, true), label: f.labels[lang], display };
        const found = display === '' ? undefined : (this.table(target.key).findByDisplay(display)[0] ?? this.table(target.key).findById(display));
        return { kind: 'record', scope: found ? this.scope(target, found, false) : undefined, label: f.labels[lang], display };
      }
      case 'list': {
        const label = slot.from.labels[lang];
        if (schemaOnly) return { kind: 'list', items: [this.scope(slot.from, { id: '', row: 0, values: {} }, false, true)], label };
        const mine = this.table(dir.key).displayOf(rec);
        const items = mine === '' ? [] : (this.table(slot.from.key).index(slot.via.key).get(fold(mine)) ?? []);
        return { kind: 'list', items: sortedByRow(items).map((r) => this.scope(slot.from, r, false)), label };
      }
      case 'all': {
        const label = slot.dir.labels[lang];
        if (schemaOnly) return { kind: 'list', items: [this.scope(slot.dir, { id: '', row: 0, values: {} }, false, true)], label };
        return { kind: 'list', items: this.table(slot.dir.key).records.map((r) => this.scope(slot.dir, r, false)), label };
      }
      case 'computed':
        return this.computed(dir, rec, slot.which, schemaOnly);
    }
  }

  private computed(dir: DirectoryDef, rec: StoredRecord, which: 'today' | 'number' | 'total', schemaOnly: boolean): Entry {
    const label = COMPUTED_NAMES[which][this.lang];
    if (which === 'today') return { kind: 'value', value: this.options.today, type: 'computed-date', label };
    if (which === 'number') return { kind: 'value', value: this.options.number ?? null, type: 'computed-text', label };
    const total = this.total(dir, rec, schemaOnly);
    return { kind: 'value', value: total.value, type: 'computed-money', currency: total.currency, label };
  }

  /**
   * `{Total}`: a sale's own amount; on a record that sales refer to (a company, a product), the sum
   * of their amounts, exactly, in minor units of the currency.
   */
  private total(dir: DirectoryDef, rec: StoredRecord, schemaOnly: boolean): { value: number | null; currency: string } {
    const currency = this.crm.schema.currency;
    const sales = this.crm.schema.directories.find((d) => d.key === 'sales');
    const amount = sales?.fields.find((f) => f.key === 'amount' && f.type === 'money');
    if (!sales || !amount) return { value: null, currency };
    const cur = amount.currency ?? currency;
    if (schemaOnly) return { value: null, currency: cur };
    if (dir.key === 'sales') return { value: typeof rec.values.amount === 'number' ? rec.values.amount : null, currency: cur };
    const via = sales.fields.find((f) => f.type === 'reference' && f.ref === dir.key);
    if (!via) return { value: null, currency: cur };
    const mine = this.table(dir.key).displayOf(rec);
    const lines = mine === '' ? [] : (this.table('sales').index(via.key).get(fold(mine)) ?? []);
    return { value: sumMoney(lines.map((r) => r.values.amount)), currency: cur };
  }
}

function sortedByRow(list: readonly StoredRecord[]): StoredRecord[] {
  return [...list].sort((a, b) => a.row - b.row);
}

/** Sums amounts of at most 4 decimals exactly (in ten-thousandths): 0.1 + 0.2 is 0.3. */
function sumMoney(values: readonly (Cell | undefined)[]): number {
  let total = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) total += Math.round(v * 10_000);
  return total / 10_000;
}
