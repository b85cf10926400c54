/**
 * The three templates Carnet makes itself for the default CRM, in the workbook's language: an
 * invoice, a price list and a contract. Their tags are the default CRM's labels in that language
 * (read from default-crm.ts, so a label changed there changes here) — a field's key where its
 * label is no tag name (French "SIRET / N° TVA" is `{tax_id}`, see tag-parse.ts) — and the
 * computed values' names (computed-names.ts); a team downloads one, edits it in Word, and
 * uploads it again.
 *
 * - Invoice (companies): the seller line, "Invoice {Number}", the date, the company's name,
 *   address, city and tax ID, its contacts (one paragraph each), its sales as a table-row loop
 *   (Date, Product, Quantity, Unit price, Amount), the total and the total in words.
 * - Price list (companies: the client the prices are for): every product, Code / Name / Unit
 *   price, as a table-row loop over `{#Products}`, the products directory's whole list, which
 *   data.ts offers at the root of a record that no product refers to.
 * - Contract (companies): the parties, the client's contacts, subject, amount (in figures and in
 *   words), term, the client's details and the signatures.
 *
 * A table-row loop opens in the row's first cell and closes in its last (`{#Sales}{Date}` …
 * `{Amount}{/Sales}`): docxtemplater then repeats the whole row. A paragraph loop has its opening
 * and closing tags in paragraphs of their own around the repeated paragraph. The seller's details
 * are a bracketed placeholder line the team replaces with its own: the CRM does not hold them.
 */

import { defaultCrmSchema } from '../schema/default-crm.js';
import type { Lang } from '../schema/types.js';
import { COMPUTED_NAMES } from './computed-names.js';
import { buildDocx, heading, paragraph, type Block, type TableBlock } from './docx-writer.js';
import { isTagError, parseTag } from './tag-parse.js';

export interface BuiltinTemplate {
  name: string;
  /** Directory key the template fills from. */
  directory: string;
  /** Output file-name pattern, tags as in the document. */
  fileName: string;
  bytes: Uint8Array;
}

/** The words of the built-ins that are not tags, per language. */
const WORDS: Record<Lang, {
  invoice: string; priceList: string; contract: string;
  colon: string; seller: string; us: string; ourCompany: string; invoiceTitle: string; date: string; billTo: string; contact: string; inWords: string;
  priceFor: string; pricesAsOf: string;
  contractTitle: string; parties: (client: string) => string; subject: [string, string]; amount: (total: string, words: string) => [string, string];
  term: (date: string) => [string, string]; details: string; signatures: string; forSupplier: string; forClient: string;
}> = {
  en: {
    invoice: 'Invoice', priceList: 'Price list', contract: 'Contract',
    colon: ': ', seller: 'Seller: ', us: '[Your company]', ourCompany: '[Your company] · [address] · [phone] · [tax ID]',
    invoiceTitle: 'Invoice', date: 'Date: ', billTo: 'Bill to', contact: 'Contact: ', inWords: 'Amount in words: ',
    priceFor: 'For ', pricesAsOf: 'Prices as of ',
    contractTitle: 'Contract No.',
    parties: (client) => `Between [Your company], hereinafter “the Supplier”, and ${client}, hereinafter “the Client”, represented by:`,
    subject: ['1. Subject', 'The Supplier supplies the Client with the goods and services the Client orders, at the prices of the Supplier’s price list.'],
    amount: (total, words) => ['2. Amount', `The amount of this contract is ${total} (${words}).`],
    term: (date) => ['3. Term', `This contract takes effect on ${date} and remains in force for one year.`],
    details: "4. The Client's details", signatures: 'Signatures', forSupplier: 'For the Supplier', forClient: 'For the Client',
  },
  fr: {
    invoice: 'Facture', priceList: 'Tarifs', contract: 'Contrat',
    colon: '\u00a0: ', seller: 'Vendeur\u00a0: ', us: '[Votre société]', ourCompany: '[Votre société] · [adresse] · [téléphone] · [SIRET]',
    invoiceTitle: 'Facture', date: 'Date\u00a0: ', billTo: 'Client', contact: 'Contact\u00a0: ', inWords: 'Montant en toutes lettres\u00a0: ',
    priceFor: 'Pour ', pricesAsOf: 'Prix au ',
    contractTitle: 'Contrat n°',
    parties: (client) => `Entre [Votre société], ci-après «\u00a0le Fournisseur\u00a0», et ${client}, ci-après «\u00a0le Client\u00a0», représentée par\u00a0:`,
    subject: ['1. Objet', 'Le Fournisseur fournit au Client les biens et services que celui-ci commande, aux prix de ses tarifs.'],
    amount: (total, words) => ['2. Montant', `Le montant du présent contrat est de ${total} (${words}).`],
    term: (date) => ['3. Durée', `Le présent contrat prend effet le ${date} pour une durée d’un an.`],
    details: '4. Coordonnées du Client', signatures: 'Signatures', forSupplier: 'Pour le Fournisseur', forClient: 'Pour le Client',
  },
  ru: {
    invoice: 'Счёт', priceList: 'Прайс-лист', contract: 'Договор',
    colon: ': ', seller: 'Поставщик: ', us: '[Ваша организация]', ourCompany: '[Ваша организация] · [адрес] · [телефон] · [ИНН]',
    invoiceTitle: 'Счёт №', date: 'Дата: ', billTo: 'Покупатель', contact: 'Контакт: ', inWords: 'Сумма прописью: ',
    priceFor: 'Для: ', pricesAsOf: 'Цены на ',
    contractTitle: 'Договор №',
    parties: (client) => `[Ваша организация], именуемая в дальнейшем «Поставщик», и ${client}, именуемое в дальнейшем «Покупатель», в лице:`,
    subject: ['1. Предмет договора', 'Поставщик поставляет Покупателю товары и услуги, которые Покупатель заказывает, по ценам прайс-листа Поставщика.'],
    amount: (total, words) => ['2. Сумма договора', `Сумма настоящего договора составляет ${total} (${words}).`],
    term: (date) => ['3. Срок действия', `Договор вступает в силу ${date} и действует один год.`],
    details: '4. Реквизиты Покупателя', signatures: 'Подписи сторон', forSupplier: 'От Поставщика', forClient: 'От Покупателя',
  },
};

