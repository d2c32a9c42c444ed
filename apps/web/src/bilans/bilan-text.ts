// The bilans' words (pure, unit-tested in node): status badges, the period and the due date in
// French, the years a list can be filtered on, and the line that says a bilan is late.
import { BILAN_STATUS_LABELS, type BilanStatus, type BilanSummary } from '@catalogue/contracts';
import { dayLabel } from '../agreements/agreement-text.js';

export const BILAN_BADGE: Record<BilanStatus, string> = {
  to_come: '',
  open: 'fr-badge--new',
  submitted: 'fr-badge--info',
  changes_requested: 'fr-badge--warning',
  validated: 'fr-badge--success',
};

export const statusLabel = (s: BilanStatus): string => BILAN_STATUS_LABELS[s] ?? s;

/** « du 1er novembre 2025 au 31 octobre 2026 ». */
export const periodLabel = (b: Pick<BilanSummary, 'periodStart' | 'periodEnd'>): string =>
  `du ${dayLabel(b.periodStart)} au ${dayLabel(b.periodEnd)}`;

/** « 31 décembre 2026 ». */
export const dueLabel = (b: Pick<BilanSummary, 'dueOn'>): string => dayLabel(b.dueOn);

/** What the bilan is about: the agreement's title, else the offer's. */
export const subjectOf = (b: Pick<BilanSummary, 'agreementTitle' | 'offerTitle' | 'year'>): string =>
  b.agreementTitle ?? b.offerTitle ?? `Bilan ${b.year}`;

/** The years present in a list, newest first, plus `current` (so a filter always offers it). */
export function yearsOf(items: readonly Pick<BilanSummary, 'year'>[], current: number): number[] {
  return [...new Set([current, ...items.map((i) => i.year)])].sort((a, b) => b - a);
}

/** Late bilans first, then by due date, then by subject: what needs doing comes first. */
export function sortBilans<T extends BilanSummary>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      a.dueOn.localeCompare(b.dueOn) ||
      subjectOf(a).localeCompare(subjectOf(b), 'fr'),
  );
}
