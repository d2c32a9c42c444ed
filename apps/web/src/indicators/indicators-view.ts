// Pure helpers of the indicators page: the filters in the address, figures as text, CSV links.
import { SMALL_COUNT_MIN, type Figure, type IndicatorTable } from '@catalogue/contracts';

export interface FilterState {
  year: number | null;
  axis: string;
  fiche: string;
  theme: string;
  territory: string;
}

export const FILTER_KEYS = ['year', 'axis', 'fiche', 'theme', 'territory'] as const;

/** The filters carried by `?year=…&axis=…` (unknown parameters ignored). */
export function filtersFromSearch(search: string): FilterState {
  const p = new URLSearchParams(search);
  const year = Number(p.get('year'));
  return {
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : null,
    axis: p.get('axis') ?? '',
    fiche: p.get('fiche') ?? '',
    theme: p.get('theme') ?? '',
    territory: p.get('territory') ?? '',
  };
}

/** The query string of `f` (empty filters left out), without `?`. */
export function searchOf(f: FilterState): string {
  const p = new URLSearchParams();
  if (f.year !== null) p.set('year', String(f.year));
  for (const k of ['axis', 'fiche', 'theme', 'territory'] as const) if (f[k]) p.set(k, f[k]);
  return p.toString();
}

/** Where a table's CSV is downloaded, with the page's filters. */
export function csvHref(slug: string, table: IndicatorTable, f: FilterState): string {
  const q = searchOf(f);
  return `/api/v1/tenants/${encodeURIComponent(slug)}/indicators.csv?table=${table}${q ? `&${q}` : ''}`;
}

export const HIDDEN_TEXT = `< ${SMALL_COUNT_MIN}`;
const num = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A count or value as shown: « < 5 » when hidden, « — » when unknown. */
export function figureText(f: Figure | { value: number | null; hidden: boolean }): string {
  if (f.hidden) return HIDDEN_TEXT;
  return f.value === null ? '—' : num.format(f.value);
}

/** A rate (0..1) as « 47,8 % ». */
export function rateText(f: { value: number | null; hidden: boolean }): string {
  if (f.hidden) return HIDDEN_TEXT;
  return f.value === null
    ? '—'
    : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(f.value * 100)}\u202f%`;
}

/** A median with its unit: « 7,5 h », « 19 jours ». */
export function medianText(f: Figure, unit: 'h' | 'jours'): string {
  if (f.hidden || f.value === null) return figureText(f);
  return unit === 'h' ? `${num.format(f.value)}\u202fh` : `${num.format(f.value)}\u00a0jour${f.value >= 2 ? 's' : ''}`;
}

/** Progress toward a target, as a width for a bar (0..100, capped) and a label; null without one. */
export function progressOf(progress: number | null): { width: number; label: string } | null {
  if (progress === null) return null;
  return {
    width: Math.max(0, Math.min(100, Math.round(progress * 100))),
    label: `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(progress * 100)}\u202f%`,
  };
}

/** Rows a chart can draw: hidden or unknown values left out (the table beside says « < 5 »). */
export function chartRows<T>(rows: T[], figure: (r: T) => Figure, label: (r: T) => string, max = 12) {
  const kept = rows.filter((r) => !figure(r).hidden && figure(r).value !== null).slice(0, max);
  return {
    labels: kept.map(label),
    values: kept.map((r) => figure(r).value as number),
    left: rows.length - kept.length,
  };
}