/** The default CRM's names in one language: `{label}` tags of fields and lists, and the computed values. */
function vocabulary(lang: Lang) {
  const schema = defaultCrmSchema(lang);
  const dir = (key: string) => schema.directories.find((d) => d.key === key)!;
  const label = (directory: string, field: string) => dir(directory).fields.find((f) => f.key === field)!.labels[lang];
  /** The label, or the key where the label is not a tag's name ("SIRET / N° TVA", "Эл. почта"). */
  const name = (directory: string, field: string) => {
    const parsed = parseTag(label(directory, field));
    return !isTagError(parsed) && parsed.path.length === 1 ? label(directory, field) : field;
  };
  return {
    label,
    tag: (directory: string, field: string) => `{${name(directory, field)}}`,
    list: (directory: string) => dir(directory).labels[lang],
    today: `{${COMPUTED_NAMES.today[lang]}|long}`,
    number: `{${COMPUTED_NAMES.number[lang]}}`,
    total: `{${COMPUTED_NAMES.total[lang]}}`,
    totalWords: `{${COMPUTED_NAMES.total[lang]}|words}`,
  };
}

type Vocabulary = ReturnType<typeof vocabulary>;

const small = (text: string) => paragraph([{ text, italic: true, size: 9 }]);

/** `{#List}` / the paragraphs / `{/List}`: each record of the list gets the paragraphs. */
function paragraphLoop(list: string, body: Block[]): Block[] {
  return [paragraph(`{#${list}}`), ...body, paragraph(`{/${list}}`)];
}

/** The company's contacts, one paragraph each: "Full name, Job title". */
function contacts(v: Vocabulary, prefix = ''): Block[] {
  // The job title, and its comma, only when the contact has one.
  const position = v.tag('contacts', 'position');
  const section = position.slice(1, -1);
  return paragraphLoop(v.list('contacts'), [paragraph(`${prefix}${v.tag('contacts', 'name')}{#${section}}, ${position}{/${section}}`)]);
}

