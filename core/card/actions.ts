/**
 * What a manager records from the card — companies, contacts, notes — as thin rules over the
 * record store, which does all the validation (types, required, references, uniqueness).
 */

import { fail } from '../errors.js';
import { named, say } from '../messages/say.js';
import type { CascadeReport } from '../records/cascade.js';
import { createRecords } from '../records/create.js';
import type { Crm } from '../records/crm.js';
import { empty } from '../records/directory-table.js';
import { findRecord } from '../records/find.js';
import type { RecordJson } from '../records/record-json.js';
import { updateRecord } from '../records/update.js';
import { resolveInput, type Defaults, type RecordInput } from '../records/validate.js';
import type { DirectoryDef, FieldDef } from '../schema/types.js';
import type { Cell } from '../workbook.js';
import { companyLink } from './index-rows.js';

function keyed(changes: Map<FieldDef, Cell>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [f, v] of changes) out[f.key] = v;
  return out;
}

/** Fills `key` when the directory has that field and the input left it empty. */
function fillIfEmpty(dir: DirectoryDef, values: Record<string, Cell>, key: string, value: Cell): void {
  if (dir.fields.some((f) => f.key === key) && empty(values[key] ?? null)) values[key] = value;
}

/**
 * Input for a record that belongs to a company: the form's values plus the company (ID or name)
 * whose card it is added from. The company is not a form field; a value for it is refused rather
 * than silently overridden.
 */
async function belongingTo(crm: Crm, dirKey: string, company: string, input: RecordInput): Promise<{ dir: DirectoryDef; values: Record<string, Cell> }> {
  const dir = crm.directory(dirKey);
  const link = companyLink(dir);
  if (!link) {
    fail({ code: 'E_SCHEMA', directory: dir.key, message: say('{directory} has no field referencing companies.', { directory: named(dir.labels) }) });
  }
  const changes = resolveInput(crm.schema, dir, input);
  const values = keyed(changes);
  if (link in values) {
    const f = dir.fields.find((x) => x.key === link)!;
    fail({
      code: 'E_BAD_INPUT',
      directory: dir.key,
      field: link,
      message: say('{directory} › {field} is the company whose card this is added from.', { directory: named(dir.labels), field: named(f.labels) }),
    });
  }
  const companies = await crm.table('companies');
  values[link] = companies.displayOf(findRecord(crm, companies, company));
  return { dir, values };
}

/** A new company; its owner is the acting user and its creation date today, unless given. */
export async function createCompany(crm: Crm, input: RecordInput, defaults: Defaults): Promise<RecordJson> {
  const dir = crm.directory('companies');
  const values = keyed(resolveInput(crm.schema, dir, input));
  fillIfEmpty(dir, values, 'owner', defaults.user);
  fillIfEmpty(dir, values, 'created', defaults.today);
  const [created] = await createRecords(crm, 'companies', [values], defaults);
  return created!;
}

export async function updateCompany(crm: Crm, id: string, input: RecordInput, defaults: Defaults): Promise<{ record: RecordJson; cascaded: CascadeReport[] }> {
  return updateRecord(crm, 'companies', id, input, defaults);
}

function fullName(first: Cell | undefined, last: Cell | undefined): string {
  return [first, last].map((v) => (v === null || v === undefined ? '' : String(v).trim())).filter((s) => s !== '').join(' ');
}

/**
 * A contact of a company. When only first and last names are given, the full name (the contact's
 * display key, unique) is made from them, as the schema's comment on contacts asks of this layer.
 */
export async function addContact(crm: Crm, company: string, input: RecordInput, defaults: Defaults): Promise<RecordJson> {
  return crm.wb.transaction(async () => {
    const { dir, values } = await belongingTo(crm, 'contacts', company, input);
    fillIfEmpty(dir, values, 'name', fullName(values.first_name, values.last_name) || null);
    fillIfEmpty(dir, values, 'owner', defaults.user);
    const [created] = await createRecords(crm, 'contacts', [values], defaults);
    return created!;
  });
}

/**
 * Changes a contact. A full name that was made from first and last names follows them when they
 * change (and references follow the name); a full name typed differently is left alone.
 */
export async function updateContact(crm: Crm, id: string, input: RecordInput, defaults: Defaults): Promise<{ record: RecordJson; cascaded: CascadeReport[] }> {
  return crm.wb.transaction(async () => {
    const dir = crm.directory('contacts');
    const values = keyed(resolveInput(crm.schema, dir, input));
    const contact = findRecord(crm, await crm.table('contacts'), id);
    const partsChanged = 'first_name' in values || 'last_name' in values;
    if (partsChanged && !('name' in values)) {
      const before = fullName(contact.values.first_name, contact.values.last_name);
      const current = String(contact.values.name ?? '').trim();
      if (before !== '' && current === before) {
        const first = 'first_name' in values ? values.first_name : contact.values.first_name;
        const last = 'last_name' in values ? values.last_name : contact.values.last_name;
        const after = fullName(first, last);
        if (after !== '') values.name = after;
      }
    }
    return updateRecord(crm, 'contacts', id, values, defaults);
  });
}

/** A note on a company's timeline, dated now and signed by the acting user unless given. */
export async function addNote(crm: Crm, company: string, input: RecordInput, defaults: Defaults): Promise<RecordJson> {
  return crm.wb.transaction(async () => {
    const { dir, values } = await belongingTo(crm, 'notes', company, input);
    const date = dir.fields.find((f) => f.key === 'date');
    fillIfEmpty(dir, values, 'date', date?.type === 'date' ? defaults.today : defaults.now);
    fillIfEmpty(dir, values, 'author', defaults.user);
    const [created] = await createRecords(crm, 'notes', [values], defaults);
    return created!;
  });
}
