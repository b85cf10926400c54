/** French demo vocabulary: companies across mainland France. */

import type { Random } from '../random.js';
import { siret } from '../tax-id.js';
import type { DemoCity, Vocabulary } from '../vocabulary.js';

/** ARCEP reserves one block per region for fiction: 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49. */
const FICTION: Record<number, string> = {
  1: '+33 1 99 00 XX XX',
  2: '+33 2 61 91 XX XX',
  3: '+33 3 53 01 XX XX',
  4: '+33 4 65 71 XX XX',
  5: '+33 5 36 49 XX XX',
};
/** ARCEP's fictional mobile block, 06 39 98. */
const MOBILES = ['+33 6 39 98 XX XX'];

const city = (name: string, region: number): DemoCity => ({
  name,
  country: 'France',
  phones: [FICTION[region]],
  mobiles: MOBILES,
});

const STREETS = [
  'rue de la République', 'avenue Jean-Jaurès', 'boulevard Victor-Hugo', 'rue Pasteur', 'rue du Général-de-Gaulle',
  'place de la Mairie', 'rue des Écoles', 'avenue de la Gare', 'rue Nationale', 'rue Gambetta', 'rue Voltaire',
  'chemin des Vignes', 'allée des Tilleuls', 'rue du Commerce', 'impasse des Lilas',
];

function address(rng: Random): string {
  const number = `${rng.int(1, 180)}${rng.chance(0.08) ? ' bis' : ''}`;
  return `${number} ${rng.pick(STREETS)}`;
}

