/**
 * The access area's messages in English, French and Russian (issue 13, §5): rights refusals
 * (E_FORBIDDEN naming the right and the directory), the command boundary's input checks
 * (E_BAD_INPUT), unknown commands, the user and role admin's refusals, the preview and the audit
 * log. Each refusal is the same data in every language; only its message changes.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../../core/app/command.js';
import { requireHandEditsAdmin } from '../../../core/audit/hand-edit.js';
import { CarnetError } from '../../../core/errors.js';
import { MemoryWorkbook } from '../../../core/memory-workbook.js';
import { loadMessages } from '../../../core/messages/load.js';
import { speaking } from '../../../core/messages/say.js';
import type { Lang } from '../../../core/schema/types.js';
import { initialModel } from '../../../core/access/model.js';
import { ok, refused } from '../../helpers/commands.js';

type Who = 'admin' | 'mona' | 'vera';

interface Case {
  title: string;
  as: Who;
  name: string;
  input: unknown;
  /** The refusal without its message: the same in every language. */
  error: Record<string, unknown>;
  en: string;
  fr: string;
  ru: string;
}

const CASES: Case[] = [
  {
    title: 'a level missing on a directory (add on Companies)',
    as: 'vera',
    name: 'record.create',
    input: { directory: 'companies', values: { name: 'Initech' } },
    error: { code: 'E_FORBIDDEN', right: 'add', directory: 'companies' },
    en: 'vera@example.com (Viewer) may not add records to Companies: that needs "add" on Companies, and the role Viewer has "view".',
    fr: 'vera@example.com (Viewer) ne peut pas ajouter de fiches dans Sociétés\u00a0: il faut pour cela le niveau «\u00a0add\u00a0» sur Sociétés, et le rôle Viewer n’y a que «\u00a0view\u00a0».',
    ru: 'vera@example.com (Viewer) не может добавлять записи в справочник «Компании»: для этого в справочнике «Компании» нужен уровень «add», а у роли Viewer там только «view».',
  },
  {
    title: 'a special right missing (manageUsers)',
    as: 'vera',
    name: 'user.list',
    input: {},
    error: { code: 'E_FORBIDDEN', right: 'manageUsers' },
    en: 'vera@example.com (Viewer) may not do this: it needs the right "manageUsers", which the role Viewer does not have.',
    fr: 'vera@example.com (Viewer) ne peut pas faire cela\u00a0: il faut le droit «\u00a0manageUsers\u00a0», que le rôle Viewer n’a pas.',
    ru: 'vera@example.com (Viewer) не может это сделать: нужно право «manageUsers», а у роли Viewer его нет.',
  },
  {
    title: 'another person\'s record (full needed)',
    as: 'mona',
    name: 'record.update',
    input: { directory: 'companies', id: 'CO-000001', values: { name: 'Acme SA' } },
    error: { code: 'E_FORBIDDEN', right: 'full', directory: 'companies', value: 'CO-000001' },
    en: 'mona@example.com (Manager) may not edit CO-000001 in Companies: it is ada@example.com\'s, and changing others\' records needs "full" (the role Manager has "add").',
    fr: 'mona@example.com (Manager) ne peut pas modifier CO-000001 dans Sociétés\u00a0: cette fiche est à ada@example.com, et modifier les fiches des autres demande le niveau «\u00a0full\u00a0» (le rôle Manager a «\u00a0add\u00a0»).',
    ru: 'mona@example.com (Manager) не может менять CO-000001 в справочнике «Компании»: это запись пользователя ada@example.com, а для изменения чужих записей нужен уровень «full» (у роли Manager — «add»).',
  },
  {
    title: 'no delete right on the directory',
    as: 'mona',
    name: 'record.delete',
    input: { directory: 'companies', id: 'CO-000001' },
    error: { code: 'E_FORBIDDEN', right: 'delete', directory: 'companies' },
    en: 'mona@example.com (Manager) may not delete records from Companies: the role Manager has no delete right there.',
    fr: 'mona@example.com (Manager) ne peut pas supprimer de fiches dans Sociétés\u00a0: le rôle Manager n’y a pas le droit de supprimer.',
    ru: 'mona@example.com (Manager) не может удалять записи из справочника «Компании»: у роли Manager там нет права удаления.',
  },
  {
    title: 'an option a command without options does not take',
    as: 'admin',
    name: 'me',
    input: { colour: 'red' },
    error: { code: 'E_BAD_INPUT', field: 'colour', value: 'red' },
    en: 'colour: expected no such option (known: none), got "red".',
    fr: 'colour\u00a0: option inconnue (il n’y a pas d’option ici), reçu "red".',
    ru: 'colour: неизвестный параметр (здесь параметров нет), получено "red".',
  },
  {
    title: 'an unknown option, naming the known ones',
    as: 'admin',
    name: 'record.list',
    input: { directory: 'companies', colour: 'red' },
    error: { code: 'E_BAD_INPUT', field: 'colour', value: 'red' },
    en: 'colour: expected no such option (known: directory, where), got "red".',
    fr: 'colour\u00a0: option inconnue (options possibles\u00a0: directory, where), reçu "red".',
    ru: 'colour: неизвестный параметр (возможные: directory, where), получено "red".',
  },
  {
    title: 'a value not among the allowed ones',
    as: 'admin',
    name: 'role.grant',
    input: { role: 'Viewer', directory: 'companies', level: 'all' },
    error: { code: 'E_BAD_INPUT', field: 'level', value: 'all' },
    en: 'level: expected one of none, view, own, add, full, got "all".',
    fr: 'level\u00a0: attendu l’une des valeurs none, view, own, add, full, reçu "all".',
    ru: 'level: ожидается одно из значений none, view, own, add, full, получено "all".',
  },
  {
    title: 'a required option missing',
    as: 'admin',
    name: 'user.add',
    input: {},
    error: { code: 'E_BAD_INPUT', field: 'id' },
    en: 'id: expected a non-empty string, got nothing.',
    fr: 'id\u00a0: attendu un texte non vide, rien reçu.',
    ru: 'id: ожидается непустая строка, но ничего не передано.',
  },
  {
    title: 'an unknown command',
    as: 'admin',
    name: 'nope',
    input: {},
    error: { code: 'E_UNKNOWN_COMMAND', value: 'nope' },
    en: 'No command named "nope".',
    fr: 'Aucune commande ne s’appelle «\u00a0nope\u00a0».',
    ru: 'Команды «nope» нет.',
  },
  {
    title: 'deactivating the last admin',
    as: 'admin',
    name: 'user.update',
    input: { id: 'ada@example.com', active: false },
    error: { code: 'E_FORBIDDEN', field: 'users' },
    en: 'The last admin cannot be removed, deactivated or given another role: make someone else an admin first.',
    fr: 'Le dernier administrateur ne peut être ni retiré, ni désactivé, ni changer de rôle\u00a0: faites d’abord de quelqu’un d’autre un administrateur.',
    ru: 'Последнего администратора нельзя удалить, отключить или перевести на другую роль: сначала сделайте администратором кого-то ещё.',
  },
  {
    title: 'an unknown user',
    as: 'admin',
    name: 'user.remove',
    input: { id: 'zed@example.com' },
    error: { code: 'E_NOT_FOUND', field: 'id', value: 'zed@example.com' },
    en: 'zed@example.com has no account here.',
    fr: 'zed@example.com n’a pas de compte ici.',
    ru: 'У zed@example.com здесь нет учётной записи.',
  },
  {
    title: 'a role someone still has',
    as: 'admin',
    name: 'role.remove',
    input: { name: 'Viewer' },
    error: { code: 'E_IN_USE', field: 'role', value: 'Viewer' },
    en: 'vera@example.com still has the role Viewer: give them another first.',
    fr: 'vera@example.com a encore le rôle Viewer\u00a0: donnez-lui d’abord un autre rôle.',
    ru: 'У vera@example.com всё ещё роль Viewer: сначала назначьте другую.',
  },
  {
    title: 'changing the admins\' role',
    as: 'admin',
    name: 'role.grant',
    input: { role: 'Admin', directory: 'companies', level: 'view' },
    error: { code: 'E_FORBIDDEN', field: 'role', value: 'Admin', right: 'manageUsers' },
    en: 'The role Admin is the admins\': it keeps full rights everywhere.',
    fr: 'Le rôle Admin est celui des administrateurs\u00a0: il garde tous les droits partout.',
    ru: 'Роль Admin — роль администраторов: у неё везде полные права.',
  },
  {
    title: 'a preview of a preview',
    as: 'admin',
    name: 'preview',
    input: { command: 'preview' },
    error: { code: 'E_BAD_INPUT', field: 'command', value: 'preview' },
    en: 'A preview cannot preview itself.',
    fr: 'Un aperçu ne peut pas porter sur lui-même.',
    ru: 'Предпросмотр не может показать сам себя.',
  },
  {
    title: 'a preview of an unknown command',
    as: 'admin',
    name: 'preview',
    input: { command: 'nope' },
    error: { code: 'E_UNKNOWN_COMMAND', field: 'command', value: 'nope' },
    en: 'No command named "nope".',
    fr: 'Aucune commande ne s’appelle «\u00a0nope\u00a0».',
    ru: 'Команды «nope» нет.',
  },
  {
    title: 'a date the audit log cannot read',
    as: 'admin',
    name: 'audit.list',
    input: { since: 'yesterday' },
    error: { code: 'E_BAD_INPUT', field: 'since', value: 'yesterday' },
    en: 'since: expected a date as YYYY-MM-DD (or YYYY-MM-DD hh:mm), got "yesterday".',
    fr: 'since\u00a0: attendu une date au format AAAA-MM-JJ (ou AAAA-MM-JJ hh:mm), reçu "yesterday".',
    ru: 'since: ожидается дата в виде ГГГГ-ММ-ДД (или ГГГГ-ММ-ДД чч:мм), получено "yesterday".',
  },
];

