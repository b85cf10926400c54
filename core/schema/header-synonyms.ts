/**
 * Recognising a team's own column headers: "Tél.", "N° SIRET", "Эл. почта", "Raison sociale".
 * Used by adoption (adopt.ts) to propose which column holds which field; never to bind columns
 * (binding stays by exact label, see records/directory-table.ts), so a wrong guess here costs a
 * look at the plan, never a wrong write.
 *
 * Three strengths of match, best first:
 * - `name`: the header is the field's key or label in any language, as binding would read it;
 * - `synonym`: the header equals a label or a known synonym once accents, case, spaces and
 *   punctuation are ignored ("Tél." = "tel", "E-mail" = "email");
 * - `partial`: every word of a label or synonym appears in the header ("Téléphone du standard"
 *   holds "téléphone"): a guess the plan only suggests, never maps on its own.
 */

import { fold } from './lookup.js';
import { LANGS, type FieldDef, type FieldType } from './types.js';

export type MatchKind = 'name' | 'synonym' | 'partial';

export interface HeaderMatch {
  kind: MatchKind;
  /** Higher is better; compares matches of different fields for the same column and vice versa. */
  score: number;
}

/**
 * Synonyms per field key of the default CRM, in the three languages Carnet speaks (plus the
 * English a French or Russian team often uses anyway). `directory.field` entries win over the bare
 * key: a "Company" column names the records of Companies but is a reference in Contacts.
 */
const SYNONYMS: Record<string, string[]> = {
  'companies.name': [
    'company', 'company name', 'business', 'organisation', 'organization', 'account', 'account name', 'client', 'client name', 'customer', 'customer name',
    'société', 'nom de la société', 'nom société', 'raison sociale', 'entreprise', 'nom entreprise', 'organisme', 'structure',
    'компания', 'название компании', 'организация', 'наименование организации', 'наименование', 'название', 'клиент', 'фирма', 'контрагент',
  ],
  'contacts.name': [
    'full name', 'name', 'contact', 'contact name', 'person',
    'nom complet', 'nom et prénom', 'nom prénom', 'prénom nom', 'interlocuteur',
    'фио', 'имя фамилия', 'фамилия имя', 'контакт', 'контактное лицо',
  ],
  'products.name': ['product', 'product name', 'item', 'article', 'produit', 'désignation', 'libellé', 'товар', 'наименование', 'название товара', 'продукт'],
  name: ['name', 'title', 'nom', 'libellé', 'intitulé', 'название', 'наименование'],
  first_name: ['first name', 'firstname', 'given name', 'forename', 'prénom', 'имя'],
  last_name: ['last name', 'lastname', 'surname', 'family name', 'nom de famille', 'фамилия'],
  company: [
    'company', 'organisation', 'organization', 'account', 'client', 'customer', 'employer',
    'société', 'entreprise', 'compagnie', 'raison sociale', 'компания', 'организация', 'клиент', 'фирма', 'контрагент',
  ],
  position: ['job title', 'title', 'position', 'role', 'fonction', 'poste', 'titre', 'должность'],
  phone: [
    'phone', 'telephone', 'tel', 'phone number', 'landline', 'office phone', 'work phone',
    'téléphone', 'tél', 'numéro de téléphone', 'tél fixe', 'fixe', 'standard',
    'телефон', 'тел', 'номер телефона', 'рабочий телефон', 'городской телефон',
  ],
  mobile: [
    'mobile', 'mobile phone', 'cell', 'cell phone', 'cellphone',
    'portable', 'téléphone portable', 'tél portable', 'gsm',
    'мобильный', 'мобильный телефон', 'сотовый', 'моб', 'моб тел',
  ],
  email: [
    'email', 'e-mail', 'mail', 'email address', 'e-mail address',
    'courriel', 'adresse mail', 'adresse e-mail', 'adresse email', 'mél',
    'эл почта', 'электронная почта', 'почта', 'емейл', 'имейл', 'email адрес',
  ],
  address: ['address', 'street', 'street address', 'postal address', 'adresse', 'adresse postale', 'rue', 'адрес', 'юридический адрес', 'фактический адрес', 'почтовый адрес'],
  city: ['city', 'town', 'ville', 'commune', 'localité', 'город', 'населенный пункт'],
  country: ['country', 'pays', 'страна'],
  industry: ['industry', 'sector', 'activity', 'secteur', "secteur d'activité", 'activité', 'branche', 'отрасль', 'сфера деятельности', 'сфера'],
  segment: ['segment', 'category', 'catégorie', 'сегмент', 'категория'],
  income_source: ['source', 'lead source', 'origin', 'channel', 'origine', 'provenance', 'canal', 'источник', 'канал', 'откуда узнал'],
  website: ['website', 'web site', 'site', 'url', 'web', 'homepage', 'site web', 'site internet', 'сайт', 'веб сайт'],
  tax_id: [
    'tax id', 'tax number', 'vat', 'vat number', 'vat id', 'ein',
    'siret', 'siren', 'n siret', 'numéro siret', 'tva', 'n tva', 'numéro de tva', 'tva intracommunautaire',
    'инн', 'инн организации',
  ],
  discount: ['discount', 'remise', 'réduction', 'скидка'],
  owner: ['owner', 'account manager', 'manager', 'sales rep', 'salesperson', 'responsable', 'commercial', 'suivi par', 'chargé de compte', 'ответственный', 'менеджер'],
  created: ['created', 'date created', 'creation date', 'created on', 'date de création', 'créé le', 'дата создания', 'создан'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'remarques', 'commentaires', 'commentaire', 'observations', 'примечания', 'примечание', 'комментарий', 'комментарии', 'заметки'],
  birthday: ['birthday', 'date of birth', 'dob', 'birth date', 'anniversaire', 'date de naissance', 'день рождения', 'дата рождения'],
  date: ['date', 'day', 'jour', 'дата'],
  amount: ['amount', 'total', 'sum', 'montant', 'total ttc', 'сумма', 'итого'],
  quantity: ['quantity', 'qty', 'quantité', 'qté', 'количество', 'кол во'],
  unit_price: ['unit price', 'price', 'prix', 'prix unitaire', 'pu', 'цена', 'цена за единицу'],
  comment: ['comment', 'comments', 'remark', 'commentaire', 'remarque', 'комментарий', 'примечание'],
  code: ['code', 'sku', 'reference', 'ref', 'référence', 'réf', 'артикул', 'код'],
  stage: ['stage', 'status', 'étape', 'statut', 'этап', 'статус', 'стадия'],
  expected_close: ['expected close', 'close date', 'clôture prévue', 'date de clôture', 'плановое закрытие', 'дата закрытия'],
  title: ['task', 'title', 'subject', 'tâche', 'objet', 'задача', 'тема'],
  due: ['due', 'due date', 'deadline', 'échéance', 'date limite', 'срок', 'дедлайн'],
  assignee: ['assignee', 'assigned to', 'attribuée à', 'responsable', 'исполнитель'],
  done: ['done', 'completed', 'terminée', 'fait', 'выполнена', 'готово'],
};

