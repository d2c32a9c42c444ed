// The demo's calls for projects, per demo département: one open now and one decided last year,
// each serving fiches of the département's plan (libs/domain/data/demo/plans/<slug>.json). The
// texts are written for the demo; themes follow each plan's fiches.
import type { CallDocumentRequirement, CallQuestion, GridCriterion } from '@catalogue/contracts';

export interface DemoCallScenario {
  title: string;
  /** Short name of the action, for the projects' titles. */
  theme: string;
  context: string;
  /** Fiche numbers of the département's plan. */
  fiches: string[];
  envelopeEuros: number;
  eligiblePublics: string[];
}

export const DEMO_CALLS: Record<string, { open: DemoCallScenario; decided: DemoCallScenario }> = {
  drome: {
    open: {
      title: 'Mobilité solidaire et e-inclusion en secteur rural',
      theme: 'mobilité solidaire',
      context:
        'Dans les secteurs ruraux du département, l’absence de solution de transport et l’éloignement du numérique freinent l’accès à l’emploi des allocataires du RSA. Le Département soutient des actions de proximité : location sociale de véhicules, garages solidaires, aide au permis, ateliers numériques itinérants.\n\nLes projets s’adressent en priorité aux allocataires du RSA et aux jeunes en insertion, et s’appuient sur les partenaires du territoire.',
      fiches: ['17', '2'],
      envelopeEuros: 150_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux', 'jeunes'],
    },
    decided: {
      title: 'Accompagnement global et levée des freins périphériques',
      theme: 'accompagnement global',
      context:
        'Le Département finance des accompagnements qui traitent ensemble les difficultés de logement, de santé et de budget des allocataires du RSA, en lien avec le référent unique.',
      fiches: ['1', '3'],
      envelopeEuros: 90_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux'],
    },
  },
  isere: {
    open: {
      title: 'Remobilisation et pouvoir d’agir des allocataires du RSA',
      theme: 'remobilisation',
      context:
        'Le PDI-E soutient les actions collectives qui redonnent confiance et capacité d’agir aux allocataires éloignés de l’emploi : ateliers, chantiers éducatifs, pratiques culturelles et sportives, groupes d’entraide.',
      fiches: ['6', '5'],
      envelopeEuros: 200_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux'],
    },
    decided: {
      title: 'Sécuriser la reprise d’emploi : mobilité et garde d’enfants',
      theme: 'reprise d’emploi',
      context:
        'Lever les freins qui font échouer une reprise d’emploi : solutions de mobilité, modes de garde aux horaires atypiques, accompagnement dans les premières semaines.',
      fiches: ['8'],
      envelopeEuros: 120_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux', 'familles'],
    },
  },
  'saone-et-loire': {
    open: {
      title: 'Actions innovantes d’accès à l’emploi',
      theme: 'accès à l’emploi',
      context:
        'Le Département soutient des actions nouvelles qui rapprochent les bénéficiaires du RSA des employeurs du territoire : immersions, parrainage, découverte des métiers qui recrutent.',
      fiches: ['14', '16'],
      envelopeEuros: 100_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux', 'demandeurs-emploi'],
    },
    decided: {
      title: 'Lutte contre l’illettrisme des bénéficiaires du RSA',
      theme: 'savoirs de base',
      context:
        'Maintenir une offre de proximité d’apprentissage des savoirs de base, adaptée aux bénéficiaires du RSA, sur chaque territoire.',
      fiches: ['18'],
      envelopeEuros: 60_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux'],
    },
  },
  'indre-et-loire': {
    open: {
      title: 'Groupes ressources et participation des usagers',
      theme: 'participation des usagers',
      context:
        'Le Département encourage les groupes ressources qui associent les allocataires à la vie locale et à l’évaluation des actions d’insertion.',
      fiches: ['2.1', '2.3'],
      envelopeEuros: 80_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux'],
    },
    decided: {
      title: 'Parcours emploi et contact avec l’entreprise',
      theme: 'parcours emploi',
      context:
        'Proposer à chaque allocataire accompagné un contact avec le monde du travail : visites d’entreprises, immersions, parrainage, appui au recrutement.',
      fiches: ['1.2', '3.2'],
      envelopeEuros: 110_000,
      eligiblePublics: ['beneficiaires-des-minimas-sociaux', 'demandeurs-emploi'],
    },
  },
};

/** The application form every demo call uses: each question type a real call asks for. */
export const DEMO_QUESTIONS: CallQuestion[] = [
  { key: 'project_title', label: 'Intitulé du projet', type: 'short_text', required: true },
  {
    key: 'description',
    label: 'Description du projet',
    type: 'long_text',
    required: true,
    help: 'Objectifs, public visé, déroulement, moyens humains.',
  },
  { key: 'commune', label: 'Commune ou intercommunalité principale', type: 'commune', required: true },
  { key: 'start_date', label: 'Date de démarrage prévue', type: 'date', required: true },
  { key: 'participants', label: 'Nombre de personnes accompagnées par an', type: 'number', required: true },
  {
    key: 'format',
    label: 'Format de l’action',
    type: 'choice',
    required: true,
    options: ['Individuel', 'Collectif', 'Mixte'],
  },
  {
    key: 'publics',
    label: 'Publics visés',
    type: 'multi_choice',
    required: true,
    options: [
      'Allocataires du RSA',
      'Jeunes de moins de 26 ans',
      'Demandeurs d’emploi de longue durée',
      'Familles monoparentales',
    ],
  },
  { key: 'has_partners', label: 'Le projet associe-t-il des partenaires ?', type: 'yes_no', required: true },
  {
    key: 'partners',
    label: 'Partenaires',
    type: 'repeat',
    required: true,
    showIf: { key: 'has_partners', equals: true },
    fields: [
      { key: 'name', label: 'Nom', type: 'short_text', required: true },
      { key: 'role', label: 'Rôle dans le projet', type: 'short_text', required: true },
    ],
  },
  { key: 'budget', label: 'Budget prévisionnel', type: 'budget_table', required: true },
  { key: 'cofunding', label: 'Cofinancements obtenus ou sollicités', type: 'amount', required: false },
  { key: 'project_sheet', label: 'Fiche projet détaillée (facultative)', type: 'file', required: false },
];

export const DEMO_DOCUMENTS: CallDocumentRequirement[] = [
  { key: 'statuts', label: 'Statuts de la structure', required: true },
  { key: 'rib', label: 'Relevé d’identité bancaire', required: true },
  { key: 'bilan_financier', label: 'Dernier bilan financier approuvé', required: false },
];

export const DEMO_GRID: GridCriterion[] = [
  {
    key: 'eligibility',
    label: 'Public et territoire éligibles',
    help: '0 si le projet ne s’adresse pas au public ou au territoire de l’appel.',
    weight: 1,
    scale: 1,
    eliminatory: true,
  },
  { key: 'relevance', label: 'Pertinence au regard des besoins et de la fiche action', weight: 4, scale: 5 },
  { key: 'feasibility', label: 'Faisabilité et moyens mobilisés', weight: 3, scale: 5 },
  { key: 'partnership', label: 'Ancrage partenarial et territorial', weight: 2, scale: 5 },
  { key: 'budget', label: 'Cohérence du budget', weight: 2, scale: 5 },
];
