/**
 * The command × right matrix (issue 12): for every registered command, what it must need, written
 * here independently of the registry, and a runner that proves it by dispatching as users whose
 * role has exactly that, that minus one need, and every level of each directory it touches.
 * A command missing from the table is a problem; so is a refusal that names the wrong right.
 */

import { initialModel, LEVELS, type AccessModel, type Level, type Role, type SpecialRight } from '../../../core/access/model.js';
import { readAccess, writeAccess } from '../../../core/access/store.js';
import type { Command, Context } from '../../../core/app/command.js';
import { dispatch } from '../../../core/app/registry.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { MetaStore } from '../../../core/schema/storage.js';
import type { UserInfo } from '../../../core/workbook.js';

export const ADMIN: UserInfo = { id: 'admin@example.com', name: 'Ada Admin' };
export const MONA: UserInfo = { id: 'mona@example.com', name: 'Mona Manager' };
const TODAY = 46357.5;

/** One need: a special right, or a level (and the delete right) on a directory. */
export type Need = { right: SpecialRight } | { directory: string; level: Exclude<Level, 'none'>; delete?: true };

export interface Case {
  input: unknown;
  needs: Need[];
  /** A permission is proven by `ok: true`, unless the sample input cannot succeed on its own (then: not E_FORBIDDEN). */
  okNotRequired?: true;
}

const pivot = { object: 'sales', rows: [{ field: 'product' }], columns: [], data: [{ field: 'amount', agg: 'sum' }] };
const csv = 'Name,Unit price\nGizmo,3\n';