/** For fields of an admin's own directories: a field typed email is probably the "Courriel" column. */
const BY_TYPE: Partial<Record<FieldType, string>> = { email: 'email', phone: 'phone', url: 'website' };

/** Accents, case, punctuation and spacing removed: "N° SIRET " → "n siret", "Эл. почта" → "эл почта". */
export function simplify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const compact = (s: string): string => simplify(s).replace(/ /g, '');

/** The words a field may be called by: key, labels in every language, synonyms. */
export function termsFor(dirKey: string, field: FieldDef): string[] {
  const synonyms = SYNONYMS[`${dirKey}.${field.key}`] ?? SYNONYMS[field.key] ?? SYNONYMS[BY_TYPE[field.type] ?? ''] ?? [];
  return [field.key.replace(/_/g, ' '), ...LANGS.map((l) => field.labels[l]), ...synonyms];
}

/** How well `header` names `field` of directory `dirKey`, or undefined when it does not. */
export function matchHeader(dirKey: string, field: FieldDef, header: string): HeaderMatch | undefined {
  const folded = fold(header);
  if ([field.key, ...LANGS.map((l) => field.labels[l])].some((n) => fold(n) === folded)) return { kind: 'name', score: 300 };
  const terms = termsFor(dirKey, field);
  const whole = compact(header);
  if (whole === '') return undefined;
  if (terms.some((t) => compact(t) === whole)) return { kind: 'synonym', score: 200 };
  const words = new Set(simplify(header).split(' '));
  let best: HeaderMatch | undefined;
  for (const t of terms) {
    const need = simplify(t).split(' ').filter(Boolean);
    if (need.length === 0 || !need.every((w) => words.has(w))) continue;
    // More of the header explained is better: "Tél. portable" is the mobile before it is a phone.
    const score = 100 + 10 * need.length - (words.size - need.length);
    if (!best || score > best.score) best = { kind: 'partial', score };
  }
  return best;
}
