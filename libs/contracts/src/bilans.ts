// Bilans (issue 15): one per agreement and year (or per funded offer and year, asked by an agent).
// What the platform computes from registrations is shown beside what the structure declares.
import { AGE_BANDS, PERSON_SITUATIONS, REGISTRATION_OUTCOMES, SEXES } from './registrations.js';

export const BILAN_STATUSES = ['to_come', 'open', 'submitted', 'changes_requested', 'validated'] as const;
export type BilanStatus = (typeof BILAN_STATUSES)[number];

export const BILAN_STATUS_LABELS: Record<BilanStatus, string> = {
  to_come: 'À venir',
  open: 'À remplir',
  submitted: 'Transmis',
  changes_requested: 'Compléments demandés',
  validated: 'Validé',
};

/**
 * The figures of a bilan, each computed from the registrations of the funded offer over the
 * bilan's period (people counted once per figure) and declarable by the structure.
 */
export const BILAN_FIGURE_KEYS = [
  // Volumes
  'registered',
  'accepted',
  'present',
  // By sex, age band and situation (among accepted people)
  ...SEXES.map((s) => `sex.${s}` as const),
  ...AGE_BANDS.map((a) => `age.${a}` as const),
  ...PERSON_SITUATIONS.map((s) => `situation.${s}` as const),
  // By channel (among accepted people)
  'channel.prescription',
  'channel.self',
  // Outcomes (among people whose participation ended)
  ...REGISTRATION_OUTCOMES.map((o) => `outcome.${o}` as const),
  // Sessions
  'sessions_held',
  'fill_rate',
] as const;
export type BilanFigureKey = (typeof BILAN_FIGURE_KEYS)[number];

export interface BilanFigureGroup {
  key: 'volumes' | 'sex' | 'age' | 'situation' | 'channel' | 'outcome' | 'sessions';
  label: string;
  figures: { key: BilanFigureKey; label: string; unit: 'personnes' | 'sessions' | '%' }[];
}

export const BILAN_FIGURE_GROUPS: readonly BilanFigureGroup[] = [
  {
    key: 'volumes',
    label: 'Volumes',
    figures: [
      { key: 'registered', label: 'Personnes inscrites', unit: 'personnes' },
      { key: 'accepted', label: 'Personnes entrées (inscription acceptée)', unit: 'personnes' },
      { key: 'present', label: 'Personnes présentes au moins une fois', unit: 'personnes' },
    ],
  },
  {
    key: 'sex',
    label: 'Par sexe',
    figures: [
      { key: 'sex.female', label: 'Femmes', unit: 'personnes' },
      { key: 'sex.male', label: 'Hommes', unit: 'personnes' },
      { key: 'sex.unspecified', label: 'Non renseigné', unit: 'personnes' },
    ],
  },
  {
    key: 'age',
    label: 'Par tranche d’âge',
    figures: [
      { key: 'age.under-26', label: 'Moins de 26 ans', unit: 'personnes' },
      { key: 'age.26-44', label: '26 à 44 ans', unit: 'personnes' },
      { key: 'age.45-54', label: '45 à 54 ans', unit: 'personnes' },
      { key: 'age.55-plus', label: '55 ans et plus', unit: 'personnes' },
    ],
  },
  {
    key: 'situation',
    label: 'Par situation',
    figures: [
      { key: 'situation.rsa', label: 'Bénéficiaires du RSA', unit: 'personnes' },
      { key: 'situation.young', label: 'Jeunes', unit: 'personnes' },
      { key: 'situation.job_seeker', label: 'Demandeurs d’emploi', unit: 'personnes' },
      { key: 'situation.other', label: 'Autres', unit: 'personnes' },
    ],
  },
  {
    key: 'channel',
    label: 'Par canal',
    figures: [
      { key: 'channel.prescription', label: 'Prescrites par un référent', unit: 'personnes' },
      { key: 'channel.self', label: 'Inscrites par elles-mêmes', unit: 'personnes' },
    ],
  },
  {
    key: 'outcome',
    label: 'Sorties',
    figures: [
      { key: 'outcome.employment', label: 'Emploi', unit: 'personnes' },
      { key: 'outcome.training', label: 'Formation', unit: 'personnes' },
      { key: 'outcome.other_insertion_action', label: 'Autre action d’insertion', unit: 'personnes' },
      { key: 'outcome.no_follow_up', label: 'Sans suite', unit: 'personnes' },
      { key: 'outcome.gave_up', label: 'Abandon', unit: 'personnes' },
    ],
  },
  {
    key: 'sessions',
    label: 'Sessions',
    figures: [
      { key: 'sessions_held', label: 'Sessions tenues', unit: 'sessions' },
      { key: 'fill_rate', label: 'Taux de remplissage moyen', unit: '%' },
    ],
  },
];