const LANGS: Lang[] = ['en', 'fr', 'ru'];

describe('access messages in every language', () => {
  const actors: Record<Who, Context> = {} as Record<Who, Context>;

  beforeAll(async () => {
    // An English workbook: the language comes from the context, as the sidebar or `--lang` gives it.
    const wb = new MemoryWorkbook({ id: 'ada@example.com', name: 'Ada' });
    const admin: Context = { wb, now: () => 46357 };
    await ok(admin, 'crm.setup', { lang: 'en' });
    await ok(admin, 'user.add', { id: 'mona@example.com', name: 'Mona', role: 'Manager' });
    await ok(admin, 'user.add', { id: 'vera@example.com', name: 'Vera', role: 'Viewer' });
    await ok(admin, 'company.create', { values: { name: 'Acme', owner: 'ada@example.com' } });
    actors.admin = admin;
    actors.mona = { ...admin, actor: { id: 'mona@example.com', name: 'Mona' } };
    actors.vera = { ...admin, actor: { id: 'vera@example.com', name: 'Vera' } };
  });

  describe.each(CASES)('$title ($name)', (c) => {
    it.each(LANGS)('in %s', async (lang) => {
      expect(await refused({ ...actors[c.as], lang }, c.name, c.input)).toEqual({ ...c.error, message: c[lang] });
    });
  });

  it('speaks the workbook’s language when the host does not say one', async () => {
    const wb = new MemoryWorkbook({ id: 'ada@example.com', name: 'Ada' });
    const admin: Context = { wb, now: () => 46357 };
    await ok(admin, 'crm.setup', { lang: 'ru' });
    expect(await refused(admin, 'nope', {})).toEqual({ code: 'E_UNKNOWN_COMMAND', value: 'nope', message: 'Команды «nope» нет.' });
    expect(await refused({ ...admin, lang: 'en' }, 'nope', {})).toEqual({ code: 'E_UNKNOWN_COMMAND', value: 'nope', message: 'No command named "nope".' });
  });
});

