// Indicators (issue 15): the shared pieces of the indicators page and the execution report.

/**
 * A figure computed from fewer people than this is hidden, not shown (statistical secrecy):
 * 1 to 4 people give `null` and `hidden: true`; 0 is shown.
 */
export const SMALL_COUNT_MIN = 5;

/** A people count as it may be shown. */
export function shownCount(n: number): { value: number | null; hidden: boolean } {
  return n > 0 && n < SMALL_COUNT_MIN ? { value: null, hidden: true } : { value: n, hidden: false };
}

/** Where a figure comes from, named beside it. */
export const FIGURE_SOURCES = ['registrations', 'bilans', 'manual', 'agreements'] as const;
export type FigureSource = (typeof FIGURE_SOURCES)[number];
export const FIGURE_SOURCE_LABELS: Record<FigureSource, string> = {
  registrations: 'Inscriptions',
  bilans: 'Bilans validés',
  manual: 'Saisie',
  agreements: 'Conventions',
};

/** One plan indicator for one year: its target beside what was achieved. */
export interface PlanIndicatorFigure {
  indicatorId: string;
  axisId: string;
  axisNumber: number;
  axisTitle: string;
  ficheId: string;
  ficheNumber: string;
  ficheTitle: string;
  label: string;
  unit: string;
  measure: 'manual' | 'registrations' | 'bilans';
  source: FigureSource;
  target: number | null;
  /** Null when unknown, or hidden (small numbers). */
  achieved: number | null;
  hidden: boolean;
  /** achieved / target (0..n), null without both. */
  progress: number | null;
  /** The hand entry's note, for `manual`. */
  note: string | null;
}

// ---- The indicators page (GET /tenants/{slug}/indicators) -------------------------------------

/** One shown figure: a count, rate or median, its source named, hidden under the small-number rule. */
export interface Figure {
  /** Null when hidden (fewer than SMALL_COUNT_MIN people) or unknown (no data). */
  value: number | null;
  hidden: boolean;
  source: FigureSource;
}

/** A rate or median computed from `base` people: hidden when 1 to 4 people (or none: unknown). */
export function figureFromBase(value: number | null, base: number, source: FigureSource = 'registrations'): Figure {
  if (base > 0 && base < SMALL_COUNT_MIN) return { value: null, hidden: true, source };
  return { value: base === 0 ? null : value, hidden: false, source };
}

/** A people count under the small-number rule. */
export function countFigure(n: number, source: FigureSource = 'registrations'): Figure {
  return { ...shownCount(n), source };
}

export const INDICATOR_CHANNELS = ['prescription', 'self'] as const;
export type IndicatorChannel = (typeof INDICATOR_CHANNELS)[number];
export const INDICATOR_CHANNEL_LABELS: Record<IndicatorChannel, string> = {
  prescription: 'Prescription',
  self: 'Inscription directe',
};

export const INDICATOR_REFUSAL_LABELS: Record<string, string> = {
  full: 'Complet',
  prerequisites_not_met: 'Ne correspond pas aux prérequis',
  unreachable: 'Personne non joignable',
  duplicate: 'Doublon',
  other: 'Autre motif',
};

/** The tables of the page, each exported as CSV (`indicators.csv?table=`). */
export const INDICATOR_TABLES = ['plan', 'channels', 'refusals', 'sessions', 'themes', 'territories', 'years'] as const;
export type IndicatorTable = (typeof INDICATOR_TABLES)[number];

/** The filters of the page, as the query string carries them. */
export interface IndicatorFilters {
  year: number;
  axis: string | null;
  fiche: string | null;
  /** A thématique or category code of the data·inclusion taxonomy. */
  theme: string | null;
  /** An EPCI code (9 digits), or a territory code or id of the tenant: where the people live. */
  territory: string | null;
}

/** Territory filter: an EPCI's SIREN code, or the id of one of the tenant's territories. */
export const EPCI_CODE = /^[0-9]{9}$/;

export interface SessionFill {
  id: string;
  offerId: string;
  offerTitle: string;
  startsAt: string;
  capacity: number;
  accepted: Figure;
  /** accepted / capacity (0..1). */
  fillRate: Figure;
}

export interface RegistrationIndicators {
  /** Registrations made during the year (Paris time), and the distinct people behind them. */
  registrations: Figure;
  people: Figure;
  byChannel: { channel: IndicatorChannel; label: string; registrations: Figure }[];
  /** Among the decided requests (accepted at some point, or refused). */
  accepted: Figure;
  refused: Figure;
  acceptanceRate: Figure;
  refusalRate: Figure;
  refusalReasons: { reason: string; label: string; registrations: Figure }[];
  medianHoursToDecision: Figure;
  /** Sessions starting during the year: their seats and the people accepted. */
  sessions: { count: number; capacity: number; accepted: Figure; fillRate: Figure; items: SessionFill[] };
  /** On the wait lists now (whatever the year), and the year's promotions from a wait list. */
  waitlistNow: Figure;
  promotions: Figure;
  /** Absent without excuse among the recorded attendance. */
  noShowRate: Figure;
  /** From the request to the start of the session attended, in days. */
  medianDaysToFirstAttendance: Figure;
}

export interface IndicatorBreakdownRow {
  code: string;
  label: string;
  registrations: Figure;
  people: Figure;
  accepted: Figure;
}

export interface IndicatorTerritoryRow extends IndicatorBreakdownRow {
  kind: 'epci' | 'territory' | 'unknown';
}

export interface IndicatorYearRow {
  year: number;
  registrations: Figure;
  people: Figure;
  accepted: Figure;
}

export interface IndicatorsReport {
  filters: IndicatorFilters;
  /** Years with registrations or in the plan's period, newest first. */
  years: number[];
  plan: PlanIndicatorFigure[];
  registrations: RegistrationIndicators;
  /** By thématique of the offers (an offer of several thématiques counts in each). */
  byTheme: IndicatorBreakdownRow[];
  /** By EPCI of the person's commune, then by the tenant's territories. */
  byTerritory: IndicatorTerritoryRow[];
  /** Every year available, under the same filters except the year. */
  byYear: IndicatorYearRow[];
}
