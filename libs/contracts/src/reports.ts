// The plan's execution report (issue 15), in the shape of the Drôme's 2019 report: per axe and fiche
// its description, objective, public, means, funding (voted, committed, paid), indicators (target
// beside achieved) and the year's progress text; a summary table at the top. The JSON, the printable
// page, the PDF and the spreadsheet are all built from `ExecutionReport`, so they carry the same
// figures. Amounts in euros.
import type { FigureSource } from './indicators.js';
import type { IndicatorMeasure } from './funding.js';

export const REPORT_YEAR_MIN = 1990;
export const REPORT_YEAR_MAX = 2100;

export const REPORT_LIMITS = {
  progress: 20_000,
  note: 1000,
  /** A hand-entered value, either sign. */
  valueMax: 1_000_000_000_000,
  /** The amount voted for a fiche, in euros. */
  votedMax: 1_000_000_000,
  valuesPerFiche: 30,
} as const;

/**
 * Funding of a fiche for the year, in euros.
 * - voted: what the département voted for the fiche (typed in; null when not given);
 * - committed: amounts of the agreements signed, running or closed whose action runs during the
 *   year (its dates overlap the year) and whose call serves the fiche; an agreement whose call
 *   serves several fiches is split equally between them (cents: the remainder to the first ones,
 *   in plan order), so that the fiches add up to the agreements;
 * - paid: the tranches of those agreements' schedules due within the year and not after today,
 *   split the same way.
 */
export interface ReportFunding {
  voted: number | null;
  committed: number;
  paid: number;
}

export interface ReportIndicator {
  indicatorId: string;
  label: string;
  unit: string;
  measure: IndicatorMeasure;
  source: FigureSource;
  target: number | null;
  /** Null when unknown or hidden. */
  achieved: number | null;
  /** Computed from 1 to 4 people: not shown. */
  hidden: boolean;
  /** achieved / target, null without both. */
  progress: number | null;
  note: string | null;
}

export interface ReportFiche {
  id: string;
  number: string;
  title: string;
  description: string | null;
  objective: string | null;
  publicText: string | null;
  means: string | null;
  funding: ReportFunding;
  indicators: ReportIndicator[];
  /** « État d’avancement » for the year: empty when nobody wrote it. */
  progress: string;
  progressUpdatedAt: string | null;
  progressUpdatedBy: string | null;
}

export interface ReportAxis {
  id: string;
  number: number;
  title: string;
  description: string | null;
  fiches: ReportFiche[];
}

/** A line of the summary table (a fiche, an axe, or the whole plan). */
export interface ReportSummaryLine {
  label: string;
  indicators: number;
  /** Indicators with both a target and a shown achieved value. */
  measured: number;
  /** Of those, achieved ≥ target. */
  reached: number;
  funding: ReportFunding;
}

export interface ReportSummary {
  axes: (ReportSummaryLine & { number: number; fiches: (ReportSummaryLine & { number: string })[] })[];
  total: ReportSummaryLine;
}

/** GET /tenants/{slug}/reports/execution?year= */
export interface ExecutionReport {
  tenant: { slug: string; name: string };
  plan: { id: string; name: string; periodStart: number; periodEnd: number };
  year: number;
  generatedAt: string;
  summary: ReportSummary;
  axes: ReportAxis[];
}

/** PUT /tenants/{slug}/reports/execution/{year}/fiches/{ficheId}: what an agent writes for a fiche. */
export interface ReportFicheWrite {
  progress?: string;
  /** Euros; null clears it. */
  voted?: number | null;
  /** Hand entries, only for `manual` indicators of the fiche; value null removes the entry. */
  values?: { indicatorId: string; value: number | null; note?: string | null }[];
}

const isReached = (i: ReportIndicator) => i.achieved !== null && i.target !== null && i.achieved >= i.target;
const isMeasured = (i: ReportIndicator) => i.achieved !== null && i.target !== null;

const addFunding = (a: ReportFunding, b: ReportFunding): ReportFunding => ({
  voted: a.voted === null && b.voted === null ? null : Math.round(((a.voted ?? 0) + (b.voted ?? 0)) * 100) / 100,
  committed: Math.round((a.committed + b.committed) * 100) / 100,
  paid: Math.round((a.paid + b.paid) * 100) / 100,
});
const NO_FUNDING: ReportFunding = { voted: null, committed: 0, paid: 0 };

function line(label: string, indicators: ReportIndicator[], funding: ReportFunding): ReportSummaryLine {
  return {
    label,
    indicators: indicators.length,
    measured: indicators.filter(isMeasured).length,
    reached: indicators.filter(isReached).length,
    funding,
  };
}

/** The summary table, computed from the axes (so it cannot disagree with them). */
export function reportSummary(axes: ReportAxis[]): ReportSummary {
  const summaryAxes = axes.map((a) => {
    const fiches = a.fiches.map((f) => ({
      number: f.number,
      ...line(`Fiche ${f.number} – ${f.title}`, f.indicators, f.funding),
    }));
    const all = a.fiches.flatMap((f) => f.indicators);
    const funding = a.fiches.reduce((s, f) => addFunding(s, f.funding), NO_FUNDING);
    return { number: a.number, ...line(`Axe ${a.number} – ${a.title}`, all, funding), fiches };
  });
  const allIndicators = axes.flatMap((a) => a.fiches.flatMap((f) => f.indicators));
  const total = summaryAxes.reduce((s, a) => addFunding(s, a.funding), NO_FUNDING);
  return { axes: summaryAxes, total: line('Ensemble du plan', allIndicators, total) };
}

/**
 * Splits `cents` between `n` fiches: equal parts, the remainder's cents to the first ones, so the
 * parts add up to the whole.
 */
export function splitCents(cents: number, n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(cents / n);
  const rest = cents - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}

/** `rapport-execution-drome-2026.pdf` */
export const reportFileName = (slug: string, year: number, ext: 'pdf' | 'xlsx'): string =>
  `rapport-execution-${slug}-${year}.${ext}`;

const nbsp = '\u202f';
/** « 85 % », « — » without a value. */
export const formatProgress = (p: number | null): string =>
  p === null ? '—' : `${Math.round(p * 100).toLocaleString('fr-FR')}${nbsp}%`;

/** « 12 500,00 € », « — » for null. */
export const formatReportEuros = (euros: number | null): string =>
  euros === null
    ? '—'
    : `${euros.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${nbsp}€`.replace(
        /\u00a0/g,
        nbsp,
      );

/** A figure as the report shows it: « < 5 » when hidden, « — » when unknown. */
export const formatFigure = (value: number | null, hidden = false): string =>
  hidden ? '<\u00a05' : value === null ? '—' : value.toLocaleString('fr-FR').replace(/\u00a0/g, nbsp);

/** Years a report may be asked for. */
export const isReportYear = (y: unknown): y is number =>
  typeof y === 'number' && Number.isInteger(y) && y >= REPORT_YEAR_MIN && y <= REPORT_YEAR_MAX;