/** Mona owns Acme, her contact, her sale SA-000001 and note NO-000001; Globex and its sale are Otto's. */
export const MATRIX: Record<string, Case[]> = {
  'crm.setup': [{ input: {}, needs: [{ right: 'configure' }] }],
  'crm.check': [{ input: {}, needs: [{ right: 'configure' }] }],
  'schema.get': [{ input: {}, needs: [] }],
  'directory.create': [{ input: { label: 'Books', fields: [{ label: 'Title', type: 'text' }] }, needs: [{ right: 'configure' }] }],
  'field.add': [{ input: { directory: 'companies', field: { label: 'Rating', type: 'integer' } }, needs: [{ right: 'configure' }] }],
  'field.rename': [{ input: { directory: 'companies', field: 'city', label: 'Town' }, needs: [{ right: 'configure' }] }],
  'field.hide': [{ input: { directory: 'companies', field: 'city' }, needs: [{ right: 'configure' }] }],
  'field.retype': [{ input: { directory: 'products', field: 'code', type: 'longtext' }, needs: [{ right: 'configure' }], okNotRequired: true }],
  'field.set': [{ input: { directory: 'companies', field: 'city', help: 'Where they are' }, needs: [{ right: 'configure' }] }],
  'record.list': [{ input: { directory: 'products' }, needs: [{ directory: 'products', level: 'view' }] }],
  'record.get': [{ input: { directory: 'products', id: 'Widget' }, needs: [{ directory: 'products', level: 'view' }] }],
  'record.create': [{ input: { directory: 'products', values: { name: 'Gadget', code: 'G-1', unit_price: 5 } }, needs: [{ directory: 'products', level: 'add' }] }],
  'record.update': [
    { input: { directory: 'companies', id: 'Acme', values: { city: 'Lyon' } }, needs: [{ directory: 'companies', level: 'own' }] },
    { input: { directory: 'companies', id: 'Globex', values: { city: 'Lyon' } }, needs: [{ directory: 'companies', level: 'full' }] },
  ],
  'record.delete': [
    { input: { directory: 'notes', id: 'NO-000001' }, needs: [{ directory: 'notes', level: 'own', delete: true }] },
    { input: { directory: 'notes', id: 'NO-000002' }, needs: [{ directory: 'notes', level: 'full', delete: true }] },
  ],
  'card.index': [{ input: {}, needs: [] }],
  'card.get': [{ input: { company: 'Acme' }, needs: [{ directory: 'companies', level: 'view' }] }],
  'company.create': [{ input: { values: { name: 'Initech' } }, needs: [{ directory: 'companies', level: 'add' }] }],
  'company.update': [
    { input: { company: 'Acme', values: { city: 'Paris' } }, needs: [{ directory: 'companies', level: 'own' }] },
    { input: { company: 'Globex', values: { city: 'Paris' } }, needs: [{ directory: 'companies', level: 'full' }] },
  ],
  'contact.add': [{ input: { company: 'Acme', values: { first_name: 'Jo', last_name: 'Li' } }, needs: [{ directory: 'contacts', level: 'add' }] }],
  'contact.update': [
    { input: { contact: 'CT-000001', values: { position: 'CEO' } }, needs: [{ directory: 'contacts', level: 'own' }], okNotRequired: true },
    { input: { contact: 'CT-000002', values: { position: 'CEO' } }, needs: [{ directory: 'contacts', level: 'full' }], okNotRequired: true },
  ],
  'note.add': [{ input: { company: 'Acme', values: { text: 'Called them' } }, needs: [{ directory: 'notes', level: 'add' }] }],
  'sale.add': [{ input: { company: 'Acme', values: { product: 'Widget', quantity: 2 } }, needs: [{ directory: 'sales', level: 'add' }] }],
  'sale.update': [
    { input: { sale: 'SA-000001', values: { quantity: 3 } }, needs: [{ directory: 'sales', level: 'own' }] },
    { input: { sale: 'SA-000002', values: { quantity: 3 } }, needs: [{ directory: 'sales', level: 'full' }] },
  ],
  'sale.delete': [
    { input: { sale: 'SA-000001' }, needs: [{ directory: 'sales', level: 'own', delete: true }] },
    { input: { sale: 'SA-000002' }, needs: [{ directory: 'sales', level: 'full', delete: true }] },
  ],
  'workbook.sheets': [{ input: {}, needs: [{ right: 'configure' }] }],
  'directory.adopt.plan': [{ input: { sheet: 'Team list', directory: 'Staff' }, needs: [{ right: 'configure' }], okNotRequired: true }],
  'directory.adopt': [{ input: { sheet: 'Team list', directory: 'Staff', mapping: {} }, needs: [{ right: 'configure' }], okNotRequired: true }],
  'pivot.run': [{ input: { definition: pivot }, needs: [{ right: 'useReports' }, { directory: 'sales', level: 'view' }] }],
  'pivot.build': [{ input: { definition: pivot }, needs: [{ right: 'useReports' }, { directory: 'sales', level: 'view' }] }],
  'pivot.fields': [{ input: { object: 'sales' }, needs: [{ right: 'useReports' }, { directory: 'sales', level: 'view' }] }],
  'report.list': [{ input: {}, needs: [{ right: 'useReports' }] }],
  'report.show': [{ input: { name: 'shipments-by-product' }, needs: [{ right: 'useReports' }] }],
  'report.save': [{ input: { name: 'Mine', definition: pivot }, needs: [{ right: 'manageReports' }] }],
  'report.delete': [{ input: { name: 'Mine' }, needs: [{ right: 'manageReports' }], okNotRequired: true }],
  'import.plan': [{ input: { directory: 'products', source: { kind: 'text', text: csv } }, needs: [{ right: 'import' }, { directory: 'products', level: 'add' }] }],
  'import.apply': [
    { input: { directory: 'products', source: { kind: 'text', text: csv } }, needs: [{ right: 'import' }, { directory: 'products', level: 'add' }] },
    { input: { directory: 'products', source: { kind: 'text', text: 'Name,Unit price\nWidget,4\n' }, mode: 'update' }, needs: [{ right: 'import' }, { directory: 'products', level: 'full' }] },
  ],
  'import.undo': [{ input: { batch: 'IM-000001' }, needs: [{ right: 'import' }], okNotRequired: true }],
  'import.list': [{ input: {}, needs: [{ right: 'import' }] }],
  'template.list': [{ input: {}, needs: [{ right: 'useTemplates' }] }],
  'template.add': [{ input: { name: 'Letter', directory: 'companies', file: 'bm90IGEgZG9jeA==' }, needs: [{ right: 'manageTemplates' }, { directory: 'companies', level: 'view' }], okNotRequired: true }],
  'template.remove': [{ input: { name: 'Letter' }, needs: [{ right: 'manageTemplates' }], okNotRequired: true }],
  'template.tags': [{ input: { directory: 'companies' }, needs: [{ right: 'useTemplates' }, { directory: 'companies', level: 'view' }] }],
  'template.sample': [{ input: { directory: 'companies' }, needs: [{ right: 'useTemplates' }, { directory: 'companies', level: 'view' }] }],
  'template.check': [{ input: { directory: 'companies', file: 'bm90IGEgZG9jeA==' }, needs: [{ right: 'useTemplates' }, { directory: 'companies', level: 'view' }], okNotRequired: true }],
  'doc.fill': [{ input: { template: 'Invoice', record: 'Acme' }, needs: [{ right: 'useTemplates' }, { directory: 'companies', level: 'view' }] }],
  'export.file': [{ input: { directory: 'products', format: 'csv' }, needs: [{ right: 'export' }, { directory: 'products', level: 'view' }] }],
  me: [{ input: {}, needs: [] }],
  preview: [{ input: { command: 'record.create', input: { directory: 'products', values: { name: 'Gadget', code: 'G-1', unit_price: 5 } } }, needs: [{ directory: 'products', level: 'add' }] }],
  'access.profiles': [{ input: {}, needs: [] }],
  'access.get': [{ input: {}, needs: [{ right: 'manageUsers' }] }],
  'user.add': [{ input: { id: 'new@example.com', role: 'Viewer' }, needs: [{ right: 'manageUsers' }] }],
  'user.update': [{ input: { id: 'otto@example.com', name: 'Otto O.' }, needs: [{ right: 'manageUsers' }] }],
  'user.remove': [{ input: { id: 'otto@example.com' }, needs: [{ right: 'manageUsers' }] }],
  'user.list': [{ input: {}, needs: [{ right: 'manageUsers' }] }],
  'role.add': [{ input: { name: 'Intern', from: 'Viewer' }, needs: [{ right: 'manageUsers' }] }],
  'role.remove': [{ input: { name: 'Manager' }, needs: [{ right: 'manageUsers' }] }],
  'role.grant': [{ input: { role: 'Manager', directory: 'products', level: 'add' }, needs: [{ right: 'manageUsers' }] }],
  'role.allow': [{ input: { role: 'Manager', right: 'import' }, needs: [{ right: 'manageUsers' }] }],
  'role.newcomers': [{ input: { role: 'none' }, needs: [{ right: 'manageUsers' }] }],
  'role.show': [{ input: {}, needs: [{ right: 'manageUsers' }] }],
  'protect.plan': [{ input: {}, needs: [{ right: 'manageUsers' }] }],
  'protect.apply': [{ input: {}, needs: [{ right: 'manageUsers' }] }],
  'audit.list': [{ input: {}, needs: [{ right: 'manageUsers' }] }],
  'tidy.plan': [{ input: { directory: 'companies' }, needs: [{ right: 'configure' }] }],
  'tidy.apply': [{ input: {}, needs: [{ right: 'configure' }] }],
};

