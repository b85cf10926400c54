/** Companies and their contacts: the part of the demo every other directory hangs from. */

import { serialFromParts } from '../dates.js';
import { claimUnique, mailbox, slug } from './text.js';
import type { DemoCompany, DemoContact, DemoContext, DemoProductRecord, Row } from './model.js';
import { phoneFromPattern, row } from './model.js';
import type { Word } from './vocabulary.js';

interface CompanyBase {
  base: string;
  industry: number;
}

/**
 * Distinct base names in random order. Past the vocabulary's combinations (a few hundred), names
 * repeat with a number, `Summit Bakery 2`, so ten thousand companies stay unique.
 */
function companyBases(ctx: DemoContext, count: number): CompanyBase[] {
  const { rng, vocab } = ctx;
  const { heads, tails, separator, phrases } = vocab.company;
  const combined: Word[] = heads.flatMap((head) =>
    tails.map((tail) => ({ text: head.text + separator + tail.text, industry: tail.industry ?? head.industry })),
  );
  const pool = rng.shuffle([...phrases, ...combined]);
  const taken = new Set<string>();
  const bases: CompanyBase[] = [];
  for (let i = 0; i < count; i++) {
    const word = pool[i % pool.length];
    const round = Math.floor(i / pool.length);
    const candidate = round === 0 ? word.text : `${word.text} ${round + 1}`;
    bases.push({
      base: claimUnique(taken, [candidate]),
      industry: word.industry ?? rng.int(0, vocab.industries.length - 1),
    });
  }
  return bases;
}

export interface CompanyRows {
  companies: DemoCompany[];
  companyRows: Row[];
  contactRows: Row[];
}

export function generateCompanies(ctx: DemoContext, count: number, products: readonly DemoProductRecord[]): CompanyRows {
  const { rng, vocab, today, team } = ctx;
  const takenNames = new Set<string>();
  const takenTaxIds = new Set<string>();
  const takenContacts = new Set<string>();
  const companies: DemoCompany[] = [];
  const companyRows: Row[] = [];
  const contactRows: Row[] = [];

  for (const { base, industry } of companyBases(ctx, count)) {
    const name = claimUnique(takenNames, [vocab.company.fullName(base, rng.weighted(vocab.company.legalForms))]);
    const city = rng.pick(vocab.cities);
    const domain = `${slug(base) || 'company'}.example.com`;
    const segment = rng.weighted([
      [vocab.segments.vip, 15],
      [vocab.segments.regular, 60],
      [vocab.segments.wholesale, 15],
      [undefined, 10],
    ] as const);
    // A third became clients during the year, so "new clients" reports have something to show.
    const since = rng.chance(0.35) ? today - rng.int(30, 330) : today - 365 - rng.int(0, 1460);
    const company: DemoCompany = {
      name,
      base,
      domain,
      city,
      owner: rng.pick(team),
      discountPercent: rng.chance(0.1) ? rng.int(5, 15) : 0,
      wholesale: segment === vocab.segments.wholesale,
      since,
      contacts: [],
      usual: rng.shuffle(products).slice(0, rng.int(2, 5)),
    };
    companies.push(company);

    let taxId: string | undefined;
    if (rng.chance(0.85)) {
      do taxId = vocab.company.taxId(rng);
      while (takenTaxIds.has(taxId));
      takenTaxIds.add(taxId);
    }
    companyRows.push(
      row({
        name,
        city: city.name,
        industry: vocab.industries[industry],
        segment,
        income_source: rng.chance(0.9) ? rng.pick(vocab.incomeSources) : undefined,
        address: rng.chance(0.9) ? vocab.company.address(rng) : undefined,
        phone: rng.chance(0.95) ? phoneFromPattern(rng, rng.pick(city.phones)) : undefined,
        email: rng.chance(0.85) ? `${rng.pick(vocab.company.mailboxes)}@${domain}` : undefined,
        website: rng.chance(0.7) ? `https://www.${domain}` : undefined,
        tax_id: taxId,
        discount: company.discountPercent ? company.discountPercent / 100 : undefined,
        owner: company.owner,
        created: since,
        notes: rng.chance(0.25) ? rng.pick(vocab.company.remarks) : undefined,
      }),
    );

    const contactCount = rng.weighted([
      [1, 40],
      [2, 40],
      [3, 20],
    ] as const);
    for (let i = 0; i < contactCount; i++) {
      const contact = generateContact(ctx, company, takenContacts);
      company.contacts.push(contact.contact);
      contactRows.push(contact.row);
    }
  }
  return { companies, companyRows, contactRows };
}

function generateContact(ctx: DemoContext, company: DemoCompany, taken: Set<string>): { contact: DemoContact; row: Row } {
  const { rng, vocab } = ctx;
  const female = rng.chance(0.5);
  const first = rng.pick(female ? vocab.people.female : vocab.people.male);
  const last = female ? vocab.people.feminine(rng.pick(vocab.people.last)) : rng.pick(vocab.people.last);
  // Namesakes are told apart the way the schema's help text tells users to: by their company.
  const name = claimUnique(taken, [`${first} ${last}`, `${first} ${last} (${company.base})`]);
  const { city } = company;
  return {
    contact: { name, spoken: `${first} ${last}` },
    row: row({
      name,
      first_name: first,
      last_name: last,
      company: company.name,
      position: rng.chance(0.8) ? rng.pick(vocab.positions) : undefined,
      phone: rng.chance(0.6) ? phoneFromPattern(rng, rng.pick(city.phones)) : undefined,
      mobile: city.mobiles.length > 0 && rng.chance(0.7) ? phoneFromPattern(rng, rng.pick(city.mobiles)) : undefined,
      email: rng.chance(0.85) ? `${mailbox(first, last)}@${company.domain}` : undefined,
      birthday: rng.chance(0.3) ? serialFromParts(rng.int(1960, 2000), rng.int(1, 12), rng.int(1, 28)) : undefined,
      notes: rng.chance(0.1) ? rng.pick(vocab.contactRemarks) : undefined,
      owner: company.owner,
    }),
  };
}