describe('turning the recording of hand edits on, outside a command', () => {
  const refusal = (lang: Lang) =>
    speaking(lang, async () => {
      try {
        requireHandEditsAdmin(initialModel({ id: 'ada@example.com', name: 'Ada' }), { id: 'mona@example.com', name: 'Mona' });
      } catch (e) {
        if (e instanceof CarnetError) return e.data;
        throw e;
      }
      throw new Error('not refused');
    });

  it('names the right the person lacks (a newcomer has the Viewer role) in their language', async () => {
    await loadMessages('fr');
    await loadMessages('ru');
    const data = { code: 'E_FORBIDDEN', right: 'manageUsers', value: 'mona@example.com' };
    expect(await refusal('en')).toEqual({ ...data, message: 'mona@example.com may not turn the recording of hand edits on or off: that needs the right "manageUsers", which admins have.' });
    expect(await refusal('fr')).toEqual({
      ...data,
      message: 'mona@example.com ne peut pas activer ni désactiver l’enregistrement des modifications faites à la main\u00a0: il faut pour cela le droit «\u00a0manageUsers\u00a0», qu’ont les administrateurs.',
    });
    expect(await refusal('ru')).toEqual({
      ...data,
      message: 'mona@example.com не может включать и выключать запись ручных правок: для этого требуется право «manageUsers», как у администраторов.',
    });
  });
});