const RANK = (l: Level) => LEVELS.indexOf(l);

/** Runs `name` as `actor` on the seeded workbook, through the given registry. */
async function run(wb: MemoryWorkbook, actor: UserInfo, name: string, input: unknown, registry?: ReadonlyMap<string, Command>) {
  const ctx: Context = { wb, now: () => TODAY, actor };
  return dispatch(ctx, name, input, registry);
}

/** The CRM every case starts from: set up by the admin, with Mona's and Otto's records. */
export async function seeded(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook(ADMIN);
  const must = async (name: string, input: unknown, actor: UserInfo = ADMIN) => {
    const out = await run(wb, actor, name, input);
    if (!out.ok) throw new Error(`seeding ${name}: ${JSON.stringify(out.error)}`);
    return out.result;
  };
  await must('crm.setup', { lang: 'en' });
  // Sales are signed by whoever records them: Mona and Otto record their own (as admins for now).
  const OTTO: UserInfo = { id: 'otto@example.com', name: 'Otto' };
  await must('user.add', { id: MONA.id, name: MONA.name, role: 'Admin' });
  await must('user.add', { id: OTTO.id, name: OTTO.name, role: 'Admin' });
  await must('record.create', { directory: 'products', values: { name: 'Widget', code: 'W-1', unit_price: 10 } });
  await must('record.create', { directory: 'cities', values: { name: 'Lyon' } });
  await must('record.create', { directory: 'cities', values: { name: 'Paris' } });
  await must('company.create', { values: { name: 'Acme', owner: MONA.id } });
  await must('company.create', { values: { name: 'Globex', owner: 'otto@example.com' } });
  await must('contact.add', { company: 'Acme', values: { first_name: 'Ann', last_name: 'Lee', owner: MONA.id } });
  await must('contact.add', { company: 'Globex', values: { first_name: 'Bob', last_name: 'Ray', owner: 'otto@example.com' } });
  await must('sale.add', { company: 'Acme', values: { product: 'Widget', quantity: 1 } }, MONA);
  await must('sale.add', { company: 'Globex', values: { product: 'Widget', quantity: 1 } }, OTTO);
  await must('note.add', { company: 'Acme', values: { text: 'Mona’s note', author: MONA.id } });
  await must('note.add', { company: 'Globex', values: { text: 'Otto’s note', author: 'otto@example.com' } });
  await wb.transaction(async () => {
    await wb.ensureSheet('Team list');
    await wb.write('Team list', 0, 0, [['Name', 'Desk'], ['Kim', 'A1']]);
  });
  return wb;
}