function invoice(lang: Lang, v: Vocabulary): Block[] {
  const w = WORDS[lang];
  const sales = v.list('sales');
  const column = (field: string) => v.label('sales', field);
  const lines: TableBlock = {
    kind: 'table',
    header: [column('date'), column('product'), column('quantity'), column('unit_price'), column('amount')],
    rows: [
      [`{#${sales}}${v.tag('sales', 'date')}`, v.tag('sales', 'product'), v.tag('sales', 'quantity'), v.tag('sales', 'unit_price'), `${v.tag('sales', 'amount')}{/${sales}}`],
      ['', '', '', [paragraph([{ text: COMPUTED_NAMES.total[lang], bold: true }], { align: 'right' })], [paragraph([{ text: v.total, bold: true }], { align: 'right' })]],
    ],
    widths: [2.5, 4, 2.2, 2.4, 2.9],
    align: [undefined, undefined, 'right', 'right', 'right'],
  };
  return [
    small(`${w.seller}${w.ourCompany}`),
    heading(`${w.invoiceTitle} ${v.number}`, 1),
    paragraph(`${w.date}${v.today}`),
    heading(w.billTo, 2),
    paragraph([{ text: v.tag('companies', 'name'), bold: true }]),
    paragraph(v.tag('companies', 'address')),
    paragraph(v.tag('companies', 'city')),
    paragraph(`${v.label('companies', 'tax_id')}${w.colon}${v.tag('companies', 'tax_id')}`),
    ...contacts(v, w.contact),
    lines,
    paragraph(`${w.inWords}${v.totalWords}`),
  ];
}

function priceList(lang: Lang, v: Vocabulary): Block[] {
  const w = WORDS[lang];
  const products = v.list('products');
  const column = (field: string) => v.label('products', field);
  return [
    small(`${w.seller}${w.ourCompany}`),
    heading(w.priceList, 1),
    paragraph([{ text: w.priceFor }, { text: v.tag('companies', 'name'), bold: true }]),
    paragraph(`${w.pricesAsOf}${v.today}`),
    {
      kind: 'table',
      header: [column('code'), column('name'), column('unit_price')],
      rows: [[`{#${products}}${v.tag('products', 'code')}`, v.tag('products', 'name'), `${v.tag('products', 'unit_price')}{/${products}}`]],
      widths: [2, 6, 2],
      align: [undefined, undefined, 'right'],
    },
  ];
}

function contract(lang: Lang, v: Vocabulary): Block[] {
  const w = WORDS[lang];
  const c = (field: string) => v.tag('companies', field);
  const client = `${c('name')}, ${c('address')}, ${c('city')}, ${v.label('companies', 'tax_id')} ${c('tax_id')}`;
  const section = ([title, text]: [string, string]): Block[] => [heading(title, 2), paragraph(text, { align: 'justify' })];
  const detail = (field: string) => [v.label('companies', field), c(field)];
  return [
    heading(`${w.contractTitle} ${v.number}`, 1, { align: 'center' }),
    paragraph(v.today, { align: 'right' }),
    paragraph(w.parties(client), { align: 'justify' }),
    ...contacts(v),
    ...section(w.subject),
    ...section(w.amount(v.total, v.totalWords)),
    ...section(w.term(v.today)),
    heading(w.details, 2),
    { kind: 'table', rows: ['name', 'address', 'city', 'phone', 'tax_id'].map(detail), widths: [1, 3] },
    heading(w.signatures, 2),
    {
      kind: 'table',
      borders: false,
      rows: [
        [[paragraph([{ text: w.forSupplier, bold: true }])], [paragraph([{ text: w.forClient, bold: true }])]],
        [w.us, c('name')],
        ['\n______________________', '\n______________________'],
      ],
    },
  ];
}

/** The built-ins in the workbook's language, each a .docx and where it applies. */
export function builtinTemplates(lang: Lang): BuiltinTemplate[] {
  const v = vocabulary(lang);
  const w = WORDS[lang];
  const name = v.tag('companies', 'name');
  const make = (title: string, fileName: string, blocks: Block[]): BuiltinTemplate => ({
    name: title,
    directory: 'companies',
    fileName,
    bytes: buildDocx(blocks, { title, lang }),
  });
  return [
    make(w.invoice, `${w.invoice} ${v.number} ${name}.docx`, invoice(lang, v)),
    make(w.priceList, `${w.priceList} ${name}.docx`, priceList(lang, v)),
    make(w.contract, `${w.contract} ${v.number} ${name}.docx`, contract(lang, v)),
  ];
}
