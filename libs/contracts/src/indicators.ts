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
  ficheId: string;
  ficheNumber: string;
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