/** Gives Mona the role `role` (replacing any "Tester"), directly in `_carnet`. */
async function withRole(wb: MemoryWorkbook, role: Role): Promise<void> {
  const store = new MetaStore(wb);
  const meta = (await store.load())!;
  const model: AccessModel = readAccess(meta) ?? initialModel(ADMIN);
  model.roles = [...model.roles.filter((r) => r.name !== 'Tester'), role];
  model.users = model.users.filter((u) => u.id !== MONA.id && u.id !== 'otto@example.com');
  model.users.push({ id: MONA.id, name: MONA.name, role: 'Tester', active: true }, { id: 'otto@example.com', name: 'Otto', role: 'Viewer', active: true });
  model.newcomers = null;
  writeAccess(meta, model);
  await wb.transaction(() => store.save(meta));
}

function roleWith(needs: Need[]): Role {
  const role: Role = { name: 'Tester', directories: { '*': { level: 'none', delete: false } }, rights: [] };
  for (const n of needs) {
    if ('right' in n) role.rights.push(n.right);
    else role.directories[n.directory] = { level: n.level, delete: !!n.delete };
  }
  return role;
}

/** What Mona's role lacks when one need is taken away, and what the refusal must then name. */
function without(needs: Need[], i: number): { role: Role; right: string; directory?: string }[] {
  const n = needs[i]!;
  const rest = needs.filter((_, j) => j !== i);
  if ('right' in n) return [{ role: roleWith(rest), right: n.right }];
  const out: { role: Role; right: string; directory?: string }[] = [];
  const below = LEVELS[RANK(n.level) - 1]!;
  const lower = roleWith(rest);
  lower.directories[n.directory] = { level: below, delete: !!n.delete };
  out.push({ role: lower, right: n.level, directory: n.directory });
  if (n.delete) {
    const noDelete = roleWith(rest);
    noDelete.directories[n.directory] = { level: n.level, delete: false };
    out.push({ role: noDelete, right: 'delete', directory: n.directory });
  }
  return out;
}