/** One figure: computed by the platform, declared by the structure (with its justification). */
export interface BilanFigure {
  key: BilanFigureKey;
  label: string;
  unit: 'personnes' | 'sessions' | '%';
  /** From the registrations (frozen at submission); null when the platform cannot know it. */
  computed: number | null;
  /** What the structure declares instead (e.g. people not registered through the platform). */
  declared: number | null;
  /** Required when `declared` differs from `computed`. */
  justification: string | null;
}

/** One of the agreement's indicators (from the plan), the value the structure reports. */
export interface BilanIndicatorValue {
  indicatorId: string | null;
  label: string;
  unit: string;
  target: number | null;
  value: number | null;
  comment: string;
}

/** Euros. */
export interface BilanBudgetLine {
  label: string;
  /** Planned in the application's budget (null for a line added in the bilan). */
  planned: number | null;
  spent: number;
}

export interface BilanMoney {
  /** The agreement's amount (euros). */
  granted: number;
  /** The agreement's schedule: the tranches due by today. */
  paid: number;
  /** Sum of the budget lines' spent. */
  spent: number;
  lines: BilanBudgetLine[];
}

export interface BilanDocument {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface BilanEvent {
  fromStatus: BilanStatus | null;
  toStatus: BilanStatus;
  actorName: string | null;
  message: string | null;
  at: string;
}

export interface BilanSummary {
  id: string;
  agreementId: string | null;
  agreementTitle: string | null;
  offerId: string | null;
  offerTitle: string | null;
  organizationId: string;
  organizationName: string;
  year: number;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: BilanStatus;
  /** Past the due date and not submitted (or sent back and not resubmitted). */
  overdue: boolean;
  submittedAt: string | null;
  validatedAt: string | null;
}

export interface Bilan extends BilanSummary {
  figures: BilanFigure[];
  indicators: BilanIndicatorValue[];
  money: BilanMoney;
  whatWorked: string;
  difficulties: string;
  outlook: string;
  documents: BilanDocument[];
  /** The agent's last request for changes. */
  changesMessage: string | null;
  events: BilanEvent[];
  version: number;
  /** What the reader may do now (the policy and the lifecycle both say yes). */
  can: { edit: boolean; submit: boolean; requestChanges: boolean; validate: boolean };
}

/** PATCH …/bilans/{id}: every part optional; `version` is the one read (409 `stale` otherwise). */
export interface BilanWrite {
  version: number;
  /** Per figure: a declared value (null to clear it) and its justification. */
  declared?: Partial<Record<BilanFigureKey, { value: number | null; justification?: string | null }>>;
  indicators?: { indicatorId: string | null; label: string; value: number | null; comment?: string }[];
  budgetLines?: BilanBudgetLine[];
  whatWorked?: string;
  difficulties?: string;
  outlook?: string;
}

/** POST …/bilans: an agent asks for a bilan of a funded offer outside the agreements' schedule. */
export interface BilanCreate {
  offerId: string;
  year: number;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

export const BILAN_LIMITS = {
  text: 10000,
  justification: 1000,
  comment: 1000,
  changesMessage: 4000,
  budgetLines: 50,
  budgetLabel: 200,
  indicators: 100,
  /** A declared count or indicator value. */
  valueMax: 10_000_000,
} as const;