export const fr: Vocabulary = {
  cities: [
    city('Paris', 1),
    city('Lyon', 4),
    city('Marseille', 4),
    city('Toulouse', 5),
    city('Bordeaux', 5),
    city('Nantes', 2),
    city('Rennes', 2),
    city('Angers', 2),
    city('Lille', 3),
    city('Strasbourg', 3),
    city('Dijon', 3),
    city('Nice', 4),
    city('Montpellier', 4),
    city('Grenoble', 4),
  ],
  people: {
    male: [
      'Thomas', 'Nicolas', 'Julien', 'Antoine', 'Pierre', 'Lucas', 'Hugo', 'Maxime', 'Mathieu', 'Olivier',
      'Laurent', 'Philippe', 'Éric', 'Sébastien', 'Vincent', 'François', 'Jérôme', 'Guillaume',
    ],
    female: [
      'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Claire', 'Nathalie', 'Isabelle',
      'Sophie', 'Céline', 'Aurélie', 'Hélène', 'Élodie', 'Margaux', 'Sandrine',
    ],
    last: [
      'Martin', 'Bernard', 'Dubois', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
      'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Fournier', 'Morel', 'Girard',
      'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'Legrand', 'Faure', 'Rousseau', 'Blanc', 'Guérin',
    ],
    feminine: (last) => last,
  },
  team: [
    ['Camille', 'Laurent'],
    ['Julien', 'Petit'],
    ['Sophie', 'Garnier'],
    ['Nicolas', 'Faure'],
  ],
  company: {
    heads: [
      { text: 'Librairie', industry: 0 },
      { text: 'Quincaillerie', industry: 0 },
      { text: 'Garage', industry: 0 },
      { text: 'Boulangerie', industry: 1 },
      { text: 'Fromagerie', industry: 1 },
      { text: 'Traiteur', industry: 1 },
      { text: 'Menuiserie', industry: 2 },
      { text: 'Maçonnerie', industry: 2 },
      { text: 'Électricité', industry: 2 },
      { text: 'Cabinet', industry: 3 },
      { text: 'Fiduciaire', industry: 3 },
      { text: 'Pharmacie', industry: 4 },
      { text: 'Clinique', industry: 4 },
      { text: 'Infogérance', industry: 5 },
      { text: 'Fonderie', industry: 6 },
      { text: 'Chaudronnerie', industry: 6 },
      { text: 'Transports', industry: 7 },
      { text: 'Messageries', industry: 7 },
      { text: 'Hôtel', industry: 8 },
      { text: 'Brasserie', industry: 8 },
      { text: 'Imprimerie', industry: 9 },
      { text: 'Agence', industry: 9 },
    ],
    tails: [
      'Martin', 'Bernard', 'Dubois', 'Moreau', 'Girard', 'Fournier', 'Roux', 'Bonnet', 'Lambert', 'Fontaine',
      'Rousseau', 'Chevalier', 'Perrin', 'Mercier', 'Blanchard', 'Gauthier', 'Masson', 'Marchand', 'Duval',
      'Lemoine', 'du Lac', 'des Alpes', 'de la Loire', 'du Port', 'Saint-Michel', 'du Centre', 'de l’Ouest',
      'des Tilleuls', 'du Moulin', 'Beauséjour',
    ].map((text) => ({ text })),
    separator: ' ',
    phrases: [],
    legalForms: [
      ['', 3],
      ['SARL', 3],
      ['SAS', 3],
      ['SA', 1],
    ],
    fullName: (base, legalForm) => (legalForm ? `${base} ${legalForm}` : base),
    mailboxes: ['contact', 'accueil', 'commercial'],
    address,
    taxId: siret,
    remarks: [
      'Préfère être contacté par e-mail.',
      'Paie par virement à 30 jours.',
      'Fermé les deux premières semaines d’août.',
      'Livraisons par l’entrée de service uniquement.',
      'Exige un numéro de bon de commande sur chaque facture.',
    ],
  },
  industries: [
    'Commerce',
    'Alimentation',
    'BTP',
    'Conseil et services',
    'Santé',
    'Informatique',
    'Industrie',
    'Transport et logistique',
    'Hôtellerie-restauration',
    'Communication',
  ],
  segments: { vip: 'VIP', regular: 'Standard', wholesale: 'Grossiste' },
  incomeSources: ['Recommandation', 'Site web', 'Salon', 'Prospection téléphonique', 'Réseaux sociaux', 'Publicité'],
  positions: [
    'PDG',
    'Gérant',
    'Responsable commercial',
    'Responsable achats',
    'Office manager',
    'Comptable',
    'Directeur des opérations',
    'Responsable marketing',
  ],
  contactRemarks: ['Joignable plutôt le matin.', 'Valide les grosses commandes.', 'Parle anglais et allemand.'],
  notes: {
    withContact: [
      'Appel avec {contact} au sujet de la commande de printemps ; devis à envoyer d’ici vendredi.',
      '{contact} demande une remise sur volume pour {product}. À voir avec la direction.',
      'Nouvelle grille tarifaire envoyée à {contact}.',
      'Rendez-vous avec {contact} dans leurs locaux : renouvellement prévu avant la fin de l’année.',
      '{contact} signale un carton abîmé à la dernière livraison ; remplacement expédié.',
      'Message laissé à {contact}, à rappeler demain.',
      'Démonstration de {product} à {contact} : bon accueil, relance la semaine prochaine.',
      '{contact} confirme le paiement de la facture.',
    ],
    general: [
      'Point trimestriel : volumes en hausse, client satisfait.',
      'Livraison retardée de deux jours ; client prévenu.',
      'Devis envoyé pour {product}.',
      'Nouveau responsable des achats le mois prochain : demander une présentation.',
      'Paiement en retard de 10 jours ; relance envoyée.',
      'Demande d’échantillons : {product}.',
    ],
  },
  saleComments: ['Livraison urgente', 'Commande d’essai', 'Payé d’avance', 'Livré avec la commande précédente'],
  dealTopics: [
    'Renouvellement des licences',
    'Réaménagement des bureaux',
    'Commande de printemps',
    'Plan de formation',
    'Renouvellement du matériel',
    'Contrat café',
    'Contrat d’assistance',
    'Équipement de la nouvelle agence',
  ],
  tasks: {
    withContact: ['Rappeler {contact}', 'Envoyer le contrat à {contact}', 'Organiser une démo avec {contact}'],
    general: [
      'Envoyer un devis à {company}',
      'Relancer la facture impayée',
      'Confirmer la date de livraison',
      'Préparer le bilan annuel',
    ],
  },
  dealName: (company, topic) => `${company} — ${topic}`,
  quoteProduct: (name) => `« ${name} »`,
};