export interface MatrixResult {
  problems: string[];
  /** Dispatches made, to show the walk is real. */
  runs: number;
}

/** Walks every command of `registry` × its cases × the roles above; returns what did not hold. */
export async function walkMatrix(registry: ReadonlyMap<string, Command>, options: { partial?: boolean } = {}): Promise<MatrixResult> {
  const problems: string[] = [];
  let runs = 0;
  const base = await seeded();
  const fresh = () => base.clone();
  for (const cmd of registry.values()) {
    const cases = MATRIX[cmd.name];
    if (!cases) {
      problems.push(`${cmd.name}: not in the matrix — declare what it needs`);
      continue;
    }
    if (!cmd.access || typeof cmd.access.needs !== 'function') {
      problems.push(`${cmd.name}: declares no access`);
      continue;
    }
    for (const c of cases) {
      const tag = `${cmd.name} ${JSON.stringify(c.input).slice(0, 60)}`;
      // 1. Exactly what it needs: allowed.
      {
        const wb = fresh();
        await withRole(wb, roleWith(c.needs));
        const out = await run(wb, MONA, cmd.name, c.input, registry);
        runs++;
        if (!out.ok && out.error.code === 'E_FORBIDDEN') problems.push(`${tag}: refused with exactly its needs: ${out.error.message}`);
        else if (!out.ok && !c.okNotRequired) problems.push(`${tag}: failed with exactly its needs: ${out.error.code} ${out.error.message}`);
      }
      // 2. Each need taken away: refused, naming it.
      for (let i = 0; i < c.needs.length; i++) {
        for (const w of without(c.needs, i)) {
          const wb = fresh();
          await withRole(wb, w.role);
          const out = await run(wb, MONA, cmd.name, c.input, registry);
          runs++;
          if (out.ok || out.error.code !== 'E_FORBIDDEN') {
            problems.push(`${tag}: allowed without ${w.right}${w.directory ? ` on ${w.directory}` : ''} (${out.ok ? 'ok' : out.error.code})`);
          } else if (out.error.right !== w.right || (w.directory ?? undefined) !== out.error.directory) {
            problems.push(`${tag}: refused for ${out.error.right} on ${out.error.directory}, expected ${w.right} on ${w.directory}: ${out.error.message}`);
          }
        }
      }
      // 3. Every level of each directory it needs: allowed exactly from the level it needs.
      for (const n of c.needs) {
        if ('right' in n) continue;
        for (const level of LEVELS) {
          const role = roleWith(c.needs);
          role.directories[n.directory] = { level, delete: !!n.delete };
          const wb = fresh();
          await withRole(wb, role);
          const out = await run(wb, MONA, cmd.name, c.input, registry);
          runs++;
          const refused = !out.ok && out.error.code === 'E_FORBIDDEN';
          const expected = RANK(level) < RANK(n.level);
          if (refused !== expected) problems.push(`${tag}: at level ${level} on ${n.directory} ${refused ? 'refused' : 'allowed'}, expected ${expected ? 'refused' : 'allowed'}`);
        }
      }
      // 4. Nothing at all: refused unless it needs nothing.
      if (c.needs.length === 0) {
        const wb = fresh();
        await withRole(wb, roleWith([]));
        const out = await run(wb, MONA, cmd.name, c.input, registry);
        runs++;
        if (!out.ok) problems.push(`${tag}: needs nothing, yet failed: ${out.error.code} ${out.error.message}`);
      }
    }
  }
  if (!options.partial) for (const name of Object.keys(MATRIX)) if (!registry.has(name)) problems.push(`${name}: in the matrix but not registered`);
  return { problems, runs };
}
