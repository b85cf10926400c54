/** English demo vocabulary: mostly US companies, a few in the UK. */

import type { Random } from '../random.js';
import { ein } from '../tax-id.js';
import type { DemoCity, Vocabulary } from '../vocabulary.js';

/** NANP reserves 555-0100…555-0199 for fiction in every area code. */
const us = (name: string, area: string): DemoCity => {
  const phones = [`+1 ${area} 555 01XX`];
  return { name, country: 'United States', phones, mobiles: phones };
};

/** Ofcom's drama ranges; its 07700 900xxx mobiles fail validation, so UK contacts get no mobile. */
const uk = (name: string, pattern: string): DemoCity => ({ name, country: 'United Kingdom', phones: [pattern], mobiles: [] });

const STREETS = [
  'Market Street', 'Main Street', 'Oak Avenue', 'Park Road', 'High Street', 'Elm Street', 'Church Road',
  'Maple Avenue', 'Washington Street', 'Station Road', 'Lake Drive', 'River Road', 'Broadway', 'Mill Lane',
  'King Street', 'Cedar Lane',
];

function address(rng: Random): string {
  const street = `${rng.int(1, 2400)} ${rng.pick(STREETS)}`;
  return rng.chance(0.4) ? `${street}, Suite ${rng.int(1, 9)}${rng.int(0, 2)}${rng.int(0, 9)}` : street;
}

export const en: Vocabulary = {
  cities: [
    us('New York', '212'),
    us('Chicago', '312'),
    us('San Francisco', '415'),
    us('Boston', '617'),
    us('Seattle', '206'),
    us('Austin', '512'),
    us('Denver', '303'),
    us('Portland', '503'),
    us('Atlanta', '404'),
    us('Miami', '305'),
    us('Minneapolis', '612'),
    us('Philadelphia', '215'),
    uk('London', '+44 20 7946 0XXX'),
    uk('Manchester', '+44 161 496 0XXX'),
    uk('Edinburgh', '+44 131 496 0XXX'),
    uk('Bristol', '+44 117 496 0XXX'),
  ],
  people: {
    male: [
      'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Charles',
      'Daniel', 'Matthew', 'Anthony', 'Mark', 'Steven', 'Andrew', 'Kevin', 'Brian',
    ],
    female: [
      'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
      'Emily', 'Olivia', 'Emma', 'Sophia', 'Grace', 'Rachel', 'Laura', 'Megan',
    ],
    last: [
      'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson',
      'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
      'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson',
    ],
    feminine: (last) => last,
  },
  team: [
    ['Sarah', 'Miller'],
    ['James', 'Carter'],
    ['Emily', 'Brooks'],
    ['Daniel', 'Reed'],
  ],
  company: {
    heads: [
      'Northwind', 'Bluebird', 'Silver Oak', 'Redwood', 'Summit', 'Harbor', 'Granite', 'Evergreen', 'Pioneer',
      'Lakeside', 'Ironbridge', 'Maple Leaf', 'Cedar', 'Falcon', 'Riverbend', 'Copperfield', 'Westgate',
      'Highland', 'Sterling', 'Oakridge', 'Clearwater', 'Blue Ridge', 'Crescent', 'Keystone', 'Liberty',
      'Meridian', 'Horizon', 'Thistle', 'Brookside', 'Fairview',
    ].map((text) => ({ text })),
    tails: [
      { text: 'Outfitters', industry: 0 },
      { text: 'Home Goods', industry: 0 },
      { text: 'Books', industry: 0 },
      { text: 'Bakery', industry: 1 },
      { text: 'Coffee Roasters', industry: 1 },
      { text: 'Catering', industry: 1 },
      { text: 'Builders', industry: 2 },
      { text: 'Roofing', industry: 2 },
      { text: 'Electric', industry: 2 },
      { text: 'Consulting', industry: 3 },
      { text: 'Accounting', industry: 3 },
      { text: 'Legal Services', industry: 3 },
      { text: 'Dental', industry: 4 },
      { text: 'Health Clinic', industry: 4 },
      { text: 'Software', industry: 5 },
      { text: 'IT Solutions', industry: 5 },
      { text: 'Manufacturing', industry: 6 },
      { text: 'Metalworks', industry: 6 },
      { text: 'Logistics', industry: 7 },
      { text: 'Freight', industry: 7 },
      { text: 'Hotels', industry: 8 },
      { text: 'Inn', industry: 8 },
      { text: 'Media', industry: 9 },
      { text: 'Marketing', industry: 9 },
    ],
    separator: ' ',
    phrases: [],
    legalForms: [
      ['', 4],
      ['LLC', 3],
      ['Inc.', 2],
      ['& Co.', 1],
    ],
    fullName: (base, legalForm) => (legalForm ? `${base} ${legalForm}` : base),
    mailboxes: ['info', 'sales', 'hello', 'office'],
    address,
    taxId: ein,
    remarks: [
      'Prefers email to phone calls.',
      'Pays by bank transfer within 30 days.',
      'Closed the first two weeks of August.',
      'Deliveries to the back entrance only.',
      'Needs a purchase order number on every invoice.',
    ],
  },
  industries: [
    'Retail',
    'Food & beverage',
    'Construction',
    'Professional services',
    'Healthcare',
    'IT & software',
    'Manufacturing',
    'Transport & logistics',
    'Hospitality',
    'Marketing & media',
  ],
  segments: { vip: 'VIP', regular: 'Regular', wholesale: 'Wholesale' },
  incomeSources: ['Referral', 'Website', 'Trade fair', 'Cold call', 'Social media', 'Advertising'],
  positions: [
    'CEO',
    'Owner',
    'Sales manager',
    'Purchasing manager',
    'Office manager',
    'Accountant',
    'Operations director',
    'Marketing manager',
  ],
  contactRemarks: ['Best reached in the morning.', 'Signs off on large orders.', 'Speaks French and German.'],
  notes: {
    withContact: [
      'Called {contact} about the spring order; will send a quote by Friday.',
      '{contact} asked for a volume discount on {product}. Checking with management.',
      'Sent {contact} the updated price list.',
      'Met {contact} at their office: they plan to renew before year end.',
      '{contact} reported a damaged box in the last delivery; replacement shipped.',
      'Left a voicemail for {contact}, will try again tomorrow.',
      'Demo of {product} for {contact} went well; follow up next week.',
      '{contact} confirmed the invoice was paid.',
    ],
    general: [
      'Quarterly review: volumes up, happy with the service.',
      'Delivery delayed by two days; client informed.',
      'Sent a quote for {product}.',
      'New purchasing manager starts next month; ask for an introduction.',
      'Payment 10 days late; reminder sent.',
      'Asked for samples of {product}.',
    ],
  },
  saleComments: ['Urgent delivery', 'Trial order', 'Paid in advance', 'Shipped with the previous order'],
  dealTopics: [
    'Annual licence renewal',
    'Office refit',
    'Spring order',
    'Staff training programme',
    'Hardware upgrade',
    'Coffee supply contract',
    'Support contract',
    'New branch equipment',
  ],
  tasks: {
    withContact: ['Call {contact} back', 'Send the contract to {contact}', 'Book a demo with {contact}'],
    general: [
      'Send a quote to {company}',
      'Follow up on the unpaid invoice',
      'Confirm the delivery date',
      'Prepare the annual review',
    ],
  },
  dealName: (company, topic) => `${company} — ${topic}`,
  quoteProduct: (name) => name,
};
